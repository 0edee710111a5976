// The transcript importer: one entry point from a file's name and bytes to the shared text model
// (DESIGN.md, Text model). One CueUnit per cue; cue texts joined by CUE_SEPARATOR ('\n'), each cue's range
// covering its own text only. Nothing is half-parsed: any error rejects the whole file.
import { err, ok, type Result } from '../types/result.ts';
import type { SourceText } from '../types/text.ts';
import { buildSourceText, type CueDraft } from './build.ts';
import { decodeTranscript, stripBom } from './decode.ts';
import { parsePlainTranscript } from './plain.ts';
import { parseSrt } from './srt.ts';
import { parseWebVtt } from './webvtt.ts';
import { parseWhisperJson } from './whisper-json.ts';

export { CUE_SEPARATOR } from './build.ts';
export { formatTimecode, formatTimeRange } from './timecode.ts';

/** The transcript formats the importer reads. */
export type TranscriptFormat = 'webvtt' | 'srt' | 'whisper-json' | 'plain';

/** Largest transcript file accepted, in bytes (a ten-hour WebVTT transcript is about 1.5 MB). */
export const MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024;
/** Most cues accepted in one transcript (a ten-hour transcript has about 10,000; word-level files more). */
export const MAX_TRANSCRIPT_CUES = 500_000;

/** File name extensions (lowercase, with the dot) that the importer takes as transcripts. */
export const TRANSCRIPT_EXTENSIONS = ['.vtt', '.webvtt', '.srt', '.json', '.txt'] as const;

function extensionOf(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

/** True when the file name ends in a transcript extension (TRANSCRIPT_EXTENSIONS, any case); never throws. */
export function isTranscriptFileName(name: string): boolean {
  return (TRANSCRIPT_EXTENSIONS as readonly string[]).includes(extensionOf(name));
}

const SRT_TIMING = /^\s*(?:\d{1,3}:)?\d{1,2}:\d{1,2}(?:[,.]\d{1,3})?\s*-->/m;

/**
 * The format of a transcript, by extension and content; never throws. `.vtt`/`.webvtt` are WebVTT and
 * `.json` is Whisper JSON whatever they hold (so a broken file gets that format's error); `.srt` is SRT
 * unless it starts with the WEBVTT signature; any other name is judged by content: the WEBVTT signature,
 * then JSON (`{` or `[{`), then an SRT timing line (`-->`), else plain text.
 */
export function detectTranscriptFormat(fileName: string, text: string): TranscriptFormat {
  const ext = extensionOf(fileName);
  const head = stripBom(text);
  const isVtt = /^WEBVTT(?:[ \t\r\n]|$)/.test(head);
  if (ext === '.vtt' || ext === '.webvtt') return 'webvtt';
  if (ext === '.json') return 'whisper-json';
  if (ext === '.srt') return isVtt ? 'webvtt' : 'srt';
  if (isVtt) return 'webvtt';
  if (/^\s*(?:\{|\[\s*[{\]])/.test(head)) return 'whisper-json';
  if (SRT_TIMING.test(head)) return 'srt';
  return 'plain';
}

const parsers: Record<TranscriptFormat, (fileName: string, text: string) => Result<CueDraft[]>> = {
  webvtt: parseWebVtt,
  srt: parseSrt,
  'whisper-json': parseWhisperJson,
  plain: parsePlainTranscript,
};

/** Imports a transcript file (WebVTT, SRT, Whisper JSON or plain text with timestamps); returns an error naming the file and line when it cannot be read whole. Never throws. */
export function parseTranscript(fileName: string, bytes: Uint8Array): Result<{ sourceText: SourceText; format: TranscriptFormat }> {
  try {
    if (bytes.length > MAX_TRANSCRIPT_BYTES) {
      return err(`${fileName}: ${bytes.length} bytes is more than the ${MAX_TRANSCRIPT_BYTES} bytes a transcript may have`);
    }
    const decoded = decodeTranscript(fileName, bytes);
    if (!decoded.ok) return decoded;
    const format = detectTranscriptFormat(fileName, decoded.value);
    const cues = parsers[format](fileName, decoded.value);
    if (!cues.ok) return cues;
    if (cues.value.length > MAX_TRANSCRIPT_CUES) {
      return err(`${fileName}: ${cues.value.length} cues is more than the ${MAX_TRANSCRIPT_CUES} a transcript may have`);
    }
    return ok({ sourceText: buildSourceText(bytes, cues.value), format });
  } catch (error: unknown) {
    // A bug in a parser must not take down the caller; report it as this file's failure.
    return err(`${fileName}: could not be read as a transcript: ${error instanceof Error ? error.message : String(error)}`);
  }
}
