// Maps between the DOM of the viewer (pages, text-layer spans) and offsets in the source text. The DOM
// conventions, set by PdfViewer and relied on here and by the e2e tests:
//   - each page is an element with `data-page-index="N"` (zero-based);
//   - a page whose text layer is rendered has `data-text-layer="ready"`, and each text-layer span carries
//     `data-item="i"`: the index of the pdf.js text item it shows (TextLayer keeps one span per item, in
//     order), whose text is exactly the item's `str`;
//   - a page without a rendered text layer stands for its whole page unit.
// Offsets inside a span go through the text model's own normaliser (itemOffsetToTextOffset), so a
// selection inside a ligature or next to a soft hyphen lands where the text model put those characters.
import { itemOffsetToTextOffset, normalizePdfString } from '../../../shared/text/pdf-text.ts';
import type { CharRange } from '../../../shared/types/text.ts';

/** Attribute naming a page element's zero-based index. */
export const PAGE_INDEX_ATTR = 'data-page-index';
/** Attribute set to `ready` on a page element whose text layer spans are in the DOM. */
export const TEXT_LAYER_ATTR = 'data-text-layer';
/** Attribute naming a text-layer span's item index on its page. */
export const ITEM_ATTR = 'data-item';

/** What the mapping needs to know about a source text. */
export interface SelectionModel {
  /** Per page, per item: the item's `[start, end)` in the source text, or null (from buildPdfSourceText). */
  itemRanges: readonly (readonly (CharRange | null)[])[];
  /** Per page: the page unit's `[start, end)` in the source text. */
  pageRanges: readonly CharRange[];
}

/** A boundary-point pair, as in a DOM Range or StaticRange. */
export interface BoundaryRange {
  /** Node of the first boundary point. */
  startContainer: Node;
  /** Offset of the first boundary point. */
  startOffset: number;
  /** Node of the second boundary point. */
  endContainer: Node;
  /** Offset of the second boundary point. */
  endOffset: number;
}

/** Which side of a selection a boundary point is: the start rounds forward, the end backward. */
export type Bias = 'start' | 'end';

/** A text-layer span or an unrendered page that stands for a range of the source text. */
interface Segment {
  element: Element;
  range: CharRange;
}

function elementOf(node: Node): Element | null {
  return node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
}

function pageIndexOf(el: Element): number | null {
  const v = el.getAttribute(PAGE_INDEX_ATTR);
  if (v === null || !/^\d+$/.test(v)) return null;
  return Number(v);
}

/** The source-text range of a text-layer span, or null when it is not one or its item contributed nothing. */
function spanRange(span: Element, model: SelectionModel): CharRange | null {
  const item = span.getAttribute(ITEM_ATTR);
  const page = span.closest(`[${PAGE_INDEX_ATTR}]`);
  if (item === null || page === null || !/^\d+$/.test(item)) return null;
  const p = pageIndexOf(page);
  if (p === null) return null;
  return model.itemRanges[p]?.[Number(item)] ?? null;
}

/** Characters of `container`'s text that come before the boundary point (node, offset) inside it. */
function textOffsetWithin(container: Element, node: Node, offset: number): number {
  const doc = container.ownerDocument;
  const before = doc.createRange();
  before.setStart(container, 0);
  before.setEnd(node, offset);
  return before.toString().length;
}

/** Text-layer spans of ready pages and whole unrendered pages under `root`, in document order. */
function segmentsOf(root: Element, model: SelectionModel): Segment[] {
  const segments: Segment[] = [];
  for (const page of root.querySelectorAll(`[${PAGE_INDEX_ATTR}]`)) {
    const p = pageIndexOf(page);
    if (p === null) continue;
    if (page.getAttribute(TEXT_LAYER_ATTR) === 'ready') {
      for (const span of page.querySelectorAll(`[${ITEM_ATTR}]`)) {
        const range = spanRange(span, model);
        if (range) segments.push({ element: span, range });
      }
    } else {
      const range = model.pageRanges[p];
      if (range && range[1] > range[0]) segments.push({ element: page, range });
    }
  }
  return segments;
}

/** -1 when (node, offset) is before the element's start, 1 when after its end, 0 inside. */
function comparePointToElement(node: Node, offset: number, el: Element): number {
  const r = el.ownerDocument.createRange();
  r.selectNodeContents(el);
  return r.comparePoint(node, offset);
}

/** The source-text offset of a DOM boundary point inside the viewer `root`, rounded forward (start) or backward (end) when it falls between spans; null when there is no text on that side. */
export function boundaryToOffset(root: Element, node: Node, offset: number, model: SelectionModel, bias: Bias): number | null {
  const el = elementOf(node);
  const span = el?.closest(`[${ITEM_ATTR}]`) ?? null;
  if (span && root.contains(span)) {
    const range = spanRange(span, model);
    if (range) {
      const k = textOffsetWithin(span, node, offset);
      return itemOffsetToTextOffset(range, span.textContent ?? '', k);
    }
  }
  const segments = segmentsOf(root, model);
  // A point inside an unrendered page (or on a page's own padding) stands for that page's edge.
  const page = el?.closest(`[${PAGE_INDEX_ATTR}]`) ?? null;
  if (page && root.contains(page) && page.getAttribute(TEXT_LAYER_ATTR) !== 'ready') {
    const p = pageIndexOf(page);
    const range = p === null ? undefined : model.pageRanges[p];
    if (range && range[1] > range[0]) return bias === 'start' ? range[0] : range[1];
  }
  // Binary search: the first segment that ends after the point (segments are in document order).
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const seg = segments[mid];
    if (seg && comparePointToElement(node, offset, seg.element) > 0) lo = mid + 1;
    else hi = mid;
  }
  if (bias === 'start') {
    const next = segments[lo];
    return next ? next.range[0] : null;
  }
  const prev = segments[lo - 1];
  return prev ? prev.range[1] : null;
}

/** The source-text range `[start, end)` a DOM range covers inside the viewer `root`; null when it covers no text or lies wholly outside `root`. */
export function domRangeToTextRange(root: Element, range: BoundaryRange, model: SelectionModel): { start: number; end: number } | null {
  const inside = (n: Node): boolean => root.contains(n);
  if (!inside(range.startContainer) && !inside(range.endContainer)) {
    // Both ends outside: only a selection that encloses the whole viewer covers text.
    const all = root.ownerDocument.createRange();
    all.setStart(range.startContainer, range.startOffset);
    all.setEnd(range.endContainer, range.endOffset);
    if (!all.intersectsNode(root)) return null;
  }
  const start = boundaryToOffset(root, range.startContainer, range.startOffset, model, 'start');
  const end = boundaryToOffset(root, range.endContainer, range.endOffset, model, 'end');
  if (start === null || end === null || start >= end) return null;
  return { start, end };
}

/** The source-text range of the window's current selection inside `root`, or null when there is none there. */
export function selectionToTextRange(root: Element, selection: Selection | null, model: SelectionModel): { start: number; end: number } | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const first = selection.getRangeAt(0);
  const last = selection.getRangeAt(selection.rangeCount - 1);
  return domRangeToTextRange(
    root,
    { startContainer: first.startContainer, startOffset: first.startOffset, endContainer: last.endContainer, endOffset: last.endOffset },
    model,
  );
}

/** The offset in an item's raw `str` where source-text offset `textOffset` falls (the inverse of itemOffsetToTextOffset); clamps to `[0, str.length]`, never throws. */
export function textOffsetToItemOffset(range: CharRange, str: string, textOffset: number): number {
  const { offsets } = normalizePdfString(str);
  const local = textOffset - range[0];
  if (local <= 0) return 0;
  for (let k = 0; k <= str.length; k++) {
    if ((offsets[k] ?? Number.POSITIVE_INFINITY) >= local) return k;
  }
  return str.length;
}

/** The `[from, to)` slice of an item's raw `str` that shows source-text `[start, end)`, or null when they do not overlap; never throws. */
export function itemSliceFor(range: CharRange, str: string, start: number, end: number): [number, number] | null {
  const s = Math.max(start, range[0]);
  const e = Math.min(end, range[1]);
  if (s >= e) return null;
  const from = textOffsetToItemOffset(range, str, s);
  const to = e >= range[1] ? str.length : textOffsetToItemOffset(range, str, e);
  return to > from ? [from, to] : null;
}
