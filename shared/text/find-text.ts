// Find in a source text, shared by the PDF viewer's "Find in document" and the transcript's find. It searches
// the one source text every selector points into (DESIGN.md, Text model and anchoring), not a page's or a
// cue's own string, so a hit is a char range that can become a passage as it is, and hits cross line, page
// and cue boundaries: the text model puts a '\n' between pages and between cues, and a line break reads as a
// space to a person. (Where the PDF model joins a word hyphenated across a page directly, that join is the
// word, so no whitespace is looked for there.)
//
// Matching: case-insensitive (Unicode case folding); the query is literal text, not a pattern; any run of
// whitespace in the query (spaces, line breaks, tabs, NBSP, any Unicode White_Space) matches any run of
// whitespace in the text; whitespace at the query's ends is ignored. Diacritics and quote or dash variants
// must match as typed.
import type { CharRange } from '../types/text.ts';

/** Most hits one search collects unless the caller asks for fewer; the result says when there were more. */
export const MAX_FIND_HITS = 10_000;
/** Longest query searched, in characters; a longer one finds nothing. */
export const MAX_FIND_QUERY_CHARS = 500;

/** The hits of one search. */
export interface FindResult {
  /** Hit ranges `[start, end)` in the source text, in text order, non-overlapping. */
  hits: CharRange[];
  /** True when the search stopped at its limit and more hits follow the listed ones. */
  truncated: boolean;
}

// Under the u flag only syntax characters and '/' may be escaped ('\-' would be a syntax error).
const REGEXP_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;
const WHITESPACE_RUN = /\s+/u;

/** The pattern a query searches for, or null when the query is blank or longer than MAX_FIND_QUERY_CHARS. */
function toFindPattern(query: string): RegExp | null {
  if (query.length > MAX_FIND_QUERY_CHARS) return null;
  const words = query.split(WHITESPACE_RUN).filter((w) => w !== '');
  if (words.length === 0) return null;
  return new RegExp(words.map((w) => w.replace(REGEXP_SYNTAX, '\\$&')).join('\\s+'), 'giu');
}

const acceptAll = (): boolean => true;

/**
 * Every occurrence of `query` in `text` (see the matching rules above), in order and non-overlapping, that
 * `accept` keeps, at most `limit`; no hits for a blank or over-long query. Never throws.
 */
export function findInText(
  text: string,
  query: string,
  accept: (start: number, end: number) => boolean = acceptAll,
  limit: number = MAX_FIND_HITS,
): FindResult {
  const pattern = toFindPattern(query);
  const hits: CharRange[] = [];
  if (pattern === null) return { hits, truncated: false };
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!accept(start, end)) continue;
    if (hits.length >= limit) return { hits, truncated: true };
    hits.push([start, end]);
  }
  return { hits, truncated: false };
}
