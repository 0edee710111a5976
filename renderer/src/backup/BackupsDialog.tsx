// The backups dialog (issue 9 item 7): the schedule (off, hourly, daily, weekly) and how many to keep,
// this workspace's backups with time and size, "Back up now", and "Restore…": as a new workspace (to see
// the workspace as it was then), or into this one, which only brings back entries it lost: the ledger
// is append-only, so no restore removes anything and an older backup changes nothing here (backups.ts).
import { useCallback, useEffect, useState } from 'react';
import type { DeskDb } from '../store/db.ts';
import { registryIdOf } from '../store/import-ledger.ts';
import type { RegistryDb } from '../store/workspaces.ts';
import { useModal } from '../packet/use-modal.ts';
import { BACKUP_SCHEDULES, MAX_KEEP, type BackupMeta, type BackupSchedule, type BackupSettings, type BackupStore } from './backup-store.ts';
import { backUpWorkspace, restoreAsNew, restoreInPlace } from './backups.ts';

/** Words for each schedule. */
export const SCHEDULE_LABELS: Readonly<Record<BackupSchedule, string>> = { off: 'Off', hourly: 'Every hour', daily: 'Every day', weekly: 'Every week' };

/** Props of the backups dialog. */
export interface BackupsDialogProps {
  /** The open workspace. */
  db: DeskDb;
  /** The workspace registry (a restore as new is listed there). */
  registry: RegistryDb;
  /** The backups database. */
  store: BackupStore;
  /** Who backs up (the ledger entry's actor). */
  actor: string;
  /** Opens a workspace by registry id (after a restore as new). */
  onOpenWorkspace(id: string): void;
  /** Closes the dialog. */
  onClose(): void;
}

/** A size for people: bytes, KB or MB; never throws. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A time for people, in the local zone; never throws. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/** Lists, makes and restores this workspace's backups and sets the schedule. */
export function BackupsDialog({ db, registry, store, actor, onOpenWorkspace, onClose }: BackupsDialogProps) {
  const [settings, setSettings] = useState<BackupSettings | null>(null);
  const [backups, setBackups] = useState<BackupMeta[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupMeta | null>(null);
  const ref = useModal(onClose, busy !== null);
  const workspaceId = registryIdOf(db);

  const refresh = useCallback(async () => {
    const [s, list] = await Promise.all([store.settings(), store.list(workspaceId)]);
    setSettings(s);
    setBackups(list);
  }, [store, workspaceId]);
  useEffect(() => {
    void refresh().catch((e: unknown) => setError(`Backups could not be read: ${e instanceof Error ? e.message : String(e)}`));
  }, [refresh]);

  const act = async (label: string, work: () => Promise<string | null>) => {
    setBusy(label);
    setError(null);
    setInfo(null);
    try {
      const message = await work();
      setInfo(message);
      await refresh();
    } catch (e: unknown) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const save = (next: BackupSettings) =>
    void act('Saving settings…', async () => {
      await store.setSettings(next);
      return null;
    });

  const backUpNow = () =>
    void act('Backing up…', async () => {
      const made = await backUpWorkspace(store, db, actor, { keep: settings?.keep ?? 1 });
      return `Backed up: ${made.ledgerSize} ledger entries, ${formatSize(made.size)}.`;
    });

  const restore = (backup: BackupMeta, how: 'new' | 'lost-entries') =>
    void act('Restoring…', async () => {
      setRestoring(null);
      if (how === 'new') {
        const result = await restoreAsNew(registry, store, backup, actor);
        if (!result.ok) throw new Error(`Nothing was restored. ${result.error}`);
        result.value.db.close();
        onOpenWorkspace(result.value.id);
        return `Restored as “${result.value.name}” (a copy: its first change hands signing over to its own key).`;
      }
      const result = await restoreInPlace(db, store, backup, actor);
      if (!result.ok) throw new Error(`Nothing was restored. ${result.error}`);
      if (result.value.outcome === 'held') return `Nothing was restored from the backup of ${formatTime(backup.time)}: ${result.value.message}.`;
      return `Brought back from the backup of ${formatTime(backup.time)}: ${result.value.message}.`;
    });

  return (
    <dialog ref={ref} className="dialog backups-dialog" aria-labelledby="backups-title">
      <h2 id="backups-title">Backups</h2>
      <p className="muted">Each backup is a complete evidence packet (with the source files) kept on this computer, and each is recorded in the ledger.</p>
      {settings && (
        <fieldset disabled={busy !== null}>
          <legend>Automatic backups (all workspaces)</legend>
          <label>
            Schedule{' '}
            <select value={settings.schedule} onChange={(e) => save({ ...settings, schedule: e.target.value as BackupSchedule })}>
              {BACKUP_SCHEDULES.map((s) => (
                <option key={s} value={s}>
                  {SCHEDULE_LABELS[s]}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            Keep{' '}
            <input
              type="number"
              min={1}
              max={MAX_KEEP}
              value={settings.keep}
              onChange={(e) => {
                const keep = Number(e.target.value);
                if (Number.isInteger(keep) && keep >= 1 && keep <= MAX_KEEP) save({ ...settings, keep });
              }}
            />
          </label>
        </fieldset>
      )}
      {backups.length === 0 ? (
        <p className="muted">No backups of this workspace yet.</p>
      ) : (
        <table aria-label="Backups of this workspace">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Size</th>
              <th scope="col">Entries</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.id}>
                <td>{formatTime(b.time)}</td>
                <td>{formatSize(b.size)}</td>
                <td>{b.ledgerSize}</td>
                <td>
                  <button type="button" disabled={busy !== null} onClick={() => setRestoring(b)} aria-label={`Restore the backup of ${formatTime(b.time)}…`}>
                    Restore…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {restoring && (
        <section aria-label="Restore" className="restore-choice">
          <p>
            Restore the backup of {formatTime(restoring.time)} ({restoring.ledgerSize === 1 ? '1 ledger entry' : `${restoring.ledgerSize} ledger entries`}):
          </p>
          <p className="muted">
            <strong>As a new workspace</strong> opens a separate copy showing this workspace as it was then. <strong>Bring back lost entries</strong> only adds to this workspace the
            entries of the backup it no longer holds: the ledger is append-only, so nothing here is removed or replaced, and a backup this workspace already holds entirely (any backup
            older than its last change) changes nothing.
          </p>
          <button type="button" onClick={() => restore(restoring, 'new')}>
            As a new workspace
          </button>{' '}
          <button type="button" onClick={() => restore(restoring, 'lost-entries')}>
            Bring back lost entries
          </button>{' '}
          <button type="button" onClick={() => setRestoring(null)}>
            Cancel
          </button>
        </section>
      )}
      {busy && <p role="status">{busy}</p>}
      {info && <p role="status">{info}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" className="primary" disabled={busy !== null} onClick={backUpNow}>
          Back up now
        </button>
        <button type="button" disabled={busy !== null} onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
