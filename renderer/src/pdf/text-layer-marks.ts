// Highlights drawn inside the text layer: each span's text is cut into runs and the runs covered by a
// passage or a find hit are wrapped in <mark>, as Hypothesis does in HTML. The marks follow the text
// exactly (the span's scaleX applies to them), keep text selectable through them, take clicks, and their
// client rects are the passage's rects. Span text is never changed, only split across text nodes, so the
// selection mapping (selection.ts) reads the same characters.
import type { CharRange } from '../../../shared/types/text.ts';
import { ITEM_ATTR, itemSliceFor } from './selection.ts';

/** What a mark shows: a stored passage, a find hit, or the current find hit. */
export type MarkKind = 'passage' | 'hit' | 'current-hit';

/** A highlight to draw: a source-text range with what it is. */
export interface TextMark {
  /** Passage id, or `hit:N` for find hits. */
  id: string;
  /** What the mark shows. */
  kind: MarkKind;
  /** Source-text start, inclusive. */
  start: number;
  /** Source-text end, exclusive. */
  end: number;
  /** True for the selected passage (drawn emphasised). */
  selected?: boolean;
  /** Accessible name of the mark that stands for the passage (the first of its marks). */
  label?: string;
}

/** Attribute carrying the passage id on passage marks. */
export const PASSAGE_ID_ATTR = 'data-passage-id';
/** Attribute carrying the hit index on find-hit marks. */
export const HIT_ATTR = 'data-hit';

const MARK_CLASS = 'pd-mark';
// Draw order when marks overlap: the current hit over hits over passages.
const PRIORITY: Record<MarkKind, number> = { passage: 0, hit: 1, 'current-hit': 2 };

/** Removes every mark under `container`, restoring each span's single text node; never throws. */
export function clearMarks(container: Element): void {
  for (const span of container.querySelectorAll(`[${ITEM_ATTR}]`)) {
    if (span.querySelector(`mark.${MARK_CLASS}`)) span.textContent = span.textContent ?? '';
  }
}

/** Redraws `marks` on a page's text layer spans (`ranges[i]` is item i's source range); returns the mark elements drawn, first per id first. Never throws. */
export function applyMarks(pageEl: Element, ranges: readonly (CharRange | null)[], marks: readonly TextMark[]): HTMLElement[] {
  clearMarks(pageEl);
  const drawn: HTMLElement[] = [];
  if (marks.length === 0) return drawn;
  const doc = pageEl.ownerDocument;
  const firstOf = new Set<string>();
  for (const span of pageEl.querySelectorAll(`[${ITEM_ATTR}]`)) {
    const range = ranges[Number(span.getAttribute(ITEM_ATTR))];
    if (!range) continue;
    const str = span.textContent ?? '';
    // Each mark's slice of this span's raw string.
    const slices: { mark: TextMark; from: number; to: number }[] = [];
    for (const mark of marks) {
      const slice = itemSliceFor(range, str, mark.start, mark.end);
      if (slice) slices.push({ mark, from: slice[0], to: slice[1] });
    }
    if (slices.length === 0) continue;
    // Cut the string at every slice edge; each run takes the highest-priority mark covering it.
    const cuts = [...new Set([0, str.length, ...slices.flatMap((s) => [s.from, s.to])])].sort((a, b) => a - b);
    const parts: Node[] = [];
    for (let c = 0; c + 1 < cuts.length; c++) {
      const from = cuts[c] ?? 0;
      const to = cuts[c + 1] ?? 0;
      const text = str.slice(from, to);
      const covering = slices.filter((s) => s.from <= from && s.to >= to).map((s) => s.mark);
      const top = covering.sort((a, b) => PRIORITY[b.kind] - PRIORITY[a.kind] || b.start - a.start)[0];
      if (!top) {
        parts.push(doc.createTextNode(text));
        continue;
      }
      const el = doc.createElement('mark');
      el.className = `${MARK_CLASS} pd-mark-${top.kind}${top.selected ? ' pd-mark-selected' : ''}`;
      if (covering.some((m) => m.kind === 'passage')) el.classList.add('pd-mark-has-passage');
      const passage = top.kind === 'passage' ? top : covering.find((m) => m.kind === 'passage');
      if (passage) {
        el.setAttribute(PASSAGE_ID_ATTR, passage.id);
        if (!firstOf.has(passage.id)) {
          firstOf.add(passage.id);
          el.setAttribute('role', 'button');
          el.tabIndex = 0;
          el.setAttribute('aria-label', passage.label ?? 'Passage');
        }
      }
      const hit = top.kind === 'passage' ? undefined : top;
      if (hit) el.setAttribute(HIT_ATTR, hit.id.replace(/^hit:/u, ''));
      el.textContent = text;
      parts.push(el);
      drawn.push(el);
    }
    span.replaceChildren(...parts);
  }
  return drawn;
}

/** The DOM point (text node, offset) at character `k` of an element's text; null when it has no text. */
export function pointAtTextOffset(el: Element, k: number): { node: Text; offset: number } | null {
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let remaining = k;
  let last: Text | null = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    if (remaining <= t.length) return { node: t, offset: remaining };
    remaining -= t.length;
    last = t;
  }
  return last ? { node: last, offset: last.length } : null;
}

/** A rectangle in CSS pixels relative to a page element's top-left corner. */
export interface PageBox {
  /** Left edge. */
  left: number;
  /** Top edge. */
  top: number;
  /** Width. */
  width: number;
  /** Height. */
  height: number;
}

/** Tolerance, in CSS pixels, within which two boxes count as one line and touching. */
const MERGE_TOLERANCE_PX = 2;

/** Merges boxes that sit on the same line and touch or overlap, left to right; never throws. */
export function mergeBoxes(boxes: readonly PageBox[]): PageBox[] {
  const sorted = [...boxes].filter((b) => b.width > 0 && b.height > 0).sort((a, b) => a.top - b.top || a.left - b.left);
  const out: PageBox[] = [];
  for (const b of sorted) {
    const prev = out[out.length - 1];
    if (
      prev &&
      Math.abs(prev.top - b.top) <= MERGE_TOLERANCE_PX &&
      Math.abs(prev.height - b.height) <= MERGE_TOLERANCE_PX &&
      b.left <= prev.left + prev.width + MERGE_TOLERANCE_PX
    ) {
      const right = Math.max(prev.left + prev.width, b.left + b.width);
      const bottom = Math.max(prev.top + prev.height, b.top + b.height);
      prev.top = Math.min(prev.top, b.top);
      prev.left = Math.min(prev.left, b.left);
      prev.width = right - prev.left;
      prev.height = bottom - prev.top;
    } else out.push({ ...b });
  }
  return out;
}

/** Boxes (page-relative CSS px) covering source-text `[start, end)` on a rendered page's text layer; [] when none of it is there. */
export function boxesForRange(pageEl: Element, ranges: readonly (CharRange | null)[], start: number, end: number): PageBox[] {
  const pageRect = pageEl.getBoundingClientRect();
  const doc = pageEl.ownerDocument;
  const boxes: PageBox[] = [];
  for (const span of pageEl.querySelectorAll(`[${ITEM_ATTR}]`)) {
    const range = ranges[Number(span.getAttribute(ITEM_ATTR))];
    if (!range) continue;
    const slice = itemSliceFor(range, span.textContent ?? '', start, end);
    if (!slice) continue;
    const a = pointAtTextOffset(span, slice[0]);
    const b = pointAtTextOffset(span, slice[1]);
    if (!a || !b) continue;
    const r = doc.createRange();
    r.setStart(a.node, a.offset);
    r.setEnd(b.node, b.offset);
    for (const rect of r.getClientRects()) {
      boxes.push({ left: rect.left - pageRect.left, top: rect.top - pageRect.top, width: rect.width, height: rect.height });
    }
  }
  return mergeBoxes(boxes);
}
