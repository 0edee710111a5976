// The one way to change a workspace (issue 3, item 3): in a single read-write transaction, read the
// ledger's tail, assign the next dense seq, let the pure projection compute the row operations, apply
// them and append the entry. IndexedDB serialises read-write transactions over the same tables, so two
// windows committing at once get consecutive seqs and never fork the log.
//
// Key handover. An imported copy holds a key of its own that its ledger does not name yet (KeyRow
// `handover`, import-ledger.ts). Its first commit, in the same transaction, first appends the
// `workspace.key-added` entry announcing that key with the imported checkpoint as `previous`, so the
// ledger shows exactly where the copy's work continues, and an unchanged copy stays byte-identical.
import { toEntryLine } from '../../../shared/ledger/entry.ts';
import { entryLeafHash } from '../../../shared/ledger/entry.ts';
import { MAX_FILE_BYTES } from '../../../shared/ledger/limits.ts';
import type { RowOp, StateRows, StateTable, StateView } from '../../../shared/ledger/project.ts';
import { applyEvent } from '../../../shared/ledger/project.ts';
import { toHex } from '../../../shared/hash.ts';
import type { LedgerEntry, LedgerEvent, WorkspaceKeyAdded } from '../../../shared/types/events.ts';
import type { DeskDb, LedgerRow } from './db.ts';

/** A source file's bytes to store with a `source.added` event. */
export interface FileInput {
  /** The bytes; their SHA-256 and size must be the source row's. */
  blob: Blob;
}

/** Options of a commit. */
export interface CommitOptions {
  /** The file for a `source.added` event (required for every kind of source). */
  file?: FileInput;
  /** The entry time (defaults to now); for importers that keep original times. */
  time?: Date;
}

/** What a commit wrote. */
export interface Committed {
  /** The entry, as validated. */
  entry: LedgerEntry;
  /** Its stored row (line and leaf hash). */
  row: LedgerRow;
}

/** Reads the state through the open transaction's tables, answering each query from an index. */
export class DexieStateView implements StateView {
  constructor(private readonly db: DeskDb) {}
  get<T extends StateTable>(table: T, key: string): Promise<StateRows[T] | undefined> {
    return this.db.stateTable(table).get(key as never) as Promise<StateRows[T] | undefined>;
  }
  async workspace(): Promise<StateRows['workspace'] | undefined> {
    return this.db.workspace.toCollection().first();
  }
  claimsOfDraft(draftId: string): Promise<StateRows['claims'][]> {
    return this.db.claims.where('draftId').equals(draftId).toArray();
  }
  evidenceOfClaim(claimId: string): Promise<StateRows['evidence'][]> {
    return this.db.evidence.where('claimId').equals(claimId).toArray();
  }
  evidenceOfPassage(passageId: string): Promise<StateRows['evidence'][]> {
    return this.db.evidence.where('passageId').equals(passageId).toArray();
  }
  passagesOfSource(sha256: string): Promise<StateRows['passages'][]> {
    return this.db.passages.where('sourceSha256').equals(sha256).toArray();
  }
  referencesOfSource(sha256: string): Promise<StateRows['references'][]> {
    return this.db.references.where('sourceSha256').equals(sha256).toArray();
  }
}

async function sha256OfBlob(blob: Blob): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())));
}

async function applyOps(db: DeskDb, ops: readonly RowOp[]): Promise<void> {
  for (const op of ops) {
    const table = db.stateTable(op.table);
    if (op.op === 'put') await table.put(op.row as never);
    else await table.delete(op.key as never);
  }
}

interface Prepared {
  event: LedgerEvent;
  file: { sha256: string; blob: Blob } | null;
}

async function prepare(event: LedgerEvent, file: FileInput | undefined): Promise<Prepared> {
  if (event.type !== 'source.added') {
    if (file !== undefined) throw new Error(`commit ${event.type}: only source.added stores a file`);
    return { event, file: null };
  }
  const source = event.payload.source;
  if (file === undefined) throw new Error(`commit source.added: the file of source ${source.sha256} is required`);
  if (file.blob.size > MAX_FILE_BYTES) throw new Error(`commit source.added: file is ${file.blob.size} bytes, more than the ${MAX_FILE_BYTES} allowed`);
  if (file.blob.size !== source.size) throw new Error(`commit source.added: source.size is ${source.size} but the file has ${file.blob.size} bytes`);
  // Hashed before the transaction: awaiting anything but IndexedDB inside it would let it commit early.
  const sha256 = await sha256OfBlob(file.blob);
  if (sha256 !== source.sha256) throw new Error(`commit source.added: source.sha256 is ${source.sha256} but the file's SHA-256 is ${sha256}`);
  return { event, file: { sha256, blob: file.blob } };
}

async function commitPrepared(db: DeskDb, actor: string, items: readonly Prepared[], time: Date | undefined): Promise<Committed[]> {
  return db.transaction('rw', [...db.writeScope(), db.keys], async () => {
    const last = await db.ledger.orderBy('seq').last();
    let seq = last === undefined ? 0 : last.seq + 1;
    const view = new DexieStateView(db);
    const out: Committed[] = [];
    const key = items.length > 0 ? await db.keys.get('signing') : undefined;
    const announce: Prepared[] = [];
    if (key?.handover !== undefined) {
      const event: WorkspaceKeyAdded = { type: 'workspace.key-added', payload: { publicKey: key.publicKey, reason: key.handover.reason, previous: key.handover.previous } };
      announce.push({ event, file: null });
      await db.keys.put({ id: 'signing', privateKey: key.privateKey, publicKey: key.publicKey });
    }
    for (const { event, file } of [...announce, ...items]) {
      const entry = { seq, time: (time ?? new Date()).toISOString(), actor, ...event } as LedgerEntry;
      const line = toEntryLine(entry);
      const ops = await applyEvent(view, entry);
      await applyOps(db, ops);
      if (file !== null && (await db.files.get(file.sha256)) === undefined) await db.files.add({ sha256: file.sha256, size: file.blob.size, blob: file.blob });
      if (event.type === 'source.deleted') await db.files.delete(event.payload.sha256);
      const row: LedgerRow = { seq, time: entry.time, actor, type: entry.type, line, leaf: toHex(entryLeafHash(line)) };
      // add, not put: if a seq were ever taken, the transaction fails instead of overwriting history.
      await db.ledger.add(row);
      // The announcement is the store's own entry; callers get back the entries of their events.
      if (!announce.some((a) => a.event === event)) out.push({ entry, row });
      seq++;
    }
    return out;
  });
}

/** Applies one event and appends its entry atomically; rejects (writing nothing) with a message naming the entry and field when the event is invalid or does not apply. */
export async function commit(db: DeskDb, actor: string, event: LedgerEvent, options: CommitOptions = {}): Promise<Committed> {
  const prepared = await prepare(event, options.file);
  const [done] = await commitPrepared(db, actor, [prepared], options.time);
  return done!;
}

/** Applies several events as consecutive entries in one transaction, all or nothing (bulk import); `files` holds the bytes of each source.added by SHA-256; rejects as commit does. */
export async function commitAll(
  db: DeskDb,
  actor: string,
  events: readonly LedgerEvent[],
  options: { time?: Date; files?: ReadonlyMap<string, Blob> } = {},
): Promise<Committed[]> {
  const prepared: Prepared[] = [];
  for (const event of events) {
    const blob = event.type === 'source.added' ? options.files?.get(event.payload.source.sha256) : undefined;
    prepared.push(await prepare(event, blob === undefined ? undefined : { blob }));
  }
  return commitPrepared(db, actor, prepared, options.time);
}
