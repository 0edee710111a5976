import { describe, expect, it } from 'vitest';
import { buildPdfSourceText, type PdfPageText, type PdfTextItem } from '../../../shared/text/pdf-text.ts';
import { pageItemRanges } from '../../../renderer/src/pdf/page-item-ranges.ts';

function item(str: string, hasEOL = false): PdfTextItem {
  return { str, hasEOL, transform: [10, 0, 0, 10, 0, 0], width: str.length * 5, height: 10 };
}

const pages: PdfPageText[] = [
  { index: 0, label: null, items: [item('  '), item('Hello '), item('world', true), item('second \u00AD', true), item('line')] },
  { index: 1, label: null, items: [] },
  { index: 2, label: null, items: [item('The \uFB01rst exam-', true), item('ple is here  ')] },
  { index: 3, label: null, items: [item(' ', true), item('Last rep-', true)] },
  { index: 4, label: null, items: [item('resentations. A '), item('Capital-')] },
  { index: 5, label: null, items: [item('Word ends -')] },
  { index: 6, label: null, items: [item('-', true)] },
  { index: 7, label: null, items: [item('lower')] },
];
const layout = buildPdfSourceText('0'.repeat(64), pages);

describe('pageItemRanges', () => {
  it('covers words hyphenated across a page break', () => {
    expect(layout.sourceText.text).toContain('Last representations. A Capital-Word ends -\n-\nlower');
  });

  it('rebuilds, page by page, exactly the ranges the whole-document extraction gave', () => {
    pages.forEach((p, i) => {
      expect(pageItemRanges(layout.sourceText, i, p.items)).toEqual(layout.itemRanges[i]);
    });
  });

  it('gives all nulls when the page text is not the stored text', () => {
    const other = [item('Hello '), item('there', true)];
    expect(pageItemRanges(layout.sourceText, 0, other)).toEqual([null, null]);
    expect(pageItemRanges(layout.sourceText, 9, pages[0]!.items)).toEqual(pages[0]!.items.map(() => null));
  });
});
