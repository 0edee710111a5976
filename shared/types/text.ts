// The one text model every selector points into (DESIGN.md, Text model and anchoring). Field names follow
// the CLI's --json shapes so that a unit serialises as itself.

/** A half-open character range `[start, end)` into a source text or a draft. */
export type CharRange = [start: number, end: number];

/** One page of a PDF source text. */
export interface PageUnit {
  /** Discriminates page units from cue units. */
  kind: 'page';
  /** Zero-based page index in the PDF. */
  index: number;
  /** The page label the PDF declares (`iv`, `218`), or the 1-based page number when it declares none. */
  label: string;
  /** The page's characters in the source text. */
  range: CharRange;
  /** True when the page has no text layer (a scan that needs OCR). */
  noText?: boolean;
}

/** One timed word (or timed stretch) inside a cue, as Whisper's word timestamps or WebVTT's inline timestamps give it. */
export interface WordTime {
  /** The word's characters in the source text (inside its cue's range). */
  range: CharRange;
  /** When the word is spoken, in seconds. */
  time: [start: number, end: number];
}

/** One cue of a transcript source text. */
export interface CueUnit {
  /** Discriminates cue units from page units. */
  kind: 'cue';
  /** Zero-based cue index in the transcript. */
  index: number;
  /** The cue's identifier in the transcript file (WebVTT/SRT id), when it has one. */
  id?: string;
  /** Start and end time of the cue, in seconds. */
  time: [start: number, end: number];
  /** The speaker named by the transcript, or null. */
  speaker: string | null;
  /** The cue's characters in the source text. */
  range: CharRange;
  /**
   * Word timings inside the cue, in text order, when the transcript has them (Whisper's `words`, WebVTT
   * inline timestamps); a passage's time range is then the words' rather than the whole cue's.
   */
  words?: WordTime[];
}

/** A unit of a source text: a PDF page or a transcript cue. */
export type TextUnit = PageUnit | CueUnit;

/** What kind of file a source text was extracted from. */
export type SourceKind = 'pdf' | 'transcript';

/** The text extracted from one source, split into units; deterministic for the same bytes. */
export interface SourceText {
  /** Discriminates stored values. */
  type: 'source-text';
  /** SHA-256 (lowercase hex) of the source file's bytes. */
  sha256: string;
  /** PDF or transcript. */
  kind: SourceKind;
  /** The whole text; units index into it. */
  text: string;
  /** Units in document order, covering the text without overlap. */
  units: TextUnit[];
}
