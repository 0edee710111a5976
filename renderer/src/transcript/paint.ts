// Pure painting of a cue's text: which characters belong to passages and to find hits. The viewer renders
// one element per segment, so a passage or a find hit (shared/text/find-text.ts) that spans many cues is
// painted piece by piece in each of them.

/** A passage reduced to what painting needs: its id and its chars `[start, end)` in the source text. */
export interface PaintedPassage {
  /** The passage's id (rendered as `data-passage-id`). */
  id: string;
  /** First char, inclusive. */
  start: number;
  /** Char after the last, exclusive. */
  end: number;
}

/** A run of characters of one cue painted the same way. */
export interface Segment {
  /** First char (source-text offset), inclusive. */
  start: number;
  /** Char after the last (source-text offset), exclusive. */
  end: number;
  /** Ids of the passages covering the run, innermost (shortest) first; empty when none does. */
  passageIds: string[];
  /** Index of the find hit covering the run in the hit list, or null. */
  hit: number | null;
  /** True when the run is the word being spoken now (the playing cue's timed word at the current time). */
  spoken: boolean;
}

/** Index of the first hit ending after `offset` (binary search over sorted hits); `hits.length` when none does. */
export function firstHitEndingAfter(hits: readonly [number, number][], offset: number): number {
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hits[mid]![1] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Splits the chars `[start, end)` into runs painted alike by the passages, hits and spoken word overlapping
 * them; the runs cover `[start, end)` exactly, in order. Empty for an empty range.
 */
export function paintSegments(
  start: number,
  end: number,
  passages: readonly PaintedPassage[],
  hits: readonly [number, number][],
  spoken: readonly [number, number] | null = null,
): Segment[] {
  if (end <= start) return [];
  const overlapping = passages.filter((p) => p.start < end && p.end > start);
  const firstHit = firstHitEndingAfter(hits, start);
  const hitIndexes: number[] = [];
  for (let i = firstHit; i < hits.length && hits[i]![0] < end; i++) hitIndexes.push(i);

  const cuts = new Set<number>([start, end]);
  for (const p of overlapping) {
    if (p.start > start) cuts.add(p.start);
    if (p.end < end) cuts.add(p.end);
  }
  for (const i of hitIndexes) {
    const [hs, he] = hits[i]!;
    if (hs > start) cuts.add(hs);
    if (he < end) cuts.add(he);
  }
  const word = spoken !== null && spoken[0] < end && spoken[1] > start ? spoken : null;
  if (word !== null) {
    if (word[0] > start) cuts.add(word[0]);
    if (word[1] < end) cuts.add(word[1]);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const s = points[k]!;
    const e = points[k + 1]!;
    const passageIds = overlapping
      .filter((p) => p.start <= s && p.end >= e)
      .sort((a, b) => a.end - a.start - (b.end - b.start))
      .map((p) => p.id);
    const hit = hitIndexes.find((i) => hits[i]![0] <= s && hits[i]![1] >= e) ?? null;
    segments.push({ start: s, end: e, passageIds, hit, spoken: word !== null && word[0] <= s && word[1] >= e });
  }
  return segments;
}
