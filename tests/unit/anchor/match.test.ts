import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ERROR_RATIO, MAX_EXACT_QUOTE_CHARS, MAX_QUOTE_CHARS, MIN_FUZZY_QUOTE_CHARS, SCORE_WEIGHTS, findAll, matchQuote, quoteCandidates } from '../../../shared/anchor/match.ts';
import { mulberry32 } from '../../../shared/seeded-random.ts';
import { extractCorpus } from '../pdf/corpus.ts';

const sample = 'The quick brown fox jumps over the lazy dog. The quick brown cat sleeps by the fire. “Quoted words,” she said — twice.';

describe('matchQuote', () => {
  it('finds an exact quote and reports its original offsets', () => {
    const m = matchQuote(sample, { exact: 'lazy dog' });
    expect(m).toEqual({ start: sample.indexOf('lazy dog'), end: sample.indexOf('lazy dog') + 8, exact: true, score: 1 });
  });

  it('matches straight quotes, plain dashes and collapsed whitespace exactly, with offsets into the original', () => {
    const m = matchQuote(sample, { exact: '"Quoted  words,"\n she said - twice' });
    expect(m).not.toBeNull();
    expect(m!.exact).toBe(true);
    expect(sample.slice(m!.start, m!.end)).toBe('“Quoted words,” she said — twice');
  });

  it('uses prefix and suffix to choose between two exact occurrences', () => {
    const second = sample.indexOf('The quick', 1);
    expect(matchQuote(sample, { exact: 'The quick brown', suffix: ' cat' })!.start).toBe(second);
    expect(matchQuote(sample, { exact: 'The quick brown', suffix: ' fox' })!.start).toBe(0);
    expect(matchQuote(sample, { exact: 'The quick brown', prefix: 'lazy dog. ' })!.start).toBe(second);
  });

  it('uses the position hint when context does not decide', () => {
    const second = sample.indexOf('The quick', 1);
    expect(matchQuote(sample, { exact: 'The quick brown' }, { position: second + 3 })!.start).toBe(second);
    expect(matchQuote(sample, { exact: 'The quick brown' }, { position: 0 })!.start).toBe(0);
  });

  it('falls back to a fuzzy match within the error ratio, scored below 1', () => {
    const m = matchQuote(sample, { exact: 'The quick brown cat sleeps by the fir' + 'a' });
    expect(m).not.toBeNull();
    expect(m!.exact).toBe(false);
    expect(m!.score).toBeLessThan(1);
    expect(m!.score).toBeGreaterThan(0.9);
    expect(sample.slice(m!.start, m!.end)).toMatch(/^The quick brown cat sleeps by the fir/);
  });

  it('returns null beyond the error ratio, for empty quotes, and never fuzzes tiny quotes', () => {
    expect(matchQuote(sample, { exact: 'completely different words here' })).toBeNull();
    expect(matchQuote(sample, { exact: '   ' })).toBeNull();
    expect(matchQuote(sample, { exact: 'lazy cats' })).toBeNull(); // 9 chars allow 1 error; 'lazy dog' is 4 away
    expect('dgo'.length).toBeLessThan(MIN_FUZZY_QUOTE_CHARS);
    expect(matchQuote(sample, { exact: 'dgo' })).toBeNull();
    expect(MAX_ERROR_RATIO).toBeGreaterThan(0);
  });

  it('property: any substring of a real page text is found where it was taken, given its context', async () => {
    const text = (await extractCorpus('tracemonkey.pdf')).layout.sourceText.text;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length - 200 }), fc.integer({ min: 12, max: 150 }), (start, len) => {
        const exact = text.slice(start, start + len);
        fc.pre(exact.trim() === exact && exact.length > 0);
        const m = matchQuote(text, { exact, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(start + len, start + len + 32) }, { position: start });
        expect(m).not.toBeNull();
        expect([m!.start, m!.end, m!.exact]).toEqual([start, start + len, true]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('long quotes', () => {
  // A page-long passage: words from a seeded vocabulary, longer than MAX_QUOTE_CHARS.
  const random = mulberry32(1988);
  const words = ['executions', 'prison', 'committee', 'the', 'of', 'verdict', 'hearing', 'minutes', 'and', 'record'];
  let long = '';
  while (long.length <= MAX_QUOTE_CHARS + 500) long += `${words[Math.floor(random() * words.length)]!} `;
  long = long.trim();
  const front = 'Front matter, reprinted.\n\n';
  const spaced = long.replace(/ /g, '  ');
  const text = `${front}${spaced}\n\nBack matter.`;

  it(`finds a quote longer than ${MAX_QUOTE_CHARS} characters where it occurs verbatim (spacing may differ), as re-anchoring needs`, () => {
    const m = matchQuote(text, { exact: long });
    expect(m?.exact).toBe(true);
    expect([m?.start, m?.end]).toEqual([front.length, front.length + spaced.length]);
  });

  it('matches it verbatim only: one changed character, and it is not found (fuzzy search is bounded to MAX_QUOTE_CHARS)', () => {
    const changed = `${long.slice(0, 5000)}X${long.slice(5001)}`;
    expect(matchQuote(text, { exact: changed })).toBeNull();
  });

  it(`gives up past ${MAX_EXACT_QUOTE_CHARS} characters`, () => {
    const huge = 'a'.repeat(MAX_EXACT_QUOTE_CHARS + 1);
    expect(matchQuote(`${huge} tail`, { exact: huge })).toBeNull();
  });
});

describe('findAll', () => {
  it('lists every exact occurrence in text order, each scored 1', () => {
    const all = findAll(sample, 'the');
    expect(all.map((m) => m.start)).toEqual([...sample.matchAll(/the/g)].map((x) => x.index));
    expect(all.every((m) => m.exact && m.score === 1)).toBe(true);
  });

  it('lists fuzzy matches, one per region, when there is no exact one', () => {
    const all = findAll(sample, 'The quick brwn');
    expect(all.length).toBe(2);
    expect(all.every((m) => !m.exact)).toBe(true);
    expect(all.map((m) => sample.slice(m.start, m.start + 15))).toEqual(['The quick brown', 'The quick brown']);
  });

  it('returns an empty list when nothing matches', () => {
    expect(findAll(sample, 'nowhere to be found at all')).toEqual([]);
  });
});

describe('quoteCandidates', () => {
  const second = sample.indexOf('The quick', 1);

  it('gives every exact occurrence with its quote and context scores, offsets into the original', () => {
    const cs = quoteCandidates(sample, { exact: 'The  quick brown', suffix: ' cat' });
    expect(cs.map((c) => [c.start, c.end, c.exact, c.quoteScore])).toEqual([
      [0, 15, true, 1],
      [second, second + 15, true, 1],
    ]);
    expect(cs[1]!.suffixScore).toBe(1);
    expect(cs[0]!.suffixScore).toBeLessThan(1);
    expect(cs[1]!.prefixScore).toBe(1); // no prefix given
    for (const c of cs) expect(c.contextScore).toBeCloseTo((SCORE_WEIGHTS.prefix * c.prefixScore + SCORE_WEIGHTS.suffix * c.suffixScore) / (SCORE_WEIGHTS.prefix + SCORE_WEIGHTS.suffix));
  });

  it('keeps to the window [from, to), reading context outside it', () => {
    const cs = quoteCandidates(sample, { exact: 'The quick brown', prefix: 'lazy dog. ' }, { from: 1 });
    expect(cs.map((c) => c.start)).toEqual([second]);
    expect(cs[0]!.prefixScore).toBe(1);
    expect(quoteCandidates(sample, { exact: 'The quick brown' }, { to: second + 14 }).map((c) => c.start)).toEqual([0]);
    expect(quoteCandidates(sample, { exact: 'The quick brown' }, { from: 1, to: second + 14, maxErrorRatio: 0 })).toEqual([]);
    const inside = quoteCandidates(sample, { exact: 'The quick brown' }, { from: 1, to: second + 14 });
    expect(inside.length).toBeGreaterThan(0);
    expect(inside.every((c) => !c.exact && c.start >= 1 && c.end <= second + 14)).toBe(true);
  });

  it('finds fuzzy candidates only within the error ratio, and none when it is 0', () => {
    const quote = { exact: 'The quick brwn cat' };
    const fuzzy = quoteCandidates(sample, quote);
    expect(fuzzy.length).toBeGreaterThan(0);
    expect(fuzzy.every((c) => !c.exact && c.quoteScore < 1 && c.quoteScore >= 1 - MAX_ERROR_RATIO)).toBe(true);
    expect(quoteCandidates(sample, quote, { maxErrorRatio: 0 })).toEqual([]);
    expect(quoteCandidates(sample, quote, { from: sample.indexOf('fire') })).toEqual([]);
  });

  it('caps the candidates at maxCandidates, in text order', () => {
    expect(quoteCandidates(sample, { exact: 'the' }, { maxCandidates: 2 }).map((c) => c.start)).toEqual(findAll(sample, 'the').slice(0, 2).map((m) => m.start));
  });

  it('is what matchQuote ranks: its best candidate is matchQuote\'s match', () => {
    const quote = { exact: 'The quick brown', suffix: ' cat' };
    const best = matchQuote(sample, quote)!;
    const c = quoteCandidates(sample, quote).find((x) => x.start === best.start)!;
    const w = SCORE_WEIGHTS;
    expect(best.score).toBeCloseTo((w.quote * c.quoteScore + w.prefix * c.prefixScore + w.suffix * c.suffixScore + w.position) / (w.quote + w.prefix + w.suffix + w.position));
  });
});
