import 'fake-indexeddb/auto';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import type { Host, PickOptions } from '../../../renderer/src/host/host.ts';
import { PacketImportDialog } from '../../../renderer/src/packet/PacketImportDialog.tsx';
import { READ_ONLY_TEXT, ReadOnlyBanner } from '../../../renderer/src/packet/ReadOnlyBanner.tsx';
import { preparePacket } from '../../../renderer/src/packet/export.ts';
import { DeskDb, workspaceDbName } from '../../../renderer/src/store/db.ts';
import { canSignCheckpoints, importLedger } from '../../../renderer/src/store/import-ledger.ts';
import { ledgerLines } from '../../../renderer/src/store/queries.ts';
import { listWorkspaces } from '../../../renderer/src/store/workspaces.ts';
import { PACKET_PATHS } from '../../../shared/packet/packet.ts';
import { RegistryDb, fixtureWorkspace, forgeManifests } from './workspace-fixture.ts';

function pickingHost(name: string, bytes: Uint8Array): Pick<Host, 'pickFiles'> & { asked: PickOptions[] } {
  const asked: PickOptions[] = [];
  return {
    asked,
    pickFiles(options) {
      asked.push(options);
      return Promise.resolve({ ok: true, value: [{ name, mediaType: 'application/zip', bytes }] });
    },
  };
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
    expect(await screen.findByText(/Imported as “Import me \(imported\)”: 8 ledger entries, verified\./)).toBeInTheDocument();
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
