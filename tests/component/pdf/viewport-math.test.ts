import { describe, expect, it } from 'vitest';
import {
  contentHeight,
  MAX_RENDERED_PAGES,
  MAX_SCALE,
  MIN_SCALE,
  pageAtOffset,
  pagesToRender,
  pageTops,
  resolvePageInput,
  scaleFor,
  stepZoom,
} from '../../../renderer/src/pdf/viewport-math.ts';

const GAP = 10;
const hundred = Array.from({ length: 100 }, () => 100);

describe('page geometry', () => {
  it('stacks pages with gaps', () => {
    expect(pageTops([100, 200, 50], GAP)).toEqual([0, 110, 320]);
    expect(contentHeight([100, 200, 50], GAP)).toBe(370);
    expect(contentHeight([], GAP)).toBe(0);
  });

  it('finds the page at an offset, a gap belonging to the page above', () => {
    expect(pageAtOffset(0, [100, 200, 50], GAP)).toBe(0);
    expect(pageAtOffset(105, [100, 200, 50], GAP)).toBe(0);
    expect(pageAtOffset(110, [100, 200, 50], GAP)).toBe(1);
    expect(pageAtOffset(10_000, [100, 200, 50], GAP)).toBe(2);
    expect(pageAtOffset(-50, [100, 200, 50], GAP)).toBe(0);
    expect(pageAtOffset(0, [], GAP)).toBe(-1);
  });
});

describe('pagesToRender', () => {
  it('renders the visible pages plus the overscan on each side', () => {
    // Viewport 250 px tall at 1100 px: pages 10 (1100–1200), 11 (1210–1310), 12 (1320–1420) are visible.
    expect(pagesToRender(1100, 250, hundred, 2, GAP)).toEqual([8, 9, 10, 11, 12, 13, 14]);
  });

  it('clamps at the start and the end of the document', () => {
    expect(pagesToRender(0, 150, hundred, 2, GAP)).toEqual([0, 1, 2, 3]);
    expect(pagesToRender(contentHeight(hundred, GAP) - 100, 100, hundred, 2, GAP)).toEqual([97, 98, 99]);
  });

  it('does not count a page that only starts exactly at the bottom edge', () => {
    expect(pagesToRender(0, 110, hundred, 0, GAP)).toEqual([0]);
    expect(pagesToRender(0, 111, hundred, 0, GAP)).toEqual([0, 1]);
  });

  it('never keeps more than the cap, trimming overscan first and then around the middle', () => {
    const withOverscan = pagesToRender(1100, 250, hundred, 20, GAP, 7);
    expect(withOverscan).toEqual([8, 9, 10, 11, 12, 13, 14]);
    // A tiny zoom shows 50 pages at once: keep the MAX_RENDERED_PAGES nearest the middle of the viewport.
    const tiny = Array.from({ length: 100 }, () => 10);
    const shown = pagesToRender(0, 1000, tiny, 2, GAP);
    expect(shown.length).toBe(MAX_RENDERED_PAGES);
    expect(shown).toContain(24);
  });

  it('handles pages of different heights and no pages', () => {
    expect(pagesToRender(300, 100, [100, 400, 100, 100], 0, GAP)).toEqual([1]);
    expect(pagesToRender(0, 500, [], 2, GAP)).toEqual([]);
  });
});

describe('zoom', () => {
  it('fits the width or the whole page, and clamps', () => {
    const w = scaleFor({ kind: 'fit-width' }, 1224, 800, 600, 800);
    expect(w).toBeCloseTo(2, 5);
    const p = scaleFor({ kind: 'fit-page' }, 1224, 812, 600, 800);
    expect(p).toBeCloseTo(1, 5);
    expect(scaleFor({ kind: 'percent', percent: 150 }, 0, 0, 600, 800)).toBe(1.5);
    expect(scaleFor({ kind: 'percent', percent: 10_000 }, 0, 0, 600, 800)).toBe(MAX_SCALE);
    expect(scaleFor({ kind: 'fit-width' }, 100, 100, 6000, 8000)).toBe(MIN_SCALE);
    // A pane not laid out yet has no size: show the page at 100 % rather than at a nonsense scale.
    expect(scaleFor({ kind: 'fit-width' }, 0, 0, 600, 800)).toBe(1);
  });

  it('steps through the zoom levels and stops at the ends', () => {
    expect(stepZoom(1, 1)).toBe(110);
    expect(stepZoom(1, -1)).toBe(90);
    expect(stepZoom(1.17, 1)).toBe(125);
    expect(stepZoom(1.17, -1)).toBe(110);
    expect(stepZoom(5, 1)).toBe(500);
    expect(stepZoom(0.25, -1)).toBe(25);
  });
});

describe('resolvePageInput', () => {
  const labels = ['i', 'ii', 'iii', '1', '2', '3', 'A-1'];

  it('prefers a page label, then a page number', () => {
    expect(resolvePageInput('ii', labels)).toBe(1);
    expect(resolvePageInput('II', labels)).toBe(1);
    expect(resolvePageInput(' 2 ', labels)).toBe(4);
    expect(resolvePageInput('a-1', labels)).toBe(6);
    expect(resolvePageInput('7', labels)).toBe(6);
  });

  it('returns null for what names no page', () => {
    expect(resolvePageInput('', labels)).toBeNull();
    expect(resolvePageInput('8', labels)).toBeNull();
    expect(resolvePageInput('0', labels)).toBeNull();
    expect(resolvePageInput('xiv', labels)).toBeNull();
  });
});
