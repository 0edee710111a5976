// The search worker's logic as a plain object, so that it can be tested without a Worker: it keeps the
// source texts it was sent and their index, indexes new texts one at a time (loading a valid cached index
// instead when there is one) with progress, drops sources that are gone, and answers queries, running only
// the newest of the queries that arrived while it was busy.
import {
  emptySearchIndex,
  fromStoredSourceIndex,
  indexSource,
  searchSources,
  withoutSource,
  withSource,
  type SearchIndex,
  type SearchResult,
  type SourceIndex,
} from '../../../shared/search/search-index.ts';
import type { SourceText } from '../../../shared/types/text.ts';
import type { SearchCache } from './search-cache.ts';
import type { SearchRequest, SearchResponse } from './search-protocol.ts';

/** What the engine needs from its host (the worker, or a test). */
export interface SearchEngineOptions {
  /** Sends a message to the renderer. */
  post(message: SearchResponse): void;
  /** Opens the workspace's cache; a rejection means indexing without one. */
  openCache(workspaceId: string): Promise<SearchCache>;
  /** Runs `task` after the messages already queued (default: a zero-delay timeout); lets newer queries supersede older ones. */
  schedule?(task: () => void): void;
}

/** The worker's message handler and state. */
export interface SearchEngine {
  /** Handles one message; resolves when its work is done (a sync: when indexing is; a search: when answered). Never rejects. */
  handle(message: SearchRequest): Promise<void>;
  /** SHA-256s of the sources searchable now; never throws. */
  indexed(): string[];
}

/** A result whose snippet is cut to its own unit, so a page's result shows no words of the page before; never throws. */
export function clipToUnit(result: SearchResult): SearchResult {
  const { snippet, unit } = result;
  const start = Math.max(snippet.start, unit.range[0]);
  const end = Math.min(snippet.start + snippet.text.length, unit.range[1]);
  if (start === snippet.start && end === snippet.start + snippet.text.length) return result;
  if (end <= start) return result;
  const shift = start - snippet.start;
  const marks = snippet.marks.filter(([s, e]) => s >= shift && e <= end - snippet.start).map(([s, e]): [number, number] => [s - shift, e - shift]);
  return { ...result, snippet: { text: snippet.text.slice(shift, end - snippet.start), start, marks } };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const macrotask = (task: () => void) => void setTimeout(task, 0);

/** A search engine with an empty index and no cache until `init`; never throws. */
export function createSearchEngine(options: SearchEngineOptions): SearchEngine {
  const { post } = options;
  const schedule = options.schedule ?? macrotask;
  const texts = new Map<string, SourceText>();
  const failed = new Set<string>();
  let index: SearchIndex = emptySearchIndex();
  let cache: Promise<SearchCache | null> = Promise.resolve(null);
  let indexing: Promise<void> | null = null;
  // Characters indexed in the current round; the round's total is this plus what is still waiting.
  let roundDone = 0;
  let lastQuery: { id: number; query: string } | null = null;
  let pendingQuery: { id: number; query: string } | null = null;
  let queryWaiters: (() => void)[] = [];

  const waiting = () => [...texts.values()].filter((t) => !Object.hasOwn(index.sources, t.sha256) && !failed.has(t.sha256));
  const remainingChars = () => waiting().reduce((n, t) => n + t.text.length, 0);
  const postProgress = (current: number) => post({ type: 'progress', done: roundDone + current, total: roundDone + remainingChars() });

  const answer = (q: { id: number; query: string }) => {
    let results: SearchResult[];
    try {
      results = searchSources(index, texts, q.query).map(clipToUnit);
    } catch (error: unknown) {
      post({ type: 'error', id: q.id, message: `Search failed: ${messageOf(error)}` });
      return;
    }
    post({ type: 'results', id: q.id, query: q.query, results });
  };

  const ready = (changed: boolean) => {
    post({ type: 'ready', indexed: Object.keys(index.sources).length });
    // Results shown for the last query may now be incomplete or point into a source that is gone.
    if (changed && lastQuery && !pendingQuery) answer(lastQuery);
  };

  const indexOne = async (text: SourceText): Promise<void> => {
    const store = await cache;
    let built: SourceIndex | null = null;
    if (store) {
      try {
        const stored = await store.get(text.sha256);
        if (stored !== undefined) {
          const checked = fromStoredSourceIndex(stored, text);
          if (checked.ok) built = checked.value;
        }
      } catch {
        // An unreadable cache entry is rebuilt from the text below.
      }
    }
    if (texts.get(text.sha256) !== text) return; // removed while reading the cache
    if (!built) {
      try {
        built = indexSource(text, (done) => postProgress(done));
      } catch (error: unknown) {
        failed.add(text.sha256);
        roundDone += text.text.length;
        post({ type: 'error', id: null, message: `A source could not be indexed for search: ${messageOf(error)}` });
        return;
      }
      if (store) {
        try {
          await store.put(built);
        } catch {
          // A full or refused cache only means indexing again next time.
        }
      }
    }
    if (texts.get(text.sha256) !== text) return;
    index = withSource(index, built);
    roundDone += text.text.length;
    postProgress(0);
  };

  const runIndexing = async (): Promise<void> => {
    try {
      for (let next = waiting()[0]; next; next = waiting()[0]) {
        await indexOne(next);
        // Let queued queries and syncs in between sources.
        await new Promise<void>((resolve) => schedule(resolve));
      }
    } finally {
      roundDone = 0;
      indexing = null;
    }
    ready(true);
  };

  const sync = (shas: readonly string[], sent: readonly SourceText[]): Promise<void> => {
    const wanted = new Set(shas);
    let removed = false;
    for (const sha of [...texts.keys()]) {
      if (wanted.has(sha)) continue;
      texts.delete(sha);
      failed.delete(sha);
      if (Object.hasOwn(index.sources, sha)) {
        index = withoutSource(index, sha);
        removed = true;
      }
    }
    for (const text of sent) if (wanted.has(text.sha256) && !texts.has(text.sha256)) texts.set(text.sha256, text);
    void cache.then(async (store) => {
      if (!store) return;
      try {
        await store.delete((await store.keys()).filter((sha) => !wanted.has(sha)));
      } catch {
        // Stale entries are harmless: they are checked against their text before use.
      }
    });
    if (indexing) return indexing;
    if (waiting().length === 0) {
      ready(removed);
      return Promise.resolve();
    }
    postProgress(0);
    indexing = runIndexing();
    return indexing;
  };

  const runQuery = () => {
    const q = pendingQuery;
    pendingQuery = null;
    const waiters = queryWaiters;
    queryWaiters = [];
    if (q) answer(q);
    for (const w of waiters) w();
  };

  return {
    handle(message) {
      switch (message.type) {
        case 'init':
          cache = options.openCache(message.workspaceId).catch(() => null);
          return cache.then(() => undefined);
        case 'sync':
          return sync(message.shas, message.texts);
        case 'search': {
          const first = pendingQuery === null;
          pendingQuery = { id: message.id, query: message.query };
          lastQuery = pendingQuery;
          const answered = new Promise<void>((resolve) => queryWaiters.push(resolve));
          if (first) schedule(runQuery);
          return answered;
        }
      }
    },
    indexed() {
      return Object.keys(index.sources);
    },
  };
}
