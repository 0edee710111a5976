// The search panel by role and label, over the real hook and engine (an in-process worker): empty states,
// indexing progress, ranked results with marked snippets, keyboard navigation, open and highlight.
import 'fake-indexeddb/auto';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DeskDb } from '../../../renderer/src/store/db.ts';
import { SearchPanel, type PassageTarget, type SearchTarget } from '../../../renderer/src/search/SearchPanel.tsx';
import { useSearch, type SearchState } from '../../../renderer/src/search/use-search.ts';
import type { Source } from '../../../shared/types/domain.ts';
import { EnginePort, HEARING, MemoryCache, REPORT, sourceOf } from './fixtures.ts';

const report = sourceOf(REPORT, 'Harbour report');
const hearing = sourceOf(HEARING, 'Council hearing');
let dbCount = 0;

function Harness({ db, sources, onOpen, onMakePassage, onNoteKey }: { db: DeskDb; sources: Source[]; onOpen(t: SearchTarget): void; onMakePassage(t: PassageTarget): void; onNoteKey(key: string): void }) {
  const search = useSearch(db, 'w1', sources, { createWorker: () => new EnginePort(new MemoryCache()), debounceMs: 0 });
  return (
    <>
      <input aria-label="Claim note" onKeyDown={(e) => onNoteKey(e.key)} />
      <SearchPanel search={search} sources={new Map(sources.map((s) => [s.sha256, s]))} onOpen={onOpen} onMakePassage={onMakePassage} />
    </>
  );
}

async function setup(sources: Source[] = [report, hearing]) {
  const db = new DeskDb(`search-panel-${++dbCount}`);
  await db.sourceTexts.bulkPut([REPORT, HEARING]);
  const onOpen = vi.fn<(t: SearchTarget) => void>();
  const onMakePassage = vi.fn<(t: PassageTarget) => void>();
  const onNoteKey = vi.fn<(key: string) => void>();
  const user = userEvent.setup();
  render(<Harness db={db} sources={sources} onOpen={onOpen} onMakePassage={onMakePassage} onNoteKey={onNoteKey} />);
  return { onOpen, onMakePassage, onNoteKey, user };
}

async function searchFor(user: ReturnType<typeof userEvent.setup>, query: string) {
  await waitFor(() => expect(screen.queryByText(/No sources indexed yet/)).not.toBeInTheDocument());
  await waitFor(() => expect(screen.queryByRole('progressbar', { name: 'Indexing sources' })).not.toBeInTheDocument());
  await user.type(screen.getByRole('searchbox', { name: 'Search sources' }), query);
  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^\d+ results?$|^No results/));
}

const marksOf = (el: HTMLElement) => [...el.querySelectorAll('mark')].map((m) => m.textContent?.toLowerCase());

function staticState(patch: Partial<SearchState>): SearchState {
  return { progress: null, indexed: 0, query: '', results: [], pending: false, error: null, search: () => {}, searchNow: () => {}, ...patch };
}

describe('SearchPanel', () => {
  it('says so when no source is indexed yet', async () => {
    await setup([]);
    expect(screen.getByRole('searchbox', { name: 'Search sources' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText(/No sources indexed yet/)).toBeInTheDocument());
  });

  it('shows indexing progress as a progressbar, and errors as alerts', () => {
    render(<SearchPanel search={staticState({ progress: { done: 40, total: 200 }, error: 'A source could not be indexed for search: too long' })} sources={new Map()} onOpen={() => {}} onMakePassage={() => {}} />);
    const bar = screen.getByRole('progressbar', { name: 'Indexing sources' });
    expect(bar).toHaveAttribute('value', '40');
    expect(bar).toHaveAttribute('max', '200');
    expect(screen.getByText(/Indexing sources… 20%/)).toBeInTheDocument();
    expect(screen.queryByText(/No sources indexed yet/)).not.toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('too long');
  });

  it('lists ranked results with title, page label or timecode, and the query’s words marked', async () => {
    const { user } = await setup();
    await searchFor(user, 'harbour plan');
    const items = within(screen.getByRole('list', { name: 'Search results' })).getAllByRole('listitem');
    expect(screen.getByRole('status')).toHaveTextContent(`${items.length} results`);
    // The two units with the phrase come first (page xii, the mayor's cue); page xi has the words apart.
    const firstTwo = items.slice(0, 2).map((li) => li.textContent ?? '');
    expect(firstTwo.some((t) => t.includes('Harbour report') && t.includes('p. xii'))).toBe(true);
    expect(firstTwo.some((t) => t.includes('Council hearing') && t.includes('00:01:02.000–00:01:07.000 · Mayor Quinn'))).toBe(true);
    const pageXi = items.findIndex((li) => li.textContent?.includes('p. xi') && !li.textContent.includes('p. xii'));
    expect(pageXi).toBeGreaterThanOrEqual(2);
    const cue = items.find((li) => li.textContent?.includes('Council hearing'))!;
    expect(marksOf(cue)).toEqual(['harbour', 'plan']);
    const pageXii = items.find((li) => li.textContent?.includes('p. xii'))!;
    expect(marksOf(pageXii)).toEqual(['harbour', 'plan', 'harbour']);
  });

  it('says there are no results for a query that matches nothing', async () => {
    const { user } = await setup();
    await searchFor(user, 'submarine');
    expect(screen.getByRole('status')).toHaveTextContent('No results for “submarine”');
    expect(screen.queryByRole('list', { name: 'Search results' })).not.toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.getByRole('searchbox', { name: 'Search sources' })).toHaveValue('');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('moves through results with the arrow keys; Enter opens the match, H makes it a passage', async () => {
    const { user, onOpen, onMakePassage } = await setup();
    await searchFor(user, 'budget');
    const box = screen.getByRole('searchbox', { name: 'Search sources' });
    const opens = within(screen.getByRole('list', { name: 'Search results' }))
      .getAllByRole('listitem')
      .map((li) => within(li).getAllByRole('button')[0]!);
    expect(opens).toHaveLength(2);
    await user.keyboard('{ArrowDown}');
    expect(opens[0]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(opens[1]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(opens[1]).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(opens[0]).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(box).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(onOpen).toHaveBeenCalledTimes(1);
    const opened = onOpen.mock.calls[0]![0];
    expect(opened.sha256).toBe(REPORT.sha256);
    expect(REPORT.text.slice(opened.range[0], opened.range[1]).toLowerCase()).toBe('budget');
    // Page 1 says "budget" twice (and ranks first); page xii once: the second result is page xii's.
    expect(opened.unit).toEqual(REPORT.units[1]);
    await user.keyboard('h');
    expect(onMakePassage).toHaveBeenCalledWith({ sha256: REPORT.sha256, start: opened.range[0], end: opened.range[1] });
  });

  it('opens a result on click and highlights it from its Highlight button', async () => {
    const { user, onOpen, onMakePassage } = await setup();
    await searchFor(user, 'ferry');
    const [item] = within(screen.getByRole('list', { name: 'Search results' })).getAllByRole('listitem');
    await user.click(within(item!).getByText(/Council hearing/));
    expect(onOpen).toHaveBeenCalledWith({ sha256: HEARING.sha256, range: expect.any(Array), unit: HEARING.units[1] });
    const range = onOpen.mock.calls[0]![0].range;
    expect(HEARING.text.slice(range[0], range[1])).toBe('ferry');
    await user.click(screen.getByRole('button', { name: 'Highlight result 1 as a passage' }));
    expect(onMakePassage).toHaveBeenCalledWith({ sha256: HEARING.sha256, start: range[0], end: range[1] });
  });

  it('focuses the search box with / or Ctrl+Shift+F, but / typed in another field stays there', async () => {
    const { user, onNoteKey } = await setup();
    const box = screen.getByRole('searchbox', { name: 'Search sources' });
    const note = screen.getByRole('textbox', { name: 'Claim note' });
    await user.click(note);
    await user.keyboard('a/b');
    expect(note).toHaveValue('a/b');
    expect(note).toHaveFocus();
    await user.keyboard('{Control>}{Shift>}F{/Shift}{/Control}');
    expect(box).toHaveFocus();
    // The chord is the panel's alone: the focused field's own handler never saw it.
    expect(onNoteKey.mock.calls.map(([k]) => k)).toEqual(['a', '/', 'b', 'Control', 'Shift']);
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('/');
    expect(box).toHaveFocus();
    expect(box).toHaveValue('');
  });
});
