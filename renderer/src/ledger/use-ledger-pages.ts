// The Ledger view's window onto the ledger: a live count of the entries that match the filter (the
// virtual list's length) and the rows read a page at a time, newest first, as the list scrolls to them.
//
// Row i is the i-th newest matching entry, so an append moves every row down. The ledger is append-only,
// so when the count grows by d the rows already read move down by d and only the new top is read; a page
// is read together with its count (one transaction), and a page whose rows disagree with the ones held
// (the ledger was replaced, e.g. by a restore) makes the view drop everything else it held.
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DeskDb } from '../store/db.ts';
import { MAX_PAGE_SIZE, countEntries, readEntryPage, type EntryFilter, type EntrySummary } from '../store/queries.ts';
import { summarizeEntry } from './summarize.ts';

/** Entries read at once when the list reaches rows not yet read. */
export const LEDGER_PAGE_SIZE = 100;
/** Most rows held at once; beyond it, rows far from the ones being read are dropped (and read again if needed). */
export const MAX_HELD_ROWS = 5_000;

/** One row of the Ledger view. */
export interface PanelEntry extends EntrySummary {
  /** One line saying what changed. */
  summary: string;
}

interface Held {
  /** The filter the rows are of (JSON). */
  key: string;
  /** Matching entries when the rows' positions were last set, or null before the first count. */
  total: number | null;
  /** Rows by position, 0 = newest. */
  rows: ReadonlyMap<number, PanelEntry>;
}

/** What useLedgerPages gives the list. */
export interface LedgerPages {
  /** Matching entries, or null until counted. */
  total: number | null;
  /** Row at a position (0 = newest), or undefined while not read. */
  rowAt(index: number): PanelEntry | undefined;
  /** Asks for the rows of positions [start, end) (read a page at a time, one read at once); never throws. */
  request(start: number, end: number): void;
  /** The last read's error, or null. */
  error: string | null;
}

function shifted(rows: ReadonlyMap<number, PanelEntry>, by: number): Map<number, PanelEntry> {
  const out = new Map<number, PanelEntry>();
  for (const [i, row] of rows) out.set(i + by, row);
  return out;
}

/** Live, paged rows of the ledger matching `filter`, newest first; never throws (a failed read is `error`). */
export function useLedgerPages(db: DeskDb, filter: EntryFilter): LedgerPages {
  const key = JSON.stringify(filter);
  // Tagged with its filter: after the filter changes, the hook keeps answering the old count until the new one is read.
  const counted = useLiveQuery(async () => ({ key, total: await countEntries(db, JSON.parse(key) as EntryFilter) }), [db, key]);
  const [held, setHeld] = useState<Held>({ key, total: null, rows: new Map() });
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reading = useRef(false);
  const wanted = useRef<[number, number] | null>(null);

  useEffect(() => {
    if (counted === undefined || counted.key !== key) return;
    setHeld((prev) => {
      if (prev.key !== key || prev.total === null) return { key, total: counted.total, rows: new Map() };
      const delta = counted.total - prev.total;
      if (delta === 0) return prev;
      // Fewer entries than before: the ledger was replaced; nothing held can be trusted.
      return { key, total: counted.total, rows: delta > 0 ? shifted(prev.rows, delta) : new Map() };
    });
  }, [counted, key]);

  const current: Held = useMemo(() => (held.key === key ? held : { key, total: null, rows: new Map() }), [held, key]);

  const request = useCallback(
    (start: number, end: number) => {
      wanted.current = [start, end];
      if (reading.current || current.total === null) return;
      const total = current.total;
      let from = -1;
      let last = -1;
      for (let i = Math.max(0, start); i < Math.min(end, total); i++) {
        if (current.rows.has(i)) continue;
        if (from < 0) from = i;
        last = i;
      }
      if (from < 0) return;
      // Read ahead up to a page while rows are missing, plus one row held already, so that a page whose
      // rows disagree with those held (the ledger was replaced) is noticed.
      let to = Math.min(last + 1, from + MAX_PAGE_SIZE);
      while (to < total && to < from + LEDGER_PAGE_SIZE && !current.rows.has(to)) to++;
      if (to < total && to < from + MAX_PAGE_SIZE && current.rows.has(to)) to++;
      reading.current = true;
      void readEntryPage(db, JSON.parse(key) as EntryFilter, from, to - from)
        .then((page) => {
          const read = page.entries.map(({ line, ...rest }): PanelEntry => ({ ...rest, summary: summarizeEntry(rest.type, line) }));
          setError(null);
          setHeld((prev) => {
            if (prev.key !== key || prev.total === null) return prev;
            // The page's snapshot had `page.total` entries; appended since, they are `prev.total - page.total` more.
            const by = prev.total - page.total;
            if (by < 0) return prev; // a newer count is on its way; read again then
            let disagree = false;
            const rows = new Map(prev.rows);
            read.forEach((row, k) => {
              const i = from + k + by;
              const had = rows.get(i);
              if (had !== undefined && (had.seq !== row.seq || had.leaf !== row.leaf)) disagree = true;
              rows.set(i, row);
            });
            if (disagree) return { key, total: prev.total, rows: new Map(read.map((row, k) => [from + k + by, row])) };
            if (rows.size > MAX_HELD_ROWS) {
              const keepFrom = from + by - MAX_HELD_ROWS / 2;
              const keepTo = from + by + read.length + MAX_HELD_ROWS / 2;
              for (const i of [...rows.keys()]) if (i < keepFrom || i >= keepTo) rows.delete(i);
            }
            return { key, total: prev.total, rows };
          });
        })
        .then(
          () => {
            reading.current = false;
            setTick((t) => t + 1);
          },
          // Not read again on its own (that would loop on a lasting failure): the next scroll or count asks again.
          (e: unknown) => {
            reading.current = false;
            setError(e instanceof Error ? e.message : String(e));
          },
        );
    },
    [db, key, current.total, current.rows],
  );

  // After a read (or a new count), read what the list last asked for and still lacks.
  useEffect(() => {
    if (wanted.current !== null) request(wanted.current[0], wanted.current[1]);
  }, [request, tick]);

  return { total: current.total, rowAt: (i) => current.rows.get(i), request, error };
}
