// Plain-text transcripts with timestamps and speakers, in the shapes transcription services and people
// write. A cue starts at each line that begins with a timestamp in one of these shapes:
//   [00:01:02] Name: text     (round brackets too; the `Name:` part is optional)
//   Name (00:01:02): text     (square brackets too; the colon is optional)
//   00:01:02 Name: text       (bare timestamp; the speaker is a name followed by a colon, a tab or two
//                              spaces, or a name in capitals; a single space leaves the whole rest as text
//                              because "00:01:02 Name text" cannot be told from "00:01:02 So text")
// Timestamps are h:mm:ss or mm:ss with an optional .mmm or ,mmm fraction. A line without a timestamp
// continues the cue before it; blank lines are ignored. A cue ends where the next begins; the last cue
// lasts as long as its words take at PLAIN_WORDS_PER_SECOND, at least PLAIN_MIN_LAST_CUE_SECONDS.
import { err, ok, type Result } from '../types/result.ts';
import { splitLines, type CueDraft } from './build.ts';
import { stripBom } from './decode.ts';
import { formatTimecode } from './timecode.ts';

/** Speaking rate used to estimate how long the last cue lasts (150 words a minute, a common conversational rate). */
export const PLAIN_WORDS_PER_SECOND = 2.5;
/** The shortest duration given to the last cue, in seconds. */
export const PLAIN_MIN_LAST_CUE_SECONDS = 1;
/** Longest speaker name recognised before a colon, in characters. */
export const MAX_SPEAKER_NAME_CHARS = 60;

const TS = String.raw`(?:(\d{1,3}):)?(\d{1,3}):(\d{2})(?:[.,](\d{1,3}))?`;
const BRACKETED = new RegExp(String.raw`^[\[(]\s*${TS}\s*[\])]\s*(.*)$`);
const NAME_FIRST = new RegExp(String.raw`^(\p{L}[\p{L}\p{M}\d .'’-]*?)\s*[\[(]\s*${TS}\s*[\])]\s*:?\s*(.*)$`, 'u');
const BARE = new RegExp(String.raw`^${TS}(?:\s+(.*))?$`);
const NAME_COLON = /^(\p{Lu}[\p{L}\p{M}\d.'’-]*(?:\s+[\p{L}\p{M}\d.'’-]+){0,3})\s*:(?:\s+(.*))?$/u;
const NAME_GAP = /^(\p{Lu}[\p{L}\p{M}\d.'’-]*(?:\s[\p{L}\p{M}\d.'’-]+){0,3})(?:\t|\s{2,})\s*(\S.*)$/u;
const NAME_CAPS = /^(\p{Lu}[\p{Lu}\p{M}.'’-]+(?:\s\p{Lu}[\p{Lu}\p{M}.'’-]+){0,2})\s+(\S.*)$/u;

interface CueLine {
  start: number | string;
  speaker: string | null;
  text: string;
}

function toSeconds(h: string | undefined, m: string, s: string, frac: string | undefined): number | string {
  if (Number(s) > 59) return `seconds must be 0-59, found ${s}`;
  if (h !== undefined && Number(m) > 59) return `minutes must be 0-59 when hours are given, found ${m}`;
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + (frac ? Number(frac) / 10 ** frac.length : 0);
}

function splitName(rest: string, patterns: readonly RegExp[]): { speaker: string | null; text: string } {
  for (const pattern of patterns) {
    const m = pattern.exec(rest);
    if (m && m[1]!.length <= MAX_SPEAKER_NAME_CHARS) return { speaker: m[1]!.trim(), text: m[2] ?? '' };
  }
  return { speaker: null, text: rest };
}

/** The cue a line starts, or null when the line has no leading timestamp in a known shape; never throws. */
export function matchCueLine(line: string): CueLine | null {
  let m = BRACKETED.exec(line);
  if (m) return { start: toSeconds(m[1], m[2]!, m[3]!, m[4]), ...splitName(m[5] ?? '', [NAME_COLON]) };
  m = NAME_FIRST.exec(line);
  if (m && m[1]!.length <= MAX_SPEAKER_NAME_CHARS) return { start: toSeconds(m[2], m[3]!, m[4]!, m[5]), speaker: m[1]!.trim(), text: m[6] ?? '' };
  m = BARE.exec(line);
  if (m) return { start: toSeconds(m[1], m[2]!, m[3]!, m[4]), ...splitName(m[5] ?? '', [NAME_COLON, NAME_GAP, NAME_CAPS]) };
  return null;
}

/** Duration given to the last cue of a plain transcript: its words at PLAIN_WORDS_PER_SECOND, at least PLAIN_MIN_LAST_CUE_SECONDS; never throws. */
export function estimateLastCueSeconds(text: string): number {
  const words = text.split(/\s+/).filter((w) => w !== '').length;
  return Math.max(PLAIN_MIN_LAST_CUE_SECONDS, words / PLAIN_WORDS_PER_SECOND);
}

/** Parses a plain-text transcript into cues; returns an error naming the line of text before the first timestamp, a bad timestamp or one earlier than the cue before it. */
export function parsePlainTranscript(fileName: string, text: string): Result<CueDraft[]> {
  const lines = splitLines(stripBom(text));
  const open: { start: number; speaker: string | null; lines: string[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const lineNo = i + 1;
    if (line.includes('\0')) return err(`${fileName}: line ${lineNo}: contains a NUL character; this is not a text transcript`);
    if (line === '') continue;
    const cue = matchCueLine(line);
    const previous = open[open.length - 1];
    if (cue) {
      if (typeof cue.start === 'string') return err(`${fileName}: line ${lineNo}: bad timestamp: ${cue.start}`);
      if (previous && cue.start < previous.start) {
        return err(`${fileName}: line ${lineNo}: timestamp ${formatTimecode(cue.start)} is earlier than the cue before it (${formatTimecode(previous.start)}); cues must be in time order`);
      }
      open.push({ start: cue.start, speaker: cue.speaker, lines: cue.text === '' ? [] : [cue.text] });
    } else if (previous) {
      previous.lines.push(line);
    } else {
      return err(
        `${fileName}: line ${lineNo}: text before the first timestamp; each cue of a plain-text transcript starts with a timestamp, as in "[00:01:02] Name: text", "Name (00:01:02): text" or "00:01:02 Name: text"`,
      );
    }
  }
  if (open.length === 0) {
    return err(`${fileName}: line 1: no timestamped lines; a plain-text transcript has lines like "[00:01:02] Name: text", "Name (00:01:02): text" or "00:01:02 Name: text"`);
  }
  return ok(
    open.map((cue, index) => {
      const text = cue.lines.join('\n');
      const end = open[index + 1]?.start ?? cue.start + estimateLastCueSeconds(text);
      return { start: cue.start, end, speaker: cue.speaker, text };
    }),
  );
}
