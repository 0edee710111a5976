import 'fake-indexeddb/auto';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import type { Host, PickOptions } from '../../../renderer/src/host/host.ts';
import { PacketImportDialog } from '../../../renderer/src/packet/PacketImportDialog.tsx';
import { READ_ONLY_TEXT, ReadOnlyBanner } from '../../../renderer/src/packet/ReadOnlyBanner.tsx';
import { preparePacket } from '../../../renderer/src/packet/export.ts';
import { importPacket } from '../../../renderer/src/packet/import.ts';
import { commit } from '../../../renderer/src/store/commit.ts';
import { DeskDb, workspaceDbName } from '../../../renderer/src/store/db.ts';
import { canSignCheckpoints, importLedger } from '../../../renderer/src/store/import-ledger.ts';
import { ledgerLines } from '../../../renderer/src/store/queries.ts';
import { listWorkspaces } from '../../../renderer/src/store/workspaces.ts';
import { PACKET_PATHS } from '../../../shared/packet/packet.ts';
import { RegistryDb, fixtureWorkspace, forgeManifests } from './workspace-fixture.ts';

function pickingHost(name: string, bytes: Uint8Array): Pick<Host, 'pickFiles'> & { asked: PickOptions[]; next: { name: string; bytes: Uint8Array } } {
  const asked: PickOptions[] = [];
  const host = {
    asked,
    next: { name, bytes },
    pickFiles(options: PickOptions) {
      asked.push(options);
      return Promise.resolve({ ok: true as const, value: [{ name: host.next.name, mediaType: 'application/zip', bytes: host.next.bytes }] });
    },
  };
  return host;
}

describe('PacketImportDialog', () => {
  it('imports a verified packet as a new workspace that can sign, and offers to open it; only a copy without a key shows the read-only banner', async () => {
    const registry = new RegistryDb();
    const db = await fixtureWorkspace(registry, 'Import me');
    const { bytes } = await preparePacket(db, { draftIds: null, includeSources: false });
    const host = pickingHost('import-me.zip', bytes);
    const onOpen = vi.fn();
    const user = userEvent.setup();
    render(<PacketImportDialog host={host} registry={registry} onOpen={onOpen} onClose={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Choose packet…' }));
    // The workspace it came from is here: continuing it is offered beside a new workspace.
    const choice = await screen.findByRole('region', { name: 'Where to import' });
    expect(choice).toHaveTextContent('import-me.zip verifies: 8 ledger entries of the workspace “Import me”, which is on this computer as “Import me”.');
    expect(within(choice).getByRole('button', { name: 'Continue the workspace it came from' })).toBeEnabled();
    await user.click(within(choice).getByRole('button', { name: 'Import as a new workspace' }));
    expect(await screen.findByText(/Imported as “Import me \(imported\)”: 8 ledger entries, verified\./)).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Where to import' })).toBeNull();
    expect(host.asked[0]).toMatchObject({ filters: [{ name: 'Evidence packet', extensions: ['zip'] }], multiple: false });
    await user.click(screen.getByRole('button', { name: 'Open it' }));
    const id = onOpen.mock.calls[0]![0] as string;
    expect((await listWorkspaces(registry)).find((w) => w.id === id)?.name).toBe('Import me (imported)');
    const copy = new DeskDb(workspaceDbName(id));
    expect(await ledgerLines(copy)).toEqual(await ledgerLines(db));

    expect(await canSignCheckpoints(copy)).toBe(true);

    // A copy without a checkpoint to hand over from holds no key: read-only. Rendered beside the signing copy, only it shows the banner.
    const readOnly = new DeskDb('packet-import-dialog-read-only');
    await importLedger(readOnly, await ledgerLines(db), { checkpoints: [] });
    expect(await canSignCheckpoints(readOnly)).toBe(false);
    render(
      <>
        <ReadOnlyBanner db={copy} />
        <ReadOnlyBanner db={readOnly} />
      </>,
    );
    expect(await screen.findByRole('note')).toHaveTextContent(READ_ONLY_TEXT);
    expect(screen.getAllByRole('note')).toHaveLength(1);
  });

  it('continues the workspace it came from or a copy of it, append-only: nothing to add, entries appended, or refused with the offer kept', async () => {
    const registry = new RegistryDb();
    const original = await fixtureWorkspace(registry, 'Continue me');
    const first = await preparePacket(original, { draftIds: null, includeSources: false });
    const host = pickingHost('first.zip', first.bytes);
    const onOpen = vi.fn();
    const user = userEvent.setup();
    render(<PacketImportDialog host={host} registry={registry} onOpen={onOpen} onClose={() => undefined} />);

    // The original holds all of its own packet: nothing changes, and it says so.
    await user.click(screen.getByRole('button', { name: 'Choose packet…' }));
    await user.click(await screen.findByRole('button', { name: 'Continue the workspace it came from' }));
    expect(await screen.findByText('“Continue me”: the workspace already holds all 8 entries of this packet; nothing was changed.')).toBeInTheDocument();
    expect(await ledgerLines(original)).toHaveLength(8);

    // An unchanged copy of that packet, and a newer packet of the original: the copy is offered too, and takes the new entry.
    const imported = await importPacket(registry, first.bytes, { name: 'Colleague copy' });
    if (!imported.ok) throw new Error(imported.error);
    const copy = imported.value.db;
    await commit(original, 'ana', { type: 'claim.note-set', payload: { claimId: 'c1', from: '', to: 'later' } });
    const second = await preparePacket(original, { draftIds: null, includeSources: false });
    host.next = { name: 'second.zip', bytes: second.bytes };
    await user.click(screen.getByRole('button', { name: 'Choose packet…' }));
    const choice = await screen.findByRole('region', { name: 'Where to import' });
    expect(within(choice).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Continue the workspace it came from',
      'Continue the copy “Colleague copy”',
      'Import as a new workspace',
      'Cancel',
    ]);
    await user.click(within(choice).getByRole('button', { name: 'Continue the copy “Colleague copy”' }));
    expect(await screen.findByText(/^Continued “Colleague copy”: appended 1 entry from the packet \(entry 8\); the workspace now holds 9 entries, none removed; verified\./)).toBeInTheDocument();
    expect(await ledgerLines(copy)).toEqual(await ledgerLines(original));
    await user.click(screen.getByRole('button', { name: 'Open it' }));
    expect(onOpen).toHaveBeenLastCalledWith(imported.value.id);

    // The copy changes, the original too: two histories. Refused naming the entry; the copy is untouched and a new workspace is still offered.
    await commit(copy, 'bo', { type: 'claim.note-set', payload: { claimId: 'c1', from: 'later', to: 'seen by bo' } });
    await commit(original, 'ana', { type: 'claim.note-set', payload: { claimId: 'c1', from: 'later', to: 'seen by ana' } });
    const third = await preparePacket(original, { draftIds: null, includeSources: false });
    host.next = { name: 'third.zip', bytes: third.bytes };
    const before = await ledgerLines(copy);
    await user.click(screen.getByRole('button', { name: 'Choose packet…' }));
    await user.click(await screen.findByRole('button', { name: 'Continue the copy “Colleague copy”' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "Nothing was imported. third.zip: packet not added to this workspace: the packet's ledger and this workspace's differ at entry 9 (claim.note-set in the packet, workspace.key-added here)",
    );
    expect(await ledgerLines(copy)).toEqual(before);
    await user.click(within(screen.getByRole('region', { name: 'Where to import' })).getByRole('button', { name: 'Import as a new workspace' }));
    expect(await screen.findByText(/^Imported as “Continue me \(imported\)”: 10 ledger entries, verified\./)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the failed check naming the entry, and imports nothing', async () => {
    const registry = new RegistryDb();
    const db = await fixtureWorkspace(registry, 'Tampered');
    const { bytes } = await preparePacket(db, { draftIds: null, includeSources: false });
    const files = new Map(Object.entries(unzipSync(bytes)));
    const packet = new TextDecoder().decode(files.get(PACKET_PATHS.packet)).replace('"status":"unreviewed"', '"status":"supported"');
    files.set(PACKET_PATHS.packet, new TextEncoder().encode(packet));
    const forged = zipSync(Object.fromEntries(forgeManifests(files)));
    const listed = await listWorkspaces(registry);
    const user = userEvent.setup();
    render(<PacketImportDialog host={pickingHost('forged.zip', forged)} registry={registry} onOpen={() => undefined} onClose={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Choose packet…' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Nothing was imported. forged.zip: packet does not verify: packet-vs-ledger: packet.json claims c1 differs from the ledger in "status"');
    expect(within(alert).getByRole('list', { name: 'Verification checks' })).toHaveTextContent('✗ packet-vs-ledger');
    expect(await listWorkspaces(registry)).toEqual(listed);
  });
});
