// Properties every import holds, whatever the bytes: no throw, a Result; on success, cues in order that
// cover the text without overlap, joined by CUE_SEPARATOR, each inside the text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUE_SEPARATOR, formatTimecode, parseTranscript } from '../../../shared/transcript/index.ts';
import type { CueUnit } from '../../../shared/types/text.ts';
import type { SourceText } from '../../../shared/types/text.ts';

const names = fc.constantFrom('a.vtt', 'a.srt', 'a.json', 'a.txt', 'a');

function checkShape(text: SourceText): void {
  let previousEnd = -CUE_SEPARATOR.length;
  text.units.forEach((unit, index) => {
    expect(unit.kind).toBe('cue');
    expect(unit.index).toBe(index);
    const [start, end] = unit.range;
    expect(start).toBe(previousEnd + CUE_SEPARATOR.length);
    expect(end).toBeGreaterThanOrEqual(start);
    expect(end).toBeLessThanOrEqual(text.text.length);
    if (index > 0) expect(text.text.slice(start - CUE_SEPARATOR.length, start)).toBe(CUE_SEPARATOR);
    if (unit.kind === 'cue') for (const t of unit.time) expect(Number.isFinite(t)).toBe(true);
    previousEnd = end;
  });
  expect(previousEnd).toBe(text.units.length === 0 ? -CUE_SEPARATOR.length : text.text.length);
}

function checkImport(name: string, bytes: Uint8Array): void {
  const result = parseTranscript(name, bytes);
  if (result.ok) checkShape(result.value.sourceText);
  else expect(result.error.startsWith(`${name}: `)).toBe(true);
}

// Strings built from the pieces transcripts are made of, so that many of them parse.
const piece = fc.constantFrom(
  'WEBVTT\n\n',
  '00:00:01.000 --> 00:00:02.000',
  '00:01,5 --> 00:02,000',
  '00:00:03,000 --> 00:00:01,000',
  '1\n',
  '\n',
  '\r\n',
  '\n\n',
  '<v Ann>',
  '</v>',
  '<b>',
  '&amp;',
  'JOHN: ',
  '- Ann: ',
  '[00:00:05] ',
  'Bob (00:01): ',
  '00:00:07 ',
  '{"segments": [',
  '{"start": 1, "end": NaN, "text": " hi"}',
  ']}',
  ',',
  'word ',
  '\uFEFF',
  '\u0000',
  'é',
);

describe('parseTranscript on arbitrary input', () => {
  it('never throws on random bytes, and what it accepts is well formed', () => {
    fc.assert(
      fc.property(names, fc.uint8Array({ maxLength: 300 }), (name, bytes) => checkImport(name, bytes)),
      { numRuns: 2000 },
    );
  });

  it('never throws on strings assembled from transcript syntax, and every cue range lies inside the text', () => {
    const enc = new TextEncoder();
    fc.assert(
      fc.property(names, fc.array(fc.oneof(piece, fc.string({ maxLength: 8 })), { maxLength: 40 }), (name, parts) => checkImport(name, enc.encode(parts.join(''))),
      ),
      { numRuns: 3000 },
    );
  });
});

// Round trip: cues written in each format read back as the same cues (times to the millisecond).
interface GenCue {
  startMs: number;
  durMs: number;
  speaker: string | null;
  words: string[];
}
const word = fc.constantFrom('we', 'will', 'not', 'raise', 'taxes,', 'ever.', 'Über', '“quoted”', "don't", '3', '&', '<', '>', 'x-y');
const genCue = fc.record({
  startMs: fc.integer({ min: 0, max: 3_600_000 }),
  durMs: fc.integer({ min: 1, max: 20_000 }),
  speaker: fc.option(fc.constantFrom('Ann Lee', 'BOB', 'Speaker 1'), { nil: null }),
  words: fc.array(word, { minLength: 1, maxLength: 12 }),
});
const sortedCues = fc.array(genCue, { minLength: 1, maxLength: 30 }).map((cs) => {
  let t = 0;
  return cs.map((c) => {
    t += c.startMs % 5000;
    return { ...c, startMs: t };
  });
});
const ms = (n: number) => formatTimecode(n / 1000);
const escapeVtt = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const writers: Record<string, (cs: GenCue[]) => string> = {
  'a.vtt': (cs) => 'WEBVTT\n\n' + cs.map((c, i) => `c${i}\n${ms(c.startMs)} --> ${ms(c.startMs + c.durMs)}\n${c.speaker ? `<v ${c.speaker}>` : ''}${escapeVtt(c.words.join(' '))}\n`).join('\n'),
  'a.srt': (cs) => cs.map((c, i) => `${i + 1}\r\n${ms(c.startMs).replace('.', ',')} --> ${ms(c.startMs + c.durMs).replace('.', ',')}\r\n${c.speaker && c.speaker === c.speaker.toUpperCase() ? `${c.speaker}: ` : ''}${c.words.join(' ')}\r\n`).join('\r\n'),
  'a.json': (cs) => JSON.stringify({ segments: cs.map((c, i) => ({ id: i, start: c.startMs / 1000, end: (c.startMs + c.durMs) / 1000, text: ` ${c.words.join(' ')}`, speaker: c.speaker ?? undefined })) }),
  'a.txt': (cs) => cs.map((c) => `[${ms(c.startMs)}] ${c.speaker ? `${c.speaker}: ` : ''}${c.words.join(' ')}`).join('\n'),
};

describe('round trip through each format', () => {
  it.each(Object.keys(writers))('%s reads back the cues it was written from', (name) => {
    fc.assert(
      fc.property(sortedCues, (cs) => {
        const result = parseTranscript(name, new TextEncoder().encode(writers[name]!(cs)));
        if (!result.ok) throw new Error(result.error);
        const { sourceText } = result.value;
        checkShape(sourceText);
        // WebVTT orders cues by time (then longest first); the others keep file order.
        const expected = name === 'a.vtt' ? cs.map((c, i) => ({ ...c, i })).sort((a, b) => a.startMs - b.startMs || b.durMs - a.durMs || a.i - b.i) : cs;
        expect(sourceText.units).toHaveLength(cs.length);
        (sourceText.units as CueUnit[]).forEach((unit, i) => {
          const c = expected[i]!;
          expect(sourceText.text.slice(unit.range[0], unit.range[1])).toBe(c.words.join(' '));
          expect(Math.round(unit.time[0] * 1000)).toBe(c.startMs);
          if (name !== 'a.txt') expect(Math.round(unit.time[1] * 1000)).toBe(c.startMs + c.durMs);
          const speakerWritten = name === 'a.srt' ? c.speaker === 'BOB' : true;
          expect(unit.speaker).toBe(speakerWritten ? c.speaker : null);
        });
      }),
      { numRuns: 200 },
    );
  });
});
