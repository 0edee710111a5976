// Page rects of a source-text range, in PDF user space, for storage in Passage.rects (so a packet or
// another viewer can paint a passage without re-running the text layer).
import type { Passage } from '../../../shared/types/domain.ts';
import type { RenderedPage } from './PdfPage.tsx';
import { PAGE_INDEX_ATTR } from './selection.ts';
import { boxesForRange, type PageBox } from './text-layer-marks.ts';

/** One stored rect: page index and a rectangle in PDF user-space units (x, y = lower-left corner, y up). */
export type PassageRect = Passage['rects'][number];

/** Digits kept in stored coordinates (hundredths of a point). */
const RECT_PRECISION = 100;

function round(n: number): number {
  return Math.round(n * RECT_PRECISION) / RECT_PRECISION;
}

/** Converts a page-relative CSS-pixel box to PDF user space with the page's viewport; never throws. */
export function boxToPdfRect(page: number, box: PageBox, viewport: RenderedPage['viewport']): PassageRect {
  const [x1, y1] = viewport.convertToPdfPoint(box.left, box.top) as [number, number];
  const [x2, y2] = viewport.convertToPdfPoint(box.left + box.width, box.top + box.height) as [number, number];
  return {
    page,
    x: round(Math.min(x1, x2)),
    y: round(Math.min(y1, y2)),
    width: round(Math.abs(x2 - x1)),
    height: round(Math.abs(y2 - y1)),
  };
}

/** PDF user-space rects covering source-text `[start, end)` on the rendered pages under `root` (pages not rendered contribute none); [] when none is rendered. */
export function computeRects(root: Element, pages: ReadonlyMap<number, RenderedPage>, start: number, end: number): PassageRect[] {
  const rects: PassageRect[] = [];
  for (const pageEl of root.querySelectorAll(`[${PAGE_INDEX_ATTR}]`)) {
    const index = Number(pageEl.getAttribute(PAGE_INDEX_ATTR));
    const rendered = pages.get(index);
    if (!rendered) continue;
    for (const box of boxesForRange(pageEl, rendered.ranges, start, end)) rects.push(boxToPdfRect(index, box, rendered.viewport));
  }
  return rects;
}
