// Citation markers in a draft (DESIGN.md, Words: marker). A square bracket in a draft is either a marker
// (`[15]`, `[15]: 218`, `[a]`, `[note 3]`, `[citation needed]`) or an editorial insertion inside a quotation
// (`[Hypocrites]`, `[a] fact-finding`, `[was]`). Numbers, `note N` labels and known maintenance flags are
// always markers; a bare letter or an unknown lowercase phrase is decided by where it stands: a rendered
// page attaches a footnote to the word or punctuation before it, while an editor's insertion stands
// between spaces inside running text.
import type { Marker } from '../types/domain.ts';

/** Longest text between the brackets considered for a marker; longer brackets are never markers. */
export const MARKER_MAX_INNER_LENGTH = 60;
/** Most words a maintenance flag not on the known list may have. */
export const FLAG_MAX_WORDS = 6;
/** Most digits of a reference number (`[12345]` is a marker, a longer number is not). */
export const REF_MAX_DIGITS = 5;
/** Most items in a page-locator list (`[24]: 234, 239` has two). */
export const LOCATOR_MAX_ITEMS = 12;

/** Wikipedia's inline maintenance flags (the words inside the brackets), compared case-insensitively. */
export const KNOWN_FLAGS: readonly string[] = [
  'citation needed', 'citation needed to verify', 'full citation needed', 'page needed', 'pages needed',
  'page range too broad', 'volume & issue needed', 'isbn missing', 'year needed', 'date needed', 'when?',
  'who?', 'whom?', 'which?', 'where?', 'why?', 'how?', 'what?', 'how much?', 'how many?', 'by whom?',
  'to whom?', 'like whom?', 'according to whom?', 'according to?', 'as of?', 'timeframe?', 'clarification needed',
  'further explanation needed', 'definition needed', 'disambiguation needed', 'better source needed',
  'better source', 'failed verification', 'verification needed', 'not verified in body', 'not in citation given',
  'not in source given', 'dubious – discuss', 'disputed – discuss', 'discuss', 'original research?',
  'improper synthesis?', 'synthesis?', 'unreliable source?', 'unreliable medical source?', 'self-published source?',
  'promotional source?', 'obsolete source', 'primary source needed', 'non-primary source needed',
  'third-party source needed', 'secondary source needed', 'independent source needed', 'irrelevant citation',
  'excessive citations', 'additional citation(s) needed', 'additional citations needed', 'dead link',
  'permanent dead link', 'needs update', 'update', 'update needed', 'vague', 'specify', 'examples needed',
  'example needed', 'attribution needed', 'quantify', 'weasel words', 'peacock prose', 'neutrality is disputed',
  'contradictory', 'inconsistent', 'importance?', 'pronunciation?', 'opinion', 'speculation?', 'non sequitur',
  'needs copy edit', 'copyright violation?', 'circular reference', 'verify', 'unbalanced opinion?', 'non-tertiary source needed',
];

/** Flags that say a page number is missing or too vague; they make the `page-needed` finding. */
export const PAGE_FLAGS: readonly string[] = ['page needed', 'pages needed', 'page range too broad'];

/** Bracketed words that are always editorial, whatever their position (`[sic]`). */
export const EDITORIAL_BRACKETS: readonly string[] = [
  'sic', 'sic!', 'emphasis added', 'emphasis mine', 'emphasis in original', 'original emphasis', 'sic passim',
  'translation', 'translated', 'inaudible', 'laughter', 'applause', 'crosstalk', 'ellipsis in original', '...', '…',
];

/** The comparable form of a flag: lowercase, spaces collapsed, every dash an en dash. */
function normalizeFlag(words: string): string {
  return words
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/\s*[\u2013\u2014\u2212]\s*|\s+-\s+/g, ' – ')
    .trim();
}
const knownFlags = new Set(KNOWN_FLAGS.map(normalizeFlag));
const pageFlags = new Set(PAGE_FLAGS.map(normalizeFlag));
const editorial = new Set(EDITORIAL_BRACKETS.map(normalizeFlag));

/** True when a flag's words (as in `Marker.flag`) say a page is missing; never throws. */
export function isPageFlag(flag: string): boolean {
  return pageFlags.has(normalizeFlag(flag));
}

/** True when the words are one of Wikipedia's known maintenance flags; never throws. */
export function isKnownFlag(words: string): boolean {
  return knownFlags.has(normalizeFlag(words));
}

/** True when a marker names a numbered reference (`[15]`, `[15]: 218`) rather than a note or a flag; never throws. */
export function isNumberedRef(marker: Marker): boolean {
  return marker.ref !== null && /^\d+$/.test(marker.ref);
}

/** Offset just past a marker in the draft text; never throws. */
export function markerEnd(marker: Marker): number {
  return marker.offset + marker.raw.length;
}

type Kind = { type: 'ref'; ref: string } | { type: 'note'; ref: string; sure: boolean } | { type: 'flag'; flag: string; sure: boolean } | null;

const REF_NUMBER = new RegExp(`^\\d{1,${REF_MAX_DIGITS}}$`);
const NOTE_LABEL = /^(?:note|nb|n|fn|lower-alpha|upper-alpha|lower-roman)[ \u00a0.]?(?:\d{1,3}|[a-z]{1,2})$/i;
const LETTER = /^(?:[a-z]{1,2}|[A-Z])$/;
// Lowercase words, inner hyphens and apostrophes, an optional dash-separated second part
// (`dubious – discuss`), `(s)` and `&`, and an optional question mark.
const FLAG_SHAPE = /^[a-z][a-z'’()&/\- ]*(?:\s*[\u2013\u2014-]\s*[a-z][a-z'’()&/\- ]*)?\??$/;

function classify(inner: string): Kind {
  const words = inner.replace(/\u00a0/g, ' ');
  if (words.trim() !== words || words.length === 0) return null;
  if (REF_NUMBER.test(words)) return { type: 'ref', ref: words };
  // Markdown footnote reference (`[^1]`, `[^note]`).
  const md = /^\^([\p{L}\p{N}_-]{1,20})$/u.exec(words);
  if (md) return { type: 'note', ref: words, sure: true };
  if (editorial.has(normalizeFlag(words))) return null;
  if (NOTE_LABEL.test(words)) return { type: 'note', ref: words, sure: true };
  if (LETTER.test(words)) return { type: 'note', ref: words, sure: false };
  if (knownFlags.has(normalizeFlag(words))) return { type: 'flag', flag: words, sure: true };
  if (FLAG_SHAPE.test(words) && words.split(/\s+/).filter((w) => /[a-z]/.test(w)).length <= FLAG_MAX_WORDS) {
    return { type: 'flag', flag: words, sure: false };
  }
  return null;
}

const ROMAN = '(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})';
const PAGE = `(?:\\d{1,5}|${ROMAN})`;
const ITEM = `(?:pp?\\.[ \\u00a0]?)?${PAGE}(?:[ \\u00a0]?[\\u2010-\\u2015\\u2212-][ \\u00a0]?${PAGE})?`;
// `: 218`, `:81–83`, `: 234, 239`; the last page must not run into a word (`: 218 According` stops at 218).
const LOCATOR = new RegExp(`:[ \\u00a0]{0,2}(${ITEM}(?:,[ \\u00a0]?${ITEM}){0,${LOCATOR_MAX_ITEMS - 1}})(?![\\p{L}\\p{N}])`, 'uy');

const BRACKET = new RegExp(`\\[([^\\[\\]\\r\\n]{1,${MARKER_MAX_INNER_LENGTH}})\\]`, 'g');
const OPENERS = new Set(['(', '[', '{', '"', '“', '‘', "'", '«', '„']);
const TERMINAL = new Set(['.', '!', '?', '…']);
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\u00a0';
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isUpperOrDigit = (c: string | undefined): boolean => c !== undefined && /[\p{Lu}\p{N}]/u.test(c);

/**
 * Decides an ambiguous bracket (`[a]`, an unknown lowercase phrase) by position: a marker when attached
 * to the text or marker before it, at a clause end, or carried to the start of a line or sentence before
 * a capital; editorial when it stands between spaces followed by a word.
 */
function isMarkerByContext(text: string, start: number, end: number, afterMarker: boolean): boolean {
  if (afterMarker) return true;
  const prev = text[start - 1];
  if (prev !== undefined && !isSpace(prev) && prev !== '\n' && prev !== '\r' && !OPENERS.has(prev)) return true;
  if (prev !== undefined && OPENERS.has(prev)) return false;
  let j = end;
  while (isSpace(text[j])) j++;
  const next = text[j];
  if (next === '[') return true;
  if (!isWordChar(next)) return true;
  // Followed by a word: a marker only where a sentence may begin, i.e. at a line start or after a sentence end.
  let i = start - 1;
  while (isSpace(text[i])) i--;
  const before = text[i];
  const lineStart = before === undefined || before === '\n' || before === '\r';
  return (lineStart || TERMINAL.has(before)) && isUpperOrDigit(next);
}

function atLineStart(text: string, at: number): boolean {
  let i = at - 1;
  while (isSpace(text[i])) i--;
  return i < 0 || text[i] === '\n' || text[i] === '\r';
}

/** Every citation marker in a draft, in text order, with its offset; never throws (no markers → []). */
export function findMarkers(text: string): Marker[] {
  const markers: Marker[] = [];
  let lastEnd = -1;
  const bracket = new RegExp(BRACKET.source, 'g');
  for (let m = bracket.exec(text); m !== null; m = bracket.exec(text)) {
    const start = m.index;
    const inner = m[1] ?? '';
    let end = start + m[0].length;
    const kind = classify(inner);
    if (kind === null) continue;
    // Markdown: `[text](url)` is a link, and `[^1]:` at a line start defines a footnote; neither is a marker.
    if (kind.type !== 'ref' && text[end] === '(') continue;
    if (inner.startsWith('^') && text[end] === ':' && atLineStart(text, start)) continue;
    let gap = lastEnd;
    while (gap >= 0 && gap < start && isSpace(text[gap])) gap++;
    const afterMarker = lastEnd >= 0 && gap === start;
    if (kind.type !== 'ref' && !kind.sure && !isMarkerByContext(text, start, end, afterMarker)) continue;
    let locator: string | null = null;
    if (kind.type === 'ref') {
      const locatorRe = new RegExp(LOCATOR.source, LOCATOR.flags);
      locatorRe.lastIndex = end;
      const loc = locatorRe.exec(text);
      if (loc) {
        locator = loc[1] ?? null;
        end += loc[0].length;
      }
    }
    markers.push({
      raw: text.slice(start, end),
      ref: kind.type === 'flag' ? null : kind.ref,
      locator,
      flag: kind.type === 'flag' ? kind.flag : null,
      offset: start,
    });
    lastEnd = end;
    bracket.lastIndex = end;
  }
  return markers;
}

/** The text of `[start, end)` with the markers (in offset order) inside it taken out and the spaces they leave closed up; never throws. */
export function stripMarkers(text: string, start: number, end: number, markers: readonly Marker[]): string {
  let out = '';
  let cursor = start;
  // Markers are in offset order: skip to the first that can lie in the range.
  let lo = 0;
  let hi = markers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (markers[mid]!.offset < start) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < markers.length && markers[k]!.offset < end; k++) {
    const m = markers[k]!;
    const mEnd = markerEnd(m);
    if (m.offset < cursor || mEnd > end) continue;
    out += text.slice(cursor, m.offset);
    cursor = mEnd;
    const next = text[cursor];
    if (/\s$/.test(out) && (cursor >= end || next === undefined || /[\s.,;:!?)\]”’"']/.test(next))) out = out.replace(/[ \t\u00a0]+$/, '');
  }
  out += text.slice(cursor, end);
  return out;
}
