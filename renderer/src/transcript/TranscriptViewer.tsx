// The transcript pane: a virtualized cue list (timecode, speaker, text with passages and find hits
// painted on it), find, a speaker filter, highlighting of a text selection, and the recording played in
// sync with the cues. It holds no stored state: passages come in as props and new ones go out through
// onCreateSelection, so the caller writes them (and their ledger entries) to the store.
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type Ref,
} from 'react';
import { createSelectors, timeRangeOf } from '../../../shared/anchor/selectors.ts';
import type { Passage } from '../../../shared/types/domain.ts';
import { findInText, MAX_FIND_QUERY_CHARS } from '../../../shared/text/find-text.ts';
import type { PassageSelectors } from '../../../shared/types/selectors.ts';
import type { CueUnit, SourceText } from '../../../shared/types/text.ts';
import '../styles/transcript.css';
import { isKeyConsumer, isSpaceActivated } from './keys.ts';
import { MediaPlayer } from './MediaPlayer.tsx';
import { paintSegments, type PaintedPassage, type Segment } from './paint.ts';
import { sourceRangeFromSelection, CUE_TEXT_START_ATTRIBUTE, type SourceRange } from './selection.ts';
import {
  cueAtTime,
  cuePositionAtOffset,
  cuePositionsInRange,
  cuesOf,
  formatTimecode,
  passageTimeRange,
  sortByStart,
  speakersInRange,
  wordAtTime,
} from './time.ts';
import { SEEK_STEP_SECONDS, useMediaPlayback } from './use-media-playback.ts';

/** Estimated height of a cue row in pixels before it is measured. */
export const ESTIMATED_ROW_PX = 56;
/** Rows rendered above and below the visible ones (keeps a drag selection's ends mounted while it scrolls a little). */
export const OVERSCAN_ROWS = 12;

/** A new highlight made from the user's selection, ready to be stored as a passage. */
export interface TranscriptSelection {
  /** First char in the source text, inclusive. */
  start: number;
  /** Char after the last, exclusive. */
  end: number;
  /** W3C selectors for the range (quote, position, `t=s,e` fragment). */
  selectors: PassageSelectors;
  /** Speakers of the cues the range spans, first appearance first. */
  speakers: string[];
  /** Start and end in seconds of the cues the range spans. */
  time: [start: number, end: number] | null;
}

/** Commands the caller can give the viewer through its `ref` (e.g. from an evidence list). */
export interface TranscriptViewerHandle {
  /** Plays the seconds `[start, end]` and stops at `end`; does nothing without a recording. */
  playRange(start: number, end: number): void;
  /** Plays a passage's time range (its `t=` fragment or its cues); false when it has none or there is no recording. */
  playPassage(passage: Passage): boolean;
  /** Moves the recording to `t` seconds without starting it. */
  seek(t: number): void;
  /** Scrolls the cue holding `offset` into view (clearing a speaker filter that hides it); false when no cue holds it. */
  scrollToOffset(offset: number): boolean;
}

/** Props of TranscriptViewer. */
export interface TranscriptViewerProps {
  /** The transcript's source text; its cue units are listed (page units are ignored). */
  sourceText: SourceText;
  /** The recording as a blob: URL (never a file path); without it the viewer shows no player. */
  mediaUrl?: string | null;
  /** Whether the recording is audio (default) or video. */
  mediaKind?: 'audio' | 'video';
  /** Passages to paint; those of other sources (by sourceSha256) are ignored. */
  passages: readonly Passage[];
  /** The passage shown as selected, if any; "Play passage" plays its time range. */
  selectedPassageId?: string | null;
  /** Called with the range, selectors, speakers and time of the selection when the user highlights it. */
  onCreateSelection(selection: TranscriptSelection): void;
  /** Called with a passage's id when the user clicks (or presses Enter on) its painted text. */
  onPassageClick(id: string): void;
  /** Scrolls the cue holding `offset` into view whenever a new object is passed (clearing a speaker filter that hides it). */
  scrollTo?: { offset: number } | null;
  /** When given and there is no recording, a button "Attach recording" calls it. */
  onAttachRecording?(): void;
  /** Receives the viewer's commands (React 19 passes `ref` as a prop). */
  ref?: Ref<TranscriptViewerHandle>;
}

type SpeakerFilter = { kind: 'all' } | { kind: 'speaker'; name: string | null };

const FILTER_ALL = 'all';
const FILTER_NONE = 'none';

function filterValue(filter: SpeakerFilter): string {
  if (filter.kind === 'all') return FILTER_ALL;
  return filter.name === null ? FILTER_NONE : `speaker:${filter.name}`;
}

function filterFromValue(value: string): SpeakerFilter {
  if (value === FILTER_ALL) return { kind: 'all' };
  if (value === FILTER_NONE) return { kind: 'speaker', name: null };
  return { kind: 'speaker', name: value.slice('speaker:'.length) };
}

/** Index of `value` in the ascending array `sorted`, or null; binary search. */
function indexInSorted(sorted: readonly number[], value: number): number | null {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}

/** The end of a cue's displayed text: its range without trailing line breaks (the separator before the next cue). */
function displayEnd(text: string, cue: CueUnit): number {
  let end = cue.range[1];
  while (end > cue.range[0] && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return end;
}

interface CueRowProps {
  cue: CueUnit;
  text: string;
  rowIndex: number;
  rowCount: number;
  start: number;
  segments: Segment[];
  current: boolean;
  currentHit: number | null;
  selectedPassageId: string | null;
  canSeek: boolean;
  measure: (el: Element | null) => void;
  onSeekCue: (cue: CueUnit) => void;
}

function CueRow({ cue, text, rowIndex, rowCount, start, segments, current, currentHit, selectedPassageId, canSeek, measure, onSeekCue }: CueRowProps) {
  const timecode = formatTimecode(cue.time[0]);
  const label = `Cue ${cue.index + 1} at ${timecode}`;
  return (
    <div
      ref={measure}
      role="listitem"
      aria-posinset={rowIndex + 1}
      aria-setsize={rowCount}
      aria-current={current ? 'time' : undefined}
      data-index={rowIndex}
      data-cue-index={cue.index}
      className={current ? 'tv-cue is-current' : 'tv-cue'}
      style={{ transform: `translateY(${start}px)` }}
    >
      {canSeek ? (
        <button type="button" className="tv-time" aria-label={label} title="Play from here" onClick={() => onSeekCue(cue)}>
          {timecode}
        </button>
      ) : (
        <span className="tv-time" aria-label={label}>
          {timecode}
        </span>
      )}
      {cue.speaker !== null ? <span className="tv-speaker">{cue.speaker}</span> : null}
      <div className="tv-cue-text" {...{ [CUE_TEXT_START_ATTRIBUTE]: cue.range[0] }}>
        {segments.map((seg) => {
          const chars = text.slice(seg.start, seg.end);
          const passageId = seg.passageIds[0];
          if (passageId === undefined && seg.hit === null && !seg.spoken) return chars;
          const classes = [
            seg.spoken ? 'tv-spoken' : '',
            passageId !== undefined ? 'tv-passage' : '',
            passageId !== undefined && seg.passageIds.includes(selectedPassageId ?? '\u0000') ? 'is-selected' : '',
            seg.hit !== null ? 'tv-hit' : '',
            seg.hit !== null && seg.hit === currentHit ? 'is-current-hit' : '',
          ].filter(Boolean);
          return (
            <mark
              key={seg.start}
              className={classes.join(' ')}
              data-passage-id={passageId}
              data-passage-ids={seg.passageIds.length > 1 ? seg.passageIds.join(' ') : undefined}
              data-hit={seg.hit ?? undefined}
              role={passageId !== undefined ? 'button' : undefined}
              tabIndex={passageId !== undefined ? 0 : undefined}
              aria-current={seg.hit !== null && seg.hit === currentHit ? 'true' : undefined}
            >
              {chars}
            </mark>
          );
        })}
      </div>
    </div>
  );
}

/** The transcript viewer with its player; see TranscriptViewerProps. Mount it in a pane with a definite height. */
export function TranscriptViewer({
  sourceText,
  mediaUrl = null,
  mediaKind = 'audio',
  passages,
  selectedPassageId = null,
  onCreateSelection,
  onPassageClick,
  scrollTo = null,
  onAttachRecording,
  ref,
}: TranscriptViewerProps) {
  const text = sourceText.text;
  const cues = useMemo(() => cuesOf(sourceText), [sourceText]);
  const byTime = useMemo(() => sortByStart(cues), [cues]);
  const positionOf = useMemo(() => new Map(cues.map((c, i) => [c, i])), [cues]);
  const hasMedia = mediaUrl !== null && mediaUrl !== '';

  // Speakers, in order of first appearance.
  const { speakers, hasUnnamed } = useMemo(() => {
    const seen = new Set<string>();
    let unnamed = false;
    for (const c of cues) {
      if (c.speaker === null) unnamed = true;
      else seen.add(c.speaker);
    }
    return { speakers: [...seen], hasUnnamed: unnamed };
  }, [cues]);

  const [filter, setFilter] = useState<SpeakerFilter>({ kind: 'all' });
  /** Positions (in `cues`) of the cues shown, ascending. */
  const rows = useMemo(() => {
    if (filter.kind === 'all') return cues.map((_, i) => i);
    const out: number[] = [];
    cues.forEach((c, i) => {
      if (c.speaker === filter.name) out.push(i);
    });
    return out;
  }, [cues, filter]);
  const isShown = useCallback((position: number) => filter.kind === 'all' || cues[position]?.speaker === filter.name, [cues, filter]);

  // Find: over the whole source text, so a hit may run across a line break inside a cue and across cues. A
  // hit counts only when every cue it touches is shown, as a selection may be highlighted only then.
  const [findOpen, setFindOpen] = useState(false);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const found = useMemo(
    () =>
      findInText(text, findOpen ? deferredQuery : '', (start, end) => {
        const span = cuePositionsInRange(cues, start, end);
        if (span === null) return false;
        for (let i = span[0]; i <= span[1]; i++) if (!isShown(i)) return false;
        return true;
      }),
    [text, cues, deferredQuery, findOpen, isShown],
  );
  const [hitIndex, setHitIndex] = useState(0);
  useEffect(() => setHitIndex(0), [found]);
  const currentHit = found.hits.length > 0 ? Math.min(hitIndex, found.hits.length - 1) : null;

  const painted = useMemo<PaintedPassage[]>(
    () =>
      passages
        .filter((p) => p.sourceSha256 === sourceText.sha256)
        .map((p) => ({ id: p.id, start: p.selectors.position.start, end: p.selectors.position.end })),
    [passages, sourceText.sha256],
  );

  // Player.
  const mediaRef = useRef<HTMLMediaElement | null>(null);
  const { state: playback, controls, handlers } = useMediaPlayback(mediaRef);
  const currentCue = hasMedia ? cueAtTime(byTime, playback.time) : null;
  const currentPosition = currentCue ? (positionOf.get(currentCue) ?? null) : null;
  // The word being spoken, where the transcript times its words: underlined in the playing cue.
  const spokenWord = currentCue ? wordAtTime(currentCue, playback.time) : null;
  const [following, setFollowing] = useState(true);

  // The list.
  const rootRef = useRef<HTMLElement | null>(null);
  const scrollerRef = useRef<HTMLDivElement | null>(null);
  const listRef = useRef<HTMLDivElement | null>(null);
  const findInputRef = useRef<HTMLInputElement | null>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: OVERSCAN_ROWS,
    getItemKey: (i) => cues[rows[i]!]!.index,
  });

  const scrollToPosition = useCallback(
    (position: number, onlyIfHidden: boolean) => {
      const row = indexInSorted(rows, position);
      if (row === null) return;
      if (onlyIfHidden) {
        const scroller = scrollerRef.current;
        const el = scroller?.querySelector(`[data-index="${row}"]`);
        if (scroller && el) {
          const box = el.getBoundingClientRect();
          const view = scroller.getBoundingClientRect();
          if (box.top >= view.top && box.bottom <= view.bottom) return;
        }
      }
      virtualizer.scrollToIndex(row, { align: 'center' });
    },
    [rows, virtualizer],
  );

  // Auto-follow: keep the current cue in view while following.
  useEffect(() => {
    if (following && currentPosition !== null) scrollToPosition(currentPosition, true);
  }, [following, currentPosition, scrollToPosition]);

  // Scroll requests from the caller.
  const [pendingScroll, setPendingScroll] = useState<number | null>(null);
  const requestScroll = useCallback(
    (offset: number): boolean => {
      const position = cuePositionAtOffset(cues, offset);
      if (position === null) return false;
      if (!isShown(position)) setFilter({ kind: 'all' });
      setFollowing(false);
      setPendingScroll(position);
      return true;
    },
    [cues, isShown],
  );
  useEffect(() => {
    if (scrollTo) requestScroll(scrollTo.offset);
    // Only a new request object scrolls, so the effect depends on nothing else.
  }, [scrollTo]);
  useEffect(() => {
    if (pendingScroll === null || indexInSorted(rows, pendingScroll) === null) return;
    scrollToPosition(pendingScroll, false);
    setPendingScroll(null);
  }, [pendingScroll, rows, scrollToPosition]);

  const goToHit = useCallback(
    (index: number) => {
      const hit = found.hits[index];
      if (!hit) return;
      setHitIndex(index);
      const position = cuePositionAtOffset(cues, hit[0]);
      if (position !== null) {
        setFollowing(false);
        scrollToPosition(position, false);
      }
    },
    [found, cues, scrollToPosition],
  );
  const stepHit = (delta: 1 | -1) => {
    const n = found.hits.length;
    if (n === 0) return;
    goToHit(((currentHit ?? 0) + delta + n) % n);
  };
  // Show the first hit as the query changes.
  useEffect(() => {
    const first = found.hits[0];
    if (!first) return;
    const position = cuePositionAtOffset(cues, first[0]);
    if (position !== null) scrollToPosition(position, true);
  }, [found, cues, scrollToPosition]);

  // Each open asks for focus once the input exists: in a layout effect, so it is focused (and its text
  // selected) before the next keystroke is handled. Focusing on the next frame selected, and so replaced,
  // a first character typed within that frame.
  const [findFocusKey, setFindFocusKey] = useState(0);
  useLayoutEffect(() => {
    if (findFocusKey === 0) return;
    findInputRef.current?.focus();
    findInputRef.current?.select();
  }, [findFocusKey]);
  const openFind = () => {
    setFindOpen(true);
    setFindFocusKey((k) => k + 1);
  };
  const closeFind = () => {
    setFindOpen(false);
    scrollerRef.current?.focus();
  };

  // Selection → pending highlight; `notice` says why a highlight was refused.
  const [notice, setNotice] = useState<string | null>(null);
  const [selection, setSelection] = useState<SourceRange | null>(null);
  const readSelection = useCallback((): SourceRange | null => {
    const list = listRef.current;
    return list ? sourceRangeFromSelection(list, document.getSelection()) : null;
  }, []);
  useEffect(() => {
    const update = () => {
      const range = readSelection();
      setSelection(range);
      if (range) setNotice(null);
    };
    document.addEventListener('selectionchange', update);
    return () => document.removeEventListener('selectionchange', update);
  }, [readSelection]);

  /** Why the range cannot be highlighted, or null when it can. */
  const blockedReason = useCallback(
    (range: SourceRange): string | null => {
      if (filter.kind === 'all') return null;
      const span = cuePositionsInRange(cues, range.start, range.end);
      if (!span) return null;
      for (let i = span[0]; i <= span[1]; i++) if (!isShown(i)) return 'The selection runs across cues hidden by the speaker filter; show all speakers to highlight it.';
      return null;
    },
    [cues, filter, isShown],
  );

  const highlight = () => {
    const range = readSelection() ?? selection;
    if (!range) {
      setNotice('Select words in the transcript first, then highlight them.');
      return;
    }
    const blocked = blockedReason(range);
    if (blocked) {
      setNotice(blocked);
      return;
    }
    let selectors: PassageSelectors;
    try {
      selectors = createSelectors(sourceText, range.start, range.end);
    } catch (e) {
      setNotice(e instanceof Error ? e.message : String(e));
      return;
    }
    setNotice(null);
    onCreateSelection({
      start: range.start,
      end: range.end,
      selectors,
      speakers: speakersInRange(sourceText, range.start, range.end),
      time: timeRangeOf(sourceText, range.start, range.end),
    });
    document.getSelection()?.removeAllRanges();
    setSelection(null);
  };

  const selectedPassage = selectedPassageId !== null ? passages.find((p) => p.id === selectedPassageId && p.sourceSha256 === sourceText.sha256) : undefined;
  const selectedPassageTime = selectedPassage ? passageTimeRange(selectedPassage, sourceText) : null;
  const selectionTime = selection ? timeRangeOf(sourceText, selection.start, selection.end) : null;

  useImperativeHandle(
    ref,
    () => ({
      playRange: (start, end) => {
        if (hasMedia) controls.playRange(start, end);
      },
      playPassage: (passage) => {
        const range = hasMedia ? passageTimeRange(passage, sourceText) : null;
        if (!range) return false;
        controls.playRange(range[0], range[1]);
        return true;
      },
      seek: (t) => controls.seek(t),
      scrollToOffset: requestScroll,
    }),
    [hasMedia, controls, sourceText, requestScroll],
  );

  const onSeekCue = useCallback(
    (cue: CueUnit) => {
      setFollowing(true);
      controls.seek(cue.time[0]);
      controls.play();
    },
    [controls],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const key = e.key;
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && key.toLowerCase() === 'f') {
      e.preventDefault();
      openFind();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || isKeyConsumer(e.target)) return;
    const inList = e.target instanceof Element && scrollerRef.current?.contains(e.target) === true;
    let handled = true;
    switch (key) {
      case 'h':
      case 'H':
        highlight();
        break;
      case ' ':
        // Space keeps activating toolbar buttons; in the cue list it plays and pauses.
        if (!hasMedia || (isSpaceActivated(e.target) && !inList)) handled = false;
        else controls.toggle();
        break;
      case 'k':
      case 'K':
        if (hasMedia) controls.toggle();
        else handled = false;
        break;
      case 'j':
      case 'J':
      case 'ArrowLeft':
        if (hasMedia) controls.seekBy(-SEEK_STEP_SECONDS);
        else handled = false;
        break;
      case 'l':
      case 'L':
      case 'ArrowRight':
        if (hasMedia) controls.seekBy(SEEK_STEP_SECONDS);
        else handled = false;
        break;
      case 'Enter': {
        const passage = e.target instanceof Element ? e.target.closest('[data-passage-id]') : null;
        const id = passage?.getAttribute('data-passage-id');
        if (id) onPassageClick(id);
        else handled = false;
        break;
      }
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };

  const onListClick = (e: MouseEvent<HTMLDivElement>) => {
    const mark = e.target instanceof Element ? e.target.closest('[data-passage-id]') : null;
    const id = mark?.getAttribute('data-passage-id');
    // A click that ends a drag selection is not a click on a passage.
    const sel = document.getSelection();
    if (id && (!sel || sel.isCollapsed)) onPassageClick(id);
  };

  // Manual scrolling pauses auto-follow; programmatic scrolls fire only `scroll`, which is not listened to.
  const stopFollowing = () => {
    if (!playback.paused) setFollowing(false);
  };
  const onScrollerKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'].includes(e.key)) stopFollowing();
  };

  const items = virtualizer.getVirtualItems();
  const filterActive = filter.kind !== 'all';
  const pendingBlocked = selection ? blockedReason(selection) : null;

  let findStatus: ReactNode = null;
  if (findOpen && deferredQuery.trim() !== '') {
    findStatus =
      found.hits.length === 0
        ? 'No matches'
        : `${(currentHit ?? 0) + 1} of ${found.hits.length.toLocaleString('en')}${found.truncated ? '+' : ''}`;
  }

  return (
    <section ref={rootRef} className="tv-root" aria-label="Transcript" tabIndex={-1} data-find-target="" onKeyDown={onKeyDown}>
      <div className="tv-toolbar" role="toolbar" aria-label="Transcript tools">
        <button type="button" onClick={openFind} title="Find in transcript (Ctrl+F)">
          Find
        </button>
        {speakers.length > 0 ? (
          <label className="tv-filter">
            <span>Speaker</span>
            <select aria-label="Filter by speaker" value={filterValue(filter)} onChange={(e) => setFilter(filterFromValue(e.currentTarget.value))}>
              <option value={FILTER_ALL}>All speakers</option>
              {speakers.map((s) => (
                <option key={s} value={`speaker:${s}`}>
                  {s}
                </option>
              ))}
              {hasUnnamed ? <option value={FILTER_NONE}>No speaker named</option> : null}
            </select>
          </label>
        ) : null}
        <button
          type="button"
          className="tv-highlight"
          onMouseDown={(e) => e.preventDefault() /* keep the text selection */}
          onClick={highlight}
          disabled={selection === null || pendingBlocked !== null}
          title={pendingBlocked ?? 'Highlight selection (H)'}
        >
          Highlight selection
        </button>
        {hasMedia && selectionTime ? (
          <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => controls.playRange(selectionTime[0], selectionTime[1])}>
            Play selection
          </button>
        ) : null}
        <span className="tv-count">
          {filterActive ? `${rows.length.toLocaleString('en')} of ${cues.length.toLocaleString('en')} cues` : `${cues.length.toLocaleString('en')} cues`}
        </span>
      </div>

      {findOpen ? (
        <div className="tv-find" role="search" aria-label="Find in transcript">
          <input
            ref={findInputRef}
            type="search"
            aria-label="Find in transcript"
            placeholder="Find in transcript"
            value={query}
            maxLength={MAX_FIND_QUERY_CHARS}
            onChange={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                stepHit(e.shiftKey ? -1 : 1);
              } else if (e.key === 'Escape') {
                e.preventDefault();
                closeFind();
              }
            }}
          />
          <button type="button" onClick={() => stepHit(-1)} disabled={found.hits.length === 0} aria-label="Previous match" title="Previous match (Shift+Enter)">
            ↑
          </button>
          <button type="button" onClick={() => stepHit(1)} disabled={found.hits.length === 0} aria-label="Next match" title="Next match (Enter)">
            ↓
          </button>
          <span className="tv-find-status" role="status" aria-live="polite">
            {findStatus}
          </span>
          <button type="button" onClick={closeFind} aria-label="Close find">
            ×
          </button>
        </div>
      ) : null}

      {hasMedia ? (
        <MediaPlayer mediaUrl={mediaUrl} mediaKind={mediaKind} mediaRef={mediaRef} state={playback} controls={controls} handlers={handlers}>
          {selectedPassageTime ? (
            <button type="button" onClick={() => controls.playRange(selectedPassageTime[0], selectedPassageTime[1])} aria-label="Play passage">
              Play passage
            </button>
          ) : null}
          {!following ? (
            <button
              type="button"
              onClick={() => {
                setFollowing(true);
                if (currentPosition !== null) scrollToPosition(currentPosition, false);
              }}
              aria-label="Follow playback"
              title="Keep the playing cue in view again"
            >
              Follow playback
            </button>
          ) : null}
        </MediaPlayer>
      ) : (
        <div className="tv-no-media">
          <p>No recording attached. Attach the audio or video file of this interview to play it in sync with the transcript.</p>
          {onAttachRecording ? (
            <button type="button" onClick={onAttachRecording}>
              Attach recording
            </button>
          ) : null}
        </div>
      )}

      {notice !== null ? (
        <p className="tv-notice" role="alert">
          {notice}
        </p>
      ) : null}

      {rows.length === 0 ? (
        <p className="tv-empty">{cues.length === 0 ? 'This transcript has no cues.' : 'No cues for this speaker.'}</p>
      ) : null}
      <div
        ref={scrollerRef}
        className="tv-scroller"
        tabIndex={0}
        role="list"
        aria-label="Cues"
        onWheel={stopFollowing}
        onTouchMove={stopFollowing}
        onKeyDown={onScrollerKeyDown}
        onPointerDown={(e) => {
          // On the scroller itself (not a row) a press is a scrollbar drag.
          if (e.target === e.currentTarget) stopFollowing();
        }}
        onMouseUp={() => setSelection(readSelection())}
        onClick={onListClick}
      >
        {/* Sized to all rows so the scrollbar reflects the whole transcript; only the rows in view are mounted. */}
        <div ref={listRef} className="tv-list" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {items.map((item) => {
            const position = rows[item.index]!;
            const cue = cues[position]!;
            const end = displayEnd(text, cue);
            return (
              <CueRow
                key={item.key}
                cue={cue}
                text={text}
                rowIndex={item.index}
                rowCount={rows.length}
                start={item.start}
                segments={paintSegments(cue.range[0], end, painted, found.hits, position === currentPosition ? spokenWord : null)}
                current={position === currentPosition}
                currentHit={currentHit}
                selectedPassageId={selectedPassageId}
                canSeek={hasMedia}
                measure={virtualizer.measureElement}
                onSeekCue={onSeekCue}
              />
            );
          })}
        </div>
      </div>
    </section>
  );
}
