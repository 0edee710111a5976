// The search worker's message handler, run in-process: indexing with progress, the per-workspace cache
// (fake-indexeddb), removal of sources that are gone, and queries superseded by newer ones.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { MAX_INDEXED_CHARS, SEARCH_INDEX_VERSION } from '../../../shared/search/search-index.ts';
import { openSearchCache, searchCacheDbName, deleteSearchCache } from '../../../renderer/src/search/search-cache.ts';
import { createSearchEngine } from '../../../renderer/src/search/search-engine.ts';
import type { SearchResponse } from '../../../renderer/src/search/search-protocol.ts';
import { HEARING, MEMO, MemoryCache, REPORT } from './fixtures.ts';

function setup(cache: MemoryCache | null = new MemoryCache(), schedule?: (task: () => void) => void) {
  const posted: SearchResponse[] = [];
  const engine = createSearchEngine({
    post: (m) => posted.push(m),
    openCache: async () => {
      if (!cache) throw new Error('IndexedDB unavailable');
      return cache;
    },
    ...(schedule ? { schedule } : {}),
  });
  return { engine, posted, cache };
}

const resultsOf = (posted: SearchResponse[], id: number) => posted.filter((m): m is Extract<SearchResponse, { type: 'results' }> => m.type === 'results' && m.id === id);

describe('search engine', () => {
  it('indexes the texts it is sent with progress up to the total, then answers ranked queries with marked snippets', async () => {
    const { engine, posted } = setup();
    await engine.handle({ type: 'init', workspaceId: 'w1' });
    await engine.handle({ type: 'sync', shas: [REPORT.sha256, HEARING.sha256], texts: [REPORT, HEARING] });

    const progress = posted.filter((m) => m.type === 'progress');
    const total = REPORT.text.length + HEARING.text.length;
    expect(progress[0]).toEqual({ type: 'progress', done: 0, total });
    expect(progress.at(-1)).toEqual({ type: 'progress', done: total, total });
    const dones = progress.map((p) => p.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(posted.at(-1)).toEqual({ type: 'ready', indexed: 2 });
    expect(engine.indexed().sort()).toEqual([REPORT.sha256, HEARING.sha256]);

    await engine.handle({ type: 'search', id: 1, query: 'harbour plan' });
    const [answer] = resultsOf(posted, 1);
    expect(answer?.query).toBe('harbour plan');
    const results = answer?.results ?? [];
    // The phrase occurs on page xii and in the mayor's cue; page xi has both words apart, ranked below.
    const top = results.slice(0, 2).map((r) => `${r.sha256[0]}:${r.unit.index}`);
    expect(top.sort()).toEqual(['a:1', 'b:0']);
    const apart = results.findIndex((r) => r.sha256 === REPORT.sha256 && r.unit.index === 0);
    expect(apart).toBeGreaterThanOrEqual(2);
    const page = results.find((r) => r.sha256 === REPORT.sha256 && r.unit.index === 1)!;
    expect(REPORT.text.slice(page.range[0], page.range[1])).toBe('harbour plan');
    expect(page.unit).toMatchObject({ kind: 'page', label: 'xii' });
    // The snippet stays on its page: the previous page's "plan" is not in it.
    expect(page.snippet.marks.map(([s, e]) => page.snippet.text.slice(s, e).toLowerCase())).toEqual(['harbour', 'plan', 'harbour']);
    expect(page.snippet.start).toBeGreaterThanOrEqual(page.unit.range[0]);
    expect(page.snippet.start + page.snippet.text.length).toBeLessThanOrEqual(page.unit.range[1]);
    expect(REPORT.text.slice(page.snippet.start, page.snippet.start + page.snippet.text.length)).toBe(page.snippet.text);
    const cue = results.find((r) => r.sha256 === HEARING.sha256)!;
    expect(cue.unit).toMatchObject({ kind: 'cue', time: [62, 67], speaker: 'Mayor Quinn' });
    expect(HEARING.text.slice(cue.range[0], cue.range[1])).toBe('harbour plan');
  });

  it('loads a valid cached index instead of rebuilding it, and rebuilds a stale one', async () => {
    const cache = new MemoryCache();
    const first = setup(cache);
    await first.engine.handle({ type: 'init', workspaceId: 'w1' });
    await first.engine.handle({ type: 'sync', shas: [REPORT.sha256, HEARING.sha256], texts: [REPORT, HEARING] });
    expect(cache.puts.sort()).toEqual([REPORT.sha256, HEARING.sha256]);

    // The report's entry is stale (another version); the hearing's is good.
    cache.rows.set(REPORT.sha256, { ...(cache.rows.get(REPORT.sha256) as object), version: SEARCH_INDEX_VERSION + 1 });
    cache.puts.length = 0;
    const second = setup(cache);
    await second.engine.handle({ type: 'init', workspaceId: 'w1' });
    await second.engine.handle({ type: 'sync', shas: [REPORT.sha256, HEARING.sha256], texts: [REPORT, HEARING] });
    expect(cache.puts).toEqual([REPORT.sha256]);
    await second.engine.handle({ type: 'search', id: 7, query: 'ferry' });
    expect(resultsOf(second.posted, 7)[0]?.results.map((r) => r.unit)).toEqual([HEARING.units[1]]);
  });

  it('indexes without a cache when IndexedDB refuses', async () => {
    const { engine, posted } = setup(null);
    await engine.handle({ type: 'init', workspaceId: 'w1' });
    await engine.handle({ type: 'sync', shas: [HEARING.sha256], texts: [HEARING] });
    expect(posted.at(-1)).toEqual({ type: 'ready', indexed: 1 });
    await engine.handle({ type: 'search', id: 1, query: 'timetable' });
    expect(resultsOf(posted, 1)[0]?.results).toHaveLength(1);
  });

  it('drops sources that are gone from the index and the cache, and answers the last query again', async () => {
    const { engine, posted, cache } = setup();
    await engine.handle({ type: 'init', workspaceId: 'w1' });
    await engine.handle({ type: 'sync', shas: [HEARING.sha256, MEMO.sha256], texts: [HEARING, MEMO] });
    await engine.handle({ type: 'search', id: 3, query: 'ferry' });
    expect(resultsOf(posted, 3).at(-1)?.results.map((r) => r.sha256).sort()).toEqual([HEARING.sha256, MEMO.sha256]);

    await engine.handle({ type: 'sync', shas: [HEARING.sha256], texts: [] });
    // The same query's results are sent again, without the memo.
    expect(resultsOf(posted, 3).at(-1)?.results.map((r) => r.sha256)).toEqual([HEARING.sha256]);
    expect(engine.indexed()).toEqual([HEARING.sha256]);
    await expect.poll(() => cache!.keys()).toEqual([HEARING.sha256]);
  });

  it('answers a query sent before indexing finished again once it has', async () => {
    const { engine, posted } = setup();
    await engine.handle({ type: 'init', workspaceId: 'w1' });
    await engine.handle({ type: 'sync', shas: [REPORT.sha256], texts: [REPORT] });
    await engine.handle({ type: 'search', id: 4, query: 'ferry' });
    expect(resultsOf(posted, 4)).toEqual([{ type: 'results', id: 4, query: 'ferry', results: [] }]);
    await engine.handle({ type: 'sync', shas: [REPORT.sha256, HEARING.sha256], texts: [HEARING] });
    expect(resultsOf(posted, 4).at(-1)?.results.map((r) => r.sha256)).toEqual([HEARING.sha256]);
  });

  it('runs only the newest of the queries that arrived while it was busy', async () => {
    const tasks: (() => void)[] = [];
    const { engine, posted } = setup(new MemoryCache(), (task) => tasks.push(task));
    let synced = false;
    void engine.handle({ type: 'sync', shas: [REPORT.sha256, HEARING.sha256], texts: [REPORT, HEARING] }).then(() => (synced = true));
    while (!synced) {
      await Promise.resolve();
      tasks.shift()?.();
    }
    expect(engine.indexed()).toHaveLength(2);
    const answered = [engine.handle({ type: 'search', id: 1, query: 'harbour' }), engine.handle({ type: 'search', id: 2, query: 'budget' })];
    expect(tasks).toHaveLength(1);
    tasks.shift()?.();
    await Promise.all(answered);
    const results = posted.filter((m) => m.type === 'results');
    expect(results.map((m) => m.id)).toEqual([2]);
    expect(results[0]?.query).toBe('budget');
  });

  it('reports a source it cannot index and indexes the others', async () => {
    const { engine, posted } = setup();
    const huge = { ...MEMO, sha256: 'd'.repeat(64), text: 'x'.repeat(MAX_INDEXED_CHARS + 1), units: [] };
    await engine.handle({ type: 'sync', shas: [huge.sha256, HEARING.sha256], texts: [huge, HEARING] });
    const errors = posted.filter((m) => m.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ id: null, message: expect.stringMatching(/could not be indexed.*dddddddddddd/) });
    expect(posted.at(-1)).toEqual({ type: 'ready', indexed: 1 });
  });
});

describe('search cache (IndexedDB)', () => {
  it('stores, lists and deletes source indexes in its own per-workspace database', async () => {
    const cache = await openSearchCache('ws-cache');
    const live = createSearchEngine({ post: () => {}, openCache: async () => cache });
    await live.handle({ type: 'init', workspaceId: 'ws-cache' });
    await live.handle({ type: 'sync', shas: [REPORT.sha256, HEARING.sha256], texts: [REPORT, HEARING] });
    expect((await cache.keys()).sort()).toEqual([REPORT.sha256, HEARING.sha256]);
    expect(await cache.get(REPORT.sha256)).toMatchObject({ sha256: REPORT.sha256, version: SEARCH_INDEX_VERSION, length: REPORT.text.length });
    await cache.delete([REPORT.sha256]);
    expect(await cache.keys()).toEqual([HEARING.sha256]);
    cache.close();
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).toContain(searchCacheDbName('ws-cache'));
    await deleteSearchCache('ws-cache');
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(searchCacheDbName('ws-cache'));
  });
});
