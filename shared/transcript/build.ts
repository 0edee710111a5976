// The common end of every importer: cues in, one SourceText out. Cue texts are joined with CUE_SEPARATOR;
// a cue's range covers its own text only, never the separator.
import { sha256Hex } from '../hash.ts';
import type { CueUnit, SourceText } from '../types/text.ts';

/** What every format parser produces for one cue, before the cues are joined into a source text. */
export interface CueDraft {
  /** The cue's identifier in the file (WebVTT id, SRT number, Whisper segment id), or undefined. */
  id?: string;
  /** Start time in seconds. */
  start: number;
  /** End time in seconds. */
  end: number;
  /** The speaker the file names for the cue, or null. */
  speaker: string | null;
  /** The cue's words with markup removed; may contain '\n' where the cue had line breaks. */
  text: string;
  /** Timed words, in text order, as offsets `[from, to)` into `text` and seconds; absent when the file times only whole cues. */
  words?: CueWordDraft[];
}

/** One timed word of a cue before the cues are joined: offsets into the cue's own text. */
export interface CueWordDraft {
  /** First character of the word in the cue's text. */
  from: number;
  /** End (exclusive) of the word in the cue's text. */
  to: number;
  /** When the word starts, in seconds. */
  start: number;
  /** When it ends, in seconds (not before start). */
  end: number;
}

/** Joins consecutive cue texts in the source text: one line feed, so each cue starts on its own line. */
export const CUE_SEPARATOR = '\n';

/** Builds the transcript SourceText for the file's bytes from parsed cues, in the given order; never throws. */
export function buildSourceText(bytes: Uint8Array, cues: readonly CueDraft[]): SourceText {
  const parts: string[] = [];
  const units: CueUnit[] = [];
  let offset = 0;
  cues.forEach((cue, index) => {
    if (index > 0) {
      parts.push(CUE_SEPARATOR);
      offset += CUE_SEPARATOR.length;
    }
    const unit: CueUnit = { kind: 'cue', index, time: [cue.start, cue.end], speaker: cue.speaker, range: [offset, offset + cue.text.length] };
    if (cue.id !== undefined && cue.id !== '') unit.id = cue.id;
    if (cue.words !== undefined && cue.words.length > 0) unit.words = cue.words.map((w) => ({ range: [offset + w.from, offset + w.to], time: [w.start, w.end] }));
    units.push(unit);
    parts.push(cue.text);
    offset += cue.text.length;
  });
  return { type: 'source-text', sha256: sha256Hex(bytes), kind: 'transcript', text: parts.join(''), units };
}

/** Splits text into lines at CRLF, CR or LF (WebVTT's and SRT's line breaks); never throws. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
