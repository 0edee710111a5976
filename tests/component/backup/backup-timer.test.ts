// The backup timer (issue 9 item 7) with fake timers and a fake clock: due when the interval passed and
// the ledger grew; each backup in the ledger as packet.exported `backup:<time>`; the newest N kept.
// The workspace has no sources (fake-indexeddb under jsdom does not keep Blobs); changes are renames.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackupStore } from '../../../renderer/src/backup/backup-store.ts';
import { BACKUP_CHECK_INTERVAL_MS, SCHEDULE_INTERVAL_MS, startBackupTimer, type BackupRun } from '../../../renderer/src/backup/backups.ts';
import { commit } from '../../../renderer/src/store/commit.ts';
import { registryIdOf } from '../../../renderer/src/store/import-ledger.ts';
import { ledgerLines } from '../../../renderer/src/store/queries.ts';
import { RegistryDb, createWorkspace } from '../../../renderer/src/store/workspaces.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('startBackupTimer', () => {
  it('backs up when due, records it in the ledger, skips unchanged workspaces and keeps the newest N', async () => {
    const registry = new RegistryDb();
    const db = await createWorkspace(registry, 'Timed', 'ana');
    const id = registryIdOf(db);
    const store = new BackupStore(undefined, 'backups-timer-test');
    await store.setSettings({ schedule: 'daily', keep: 2 });
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const t0 = new Date('2026-05-01T08:00:00.000Z');
    vi.setSystemTime(t0);

    let resolveRuns: (runs: BackupRun[]) => void = () => undefined;
    const nextRuns = () => new Promise<BackupRun[]>((resolve) => (resolveRuns = resolve));
    const stop = startBackupTimer(registry, store, { actor: 'scheduler', onRuns: (runs) => resolveRuns(runs), onError: (m) => resolveRuns([{ workspaceId: '?', error: m }]) });

    // First check: no backup yet, so one is made.
    let pending = nextRuns();
    await vi.advanceTimersByTimeAsync(BACKUP_CHECK_INTERVAL_MS);
    let runs = await pending;
    const firstTime = new Date(t0.getTime() + BACKUP_CHECK_INTERVAL_MS).toISOString();
    expect(runs).toEqual([{ workspaceId: id, made: expect.objectContaining({ time: firstTime, ledgerSize: 1, ledgerSizeAfter: 2 }) as unknown }]);
    const last = JSON.parse((await ledgerLines(db)).at(-1)!) as { actor: string; type: string; payload: unknown };
    expect(last).toMatchObject({ actor: 'ana', type: 'packet.exported', payload: { fileName: `backup:${firstTime}`, checkpointSize: 1, includesSources: true } });

    // Five minutes later, and a day later with nothing changed: not due.
    pending = nextRuns();
    await vi.advanceTimersByTimeAsync(BACKUP_CHECK_INTERVAL_MS);
    expect(await pending).toEqual([]);
    vi.setSystemTime(new Date(t0.getTime() + SCHEDULE_INTERVAL_MS.daily! + BACKUP_CHECK_INTERVAL_MS));
    pending = nextRuns();
    await vi.advanceTimersByTimeAsync(BACKUP_CHECK_INTERVAL_MS);
    expect(await pending).toEqual([]);

    // A change, but within a day of the last backup: not due; after a day: due.
    for (const day of [1, 2, 3]) {
      await commit(db, 'ana', { type: 'workspace.renamed', payload: { from: day === 1 ? 'Timed' : `Timed ${day - 1}`, to: `Timed ${day}` } });
      vi.setSystemTime(new Date(t0.getTime() + day * SCHEDULE_INTERVAL_MS.daily! + 2 * BACKUP_CHECK_INTERVAL_MS));
      pending = nextRuns();
      await vi.advanceTimersByTimeAsync(BACKUP_CHECK_INTERVAL_MS);
      runs = await pending;
      expect(runs).toHaveLength(1);
      expect('made' in runs[0]!).toBe(true);
    }
    const kept = await store.list(id);
    expect(kept).toHaveLength(2);
    expect(kept[0]!.time > kept[1]!.time).toBe(true);
    expect(kept[0]!.ledgerSize).toBe((await ledgerLines(db)).length - 1);

    // Off: nothing more, however much changes.
    await store.setSettings({ schedule: 'off', keep: 2 });
    await commit(db, 'ana', { type: 'workspace.renamed', payload: { from: 'Timed 3', to: 'Timed 4' } });
    vi.setSystemTime(new Date(t0.getTime() + 30 * SCHEDULE_INTERVAL_MS.daily!));
    pending = nextRuns();
    await vi.advanceTimersByTimeAsync(BACKUP_CHECK_INTERVAL_MS);
    expect(await pending).toEqual([]);
    stop();
  });
});
