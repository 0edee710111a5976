// Where passages are in a source text: their painted range (or orphaned) and the page that holds them.
import type { Passage } from '../../../shared/types/domain.ts';
import type { CharRange, PageUnit } from '../../../shared/types/text.ts';

/** The range of `text` a passage is painted at: its re-anchored range when `anchored` is given, else its TextPositionSelector if the quote is there verbatim; null when orphaned or out of bounds. */
export function passageRange(p: Passage, text: string, anchored?: ReadonlyMap<string, CharRange | null>): CharRange | null {
  const r: CharRange | null | undefined = anchored ? anchored.get(p.id) : [p.selectors.position.start, p.selectors.position.end];
  if (!r || r[0] < 0 || r[1] > text.length || r[0] >= r[1]) return null;
  if (!anchored && text.slice(r[0], r[1]) !== p.selectors.quote.exact) return null;
  return r;
}

/** Index of the page unit containing source offset `offset`: the last page starting at or before it (so an empty page never wins over the page with the text); 0 when there are none. */
export function pageOfOffset(units: readonly PageUnit[], offset: number): number {
  let lo = 0;
  let hi = units.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((units[mid]?.range[0] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}
