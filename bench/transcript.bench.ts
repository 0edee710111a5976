// Issue 6 benchmark: import and index a ten-hour transcript (~100,000 words, generated from a fixed seed,
// as WebVTT with voice spans), then find quotes in it with the product's find (findAll in
// shared/anchor/match.ts: what `find` and the app use; exact first, then fuzzy, on normalized text),
// and, for reference, with plain indexOf and approx-string-match; each compared with the same search on
// the raw WebVTT text in the same run.
import search from 'approx-string-match';
import { findAll } from '../shared/anchor/match.ts';
import { performance } from 'node:perf_hooks';
import { parseTranscript } from '../shared/transcript/index.ts';
import { formatTimecode } from '../shared/transcript/timecode.ts';
import type { CueUnit, SourceText } from '../shared/types/text.ts';
import { figure, median, type Bench } from './harness.ts';
import { mulberry32 } from '../shared/seeded-random.ts';

/** Words in the generated transcript. */
export const BENCH_WORDS = 100_000;
/** Speaking rate of the generated transcript (words per second): 100,000 words take about ten hours. */
export const BENCH_WORDS_PER_SECOND = 2.78;
const SEED = 0x7a5c_1e06;
const IMPORT_RUNS = 5;
const EXACT_QUOTES = 200;
const FUZZY_QUOTES = 5;
const QUOTE_WORDS = 8;


/** A seeded ten-hour WebVTT transcript; the same seed gives the same text. */
export function generateTranscript(seed = SEED): { vtt: string; words: number; seconds: number } {
  const random = mulberry32(seed);
  const syllables = ['ka', 'lo', 'mi', 'ter', 'an', 'sol', 'ver', 'du', 'pre', 'nis', 'ro', 'tal', 'ex', 'quin', 'bar', 'el'];
  const vocabulary = Array.from({ length: 3000 }, () => {
    const n = 1 + Math.floor(random() * 3);
    return Array.from({ length: n }, () => syllables[Math.floor(random() * syllables.length)]).join('');
  });
  const speakers = ['Mayor Quinn', 'Reporter', 'Council Member Ruiz'];
  const out: string[] = ['WEBVTT', ''];
  let words = 0;
  let time = 0;
  let index = 0;
  while (words < BENCH_WORDS) {
    const n = Math.min(BENCH_WORDS - words, 6 + Math.floor(random() * 9));
    const text = Array.from({ length: n }, (_, i) => {
      const w = vocabulary[Math.floor(random() * vocabulary.length)]!;
      return i === n - 1 ? `${w}.` : random() < 0.01 ? `${w} &amp;` : w;
    }).join(' ');
    const end = time + n / BENCH_WORDS_PER_SECOND;
    out.push(String(++index), `${formatTimecode(time)} --> ${formatTimecode(end)}`, `<v ${speakers[Math.floor(random() * speakers.length)]}>${text}`, '');
    words += n;
    time = end;
  }
  return { vtt: out.join('\n'), words, seconds: time };
}

/** Whisper JSON of a transcript's cues: one segment per cue, each word timed with an even share of its cue. */
function whisperJsonOf(sourceText: SourceText): string {
  const segments = (sourceText.units as CueUnit[]).map((u, id) => {
    const cueText = sourceText.text.slice(u.range[0], u.range[1]);
    const words = cueText.split(' ');
    const share = (u.time[1] - u.time[0]) / words.length;
    return { id, start: u.time[0], end: u.time[1], text: ` ${cueText}`, speaker: u.speaker, words: words.map((w, k) => ({ word: ` ${w}`, start: u.time[0] + k * share, end: u.time[0] + (k + 1) * share })) };
  });
  return JSON.stringify({ segments });
}

function timeIt(run: () => void, repeat: number): number {
  const start = performance.now();
  for (let i = 0; i < repeat; i++) run();
  return (performance.now() - start) / repeat;
}

// The cue whose range holds an offset (binary search; units are in text order).
function cueAt(units: CueUnit[], offset: number): CueUnit | null {
  let lo = 0;
  let hi = units.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const u = units[mid]!;
    if (offset < u.range[0]) hi = mid - 1;
    else if (offset >= u.range[1]) lo = mid + 1;
    else return u;
  }
  return null;
}

function pickQuotes(text: SourceText, count: number, random: () => number): string[] {
  const units = text.units as CueUnit[];
  const quotes: string[] = [];
  while (quotes.length < count) {
    const u = units[Math.floor(random() * units.length)]!;
    const words = text.text.slice(u.range[0], u.range[1]).split(' ');
    if (words.length < QUOTE_WORDS || words.includes('&')) continue;
    quotes.push(words.slice(0, QUOTE_WORDS).join(' '));
  }
  return quotes;
}

// A misquote: two words of the quote replaced, as a draft might misremember them.
/** The quote with `changes` inner words (two by default) replaced by a word the transcript never says. */
function misquote(quote: string, random: () => number, changes = 2): string {
  const words = quote.split(' ');
  for (let k = 0; k < changes; k++) words[1 + Math.floor(random() * (words.length - 2))] = 'zorbel';
  return words.join(' ');
}

const bench: Bench = {
  name: 'transcript',
  summary: 'import a ten-hour WebVTT transcript (100,000 words) and find quotes in it, exact and fuzzy, vs the raw text',
  async run() {
    const { vtt } = generateTranscript();
    const bytes = new TextEncoder().encode(vtt);
    let sourceText: SourceText | null = null;
    const importMs: number[] = [];
    for (let i = 0; i < IMPORT_RUNS; i++) {
      const start = performance.now();
      const result = parseTranscript('ten-hours.vtt', bytes);
      importMs.push(performance.now() - start);
      if (!result.ok) throw new Error(result.error);
      sourceText = result.value.sourceText;
    }
    if (!sourceText) throw new Error('no import ran');
    const units = sourceText.units as CueUnit[];
    const text = sourceText.text;
    const random = mulberry32(SEED + 1);

    // The same ten hours as Whisper JSON with a timestamp on every word (each cue's words share its time evenly).
    const whisperBytes = new TextEncoder().encode(whisperJsonOf(sourceText));
    const whisperMs: number[] = [];
    let timedWords = 0;
    for (let i = 0; i < IMPORT_RUNS; i++) {
      const start = performance.now();
      const result = parseTranscript('ten-hours.json', whisperBytes);
      whisperMs.push(performance.now() - start);
      if (!result.ok) throw new Error(result.error);
      timedWords = result.value.sourceText.units.reduce((n, u) => n + (u.kind === 'cue' ? (u.words?.length ?? 0) : 0), 0);
    }
    if (timedWords < BENCH_WORDS * 0.99) throw new Error(`only ${timedWords} of ${BENCH_WORDS} Whisper words were placed`);

    const exactQuotes = pickQuotes(sourceText, EXACT_QUOTES, random);
    const findExact = () => {
      for (const q of exactQuotes) {
        const at = text.indexOf(q);
        if (at < 0 || !cueAt(units, at)) throw new Error(`quote not found: ${q}`);
      }
    };
    const findExactRaw = () => {
      for (const q of exactQuotes) if (vtt.indexOf(q) < 0) throw new Error(`quote not in raw text: ${q}`);
    };
    const exactMs = median([1, 2, 3].map(() => timeIt(findExact, 3))) / EXACT_QUOTES;
    const exactRawMs = median([1, 2, 3].map(() => timeIt(findExactRaw, 3))) / EXACT_QUOTES;

    const fuzzyQuotes = pickQuotes(sourceText, FUZZY_QUOTES, random).map((q) => misquote(q, random));
    const maxErrors = (q: string) => Math.floor(q.length * 0.25);
    const findFuzzy = () => {
      for (const q of fuzzyQuotes) {
        const matches = search(text, q, maxErrors(q));
        if (matches.length === 0 || !cueAt(units, matches[0]!.start)) throw new Error(`fuzzy quote not found: ${q}`);
      }
    };
    const findFuzzyRaw = () => {
      for (const q of fuzzyQuotes) if (search(vtt, q, maxErrors(q)).length === 0) throw new Error(`fuzzy quote not in raw text: ${q}`);
    };
    const fuzzyMs = median([1, 2, 3].map(() => timeIt(findFuzzy, 1))) / FUZZY_QUOTES;
    const fuzzyRawMs = median([1, 2, 3].map(() => timeIt(findFuzzyRaw, 1))) / FUZZY_QUOTES;

    // The product's find, on the source text vs on the raw WebVTT file, the quotes exact and misquoted.
    // One word changed: a misquote within the product's error ratio (two of eight words are beyond it).
    const productQuotes = [...exactQuotes.slice(0, FUZZY_QUOTES), ...pickQuotes(sourceText, FUZZY_QUOTES, random).map((q) => misquote(q, random, 1))];
    const findProduct = () => {
      for (const q of productQuotes) {
        const matches = findAll(text, q);
        if (matches.length === 0 || !cueAt(units, matches[0]!.start)) throw new Error(`findAll did not find: ${q}`);
      }
    };
    const findProductRaw = () => {
      for (const q of productQuotes) if (findAll(vtt, q).length === 0) throw new Error(`findAll did not find in the raw text: ${q}`);
    };
    const productMs = median([1, 2, 3].map(() => timeIt(findProduct, 1))) / productQuotes.length;
    const productRawMs = median([1, 2, 3].map(() => timeIt(findProductRaw, 1))) / productQuotes.length;

    const last = units[units.length - 1]!;
    process.stderr.write(`bench transcript: ${units.length} cues, ${text.length} chars of text from ${bytes.length} bytes, ends at ${formatTimecode(last.time[1])}\n`);
    return [
      figure('transcript', 'import ms (parse + index, median)', median(importMs), null, '< 5000'),
      figure('transcript', `import ms of the same ten hours as Whisper JSON with ${timedWords} word timestamps (median)`, median(whisperMs), null, '< 5000'),
      figure('transcript', `find ms per quote, the product's findAll (${FUZZY_QUOTES} exact, ${FUZZY_QUOTES} misquoted; source text) vs findAll on the raw VTT text`, productMs, productRawMs, '≤ 1.5'),
      figure('transcript', 'exact find ms per quote (source text) vs raw VTT text', exactMs, exactRawMs, '≤ 1.5'),
      figure('transcript', 'fuzzy find ms per quote (source text) vs raw VTT text', fuzzyMs, fuzzyRawMs, '≤ 1.5'),
    ];
  },
};

export default [bench];
