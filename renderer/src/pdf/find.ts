// Find in document: the PDF viewer's side of the shared find (shared/text/find-text.ts, also used by the
// transcript viewer): it searches the whole source text, so a hit can become a passage as it is and may run
// across lines and pages; this module adds the viewer's hit cap and its next/previous and count helpers.
import { findInText } from '../../../shared/text/find-text.ts';
import type { CharRange } from '../../../shared/types/text.ts';

/** Most hits one search in the PDF viewer reports; the count shows "1000+" beyond it. */
export const MAX_FIND_HITS = 1000;

/** Every match of `query` in `text` (findInText's rules), in order, at most `limit`; [] for a blank query. Never throws. */
export function findHits(text: string, query: string, limit: number = MAX_FIND_HITS): CharRange[] {
  return findInText(text, query, undefined, limit).hits;
}

/** The hit after (+1) or before (-1) `current`, wrapping around; -1 when there are no hits. With no current hit (-1), +1 gives the first and -1 the last. */
export function stepHit(count: number, current: number, direction: 1 | -1): number {
  if (count <= 0) return -1;
  if (current < 0 || current >= count) return direction > 0 ? 0 : count - 1;
  return (current + direction + count) % count;
}

/** Index of the first hit starting at or after `offset` (where the reader is), wrapping to the first hit; -1 when there are none. */
export function hitAtOrAfter(hits: readonly CharRange[], offset: number): number {
  if (hits.length === 0) return -1;
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((hits[mid]?.[0] ?? 0) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < hits.length ? lo : 0;
}

/** The "3 of 17" text of the find bar ("No results", "1 of 1000+" when capped). */
export function formatHitCount(count: number, current: number, limit: number = MAX_FIND_HITS): string {
  if (count === 0) return 'No results';
  const total = count >= limit ? `${limit}+` : String(count);
  return current >= 0 ? `${current + 1} of ${total}` : `${total} results`;
}
