import { describe, expect, it } from 'vitest';
import { findHits, formatHitCount, hitAtOrAfter, stepHit } from '../../../renderer/src/pdf/find.ts';

const text = 'Trace trees are fast.\nTRACE monitors record\ntraces; a trace tree grows.';

describe('findHits', () => {
  it('finds every occurrence, ignoring case', () => {
    const hits = findHits(text, 'trace');
    expect(hits.map(([s, e]) => text.slice(s, e))).toEqual(['Trace', 'TRACE', 'trace', 'trace']);
  });

  it('matches any whitespace run, line breaks included', () => {
    const hits = findHits(text, 'monitors   record traces');
    expect(hits).toHaveLength(1);
    expect(text.slice(hits[0]![0], hits[0]![1])).toBe('monitors record\ntraces');
  });

  it('treats the query as literal text, not a pattern', () => {
    expect(findHits('a.b axb (c)', 'a.b')).toEqual([[0, 3]]);
    expect(findHits('a.b axb (c)', '(c)')).toEqual([[8, 11]]);
  });

  it('finds a phrase across a page break and any kind of whitespace', () => {
    // Two pages joined by the text model's '\n', the first with a no-break space and a tab.
    const pages = 'end of the\u00A0first\tpage\nstarts the second';
    const hits = findHits(pages, 'first page starts');
    expect(hits.map(([s, e]) => pages.slice(s, e))).toEqual(['first\tpage\nstarts']);
    expect(findHits(pages, '\u00A0\n\t')).toEqual([]);
  });

  it('returns nothing for a blank query and stops at the limit', () => {
    expect(findHits(text, '   ')).toEqual([]);
    expect(findHits('aaaa', 'a', 3)).toHaveLength(3);
  });
});

describe('hit navigation', () => {
  it('steps forward and back, wrapping around', () => {
    expect(stepHit(4, 0, 1)).toBe(1);
    expect(stepHit(4, 3, 1)).toBe(0);
    expect(stepHit(4, 0, -1)).toBe(3);
    expect(stepHit(4, -1, 1)).toBe(0);
    expect(stepHit(4, -1, -1)).toBe(3);
    expect(stepHit(0, 0, 1)).toBe(-1);
  });

  it('starts from the first hit at or after the reading position', () => {
    const hits = findHits(text, 'trace');
    expect(hitAtOrAfter(hits, 0)).toBe(0);
    expect(hitAtOrAfter(hits, 1)).toBe(1);
    expect(hitAtOrAfter(hits, hits[2]![0])).toBe(2);
    expect(hitAtOrAfter(hits, text.length)).toBe(0);
    expect(hitAtOrAfter([], 5)).toBe(-1);
  });

  it('formats the count', () => {
    expect(formatHitCount(0, -1)).toBe('No results');
    expect(formatHitCount(17, 2)).toBe('3 of 17');
    expect(formatHitCount(17, -1)).toBe('17 results');
    expect(formatHitCount(1000, 0, 1000)).toBe('1 of 1000+');
  });
});
