// Quote matching on plain text and offsets (DESIGN.md, House style), after Hypothesis's match-quote.js:
// exact occurrences first, then Myers' approximate matching (approx-string-match), every candidate scored
// by how well the quote, its prefix and suffix and its position agree. Both sides are compared in a
// normalised form (whitespace collapsed, curly quotes and dashes made plain) so a quote typed with straight
// quotes or copied with different line breaks still matches exactly; offsets are always into the
// original text.
//
// This is the one quote matcher: matchQuote (PDF re-anchoring, the quote check) and findAll (the CLI's and
// the app's find) rank its candidates by quote, context and position; quoteCandidates hands the same
// candidates, with the parts of their score, to callers that rank by something else too (transcript
// re-anchoring, shared/transcript/reanchor.ts, adds time and searches a time window first).

import search from 'approx-string-match';
import { MAX_QUOTE_LENGTH } from '../ledger/limits.ts';

/** Share of a quote's length that may differ in a fuzzy match (Hypothesis allows 1/2; find needs stricter). */
export const MAX_ERROR_RATIO = 0.2;
/** Cap on errors in a fuzzy match, whatever the quote's length (as Hypothesis). */
export const MAX_FUZZY_ERRORS = 256;
/** Quotes shorter than this (after normalising) are only matched exactly: fuzzy matches of tiny quotes are noise. */
export const MIN_FUZZY_QUOTE_CHARS = 8;
/** Longest quote matched fuzzily, in characters; a longer one is matched only where it occurs verbatim (normalised). */
export const MAX_QUOTE_CHARS = 10_000;
/** Longest quote matched at all, in characters (a passage's longest quote, MAX_QUOTE_LENGTH); longer quotes return no match. */
export const MAX_EXACT_QUOTE_CHARS = MAX_QUOTE_LENGTH;
/** Most matches findAll returns. */
export const MAX_FIND_MATCHES = 100;

/** Weights of the score's parts, as in Hypothesis's match-quote.js. */
export const SCORE_WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;

/** A quote to look for, with optional context from a TextQuoteSelector. */
export interface QuoteQuery {
  /** The words to find. */
  exact: string;
  /** Text expected just before the words. */
  prefix?: string;
  /** Text expected just after the words. */
  suffix?: string;
}

/** Where a quote was found. */
export interface Match {
  /** First character of the match in the original text. */
  start: number;
  /** Character after the last, exclusive. */
  end: number;
  /** True when the normalised quote occurs verbatim (only whitespace, quote marks or dashes differ). */
  exact: boolean;
  /** 0..1: agreement of quote, context and position, weighted as SCORE_WEIGHTS. */
  score: number;
}

/** Text in normalised form with, for each normalised char, the index of the original char it came from. */
interface Normalized {
  text: string;
  /** `map[i]` = original index of normalised char i; `map[text.length]` = original length. */
  map: Int32Array;
}

const SINGLE_QUOTES = new Set(['\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u02BC', '`', '\u00B4']);
const DOUBLE_QUOTES = new Set(['\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB']);
const DASHES = new Set(['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212']);
const WHITESPACE = /\s/u;

/** Normalises for comparison: whitespace runs → ' ', curly quotes → straight, dashes → '-'. */
function normalize(s: string): Normalized {
  let out = '';
  const map = new Int32Array(s.length + 1);
  let n = 0;
  let inSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    if (WHITESPACE.test(c) || c === '\u00A0') {
      if (inSpace) continue;
      inSpace = true;
      map[n++] = i;
      out += ' ';
      continue;
    }
    inSpace = false;
    map[n++] = i;
    out += SINGLE_QUOTES.has(c) ? "'" : DOUBLE_QUOTES.has(c) ? '"' : DASHES.has(c) ? '-' : c;
  }
  map[n] = s.length;
  return { text: out, map: map.subarray(0, n + 1) };
}

// One-entry cache: find and re-anchoring call many quotes against the same (possibly book-length) text.
let cached: { source: string; norm: Normalized } | null = null;
function normalizeText(text: string): Normalized {
  if (cached?.source === text) return cached.norm;
  const norm = normalize(text);
  cached = { source: text, norm };
  return norm;
}

/** 0..1: how closely `actual` resembles `expected` (1 − edit distance / length); 0 when either is empty. */
function textMatchScore(actual: string, expected: string): number {
  if (expected.length === 0 || actual.length === 0) return 0;
  const matches = search(actual, expected, expected.length);
  const errors = matches.length === 0 ? expected.length : Math.min(...matches.map((m) => m.errors));
  return 1 - errors / expected.length;
}

interface Candidate {
  /** Normalised start and end. */
  start: number;
  end: number;
  errors: number;
}

/** A place where a quote may be, with the parts of its score; offsets are into the original text. */
export interface QuoteCandidate {
  /** First character of the candidate in the original text. */
  start: number;
  /** Character after the last, exclusive. */
  end: number;
  /** True when the normalised quote occurs verbatim (only whitespace, quote marks or dashes differ). */
  exact: boolean;
  /** 0..1: 1 − edits / quote length (1 when exact). */
  quoteScore: number;
  /** 0..1: how closely the text just before agrees with the prefix (1 when there is no prefix). */
  prefixScore: number;
  /** 0..1: how closely the text just after agrees with the suffix (1 when there is no suffix). */
  suffixScore: number;
  /** 0..1: prefix and suffix agreement together, weighted as SCORE_WEIGHTS. */
  contextScore: number;
}

/** Where to look for a quote's candidates and how many to keep. */
export interface CandidateOptions {
  /** Only candidates lying wholly in `[from, to)` of the original text (context is still read outside it); 0 when absent. */
  from?: number;
  /** End of the window, exclusive; the text's length when absent. */
  to?: number;
  /** Share of the quote's length that may differ in a fuzzy match (0: exact occurrences only); MAX_ERROR_RATIO when absent. */
  maxErrorRatio?: number;
  /** Most candidates kept (exact ones in text order, fuzzy ones fewest errors first); all when absent. */
  maxCandidates?: number;
}

// First normalised index whose original index is at least `offset` (norm.map is increasing).
function normalizedIndex(norm: Normalized, offset: number): number {
  let lo = 0;
  let hi = norm.map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((norm.map[mid] ?? 0) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Candidates for a normalised quote in the window: every verbatim occurrence, else the fewest-error fuzzy matches. */
function candidatesFor(norm: Normalized, quote: string, maxErrorRatio: number, options: CandidateOptions = {}): Candidate[] {
  const limit = options.maxCandidates ?? Infinity;
  const from = options.from === undefined ? 0 : normalizedIndex(norm, options.from);
  const to = options.to === undefined ? norm.text.length : Math.min(norm.text.length, normalizedIndex(norm, options.to));
  const exact: Candidate[] = [];
  for (let at = norm.text.indexOf(quote, from); at !== -1 && at + quote.length <= to && exact.length < limit; at = norm.text.indexOf(quote, at + 1)) {
    exact.push({ start: at, end: at + quote.length, errors: 0 });
  }
  // Fuzzy search costs quote length × text length: quotes past MAX_QUOTE_CHARS are matched verbatim only.
  if (exact.length > 0 || quote.length < MIN_FUZZY_QUOTE_CHARS || quote.length > MAX_QUOTE_CHARS || from >= to) return exact;
  const maxErrors = Math.min(MAX_FUZZY_ERRORS, Math.floor(quote.length * maxErrorRatio));
  if (maxErrors < 1) return [];
  // approx-string-match reports overlapping variants of one region; keep one per region, fewest errors first.
  const window = from === 0 && to === norm.text.length ? norm.text : norm.text.slice(from, to);
  const found = search(window, quote, maxErrors).sort((a, b) => a.errors - b.errors || a.start - b.start);
  const kept: Candidate[] = [];
  for (const m of found) {
    if (kept.length >= limit) break;
    if (m.end <= m.start) continue;
    if (kept.some((k) => m.start + from < k.end && k.start < m.end + from)) continue;
    kept.push({ start: m.start + from, end: m.end + from, errors: m.errors });
  }
  return kept;
}

function prepareQuote(exact: string): string | null {
  const q = normalize(exact).text.trim();
  return q.length === 0 || q.length > MAX_EXACT_QUOTE_CHARS ? null : q;
}

/** Scores the candidates of a quote in `text` by quote and context (no position); empty when the quote is empty or too long. */
function scoredCandidates(text: string, quote: QuoteQuery, maxErrorRatio: number, options?: CandidateOptions): QuoteCandidate[] {
  const q = prepareQuote(quote.exact);
  if (q === null) return [];
  const norm = normalizeText(text);
  const prefix = normalize(quote.prefix ?? '').text;
  const suffix = normalize(quote.suffix ?? '').text;
  const w = SCORE_WEIGHTS;
  return candidatesFor(norm, q, maxErrorRatio, options).map((c) => {
    const start = norm.map[c.start] ?? 0;
    const prefixScore = prefix ? textMatchScore(norm.text.slice(Math.max(0, c.start - prefix.length), c.start), prefix) : 1;
    const suffixScore = suffix ? textMatchScore(norm.text.slice(c.end, c.end + suffix.length), suffix) : 1;
    return {
      start,
      end: c.end > c.start ? (norm.map[c.end - 1] ?? start) + 1 : start,
      exact: c.errors === 0,
      quoteScore: 1 - c.errors / q.length,
      prefixScore,
      suffixScore,
      contextScore: (w.prefix * prefixScore + w.suffix * suffixScore) / (w.prefix + w.suffix),
    };
  });
}

/**
 * Every candidate place for a quote in `text` (the verbatim occurrences in normalised form, else the
 * fuzzy matches within the error ratio, one per region), each with its quote and context scores, for a
 * caller that ranks them itself; empty when the quote is empty, too long or nowhere in the window.
 */
export function quoteCandidates(text: string, quote: QuoteQuery, options: CandidateOptions = {}): QuoteCandidate[] {
  return scoredCandidates(text, quote, options.maxErrorRatio ?? MAX_ERROR_RATIO, options);
}

/** 0..1 score of a candidate by quote, prefix, suffix and, when `position` is given, closeness to it (SCORE_WEIGHTS). */
function rank(c: QuoteCandidate, textLength: number, position: number | undefined): number {
  let positionScore = 1;
  if (position !== undefined && textLength > 0) positionScore = 1 - Math.min(1, Math.abs(c.start - position) / textLength);
  const w = SCORE_WEIGHTS;
  const raw = w.quote * c.quoteScore + w.prefix * c.prefixScore + w.suffix * c.suffixScore + w.position * positionScore;
  return raw / (w.quote + w.prefix + w.suffix + w.position);
}

function toMatch(c: QuoteCandidate, score: number): Match {
  return { start: c.start, end: c.end, exact: c.exact, score };
}

/** Where the caller expects a quote, and how loose a fuzzy match may be. */
export interface MatchHint {
  /** Expected start offset in the text (from a TextPositionSelector); nearer matches score higher. */
  position?: number;
  /** Share of the quote's length that may differ; MAX_ERROR_RATIO when absent. */
  maxErrorRatio?: number;
}

/** The best place for a quote in `text` (exact first, then fuzzy, scored by context and position); null when the quote is empty, too long, or nowhere within the error ratio. */
export function matchQuote(text: string, quote: QuoteQuery, hint: MatchHint = {}): Match | null {
  let best: Match | null = null;
  for (const c of scoredCandidates(text, quote, hint.maxErrorRatio ?? MAX_ERROR_RATIO)) {
    const score = rank(c, text.length, hint.position);
    if (best === null || score > best.score) best = toMatch(c, score);
  }
  return best;
}

/** Every occurrence of `query` in `text`, best first then in text order (at most MAX_FIND_MATCHES); empty when none. */
export function findAll(text: string, query: string): Match[] {
  return scoredCandidates(text, { exact: query }, MAX_ERROR_RATIO)
    .map((c) => toMatch(c, rank(c, text.length, undefined)))
    .sort((a, b) => b.score - a.score || a.start - b.start)
    .slice(0, MAX_FIND_MATCHES);
}
