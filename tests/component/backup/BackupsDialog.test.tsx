import 'fake-indexeddb/auto';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BackupStore } from '../../../renderer/src/backup/backup-store.ts';
import { BackupsDialog } from '../../../renderer/src/backup/BackupsDialog.tsx';
import { commit } from '../../../renderer/src/store/commit.ts';
import { backUpWorkspace } from '../../../renderer/src/backup/backups.ts';
import { DeskDb, workspaceDbName } from '../../../renderer/src/store/db.ts';
import { importLedger, registryIdOf } from '../../../renderer/src/store/import-ledger.ts';
import { ledgerLines } from '../../../renderer/src/store/queries.ts';
import { RegistryDb, createWorkspace, listWorkspaces } from '../../../renderer/src/store/workspaces.ts';

describe('BackupsDialog', () => {
  it('sets the schedule, backs up now, and restores as a new workspace; restoring an older backup into this one changes nothing and says to restore it as new', async () => {
    const registry = new RegistryDb();
    const db = await createWorkspace(registry, 'Dialog backups', 'ana');
    const store = new BackupStore(undefined, 'backups-dialog-test');
    const onOpen = vi.fn();
    const user = userEvent.setup();
    render(<BackupsDialog db={db} registry={registry} store={store} actor="ana" onOpenWorkspace={onOpen} onClose={() => undefined} />);
    const dialog = screen.getByRole('dialog', { name: 'Backups' });
    const schedule = await within(dialog).findByRole('combobox', { name: 'Schedule' });
    expect(schedule).toHaveValue('daily');
    expect(within(dialog).getByRole('spinbutton', { name: 'Keep' })).toHaveValue(7);
    expect(within(dialog).getByText('No backups of this workspace yet.')).toBeInTheDocument();
    await user.selectOptions(schedule, 'hourly');
    expect(await store.settings()).toEqual({ schedule: 'hourly', keep: 7 });

    await user.click(within(dialog).getByRole('button', { name: 'Back up now' }));
    expect(await within(dialog).findByText(/^Backed up: 1 ledger entries, /)).toBeInTheDocument();
    const table = await within(dialog).findByRole('table', { name: 'Backups of this workspace' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    const lines = await ledgerLines(db);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: 'packet.exported', payload: { includesSources: true } });

    await commit(db, 'ana', { type: 'workspace.renamed', payload: { from: 'Dialog backups', to: 'Renamed later' } });
    await user.click(within(table).getByRole('button', { name: /^Restore the backup of / }));
    const choice = within(dialog).getByRole('region', { name: 'Restore' });
    expect(choice).toHaveTextContent(/\(1 ledger entry\):/);
    expect(choice).toHaveTextContent('Bring back lost entries only adds to this workspace the entries of the backup it no longer holds: the ledger is append-only, so nothing here is removed or replaced');
    expect(within(choice).queryByRole('button', { name: /replace/i })).toBeNull();
    await user.click(within(choice).getByRole('button', { name: 'Bring back lost entries' }));
    expect(
      await within(dialog).findByText(
        /^Nothing was restored from the backup of .*: the workspace already holds the one entry of this backup and 2 entries made since; nothing was changed; to see the workspace as it was at this backup, restore it as a new workspace\.$/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect((await db.workspace.toArray())[0]?.name).toBe('Renamed later');
    expect(await ledgerLines(db)).toHaveLength(3);

    await user.click(within(dialog).getByRole('button', { name: /^Restore the backup of / }));
    await user.click(within(dialog).getByRole('button', { name: 'As a new workspace' }));
    expect(await within(dialog).findByText(/^Restored as “Dialog backups \(restored .*\)” \(a copy: its first change hands signing over to its own key\)\.$/)).toBeInTheDocument();
    const id = onOpen.mock.calls[0]![0] as string;
    expect((await listWorkspaces(registry)).some((w) => w.id === id)).toBe(true);
  });

  it('brings back the entries a workspace lost from its backup, keeping what it has', async () => {
    const registry = new RegistryDb();
    const db = await createWorkspace(registry, 'Lost entries', 'ana');
    const id = registryIdOf(db);
    await commit(db, 'ana', { type: 'workspace.renamed', payload: { from: 'Lost entries', to: 'Found entries' } });
    const store = new BackupStore(undefined, 'backups-dialog-lost-test');
    const backup = await backUpWorkspace(store, db, 'ana', { keep: 7 });
    expect(backup.ledgerSize).toBe(2);
    // The database comes back with its first entry only (and its key).
    const first = (await ledgerLines(db)).slice(0, 1);
    const key = (await db.keys.get('signing'))!;
    await db.delete();
    const lost = new DeskDb(workspaceDbName(id));
    await importLedger(lost, first, { checkpoints: [] });
    await lost.keys.add(key);

    const user = userEvent.setup();
    render(<BackupsDialog db={lost} registry={registry} store={store} actor="ana" onOpenWorkspace={() => undefined} onClose={() => undefined} />);
    const dialog = screen.getByRole('dialog', { name: 'Backups' });
    const table = await within(dialog).findByRole('table', { name: 'Backups of this workspace' });
    await user.click(within(table).getByRole('button', { name: /^Restore the backup of / }));
    await user.click(within(dialog).getByRole('button', { name: 'Bring back lost entries' }));
    expect(await within(dialog).findByText(/^Brought back from the backup of .*: appended 1 entry from the backup \(entry 1\); the workspace now holds 2 entries, none removed\.$/)).toBeInTheDocument();
    expect((await lost.workspace.toArray())[0]?.name).toBe('Found entries');
    // The two entries, then the restore's own record.
    const lines = await ledgerLines(lost);
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2]!)).toMatchObject({ type: 'workspace.restored', actor: 'ana', payload: { how: 'in-place', appended: 1, size: 2 } });
    expect((await lost.keys.get('signing'))?.publicKey).toBe(key.publicKey);
  });
});
