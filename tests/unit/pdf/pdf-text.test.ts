import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPdfSourceText, itemOffsetToTextOffset, normalizePdfString, type PdfPageText, type PdfTextItem } from '../../../shared/text/pdf-text.ts';

function item(str: string, hasEOL = false, dir = 'ltr'): PdfTextItem {
  return { str, hasEOL, transform: [10, 0, 0, 10, 0, 0], width: str.length * 5, height: 10, dir };
}
function page(index: number, items: PdfTextItem[], label: string | null = null): PdfPageText {
  return { index, label, items };
}
function textOf(...lines: PdfTextItem[][]): string {
  return buildPdfSourceText('0'.repeat(64), [page(0, lines.flat())]).sourceText.text;
}

describe('normalizePdfString', () => {
  it('expands ligatures and long s, drops soft hyphens and zero-width spaces, maps odd spaces', () => {
    expect(normalizePdfString('ﬁﬂﬀﬃﬄﬅﬆ').text).toBe('fiflffffifflstst');
    expect(normalizePdfString('exam\u00ADple\u200B').text).toBe('example');
    expect(normalizePdfString('a\u00A0b\u2009c\td').text).toBe('a b c d');
    expect(normalizePdfString('x\u0000y').text).toBe('xy');
  });
  it('maps every raw offset to the normalised text, monotonically, ending at its length', () => {
    const n = normalizePdfString('aﬃb\u00ADc');
    expect(n.text).toBe('affibc');
    expect(n.offsets).toEqual([0, 1, 4, 5, 5, 6]);
  });
});

describe('buildPdfSourceText', () => {
  it('joins lines with one newline and pages with one newline that belongs to the earlier page', () => {
    const layout = buildPdfSourceText('a'.repeat(64), [
      page(0, [item('Hello', false), item(' '), item('world', true), item('', true), item('Second line')], 'i'),
      page(1, []),
      page(2, [item('Third page')]),
    ]);
    const st = layout.sourceText;
    expect(st.text).toBe('Hello world\nSecond line\nThird page');
    expect(st.units).toEqual([
      { kind: 'page', index: 0, label: 'i', range: [0, 24] },
      { kind: 'page', index: 1, label: '2', range: [24, 24], noText: true },
      { kind: 'page', index: 2, label: '3', range: [24, 34] },
    ]);
    expect(layout.itemRanges[0]).toEqual([[0, 5], [5, 6], [6, 11], null, [12, 23]]);
    expect(layout.itemRanges[1]).toEqual([]);
  });

  it('removes end-of-line hyphenation before a lowercase continuation', () => {
    expect(textOf([item('an exam-', true)], [item('ple of it')])).toBe('an example of it');
  });
  it('keeps a hyphen before a capital or digit and joins the lines', () => {
    expect(textOf([item('Just-in-', true)], [item('Time compilers')])).toBe('Just-in-Time compilers');
    expect(textOf([item('COVID-', true)], [item('19 cases')])).toBe('COVID-19 cases');
  });
  it('keeps hyphen and line break when the line does not end in letter-hyphen', () => {
    expect(textOf([item('range 10 -', true)], [item('more')])).toBe('range 10 -\nmore');
    expect(textOf([item('list:', true)], [item('- item')])).toBe('list:\n- item');
  });
  it('applies the hyphen rules across a page break, empty pages in between included', () => {
    const layout = buildPdfSourceText('d'.repeat(64), [page(0, [item('objects’ rep-')]), page(1, []), page(2, [item('resentation is')])]);
    expect(layout.sourceText.text).toBe('objects’ representation is');
    expect(layout.sourceText.units.map((u) => u.range)).toEqual([[0, 12], [12, 12], [12, 26]]);
    expect(layout.itemRanges[0]).toEqual([[0, 12]]);
  });
  it('joins a line ending in a soft hyphen directly', () => {
    expect(textOf([item('exam\u00AD', true)], [item('ple')])).toBe('example');
  });
  it('reverses the items of right-to-left lines into logical order', () => {
    expect(textOf([item('العربية', false, 'rtl'), item(' '), item('انواع', true, 'rtl')], [item('next line')])).toBe('انواع العربية\nnext line');
  });
  it('item ranges hold each item’s normalised text (or its hyphen-less head)', () => {
    const layout = buildPdfSourceText('b'.repeat(64), [page(0, [item('the ﬁrst', false), item(' exam-', true), item('ple')])]);
    const t = layout.sourceText.text;
    expect(t).toBe('the first example');
    const [r0, r1, r2] = layout.itemRanges[0]!;
    expect(t.slice(r0![0], r0![1])).toBe('the first');
    expect(t.slice(r1![0], r1![1])).toBe(' exam');
    expect(t.slice(r2![0], r2![1])).toBe('ple');
    expect(itemOffsetToTextOffset(r0!, 'the ﬁrst', 5)).toBe(r0![0] + 6); // after the ligature
    expect(itemOffsetToTextOffset(r1!, ' exam-', 6)).toBe(r1![1]); // the dropped hyphen clamps to the end
  });

  it('property: deterministic, units contiguous and covering the text, ranges inside their page', () => {
    const arbItem = fc.record({
      str: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('-', 'ﬁ', ' ', 'a-', '\u00AD', 'Word', 'ابت')),
      hasEOL: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(fc.array(arbItem, { maxLength: 12 }), { maxLength: 5 }), (pagesSpec) => {
        const pages = pagesSpec.map((items, i) => page(i, items.map((x) => item(x.str, x.hasEOL))));
        const a = buildPdfSourceText('c'.repeat(64), pages);
        expect(buildPdfSourceText('c'.repeat(64), structuredClone(pages))).toEqual(a);
        let at = 0;
        a.sourceText.units.forEach((u, p) => {
          expect(u.range[0]).toBe(at);
          at = u.range[1];
          for (const r of a.itemRanges[p]!) {
            if (r === null) continue;
            expect(r[0]).toBeGreaterThanOrEqual(u.range[0]);
            expect(r[1]).toBeLessThanOrEqual(u.range[1]);
          }
        });
        expect(at).toBe(a.sourceText.text.length);
      }),
      { numRuns: 300 },
    );
  });
});
