// Types for the parts of webvtt-parser 2.2.0 (the W3C's webvtt.js, CommonJS, untyped) that the importer uses.
declare module 'webvtt-parser' {
  /** A node of a parsed cue text: text, a tag (`c`, `i`, `b`, `u`, `v`, `lang`, `ruby`, `rt`) or a timestamp. */
  export type WebVTTNode =
    | { type: 'text'; value: string }
    | { type: 'object'; name: string; classes: string[]; value?: string; children: WebVTTNode[] }
    | { type: 'timestamp'; value: number };
  /** One parsed cue; `text` is the raw cue text with its markup. */
  export interface WebVTTCue {
    id: string;
    startTime: number;
    endTime: number;
    text: string;
    tree: { children: WebVTTNode[] };
  }
  /** A parse problem; the parser reports and continues, except that a missing signature is fatal for us. */
  export interface WebVTTError {
    message: string;
    line: number;
    col?: number;
  }
  /** What `parse` returns: cues sorted by start time (then end time, descending). */
  export interface WebVTTParseResult {
    cues: WebVTTCue[];
    errors: WebVTTError[];
    styles: string[];
    time: number;
  }
  export class WebVTTParser {
    constructor(entities?: Record<string, string>);
    parse(input: string, mode?: 'metadata' | 'chapters' | 'subtitles'): WebVTTParseResult;
  }
  const webvtt: { WebVTTParser: typeof WebVTTParser };
  export default webvtt;
}
