// Importing a ledger (issue 8 item 4): a packet's (or a backup's) ledger lines become a workspace's
// database, byte for byte. The lines are checked first, all of them, before anything is written: each is
// parsed and validated (fromEntryLine), must be canonical and dense, replays through the one projection,
// and every checkpoint given must be signed by the ledger's key over exactly those lines. Then the exact
// lines, the replayed state, the checkpoints and the source files are written in ONE read-write
// transaction, so a failure leaves nothing behind.
//
// Signing: a key handover. The packet carries its signed checkpoint, never its private key. An imported
// copy keeps the packet's checkpoint (in its checkpoints table) and gets a key of its own, generated
// here, stored with a pending handover: the newest given checkpoint, whose prefix the new key continues.
// The ledger is not touched at import: an unchanged copy re-exports exactly what it imported, under the
// stored checkpoint. Its first change (commit.ts) first appends `workspace.key-added` {publicKey, reason
// 'import', previous: that checkpoint}; from then on the copy signs its own checkpoints, and verifiers
// accept them because the announcement's `previous` verifies under the original key and has the root of
// the ledger's prefix (shared/ledger/verify.ts). Replacing a workspace with a backup of itself keeps the
// workspace's key when the backup's ledger accepts it (its own or one handed over to); otherwise the key
// is replaced by a fresh one with a pending handover. Without a checkpoint to hand over from, or where
// WebCrypto lacks Ed25519, the copy holds no key and stays read-only, as the banner says.
import type { DexieOptions } from 'dexie';
import { toHex } from '../../../shared/hash.ts';
import type { Checkpoint } from '../../../shared/ledger/checkpoint.ts';
import type { HandoverCheckpoint } from '../../../shared/types/events.ts';
import { entryLeafHash, fromEntryLine } from '../../../shared/ledger/entry.ts';
import { MAX_FILE_BYTES, MAX_NAME_LENGTH } from '../../../shared/ledger/limits.ts';
import { STATE_TABLES, type MemoryState } from '../../../shared/ledger/project.ts';
import { verifyLedger } from '../../../shared/ledger/verify.ts';
import type { Workspace } from '../../../shared/types/events.ts';
import { generateSigningKey, ledgerSigningKeys } from './checkpoints.ts';
import { DeskDb, workspaceDbName, type FileRow, type KeyRow, type LedgerRow } from './db.ts';
import type { RegistryDb } from './workspaces.ts';

/** Dexie's open options (an IndexedDB implementation for tests), for callers outside the store. */
export type DexieOpenOptions = DexieOptions;

/** Thrown by importLedger when the lines, checkpoints or files cannot be imported; nothing was written. */
export class LedgerImportError extends Error {
  override name = 'LedgerImportError';
}

/** What to import besides the lines. */
export interface LedgerImportOptions {
  /** Signed checkpoints over a prefix of (or all of) the lines; each must verify with the ledger's key. */
  checkpoints: readonly Checkpoint[];
  /** Source file bytes by SHA-256 (a packet's data/sources/); each must be a source of the ledger. */
  files?: ReadonlyMap<string, Blob>;
  /** Replace what the database holds (a restore into the same workspace) instead of requiring it to be empty. */
  replace?: boolean;
}

/** What importLedger wrote. */
export interface ImportedLedger {
  /** The ledger's workspace row (from its workspace.created entry, as replayed). */
  workspace: Workspace;
  /** Entries written. */
  size: number;
  /** Source files written. */
  files: number;
  /** True when the database holds a signing key the ledger accepts or will accept with its next change (a pending handover). */
  canSign: boolean;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function sha256OfBlob(blob: Blob): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())));
}

/** Checks every line, the replay and the checkpoints; throws LedgerImportError naming the entry or checkpoint. */
interface Checked {
  state: MemoryState;
  rows: LedgerRow[];
  workspace: Workspace;
  /** Public keys the ledger accepts for new checkpoints (its own and every valid handover). */
  keys: string[];
  /** The checkpoint a new key would continue from (the largest given), or null when none was given. */
  handover: HandoverCheckpoint | null;
}

async function checkLines(lines: readonly string[], checkpoints: readonly Checkpoint[]): Promise<Checked> {
  if (lines.length === 0) throw new LedgerImportError('ledger: it has no entries');
  const rows: LedgerRow[] = [];
  for (const [seq, line] of lines.entries()) {
    const parsed = fromEntryLine(line);
    if (!parsed.ok) throw new LedgerImportError(`ledger line ${seq + 1}: ${parsed.error}`);
    const entry = parsed.value;
    if (entry.seq !== seq) throw new LedgerImportError(`ledger line ${seq + 1}: entry carries seq ${entry.seq}, not ${seq}`);
    rows.push({ seq, time: entry.time, actor: entry.actor, type: entry.type, line, leaf: toHex(entryLeafHash(line)) });
  }
  const report = await verifyLedger(
    rows.map(({ seq, line, leaf }) => ({ seq, line, leaf })),
    rows.length,
    checkpoints,
  );
  if (!report.ok || report.state === null) {
    const f = report.firstFailure;
    throw new LedgerImportError(f === null ? 'ledger: it could not be replayed' : `ledger ${f.name}${f.seq === null ? '' : ` (entry ${f.seq})`}: ${f.detail}`);
  }
  const workspace = report.state.tables.workspace.values().next().value;
  if (workspace === undefined) throw new LedgerImportError('ledger: it creates no workspace');
  // Every checkpoint verified above, under a key the ledger accepts for its size: the largest (newest of equal size) proves the longest prefix.
  const last = [...checkpoints].sort((a, b) => a.size - b.size || a.time.localeCompare(b.time)).at(-1);
  const handover = last === undefined ? null : { size: last.size, root: last.root, time: last.time, publicKey: last.publicKey, signature: last.signature };
  return { state: report.state, rows, workspace, keys: report.keys.map((k) => k.publicKey), handover };
}

/** A fresh key for a handover, or null where WebCrypto cannot make Ed25519 keys (the copy then stays read-only); never rejects. */
async function handoverKey(checked: Checked): Promise<KeyRow | null> {
  if (checked.handover === null) return null;
  try {
    return { ...(await generateSigningKey()), handover: { reason: 'import', previous: checked.handover } };
  } catch {
    return null;
  }
}

/** Hashes and sizes every file against the replayed sources; throws LedgerImportError naming the file. */
async function checkFiles(files: ReadonlyMap<string, Blob>, state: MemoryState): Promise<FileRow[]> {
  const out: FileRow[] = [];
  for (const [sha256, blob] of files) {
    const source = state.tables.sources.get(sha256);
    if (source === undefined) throw new LedgerImportError(`source file ${sha256}: the ledger has no such source`);
    if (blob.size > MAX_FILE_BYTES) throw new LedgerImportError(`source file ${source.fileName}: ${blob.size} bytes, more than the ${MAX_FILE_BYTES} allowed`);
    if (blob.size !== source.size) throw new LedgerImportError(`source file ${source.fileName}: ${blob.size} bytes, but the ledger recorded ${source.size}`);
    // Hashed before the transaction: awaiting anything but IndexedDB inside it would commit it early.
    const actual = await sha256OfBlob(blob);
    if (actual !== sha256) throw new LedgerImportError(`source file ${source.fileName}: its bytes hash to ${actual}, not ${sha256}`);
    out.push({ sha256, size: blob.size, blob });
  }
  return out;
}

/**
 * Writes a ledger's exact lines, their replayed state, the checkpoints and the source files into `db` in
 * one transaction; rejects with a LedgerImportError naming the entry, checkpoint or file (writing
 * nothing) when a line is invalid, the replay or a checkpoint fails, a file is not the ledger's, the
 * database already holds a ledger (unless `replace`), or a replace would swap in another workspace.
 */
export async function importLedger(db: DeskDb, lines: readonly string[], options: LedgerImportOptions): Promise<ImportedLedger> {
  const checked = await checkLines(lines, options.checkpoints);
  const files = await checkFiles(options.files ?? new Map(), checked.state);
  // Made before the transaction (awaiting WebCrypto inside it would commit it early); stored only if the database keeps no key the ledger accepts.
  return writeChecked(db, checked, files, options, await handoverKey(checked));
}

async function writeChecked(db: DeskDb, checked: Checked, files: FileRow[], options: LedgerImportOptions, fresh: KeyRow | null): Promise<ImportedLedger> {
  const { state, rows, workspace } = checked;
  const scope = [...db.writeScope(), db.checkpoints, db.keys, db.settings];
  return db.transaction('rw', scope, async () => {
    const current = await db.workspace.toCollection().first();
    const existing = await db.ledger.count();
    if (!options.replace && (existing > 0 || current !== undefined)) throw new LedgerImportError(`the database already holds a ledger of ${existing} entries; import into a new workspace`);
    if (options.replace && current !== undefined && current.id !== workspace.id) {
      throw new LedgerImportError(`the ledger is of workspace ${workspace.id} ("${workspace.name}"), not of this workspace ${current.id}; restore it as a new workspace`);
    }
    if (options.replace) {
      for (const table of [...STATE_TABLES.map((t) => db.stateTable(t)), db.ledger, db.files, db.checkpoints]) await table.clear();
      await db.settings.delete('lastVerification');
    }
    const key = await db.keys.get('signing');
    // A key the ledger does not accept could only sign checkpoints the verifier rejects: it is not kept.
    // A kept key is announced in this ledger already, so any handover it was waiting for is dropped.
    const kept = key !== undefined && checked.keys.includes(key.publicKey);
    if (key !== undefined) await db.keys.delete('signing');
    if (kept) await db.keys.add({ id: 'signing', privateKey: key.privateKey, publicKey: key.publicKey });
    else if (fresh !== null) await db.keys.add(fresh);
    for (const table of STATE_TABLES) await db.stateTable(table).bulkAdd([...state.tables[table].values()] as never[]);
    await db.ledger.bulkAdd(rows);
    if (files.length > 0) await db.files.bulkAdd(files);
    for (const cp of options.checkpoints) {
      const { workspace: ws, size, root, time, publicKey, signature } = cp;
      await db.checkpoints.add({ workspace: ws, size, root, time, publicKey, signature });
    }
    return { workspace, size: rows.length, files: files.length, canSign: kept || fresh !== null };
  });
}

/** A workspace created by importWorkspace. */
export interface ImportedWorkspace extends ImportedLedger {
  /** The registry id (a fresh one: the ledger's workspace may also be here under its own id). */
  id: string;
  /** The name it is listed under. */
  name: string;
  /** The open database. */
  db: DeskDb;
}

/**
 * Creates a new workspace holding exactly the given ledger (importLedger into a fresh database), then
 * lists it in the registry under `name`; rejects with the LedgerImportError (or the storage error) and
 * deletes the new database, so on failure no workspace exists and the registry is unchanged.
 */
export async function importWorkspace(
  registry: RegistryDb,
  lines: readonly string[],
  options: Omit<LedgerImportOptions, 'replace'> & { name: string; dexie?: DexieOptions },
): Promise<ImportedWorkspace> {
  const name = options.name.trim();
  if (name === '' || name.length > MAX_NAME_LENGTH) throw new LedgerImportError(`workspace name: must be 1–${MAX_NAME_LENGTH} characters`);
  // Checked before any database exists: a bad ledger creates nothing at all.
  const checked = await checkLines(lines, options.checkpoints);
  const files = await checkFiles(options.files ?? new Map(), checked.state);
  const fresh = await handoverKey(checked);
  const id = crypto.randomUUID();
  const db = new DeskDb(workspaceDbName(id), options.dexie);
  try {
    const imported = await writeChecked(db, checked, files, { checkpoints: options.checkpoints }, fresh);
    await registry.workspaces.add({ id, name, createdAt: new Date().toISOString() });
    return { ...imported, id, name, db };
  } catch (error: unknown) {
    db.close();
    await new DeskDb(workspaceDbName(id), options.dexie).delete().catch(() => undefined);
    throw error instanceof LedgerImportError ? error : new LedgerImportError(`the workspace could not be stored: ${message(error)}`);
  }
}

/** Whether the workspace can sign new checkpoints: it holds a key its ledger accepts, or one its next change announces (an imported copy's pending handover); false for a copy without a key; never writes. */
export async function canSignCheckpoints(db: DeskDb): Promise<boolean> {
  const key = await db.keys.get('signing');
  if (key === undefined) return false;
  if (key.handover !== undefined) return (await db.workspace.count()) > 0;
  return (await ledgerSigningKeys(db)).includes(key.publicKey);
}

/** Whether the workspace holds a key not yet announced in its ledger (an unchanged imported copy); never writes. */
export async function hasPendingHandover(db: DeskDb): Promise<boolean> {
  return (await db.keys.get('signing'))?.handover !== undefined;
}

/** The registry id of an open workspace database (the id its database name carries); throws for a database that is not a workspace's. */
export function registryIdOf(db: DeskDb): string {
  const prefix = workspaceDbName('');
  if (!db.name.startsWith(prefix)) throw new Error(`${db.name} is not a workspace database`);
  return db.name.slice(prefix.length);
}
