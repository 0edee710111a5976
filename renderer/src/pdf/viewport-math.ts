// Pure geometry of the continuous-scroll viewer: where each page sits, which pages get rendered, zoom
// steps and fits, and "go to page" input. No DOM, so it is unit-tested directly.

/** Vertical gap between pages, in CSS pixels. */
export const PAGE_GAP_PX = 12;
/** Pages rendered beyond the visible ones, on each side. */
export const OVERSCAN_PAGES = 2;
/** Most pages kept rendered at once (canvas + text layer); the rest are size-correct placeholders. */
export const MAX_RENDERED_PAGES = 10;
/** Smallest zoom factor (CSS pixels per PDF point). */
export const MIN_SCALE = 0.25;
/** Largest zoom factor. */
export const MAX_SCALE = 5;
/** The zoom percentages Ctrl +/- steps through and the toolbar offers. */
export const ZOOM_STEPS = [25, 33, 50, 67, 75, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300, 400, 500] as const;
/** Horizontal room kept around a page when fitting it, in CSS pixels. */
export const FIT_MARGIN_PX = 24;

/** How the viewer sizes pages: to the pane's width, to show a whole page, or a percentage. */
export type ZoomMode = { kind: 'fit-width' } | { kind: 'fit-page' } | { kind: 'percent'; percent: number };

/** Top offset of each page in the scroll content (the first at 0, then height + gap each); never throws. */
export function pageTops(pageHeights: readonly number[], gap: number = PAGE_GAP_PX): number[] {
  const tops: number[] = [];
  let y = 0;
  for (const h of pageHeights) {
    tops.push(y);
    y += h + gap;
  }
  return tops;
}

/** Total scroll height of the pages with gaps between them (none after the last); never throws. */
export function contentHeight(pageHeights: readonly number[], gap: number = PAGE_GAP_PX): number {
  if (pageHeights.length === 0) return 0;
  return pageHeights.reduce((a, h) => a + h, 0) + gap * (pageHeights.length - 1);
}

/** Index of the page at scroll offset `y` (a gap counts for the page above; clamps to the first and last page); -1 when there are no pages. */
export function pageAtOffset(y: number, pageHeights: readonly number[], gap: number = PAGE_GAP_PX): number {
  const tops = pageTops(pageHeights, gap);
  if (tops.length === 0) return -1;
  let lo = 0;
  let hi = tops.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((tops[mid] ?? 0) <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Pages to keep rendered: those intersecting `[scrollTop, scrollTop + viewportHeight)` plus `overscan` on each side, at most MAX_RENDERED_PAGES (centred on the visible ones), ascending; [] when there are no pages. */
export function pagesToRender(
  scrollTop: number,
  viewportHeight: number,
  pageHeights: readonly number[],
  overscan: number = OVERSCAN_PAGES,
  gap: number = PAGE_GAP_PX,
  maxPages: number = MAX_RENDERED_PAGES,
): number[] {
  const n = pageHeights.length;
  if (n === 0) return [];
  const first = pageAtOffset(Math.max(0, scrollTop), pageHeights, gap);
  const bottom = scrollTop + Math.max(0, viewportHeight);
  let last = first;
  const tops = pageTops(pageHeights, gap);
  while (last + 1 < n && (tops[last + 1] ?? Infinity) < bottom) last++;
  // Too many visible pages (a tiny zoom): keep the ones nearest the middle of the viewport.
  if (last - first + 1 > maxPages) {
    const middle = Math.floor((first + last) / 2);
    const from = Math.max(0, middle - Math.floor(maxPages / 2));
    return range(from, Math.min(n - 1, from + maxPages - 1));
  }
  let from = Math.max(0, first - overscan);
  let to = Math.min(n - 1, last + overscan);
  // Trim overscan symmetrically until the cap holds.
  while (to - from + 1 > maxPages) {
    if (first - from >= to - last && from < first) from++;
    else if (to > last) to--;
    else from++;
  }
  return range(from, to);
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

/** The zoom factor for `mode` given the pane size and the reference page's size at scale 1, clamped to [MIN_SCALE, MAX_SCALE]; never throws. */
export function scaleFor(mode: ZoomMode, paneWidth: number, paneHeight: number, pageWidth: number, pageHeight: number): number {
  let scale: number;
  if (mode.kind === 'percent') scale = mode.percent / 100;
  else {
    const byWidth = (paneWidth - FIT_MARGIN_PX) / Math.max(1, pageWidth);
    scale = mode.kind === 'fit-width' ? byWidth : Math.min(byWidth, (paneHeight - PAGE_GAP_PX) / Math.max(1, pageHeight));
  }
  if (!Number.isFinite(scale) || scale <= 0) scale = 1;
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** The next zoom percentage in ZOOM_STEPS above (+1) or below (-1) the current scale; stays at the ends. */
export function stepZoom(scale: number, direction: 1 | -1): number {
  const percent = scale * 100;
  if (direction > 0) return ZOOM_STEPS.find((s) => s > percent + 0.5) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1] ?? 100;
  const below = ZOOM_STEPS.filter((s) => s < percent - 0.5);
  return below[below.length - 1] ?? ZOOM_STEPS[0] ?? 100;
}

/** The page index a "go to page" entry names: a page label first (`iv`, `218`, case-insensitive), else a 1-based page number; null when neither matches. */
export function resolvePageInput(input: string, labels: readonly string[]): number | null {
  const wanted = input.trim();
  if (wanted === '') return null;
  const exact = labels.indexOf(wanted);
  if (exact >= 0) return exact;
  const lower = wanted.toLowerCase();
  const folded = labels.findIndex((l) => l.toLowerCase() === lower);
  if (folded >= 0) return folded;
  if (/^\d+$/.test(wanted)) {
    const n = Number(wanted);
    if (n >= 1 && n <= labels.length) return n - 1;
  }
  return null;
}
