// Draft → claims (DESIGN.md, Words: claim). Markers are blanked out first (replaced by spaces, so every
// offset stays a draft offset), then Intl.Segmenter splits sentences; its breaks are undone where they
// fall inside a quotation or after an abbreviation. A marker belongs to the last sentence that starts
// before it: markers inside a sentence support it, trailing markers (also those copied to the start of the
// next line) support the sentence before them, and markers before the first sentence are orphans.
import type { Marker, QuotedSpan } from '../types/domain.ts';
import type { CharRange } from '../types/text.ts';
import { referencesOf } from './audit.ts';
import { findMarkers, markerEnd, stripMarkers } from './markers.ts';
import { findBlockQuoteStart, findInlineQuotes, type QuoteSpan } from './quotes.ts';

/** Longest draft accepted, in UTF-16 code units (about 2 MB of English text). */
export const DRAFT_MAX_CHARS = 2_000_000;

/** Thrown by parseDraft when the draft is longer than DRAFT_MAX_CHARS. */
export class DraftTooLargeError extends Error {
  override name = 'DraftTooLargeError';
}

/** One sentence of a draft, as parsed (the stored Claim adds ids, status and note). */
export interface ParsedClaim {
  /** Position in the draft, from 0. */
  index: number;
  /** The sentence with its markers taken out. */
  text: string;
  /** The sentence's span in the draft, `[start, end)`, trailing markers excluded. */
  range: CharRange;
  /** Markers that belong to the sentence, in draft order. */
  markers: Marker[];
  /** Quotations inside the sentence (outermost only; nested ones are part of them). */
  quotes: QuotedSpan[];
}

/** What parseDraft finds in a draft. */
export interface ParsedDraft {
  /** The sentences, in order. */
  claims: ParsedClaim[];
  /** Markers with no sentence before them. */
  orphans: Marker[];
  /** Distinct numbered references (`15`), in numeric order. */
  references: string[];
}

/** Abbreviations after which a sentence does not end (titles, `No.`, `p.`, months before a day). */
export const ABBREVIATIONS: readonly string[] = [
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'st', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm', 'maj', 'rev', 'hon', 'gov',
  'sen', 'rep', 'pres', 'mt', 'vol', 'vols', 'pp', 'fig', 'figs', 'vs', 'cf', 'ca', 'approx', 'ch', 'sec', 'jan', 'feb',
  'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'e.g', 'i.e', 'messrs', 'mme', 'mlle', 'eds', 'esp', 'dept',
];
/** Words that begin a new sentence after an initialism such as `U.S.` (otherwise `U.S. Senate` stays one sentence). */
export const SENTENCE_STARTERS: readonly string[] = [
  'the', 'a', 'an', 'in', 'on', 'at', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those',
  'but', 'and', 'or', 'however', 'there', 'his', 'her', 'their', 'our', 'after', 'before', 'when', 'while', 'as', 'if',
  'since', 'for', 'from', 'by', 'with', 'according', 'during', 'later', 'then', 'yet', 'also', 'many', 'some', 'most',
];
const abbreviations = new Set(ABBREVIATIONS);
const starters = new Set(SENTENCE_STARTERS);
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Whether a sentence break between `left` (ending in a period) and `next` (the next word) is false. */
function isFalseBreak(left: string, next: string): boolean {
  const lastWord = /([\p{L}.]+)\.$/u.exec(left)?.[1];
  if (lastWord === undefined) return false;
  if (abbreviations.has(lastWord.toLowerCase())) return true;
  // A single initial (`J. R. R. Tolkien`) before a capitalised word.
  if (/^\p{Lu}$/u.test(lastWord) && /^\p{Lu}/u.test(next)) return true;
  // An initialism (`U.S.`, `U.N.`) before a word that does not usually start a sentence.
  if (/^(?:\p{Lu}\.)+\p{Lu}$/u.test(lastWord)) {
    const word = /^[\p{L}]+/u.exec(next)?.[0]?.toLowerCase();
    return word !== undefined && !starters.has(word);
  }
  return false;
}

/** The draft with every marker replaced by spaces of the same length, so offsets are unchanged. */
function blankMarkers(text: string, markers: readonly Marker[]): string {
  let out = '';
  let cursor = 0;
  for (const m of markers) {
    out += text.slice(cursor, m.offset) + ' '.repeat(m.raw.length);
    cursor = markerEnd(m);
  }
  return out + text.slice(cursor);
}

const HAS_WORD = /[\p{L}\p{N}]/u;

/** Sentence spans of the blanked text, trimmed, with false breaks merged; never throws. */
function sentenceSpans(work: string, inline: readonly QuoteSpan[]): CharRange[] {
  const raw: CharRange[] = [];
  for (const seg of segmenter.segment(work)) {
    let s = seg.index;
    let e = s + seg.segment.length;
    while (s < e && /\s/.test(work[s]!)) s++;
    while (e > s && /\s/.test(work[e - 1]!)) e--;
    if (e > s) raw.push([s, e]);
  }
  const merged: CharRange[] = [];
  // `inline` is sorted by start; quoteEnd is the furthest end of the quotations that start before the break.
  let q = 0;
  let quoteEnd = -1;
  for (const span of raw) {
    const prev = merged.at(-1);
    if (prev !== undefined && !/[\r\n]/.test(work.slice(prev[1], span[0]))) {
      while (q < inline.length && inline[q]!.range[0] < prev[1]) quoteEnd = Math.max(quoteEnd, inline[q++]!.range[1]);
      const insideQuote = quoteEnd > span[0];
      if (insideQuote || isFalseBreak(work.slice(prev[0], prev[1]), work.slice(span[0], span[0] + 40))) {
        prev[1] = span[1];
        continue;
      }
    }
    merged.push([span[0], span[1]]);
  }
  return merged.filter(([s, e]) => HAS_WORD.test(work.slice(s, e)));
}

/** Splits a draft into claims with their markers and quotations; throws DraftTooLargeError above DRAFT_MAX_CHARS. */
export function parseDraft(text: string): ParsedDraft {
  if (text.length > DRAFT_MAX_CHARS) {
    throw new DraftTooLargeError(`the draft has ${text.length} characters; the limit is ${DRAFT_MAX_CHARS}`);
  }
  const markers = findMarkers(text);
  const work = blankMarkers(text, markers);
  const inline = findInlineQuotes(work);
  const spans = sentenceSpans(work, inline);

  // Block quotations: from the first word after `reads:` to the end of the sentence, or the whole next
  // paragraph when the colon ends its line.
  const quotes: QuoteSpan[] = inline.filter((q) => q.depth === 0);
  for (let i = 0; i < spans.length; i++) {
    const [s, e] = spans[i]!;
    const start = findBlockQuoteStart(work, s, e);
    if (start === null) continue;
    if (start < e) quotes.push({ range: [start, e], depth: 0, kind: 'block' });
    else {
      const next = spans[i + 1];
      if (next !== undefined && /[\r\n]/.test(work.slice(e, next[0]))) quotes.push({ range: [next[0], next[1]], depth: 0, kind: 'block' });
    }
  }
  // Only outermost quotations are claims about a source's words; one nested in another (or in a block) is part of it.
  quotes.sort((a, b) => a.range[0] - b.range[0] || b.range[1] - a.range[1] || (a.kind === 'block' ? -1 : 1));
  const outer: QuoteSpan[] = [];
  let outerEnd = -1;
  for (const quote of quotes) {
    if (quote.range[1] <= outerEnd) continue; // inside an earlier (larger, or block) quotation
    outer.push(quote);
    outerEnd = quote.range[1];
  }

  const claims: ParsedClaim[] = spans.map(([s, e], index) => ({
    index,
    text: stripMarkers(text, s, e, markers),
    range: [s, e],
    markers: [],
    quotes: [],
  }));
  const orphans: Marker[] = [];
  let c = -1;
  for (const m of markers) {
    while (c + 1 < claims.length && claims[c + 1]!.range[0] <= m.offset) c++;
    if (c < 0) orphans.push(m);
    else claims[c]!.markers.push(m);
  }
  let first = 0;
  for (const claim of claims) {
    const [s, e] = claim.range;
    while (first < outer.length && outer[first]!.range[1] <= s) first++;
    for (let k = first; k < outer.length && outer[k]!.range[0] < e; k++) {
      const q = outer[k]!;
      const qs = Math.max(s, q.range[0]);
      let qe = Math.min(e, q.range[1]);
      while (qe > qs && /\s/.test(work[qe - 1]!)) qe--;
      if (qe <= qs) continue;
      const quoted = stripMarkers(text, qs, qe, markers).trim();
      if (quoted.length > 0) claim.quotes.push({ text: quoted, range: [qs, qe] });
    }
  }
  return { claims, orphans, references: referencesOf(markers) };
}

/** Groups of adjacent orphan markers (separated by spaces only); never throws. */
export function groupOrphans(text: string, orphans: readonly Marker[]): Marker[][] {
  const groups: Marker[][] = [];
  for (const m of orphans) {
    const last = groups.at(-1)?.at(-1);
    if (last !== undefined && /^[ \t\u00a0]*$/.test(text.slice(markerEnd(last), m.offset))) groups.at(-1)!.push(m);
    else groups.push([m]);
  }
  return groups;
}
