// Importing a ledger (issue 8 item 4): a packet's (or a backup's) ledger lines become a workspace's
// database, byte for byte. The lines are checked first, all of them, before anything is written: each is
// parsed and validated (fromEntryLine), must be canonical and dense, replays through the one projection,
// and every checkpoint given must be signed by the ledger's key over exactly those lines. Then the exact
// lines, the replayed state, the checkpoints and the source files are written in ONE read-write
// transaction, so a failure leaves nothing behind.
//
// Continuing a workspace (continueLedger: a packet or backup of a workspace that is already here). The
// ledger is append-only, so nothing here ever removes an entry or a checkpoint. The incoming ledger must
// be of the same workspace (its workspace.created id); when the workspace's ledger is a strict prefix of
// it (every local line byte-identical), the missing entries are appended, each replayed through the
// projection as commit.ts does, with the incoming checkpoint and source files, in one transaction; when
// it already holds every incoming entry, nothing is written; when the two differ at some entry, they are
// two histories and nothing is written either (the caller offers a new workspace instead).
//
// Signing: a key handover. The packet carries its signed checkpoint, never its private key. An imported
// copy keeps the packet's checkpoint (in its checkpoints table) and gets a key of its own, generated
// here, stored with a pending handover: the newest given checkpoint, whose prefix the new key continues.
// The ledger is not touched at import: an unchanged copy re-exports exactly what it imported, under the
// stored checkpoint. Its first change (commit.ts) first appends `workspace.key-added` {publicKey, reason
// 'import', previous: that checkpoint}; from then on the copy signs its own checkpoints, and verifiers
// accept them because the announcement's `previous` verifies under the original key and has the root of
// the ledger's prefix (shared/ledger/verify.ts). A continued workspace keeps its key: a key its ledger
// names stays valid for every later size; a pending handover is moved up to the newest checkpoint given
// (its prefix now includes the appended entries); a workspace without a key gets one with a pending
// handover, as an import does. Without a checkpoint to hand over from, or where WebCrypto lacks Ed25519,
// the copy holds no key and stays read-only, as the banner says.
import type { DexieOptions } from 'dexie';
import { toHex } from '../../../shared/hash.ts';
import type { Checkpoint } from '../../../shared/ledger/checkpoint.ts';
import type { HandoverCheckpoint } from '../../../shared/types/events.ts';
import { entryLeafHash, fromEntryLine } from '../../../shared/ledger/entry.ts';
import { MAX_FILE_BYTES, MAX_NAME_LENGTH } from '../../../shared/ledger/limits.ts';
import { STATE_TABLES, applyEvent, type MemoryState, type RowOp } from '../../../shared/ledger/project.ts';
import { verifyLedger } from '../../../shared/ledger/verify.ts';
import type { LedgerEntry, Workspace } from '../../../shared/types/events.ts';
import { generateSigningKey, ledgerSigningKeys } from './checkpoints.ts';
import { DexieStateView } from './commit.ts';
import { DeskDb, workspaceDbName, type CheckpointRow, type FileRow, type KeyRow, type LedgerRow } from './db.ts';
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
  /** The parsed entries, seq = index. */
  entries: LedgerEntry[];
  workspace: Workspace;
  /** Public keys the ledger accepts for new checkpoints (its own and every valid handover). */
  keys: string[];
  /** The checkpoint a new key would continue from (the largest given), or null when none was given. */
  handover: HandoverCheckpoint | null;
}

async function checkLines(lines: readonly string[], checkpoints: readonly Checkpoint[]): Promise<Checked> {
  if (lines.length === 0) throw new LedgerImportError('ledger: it has no entries');
  const rows: LedgerRow[] = [];
  const entries: LedgerEntry[] = [];
  for (const [seq, line] of lines.entries()) {
    const parsed = fromEntryLine(line);
    if (!parsed.ok) throw new LedgerImportError(`ledger line ${seq + 1}: ${parsed.error}`);
    const entry = parsed.value;
    if (entry.seq !== seq) throw new LedgerImportError(`ledger line ${seq + 1}: entry carries seq ${entry.seq}, not ${seq}`);
    rows.push({ seq, time: entry.time, actor: entry.actor, type: entry.type, line, leaf: toHex(entryLeafHash(line)) });
    entries.push(entry);
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
  return { state: report.state, rows, entries, workspace, keys: report.keys.map((k) => k.publicKey), handover };
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
 * Writes a ledger's exact lines, their replayed state, the checkpoints and the source files into an empty
 * `db` in one transaction; rejects with a LedgerImportError naming the entry, checkpoint or file (writing
 * nothing) when a line is invalid, the replay or a checkpoint fails, a file is not the ledger's, or the
 * database already holds a ledger (continueLedger adds to one).
 */
export async function importLedger(db: DeskDb, lines: readonly string[], options: LedgerImportOptions): Promise<ImportedLedger> {
  const checked = await checkLines(lines, options.checkpoints);
  const files = await checkFiles(options.files ?? new Map(), checked.state);
  // Made before the transaction (awaiting WebCrypto inside it would commit it early); stored only if the database keeps no key the ledger accepts.
  return writeChecked(db, checked, files, options, await handoverKey(checked));
}

async function writeChecked(db: DeskDb, checked: Checked, files: FileRow[], options: LedgerImportOptions, fresh: KeyRow | null): Promise<ImportedLedger> {
  const { state, rows, workspace } = checked;
  const scope = [...db.writeScope(), db.checkpoints, db.keys];
  return db.transaction('rw', scope, async () => {
    const current = await db.workspace.toCollection().first();
    const existing = await db.ledger.count();
    if (existing > 0 || current !== undefined) throw new LedgerImportError(`the database already holds a ledger of ${existing} entries; import into a new workspace`);
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
  options: LedgerImportOptions & { name: string; dexie?: DexieOptions },
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

/** The workspace a ledger's first line creates, or null when there is no line or it is not a valid `workspace.created` entry; never throws. */
export function ledgerWorkspaceOf(firstLine: string | undefined): Workspace | null {
  if (firstLine === undefined) return null;
  const parsed = fromEntryLine(firstLine);
  return parsed.ok && parsed.value.type === 'workspace.created' ? parsed.value.payload.workspace : null;
}

/** How an incoming ledger stands against a workspace's: it extends it from seq `from`, holds nothing it lacks, or the two differ first at `seq`. */
export type LedgerRelation = { kind: 'extends'; from: number } | { kind: 'held' } | { kind: 'diverged'; seq: number };

/** Compares a workspace's ledger lines with incoming ones, line by line (equal strings, so equal UTF-8 bytes); never throws. */
export function compareLedgers(local: readonly string[], incoming: readonly string[]): LedgerRelation {
  const common = Math.min(local.length, incoming.length);
  for (let seq = 0; seq < common; seq++) if (local[seq] !== incoming[seq]) return { kind: 'diverged', seq };
  return incoming.length > local.length ? { kind: 'extends', from: local.length } : { kind: 'held' };
}

/** Ledger rows read per chunk when comparing a workspace's ledger with incoming lines. */
export const COMPARE_CHUNK = 5_000;

/** Compares the stored ledger with incoming lines chunk by chunk (a ledger may be far larger than one read should be): its size and how the lines stand against it. */
async function compareStored(db: DeskDb, lines: readonly string[]): Promise<{ size: number; relation: LedgerRelation }> {
  // Only the lines both hold need comparing; beyond the incoming ones, the stored ledger is only counted.
  for (let from = 0; from < lines.length; from += COMPARE_CHUNK) {
    const rows = await db.ledger.where('seq').between(from, from + COMPARE_CHUNK, true, false).toArray();
    const gap = rows.findIndex((r, i) => r.seq !== from + i);
    if (gap !== -1) throw new LedgerImportError(`this workspace's ledger has no entry ${from + gap}; verify the workspace`);
    const relation = compareLedgers(
      rows.map((r) => r.line),
      lines.slice(from, from + COMPARE_CHUNK),
    );
    if (relation.kind === 'diverged') return { size: await db.ledger.count(), relation: { kind: 'diverged', seq: from + relation.seq } };
    if (rows.length < COMPARE_CHUNK) break;
  }
  const size = await db.ledger.count();
  return { size, relation: lines.length > size ? { kind: 'extends', from: size } : { kind: 'held' } };
}

/** What continueLedger found and did: only `appended` wrote anything. */
export type LedgerContinuation =
  | {
      outcome: 'appended';
      /** The workspace row after the appended entries. */
      workspace: Workspace;
      /** Entries the workspace held before (the first appended seq). */
      before: number;
      /** Entries it holds now (the incoming ledger's size). */
      size: number;
      /** Source files stored (those it did not hold yet). */
      files: number;
      /** Checkpoints stored (those it did not hold yet); its own are all kept. */
      checkpoints: number;
      /** True when it holds a key its ledger accepts, or one its next change announces. */
      canSign: boolean;
    }
  | {
      outcome: 'held';
      /** The workspace row, unchanged. */
      workspace: Workspace;
      /** Entries the workspace holds. */
      size: number;
      /** Entries of the incoming ledger, all of them byte-identical to the workspace's first ones. */
      incoming: number;
    }
  | {
      outcome: 'other-workspace';
      /** This workspace (from its first entry), or null when it has no ledger. */
      workspace: Workspace | null;
      /** The workspace the incoming ledger creates. */
      incoming: Workspace;
    }
  | {
      outcome: 'diverged';
      /** The workspace row, unchanged. */
      workspace: Workspace;
      /** The first seq whose lines differ. */
      seq: number;
      /** That entry's type here. */
      localType: string;
      /** That entry's type in the incoming ledger. */
      incomingType: string;
    };

function entryType(line: string | undefined): string {
  if (line === undefined) return 'no entry';
  const parsed = fromEntryLine(line);
  return parsed.ok ? parsed.value.type : 'an invalid entry';
}

async function applyOps(db: DeskDb, ops: readonly RowOp[]): Promise<void> {
  for (const op of ops) {
    const table = db.stateTable(op.table);
    if (op.op === 'put') await table.put(op.row as never);
    else await table.delete(op.key as never);
  }
}

function sameCheckpoint(a: Checkpoint, b: Checkpoint): boolean {
  return a.workspace === b.workspace && a.size === b.size && a.root === b.root && a.time === b.time && a.publicKey === b.publicKey && a.signature === b.signature;
}

/**
 * Continues a workspace with an incoming ledger of the same workspace, append-only: when its ledger is a
 * strict prefix of `lines`, appends the missing entries (each replayed through the projection), the
 * given checkpoints and files it lacks, keeping its own entries, checkpoints and key, in one
 * transaction; resolves `held`, `other-workspace` or `diverged` (writing nothing) otherwise; rejects
 * with a LedgerImportError naming the entry, checkpoint or file (writing nothing) when the lines,
 * checkpoints or files do not check, or the workspace changed meanwhile.
 */
export async function continueLedger(db: DeskDb, lines: readonly string[], options: LedgerImportOptions): Promise<LedgerContinuation> {
  const incoming = ledgerWorkspaceOf(lines[0]);
  if (incoming === null) throw new LedgerImportError(lines.length === 0 ? 'ledger: it has no entries' : 'ledger line 1: it is not a valid workspace.created entry');
  const workspace = await db.workspace.toCollection().first();
  const mine = ledgerWorkspaceOf((await db.ledger.get(0))?.line);
  if (mine === null || workspace === undefined || mine.id !== incoming.id) return { outcome: 'other-workspace', workspace: mine, incoming };
  const { size, relation } = await compareStored(db, lines);
  if (relation.kind === 'diverged') {
    return { outcome: 'diverged', workspace, seq: relation.seq, localType: entryType((await db.ledger.get(relation.seq))?.line), incomingType: entryType(lines[relation.seq]) };
  }
  if (relation.kind === 'held') return { outcome: 'held', workspace, size, incoming: lines.length };

  // Checked in full before the transaction (awaiting anything but IndexedDB inside it would commit it early).
  const checked = await checkLines(lines, options.checkpoints);
  const files = await checkFiles(options.files ?? new Map(), checked.state);
  const fresh = (await db.keys.get('signing')) === undefined ? await handoverKey(checked) : null;
  const from = relation.from;
  return db.transaction('rw', [...db.writeScope(), db.checkpoints, db.keys], async () => {
    // Another window may have committed since: append only onto exactly the prefix compared above.
    const now = await db.ledger.count();
    const last = now === 0 ? undefined : await db.ledger.get(now - 1);
    if (now !== from || last?.line !== lines[from - 1]) {
      throw new LedgerImportError(`this workspace changed while the ledger was being checked (it now holds ${now} entries, not ${from}); nothing was changed; try again`);
    }
    const view = new DexieStateView(db);
    for (const entry of checked.entries.slice(from)) {
      // The same projection as commit.ts, so the state stays what a replay of the whole ledger gives.
      await applyOps(db, await applyEvent(view, entry));
      if (entry.type === 'source.deleted') await db.files.delete(entry.payload.sha256);
    }
    // add, not put: a seq already taken fails the transaction instead of overwriting history.
    await db.ledger.bulkAdd(checked.rows.slice(from));
    let storedFiles = 0;
    for (const file of files) {
      if ((await db.files.get(file.sha256)) !== undefined) continue;
      await db.files.add(file);
      storedFiles++;
    }
    const held: CheckpointRow[] = await db.checkpoints.toArray();
    let storedCheckpoints = 0;
    for (const cp of options.checkpoints) {
      const { workspace: ws, size, root, time, publicKey, signature } = cp;
      const row = { workspace: ws, size, root, time, publicKey, signature };
      if (held.some((h) => sameCheckpoint(h, row))) continue;
      await db.checkpoints.add(row);
      held.push(row);
      storedCheckpoints++;
    }
    const key = await db.keys.get('signing');
    let canSign: boolean;
    if (key === undefined) {
      if (fresh !== null) await db.keys.add(fresh);
      canSign = fresh !== null;
    } else if (checked.keys.includes(key.publicKey)) {
      // Named by the ledger (its own key, or announced in the appended entries): valid for every later size.
      if (key.handover !== undefined) await db.keys.put({ id: 'signing', privateKey: key.privateKey, publicKey: key.publicKey });
      canSign = true;
    } else if (key.handover !== undefined) {
      // Still to be announced: it now continues the newest checkpoint, which covers the appended entries.
      if (checked.handover !== null && checked.handover.size > key.handover.previous.size) {
        await db.keys.put({ ...key, handover: { reason: key.handover.reason, previous: checked.handover } });
      }
      canSign = true;
    } else {
      canSign = false;
    }
    return { outcome: 'appended', workspace: checked.workspace, before: from, size: checked.rows.length, files: storedFiles, checkpoints: storedCheckpoints, canSign };
  });
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
