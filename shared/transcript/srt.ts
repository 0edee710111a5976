// SubRip (.srt), tolerant of what real files do: no cue number, `,` or `.` before the milliseconds, no
// hours, a BOM, CRLF, several blank lines between cues, trailing whitespace, and <i>/<b>/<u>/<font> tags or
// {\an8} overrides in the text. A line containing `-->` that is not a valid timing line, or a cue that
// ends before it starts, is rejected with its line number.
//
// Speakers (conservative, so that ordinary sentences are never mistaken for names): a cue line that starts
// with a name in capitals and a colon (`JOHN SMITH: text`, `- ANN: text`), or with a dash and one to three
// capitalised words and a colon (`- Ann Lee: text`), names the speaker; the prefix is removed from the text.
// Anything else (`Note: text`, `Ann: text` without the dash) stays text.
import { err, ok, type Result } from '../types/result.ts';
import { splitLines, type CueDraft } from './build.ts';
import { stripBom } from './decode.ts';
import { formatTimecode } from './timecode.ts';
import { SPEAKER_SEPARATOR } from './webvtt.ts';

const TIMESTAMP = String.raw`(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[,.](\d{1,3}))?`;
const TIMING_LINE = new RegExp(String.raw`^\s*${TIMESTAMP}\s*-->\s*${TIMESTAMP}(?:\s+.*)?\s*$`);
const INDEX_LINE = /^\s*\d+\s*$/;
const MARKUP = /<\/?(?:i|b|u|s|em|strong|font|span)(?:\s[^<>]*)?>|\{\\[^{}]*\}/gi;
const CAPS_SPEAKER = /^(?:-\s*)?(\p{Lu}[\p{Lu}\p{M}\d .'’-]{0,38}[\p{Lu}\p{M}\d.])\s*:\s+(\S.*)$/u;
const DASH_SPEAKER = /^-\s*(\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,2})\s*:\s+(\S.*)$/u;

type Timing = { start: number; end: number } | { error: string } | null;

/** Seconds of a matched SRT timestamp's groups, or an error when minutes or seconds exceed 59. */
function seconds(h: string | undefined, m: string, s: string, frac: string | undefined): number | string {
  const mm = Number(m);
  const ss = Number(s);
  if (mm > 59) return `minutes must be 0-59, found ${m}`;
  if (ss > 59) return `seconds must be 0-59, found ${s}`;
  return Number(h ?? 0) * 3600 + mm * 60 + ss + (frac ? Number(frac) / 10 ** frac.length : 0);
}

function parseTiming(line: string): Timing {
  const m = TIMING_LINE.exec(line);
  if (!m) return line.includes('-->') ? { error: `malformed timing line ${JSON.stringify(line.trim().slice(0, 60))}; expected "00:00:01,000 --> 00:00:04,000"` } : null;
  const start = seconds(m[1], m[2]!, m[3]!, m[4]);
  const end = seconds(m[5], m[6]!, m[7]!, m[8]);
  if (typeof start === 'string') return { error: `bad start time: ${start}` };
  if (typeof end === 'string') return { error: `bad end time: ${end}` };
  return { start, end };
}

/** Removes SRT markup from one line of cue text; never throws. */
export function stripSrtMarkup(line: string): string {
  return line.replace(MARKUP, '');
}

/** Splits a `NAME: text` or `- Name: text` prefix off a cue line (rules above); returns null when the line names no speaker. */
export function splitSpeakerPrefix(line: string): { speaker: string; text: string } | null {
  const m = CAPS_SPEAKER.exec(line) ?? DASH_SPEAKER.exec(line);
  if (!m) return null;
  const speaker = m[1]!.trim();
  // A caps "name" needs two letters: `A: yes` and `2: no` are not speakers.
  if ((speaker.match(/\p{L}/gu) ?? []).length < 2) return null;
  return { speaker, text: m[2]! };
}

interface OpenCue {
  id?: string;
  start: number;
  end: number;
  lines: string[];
}

function finishCue(cue: OpenCue): CueDraft {
  const speakers: string[] = [];
  const lines = cue.lines.map((raw) => {
    const line = stripSrtMarkup(raw).trimEnd();
    const split = splitSpeakerPrefix(line);
    if (!split) return line;
    if (!speakers.includes(split.speaker)) speakers.push(split.speaker);
    return split.text;
  });
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const draft: CueDraft = { start: cue.start, end: cue.end, speaker: speakers.length > 0 ? speakers.join(SPEAKER_SEPARATOR) : null, text: lines.join('\n') };
  if (cue.id !== undefined) draft.id = cue.id;
  return draft;
}

/** Parses SRT text into cues in file order; returns an error naming the line of a malformed timing, a cue ending before it starts, or text before the first cue. */
export function parseSrt(fileName: string, text: string): Result<CueDraft[]> {
  const lines = splitLines(stripBom(text));
  const cues: CueDraft[] = [];
  let open: OpenCue | null = null;
  let pendingBlank = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (line.includes('\0')) return err(`${fileName}: line ${lineNo}: contains a NUL character; this is not a text subtitle file`);
    if (line.trim() === '') {
      pendingBlank = open !== null;
      continue;
    }
    let timing = parseTiming(line);
    let id: string | undefined;
    let timingLineNo = lineNo;
    if (timing === null && INDEX_LINE.test(line) && i + 1 < lines.length) {
      const next = parseTiming(lines[i + 1]!);
      if (next !== null) {
        timing = next;
        id = line.trim();
        timingLineNo = lineNo + 1;
        i++;
      }
    }
    if (timing !== null) {
      if ('error' in timing) return err(`${fileName}: line ${timingLineNo}: ${timing.error}`);
      if (timing.end < timing.start) {
        return err(`${fileName}: line ${timingLineNo}: the cue ends (${formatTimecode(timing.end)}) before it starts (${formatTimecode(timing.start)})`);
      }
      if (open) cues.push(finishCue(open));
      open = { start: timing.start, end: timing.end, lines: [] };
      if (id !== undefined) open.id = id;
      pendingBlank = false;
      continue;
    }
    if (!open) {
      return err(`${fileName}: line ${lineNo}: expected a cue number or a timing line like "00:00:01,000 --> 00:00:04,000", found ${JSON.stringify(line.trim().slice(0, 60))}`);
    }
    // Text after a blank line that starts no new cue: the file's blank line was inside the cue's text.
    if (pendingBlank && open.lines.length > 0) open.lines.push('');
    pendingBlank = false;
    open.lines.push(line);
  }
  if (open) cues.push(finishCue(open));
  return ok(cues);
}
