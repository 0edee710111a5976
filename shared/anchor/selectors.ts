import type { CueUnit, SourceText, TextUnit, WordTime } from '../types/text.ts';
import {
  MEDIA_FRAGMENT_SPEC,
  PDF_FRAGMENT_SPEC,
  type FragmentSelector,
  type PassageSelectors,
} from '../types/selectors.ts';

/** Characters of context stored on each side of a quote (DESIGN.md: 32-char prefix/suffix). */
export const QUOTE_CONTEXT_CHARS = 32;

/** Thrown when a range does not lie inside a source text or is empty. */
export class InvalidRangeError extends Error {
  override name = 'InvalidRangeError';
}

/** Units of a source text that overlap `[start, end)` (a unit touched by an empty range at its start counts); never throws. */
export function unitsInRange(text: SourceText, start: number, end: number): TextUnit[] {
  return text.units.filter((u) => u.range[0] < Math.max(end, start + 1) && u.range[1] > start);
}

/** Formats seconds for a media fragment (`12.5`, no trailing zeros); never throws. */
export function formatFragmentSeconds(seconds: number): string {
  return String(Math.round(seconds * 1000) / 1000);
}

/** The timed words of a cue that `[start, end)` touches (an empty range touches the word it is in); never throws. */
function wordsTouched(cue: CueUnit, start: number, end: number): WordTime[] {
  return (cue.words ?? []).filter((w) => w.range[0] < Math.max(end, start + 1) && w.range[1] > start);
}

/**
 * The seconds the characters `[start, end)` of a transcript are spoken in, from the `units` they touch (in
 * text order): from the first cue's start to the last cue's end, narrowed to the first and last timed word
 * the range touches where those cues have word timings. When cues out of time order would make it end
 * before it starts, the earliest start and latest end of the cues. Null when the units are not cues.
 */
export function cueTimeRange(units: readonly TextUnit[], start: number, end: number): [start: number, end: number] | null {
  const cues = units.filter((u): u is CueUnit => u.kind === 'cue');
  const first = cues[0];
  const last = cues[cues.length - 1];
  if (!first || !last || cues.length !== units.length) return null;
  const from = wordsTouched(first, start, end)[0]?.time[0] ?? first.time[0];
  const to = wordsTouched(last, start, end).at(-1)?.time[1] ?? last.time[1];
  if (from <= to) return [from, to];
  // A loop, not Math.min(...): a range over a whole long transcript touches more cues than a call takes arguments.
  let earliest = Infinity;
  let latest = -Infinity;
  for (const c of cues) {
    earliest = Math.min(earliest, c.time[0]);
    latest = Math.max(latest, c.time[1]);
  }
  return [earliest, latest];
}

/** The seconds the characters `[start, end)` of a source text are spoken in (see cueTimeRange); null for a PDF or a range in no cue. */
export function timeRangeOf(text: SourceText, start: number, end: number): [start: number, end: number] | null {
  return cueTimeRange(unitsInRange(text, start, end), start, end);
}

/** The fragment selector for `[start, end)`: `page=N` (1-based, first page) or `t=s,e` (timeRangeOf); throws InvalidRangeError when no unit covers it. */
export function fragmentFor(text: SourceText, start: number, end: number): FragmentSelector {
  const units = unitsInRange(text, start, end);
  const first = units[0];
  if (!first) throw new InvalidRangeError(`range [${start}, ${end}) lies in no unit of source ${text.sha256.slice(0, 12)}`);
  if (first.kind === 'page') return { type: 'FragmentSelector', conformsTo: PDF_FRAGMENT_SPEC, value: `page=${first.index + 1}` };
  const time = cueTimeRange(units, start, end);
  if (!time) throw new InvalidRangeError(`range [${start}, ${end}) of source ${text.sha256.slice(0, 12)} mixes pages and cues`);
  return {
    type: 'FragmentSelector',
    conformsTo: MEDIA_FRAGMENT_SPEC,
    value: `t=${formatFragmentSeconds(time[0])},${formatFragmentSeconds(time[1])}`,
  };
}

/** W3C selectors for the characters `[start, end)` of a source text; throws InvalidRangeError for an empty or out-of-bounds range. */
export function createSelectors(text: SourceText, start: number, end: number): PassageSelectors {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.text.length || start >= end) {
    throw new InvalidRangeError(`range [${start}, ${end}) is empty or outside the source text (length ${text.text.length})`);
  }
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.text.slice(start, end),
      prefix: text.text.slice(Math.max(0, start - QUOTE_CONTEXT_CHARS), start),
      suffix: text.text.slice(end, end + QUOTE_CONTEXT_CHARS),
    },
    position: { type: 'TextPositionSelector', start, end },
    fragment: fragmentFor(text, start, end),
  };
}
