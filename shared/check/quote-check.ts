// The quote check (issue 7, item 5): where does each quotation of a claim occur in the workspace's source
// texts? Exact occurrences first (in comparison form: whitespace, curly quotes, dashes and case folded),
// then the fewest-error approximate matches (Myers' algorithm via approx-string-match, the same engine and
// limits as shared/anchor/match.ts). An elided quotation ("a ... b", "a […] b") is found fragment by
// fragment, in order, each near the one before.
//
// Speed: an approximate search is a full Myers pass over every source text. Before paying for it, a lossless
// filter tries a small error budget: split the quote into k+1 pieces; any match with ≤ k errors contains one
// piece verbatim (pigeonhole), so Myers only needs to run on windows around the pieces' occurrences. If the
// best match has ≤ k errors the windows find exactly what the full pass would (same ends, errors and starts:
// see windowsFor); if they find nothing, the full pass runs. Results never depend on the filter, which the
// property tests check against `prefilter: false`.
import search from 'approx-string-match';
import { MAX_ERROR_RATIO, MAX_FIND_MATCHES, MAX_FUZZY_ERRORS, MAX_QUOTE_CHARS, MIN_FUZZY_QUOTE_CHARS } from '../anchor/match.ts';
import { unitsInRange } from '../anchor/selectors.ts';
import type { QuotedSpan } from '../types/domain.ts';
import type { CharRange, SourceText, TextUnit } from '../types/text.ts';
import { foldString, foldText, unfoldRange, type Folded } from './fold.ts';
import { buildGramIndex, lookupPiece, MIN_PIECE_CHARS, type GramIndex } from './gram-index.ts';
import { diffWords, type DiffPart } from './word-diff.ts';

/** A candidate at or above this score (1 − errors / quote length, after folding) with the same words counts as found although not exact. */
export const FOUND_MIN_SCORE = 0.98;
/** Lowest score of a near miss reported as a possible misquote; fuzzy search allows no more errors than this implies. */
export const MISQUOTE_MIN_SCORE = 1 - MAX_ERROR_RATIO;
/** Most candidates returned per quotation. */
export const MAX_CANDIDATES = MAX_FIND_MATCHES;
/** Most characters of source text between two fragments of an elided quotation ("a … b"). */
export const MAX_ELISION_GAP_CHARS = 3_000;
/** Most fragments in an elided quotation; more are searched as written (ellipses included). */
export const MAX_FRAGMENTS = 20;
/** Most characters in all source texts of one corpus together. */
export const MAX_CORPUS_CHARS = 512 * 1024 * 1024;
/** Length of the pieces the prefilter looks up verbatim (the gram index's minimum); its error budget is (quote length / this) − 1. */
export const PREFILTER_PIECE_CHARS = MIN_PIECE_CHARS;
/** Share of the corpus the prefilter's windows may cover before it gives way to the full pass. */
export const PREFILTER_MAX_COVERAGE = 0.25;

/** Thrown by prepareCorpus when the texts together exceed MAX_CORPUS_CHARS. */
export class CorpusTooLargeError extends Error {
  override name = 'CorpusTooLargeError';
}

/** Source texts prepared for quote checking (folded once; reuse it for every quote). */
export interface QuoteCorpus {
  /** One entry per source text, in the order given. */
  entries: readonly { source: SourceText; folded: Folded; grams: GramIndex }[];
}

/** One place a quotation (or all its fragments, in order) was found. */
export interface QuoteCandidate {
  /** SHA-256 of the source. */
  sha256: string;
  /** The matched characters in the source text, `[start, end)`, first fragment's start to last fragment's end. */
  range: CharRange;
  /** The units (pages or cues) the range touches. */
  units: TextUnit[];
  /** True when the source has the quote's words verbatim (only whitespace, quote marks and dashes differ). */
  exact: boolean;
  /** 0..1: 1 − errors / quote length, errors counted after folding case, quotes, dashes and whitespace. */
  score: number;
  /** The source text of `range`. */
  text: string;
  /** Each fragment's range (one entry for a quotation without ellipsis). */
  fragments: CharRange[];
  /** Word diff from the claim's words to the source's (elisions shown as an equal `…`), or null when exact. */
  diff: DiffPart[] | null;
}

/** found: exact or ≥ FOUND_MIN_SCORE with the same words; possible-misquote: a near miss ≥ MISQUOTE_MIN_SCORE; not-found: neither. */
export type QuoteStatus = 'found' | 'possible-misquote' | 'not-found';

/** The outcome of checking one quotation. */
export interface QuoteCheck {
  /** The quotation checked. */
  quote: QuotedSpan;
  /** Classification of the best candidate. */
  status: QuoteStatus;
  /** Candidates, best first (exact, then score, then source order and position). */
  candidates: QuoteCandidate[];
  /** Why the quotation could not be searched (empty, too long), else null. */
  note: string | null;
}

/** Options of findQuoteCandidates. */
export interface FindQuoteOptions {
  /** Use the lossless windowed prefilter (default true); false forces full Myers passes (for testing). */
  prefilter?: boolean;
  /** When given, counts how each fragment search was answered (for benchmarks and tests). */
  stats?: SearchStats;
}

/** How fragment searches were answered. */
export interface SearchStats {
  /** Answered by exact occurrences (or found nothing, too short to search fuzzily). */
  exact: number;
  /** Answered by Myers on the prefilter's windows. */
  windowed: number;
  /** Answered by full Myers passes over every text. */
  full: number;
}

/** Folds every source text once for quote checking; throws CorpusTooLargeError past MAX_CORPUS_CHARS. */
export function prepareCorpus(texts: readonly SourceText[]): QuoteCorpus {
  const total = texts.reduce((n, t) => n + t.text.length, 0);
  if (total > MAX_CORPUS_CHARS) {
    throw new CorpusTooLargeError(`source texts hold ${total} characters together; the quote check takes at most ${MAX_CORPUS_CHARS}`);
  }
  return {
    entries: texts.map((source) => {
      const folded = foldText(source.text);
      return { source, folded, grams: buildGramIndex(folded.text) };
    }),
  };
}

// "...", ". . .", "…", optionally in square brackets: an editor's elision.
const ELISION = /\[\s*(?:\.\s?){3}\s*\]|\[\s*\u2026\s*\]|(?:\.\s?){2}\.|\u2026/gu;

/** The fragments of a quotation split at its ellipses, trimmed, empty ones dropped; never throws. */
export function splitElision(quote: string): string[] {
  const parts = quote.split(ELISION).map((p) => p.trim()).filter((p) => p.length > 0);
  return parts.length > MAX_FRAGMENTS ? [quote.trim()] : parts;
}

/** A raw hit in folded coordinates. */
interface Hit {
  entry: number;
  start: number;
  end: number;
  errors: number;
}

function byErrorsThenPlace(a: Hit, b: Hit): number {
  return a.errors - b.errors || a.entry - b.entry || a.start - b.start;
}

/** Keeps one hit per overlapping region, fewest errors first (as match.ts does), at most MAX_CANDIDATES. */
function keepDistinct(hits: Hit[]): Hit[] {
  const sorted = [...hits].sort(byErrorsThenPlace);
  const kept: Hit[] = [];
  for (const h of sorted) {
    if (h.end <= h.start) continue;
    if (kept.some((k) => k.entry === h.entry && h.start < k.end && k.start < h.end)) continue;
    kept.push(h);
    if (kept.length >= MAX_CANDIDATES) break;
  }
  return kept;
}

/** Every verbatim occurrence of `piece` in entry `entry`, ascending: by the gram index when allowed and long enough, else by scanning. */
function occurrences(corpus: QuoteCorpus, entry: number, piece: string, useIndex: boolean): number[] {
  const e = corpus.entries[entry];
  if (!e) return [];
  const t = e.folded.text;
  const out: number[] = [];
  if (useIndex && piece.length >= MIN_PIECE_CHARS) {
    lookupPiece(e.grams, t, piece, (at) => out.push(at));
    return out.sort((a, b) => a - b);
  }
  for (let at = t.indexOf(piece); at !== -1; at = t.indexOf(piece, at + 1)) out.push(at);
  return out;
}

function exactHits(corpus: QuoteCorpus, q: string, useIndex: boolean): Hit[] {
  const hits: Hit[] = [];
  for (let entry = 0; entry < corpus.entries.length && hits.length < MAX_CANDIDATES; entry++) {
    for (const at of occurrences(corpus, entry, q, useIndex)) {
      hits.push({ entry, start: at, end: at + q.length, errors: 0 });
      if (hits.length >= MAX_CANDIDATES) break;
    }
  }
  return hits;
}

/** The fewest-error matches of `q` in `text` (offset by `base`) if no worse than `maxErrors`. */
function myersHits(text: string, q: string, maxErrors: number, entry: number, base: number): Hit[] {
  return search(text, q, maxErrors).map((m) => ({ entry, start: base + m.start, end: base + m.end, errors: m.errors }));
}

/** Keeps in `best` only the fewest-error hits seen so far (adding ties); returns the new bound on errors. */
function ratchet(best: Hit[], hits: Hit[], bound: number): number {
  for (const h of hits) {
    if (h.errors > bound) continue;
    const current = best[0]?.errors;
    if (current !== undefined && h.errors < current) best.length = 0;
    if (current === undefined || h.errors <= current) best.push(h);
    bound = h.errors;
  }
  return bound;
}

function fullPass(corpus: QuoteCorpus, q: string, maxErrors: number): Hit[] {
  const best: Hit[] = [];
  let bound = maxErrors;
  corpus.entries.forEach((e, entry) => {
    bound = ratchet(best, myersHits(e.folded.text, q, bound, entry, 0), bound);
  });
  return best;
}

/**
 * Merged windows around the verbatim occurrences of k+1 pieces of `q`, per entry, or null when they would
 * cover more than PREFILTER_MAX_COVERAGE of the corpus. A piece at quote offset o found at p puts any match
 * (≤ k errors) at start s ∈ [p−o−k, p−o+k] and end ≤ s+m+k; the window starts 2k earlier still, at p−o−3k,
 * so approx-string-match's start search (which looks back m+errors from the end) sees the same text as in
 * a full pass.
 */
function windowsFor(corpus: QuoteCorpus, q: string, k: number): [number, number][][] | null {
  const m = q.length;
  const pieceLength = Math.floor(m / (k + 1));
  const total = corpus.entries.reduce((n, e) => n + e.folded.text.length, 0);
  const budget = total * PREFILTER_MAX_COVERAGE;
  let covered = 0;
  const all: [number, number][][] = [];
  for (let entry = 0; entry < corpus.entries.length; entry++) {
    const t = corpus.entries[entry]?.folded.text ?? '';
    const raw: [number, number][] = [];
    for (let i = 0; i <= k; i++) {
      const o = i * pieceLength;
      const piece = q.slice(o, o + pieceLength);
      for (const p of occurrences(corpus, entry, piece, true)) {
        raw.push([Math.max(0, p - o - 3 * k), Math.min(t.length, p - o + m + 2 * k)]);
        covered += m + 5 * k;
        if (covered > budget) return null;
      }
    }
    raw.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const w of raw) {
      const last = merged[merged.length - 1];
      if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
      else merged.push([w[0], w[1]]);
    }
    all.push(merged);
  }
  return all;
}

function windowedPass(corpus: QuoteCorpus, q: string, windows: [number, number][][], maxErrors: number): Hit[] {
  const best: Hit[] = [];
  let bound = maxErrors;
  corpus.entries.forEach((e, entry) => {
    for (const [s, t] of windows[entry] ?? []) {
      bound = ratchet(best, myersHits(e.folded.text.slice(s, t), q, bound, entry, s), bound);
    }
  });
  return best;
}

/** The best hits of one folded fragment over the whole corpus: all exact occurrences, else the fewest-error ones. */
function fragmentHits(corpus: QuoteCorpus, q: string, options: FindQuoteOptions): Hit[] {
  const stats = options.stats;
  const exact = exactHits(corpus, q, options.prefilter ?? true);
  const maxErrors = Math.min(MAX_FUZZY_ERRORS, Math.floor(q.length * MAX_ERROR_RATIO));
  if (exact.length > 0 || q.length < MIN_FUZZY_QUOTE_CHARS || maxErrors < 1) {
    if (stats) stats.exact++;
    return exact;
  }
  if (options.prefilter ?? true) {
    const k = Math.floor(q.length / PREFILTER_PIECE_CHARS) - 1;
    if (k >= 1 && k < maxErrors) {
      const windows = windowsFor(corpus, q, k);
      if (windows) {
        const hits = windowedPass(corpus, q, windows, k);
        if (hits.length > 0) {
          if (stats) stats.windowed++;
          return keepDistinct(hits);
        }
      }
    }
  }
  if (stats) stats.full++;
  return keepDistinct(fullPass(corpus, q, maxErrors));
}

/** The best match of a folded fragment inside folded `[from, to)` of one entry, nearest to `prefer` among ties; null when none. */
function bestInWindow(text: string, q: string, from: number, to: number, prefer: 'first' | 'last', entry: number): Hit | null {
  const span = text.slice(from, to);
  const at = prefer === 'first' ? span.indexOf(q) : span.lastIndexOf(q);
  if (at !== -1) return { entry, start: from + at, end: from + at + q.length, errors: 0 };
  if (q.length < MIN_FUZZY_QUOTE_CHARS) return null;
  const maxErrors = Math.min(MAX_FUZZY_ERRORS, Math.floor(q.length * MAX_ERROR_RATIO));
  if (maxErrors < 1) return null;
  const hits = myersHits(span, q, maxErrors, entry, from).filter((h) => h.end > h.start);
  if (hits.length === 0) return null;
  return prefer === 'first' ? (hits[0] ?? null) : (hits[hits.length - 1] ?? null);
}

/** Extends a hit of the anchor fragment to every fragment, in order, each within MAX_ELISION_GAP_CHARS; null when one is missing. */
function extendAcrossElisions(corpus: QuoteCorpus, folded: string[], anchor: number, hit: Hit): Hit[] | null {
  const text = corpus.entries[hit.entry]?.folded.text ?? '';
  const out: Hit[] = [hit];
  let next = hit.start;
  for (let i = anchor - 1; i >= 0; i--) {
    const q = folded[i] ?? '';
    const span = MAX_ELISION_GAP_CHARS + Math.ceil(q.length * (1 + MAX_ERROR_RATIO));
    const h = bestInWindow(text, q, Math.max(0, next - span), next, 'last', hit.entry);
    if (!h) return null;
    out.unshift(h);
    next = h.start;
  }
  let prev = hit.end;
  for (let i = anchor + 1; i < folded.length; i++) {
    const q = folded[i] ?? '';
    const span = MAX_ELISION_GAP_CHARS + Math.ceil(q.length * (1 + MAX_ERROR_RATIO));
    const h = bestInWindow(text, q, prev, Math.min(text.length, prev + span), 'first', hit.entry);
    if (!h) return null;
    out.push(h);
    prev = h.end;
  }
  return out;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

// A fuzzy match may begin or end inside a word ("… in the t" for "… in the tender"); editors see and
// attach whole words, so the range grows to the words it cuts.
function toWordBoundaries(text: string, [start, end]: CharRange): CharRange {
  let s = start;
  let e = end;
  if (s < e && WORD_CHAR.test(text[s] ?? '')) while (s > 0 && WORD_CHAR.test(text[s - 1] ?? '')) s--;
  if (s < e && WORD_CHAR.test(text[e - 1] ?? '')) while (e < text.length && WORD_CHAR.test(text[e] ?? '')) e++;
  return [s, e];
}

function toCandidate(corpus: QuoteCorpus, parts: Hit[], originals: string[], quoteLength: number): QuoteCandidate | null {
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!first || !last) return null;
  const entry = corpus.entries[first.entry];
  if (!entry) return null;
  const { source, folded } = entry;
  const fragments = parts.map((p) => {
    const r = unfoldRange(folded, p.start, p.end);
    return p.errors === 0 ? r : toWordBoundaries(source.text, r);
  });
  const range: CharRange = [fragments[0]?.[0] ?? 0, fragments[fragments.length - 1]?.[1] ?? 0];
  const exact = parts.every((p, i) => {
    const r = fragments[i] ?? [0, 0];
    return p.errors === 0 && foldString(source.text.slice(r[0], r[1]), false) === foldString(originals[i] ?? '', false);
  });
  const errors = parts.reduce((n, p) => n + p.errors, 0);
  let diff: DiffPart[] | null = null;
  if (!exact) {
    diff = [];
    fragments.forEach((r, i) => {
      if (i > 0) diff?.push({ op: 'equal', text: '…' });
      diff?.push(...diffWords(originals[i] ?? '', source.text.slice(r[0], r[1])));
    });
  }
  return {
    sha256: source.sha256,
    range,
    units: unitsInRange(source, range[0], range[1]),
    exact,
    score: Math.max(0, 1 - errors / quoteLength),
    text: source.text.slice(range[0], range[1]),
    fragments,
    diff,
  };
}

function byRank(corpus: QuoteCorpus): (a: QuoteCandidate, b: QuoteCandidate) => number {
  const order = new Map(corpus.entries.map((e, i) => [e.source.sha256, i]));
  return (a, b) =>
    Number(b.exact) - Number(a.exact) ||
    b.score - a.score ||
    (order.get(a.sha256) ?? 0) - (order.get(b.sha256) ?? 0) ||
    a.range[0] - b.range[0];
}

/** Where a quotation occurs in the corpus, best first; empty when nowhere within MISQUOTE_MIN_SCORE, or the quote is empty or longer than MAX_QUOTE_CHARS. */
export function findQuoteCandidates(corpus: QuoteCorpus, quote: string, options: FindQuoteOptions = {}): QuoteCandidate[] {
  const originals = splitElision(quote);
  const folded = originals.map((o) => foldString(o));
  const quoteLength = folded.reduce((n, f) => n + f.length, 0);
  if (quoteLength === 0 || quoteLength > MAX_QUOTE_CHARS || folded.some((f) => f.length === 0)) return [];
  // Anchor on the longest fragment: it is the most selective and the one the fuzzy search suits best.
  let anchor = 0;
  folded.forEach((f, i) => {
    if (f.length > (folded[anchor]?.length ?? 0)) anchor = i;
  });
  const candidates: QuoteCandidate[] = [];
  for (const hit of fragmentHits(corpus, folded[anchor] ?? '', options)) {
    const parts = folded.length === 1 ? [hit] : extendAcrossElisions(corpus, folded, anchor, hit);
    const c = parts ? toCandidate(corpus, parts, originals, quoteLength) : null;
    if (c) candidates.push(c);
  }
  return candidates.sort(byRank(corpus)).slice(0, MAX_CANDIDATES);
}

const HAS_WORD = /[\p{L}\p{N}]/u;

/** True when a word diff adds or drops words (not just punctuation); never throws. */
export function changesWords(diff: readonly DiffPart[] | null): boolean {
  return (diff ?? []).some((p) => p.op !== 'equal' && HAS_WORD.test(p.text));
}

/**
 * The status a best candidate earns; never throws. Found: exact, or ≥ FOUND_MIN_SCORE with the same words
 * (a changed word, even one letter as in "now"/"not", is a possible misquote however long the quote);
 * possible-misquote: ≥ MISQUOTE_MIN_SCORE; else (or without a candidate) not-found.
 */
export function classifyCandidate(best: QuoteCandidate | undefined): QuoteStatus {
  if (!best) return 'not-found';
  if (best.exact || (best.score >= FOUND_MIN_SCORE && !changesWords(best.diff))) return 'found';
  return best.score >= MISQUOTE_MIN_SCORE ? 'possible-misquote' : 'not-found';
}

/** Checks one quotation against the corpus; never throws (an unsearchable quote is not-found with a note). */
export function checkQuote(corpus: QuoteCorpus, quote: QuotedSpan, options: FindQuoteOptions = {}): QuoteCheck {
  const length = foldString(quote.text).length;
  if (length === 0) return { quote, status: 'not-found', candidates: [], note: 'the quotation is empty' };
  if (length > MAX_QUOTE_CHARS) {
    return { quote, status: 'not-found', candidates: [], note: `the quotation is longer than ${MAX_QUOTE_CHARS} characters and was not searched` };
  }
  const candidates = findQuoteCandidates(corpus, quote.text, options);
  return { quote, status: classifyCandidate(candidates[0]), candidates, note: null };
}

/** Checks every quotation of a claim, in claim order; never throws. */
export function checkClaimQuotes(corpus: QuoteCorpus, claim: { quotes: readonly QuotedSpan[] }, options: FindQuoteOptions = {}): QuoteCheck[] {
  return claim.quotes.map((q) => checkQuote(corpus, q, options));
}

/** The CLI `check` finding for a quote status (DESIGN.md, CLI check); never throws. */
export function quoteFinding(status: QuoteStatus): 'quote-found' | 'possible-misquote' | 'quote-not-found' {
  return status === 'found' ? 'quote-found' : status === 'possible-misquote' ? 'possible-misquote' : 'quote-not-found';
}
