// Backup rules and storage (issue 9 item 7): when a backup is due, and the settings' defaults and limits.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { BackupStore, DEFAULT_KEEP, DEFAULT_SCHEDULE, checkSettings, type BackupMeta } from '../../../renderer/src/backup/backup-store.ts';
import { isBackupDue, SCHEDULE_INTERVAL_MS } from '../../../renderer/src/backup/backups.ts';

const meta = (time: string, ledgerSizeAfter: number): BackupMeta => ({ id: 1, workspaceId: 'w', workspaceName: 'W', time, size: 1, ledgerSize: ledgerSizeAfter - 1, ledgerSizeAfter });

describe('isBackupDue', () => {
  const t = new Date('2026-05-02T08:00:00.000Z');
  it('is due with no backup, never when off, and otherwise only after the interval and a change', () => {
    expect(isBackupDue('daily', undefined, 1, t)).toBe(true);
    expect(isBackupDue('off', undefined, 1, t)).toBe(false);
    expect(isBackupDue('daily', meta('2026-05-01T08:00:00.000Z', 9), 10, t)).toBe(true);
    expect(isBackupDue('daily', meta('2026-05-01T08:00:00.000Z', 9), 9, t)).toBe(false);
    expect(isBackupDue('daily', meta('2026-05-01T08:00:01.000Z', 9), 10, t)).toBe(false);
    expect(isBackupDue('hourly', meta('2026-05-02T07:00:00.000Z', 9), 10, t)).toBe(true);
    expect(isBackupDue('weekly', meta('2026-05-01T08:00:00.000Z', 9), 10, t)).toBe(false);
    expect(SCHEDULE_INTERVAL_MS.weekly).toBe(7 * SCHEDULE_INTERVAL_MS.daily!);
  });
});

describe('backup store', () => {
  it('defaults to daily, keep 7, and rejects bad settings naming the field', async () => {
    const store = new BackupStore(undefined, 'backups-settings-test');
    expect(await store.settings()).toEqual({ schedule: DEFAULT_SCHEDULE, keep: DEFAULT_KEEP });
    expect(DEFAULT_SCHEDULE).toBe('daily');
    expect(DEFAULT_KEEP).toBe(7);
    await expect(store.setSettings({ schedule: 'daily', keep: 0 })).rejects.toThrow('backup settings: keep must be a whole number 1–100');
    expect(() => checkSettings({ schedule: 'monthly' as never, keep: 3 })).toThrow('backup settings: schedule must be one of off, hourly, daily, weekly');
    await store.setSettings({ schedule: 'weekly', keep: 3 });
    expect(await store.settings()).toEqual({ schedule: 'weekly', keep: 3 });
    await expect(store.packet(12345)).rejects.toThrow('backup 12345: its packet is not stored');
  });
});
