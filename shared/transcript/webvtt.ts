// WebVTT through webvtt-parser (the W3C's webvtt.js). It reports problems and parses on, as the W3C
// algorithm does; the one problem that makes a file not WebVTT at all is a bad signature line, which the
// W3C tests expect to fail loading, so that alone becomes an error. A valid file with no cues imports as
// an empty transcript (the tests expect zero cues, not a failure).
//
// webvtt-parser is CommonJS and, when `window` exists (the renderer), also copies its classes onto
// `window`; it touches no other platform API.
import webvttParser, { type WebVTTNode } from 'webvtt-parser';
import htmlEntities from 'webvtt-parser/html-entities.json' with { type: 'json' };
import { err, ok, type Result } from '../types/result.ts';
import { MAX_CUE_WORDS } from '../ledger/limits.ts';
import type { CueDraft, CueWordDraft } from './build.ts';

/** Joins the names of a cue with more than one voice span (`<v Ann>…<v Bob>…` gives `Ann, Bob`). */
export const SPEAKER_SEPARATOR = ', ';

const entities: Record<string, string> = htmlEntities;

/** Longest line (in characters) a WebVTT file may have; a cue line is a sentence or two, a metadata cue a small payload. */
export const MAX_WEBVTT_LINE_CHARS = 1_000_000;
/**
 * Deepest nesting of cue text tags (<c>, <i>, <b>, <u>, <ruby>, <rt>, <v>, <lang>) accepted. Real captions
 * nest a few levels; webvtt-parser builds and copies the tag tree recursively, so a cue nested thousands
 * deep would overflow the stack.
 */
export const MAX_WEBVTT_TAG_DEPTH = 100;

const NESTING_TAGS = new Set(['c', 'i', 'b', 'u', 'ruby', 'v', 'lang']);

/**
 * Why the text is too big in shape for webvtt-parser (a line past MAX_WEBVTT_LINE_CHARS, or cue text nesting
 * tags past MAX_WEBVTT_TAG_DEPTH), naming the file and line; null when it is not. Iterative and linear:
 * it follows the parser's own rules for which tags open and close a node, so its depth is the parser's.
 */
export function webVttShapeProblem(fileName: string, text: string): string | null {
  const lineBreak = /\r\n|\r|\n/g;
  const tag = /<(\/?)([^\s.>]*)[^>]*>?/g;
  let stack: string[] = [];
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    line++;
    lineBreak.lastIndex = start;
    const brk = lineBreak.exec(text);
    const end = brk ? brk.index : text.length;
    if (end - start > MAX_WEBVTT_LINE_CHARS) {
      return `${fileName}: line ${line}: the line has ${end - start} characters, more than the ${MAX_WEBVTT_LINE_CHARS} a WebVTT line may have`;
    }
    const content = text.slice(start, end);
    // A blank line ends a cue and a timing line starts the next one: the tag tree starts afresh.
    if (content === '' || content.includes('-->')) stack = [];
    else if (content.includes('<')) {
      tag.lastIndex = 0;
      for (let m = tag.exec(content); m !== null; m = tag.exec(content)) {
        const name = m[2]!;
        const top = stack[stack.length - 1];
        if (m[1] === '/') {
          if (name === top) stack.pop();
          else if (name === 'ruby' && top === 'rt') stack.length -= 2;
        } else if (NESTING_TAGS.has(name) || (name === 'rt' && top === 'ruby')) {
          stack.push(name);
          if (stack.length > MAX_WEBVTT_TAG_DEPTH) {
            return `${fileName}: line ${line}: cue text nests tags more than ${MAX_WEBVTT_TAG_DEPTH} deep; close tags (such as </b>) before opening more`;
          }
        }
        if (m[0] === '') tag.lastIndex++;
      }
    }
    if (!brk) break;
    start = end + brk[0].length;
  }
  return null;
}

/** Parses WebVTT text (BOM kept) into cues in the W3C's cue order, markup stripped and entities decoded; returns an error for a missing or bad signature. */
export function parseWebVtt(fileName: string, text: string): Result<CueDraft[]> {
  if (text.length === 0) return err(`${fileName}: line 1: the file is empty; a WebVTT file starts with the line "WEBVTT"`);
  const shape = webVttShapeProblem(fileName, text);
  if (shape !== null) return err(shape);
  const parsed = new webvttParser.WebVTTParser(entities).parse(text, 'metadata');
  if (parsed.errors.some((e) => e.message.startsWith('No valid signature'))) {
    const first = /^[^\r\n]*/.exec(text)?.[0] ?? '';
    return err(
      `${fileName}: line 1: not a WebVTT file: the first line must be "WEBVTT", optionally followed by a space or tab and more text; found ${JSON.stringify(first.slice(0, 40))}`,
    );
  }
  return ok(
    parsed.cues.map((cue) => {
      const speakers: string[] = [];
      const { text, marks } = flattenCueText(cue.tree.children, speakers);
      const draft: CueDraft = { start: cue.startTime, end: cue.endTime, speaker: speakers.length > 0 ? speakers.join(SPEAKER_SEPARATOR) : null, text };
      if (cue.id !== '') draft.id = cue.id;
      const words = timedStretches(text, marks, cue.startTime, cue.endTime);
      if (words.length > 0) draft.words = words;
      return draft;
    }),
  );
}

/** Where an inline timestamp (`<00:00:01.500>`) stands in a cue's text: the offset it precedes and its time. */
interface TimestampMark {
  at: number;
  time: number;
}

// The words of a cue: text nodes in order; tags (<c>, <i>, <b>, <u>, <lang>, <ruby>) keep their words and
// lose their markup; voice spans give speakers; ruby annotations (<rt>) are not words; inline timestamps
// are not words but are remembered with the offset they precede.
function flattenCueText(nodes: readonly WebVTTNode[], speakers: string[]): { text: string; marks: TimestampMark[] } {
  let text = '';
  const marks: TimestampMark[] = [];
  const walk = (list: readonly WebVTTNode[]): void => {
    for (const node of list) {
      if (node.type === 'text') text += node.value;
      else if (node.type === 'timestamp') marks.push({ at: text.length, time: node.value });
      else if (node.type === 'object') {
        if (node.name === 'rt') continue;
        if (node.name === 'v') {
          const name = (node.value ?? '').trim();
          if (name !== '' && !speakers.includes(name)) speakers.push(name);
        }
        walk(node.children);
      }
    }
  };
  walk(nodes);
  return { text, marks };
}

/**
 * The timed stretches inline timestamps make of a cue (karaoke-style WebVTT: each stretch runs from one
 * timestamp, or the cue's start, to the next, or the cue's end), as word timings with their edge spaces
 * trimmed. A stretch of spaces only, or whose times run backwards, is left out; at most MAX_CUE_WORDS.
 */
function timedStretches(text: string, marks: readonly TimestampMark[], start: number, end: number): CueWordDraft[] {
  if (marks.length === 0) return [];
  const bounds: TimestampMark[] = [{ at: 0, time: start }, ...marks];
  const out: CueWordDraft[] = [];
  for (let i = 0; i < bounds.length && out.length < MAX_CUE_WORDS; i++) {
    const next = bounds[i + 1];
    let from = bounds[i]!.at;
    let to = next?.at ?? text.length;
    const t0 = bounds[i]!.time;
    const t1 = next?.time ?? end;
    while (from < to && /\s/u.test(text[from]!)) from++;
    while (to > from && /\s/u.test(text[to - 1]!)) to--;
    if (from === to || t1 < t0) continue;
    out.push({ from, to, start: t0, end: t1 });
  }
  return out;
}
