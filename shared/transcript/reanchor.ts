// Regenerated transcripts (issue 6, item 5): a new transcript of the same recording (a new Whisper run, a
// corrected VTT) has different cue boundaries, offsets and sometimes words, so passages re-anchor by
// quote and time, not by offset: the exact quote first (anywhere), then a fuzzy quote near the passage's
// old time, then a fuzzy quote anywhere. Every passage ends in exactly one list of the report; none is
// dropped.
//
// The matching itself is shared/anchor/match.ts's, the same as for PDFs and find (no copy here):
// quoteCandidates gives the candidates (in its normalised form: whitespace, including moved cue breaks,
// collapsed, curly quotes and dashes made plain; exact occurrences, else approx-string-match / Myers
// fuzzy matches) with their quote and prefix/suffix context scores. What this file adds is only what is
// particular to transcripts: the time window searched first, and a time-proximity term in the score.
import { quoteCandidates, type QuoteCandidate, type QuoteQuery } from '../anchor/match.ts';
import { createSelectors, timeRangeOf } from '../anchor/selectors.ts';
import { MEDIA_FRAGMENT_SPEC, type PassageSelectors, type TextQuoteSelector } from '../types/selectors.ts';
import type { CharRange, CueUnit, SourceText } from '../types/text.ts';

/** Most edits (insertions, deletions, substitutions) a fuzzy match may have, as a share of the quote's length (passed to match.ts). */
export const FUZZY_MAX_ERROR_RATE = 0.25;
/** Seconds either side of a passage's old time searched first for a fuzzy match. */
export const REANCHOR_TIME_WINDOW_SECONDS = 120;
/** Time distance, in seconds, at which a candidate's time score falls to zero. */
export const REANCHOR_TIME_SCALE_SECONDS = 300;
/** Most candidates of a quote considered (a very common phrase). */
export const MAX_QUOTE_CANDIDATES = 1000;

// How a candidate's score weighs match.ts's quote and context scores against its time proximity.
const WEIGHT = { quote: 50, context: 20, time: 30 } as const;

/** A stored passage to re-anchor: its identifier and its selectors into the old source text. */
export interface StoredPassage {
  /** The passage's identifier, carried into the report. */
  id: string;
  /** The selectors stored with the passage. */
  selectors: PassageSelectors;
}

/** Where a passage is in one version of the transcript. */
export interface TranscriptPlace {
  /** Characters in that version's source text. */
  range: CharRange;
  /** Start of its first cue and end of its last cue, in seconds, or null when unknown. */
  time: [start: number, end: number] | null;
  /** The words there. */
  text: string;
}

/** A passage found again: same words at the same place and time (`unchanged`), or elsewhere (`moved`). */
export interface FoundPassage {
  /** Discriminates the outcome. */
  status: 'unchanged' | 'moved';
  /** The passage's identifier. */
  id: string;
  /** Where it was. */
  old: TranscriptPlace;
  /** Where it is now. */
  new: TranscriptPlace;
  /** Its selectors into the new source text. */
  selectors: PassageSelectors;
}

/** A passage whose words changed: the closest fuzzy match, with old and new text. */
export interface RewordedPassage {
  /** Discriminates the outcome. */
  status: 'reworded';
  /** The passage's identifier. */
  id: string;
  /** Where it was, with the old words. */
  old: TranscriptPlace;
  /** The matched words in the new transcript. */
  new: TranscriptPlace;
  /** Its selectors into the new source text. */
  selectors: PassageSelectors;
  /** Match quality from 0 to 1 (quote similarity, context, time). */
  score: number;
}

/** A passage that could not be found: its stored quote is kept so that it is shown, never dropped. */
export interface OrphanedPassage {
  /** Discriminates the outcome. */
  status: 'orphaned';
  /** The passage's identifier. */
  id: string;
  /** Where it was. */
  old: TranscriptPlace;
  /** The stored quote, kept verbatim. */
  quote: TextQuoteSelector;
}

/** The outcome for one passage. */
export type ReanchorOutcome = FoundPassage | RewordedPassage | OrphanedPassage;

/** What re-anchoring passages onto a new transcript found, each passage in exactly one list, in input order. */
export interface ReanchorReport {
  /** Discriminates stored values. */
  type: 'reanchor-report';
  /** SHA-256 of the old transcript. */
  oldSha256: string;
  /** SHA-256 of the new transcript. */
  newSha256: string;
  /** Same words, same offsets, same time. */
  unchanged: FoundPassage[];
  /** Same words at a new position or time. */
  moved: FoundPassage[];
  /** Changed words, found by fuzzy match. */
  reworded: RewordedPassage[];
  /** Not found. */
  orphaned: OrphanedPassage[];
}

/** A quote's match in a transcript. */
export interface TranscriptMatch {
  /** First character of the match. */
  start: number;
  /** Character after the match. */
  end: number;
  /** True when the words are the quote's in match.ts's normalised form (whitespace, quote marks and dashes may differ). */
  exact: boolean;
  /** Match quality from 0 to 1. */
  score: number;
}

/** Hints that rank candidate matches: where and when the passage was. */
export interface QuoteHint {
  /** The passage's old time range, or null when unknown. */
  time: [start: number, end: number] | null;
}

function timeScore(text: SourceText, start: number, end: number, hint: QuoteHint): number {
  if (!hint.time) return 0.5;
  const time = timeRangeOf(text, start, end);
  if (!time) return 0;
  return Math.max(0, 1 - Math.abs(time[0] - hint.time[0]) / REANCHOR_TIME_SCALE_SECONDS);
}

function score(quoteSimilarity: number, context: number, time: number): number {
  return (WEIGHT.quote * quoteSimilarity + WEIGHT.context * context + WEIGHT.time * time) / (WEIGHT.quote + WEIGHT.context + WEIGHT.time);
}

// Character window of the cues within REANCHOR_TIME_WINDOW_SECONDS of the hint's time.
function timeWindow(text: SourceText, time: [number, number]): [number, number] | null {
  const lo = time[0] - REANCHOR_TIME_WINDOW_SECONDS;
  const hi = time[1] + REANCHOR_TIME_WINDOW_SECONDS;
  const near = text.units.filter((u): u is CueUnit => u.kind === 'cue' && u.time[1] >= lo && u.time[0] <= hi);
  if (near.length === 0) return null;
  return [Math.min(...near.map((u) => u.range[0])), Math.max(...near.map((u) => u.range[1]))];
}

/**
 * Finds a quote in a transcript with match.ts's candidates: exact (in its normalised form) anywhere first,
 * else fuzzy within REANCHOR_TIME_WINDOW_SECONDS of the hint's time, else fuzzy anywhere; each ranked by
 * quote, context and time proximity. Returns null when nothing is within FUZZY_MAX_ERROR_RATE edits.
 */
export function matchTranscriptQuote(text: SourceText, quote: TextQuoteSelector, hint: QuoteHint): TranscriptMatch | null {
  const query: QuoteQuery = { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix };
  const best = (candidates: QuoteCandidate[]): TranscriptMatch | null => {
    let top: TranscriptMatch | null = null;
    for (const c of candidates) {
      const s = score(c.quoteScore, c.contextScore, timeScore(text, c.start, c.end, hint));
      if (!top || s > top.score) top = { start: c.start, end: c.end, exact: c.exact, score: s };
    }
    return top;
  };
  const exact = best(quoteCandidates(text.text, query, { maxErrorRatio: 0, maxCandidates: MAX_QUOTE_CANDIDATES }));
  if (exact) return withEdgeWhitespace(text.text, quote.exact, exact);
  const fuzzy = { maxErrorRatio: FUZZY_MAX_ERROR_RATE, maxCandidates: MAX_QUOTE_CANDIDATES };
  const window = hint.time ? timeWindow(text, hint.time) : null;
  return (window && best(quoteCandidates(text.text, query, { ...fuzzy, from: window[0], to: window[1] }))) || best(quoteCandidates(text.text, query, fuzzy));
}

// match.ts matches a quote's words without its leading or trailing whitespace; a passage selected with a
// line break at an edge keeps it when the text has the same characters there, so that re-anchoring on
// the same transcript gives back the same range.
function withEdgeWhitespace(text: string, quote: string, m: TranscriptMatch): TranscriptMatch {
  const lead = /^\s*/.exec(quote)?.[0] ?? '';
  const trail = /\s*$/.exec(quote)?.[0] ?? '';
  const start = lead && m.start >= lead.length && text.slice(m.start - lead.length, m.start) === lead ? m.start - lead.length : m.start;
  const end = trail && text.slice(m.end, m.end + trail.length) === trail ? m.end + trail.length : m.end;
  return { ...m, start, end };
}

function oldPlace(oldText: SourceText, selectors: PassageSelectors): TranscriptPlace {
  const { start, end } = selectors.position;
  const fitsOld = oldText.text.slice(start, end) === selectors.quote.exact;
  const time = fitsOld ? timeRangeOf(oldText, start, end) : timeFromFragment(selectors);
  return { range: [start, end], time, text: selectors.quote.exact };
}

function timeFromFragment(selectors: PassageSelectors): [number, number] | null {
  if (selectors.fragment.conformsTo !== MEDIA_FRAGMENT_SPEC) return null;
  const m = /^t=(?:npt:)?([0-9.]+),([0-9.]+)$/.exec(selectors.fragment.value);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** Re-anchors passages made on an old transcript onto a new one and reports what moved, what was reworded and what is orphaned; never throws. */
export function reanchorPassages(oldText: SourceText, passages: readonly StoredPassage[], newText: SourceText): ReanchorReport {
  const report: ReanchorReport = { type: 'reanchor-report', oldSha256: oldText.sha256, newSha256: newText.sha256, unchanged: [], moved: [], reworded: [], orphaned: [] };
  for (const passage of passages) {
    const old = oldPlace(oldText, passage.selectors);
    const match = matchTranscriptQuote(newText, passage.selectors.quote, { time: old.time });
    let selectors: PassageSelectors | null = null;
    if (match) {
      try {
        selectors = createSelectors(newText, match.start, match.end);
      } catch {
        // A match on nothing but a cue separator covers no cue: treat it as not found.
        selectors = null;
      }
    }
    if (!match || !selectors) {
      report.orphaned.push({ status: 'orphaned', id: passage.id, old, quote: passage.selectors.quote });
      continue;
    }
    const place: TranscriptPlace = { range: [match.start, match.end], time: timeRangeOf(newText, match.start, match.end), text: newText.text.slice(match.start, match.end) };
    if (match.exact) {
      const same = place.range[0] === old.range[0] && place.range[1] === old.range[1] && place.text === old.text && sameTime(place.time, old.time);
      const found: FoundPassage = { status: same ? 'unchanged' : 'moved', id: passage.id, old, new: place, selectors };
      (same ? report.unchanged : report.moved).push(found);
    } else {
      report.reworded.push({ status: 'reworded', id: passage.id, old, new: place, selectors, score: match.score });
    }
  }
  return report;
}

function sameTime(a: [number, number] | null, b: [number, number] | null): boolean {
  return a === b || (a !== null && b !== null && a[0] === b[0] && a[1] === b[1]);
}
