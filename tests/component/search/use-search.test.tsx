// The search hook with in-process stand-ins for its worker: texts read from the workspace's DeskDb and
// sent once each, progress, results of the newest query only, debouncing.
import 'fake-indexeddb/auto';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeskDb, workspaceDbName } from '../../../renderer/src/store/db.ts';
import { SEARCH_DEBOUNCE_MS, useSearch, workspaceIdOf } from '../../../renderer/src/search/use-search.ts';
import type { SearchRequest } from '../../../renderer/src/search/search-protocol.ts';
import type { Source } from '../../../shared/types/domain.ts';
import { EnginePort, HEARING, ManualPort, MEMO, MemoryCache, REPORT, sourceOf } from './fixtures.ts';

let dbCount = 0;
async function workspaceDb(): Promise<DeskDb> {
  const db = new DeskDb(`search-hook-${++dbCount}`);
  await db.sourceTexts.bulkPut([REPORT, HEARING, MEMO]);
  return db;
}

const report = sourceOf(REPORT, 'Harbour report');
const hearing = sourceOf(HEARING, 'Council hearing');
const memo = sourceOf(MEMO, 'Ferry memo');
const recording: Source = { ...sourceOf(HEARING, 'Hearing audio'), sha256: 'e'.repeat(64), kind: 'recording', mediaType: 'audio/wav' };

const syncs = (port: ManualPort) => port.sent.filter((m): m is Extract<SearchRequest, { type: 'sync' }> => m.type === 'sync');
const searches = (port: ManualPort) => port.sent.filter((m): m is Extract<SearchRequest, { type: 'search' }> => m.type === 'search');

afterEach(() => vi.useRealTimers());

describe('useSearch', () => {
  it('names the workspace of a DeskDb by its id', () => {
    expect(workspaceIdOf(new DeskDb(workspaceDbName('7f3a')))).toBe('7f3a');
    expect(workspaceIdOf({ name: 'scratch' })).toBe('scratch');
  });

  it('indexes the workspace texts in the worker and returns ranked results', async () => {
    const db = await workspaceDb();
    const port = new EnginePort(new MemoryCache());
    const { result } = renderHook(() => useSearch(db, 'w1', [report, hearing, recording], { createWorker: () => port, debounceMs: 0 }));
    await waitFor(() => expect(result.current.indexed).toBe(2));
    expect(result.current.progress).toBeNull();
    expect(port.sent[0]).toEqual({ type: 'init', workspaceId: 'w1' });
    // The recording has no text: only the report and the hearing are sent.
    expect(syncs(port).flatMap((s) => s.texts.map((t) => t.sha256)).sort()).toEqual([REPORT.sha256, HEARING.sha256]);

    act(() => result.current.search('ferry timetable'));
    expect(result.current.pending).toBe(true);
    await waitFor(() => expect(result.current.pending).toBe(false));
    expect(result.current.query).toBe('ferry timetable');
    expect(result.current.results.map((r) => [r.sha256, r.unit.index])).toEqual([[HEARING.sha256, 1]]);
  });

  it('shows indexing progress until the worker is ready', async () => {
    const db = await workspaceDb();
    const port = new ManualPort();
    const { result } = renderHook(() => useSearch(db, 'w1', [report], { createWorker: () => port }));
    await waitFor(() => expect(syncs(port)).toHaveLength(1));
    act(() => port.deliver({ type: 'progress', done: 40, total: 200 }));
    expect(result.current.progress).toEqual({ done: 40, total: 200 });
    act(() => port.deliver({ type: 'ready', indexed: 1 }));
    expect(result.current.progress).toBeNull();
    expect(result.current.indexed).toBe(1);
    act(() => port.deliver({ type: 'error', id: null, message: 'A source could not be indexed for search: too long' }));
    expect(result.current.error).toMatch(/too long/);
  });

  it('sends each text once: a new source sends only its text, a removed one only leaves the list', async () => {
    const db = await workspaceDb();
    const port = new ManualPort();
    const { rerender } = renderHook(({ sources }) => useSearch(db, 'w1', sources, { createWorker: () => port }), { initialProps: { sources: [report, hearing] } });
    await waitFor(() => expect(syncs(port)).toHaveLength(1));
    rerender({ sources: [report, hearing, memo] });
    await waitFor(() => expect(syncs(port)).toHaveLength(2));
    expect(syncs(port)[1]?.texts.map((t) => t.sha256)).toEqual([MEMO.sha256]);
    expect(syncs(port)[1]?.shas).toEqual([REPORT.sha256, HEARING.sha256, MEMO.sha256].sort());
    rerender({ sources: [hearing, memo] });
    await waitFor(() => expect(syncs(port)).toHaveLength(3));
    expect(syncs(port)[2]).toEqual({ type: 'sync', shas: [HEARING.sha256, MEMO.sha256].sort(), texts: [] });
    // Added back later, the report's text is sent again (the worker dropped it).
    rerender({ sources: [report, hearing, memo] });
    await waitFor(() => expect(syncs(port)).toHaveLength(4));
    expect(syncs(port)[3]?.texts.map((t) => t.sha256)).toEqual([REPORT.sha256]);
  });

  it('leaves out a source replaced by a newer version', async () => {
    const db = await workspaceDb();
    const port = new ManualPort();
    const newer: Source = { ...memo, replaces: REPORT.sha256 };
    renderHook(() => useSearch(db, 'w1', [report, hearing, newer], { createWorker: () => port }));
    await waitFor(() => expect(syncs(port)).toHaveLength(1));
    expect(syncs(port)[0]?.shas).toEqual([HEARING.sha256, MEMO.sha256].sort());
    expect(syncs(port)[0]?.texts.map((t) => t.sha256).sort()).toEqual([HEARING.sha256, MEMO.sha256].sort());
  });

  it('keeps the newest query’s results when an older answer arrives after them', async () => {
    const db = await workspaceDb();
    const port = new ManualPort();
    const { result } = renderHook(() => useSearch(db, 'w1', [report, hearing], { createWorker: () => port, debounceMs: 0 }));
    await waitFor(() => expect(syncs(port)).toHaveLength(1));
    act(() => result.current.search('harbour'));
    act(() => result.current.search('ferry'));
    const [older, newer] = searches(port);
    expect([older?.query, newer?.query]).toEqual(['harbour', 'ferry']);
    const hit = { sha256: HEARING.sha256, unit: HEARING.units[1]!, score: 1, range: [15, 20] as [number, number], snippet: { text: 'ferry', start: 15, marks: [[0, 5]] as [number, number][] } };
    act(() => port.deliver({ type: 'results', id: newer!.id, query: 'ferry', results: [hit] }));
    act(() => port.deliver({ type: 'results', id: older!.id, query: 'harbour', results: [] }));
    act(() => port.deliver({ type: 'error', id: older!.id, message: 'late failure of the old query' }));
    expect(result.current.query).toBe('ferry');
    expect(result.current.results).toEqual([hit]);
    expect(result.current.pending).toBe(false);
    expect(result.current.error).toBeNull();
  });

  it('debounces typing: only the last of quick queries is sent, and clearing sends nothing', async () => {
    const db = await workspaceDb();
    const port = new ManualPort();
    const { result } = renderHook(() => useSearch(db, 'w1', [report], { createWorker: () => port }));
    await waitFor(() => expect(syncs(port)).toHaveLength(1));
    vi.useFakeTimers();
    act(() => result.current.search('h'));
    act(() => result.current.search('ha'));
    act(() => result.current.search('harb'));
    expect(searches(port)).toEqual([]);
    act(() => vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS));
    expect(searches(port).map((s) => s.query)).toEqual(['harb']);
    act(() => result.current.search('harbour'));
    act(() => result.current.search(''));
    act(() => vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS));
    expect(searches(port).map((s) => s.query)).toEqual(['harb']);
    expect(result.current.pending).toBe(false);
    expect(result.current.results).toEqual([]);
    act(() => result.current.searchNow('plan'));
    expect(searches(port).map((s) => s.query)).toEqual(['harb', 'plan']);
  });

  it('terminates its worker on unmount and starts another for another workspace', async () => {
    const db = await workspaceDb();
    const ports: ManualPort[] = [];
    const { rerender, unmount } = renderHook(({ id }) => useSearch(db, id, [report], { createWorker: () => (ports.push(new ManualPort()), ports.at(-1)!) }), {
      initialProps: { id: 'w1' },
    });
    const live = () => ports.filter((p) => !p.terminated);
    await waitFor(() => expect(live()).toHaveLength(1));
    rerender({ id: 'w2' });
    await waitFor(() => expect(live()[0]?.sent[0]).toEqual({ type: 'init', workspaceId: 'w2' }));
    expect(live()).toHaveLength(1);
    await waitFor(() => expect(syncs(live()[0]!)).toHaveLength(1));
    expect(syncs(live()[0]!)[0]?.texts.map((t) => t.sha256)).toEqual([REPORT.sha256]);
    unmount();
    expect(live()).toHaveLength(0);
  });
});
