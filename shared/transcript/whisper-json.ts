// openai-whisper's JSON output (`{text, segments: [{id, start, end, text, words?}], language}`), and the
// whisperX / faster-whisper variants that add `speaker` to segments or write a bare array of segments.
// Python's json.dumps writes NaN, Infinity and -Infinity as bare tokens, which JSON.parse rejects; they are
// replaced by null outside strings before parsing (never evaluated). One cue per segment, its text
// trimmed (Whisper starts each segment with a space). A segment whose start or end is NaN takes the time
// of its first or last timed word; without one it is rejected with its line number.
import { z } from 'zod';
import { err, ok, type Result } from '../types/result.ts';
import { MAX_CUE_WORDS } from '../ledger/limits.ts';
import type { CueDraft, CueWordDraft } from './build.ts';
import { stripBom } from './decode.ts';
import { formatTimecode } from './timecode.ts';

const time = z.number().nullable();
const wordSchema = z.object({ word: z.string(), start: time.optional(), end: time.optional(), probability: time.optional() });
const segmentSchema = z.object({
  id: z.union([z.number(), z.string()]).optional(),
  start: time,
  end: time,
  text: z.string(),
  speaker: z.string().nullable().optional(),
  words: z.array(wordSchema).optional(),
});
const documentSchema = z.object({ segments: z.array(segmentSchema) });
const segmentsSchema = z.array(segmentSchema);

/** Replaces the bare tokens NaN, Infinity and -Infinity outside JSON strings with null; never throws and never changes line breaks. */
export function replaceNonFiniteTokens(json: string): string {
  const out: string[] = [];
  let copied = 0;
  let i = 0;
  while (i < json.length) {
    const c = json.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string, honouring backslash escapes.
      i++;
      while (i < json.length && json.charCodeAt(i) !== 0x22) i += json.charCodeAt(i) === 0x5c ? 2 : 1;
      i++;
      continue;
    }
    const token = c === 0x4e && json.startsWith('NaN', i) ? 3 : c === 0x49 && json.startsWith('Infinity', i) ? 8 : c === 0x2d && json.startsWith('-Infinity', i) ? 9 : 0;
    if (token > 0) {
      out.push(json.slice(copied, i), 'null');
      i += token;
      copied = i;
    } else i++;
  }
  out.push(json.slice(copied));
  return out.join('');
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 0x0a) line++;
  return line;
}

// Line of each element of the segments array, found by scanning brackets outside strings, so that an
// error in segment N can name its line. Root object: the array under the key "segments"; root array: itself.
function segmentLines(json: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let lastKey = '';
  let inSegments = -1; // depth of the segments array's contents while inside it
  let expectValue = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i]!;
    if (c === '\n') line++;
    else if (c === '"') {
      const start = i;
      i++;
      while (i < json.length && json[i] !== '"') {
        if (json[i] === '\\') i++;
        else if (json[i] === '\n') line++;
        i++;
      }
      if (depth === 1) lastKey = json.slice(start + 1, i);
      if (depth === inSegments && expectValue) {
        lines.push(line);
        expectValue = false;
      }
    } else if (c === '[' || c === '{') {
      if (depth === inSegments && expectValue) {
        lines.push(line);
        expectValue = false;
      }
      depth++;
      if (c === '[' && ((depth === 1 && json.trimStart().startsWith('[')) || (depth === 2 && lastKey === 'segments'))) {
        inSegments = depth;
        expectValue = true;
      }
    } else if (c === ']' || c === '}') {
      if (depth === inSegments) inSegments = -1;
      depth--;
    } else if (c === ',' && depth === inSegments) expectValue = true;
    else if (depth === inSegments && expectValue && !/\s/.test(c)) {
      lines.push(line);
      expectValue = false;
    }
  }
  return lines;
}

function describeSyntaxError(json: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  const lineMatch = /line (\d+)/.exec(message);
  // Without a position the parser ran off the end of the text.
  const line = position ? lineAt(json, Number(position[1])) : lineMatch ? Number(lineMatch[1]) : lineAt(json, json.length);
  const detail = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '');
  return `line ${line}: not valid JSON: ${detail}`;
}

/** Parses Whisper JSON text into one cue per segment; returns an error naming the line of bad JSON, a missing field or an impossible time. */
export function parseWhisperJson(fileName: string, text: string): Result<CueDraft[]> {
  const json = replaceNonFiniteTokens(stripBom(text));
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error: unknown) {
    return err(`${fileName}: ${describeSyntaxError(json, error)}`);
  }
  const parsed = Array.isArray(data) ? segmentsSchema.safeParse(data) : documentSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues.find((i) => i.path.length > 1) ?? parsed.error.issues[0];
    const path = issue?.path ?? [];
    const segment = path[0] === 'segments' ? path[1] : typeof path[0] === 'number' ? path[0] : undefined;
    if (typeof segment === 'number') {
      const line = segmentLines(json)[segment];
      const field = path.slice(path[0] === 'segments' ? 2 : 1).join('.');
      return err(`${fileName}: ${line === undefined ? '' : `line ${line}: `}segment ${segment}${field ? ` field "${field}"` : ''}: ${issue?.message ?? 'invalid'}`);
    }
    return err(`${fileName}: line 1: not Whisper JSON: expected an object with a "segments" array of {start, end, text}`);
  }
  const segments = Array.isArray(parsed.data) ? parsed.data : parsed.data.segments;
  const cues: CueDraft[] = [];
  for (const [index, segment] of segments.entries()) {
    const timedWords = (segment.words ?? []).filter((w) => typeof w.start === 'number' && typeof w.end === 'number');
    const start = isTime(segment.start) ? segment.start : timedWords[0]?.start;
    const end = isTime(segment.end) ? segment.end : timedWords[timedWords.length - 1]?.end;
    const where = () => {
      const line = segmentLines(json)[index];
      return `${fileName}: ${line === undefined ? '' : `line ${line}: `}segment ${index}${segment.id === undefined ? '' : ` (id ${segment.id})`}`;
    };
    if (!isTime(start) || !isTime(end)) return err(`${where()}: its ${isTime(start) ? 'end' : 'start'} time is missing, NaN or infinite and no word gives one`);
    if (end < start) return err(`${where()}: it ends (${formatTimecode(end)}) before it starts (${formatTimecode(start)})`);
    const cue: CueDraft = { start, end, speaker: segment.speaker ?? null, text: segment.text.trim() };
    if (segment.id !== undefined) cue.id = String(segment.id);
    const words = wordsInText(cue.text, segment.words ?? []);
    if (words.length > 0) cue.words = words;
    cues.push(cue);
  }
  return ok(cues);
}

/** Most characters (spaces, punctuation) looked past between one Whisper word and the next in the segment's text. */
export const WHISPER_WORD_GAP_CHARS = 64;

/**
 * Whisper's timed words placed in the segment's text, in order: each word (its leading space dropped) must
 * follow the previous one with only spaces or punctuation between (openai-whisper's words concatenate to
 * the segment's text). A word not found there is left out and the next is looked for from the same
 * place, so a timing never points at other words than its own; a word found but untimed, or ending before
 * it starts, is passed over without a timing. Where the words do not match the text the cue keeps its own
 * times. At most MAX_CUE_WORDS are kept.
 */
function wordsInText(text: string, words: readonly { word: string; start?: number | null; end?: number | null }[]): CueWordDraft[] {
  const placed: CueWordDraft[] = [];
  let cursor = 0;
  for (const w of words) {
    if (placed.length >= MAX_CUE_WORDS) break;
    const token = w.word.trim();
    if (token === '') continue;
    // Looked for only just ahead, so a hostile file's unmatched words cannot make this quadratic.
    const ahead = text.slice(cursor, cursor + WHISPER_WORD_GAP_CHARS + token.length).indexOf(token);
    if (ahead < 0 || /[\p{L}\p{N}]/u.test(text.slice(cursor, cursor + ahead))) continue;
    const at = cursor + ahead;
    cursor = at + token.length;
    if (isTime(w.start) && isTime(w.end) && w.end >= w.start) placed.push({ from: at, to: cursor, start: w.start, end: w.end });
  }
  return placed;
}

function isTime(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
