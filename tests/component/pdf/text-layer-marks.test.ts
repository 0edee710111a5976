import { afterEach, describe, expect, it } from 'vitest';
import { buildPdfSourceText, type PdfTextItem } from '../../../shared/text/pdf-text.ts';
import { domRangeToTextRange } from '../../../renderer/src/pdf/selection.ts';
import { applyMarks, clearMarks, mergeBoxes, pointAtTextOffset, type TextMark } from '../../../renderer/src/pdf/text-layer-marks.ts';

function item(str: string, hasEOL = false): PdfTextItem {
  return { str, hasEOL, transform: [10, 0, 0, 10, 0, 0], width: str.length * 5, height: 10 };
}

const items = [item('The \uFB01rst line', true), item('second line')];
const layout = buildPdfSourceText('0'.repeat(64), [{ index: 0, label: null, items }]);
const text = layout.sourceText.text; // "The first line\nsecond line"
const ranges = layout.itemRanges[0]!;

function buildPage(): HTMLElement {
  const page = document.createElement('div');
  page.setAttribute('data-page-index', '0');
  page.setAttribute('data-text-layer', 'ready');
  const layer = document.createElement('div');
  layer.className = 'textLayer';
  items.forEach((it, i) => {
    const span = document.createElement('span');
    span.setAttribute('data-item', String(i));
    span.textContent = it.str;
    layer.append(span);
  });
  page.append(layer);
  document.body.append(page);
  return page;
}

function markAt(word: string, id: string, kind: TextMark['kind'] = 'passage'): TextMark {
  const start = text.indexOf(word);
  return { id, kind, start, end: start + word.length, label: `Passage: ${word}` };
}

afterEach(() => document.body.replaceChildren());

describe('applyMarks', () => {
  it('wraps exactly the passage\'s characters, ligature included, without changing the span text', () => {
    const page = buildPage();
    applyMarks(page, ranges, [markAt('first line\nsecond', 'p1')]);
    const marks = [...page.querySelectorAll('mark')];
    expect(marks.map((m) => m.textContent)).toEqual(['\uFB01rst line', 'second']);
    expect(marks.every((m) => m.getAttribute('data-passage-id') === 'p1')).toBe(true);
    expect([...page.querySelectorAll('[data-item]')].map((s) => s.textContent)).toEqual(items.map((i) => i.str));
  });

  it('makes only the first mark of a passage a named, focusable button', () => {
    const page = buildPage();
    applyMarks(page, ranges, [markAt('first line\nsecond', 'p1')]);
    const buttons = page.querySelectorAll('mark[role="button"]');
    expect(buttons).toHaveLength(1);
    expect(buttons[0]).toHaveAttribute('aria-label', 'Passage: first line\nsecond');
    expect((buttons[0] as HTMLElement).tabIndex).toBe(0);
  });

  it('draws the current hit over hits over passages where they overlap, keeping the passage id', () => {
    const page = buildPage();
    applyMarks(page, ranges, [markAt('first line', 'p1'), { ...markAt('line', 'hit:0', 'current-hit') }]);
    const marks = [...page.querySelectorAll('[data-item="0"] mark')];
    expect(marks.map((m) => [m.textContent, m.className.includes('current-hit'), m.getAttribute('data-passage-id'), m.getAttribute('data-hit')])).toEqual([
      ['\uFB01rst ', false, 'p1', null],
      ['line', true, 'p1', '0'],
    ]);
  });

  it('keeps the selection mapping exact across marked text, and clears back to plain spans', () => {
    const page = buildPage();
    applyMarks(page, ranges, [markAt('first', 'p1')]);
    const span0 = page.querySelector('[data-item="0"]')!;
    const a = pointAtTextOffset(span0, 5)!; // after the ligature: inside the mark
    const b = pointAtTextOffset(span0, 13)!;
    const model = { itemRanges: layout.itemRanges, pageRanges: layout.sourceText.units.map((u) => u.range) };
    const r = domRangeToTextRange(document.body, { startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset }, model);
    expect(text.slice(r!.start, r!.end)).toBe('rst line');
    clearMarks(page);
    expect(page.querySelectorAll('mark')).toHaveLength(0);
    expect(span0.childNodes).toHaveLength(1);
    expect(span0.textContent).toBe(items[0]!.str);
  });

  it('draws nothing for marks elsewhere in the text', () => {
    const page = buildPage();
    expect(applyMarks(page, ranges, [{ id: 'x', kind: 'passage', start: text.length + 5, end: text.length + 9 }])).toEqual([]);
    expect(page.querySelectorAll('mark')).toHaveLength(0);
  });
});

describe('mergeBoxes', () => {
  it('joins boxes on one line that touch, keeps lines apart, drops empty boxes', () => {
    const merged = mergeBoxes([
      { left: 50, top: 10, width: 40, height: 12 },
      { left: 10, top: 10, width: 40, height: 12 },
      { left: 10, top: 30, width: 20, height: 12 },
      { left: 200, top: 10, width: 10, height: 12 },
      { left: 5, top: 5, width: 0, height: 12 },
    ]);
    expect(merged).toEqual([
      { left: 10, top: 10, width: 80, height: 12 },
      { left: 200, top: 10, width: 10, height: 12 },
      { left: 10, top: 30, width: 20, height: 12 },
    ]);
  });
});
