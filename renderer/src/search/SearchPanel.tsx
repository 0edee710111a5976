// Search across sources (issue 7, items 7 and 8): a search box reachable from anywhere (`/` or
// Ctrl+Shift+F), indexing progress, and ranked results with marked snippets that open at their location
// or become a pending passage, all from the keyboard.
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import type { SearchResult, Snippet } from '../../../shared/search/search-index.ts';
import { formatTimeRange } from '../../../shared/transcript/index.ts';
import type { Source } from '../../../shared/types/domain.ts';
import type { CharRange, TextUnit } from '../../../shared/types/text.ts';
import type { Shortcut } from '../app/shortcuts.ts';
import type { SearchState } from './use-search.ts';
import '../styles/search.css';

/** Keys that focus the search box, as `aria-keyshortcuts` spells them. */
export const SEARCH_SHORTCUTS = '/ Control+Shift+F';
/** Key that turns the focused result into a pending passage. */
export const HIGHLIGHT_KEY = 'h';

/** The panel's shortcuts, as a group for the shortcut sheet (`?`). */
export const SEARCH_SHORTCUT_GROUP: { group: string; items: Shortcut[] } = {
  group: 'Search',
  items: [
    { keys: '/ or Ctrl+Shift+F', action: 'Search sources' },
    { keys: 'Enter (in the search box)', action: 'Search now' },
    { keys: '↓ / ↑', action: 'Move through the results (↑ from the first returns to the box)' },
    { keys: 'Enter', action: 'Open the result in the viewer' },
    { keys: 'H', action: 'Highlight the result as a pending passage' },
    { keys: 'Esc (in the search box)', action: 'Clear the search' },
  ],
};

/** Where a result opens: its source, the matched range, and the unit it lies in. */
export interface SearchTarget {
  /** SHA-256 of the source. */
  sha256: string;
  /** The match, `[start, end)` into the source text. */
  range: CharRange;
  /** The page or cue of the match (a page's index for scrolling a PDF). */
  unit: TextUnit;
}

/** A span to turn into a pending passage. */
export interface PassageTarget {
  /** SHA-256 of the source. */
  sha256: string;
  /** Start offset into the source text. */
  start: number;
  /** End offset (exclusive) into the source text. */
  end: number;
}

/** Props of the search panel. */
export interface SearchPanelProps {
  /** The search hook's state (useSearch). */
  search: SearchState;
  /** Sources by SHA-256, for titles. */
  sources: ReadonlyMap<string, Source>;
  /** Opens a result in the viewer at its match. */
  onOpen(target: SearchTarget): void;
  /** Makes a result's match the pending passage. */
  onMakePassage(target: PassageTarget): void;
}

/** A unit's location for people: `p. iv` or a time range with the speaker; never throws. */
export function resultLocation(unit: TextUnit): string {
  if (unit.kind === 'page') return `p. ${unit.label}`;
  return `${formatTimeRange(unit.time)}${unit.speaker ? ` · ${unit.speaker}` : ''}`;
}

/** A snippet's text with its marked words wrapped in <mark>; never throws (marks out of order or range are skipped). */
export function renderSnippet(snippet: Snippet): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of snippet.marks) {
    if (start < at || end > snippet.text.length || end <= start) continue;
    if (start > at) out.push(snippet.text.slice(at, start));
    out.push(<mark key={start}>{snippet.text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < snippet.text.length) out.push(snippet.text.slice(at));
  return out;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** The search pane: box, progress, results; `/` and Ctrl+Shift+F focus the box from anywhere. */
export function SearchPanel({ search, sources, onOpen, onMakePassage }: SearchPanelProps) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  const { results, progress } = search;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const chord = e.ctrlKey && e.shiftKey && !e.altKey && !e.metaKey && e.key.toLowerCase() === 'f';
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target);
      if (!chord && !slash) return;
      e.preventDefault();
      // Ctrl+Shift+F is this panel's everywhere: a viewer's own Ctrl+F find must not open as well.
      if (chord) e.stopPropagation();
      input.current?.focus();
      input.current?.select();
    };
    // Capture, so the chord is taken before any pane's handler sees it.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  // New results start the roving focus at the best one.
  useEffect(() => setActive(0), [results]);

  const focusResult = (i: number) => {
    const clamped = Math.max(0, Math.min(results.length - 1, i));
    setActive(clamped);
    items.current[clamped]?.focus();
  };
  const open = (r: SearchResult) => onOpen({ sha256: r.sha256, range: r.range, unit: r.unit });
  const highlight = (r: SearchResult) => onMakePassage({ sha256: r.sha256, start: r.range[0], end: r.range[1] });

  const onBoxKey = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      search.searchNow(text);
    } else if (e.key === 'ArrowDown' && results.length > 0) {
      e.preventDefault();
      focusResult(0);
    } else if (e.key === 'Escape' && text !== '') {
      e.preventDefault();
      setText('');
      search.searchNow('');
    }
  };

  const onResultKey = (e: ReactKeyboardEvent<HTMLButtonElement>, i: number, r: SearchResult) => {
    if (e.key === 'ArrowDown') focusResult(i + 1);
    else if (e.key === 'ArrowUp') {
      if (i === 0) input.current?.focus();
      else focusResult(i - 1);
    } else if (e.key === 'Home') focusResult(0);
    else if (e.key === 'End') focusResult(results.length - 1);
    else if (e.key === 'Enter') open(r);
    else if (e.key.toLowerCase() === HIGHLIGHT_KEY && !e.ctrlKey && !e.metaKey && !e.altKey) highlight(r);
    else return;
    // Enter is handled here rather than by the button's own click, which would open twice.
    e.preventDefault();
  };

  const typed = text.trim() !== '';
  const answered = typed && !search.pending && search.query === text;
  return (
    <section className="search-panel" aria-label="Search across sources">
      <div className="search-box">
        <input
          ref={input}
          type="search"
          aria-label="Search sources"
          aria-keyshortcuts={SEARCH_SHORTCUTS}
          placeholder="Search sources (/)"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            search.search(e.target.value);
          }}
          onKeyDown={onBoxKey}
        />
      </div>
      {progress && (
        <div className="search-progress">
          <progress aria-label="Indexing sources" max={Math.max(progress.total, 1)} value={progress.done} />
          <span className="muted">Indexing sources… {progress.total > 0 ? Math.floor((100 * progress.done) / progress.total) : 0}%</span>
        </div>
      )}
      {search.error && (
        <p className="error" role="alert">
          {search.error}
        </p>
      )}
      {!progress && search.indexed === 0 ? (
        <p className="empty-state">No sources indexed yet. Add a PDF or a transcript: it is indexed for search as it is imported.</p>
      ) : (
        typed && (
          <p className="search-count muted" role="status">
            {search.pending ? 'Searching…' : answered && results.length === 0 ? `No results for “${text}”` : answered ? `${results.length} result${results.length === 1 ? '' : 's'}` : ''}
          </p>
        )
      )}
      {typed && results.length > 0 && (
        <ol className="search-results" aria-label="Search results" aria-busy={search.pending}>
          {results.map((r, i) => {
            const unit = r.unit;
            const snippetEnd = r.snippet.start + r.snippet.text.length;
            return (
              <li key={`${r.sha256}:${unit.kind}:${unit.index}`} className="search-result">
                <button
                  ref={(el) => {
                    items.current[i] = el;
                  }}
                  type="button"
                  className="search-result-open"
                  tabIndex={i === active ? 0 : -1}
                  aria-keyshortcuts={`Enter ${HIGHLIGHT_KEY.toUpperCase()}`}
                  onClick={() => open(r)}
                  onFocus={() => setActive(i)}
                  onKeyDown={(e) => onResultKey(e, i, r)}
                >
                  <span className="search-result-head">
                    <span className="search-result-title">{sources.get(r.sha256)?.title ?? r.sha256.slice(0, 12)}</span>
                    <span className="search-result-location">{resultLocation(unit)}</span>
                  </span>
                  <span className="search-result-snippet">
                    {r.snippet.start > unit.range[0] && '…'}
                    {renderSnippet(r.snippet)}
                    {snippetEnd < unit.range[1] && '…'}
                  </span>
                </button>
                <button type="button" className="search-result-highlight" tabIndex={i === active ? 0 : -1} onClick={() => highlight(r)} aria-label={`Highlight result ${i + 1} as a passage`}>
                  Highlight
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
