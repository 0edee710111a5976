import { describe, expect, it } from 'vitest';
import { MAX_FIND_HITS, MAX_FIND_QUERY_CHARS, findInText } from '../../../shared/text/find-text.ts';
import { buildPdfSourceText, type PdfTextItem } from '../../../shared/text/pdf-text.ts';
import { parseTranscript } from '../../../shared/transcript/index.ts';
import type { SourceText } from '../../../shared/types/text.ts';

function srt(body: string): SourceText {
  const parsed = parseTranscript('talk.srt', new TextEncoder().encode(body));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value.sourceText;
}

function item(str: string, hasEOL = false): PdfTextItem {
  return { str, hasEOL, transform: [10, 0, 0, 10, 0, 0], width: str.length * 5, height: 10, dir: 'ltr' };
}

/** The text of every hit of `query` in `text`. */
function hitTexts(text: string, query: string): string[] {
  return findInText(text, query).hits.map(([s, e]) => text.slice(s, e));
}

const twoCues = srt(
  ['1', '00:00:01,000 --> 00:00:03,000', 'This is the first line', 'second line of the cue', '', '2', '00:00:03,500 --> 00:00:05,000', 'and the next cue', ''].join('\r\n'),
);

describe('findInText over a transcript', () => {
  it('finds a phrase across the line break of a two-line SRT cue', () => {
    expect(twoCues.text).toBe('This is the first line\nsecond line of the cue\nand the next cue');
    const { hits } = findInText(twoCues.text, 'line second');
    expect(hits).toEqual([[18, 29]]);
    expect(twoCues.text.slice(18, 29)).toBe('line\nsecond');
    // The hit lies inside the first cue.
    const cue = twoCues.units[0]!;
    expect(hits[0]![0]).toBeGreaterThanOrEqual(cue.range[0]);
    expect(hits[0]![1]).toBeLessThanOrEqual(cue.range[1]);
  });

  it('finds a phrase across two cues, and reports its char range in the source text', () => {
    const { hits } = findInText(twoCues.text, 'OF THE CUE and the');
    expect(hits).toHaveLength(1);
    const [start, end] = hits[0]!;
    expect(twoCues.text.slice(start, end)).toBe('of the cue\nand the');
    const [first, second] = twoCues.units;
    expect(start).toBeLessThan(first!.range[1]);
    expect(end).toBeGreaterThan(second!.range[0]);
  });
});

describe('findInText over a PDF', () => {
  const layout = buildPdfSourceText('b'.repeat(64), [
    { index: 0, label: null, items: [item('The trace tree', true), item('grows at the end of')] },
    { index: 1, label: null, items: [item('the page and on.')] },
  ]);
  const pdf = layout.sourceText;

  it('finds a phrase across two pages', () => {
    expect(pdf.text).toBe('The trace tree\ngrows at the end of\nthe page and on.');
    const { hits } = findInText(pdf.text, 'end of the page');
    expect(hits).toHaveLength(1);
    const [start, end] = hits[0]!;
    expect(pdf.text.slice(start, end)).toBe('end of\nthe page');
    expect(start).toBeLessThan(pdf.units[0]!.range[1]);
    expect(end).toBeGreaterThan(pdf.units[1]!.range[0]);
  });

  it('finds a word a page break hyphenated, without looking for whitespace there', () => {
    const hyphenated = buildPdfSourceText('c'.repeat(64), [
      { index: 0, label: null, items: [item('an exam-')] },
      { index: 1, label: null, items: [item('ple of it')] },
    ]).sourceText;
    expect(hitTexts(hyphenated.text, 'example')).toEqual(['example']);
    expect(hitTexts(hyphenated.text, 'exam ple')).toEqual([]);
  });
});

describe('findInText matching', () => {
  it('matches any kind of whitespace in the query to any run of whitespace in the text', () => {
    const text = 'one\u00A0two\tthree\r\nfour  \n five';
    expect(hitTexts(text, 'one two three four five')).toEqual([text]);
    expect(hitTexts(text, 'one\ntwo\u00A0three\tfour\u2009five')).toEqual([text]);
    expect(hitTexts(text, '  two   three  ')).toEqual(['two\tthree']);
  });

  it('needs whitespace in the text where the query has it, and none where it has none', () => {
    expect(hitTexts('firstline first line', 'first line')).toEqual(['first line']);
    expect(hitTexts('first line firstline', 'firstline')).toEqual(['firstline']);
  });

  it('ignores case, Unicode letters included', () => {
    expect(hitTexts('Élan ÉLAN élan', 'élan')).toEqual(['Élan', 'ÉLAN', 'élan']);
    expect(hitTexts('ΣΟΦΊΑ', 'σοφία')).toEqual(['ΣΟΦΊΑ']);
  });

  it('gives no hits for an empty or whitespace-only query', () => {
    for (const query of ['', ' ', '   ', '\n', '\t \r\n', '\u00A0', '\u2003\u3000']) {
      expect(findInText('a b c\n d', query)).toEqual({ hits: [], truncated: false });
    }
  });

  it('gives no hits for a query longer than MAX_FIND_QUERY_CHARS', () => {
    const text = 'a'.repeat(MAX_FIND_QUERY_CHARS + 1);
    expect(findInText(text, text).hits).toEqual([]);
    expect(findInText(text, text.slice(1)).hits).toEqual([[0, MAX_FIND_QUERY_CHARS]]);
  });

  it('treats regular-expression syntax, slashes and dashes as literal text', () => {
    expect(hitTexts('a/b a-b [x] a\\b ^$', 'a/b')).toEqual(['a/b']);
    expect(hitTexts('a/b a-b [x] a\\b ^$', 'a-b')).toEqual(['a-b']);
    expect(hitTexts('a/b a-b [x] a\\b ^$', '[x]')).toEqual(['[x]']);
    expect(hitTexts('a/b a-b [x] a\\b ^$', 'a\\b ^$')).toEqual(['a\\b ^$']);
  });

  it('passes each candidate hit to the filter by start and end, and caps the hits at the limit', () => {
    const seen: [number, number][] = [];
    const result = findInText('ab ab ab', 'ab', (start, end) => {
      seen.push([start, end]);
      return start !== 3;
    });
    expect(seen).toEqual([
      [0, 2],
      [3, 5],
      [6, 8],
    ]);
    expect(result).toEqual({ hits: [[0, 2], [6, 8]], truncated: false });
    expect(findInText('ab ab ab', 'ab', undefined, 2)).toEqual({ hits: [[0, 2], [3, 5]], truncated: true });
    expect(findInText('ab ab', 'ab', undefined, 2)).toEqual({ hits: [[0, 2], [3, 5]], truncated: false });
    expect(findInText('x'.repeat(MAX_FIND_HITS + 1), 'x').truncated).toBe(true);
  });
});
