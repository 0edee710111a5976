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
import type { CueDraft } from './build.ts';

/** Joins the names of a cue with more than one voice span (`<v Ann>…<v Bob>…` gives `Ann, Bob`). */
export const SPEAKER_SEPARATOR = ', ';

const entities: Record<string, string> = htmlEntities;

/** Parses WebVTT text (BOM kept) into cues in the W3C's cue order, markup stripped and entities decoded; returns an error for a missing or bad signature. */
export function parseWebVtt(fileName: string, text: string): Result<CueDraft[]> {
  if (text.length === 0) return err(`${fileName}: line 1: the file is empty; a WebVTT file starts with the line "WEBVTT"`);
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
      const text = flattenCueText(cue.tree.children, speakers);
      const draft: CueDraft = { start: cue.startTime, end: cue.endTime, speaker: speakers.length > 0 ? speakers.join(SPEAKER_SEPARATOR) : null, text };
      if (cue.id !== '') draft.id = cue.id;
      return draft;
    }),
  );
}

// The words of a cue: text nodes in order; tags (<c>, <i>, <b>, <u>, <lang>, <ruby>) keep their words and
// lose their markup; voice spans give speakers; ruby annotations (<rt>) and timestamp tags are not words.
function flattenCueText(nodes: readonly WebVTTNode[], speakers: string[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.value;
    else if (node.type === 'object') {
      if (node.name === 'rt') continue;
      if (node.name === 'v') {
        const name = (node.value ?? '').trim();
        if (name !== '' && !speakers.includes(name)) speakers.push(name);
      }
      out += flattenCueText(node.children, speakers);
    }
  }
  return out;
}
