// Search across the workspace's sources (issue 7, item 7) from React: the index lives in a worker, so
// neither indexing nor querying blocks the UI thread. The hook sends each source text to the worker once,
// reports indexing progress, debounces queries and shows only the answer to the newest one.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SearchResult } from '../../../shared/search/search-index.ts';
import type { Source } from '../../../shared/types/domain.ts';
import type { SourceText } from '../../../shared/types/text.ts';
import { workspaceDbName, type DeskDb } from '../store/db.ts';
import type { SearchRequest, SearchResponse } from './search-protocol.ts';

/** Milliseconds a query waits for more typing before it is sent. */
export const SEARCH_DEBOUNCE_MS = 150;

/** The worker as the hook uses it: a real Worker, or an in-process stand-in in tests. */
export interface SearchPort {
  /** Sends a request to the worker. */
  postMessage(message: SearchRequest): void;
  /** Listens for the worker's responses. */
  addEventListener(type: 'message', listener: (event: MessageEvent<SearchResponse>) => void): void;
  /** Stops listening. */
  removeEventListener(type: 'message', listener: (event: MessageEvent<SearchResponse>) => void): void;
  /** Stops the worker. */
  terminate(): void;
}

/** What the search hook shows. */
export interface SearchState {
  /** Characters indexed and to index while indexing runs, else null. */
  progress: { done: number; total: number } | null;
  /** Sources searchable now. */
  indexed: number;
  /** The query `results` answer ('' before any). */
  query: string;
  /** Ranked results of `query`, best first. */
  results: SearchResult[];
  /** True while a newer query than `query` waits for its results. */
  pending: boolean;
  /** The last indexing or search error, or null. */
  error: string | null;
  /** Searches (debounced); a later call supersedes an earlier one; an empty query clears the results. */
  search(query: string): void;
  /** Searches at once, without waiting for more typing. */
  searchNow(query: string): void;
}

/** Options of the search hook; tests inject an in-process worker. */
export interface UseSearchOptions {
  /** Creates the worker (default: renderer/src/search/search-worker.ts in a module Worker). */
  createWorker?: () => SearchPort;
  /** Debounce in milliseconds (default SEARCH_DEBOUNCE_MS). */
  debounceMs?: number;
}

/** The workspace id of a workspace's DeskDb, from its database name (the name itself if it is not a workspace's); never throws. */
export function workspaceIdOf(db: Pick<DeskDb, 'name'>): string {
  const prefix = workspaceDbName('');
  return db.name.startsWith(prefix) ? db.name.slice(prefix.length) : db.name;
}

function createSearchWorker(): SearchPort {
  return new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module', name: 'search' }) as SearchPort;
}

/** Indexes a workspace's source texts in a worker and searches them; never throws (errors land in `error`). */
export function useSearch(db: Pick<DeskDb, 'sourceTexts'>, workspaceId: string, sources: readonly Source[], options: UseSearchOptions = {}): SearchState {
  const createWorker = useRef(options.createWorker ?? createSearchWorker);
  const debounceMs = options.debounceMs ?? SEARCH_DEBOUNCE_MS;
  const [port, setPort] = useState<SearchPort | null>(null);
  const [progress, setProgress] = useState<SearchState['progress']>(null);
  const [indexed, setIndexed] = useState(0);
  const [answer, setAnswer] = useState<{ query: string; results: SearchResult[] }>({ query: '', results: [] });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The worker's copy of the texts: SHA-256s already sent to this worker.
  const sent = useRef(new Set<string>());
  const latest = useRef<{ id: number; query: string }>({ id: 0, query: '' });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    let worker: SearchPort;
    try {
      worker = createWorker.current();
    } catch (e: unknown) {
      // No Web Workers here (an old engine, or a test DOM): search is unavailable, the rest of the app works.
      setError(`Search is unavailable: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    sent.current = new Set();
    const onMessage = (event: MessageEvent<SearchResponse>) => {
      const msg = event.data;
      if (msg.type === 'progress') setProgress({ done: msg.done, total: msg.total });
      else if (msg.type === 'ready') {
        setProgress(null);
        setIndexed(msg.indexed);
      } else if (msg.type === 'results') {
        // An answer to a superseded query must not replace the newest one's.
        if (msg.id !== latest.current.id) return;
        setAnswer({ query: msg.query, results: msg.results });
        setPending(false);
        setError(null);
      } else if (msg.id === null || msg.id === latest.current.id) {
        setError(msg.message);
        if (msg.id !== null) setPending(false);
      }
    };
    worker.addEventListener('message', onMessage);
    worker.postMessage({ type: 'init', workspaceId });
    setPort(worker);
    setProgress(null);
    setIndexed(0);
    return () => {
      worker.removeEventListener('message', onMessage);
      worker.terminate();
      setPort(null);
    };
  }, [workspaceId]);

  // Recordings have no text; a version replaced by a newer one would only repeat (or contradict) its results.
  const textKey = useMemo(() => {
    const replaced = new Set(sources.map((s) => s.replaces).filter((r): r is string => r !== null));
    return sources.filter((s) => s.kind !== 'recording' && !replaced.has(s.sha256)).map((s) => s.sha256).sort().join(',');
  }, [sources]);

  useEffect(() => {
    if (!port) return;
    let cancelled = false;
    const wanted = textKey === '' ? [] : textKey.split(',');
    const missing = wanted.filter((sha) => !sent.current.has(sha));
    void (async () => {
      let texts: SourceText[] = [];
      try {
        if (missing.length > 0) texts = (await db.sourceTexts.bulkGet(missing)).filter((t): t is SourceText => !!t);
      } catch (e: unknown) {
        if (!cancelled) setError(`Could not read the source texts for search: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
      if (cancelled) return;
      port.postMessage({ type: 'sync', shas: wanted, texts });
      const kept = new Set(wanted.filter((sha) => sent.current.has(sha)));
      for (const t of texts) kept.add(t.sha256);
      sent.current = kept;
    })();
    return () => {
      cancelled = true;
    };
  }, [db, port, textKey]);

  const post = useCallback(
    (id: number, query: string) => {
      timer.current = null;
      if (latest.current.id === id) port?.postMessage({ type: 'search', id, query });
    },
    [port],
  );

  // A new worker (another workspace, or a restart) gets the newest query again.
  useEffect(() => {
    if (latest.current.query.trim() !== '') post(latest.current.id, latest.current.query);
  }, [post]);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  const start = useCallback(
    (query: string, wait: number) => {
      const id = latest.current.id + 1;
      latest.current = { id, query };
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
      if (query.trim() === '') {
        setAnswer({ query: '', results: [] });
        setPending(false);
        return;
      }
      setPending(true);
      if (wait <= 0) post(id, query);
      else timer.current = setTimeout(() => post(id, query), wait);
    },
    [post],
  );
  const search = useCallback((query: string) => start(query, debounceMs), [start, debounceMs]);
  const searchNow = useCallback((query: string) => start(query, 0), [start]);

  return { progress, indexed, query: answer.query, results: answer.results, pending, error, search, searchNow };
}
