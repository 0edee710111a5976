import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGramIndex, lookupPiece, MIN_PIECE_CHARS } from '../../../shared/check/gram-index.ts';
import { diffWords, tokenizeWords } from '../../../shared/check/word-diff.ts';

const wordList = fc.array(fc.constantFrom('the', 'plan', 'was', 'not', 'a', 'success', 'The', '“harbour”', 'budget,', 'overran.'), { maxLength: 30 });

describe('diffWords', () => {
  it('keeps every word of each side exactly once, in order (equal+delete = claim, equal+insert = source)', () => {
    fc.assert(
      fc.property(wordList, wordList, (a, b) => {
        const claim = a.join(' ');
        const source = b.join(' ');
        const diff = diffWords(claim, source);
        const words = (s: string) => tokenizeWords(s).map((t) => t.text.toLowerCase().replace(/[“”]/g, '"'));
        expect(words(diff.filter((p) => p.op !== 'insert').map((p) => p.text).join(' '))).toEqual(words(claim));
        expect(words(diff.filter((p) => p.op !== 'delete').map((p) => p.text).join(' '))).toEqual(words(source));
        // Runs alternate: no two neighbours have the same op.
        diff.forEach((p, i) => expect(i === 0 || diff[i - 1]?.op !== p.op).toBe(true));
      }),
    );
  });

  it('treats case and curly quotes as equal', () => {
    expect(diffWords('the "Harbour" plan', 'The “harbour” plan')).toEqual([{ op: 'equal', text: 'the "Harbour" plan' }]);
  });
});

describe('gram index', () => {
  it('finds exactly the occurrences indexOf finds', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'c'), minLength: 0, maxLength: 400 }), fc.nat(), fc.nat({ max: 8 }), (text, at, extra) => {
        const length = MIN_PIECE_CHARS + extra;
        const start = text.length > length ? at % (text.length - length) : 0;
        const piece = text.length >= length ? text.slice(start, start + length) : 'a'.repeat(length);
        const expected: number[] = [];
        for (let p = text.indexOf(piece); p !== -1; p = text.indexOf(piece, p + 1)) expected.push(p);
        const found: number[] = [];
        lookupPiece(buildGramIndex(text), text, piece, (p) => found.push(p));
        expect(found.sort((x, y) => x - y)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
    expect(() => lookupPiece(buildGramIndex('abc'), 'abc', 'ab', () => {})).toThrow(RangeError);
  });
});
