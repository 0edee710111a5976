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

function matches(filter: EntryFilter): (row: LedgerRow) => boolean {
  const types = filter.types !== undefined && filter.types.length > 0 ? new Set<string>(filter.types) : null;
  return (row) => (types === null || types.has(row.type)) && (filter.actor === undefined || row.actor === filter.actor);
}

/** A page of entries, newest first, skipping `offset` matching entries; rejects when limit exceeds MAX_PAGE_SIZE. */
export async function listEntries(db: DeskDb, filter: EntryFilter, offset: number, limit: number): Promise<EntrySummary[]> {
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) throw new RangeError(`listEntries: limit must be 0…${MAX_PAGE_SIZE}`);
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError('listEntries: offset must be a non-negative integer');
  const unfiltered = (filter.types === undefined || filter.types.length === 0) && filter.actor === undefined;
  let collection = db.ledger.orderBy('seq').reverse();
  if (!unfiltered) collection = collection.filter(matches(filter));
  const rows = await collection.offset(offset).limit(limit).toArray();
  return rows.map(({ seq, time, actor, type, leaf }) => ({ seq, time, actor, type, leaf }));
}

/** How many entries match a filter (the virtual list's length); never writes. */
export async function countEntries(db: DeskDb, filter: EntryFilter = {}): Promise<number> {
  const unfiltered = (filter.types === undefined || filter.types.length === 0) && filter.actor === undefined;
  if (unfiltered) return db.ledger.count();
  if (filter.actor === undefined && filter.types !== undefined) return db.ledger.where('type').anyOf([...filter.types]).count();
  return db.ledger.filter(matches(filter)).count();
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
