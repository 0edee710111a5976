import { describe, expect, it } from 'vitest';
import { MAX_FIND_HITS, findInText as findAll } from '../../../shared/text/find-text.ts';
import { paintSegments } from '../../../renderer/src/transcript/paint.ts';

describe('findAll', () => {
  it('finds case-insensitive, non-overlapping occurrences in order', () => {
    expect(findAll('Aa aA aaa', 'aa').hits).toEqual([
      [0, 2],
      [3, 5],
      [6, 8],
    ]);
  });
  it('treats the query literally, not as a pattern', () => {
    expect(findAll('cost (in $) is 3.5', '(in $)').hits).toEqual([[5, 11]]);
    expect(findAll('3x5', '3.5').hits).toEqual([]);
  });
  it('keeps only hits the filter accepts', () => {
    expect(findAll('one two one two', 'one', (start) => start > 0).hits).toEqual([[8, 11]]);
  });
  it('finds nothing for an empty query', () => {
    expect(findAll('abc', '')).toEqual({ hits: [], truncated: false });
  });
  it('stops at MAX_FIND_HITS and says so', () => {
    const result = findAll('x'.repeat(MAX_FIND_HITS + 5), 'x');
    expect(result.hits).toHaveLength(MAX_FIND_HITS);
    expect(result.truncated).toBe(true);
  });
});

describe('paintSegments', () => {
  it('returns one plain run when nothing overlaps', () => {
    expect(paintSegments(10, 20, [{ id: 'far', start: 30, end: 40 }], [[0, 5]])).toEqual([{ start: 10, end: 20, passageIds: [], hit: null, spoken: false }]);
  });
  it('paints the part of a passage that starts before the cue and ends inside it', () => {
    expect(paintSegments(10, 20, [{ id: 'p', start: 2, end: 14 }], [])).toEqual([
      { start: 10, end: 14, passageIds: ['p'], hit: null, spoken: false },
      { start: 14, end: 20, passageIds: [], hit: null, spoken: false },
    ]);
  });
  it('orders nested passages innermost first and marks hits by index', () => {
    const segments = paintSegments(
      0,
      10,
      [
        { id: 'outer', start: 0, end: 10 },
        { id: 'inner', start: 3, end: 5 },
      ],
      [
        [1, 2],
        [4, 7],
      ],
    );
    expect(segments).toEqual([
      { start: 0, end: 1, passageIds: ['outer'], hit: null, spoken: false },
      { start: 1, end: 2, passageIds: ['outer'], hit: 0, spoken: false },
      { start: 2, end: 3, passageIds: ['outer'], hit: null, spoken: false },
      { start: 3, end: 4, passageIds: ['inner', 'outer'], hit: null, spoken: false },
      { start: 4, end: 5, passageIds: ['inner', 'outer'], hit: 1, spoken: false },
      { start: 5, end: 7, passageIds: ['outer'], hit: 1, spoken: false },
      { start: 7, end: 10, passageIds: ['outer'], hit: null, spoken: false },
    ]);
  });
  it('covers the range exactly, with no gaps', () => {
    const segments = paintSegments(5, 50, [{ id: 'a', start: 7, end: 60 }, { id: 'b', start: 0, end: 9 }], [[20, 22], [48, 55]]);
    expect(segments[0]!.start).toBe(5);
    expect(segments.at(-1)!.end).toBe(50);
    for (let i = 1; i < segments.length; i++) expect(segments[i]!.start).toBe(segments[i - 1]!.end);
  });
  it('marks the spoken word, cut out of a passage it lies in, and ignores a word outside the cue', () => {
    expect(paintSegments(0, 20, [{ id: 'p', start: 0, end: 10 }], [], [6, 12])).toEqual([
      { start: 0, end: 6, passageIds: ['p'], hit: null, spoken: false },
      { start: 6, end: 10, passageIds: ['p'], hit: null, spoken: true },
      { start: 10, end: 12, passageIds: [], hit: null, spoken: true },
      { start: 12, end: 20, passageIds: [], hit: null, spoken: false },
    ]);
    expect(paintSegments(0, 20, [], [], [25, 30])).toEqual([{ start: 0, end: 20, passageIds: [], hit: null, spoken: false }]);
  });
  it('is empty for an empty range', () => {
    expect(paintSegments(5, 5, [], [])).toEqual([]);
  });
});
