import search from 'approx-string-match';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText } from '../../../shared/check/fold.ts';
import {
  FOUND_MIN_SCORE,
  MISQUOTE_MIN_SCORE,
  checkClaimQuotes,
  checkQuote,
  classifyCandidate,
  findQuoteCandidates,
  prepareCorpus,
  quoteFinding,
  splitElision,
  type SearchStats,
} from '../../../shared/check/quote-check.ts';
import { MAX_QUOTE_CHARS } from '../../../shared/anchor/match.ts';
import { pdfText, seeded, transcriptText } from './fixtures.ts';

const report = pdfText(
  'a'.repeat(64),
  [
    'Annual report of the harbour authority. Introduction and summary of findings.',
    'The minister said the “harbour plan” was not a complete success, and the\n  budget overran by a third.',
    'The committee found, after two years of hearings and many witnesses, no evidence of fraud in the tender.',
  ],
  ['i', '1', '2'],
);
const hearing = transcriptText('b'.repeat(64), [
  [0, 'Mayor Quinn', 'Good evening and welcome.'],
  [5, 'Reporter', 'Will the ferry be running by the spring of next year?'],
  [10, 'Mayor Quinn', 'We expect the ferry to run by April, weather permitting.'],
]);
const corpus = prepareCorpus([report, hearing]);
const quote = (text: string) => ({ text, range: [0, text.length] as [number, number] });

describe('checkQuote', () => {
  it('finds a verbatim quote with its page and range', () => {
    const r = checkQuote(corpus, quote('no evidence of fraud in the tender'));
    expect(r.status).toBe('found');
    const best = r.candidates[0]!;
    expect(best).toMatchObject({ sha256: report.sha256, exact: true, score: 1, diff: null });
    expect(report.text.slice(best.range[0], best.range[1])).toBe('no evidence of fraud in the tender');
    expect(best.units).toEqual([expect.objectContaining({ kind: 'page', index: 2, label: '2' })]);
  });

  it('treats curly vs straight quotes, dashes and whitespace as equal', () => {
    const r = checkQuote(corpus, quote('the "harbour plan" was not a complete success, and the budget overran'));
    expect(r.status).toBe('found');
    expect(r.candidates[0]?.exact).toBe(true);
    expect(r.candidates[0]?.text).toBe('the “harbour plan” was not a complete success, and the\n  budget overran');
  });

  it('counts a case-only difference as found but not exact', () => {
    const r = checkQuote(corpus, quote('THE COMMITTEE FOUND'));
    expect(r.status).toBe('found');
    expect(r.candidates[0]).toMatchObject({ exact: false, score: 1 });
  });

  it('reports a quotation that is in no source as not found', () => {
    const r = checkQuote(corpus, quote('the tunnel will be finished before the election'));
    expect(r).toMatchObject({ status: 'not-found', candidates: [], note: null });
  });

  it('flags a near miss as a possible misquote with a word diff', () => {
    const r = checkQuote(corpus, quote('The minister said the "harbour plan" was a complete success'));
    expect(r.status).toBe('possible-misquote');
    const best = r.candidates[0]!;
    expect(best.exact).toBe(false);
    expect(best.score).toBeLessThan(FOUND_MIN_SCORE);
    expect(best.score).toBeGreaterThanOrEqual(MISQUOTE_MIN_SCORE);
    expect(best.diff).toEqual([
      { op: 'equal', text: 'The minister said the "harbour plan" was' },
      { op: 'insert', text: 'not' },
      { op: 'equal', text: 'a complete success' },
    ]);
  });

  it('diffs a replaced word as a delete and an insert', () => {
    const r = checkQuote(corpus, quote('We expect the ferry to run by March, weather permitting.'));
    expect(r.status).toBe('possible-misquote');
    expect(r.candidates[0]?.diff).toEqual([
      { op: 'equal', text: 'We expect the ferry to run by' },
      { op: 'delete', text: 'March' },
      { op: 'insert', text: 'April' },
      { op: 'equal', text: ', weather permitting.' },
    ]);
    expect(r.candidates[0]?.units).toEqual([expect.objectContaining({ kind: 'cue', time: [10, 15], speaker: 'Mayor Quinn' })]);
  });

  it('finds an elided quotation fragment by fragment, in order', () => {
    for (const text of ['The committee found ... no evidence of fraud', 'The committee found […] no evidence of fraud', 'The committee found…no evidence of fraud']) {
      const r = checkQuote(corpus, quote(text));
      expect(r.status, text).toBe('found');
      const best = r.candidates[0]!;
      expect(best.exact).toBe(true);
      expect(best.fragments).toHaveLength(2);
      expect(best.text.startsWith('The committee found')).toBe(true);
      expect(best.text.endsWith('no evidence of fraud')).toBe(true);
    }
  });

  it('rejects an elided quotation whose fragments are out of order or missing', () => {
    expect(checkQuote(corpus, quote('no evidence of fraud ... The committee found')).status).toBe('not-found');
    expect(checkQuote(corpus, quote('The committee found ... a cover-up by the minister')).status).toBe('not-found');
  });

  it('shows a misquoted fragment of an elided quotation in the diff', () => {
    const r = checkQuote(corpus, quote('The committee found ... no evidence of fraud in the contract'));
    expect(r.status).toBe('possible-misquote');
    expect(r.candidates[0]?.diff).toEqual([
      { op: 'equal', text: 'The committee found' },
      { op: 'equal', text: '…' },
      { op: 'equal', text: 'no evidence of fraud in the' },
      { op: 'delete', text: 'contract' },
      { op: 'insert', text: 'tender' },
    ]);
  });

  it('returns a note, not a search, for empty and overlong quotations', () => {
    expect(checkQuote(corpus, quote('  ')).note).toMatch(/empty/);
    expect(checkQuote(corpus, quote('x'.repeat(MAX_QUOTE_CHARS + 1))).note).toMatch(/longer than/);
  });

  it('lists every exact occurrence across sources, best first', () => {
    const twin = pdfText('c'.repeat(64), ['Reprinted: no evidence of fraud in the tender.']);
    const c = prepareCorpus([report, twin]);
    const found = findQuoteCandidates(c, 'no evidence of fraud');
    expect(found.map((f) => f.sha256)).toEqual([report.sha256, twin.sha256]);
  });

  it('checks every quote of a claim and maps statuses to CLI findings', () => {
    const checks = checkClaimQuotes(corpus, { quotes: [quote('Good evening and welcome'), quote('a secret plan')] });
    expect(checks.map((c) => quoteFinding(c.status))).toEqual(['quote-found', 'quote-not-found']);
    expect(classifyCandidate(undefined)).toBe('not-found');
  });
});

describe('splitElision', () => {
  it('splits at ..., …, . . . and bracketed ellipses and drops empty fragments', () => {
    expect(splitElision('a b ... c d')).toEqual(['a b', 'c d']);
    expect(splitElision('...a b . . . c [...] d [ … ] e…')).toEqual(['a b', 'c', 'd', 'e']);
    expect(splitElision('no elision. here')).toEqual(['no elision. here']);
  });
});

// Random texts over a small vocabulary so that near misses are common.
const vocabulary = ['ka', 'lo', 'mit', 'ter', 'an', 'sol', 'ver', 'du', 'pre', 'nis', 'ro', 'tal'];
function randomText(random: () => number, words: number): string {
  return Array.from({ length: words }, () => vocabulary[Math.floor(random() * vocabulary.length)] ?? '')
    .map((w) => (random() < 0.1 ? `“${w}”` : random() < 0.1 ? `${w}\n ` : w))
    .join(' ');
}
function mutate(random: () => number, s: string, edits: number): string {
  let out = s;
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * out.length);
    const c = 'abcdefghijklmnopqrstuvwxyz '[Math.floor(random() * 27)] ?? 'x';
    const kind = Math.floor(random() * 3);
    out = kind === 0 ? out.slice(0, at) + c + out.slice(at + 1) : kind === 1 ? out.slice(0, at) + c + out.slice(at) : out.slice(0, at) + out.slice(at + 1);
  }
  return out;
}

describe('quote search properties', () => {
  it('gives the same candidates with and without the prefilter, and the best error count of a plain Myers pass', () => {
    const stats: SearchStats = { exact: 0, windowed: 0, full: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 24, max: 120 }), (seed, edits, length) => {
        const random = seeded(seed);
        const texts = [0, 1, 2].map((i) => pdfText(String(i).repeat(64), [randomText(random, 300), randomText(random, 300)]));
        const c = prepareCorpus(texts);
        const host = texts[Math.floor(random() * texts.length)]!.text;
        const at = Math.floor(random() * (host.length - length));
        const q = mutate(random, host.slice(at, at + length), edits).trim();
        const withFilter = findQuoteCandidates(c, q, { stats });
        const without = findQuoteCandidates(c, q, { prefilter: false });
        expect(withFilter).toEqual(without);
        // The best fuzzy error count equals approx-string-match's over each folded text.
        const fq = foldText(q).text.trim();
        if (withFilter.length > 0 && !withFilter.some((w) => w.score === 1) && fq.length >= 8) {
          const maxErrors = Math.floor(fq.length * 0.2);
          const best = Math.min(...c.entries.map((e) => Math.min(...search(e.folded.text, fq, maxErrors).map((m) => m.errors))));
          expect(withFilter[0]!.score).toBeCloseTo(1 - best / fq.length, 10);
        }
      }),
      { numRuns: 150 },
    );
    // The property is only worth something if both paths were exercised.
    expect(stats.windowed).toBeGreaterThan(10);
    expect(stats.full).toBeGreaterThan(0);
  });

  it('never throws and keeps ranges inside the source text', () => {
    const texts = [pdfText('d'.repeat(64), ['Ünïcode “quotes” — dashes\u00ADsoft  spaces…', 'İstanbul ǅ ﬁ ligature']), transcriptText('e'.repeat(64), [[0, null, 'short']])];
    const c = prepareCorpus(texts);
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (q) => {
        for (const cand of findQuoteCandidates(c, q)) {
          const t = texts.find((x) => x.sha256 === cand.sha256)!;
          expect(cand.range[0]).toBeGreaterThanOrEqual(0);
          expect(cand.range[1]).toBeLessThanOrEqual(t.text.length);
          expect(cand.range[0]).toBeLessThanOrEqual(cand.range[1]);
          expect(cand.text).toBe(t.text.slice(cand.range[0], cand.range[1]));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('classifyCandidate', () => {
  const base = { sha256: 'f'.repeat(64), range: [0, 1] as [number, number], units: [], text: 'x', fragments: [] };
  it('calls a one-letter word change a possible misquote however high the score', () => {
    const diff = [
      { op: 'equal' as const, text: 'we will' },
      { op: 'delete' as const, text: 'now' },
      { op: 'insert' as const, text: 'not' },
    ];
    expect(classifyCandidate({ ...base, exact: false, score: 0.995, diff })).toBe('possible-misquote');
  });
  it('calls a punctuation-only difference above FOUND_MIN_SCORE found, and a low score not found', () => {
    const diff = [
      { op: 'equal' as const, text: 'we will' },
      { op: 'insert' as const, text: ',' },
      { op: 'equal' as const, text: 'not' },
    ];
    expect(classifyCandidate({ ...base, exact: false, score: 0.99, diff })).toBe('found');
    expect(classifyCandidate({ ...base, exact: false, score: MISQUOTE_MIN_SCORE - 0.01, diff })).toBe('not-found');
  });
});
