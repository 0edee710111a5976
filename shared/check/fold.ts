// The comparison form of text for quote checking: the normalisation of shared/anchor/match.ts (whitespace
// runs → one space, curly quotes → straight, dashes → '-') plus per-character lowercasing and the removal of
// invisible characters that PDF extraction leaves in (soft hyphen, zero-width space/joiners, BOM). Every
// folded character remembers the original character it came from, so offsets found in the folded form map
// back to the source text exactly.

const SINGLE_QUOTES = new Set(['\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u02BC', '`', '\u00B4']);
const DOUBLE_QUOTES = new Set(['\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB']);
const DASHES = new Set(['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212']);
const INVISIBLE = new Set(['\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF']);
const WHITESPACE = /\s/u;

/** Text in comparison form with, for each folded char, the index of the original char it came from. */
export interface Folded {
  /** The folded text. */
  text: string;
  /** `map[i]` = original index of folded char i; `map[text.length]` = original length. */
  map: Int32Array;
}

// Per-code-unit lowercasing that never changes length (a char whose lowercase is longer stays as it is), so
// folding stays a one-to-one map per char; cached because folding runs over megabytes.
const lowerCache = new Map<number, number>();
function lowerCode(code: number): number {
  let l = lowerCache.get(code);
  if (l === undefined) {
    const lower = String.fromCharCode(code).toLowerCase();
    l = lower.length === 1 ? lower.charCodeAt(0) : code;
    lowerCache.set(code, l);
  }
  return l;
}

const SPACE = 0x20;
const DROP = -1;

// Non-ASCII code units folded once each (per case mode): folding runs over megabytes of text.
const foldCache = [new Map<number, number>(), new Map<number, number>()] as const;

/** One UTF-16 code unit in comparison form: DROP, SPACE for whitespace, else the code mapped; never throws. */
function foldCode(code: number, lowercase: boolean): number {
  // ASCII fast path: most source text is ASCII.
  if (code < 0x80) {
    if (code === SPACE || (code >= 0x09 && code <= 0x0d)) return SPACE;
    if (code === 0x60) return 0x27;
    return lowercase && code >= 0x41 && code <= 0x5a ? code + 32 : code;
  }
  const cache = foldCache[lowercase ? 1 : 0];
  let f = cache.get(code);
  if (f === undefined) {
    const c = String.fromCharCode(code);
    if (INVISIBLE.has(c)) f = DROP;
    else if (WHITESPACE.test(c) || code === 0xa0) f = SPACE;
    else if (SINGLE_QUOTES.has(c)) f = 0x27;
    else if (DOUBLE_QUOTES.has(c)) f = 0x22;
    else if (DASHES.has(c)) f = 0x2d;
    else f = lowercase ? lowerCode(code) : code;
    cache.set(code, f);
  }
  return f;
}

const utf16 = new TextDecoder('utf-16le');

/** The comparison form of `s` (lowercased when `lowercase`), with its offset map; never throws. */
export function foldText(s: string, lowercase = true): Folded {
  const map = new Int32Array(s.length + 1);
  const out = new Uint16Array(s.length);
  let n = 0;
  let inSpace = false;
  for (let i = 0; i < s.length; i++) {
    const f = foldCode(s.charCodeAt(i), lowercase);
    if (f === DROP) continue;
    if (f === SPACE) {
      if (inSpace) continue;
      inSpace = true;
    } else {
      inSpace = false;
    }
    map[n] = i;
    out[n++] = f;
  }
  map[n] = s.length;
  // A lone surrogate decodes as U+FFFD: still one code unit, so the map holds.
  return { text: utf16.decode(out.subarray(0, n)), map: map.slice(0, n + 1) };
}

/** `s` in comparison form without its map, trimmed (for quotes and words); never throws. */
export function foldString(s: string, lowercase = true): string {
  return foldText(s, lowercase).text.trim();
}

/** The original range of folded `[start, end)`; never throws (an empty range maps to an empty range). */
export function unfoldRange(folded: Folded, start: number, end: number): [number, number] {
  const s = folded.map[start] ?? 0;
  const e = end > start ? (folded.map[end - 1] ?? s) + 1 : s;
  return [s, e];
}
