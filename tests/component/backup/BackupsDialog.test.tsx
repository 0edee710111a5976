import 'fake-indexeddb/auto';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BackupStore } from '../../../renderer/src/backup/backup-store.ts';
import { BackupsDialog } from '../../../renderer/src/backup/BackupsDialog.tsx';
import { commit } from '../../../renderer/src/store/commit.ts';
import { ledgerLines } from '../../../renderer/src/store/queries.ts';
import { RegistryDb, createWorkspace, listWorkspaces } from '../../../renderer/src/store/workspaces.ts';

describe('BackupsDialog', () => {
  it('sets the schedule, backs up now, and restores over this workspace after confirming or as a new one', async () => {
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
    await user.click(within(dialog).getByRole('button', { name: 'Replace this workspace…' }));
    expect(within(dialog).getByRole('region', { name: 'Restore' })).toHaveTextContent(/Replace everything in this workspace/);
    await user.click(within(dialog).getByRole('button', { name: 'Yes, replace this workspace' }));
    expect(await within(dialog).findByText(/^This workspace now holds the backup of .*: 1 ledger entries\.$/)).toBeInTheDocument();
    expect((await db.workspace.toArray())[0]?.name).toBe('Dialog backups');

    await user.click(within(dialog).getByRole('button', { name: /^Restore the backup of / }));
    await user.click(within(dialog).getByRole('button', { name: 'As a new workspace' }));
    expect(await within(dialog).findByText(/^Restored as “Dialog backups \(restored .*\)” \(a copy: its first change hands signing over to its own key\)\.$/)).toBeInTheDocument();
    const id = onOpen.mock.calls[0]![0] as string;
    expect((await listWorkspaces(registry)).some((w) => w.id === id)).toBe(true);
  });
});
