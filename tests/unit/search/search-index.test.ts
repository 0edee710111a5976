import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emptySearchIndex,
  fromStoredSourceIndex,
  indexSource,
  normalizeTerm,
  searchSources,
  withSource,
  withoutSource,
  type SearchIndex,
} from '../../../shared/search/search-index.ts';
import type { SourceText } from '../../../shared/types/text.ts';
import { pdfText, seeded, transcriptText } from '../check/fixtures.ts';

const report = pdfText('a'.repeat(64), [
  'The harbour authority met in March. The plan was discussed.',
  'The minister said the harbour plan was not a complete success. Plan, harbour, budget.',
  'Budget figures: the harbour budget overran. José Müller signed the tender.',
]);
const hearing = transcriptText('b'.repeat(64), [
  [0, 'Mayor Quinn', 'Good evening. The harbour plan is on the agenda.'],
  [5, 'Reporter', 'What about the ferry?'],
]);
const texts = new Map<string, SourceText>([report, hearing].map((t) => [t.sha256, t]));
const build = (): SearchIndex => withSource(withSource(emptySearchIndex(), indexSource(report)), indexSource(hearing));

describe('search index', () => {
  it('normalises words: case and diacritics', () => {
    expect(normalizeTerm('Müller')).toBe('muller');
    expect(normalizeTerm('JOSÉ')).toBe('jose');
  });

  it('ranks units with the words in order above units that merely contain them', () => {
    const results = searchSources(build(), texts, 'harbour plan');
    const top = results.slice(0, 2).map((r) => [r.sha256[0], r.unit.index]);
    // Page 2 (index 1) and cue 0 have "harbour plan" as a phrase; page 1 has both words apart.
    expect(top).toContainEqual(['a', 1]);
    expect(top).toContainEqual(['b', 0]);
    const apart = results.find((r) => r.sha256 === report.sha256 && r.unit.index === 0);
    expect(apart).toBeDefined();
    expect(apart!.score).toBeLessThan(results[1]!.score);
    const page2 = results.find((r) => r.sha256 === report.sha256 && r.unit.index === 1)!;
    expect(report.text.slice(page2.range[0], page2.range[1])).toBe('harbour plan');
  });

  it('gives snippets with the matched words marked, and units with page labels or cue times', () => {
    const [r] = searchSources(build(), texts, 'muller');
    expect(r?.unit).toMatchObject({ kind: 'page', label: '3' });
    expect(r?.snippet.marks.map(([s, e]) => r.snippet.text.slice(s, e))).toEqual(['Müller']);
    expect(report.text.slice(r!.snippet.start, r!.snippet.start + r!.snippet.text.length)).toBe(r!.snippet.text);
    const [cue] = searchSources(build(), texts, 'ferry');
    expect(cue?.unit).toMatchObject({ kind: 'cue', time: [5, 10], speaker: 'Reporter' });
  });

  it('returns nothing for a query without words or with unknown words', () => {
    expect(searchSources(build(), texts, ' … ')).toEqual([]);
    expect(searchSources(build(), texts, 'submarine')).toEqual([]);
    expect(searchSources(build(), texts, 'constructor __proto__')).toEqual([]);
  });

  it('adds and removes sources one at a time', () => {
    const index = build();
    expect(searchSources(withoutSource(index, report.sha256), texts, 'budget')).toEqual([]);
    expect(searchSources(index, texts, 'budget').map((r) => r.sha256)).toEqual([report.sha256, report.sha256]);
    expect(Object.keys(index.sources)).toHaveLength(2);
  });

  it('survives JSON and rejects a stored index that does not fit the text', () => {
    const stored = JSON.parse(JSON.stringify(indexSource(report))) as unknown;
    const back = fromStoredSourceIndex(stored, report);
    expect(back.ok).toBe(true);
    if (back.ok) expect(searchSources(withSource(emptySearchIndex(), back.value), texts, 'tender')).toHaveLength(1);
    expect(fromStoredSourceIndex(stored, hearing)).toMatchObject({ ok: false, error: expect.stringMatching(/different text/) });
    expect(fromStoredSourceIndex({ ...(stored as object), version: 0 }, report)).toMatchObject({ ok: false, error: expect.stringMatching(/version 0/) });
    expect(fromStoredSourceIndex({ ...(stored as object), postings: { x: [5, 2] } }, report)).toMatchObject({ ok: false, error: expect.stringMatching(/postings of "x"/) });
  });

  it('reports progress up to the whole text', () => {
    const big = pdfText('c'.repeat(64), Array.from({ length: 300 }, (_, i) => `page ${i} `.repeat(200)));
    const calls: [number, number][] = [];
    indexSource(big, (done, total) => calls.push([done, total]));
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.at(-1)).toEqual([big.text.length, big.text.length]);
    expect(calls.every(([d], i) => i === 0 || d >= calls[i - 1]![0])).toBe(true);
  });

  it('never throws and keeps ranges and marks in bounds', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 80 }), { minLength: 1, maxLength: 5 }), fc.string({ maxLength: 20 }), fc.integer(), (pages, query, seed) => {
        const random = seeded(seed);
        const t = pdfText('d'.repeat(64), pages);
        const words = t.text.split(/\s+/).filter(Boolean);
        const q = random() < 0.5 && words.length > 0 ? (words[Math.floor(random() * words.length)] ?? query) : query;
        const results = searchSources(withSource(emptySearchIndex(), indexSource(t)), new Map([[t.sha256, t]]), q);
        for (const r of results) {
          expect(r.range[0]).toBeGreaterThanOrEqual(0);
          expect(r.range[1]).toBeLessThanOrEqual(t.text.length);
          for (const [s, e] of r.snippet.marks) expect(0 <= s && s < e && e <= r.snippet.text.length).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
