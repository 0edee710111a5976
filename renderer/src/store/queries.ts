// Reads for the Ledger view (issue 3, item 8, built by the lead): entries newest first, a page at a time,
// filtered by type and actor, each with its leaf hash; one entry in full; what to export in a packet.
import type { LedgerEntry, LedgerEventType } from '../../../shared/types/events.ts';
import type { DeskDb, LedgerRow } from './db.ts';

/** Most entries one page may ask for. */
export const MAX_PAGE_SIZE = 1_000;

/** A filter of the Ledger view. */
export interface EntryFilter {
  /** Only these types (empty or absent: all). */
  types?: readonly LedgerEventType[];
  /** Only this actor (absent: all). */
  actor?: string;
}

/** One line of the Ledger view. */
export interface EntrySummary {
  /** The entry's seq. */
  seq: number;
  /** ISO 8601 time. */
  time: string;
  /** Who. */
  actor: string;
  /** What kind of change. */
  type: LedgerEventType;
  /** The leaf hash (hex) recorded for it. */
  leaf: string;
}

/** One line of the Ledger view with its stored canonical line (to say what changed). */
export interface EntryWithLine extends EntrySummary {
  /** The RFC 8785 canonical JSON of the entry, as stored. */
  line: string;
}

/** A page of the Ledger view and the count of matching entries, from one snapshot. */
export interface EntryPage {
  /** How many entries match the filter in the snapshot the page was read from. */
  total: number;
  /** The page, newest first. */
  entries: EntryWithLine[];
}

function typesOf(filter: EntryFilter): string[] | null {
  return filter.types === undefined || filter.types.length === 0 ? null : [...new Set<string>(filter.types)];
}

function checkPage(what: string, offset: number, limit: number): void {
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) throw new RangeError(`${what}: limit must be 0…${MAX_PAGE_SIZE}`);
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`${what}: offset must be a non-negative integer`);
}

// Seqs of the entries matching several types, or types and an actor, newest first, from index keys only
// (no stored line is read): an index orders equal keys by seq, but several keys or two indexes need a sort.
async function matchingSeqs(db: DeskDb, types: readonly string[], actor: string | undefined): Promise<number[]> {
  let seqs = (await db.ledger.where('type').anyOf([...types]).primaryKeys()) as number[];
  if (actor !== undefined) {
    const mine = new Set((await db.ledger.where('actor').equals(actor).primaryKeys()) as number[]);
    seqs = seqs.filter((seq) => mine.has(seq));
  }
  return seqs.sort((a, b) => b - a);
}

// One filter uses its index's reverse order (equal keys are ordered by seq); several need matchingSeqs.
async function pageRows(db: DeskDb, filter: EntryFilter, offset: number, limit: number): Promise<LedgerRow[]> {
  const types = typesOf(filter);
  const actor = filter.actor;
  if (types === null) {
    const collection = actor === undefined ? db.ledger.orderBy('seq') : db.ledger.where('actor').equals(actor);
    return collection.reverse().offset(offset).limit(limit).toArray();
  }
  if (actor === undefined && types.length === 1) return db.ledger.where('type').equals(types[0]!).reverse().offset(offset).limit(limit).toArray();
  const seqs = (await matchingSeqs(db, types, actor)).slice(offset, offset + limit);
  return (await db.ledger.bulkGet(seqs)).filter((row): row is LedgerRow => row !== undefined);
}

/** A page of entries, newest first, skipping `offset` matching entries; rejects when limit exceeds MAX_PAGE_SIZE. */
export async function listEntries(db: DeskDb, filter: EntryFilter, offset: number, limit: number): Promise<EntrySummary[]> {
  checkPage('listEntries', offset, limit);
  const rows = await pageRows(db, filter, offset, limit);
  return rows.map(({ seq, time, actor, type, leaf }) => ({ seq, time, actor, type, leaf }));
}

/** A page of entries with their lines and the matching count, read in one transaction so the page's offsets are those of that count; rejects as listEntries does. */
export async function readEntryPage(db: DeskDb, filter: EntryFilter, offset: number, limit: number): Promise<EntryPage> {
  checkPage('readEntryPage', offset, limit);
  return db.transaction('r', db.ledger, async () => {
    const total = await countEntries(db, filter);
    const rows = await pageRows(db, filter, offset, limit);
    return { total, entries: rows.map(({ seq, time, actor, type, leaf, line }) => ({ seq, time, actor, type, leaf, line })) };
  });
}

/** How many entries match a filter (the virtual list's length), counted from index keys; never writes. */
export async function countEntries(db: DeskDb, filter: EntryFilter = {}): Promise<number> {
  const types = typesOf(filter);
  const actor = filter.actor;
  if (types === null) return actor === undefined ? db.ledger.count() : db.ledger.where('actor').equals(actor).count();
  if (actor === undefined) return db.ledger.where('type').anyOf(types).count();
  return (await matchingSeqs(db, types, actor)).length;
}

/** Every event type some entry has, sorted (for the filter menu); never writes. */
export async function listTypes(db: DeskDb): Promise<LedgerEventType[]> {
  return (await db.ledger.orderBy('type').uniqueKeys()).map((k) => String(k) as LedgerEventType);
}

/** Every actor that wrote an entry, sorted (for the filter menu); never writes. */
export async function listActors(db: DeskDb): Promise<string[]> {
  return (await db.ledger.orderBy('actor').uniqueKeys()).map(String);
}

/** One entry in full with its stored line and leaf hash, or null when no entry has that seq. */
export async function getEntry(db: DeskDb, seq: number): Promise<{ entry: LedgerEntry; line: string; leaf: string } | null> {
  const row = await db.ledger.get(seq);
  if (row === undefined) return null;
  return { entry: JSON.parse(row.line) as LedgerEntry, line: row.line, leaf: row.leaf };
}

/** Every stored line in seq order, as data/ledger.jsonl holds them; never writes. */
export async function ledgerLines(db: DeskDb): Promise<string[]> {
  return (await db.ledger.orderBy('seq').toArray()).map((r) => r.line);
}
