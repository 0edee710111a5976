// Automatic local backups (issue 9 item 7): each workspace is backed up as a packet (with its source
// files: the copy stays on this computer) on the user's schedule, keeping the newest N. While the app
// runs, a timer checks which workspaces are due: a workspace is due when its schedule's interval has
// passed since its last backup AND its ledger grew since then (an unchanged workspace is not copied
// again). Each backup is in the ledger as a `packet.exported` entry named `backup:<time>`, appended
// after the checkpoint it carries. A restore is an import (packet/import.ts), and the ledger is
// append-only ("nothing is erased from the ledger"), so no restore takes anything away:
// - as a new workspace: a copy showing the workspace as it was at the backup (its own key, which its
//   first change hands signing over to); this is how an older state is seen again;
// - into the same workspace: it only brings back entries the workspace lost (when its ledger is a
//   prefix of the backup's, the missing entries, checkpoint and files are appended; it keeps its key,
//   entries and checkpoints). A backup the workspace already holds entirely (every backup older than
//   the workspace's last change) changes nothing, and one whose ledger differs from the workspace's is
//   refused naming the first differing entry; both messages point to restoring it as a new workspace.
// A restore that changes a workspace is recorded in it as `workspace.restored` (the backup, its size and
// root, how, and how many entries it appended), so backups and restores are both in the ledger.
import { continueFromPacket, importPacket, importedName, type ContinueWording, type ContinuedWorkspace, type PacketImportResult } from '../packet/import.ts';
import { preparePacket, recordExport } from '../packet/export.ts';
import { listCheckpoints } from '../store/checkpoints.ts';
import { commit } from '../store/commit.ts';
import type { DeskDb } from '../store/db.ts';
import { registryIdOf, type ImportedWorkspace } from '../store/import-ledger.ts';
import { getActor, listWorkspaces, openWorkspace, type RegistryDb } from '../store/workspaces.ts';
import type { BackupMeta, BackupSchedule, BackupStore } from './backup-store.ts';

/** Milliseconds between backups of each schedule (null: never). */
export const SCHEDULE_INTERVAL_MS: Readonly<Record<BackupSchedule, number | null>> = {
  off: null,
  hourly: 60 * 60 * 1000,
  daily: 24 * 60 * 60 * 1000,
  weekly: 7 * 24 * 60 * 60 * 1000,
};
/** How often the running app checks whether a backup is due. */
export const BACKUP_CHECK_INTERVAL_MS = 5 * 60 * 1000;
/** Prefix of the `packet.exported` file name a backup records. */
export const BACKUP_FILE_PREFIX = 'backup:';

/** Whether a workspace with `ledgerSize` entries is due under `schedule`, given its newest backup; never throws. */
export function isBackupDue(schedule: BackupSchedule, last: BackupMeta | undefined, ledgerSize: number, now: Date): boolean {
  const interval = SCHEDULE_INTERVAL_MS[schedule];
  if (interval === null) return false;
  if (last === undefined) return true;
  return now.getTime() - Date.parse(last.time) >= interval && ledgerSize > last.ledgerSizeAfter;
}

/** Backs one workspace up now: a packet with its sources, stored, recorded as `packet.exported` (`backup:<time>`), older backups pruned to `keep`; rejects naming what failed (nothing is kept then). */
export async function backUpWorkspace(store: BackupStore, db: DeskDb, actor: string, options: { now?: Date; keep: number }): Promise<BackupMeta> {
  const now = options.now ?? new Date();
  const packet = await preparePacket(db, { draftIds: null, includeSources: true }, { now });
  const workspace = await db.workspace.toCollection().first();
  const time = packet.checkpoint.time;
  const meta: Omit<BackupMeta, 'id'> = {
    workspaceId: registryIdOf(db),
    workspaceName: workspace?.name ?? 'workspace',
    time,
    size: packet.bytes.length,
    ledgerSize: packet.checkpoint.size,
    // An unchanged (or read-only) copy exports under its imported checkpoint and records nothing.
    ledgerSizeAfter: packet.checkpoint.size + (packet.signedNow ? 1 : 0),
  };
  const id = await store.add(meta, packet.bytes);
  if (packet.signedNow) {
    try {
      await recordExport(db, actor, `${BACKUP_FILE_PREFIX}${time}`, packet, true);
    } catch (error: unknown) {
      await store.delete(id);
      throw error;
    }
  }
  await store.prune(meta.workspaceId, options.keep);
  return { ...meta, id };
}

/** What one scheduled check did for one workspace. */
export type BackupRun = { workspaceId: string; made: BackupMeta } | { workspaceId: string; error: string };

/** Backs up every registered workspace that is due; resolves to what was made or failed, per workspace (never rejects for one workspace's failure). */
export async function runDueBackups(registry: RegistryDb, store: BackupStore, options: { actor: string; now?: Date }): Promise<BackupRun[]> {
  const now = options.now ?? new Date();
  const settings = await store.settings();
  if (SCHEDULE_INTERVAL_MS[settings.schedule] === null) return [];
  const runs: BackupRun[] = [];
  for (const listing of await listWorkspaces(registry)) {
    let db: DeskDb | null = null;
    try {
      db = await openWorkspace(registry, listing.id);
      const [last] = await store.list(listing.id);
      if (!isBackupDue(settings.schedule, last, await db.ledger.count(), now)) continue;
      const actor = (await getActor(db)) ?? options.actor;
      runs.push({ workspaceId: listing.id, made: await backUpWorkspace(store, db, actor, { now, keep: settings.keep }) });
    } catch (error: unknown) {
      runs.push({ workspaceId: listing.id, error: `backup of “${listing.name}” failed: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      db?.close();
    }
  }
  return runs;
}

/** Starts checking every `everyMs` whether backups are due (runs never overlap); returns the function that stops it. */
export function startBackupTimer(
  registry: RegistryDb,
  store: BackupStore,
  options: { actor: string; everyMs?: number; onRuns?: (runs: BackupRun[]) => void; onError?: (message: string) => void },
): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    runDueBackups(registry, store, { actor: options.actor })
      .then((runs) => options.onRuns?.(runs))
      .catch((error: unknown) => options.onError?.(`backups: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, options.everyMs ?? BACKUP_CHECK_INTERVAL_MS);
  return () => clearInterval(timer);
}

/** Records a restore in the restored workspace's ledger (`workspace.restored`, after the backup's checkpoint); rejects as commit does. */
async function recordRestore(db: DeskDb, actor: string, backup: BackupMeta, how: 'new-workspace' | 'in-place', appended: number): Promise<void> {
  const checkpoint = (await listCheckpoints(db)).filter((c) => c.size === backup.ledgerSize).at(-1);
  if (!checkpoint) throw new Error(`restore: the checkpoint of backup ${backup.time} (${backup.ledgerSize} entries) is not stored`);
  await commit(db, actor, { type: 'workspace.restored', payload: { backup: `${BACKUP_FILE_PREFIX}${backup.time}`, size: backup.ledgerSize, root: checkpoint.root, how, appended } });
}

/**
 * Restores a backup as a new workspace (a copy that continues the ledger) named `<name> (restored <time>)`,
 * and records it there as `workspace.restored` (the copy's first change: its own key is announced just
 * before); fails naming the check or entry, creating nothing; never throws for bad data.
 */
export async function restoreAsNew(registry: RegistryDb, store: BackupStore, backup: BackupMeta, actor: string): Promise<PacketImportResult<ImportedWorkspace>> {
  const bytes = await store.packet(backup.id);
  const result = await importPacket(registry, bytes, { name: importedName(backup.workspaceName, `restored ${backup.time.slice(0, 16).replace('T', ' ')}`) });
  if (result.ok) await recordRestore(result.value.db, actor, backup, 'new-workspace', 0);
  return result;
}

/** How restore messages speak of a backup and what to do instead. */
export const BACKUP_WORDING: ContinueWording = { noun: 'backup', instead: 'restore it as a new workspace instead' };

/** Brings back into the workspace the entries of a backup of it that it lost, append-only (it keeps its key, entries and checkpoints); changes nothing when it already holds every entry of the backup (the message then says to restore it as a new workspace to see that state); fails naming the workspace, check or first differing entry, leaving it untouched. */
export async function restoreInPlace(db: DeskDb, store: BackupStore, backup: BackupMeta, actor: string): Promise<PacketImportResult<ContinuedWorkspace>> {
  if (backup.workspaceId !== registryIdOf(db)) return { ok: false, error: `backup ${backup.id} is of another workspace (“${backup.workspaceName}”); restore it as a new workspace`, verification: null };
  const result = await continueFromPacket(db, await store.packet(backup.id), { wording: BACKUP_WORDING });
  if (result.ok && result.value.outcome === 'appended') await recordRestore(db, actor, backup, 'in-place', result.value.size - result.value.before);
  if (!result.ok || result.value.outcome !== 'held') return result;
  return { ok: true, value: { ...result.value, message: `${result.value.message}; to see the workspace as it was at this backup, restore it as a new workspace` } };
}
