import type { SourceText, TextUnit } from '../types/text.ts';
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

/** The fragment selector for `[start, end)`: `page=N` (1-based, first page) or `t=s,e`; throws InvalidRangeError when no unit covers it. */
export function fragmentFor(text: SourceText, start: number, end: number): FragmentSelector {
  const units = unitsInRange(text, start, end);
  const first = units[0];
  const last = units[units.length - 1];
  if (!first || !last) throw new InvalidRangeError(`range [${start}, ${end}) lies in no unit of source ${text.sha256.slice(0, 12)}`);
  if (first.kind === 'page') return { type: 'FragmentSelector', conformsTo: PDF_FRAGMENT_SPEC, value: `page=${first.index + 1}` };
  const endTime = last.kind === 'cue' ? last.time[1] : first.time[1];
  return {
    type: 'FragmentSelector',
    conformsTo: MEDIA_FRAGMENT_SPEC,
    value: `t=${formatFragmentSeconds(first.time[0])},${formatFragmentSeconds(endTime)}`,
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
