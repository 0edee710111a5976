// Find in document: a search box with the hit count and previous/next. Enter goes to the next hit,
// Shift+Enter to the previous one, Ctrl+Enter highlights the current hit (the keyboard way to make a
// passage), Escape closes.
import { useEffect, useRef } from 'react';
import { MAX_FIND_QUERY_CHARS } from '../../../shared/text/find-text.ts';
import { formatHitCount } from './find.ts';

/** Props of FindBar. */
export interface FindBarProps {
  /** The query typed so far. */
  query: string;
  /** Number of hits (capped at MAX_FIND_HITS). */
  count: number;
  /** Index of the current hit, or -1. */
  current: number;
  /** Bumped to move focus into the search box again (Ctrl+F while open). */
  focusKey: number;
  /** The query changed. */
  onQuery(query: string): void;
  /** Go to the next (+1) or previous (-1) hit. */
  onStep(direction: 1 | -1): void;
  /** Close the bar (and clear the hits). */
  onClose(): void;
  /** Make a passage of the current hit; the button is shown only when given. */
  onHighlightHit?(): void;
}

/** The find bar; never throws. */
export function FindBar(props: FindBarProps) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [props.focusKey]);
  const none = props.count === 0;
  return (
    <div className="pd-findbar" role="search" aria-label="Find in document">
      <input
        ref={input}
        type="search"
        aria-label="Find"
        placeholder="Find in document"
        maxLength={MAX_FIND_QUERY_CHARS}
        value={props.query}
        onChange={(e) => props.onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            if (props.current >= 0) props.onHighlightHit?.();
          } else if (e.key === 'Enter') {
            e.preventDefault();
            props.onStep(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            props.onClose();
          }
        }}
      />
      <span className="pd-find-count" role="status" aria-live="polite">
        {props.query.trim() === '' ? '' : formatHitCount(props.count, props.current)}
      </span>
      <button type="button" aria-label="Previous result" disabled={none} onClick={() => props.onStep(-1)}>
        ↑
      </button>
      <button type="button" aria-label="Next result" disabled={none} onClick={() => props.onStep(1)}>
        ↓
      </button>
      {props.onHighlightHit && (
        <button
          type="button"
          aria-label="Highlight result"
          title="Highlight result (Ctrl Enter)"
          aria-keyshortcuts="Control+Enter"
          disabled={props.current < 0}
          onClick={props.onHighlightHit}
        >
          Highlight result
        </button>
      )}
      <button type="button" aria-label="Close find" onClick={props.onClose}>
        ✕
      </button>
    </div>
  );
}
