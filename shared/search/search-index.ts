// Full-text search across source texts (issue 7, item 7): an inverted index built at import, one plain
// JSON-able SourceIndex per source (stored beside the source, rebuilt from its text at will), combined into a
// SearchIndex that sources are added to and removed from one at a time. Words come from Intl.Segmenter (word
// granularity), lowercased with diacritics stripped (NFKD). Results are units (PDF pages, transcript cues)
// ranked by BM25 with a boost for the query's words in order, each with a snippet whose matched words are
// marked by offsets.
import { err, ok, type Result } from '../types/result.ts';
import type { CharRange, SourceKind, SourceText, TextUnit } from '../types/text.ts';

/** Version of the stored SourceIndex shape; a stored index of another version is rebuilt. */
export const SEARCH_INDEX_VERSION = 1;
/** Largest source text indexed, in characters. */
export const MAX_INDEXED_CHARS = 64 * 1024 * 1024;
/** Most words taken from a query. */
export const MAX_QUERY_TERMS = 32;
/** Most results returned. */
export const MAX_SEARCH_RESULTS = 100;
/** Characters of context on each side of a match in a snippet. */
export const SNIPPET_CONTEXT_CHARS = 60;
/** The progress callback is called at most once per this many characters indexed. */
export const PROGRESS_STEP_CHARS = 256 * 1024;
/** BM25 parameters. */
export const BM25 = { k1: 1.2, b: 0.75 } as const;
/** Weight of an in-order occurrence of the whole query (as a phrase) relative to one word's BM25 score. */
export const PHRASE_BOOST = 2;

/** The index of one source text: plain data, JSON-able. */
export interface SourceIndex {
  /** SEARCH_INDEX_VERSION when built. */
  version: number;
  /** SHA-256 of the source. */
  sha256: string;
  /** PDF or transcript. */
  kind: SourceKind;
  /** Length of the source text it was built from. */
  length: number;
  /** Start offset of each word, in text order. */
  starts: number[];
  /** Length of each word. */
  lengths: number[];
  /** The source's units, each with the index of its first word and the number of its words. */
  units: { unit: TextUnit; first: number; count: number }[];
  /** Term → indices of its words, ascending. */
  postings: Record<string, number[]>;
}

/** Indexes of several sources, by SHA-256. */
export interface SearchIndex {
  /** Source indexes by SHA-256. */
  sources: Record<string, SourceIndex>;
}

/** A snippet of source text around a match. */
export interface Snippet {
  /** The snippet text (verbatim from the source). */
  text: string;
  /** Offset of the snippet in the source text. */
  start: number;
  /** The query's words in the snippet, as ranges into `text`. */
  marks: CharRange[];
}

/** One search result: a unit of a source. */
export interface SearchResult {
  /** SHA-256 of the source. */
  sha256: string;
  /** The page or cue. */
  unit: TextUnit;
  /** BM25 score with phrase boost; higher is better. */
  score: number;
  /** The best match in the unit: the first in-order occurrence of the whole query, else the first matched word. */
  range: CharRange;
  /** Text around `range` with the query's words marked. */
  snippet: Snippet;
}

let segmenter: Intl.Segmenter | null = null;
function words(text: string): { index: number; term: string; length: number }[] {
  segmenter ??= new Intl.Segmenter('und', { granularity: 'word' });
  const out: { index: number; term: string; length: number }[] = [];
  for (const s of segmenter.segment(text)) {
    if (s.isWordLike) out.push({ index: s.index, term: normalizeTerm(s.segment), length: s.segment.length });
  }
  return out;
}

/** A word as indexed: NFKD, combining marks removed, lowercase; never throws. */
export function normalizeTerm(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The terms of a query, in order, at most MAX_QUERY_TERMS; never throws. */
export function queryTerms(query: string): string[] {
  return words(query).map((w) => w.term).slice(0, MAX_QUERY_TERMS);
}

/** An empty search index; never throws. */
export function emptySearchIndex(): SearchIndex {
  return { sources: Object.create(null) as Record<string, SourceIndex> };
}

/** Builds the index of one source text, reporting progress as (characters done, total); throws RangeError past MAX_INDEXED_CHARS. */
export function indexSource(text: SourceText, onProgress?: (done: number, total: number) => void): SourceIndex {
  if (text.text.length > MAX_INDEXED_CHARS) {
    throw new RangeError(`source ${text.sha256.slice(0, 12)} has ${text.text.length} characters; search indexes at most ${MAX_INDEXED_CHARS}`);
  }
  const index: SourceIndex = {
    version: SEARCH_INDEX_VERSION,
    sha256: text.sha256,
    kind: text.kind,
    length: text.text.length,
    starts: [],
    lengths: [],
    units: [],
    postings: Object.create(null) as Record<string, number[]>,
  };
  // Units cover the text; a text without units is indexed as a whole, its words belonging to no unit.
  const spans: { unit: TextUnit | null; range: CharRange }[] = text.units.length > 0 ? text.units.map((u) => ({ unit: u, range: u.range })) : [{ unit: null, range: [0, text.text.length] }];
  let reported = 0;
  for (const { unit, range } of spans) {
    const first = index.starts.length;
    for (const w of words(text.text.slice(range[0], range[1]))) {
      const i = index.starts.length;
      index.starts.push(range[0] + w.index);
      index.lengths.push(w.length);
      const list = Object.hasOwn(index.postings, w.term) ? index.postings[w.term] : undefined;
      if (list) list.push(i);
      else index.postings[w.term] = [i];
    }
    if (unit) index.units.push({ unit, first, count: index.starts.length - first });
    if (onProgress && range[1] - reported >= PROGRESS_STEP_CHARS) {
      reported = range[1];
      onProgress(range[1], text.text.length);
    }
  }
  onProgress?.(text.text.length, text.text.length);
  return index;
}

/** A copy of the index with one source's index added (replacing any of the same SHA-256); never throws. */
export function withSource(index: SearchIndex, source: SourceIndex): SearchIndex {
  const sources = Object.assign(Object.create(null) as Record<string, SourceIndex>, index.sources);
  sources[source.sha256] = source;
  return { sources };
}

/** A copy of the index without a source; never throws (an absent source changes nothing). */
export function withoutSource(index: SearchIndex, sha256: string): SearchIndex {
  const sources = Object.assign(Object.create(null) as Record<string, SourceIndex>, index.sources);
  delete sources[sha256];
  return { sources };
}

const isIntArray = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => Number.isInteger(n) && n >= 0);

/** A stored SourceIndex checked for shape and consistency; an error saying why it must be rebuilt from its text. */
export function fromStoredSourceIndex(data: unknown, text: SourceText): Result<SourceIndex> {
  const d = data as Partial<SourceIndex> | null;
  const where = `search index of source ${text.sha256.slice(0, 12)}`;
  if (typeof d !== 'object' || d === null) return err(`${where}: not an object`);
  if (d.version !== SEARCH_INDEX_VERSION) return err(`${where}: version ${String(d.version)}, expected ${SEARCH_INDEX_VERSION}`);
  if (d.sha256 !== text.sha256 || d.length !== text.text.length) return err(`${where}: built from a different text`);
  if (!isIntArray(d.starts) || !isIntArray(d.lengths) || d.starts.length !== d.lengths.length) return err(`${where}: word offsets are malformed`);
  if (d.starts.some((s, i) => s + (d.lengths?.[i] ?? 0) > text.text.length)) return err(`${where}: a word lies outside the text`);
  if (!Array.isArray(d.units) || typeof d.postings !== 'object' || d.postings === null) return err(`${where}: units or postings are malformed`);
  const n = d.starts.length;
  for (const [term, list] of Object.entries(d.postings)) {
    if (!isIntArray(list) || list.some((i, k) => i >= n || (k > 0 && i <= (list[k - 1] ?? -1)))) return err(`${where}: postings of "${term}" are malformed`);
  }
  for (const u of d.units as unknown[]) {
    const x = u as { first?: unknown; count?: unknown; unit?: unknown };
    if (!Number.isInteger(x.first) || !Number.isInteger(x.count) || (x.first as number) + (x.count as number) > n || typeof x.unit !== 'object') return err(`${where}: a unit is malformed`);
  }
  const postings = Object.assign(Object.create(null) as Record<string, number[]>, d.postings);
  return ok({ ...(d as SourceIndex), postings });
}

function unitOfWord(source: SourceIndex, word: number): number {
  let lo = 0;
  let hi = source.units.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const u = source.units[mid];
    if (!u) break;
    if (word < u.first) hi = mid - 1;
    else if (word >= u.first + u.count) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function postingsOf(source: SourceIndex, term: string): number[] {
  return Object.hasOwn(source.postings, term) ? (source.postings[term] ?? []) : [];
}

function snippetAround(text: string, range: CharRange, terms: ReadonlySet<string>): Snippet {
  let start = Math.max(0, range[0] - SNIPPET_CONTEXT_CHARS);
  let end = Math.min(text.length, range[1] + SNIPPET_CONTEXT_CHARS);
  // Start and end on whitespace so no word is cut, unless that loses the context altogether.
  const space = text.slice(start, range[0]).search(/\s/u);
  if (start > 0 && space !== -1) start += space + 1;
  const tail = text.slice(range[1], end);
  const lastSpace = Math.max(tail.lastIndexOf(' '), tail.lastIndexOf('\n'));
  if (end < text.length && lastSpace !== -1) end = range[1] + lastSpace;
  const snippet = text.slice(start, end);
  const marks: CharRange[] = words(snippet)
    .filter((w) => terms.has(w.term))
    .map((w) => [w.index, w.index + w.length]);
  return { text: snippet, start, marks };
}

/** Ranked results for a query over the indexed sources (texts by SHA-256 give the snippets), best first; empty for a query without words. */
export function searchSources(index: SearchIndex, texts: ReadonlyMap<string, SourceText>, query: string, limit = MAX_SEARCH_RESULTS): SearchResult[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const distinct = [...new Set(terms)];
  const sources = Object.values(index.sources).filter((s) => texts.has(s.sha256));
  // Documents are units; N, average length and document frequencies are over all indexed units.
  let units = 0;
  let wordCount = 0;
  for (const s of sources) {
    units += s.units.length;
    wordCount += s.starts.length;
  }
  if (units === 0) return [];
  const avgdl = wordCount / units;
  // tf per (source, unit) per term.
  const tf = new Map<string, Map<number, Map<string, number>>>();
  const df = new Map<string, number>();
  for (const s of sources) {
    const bySource = new Map<number, Map<string, number>>();
    tf.set(s.sha256, bySource);
    for (const term of distinct) {
      const seen = new Set<number>();
      for (const w of postingsOf(s, term)) {
        const u = unitOfWord(s, w);
        if (u < 0) continue;
        seen.add(u);
        let counts = bySource.get(u);
        if (!counts) bySource.set(u, (counts = new Map()));
        counts.set(term, (counts.get(term) ?? 0) + 1);
      }
      df.set(term, (df.get(term) ?? 0) + seen.size);
    }
  }
  const idf = (term: string) => {
    const n = df.get(term) ?? 0;
    return Math.log(1 + (units - n + 0.5) / (n + 0.5));
  };
  const results: { s: SourceIndex; u: number; score: number }[] = [];
  for (const s of sources) {
    for (const [u, counts] of tf.get(s.sha256) ?? []) {
      const dl = s.units[u]?.count ?? 0;
      let score = 0;
      for (const [term, f] of counts) score += (idf(term) * f * (BM25.k1 + 1)) / (f + BM25.k1 * (1 - BM25.b + (BM25.b * dl) / avgdl));
      results.push({ s, u, score });
    }
  }
  // Phrase boost for the best candidates only: checking order costs a walk over their words.
  results.sort((a, b) => b.score - a.score);
  const considered = results.slice(0, Math.max(limit * 4, 200));
  const phraseAt = new Map<(typeof considered)[number], number>();
  if (terms.length > 1) {
    const idfSum = distinct.reduce((n, t) => n + idf(t), 0);
    const positions = new Map<string, Map<string, Set<number>>>();
    for (const c of considered) {
      let bySource = positions.get(c.s.sha256);
      if (!bySource) {
        bySource = new Map(distinct.map((t) => [t, new Set(postingsOf(c.s, t))]));
        positions.set(c.s.sha256, bySource);
      }
      const unit = c.s.units[c.u];
      if (!unit) continue;
      let count = 0;
      for (const w of postingsOf(c.s, terms[0] ?? '')) {
        if (w < unit.first || w + terms.length > unit.first + unit.count) continue;
        if (terms.every((t, k) => bySource.get(t)?.has(w + k))) {
          if (count === 0) phraseAt.set(c, w);
          count++;
        }
      }
      if (count > 0) c.score += (PHRASE_BOOST * idfSum * count) / (count + BM25.k1);
    }
  }
  considered.sort((a, b) => b.score - a.score || a.s.sha256.localeCompare(b.s.sha256) || a.u - b.u);
  return considered.slice(0, limit).flatMap((c): SearchResult[] => {
    const unit = c.s.units[c.u];
    const text = texts.get(c.s.sha256);
    if (!unit || !text) return [];
    const phrase = phraseAt.get(c);
    let range: CharRange;
    if (phrase !== undefined) {
      const last = phrase + terms.length - 1;
      range = [c.s.starts[phrase] ?? 0, (c.s.starts[last] ?? 0) + (c.s.lengths[last] ?? 0)];
    } else {
      let first = Infinity;
      for (const t of distinct) {
        for (const w of postingsOf(c.s, t)) {
          if (w >= unit.first && w < unit.first + unit.count) {
            first = Math.min(first, w);
            break;
          }
          if (w >= unit.first + unit.count) break;
        }
      }
      const w = Number.isFinite(first) ? first : unit.first;
      range = [c.s.starts[w] ?? 0, (c.s.starts[w] ?? 0) + (c.s.lengths[w] ?? 0)];
    }
    return [{ sha256: c.s.sha256, unit: unit.unit, score: c.score, range, snippet: snippetAround(text.text, range, new Set(distinct)) }];
  });
}
