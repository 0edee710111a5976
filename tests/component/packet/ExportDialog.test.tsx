import 'fake-indexeddb/auto';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ExportDialog, overallProgress } from '../../../renderer/src/packet/ExportDialog.tsx';
import { buildInThread, type PacketBuilder } from '../../../renderer/src/packet/export.ts';
import { ledgerLines } from '../../../renderer/src/store/queries.ts';
import { openBagZip } from '../../../shared/packet/bagit.ts';
import { PACKET_PATHS } from '../../../shared/packet/packet.ts';
import { RegistryDb, captureHost, fixtureWorkspace } from './workspace-fixture.ts';

const drafts = [
  { id: 'd1', title: 'Flood story' },
  { id: 'd2', title: 'Second story' },
];

function packetJsonOf(zip: Uint8Array): { drafts: { id: string }[] } {
  const opened = openBagZip(zip);
  if (!opened.ok) throw new Error(opened.error);
  return JSON.parse(new TextDecoder().decode(opened.value.files.get(PACKET_PATHS.packet))) as { drafts: { id: string }[] };
}

describe('ExportDialog', () => {
  it('exports every draft by default, without source files, shows progress while building, then the outcome', async () => {
    const db = await fixtureWorkspace(new RegistryDb(), 'Dialog one', true);
    const before = (await ledgerLines(db)).length;
    const host = captureHost();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const builder: PacketBuilder = async (input, options) => {
      options.onProgress({ done: 10, total: 100, path: 'data/packet.json' });
      await gate;
      return buildInThread(input, options);
    };
    const user = userEvent.setup();
    render(<ExportDialog db={db} host={host} actor="ana" drafts={drafts} onClose={() => undefined} builder={builder} />);
    const dialog = screen.getByRole('dialog', { name: 'Export evidence packet' });
    expect(within(dialog).getByRole('checkbox', { name: 'Flood story' })).toBeChecked();
    expect(within(dialog).getByRole('checkbox', { name: 'Second story' })).toBeChecked();
    expect(within(dialog).getByRole('checkbox', { name: 'Include source files' })).not.toBeChecked();
    expect(within(dialog).getByText(/copyright may forbid/)).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Export…' }));
    await screen.findByText('Building the packet…');
    const bar = screen.getByRole('progressbar', { name: 'Export progress' });
    expect(Number(bar.getAttribute('value'))).toBeCloseTo(0.1 + 0.8 * 0.1);
    expect(within(dialog).getByRole('button', { name: 'Close' })).toBeDisabled();
    release();
    expect(await screen.findByText(/^Saved \/home\/ana\/Dialog-one-.*\.zip .*4 claims, 2 evidence items.*recorded in the ledger/)).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(packetJsonOf(host.saved[0]!.bytes).drafts.map((d) => d.id)).toEqual(['d1', 'd2']);
    expect(await ledgerLines(db)).toHaveLength(before + 1);
  });

  it('exports only the chosen drafts, passing the source-files choice to the build', async () => {
    const db = await fixtureWorkspace(new RegistryDb(), 'Dialog two', true);
    const host = captureHost();
    const asked: boolean[] = [];
    const builder: PacketBuilder = (input, options) => {
      asked.push(options.includeSources);
      return buildInThread(input, options);
    };
    const user = userEvent.setup();
    render(<ExportDialog db={db} host={host} actor="ana" drafts={drafts} onClose={() => undefined} builder={builder} />);
    await user.click(screen.getByRole('checkbox', { name: 'Flood story' }));
    await user.click(screen.getByRole('checkbox', { name: 'Include source files' }));
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    expect(await screen.findByText(/^Saved .*2 claims, 0 evidence items/)).toBeInTheDocument();
    expect(packetJsonOf(host.saved[0]!.bytes).drafts.map((d) => d.id)).toEqual(['d2']);
    expect(asked).toEqual([true]);
  });

  it('cannot export with no draft chosen', async () => {
    const db = await fixtureWorkspace(new RegistryDb(), 'Dialog none', true);
    const user = userEvent.setup();
    render(<ExportDialog db={db} host={captureHost()} actor="ana" drafts={drafts} onClose={() => undefined} builder={buildInThread} />);
    await user.click(screen.getByRole('checkbox', { name: 'Flood story' }));
    await user.click(screen.getByRole('checkbox', { name: 'Second story' }));
    expect(screen.getByRole('button', { name: 'Export…' })).toBeDisabled();
  });

  it('shows why an export failed and records nothing', async () => {
    const db = await fixtureWorkspace(new RegistryDb(), 'Dialog three');
    const before = (await ledgerLines(db)).length;
    const host = { saveFile: () => Promise.resolve({ ok: false as const, error: 'packet.zip could not be saved: disk full' }) };
    const user = userEvent.setup();
    render(<ExportDialog db={db} host={host} actor="ana" drafts={drafts.slice(0, 1)} onClose={() => undefined} builder={buildInThread} />);
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The packet was not exported: packet.zip could not be saved: disk full');
    expect(await ledgerLines(db)).toHaveLength(before + 0);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Close' })).toBeEnabled());
  });

  it('weights the phases into one bar', () => {
    expect(overallProgress({ phase: 'checkpoint', done: 0, total: 1 })).toBe(0);
    expect(overallProgress({ phase: 'building', done: 50, total: 100 })).toBeCloseTo(0.5);
    expect(overallProgress({ phase: 'recording', done: 1, total: 1 })).toBeCloseTo(1);
  });
});
