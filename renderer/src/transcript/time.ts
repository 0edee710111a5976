// Pure time helpers for transcripts: which cue is playing, how a char range maps to a time range, how times
// are shown. They work on CueUnits and offsets only, so they are tested without a DOM.
import { timeRangeOf } from '../../../shared/anchor/selectors.ts';
import type { CueUnit, SourceText } from '../../../shared/types/text.ts';
import { MEDIA_FRAGMENT_SPEC } from '../../../shared/types/selectors.ts';
import type { Passage } from '../../../shared/types/domain.ts';

/** How many earlier cues `cueAtTime` inspects for one still running (overlapping WebVTT cues). */
export const MAX_OVERLAP_SCAN = 32;

/** The cue units of a source text in document order (a PDF gives none); never throws. */
export function cuesOf(text: SourceText): CueUnit[] {
  return text.units.filter((u): u is CueUnit => u.kind === 'cue');
}

/** Formats seconds as `HH:MM:SS.mmm` (hours grow past 99); throws RangeError for a negative or non-finite value. */
export function formatTimecode(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`not a time in seconds: ${seconds}`);
  // Round once to whole milliseconds so 59.9996 s shows as 00:01:00.000, never 00:00:60.000.
  const totalMs = Math.round(seconds * 1000);
  const ms = totalMs % 1000;
  const totalS = (totalMs - ms) / 1000;
  const s = totalS % 60;
  const m = Math.floor(totalS / 60) % 60;
  const h = Math.floor(totalS / 3600);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms).padStart(3, '0')}`;
}

/** True when the cues' start times never decrease (what `cueAtTime` needs); never throws. */
export function isSortedByStart(cues: readonly CueUnit[]): boolean {
  for (let i = 1; i < cues.length; i++) if (cues[i]!.time[0] < cues[i - 1]!.time[0]) return false;
  return true;
}

/** The cues ordered by start time (stable; the same array when already ordered); never throws. */
export function sortByStart(cues: readonly CueUnit[]): readonly CueUnit[] {
  return isSortedByStart(cues) ? cues : [...cues].sort((a, b) => a.time[0] - b.time[0]);
}

/**
 * The cue playing at `t` seconds: among cues (ordered by start time) whose `[start, end)` holds `t`, the one
 * that started last; null in a gap between cues, before the first or after the last. Binary search.
 */
export function cueAtTime(cues: readonly CueUnit[], t: number): CueUnit | null {
  if (!Number.isFinite(t)) return null;
  // Last cue with start <= t.
  let lo = 0;
  let hi = cues.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid]!.time[0] <= t) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = last; i >= 0 && i > last - MAX_OVERLAP_SCAN; i--) {
    const cue = cues[i]!;
    if (t < cue.time[1]) return cue;
  }
  return null;
}

/** Position (in `cues`, document order) of the cue whose char range holds `offset`, else null; binary search. */
export function cuePositionAtOffset(cues: readonly CueUnit[], offset: number): number | null {
  let lo = 0;
  let hi = cues.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = cues[mid]!.range;
    if (offset < start) hi = mid - 1;
    else if (offset >= end) lo = mid + 1;
    else return mid;
  }
  return null;
}

/** Positions `[first, last]` (in `cues`, document order) of the cues overlapping `[start, end)`, or null when none does. */
export function cuePositionsInRange(cues: readonly CueUnit[], start: number, end: number): [first: number, last: number] | null {
  if (end <= start) return null;
  // First cue that ends after `start`.
  let lo = 0;
  let hi = cues.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid]!.range[1] <= start) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  // Last cue that starts before `end`.
  lo = 0;
  hi = cues.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid]!.range[0] < end) lo = mid + 1;
    else hi = mid;
  }
  const last = lo - 1;
  return first <= last ? [first, last] : null;
}

/** The character range of the cue's timed word being spoken at `t` seconds (`start <= t < end`); null when the cue has no word timings or none spans `t`. */
export function wordAtTime(cue: CueUnit, t: number): [start: number, end: number] | null {
  const words = cue.words;
  if (words === undefined) return null;
  let lo = 0;
  let hi = words.length;
  // Words are in text order, which is time order in any transcript that times them; binary search by start.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]!.time[0] <= t) lo = mid + 1;
    else hi = mid;
  }
  const word = words[lo - 1];
  return word !== undefined && t < word.time[1] ? word.range : null;
}

/** The distinct speakers (first appearance first) of the cues the chars `[start, end)` span; empty when none is named. */
export function speakersInRange(text: SourceText, start: number, end: number): string[] {
  const cues = cuesOf(text);
  const span = cuePositionsInRange(cues, start, end);
  if (!span) return [];
  const speakers: string[] = [];
  for (let i = span[0]; i <= span[1]; i++) {
    const speaker = cues[i]!.speaker;
    if (speaker !== null && !speakers.includes(speaker)) speakers.push(speaker);
  }
  return speakers;
}

const NPT_CLOCK = /^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/;

function parseNptTime(value: string): number | null {
  if (/^\d+(?:\.\d*)?$/.test(value)) return Number(value);
  const clock = NPT_CLOCK.exec(value);
  if (!clock) return null;
  const [, h, m, s] = clock;
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s);
}

/**
 * Reads a Media Fragments temporal value (`t=12.5,18`, `t=npt:0:00:12.5,0:00:18`) as `[start, end]` seconds;
 * null when it is not one, has no end, or ends before it starts.
 */
export function parseTimeFragment(value: string): [start: number, end: number] | null {
  const match = /^t=(?:npt:)?([^,]*),(.+)$/.exec(value.trim());
  if (!match) return null;
  const start = match[1] === '' ? 0 : parseNptTime(match[1]!);
  const end = parseNptTime(match[2]!);
  if (start === null || end === null || end < start) return null;
  return [start, end];
}

/** The time range a passage plays: its `t=s,e` fragment, else the cues its position spans; null when neither gives one. */
export function passageTimeRange(passage: Passage, text: SourceText): [start: number, end: number] | null {
  const { fragment, position } = passage.selectors;
  if (fragment.conformsTo === MEDIA_FRAGMENT_SPEC) {
    const fromFragment = parseTimeFragment(fragment.value);
    if (fromFragment) return fromFragment;
  }
  return timeRangeOf(text, position.start, position.end);
}
