// Builds transcript SourceTexts for the viewer's tests: cues joined by newlines, each cue's range covering
// its words and the newline after it, as the transcript parsers lay them out.
import type { CueUnit, SourceText } from '../../../shared/types/text.ts';
import type { Passage } from '../../../shared/types/domain.ts';
import { createSelectors } from '../../../shared/anchor/selectors.ts';

/** A cue to build: start and end seconds, speaker and words. */
export interface CueSpec {
  start: number;
  end: number;
  speaker: string | null;
  words: string;
}

/** A transcript SourceText whose cues are `specs`, in order. */
export function makeTranscript(specs: readonly CueSpec[], sha256 = 'a'.repeat(64)): SourceText {
  let text = '';
  const units: CueUnit[] = specs.map((spec, index) => {
    const start = text.length;
    text += `${spec.words}\n`;
    return { kind: 'cue', index, time: [spec.start, spec.end], speaker: spec.speaker, range: [start, text.length] };
  });
  return { type: 'source-text', sha256, kind: 'transcript', text, units };
}

/** A transcript of `count` cues, 2.5 s each, alternating speakers Alice and Bob, numbered words. */
export function makeLongTranscript(count: number): SourceText {
  return makeTranscript(
    Array.from({ length: count }, (_, i) => ({
      start: i * 2.5,
      end: i * 2.5 + 2.5,
      speaker: i % 2 === 0 ? 'Alice' : 'Bob',
      words: `Sentence number ${i} is spoken here.`,
    })),
  );
}

/** A passage over `[start, end)` of `text`, with real selectors. */
export function makePassage(id: string, text: SourceText, start: number, end: number): Passage {
  return {
    type: 'passage',
    id,
    sourceSha256: text.sha256,
    selectors: createSelectors(text, start, end),
    rects: [],
    speakers: [],
    createdAt: '2026-11-28T00:00:00.000Z',
  };
}
