import { afterEach, describe, expect, it } from 'vitest';
import { buildPdfSourceText, type PdfPageText, type PdfTextItem } from '../../../shared/text/pdf-text.ts';
import {
  boundaryToOffset,
  domRangeToTextRange,
  itemSliceFor,
  selectionToTextRange,
  textOffsetToItemOffset,
  type SelectionModel,
} from '../../../renderer/src/pdf/selection.ts';

function item(str: string, hasEOL = false): PdfTextItem {
  return { str, hasEOL, transform: [10, 0, 0, 10, 0, 0], width: str.length * 5, height: 10 };
}

// Three pages: a two-line page, a page with a ligature and a hyphenated line end, a last page.
const pages: PdfPageText[] = [
  { index: 0, label: 'i', items: [item('Hello '), item('world', true), item('second line')] },
  { index: 1, label: 'ii', items: [item('The \uFB01rst exam-', true), item('ple is here')] },
  { index: 2, label: '1', items: [item('Last '), item(''), item('page.')] },
];
const layout = buildPdfSourceText('0'.repeat(64), pages);
const text = layout.sourceText.text;
const model: SelectionModel = {
  itemRanges: layout.itemRanges,
  pageRanges: layout.sourceText.units.map((u) => u.range),
};

/** Builds the viewer's DOM the way PdfViewer does: a page per PdfPageText, one span per item, a <br> after each EOL. */
function buildDom(rendered: readonly number[] = [0, 1, 2]): HTMLElement {
  const root = document.createElement('div');
  for (const page of pages) {
    const pageEl = document.createElement('div');
    pageEl.setAttribute('data-page-index', String(page.index));
    const layer = document.createElement('div');
    layer.className = 'textLayer';
    pageEl.append(layer);
    if (rendered.includes(page.index)) {
      pageEl.setAttribute('data-text-layer', 'ready');
      page.items.forEach((it, i) => {
        if (it.str !== '') {
          const span = document.createElement('span');
          span.setAttribute('data-item', String(i));
          span.textContent = it.str;
          layer.append(span);
        }
        if (it.hasEOL) layer.append(document.createElement('br'));
      });
    }
    root.append(pageEl);
  }
  document.body.append(root);
  return root;
}

function span(root: HTMLElement, page: number, itemIndex: number): Text {
  const el = root.querySelector(`[data-page-index="${page}"] [data-item="${itemIndex}"]`);
  if (!el?.firstChild) throw new Error(`no span ${page}/${itemIndex}`);
  return el.firstChild as Text;
}

function rangeOf(a: Node, ao: number, b: Node, bo: number) {
  return { startContainer: a, startOffset: ao, endContainer: b, endOffset: bo };
}

afterEach(() => {
  document.body.replaceChildren();
  window.getSelection()?.removeAllRanges();
});

describe('the source text the tests rely on', () => {
  it('is what the text model builds', () => {
    expect(text).toBe('Hello world\nsecond line\nThe first example is here\nLast page.');
  });
});

describe('domRangeToTextRange', () => {
  it('maps a selection inside one span', () => {
    const root = buildDom();
    const r = domRangeToTextRange(root, rangeOf(span(root, 0, 0), 1, span(root, 0, 0), 4), model);
    expect(r).not.toBeNull();
    expect(text.slice(r!.start, r!.end)).toBe('ell');
  });

  it('maps a selection across spans and a line break', () => {
    const root = buildDom();
    const r = domRangeToTextRange(root, rangeOf(span(root, 0, 1), 2, span(root, 0, 2), 6), model);
    expect(text.slice(r!.start, r!.end)).toBe('rld\nsecond');
  });

  it('maps a selection across a page boundary', () => {
    const root = buildDom();
    const r = domRangeToTextRange(root, rangeOf(span(root, 0, 2), 7, span(root, 1, 0), 3), model);
    expect(text.slice(r!.start, r!.end)).toBe('line\nThe');
  });

  it('maps offsets after a ligature to the letters the text model wrote', () => {
    const root = buildDom();
    // "The ﬁrst": offset 5 in the raw string is after the ligature, which is two letters in the text.
    const r = domRangeToTextRange(root, rangeOf(span(root, 1, 0), 4, span(root, 1, 0), 5), model);
    expect(text.slice(r!.start, r!.end)).toBe('fi');
    const after = domRangeToTextRange(root, rangeOf(span(root, 1, 0), 5, span(root, 1, 0), 8), model);
    expect(text.slice(after!.start, after!.end)).toBe('rst');
  });

  it('maps a selection over a hyphenated line end to the joined word', () => {
    const root = buildDom();
    const s = span(root, 1, 0);
    const r = domRangeToTextRange(root, rangeOf(s, 9, span(root, 1, 1), 3), model);
    expect(text.slice(r!.start, r!.end)).toBe('example');
  });

  it('rounds a boundary between spans forward at the start and backward at the end', () => {
    const root = buildDom();
    const layer0 = root.querySelector('[data-page-index="0"] .textLayer')!;
    // Start just before the second span (child 1), end just after it (child 2).
    const r = domRangeToTextRange(root, rangeOf(layer0, 1, layer0, 2), model);
    expect(text.slice(r!.start, r!.end)).toBe('world');
  });

  it('treats a boundary on a page element (outside its text layer) like one between spans', () => {
    const root = buildDom();
    const page1 = root.querySelector('[data-page-index="1"]')!;
    const r = domRangeToTextRange(root, rangeOf(page1, 0, span(root, 1, 0), 3), model);
    expect(text.slice(r!.start, r!.end)).toBe('The');
  });

  it('covers a whole unrendered page in the middle of a selection', () => {
    const root = buildDom([0, 2]);
    const r = domRangeToTextRange(root, rangeOf(span(root, 0, 2), 7, span(root, 2, 0), 4), model);
    expect(text.slice(r!.start, r!.end)).toBe('line\nThe first example is here\nLast');
  });

  it('maps a boundary inside an unrendered page to that page\'s edge', () => {
    const root = buildDom([0, 2]);
    const page1 = root.querySelector('[data-page-index="1"]')!;
    const start = boundaryToOffset(root, page1, 0, model, 'start');
    const end = boundaryToOffset(root, page1, 0, model, 'end');
    expect(start).toBe(model.pageRanges[1]![0]);
    expect(end).toBe(model.pageRanges[1]![1]);
  });

  it('skips items that contributed nothing', () => {
    const root = buildDom();
    const r = domRangeToTextRange(root, rangeOf(span(root, 2, 0), 0, span(root, 2, 2), 5), model);
    expect(text.slice(r!.start, r!.end)).toBe('Last page.');
  });

  it('returns null for a collapsed range and for a range that covers no text', () => {
    const root = buildDom();
    const s = span(root, 0, 0);
    expect(domRangeToTextRange(root, rangeOf(s, 2, s, 2), model)).toBeNull();
    const layer0 = root.querySelector('[data-page-index="0"] .textLayer')!;
    expect(domRangeToTextRange(root, rangeOf(layer0, 1, layer0, 1), model)).toBeNull();
  });

  it('returns null for a range wholly outside the viewer, and clamps one that starts outside', () => {
    const root = buildDom();
    const outside = document.createElement('p');
    outside.textContent = 'sidebar text';
    document.body.prepend(outside);
    const t = outside.firstChild!;
    expect(domRangeToTextRange(root, rangeOf(t, 0, t, 4), model)).toBeNull();
    const r = domRangeToTextRange(root, rangeOf(t, 0, span(root, 0, 0), 5), model);
    expect(text.slice(r!.start, r!.end)).toBe('Hello');
  });

  it('reads the window selection', () => {
    const root = buildDom();
    const range = document.createRange();
    range.setStart(span(root, 0, 1), 0);
    range.setEnd(span(root, 1, 0), 3);
    window.getSelection()!.addRange(range);
    const r = selectionToTextRange(root, window.getSelection(), model);
    expect(text.slice(r!.start, r!.end)).toBe('world\nsecond line\nThe');
    window.getSelection()!.removeAllRanges();
    expect(selectionToTextRange(root, window.getSelection(), model)).toBeNull();
  });
});

describe('itemSliceFor and textOffsetToItemOffset', () => {
  const ligRange = layout.itemRanges[1]![0]!;
  const ligStr = 'The \uFB01rst exam-';

  it('inverts the item-to-text mapping around a ligature', () => {
    const fi = text.indexOf('first');
    expect(textOffsetToItemOffset(ligRange, ligStr, fi)).toBe(4);
    expect(textOffsetToItemOffset(ligRange, ligStr, fi + 2)).toBe(5);
    // Inside the ligature's two letters: rounds to the character after it.
    expect(textOffsetToItemOffset(ligRange, ligStr, fi + 1)).toBe(5);
  });

  it('gives the slice of the raw string that shows a text range', () => {
    const fi = text.indexOf('first');
    expect(itemSliceFor(ligRange, ligStr, fi, fi + 5)).toEqual([4, 8]);
    // The word "example" starts in this item and ends in the next: the slice runs to the end of the string.
    const ex = text.indexOf('example');
    expect(itemSliceFor(ligRange, ligStr, ex, ex + 7)).toEqual([9, ligStr.length]);
    const next = layout.itemRanges[1]![1]!;
    expect(itemSliceFor(next, 'ple is here', ex, ex + 7)).toEqual([0, 3]);
  });

  it('returns null when the ranges do not overlap', () => {
    expect(itemSliceFor(ligRange, ligStr, 0, 3)).toBeNull();
  });
});
