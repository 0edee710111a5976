// Issue 7 benchmark: locate 50 quotations (exact, altered, absent) across generated sources totalling 5,000
// pages (~2,000 chars each, seeded), with the quote check; the baseline is approx-string-match alone over
// the same text concatenated, per quote, in the same run. The UI thread's longest blocked interval needs a
// browser and is measured by the renderer's e2e benchmark, not here.
import search from 'approx-string-match';
import { performance } from 'node:perf_hooks';
import { MAX_ERROR_RATIO } from '../shared/anchor/match.ts';
import { checkQuote, prepareCorpus, type QuoteStatus, type SearchStats } from '../shared/check/quote-check.ts';
import { emptySearchIndex, indexSource, searchSources, withSource } from '../shared/search/search-index.ts';
import type { PageUnit, SourceText } from '../shared/types/text.ts';
import { figure, median, type Bench } from './harness.ts';
import { mulberry32 } from '../shared/seeded-random.ts';

/** Pages in all generated sources together. */
export const BENCH_PAGES = 5_000;
/** Approximate characters per generated page. */
export const BENCH_PAGE_CHARS = 2_000;
/** Generated sources (the pages are split evenly between them). */
export const BENCH_SOURCES = 10;
const SEED = 0x0c4e_c707;
const EXACT = 20;
const ALTERED = 20;
const ABSENT = 10;


function vocabularyOf(random: () => number): string[] {
  const syllables = ['ka', 'lo', 'mi', 'ter', 'an', 'sol', 'ver', 'du', 'pre', 'nis', 'ro', 'tal', 'ex', 'quin', 'bar', 'el', 'the', 'ment'];
  return Array.from({ length: 4000 }, () => {
    const n = 1 + Math.floor(random() * 3);
    return Array.from({ length: n }, () => syllables[Math.floor(random() * syllables.length)]).join('');
  });
}

function sentence(random: () => number, vocabulary: string[]): string {
  const n = 8 + Math.floor(random() * 14);
  const words = Array.from({ length: n }, () => vocabulary[Math.floor(random() * vocabulary.length)] ?? '');
  const first = words[0] ?? '';
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  if (random() < 0.1) words[1] = `“${words[1]}”`;
  return `${words.join(' ')}.`;
}

/** Seeded sources of BENCH_PAGES pages in total, as PDF source texts; the same seed gives the same texts. */
export function generateSources(seed = SEED): SourceText[] {
  const random = mulberry32(seed);
  const vocabulary = vocabularyOf(random);
  const perSource = BENCH_PAGES / BENCH_SOURCES;
  return Array.from({ length: BENCH_SOURCES }, (_, s) => {
    const pages: string[] = [];
    const units: PageUnit[] = [];
    let length = 0;
    for (let p = 0; p < perSource; p++) {
      let page = '';
      while (page.length < BENCH_PAGE_CHARS) page += (page ? ' ' : '') + sentence(random, vocabulary);
      const start = length + (p > 0 ? 1 : 0);
      pages.push(page);
      length = start + page.length;
      units.push({ kind: 'page', index: p, label: String(p + 1), range: [start, length] });
    }
    return { type: 'source-text', sha256: s.toString(16).padStart(64, '0'), kind: 'pdf', text: pages.join('\n'), units };
  });
}

interface BenchQuote {
  text: string;
  kind: 'exact' | 'altered' | 'absent';
}

/** 50 quotations: verbatim passages, passages with one or two words changed, and sentences found nowhere. */
function pickQuotes(sources: SourceText[], seed = SEED + 1): BenchQuote[] {
  const random = mulberry32(seed);
  const passage = (min: number) => {
    const s = sources[Math.floor(random() * sources.length)]!;
    const length = min + Math.floor(random() * 120);
    const at = Math.floor(random() * (s.text.length - length));
    const from = s.text.indexOf(' ', at) + 1;
    return s.text.slice(from, s.text.lastIndexOf(' ', from + length)).replaceAll('“', '"').replaceAll('”', '"');
  };
  const quotes: BenchQuote[] = [];
  for (let i = 0; i < EXACT; i++) quotes.push({ text: passage(60), kind: 'exact' });
  for (let i = 0; i < ALTERED; i++) {
    const words = passage(100).split(' ');
    const changes = 1 + Math.floor(random() * 2);
    for (let c = 0; c < changes; c++) {
      const w = Math.floor(random() * words.length);
      words.splice(w, 1, random() < 0.5 ? 'not' : `${words[w] ?? ''}s`);
    }
    quotes.push({ text: words.join(' '), kind: 'altered' });
  }
  // Absent: plausible words in an order the generator never produced.
  const foreign = ['harbour', 'minister', 'budget', 'tender', 'evidence', 'committee', 'ferry', 'spring', 'weather', 'council', 'report'];
  for (let i = 0; i < ABSENT; i++) {
    const n = 10 + Math.floor(random() * 10);
    quotes.push({ text: Array.from({ length: n }, () => foreign[Math.floor(random() * foreign.length)]).join(' '), kind: 'absent' });
  }
  return quotes;
}

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const bench: Bench = {
  name: 'quote-check',
  summary: `quote check of ${EXACT + ALTERED + ABSENT} quotations over ${BENCH_PAGES} generated pages vs approx-string-match alone over the concatenated text`,
  async run() {
    const sources = generateSources();
    const quotes = pickQuotes(sources);
    const concatenated = sources.map((s) => s.text).join('\n');
    let corpus = prepareCorpus([]);
    const prepareMs = time(() => {
      corpus = prepareCorpus(sources);
    });
    const stats: SearchStats = { exact: 0, windowed: 0, full: 0 };
    const checkMs: number[] = [];
    const baselineMs: number[] = [];
    const statuses = new Map<string, QuoteStatus[]>();
    for (const q of quotes) {
      let status: QuoteStatus = 'not-found';
      checkMs.push(time(() => (status = checkQuote(corpus, { text: q.text, range: [0, q.text.length] }, { stats }).status)));
      statuses.set(q.kind, [...(statuses.get(q.kind) ?? []), status]);
      baselineMs.push(time(() => search(concatenated, q.text, Math.floor(q.text.length * MAX_ERROR_RATIO))));
    }
    // A benchmark that measured wrong answers would be worthless: every kind must be classified as expected.
    const wrong = [
      ...(statuses.get('exact') ?? []).filter((s) => s !== 'found'),
      ...(statuses.get('altered') ?? []).filter((s) => s !== 'possible-misquote'),
      ...(statuses.get('absent') ?? []).filter((s) => s !== 'not-found'),
    ];
    if (wrong.length > 0) throw new Error(`quote-check benchmark: ${wrong.length} quotations classified wrongly: ${JSON.stringify(Object.fromEntries(statuses))}`);
    process.stderr.write(
      `quote-check: ${concatenated.length} chars; corpus prepared in ${prepareMs.toFixed(0)} ms; ` +
        `fragment searches answered exactly ${stats.exact}, by prefilter windows ${stats.windowed}, by full passes ${stats.full}\n`,
    );
    const absentCheck = checkMs.filter((_, i) => quotes[i]?.kind === 'absent');
    const absentBase = baselineMs.filter((_, i) => quotes[i]?.kind === 'absent');
    return [
      figure('quote-check', 'median ms per quotation (50 quotations, 5,000 pages)', median(checkMs), median(baselineMs), '≤ 1.5'),
      figure('quote-check', 'median ms per absent quotation (full pass, worst case)', median(absentCheck), median(absentBase), '≤ 1.5'),
      figure('quote-check', 'corpus preparation ms (once per workspace, 5,000 pages)', prepareMs, null, '< 5000'),
    ];
  },
};

const SEARCH_QUERIES = 20;

const searchBench: Bench = {
  name: 'search-index',
  summary: `build the full-text index of ${BENCH_PAGES} generated pages and run ${SEARCH_QUERIES} ranked queries (no baseline: absolute figures)`,
  async run() {
    const sources = generateSources();
    let index = emptySearchIndex();
    const buildMs = time(() => {
      for (const s of sources) index = withSource(index, indexSource(s));
    });
    const texts = new Map(sources.map((s) => [s.sha256, s]));
    const random = mulberry32(SEED + 2);
    const queryMs: number[] = [];
    for (let i = 0; i < SEARCH_QUERIES; i++) {
      const s = sources[Math.floor(random() * sources.length)]!;
      const at = Math.floor(random() * (s.text.length - 200));
      const query = s.text.slice(at, at + 200).split(' ').slice(1, 4).join(' ');
      let hits = 0;
      queryMs.push(time(() => (hits = searchSources(index, texts, query).length)));
      if (hits === 0) throw new Error(`search-index benchmark: "${query}", taken from a source, found nothing`);
    }
    return [
      figure('search-index', 'index build ms (5,000 pages, at import, in a worker)', buildMs, null, '< 15000'),
      figure('search-index', 'median ms per three-word query (5,000 pages)', median(queryMs), null, '< 500'),
    ];
  },
};

export default [bench, searchBench];
