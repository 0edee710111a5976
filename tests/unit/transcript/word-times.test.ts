// Word timings (issue 6: Whisper JSON "segments and words"; WebVTT inline timestamps): where the transcript
// times its words, a passage's time range is its words', in the fragment selector, the reports and playback.
import { describe, expect, it } from 'vitest';
import { createSelectors, cueTimeRange, fragmentFor, timeRangeOf, unitsInRange } from '../../../shared/anchor/selectors.ts';
import { validateEvent } from '../../../shared/ledger/entry.ts';
import { MAX_CUE_WORDS } from '../../../shared/ledger/limits.ts';
import { MemoryState } from '../../../shared/ledger/project.ts';
import { toBase64 } from '../../../shared/ledger/base64.ts';
import { parseTranscript } from '../../../shared/transcript/index.ts';
import { WHISPER_WORD_GAP_CHARS } from '../../../shared/transcript/whisper-json.ts';
import type { Source } from '../../../shared/types/domain.ts';
import type { LedgerEntry, LedgerEvent } from '../../../shared/types/events.ts';
import type { CueUnit, SourceText } from '../../../shared/types/text.ts';

const enc = new TextEncoder();

function imported(name: string, content: string): SourceText {
  const result = parseTranscript(name, enc.encode(content));
  if (!result.ok) throw new Error(`expected ${name} to import: ${result.error}`);
  return result.value.sourceText;
}

/** Each cue's timed words as [the words' text, start, end]. */
function words(text: SourceText): [string, number, number][][] {
  return (text.units as CueUnit[]).map((u) => (u.words ?? []).map((w) => [text.text.slice(w.range[0], w.range[1]), w.time[0], w.time[1]]));
}

const whisper = JSON.stringify({
  segments: [
    {
      id: 0,
      start: 0,
      end: 6,
      text: ' The council voted, seven to two, against it.',
      words: [
        { word: ' The', start: 0.1, end: 0.3 },
        { word: ' council', start: 0.3, end: 0.8 },
        { word: ' voted,', start: 0.8, end: 1.4 },
        { word: ' seven', start: 2.0, end: 2.4 },
        { word: ' to', start: 2.4, end: 2.5 },
        { word: ' two,', start: 2.5, end: 3.0 },
        { word: ' against', start: 4.1, end: 4.6 },
        { word: ' it.', start: 4.6, end: 5.2 },
      ],
    },
    { id: 1, start: 6, end: 9, text: ' No words are timed here.' },
    {
      id: 2,
      start: 9,
      end: 12,
      text: ' Timings that do not match.',
      words: [
        { word: ' Timings', start: 9.1, end: 9.6 },
        { word: ' elsewhere', start: 9.6, end: 10 },
        { word: ' that', start: 10, end: 10.2 },
        { word: ' do', start: null, end: 10.4 },
        { word: ' not', start: 10.6, end: 10.5 },
        { word: ' match.', start: 10.8, end: 11.5 },
      ],
    },
  ],
});

describe('Whisper word timings', () => {
  const text = imported('council.json', whisper);

  it("keeps each timed word on its own characters of the segment's text", () => {
    expect(words(text)[0]).toEqual([
      ['The', 0.1, 0.3],
      ['council', 0.3, 0.8],
      ['voted,', 0.8, 1.4],
      ['seven', 2, 2.4],
      ['to', 2.4, 2.5],
      ['two,', 2.5, 3],
      ['against', 4.1, 4.6],
      ['it.', 4.6, 5.2],
    ]);
    expect((text.units[1] as CueUnit).words).toBeUndefined();
  });

  it('leaves out a word not in the text, an untimed one and one ending before it starts, and keeps the rest in place', () => {
    expect(words(text)[2]).toEqual([
      ['Timings', 9.1, 9.6],
      ['that', 10, 10.2],
      ['match.', 10.8, 11.5],
    ]);
  });

  it('gives a passage inside a segment the time of its words, in the fragment selector and everywhere it is shown', () => {
    const start = text.text.indexOf('seven');
    const end = text.text.indexOf('two,') + 'two,'.length;
    expect(timeRangeOf(text, start, end)).toEqual([2, 3]);
    expect(fragmentFor(text, start, end).value).toBe('t=2,3');
    expect(createSelectors(text, start, end).fragment.value).toBe('t=2,3');
    // A selection that starts or ends inside a word takes the whole word's time.
    expect(timeRangeOf(text, start + 2, end - 2)).toEqual([2, 3]);
    expect(cueTimeRange(unitsInRange(text, start, end), start, end)).toEqual([2, 3]);
  });

  it('spans cues: the first word touched in the first cue to the end of the last cue when it has no timed words', () => {
    const start = text.text.indexOf('against');
    const end = text.text.indexOf('timed') + 'timed'.length;
    expect(timeRangeOf(text, start, end)).toEqual([4.1, 9]);
    const back = text.text.indexOf('No words');
    expect(timeRangeOf(text, back, text.text.indexOf('Timings') + 3)).toEqual([6, 9.6]);
  });

  it('falls back to the cue times when the range touches no timed word (spaces between words, an untimed cue)', () => {
    const gap = text.text.indexOf(' seven');
    expect(timeRangeOf(text, gap, gap + 1)).toEqual([0, 6]);
    const plain = text.text.indexOf('No words');
    expect(timeRangeOf(text, plain, plain + 8)).toEqual([6, 9]);
  });
});

describe('word timings at the edges', () => {
  it(`looks for the next Whisper word at most ${WHISPER_WORD_GAP_CHARS} characters of spaces or punctuation ahead`, () => {
    const far = `${'-'.repeat(WHISPER_WORD_GAP_CHARS + 1)} near`;
    const json = JSON.stringify({ segments: [{ start: 0, end: 3, text: ` a ${far}`, words: [{ word: ' a', start: 0, end: 1 }, { word: ' near', start: 2, end: 3 }] }] });
    expect(words(imported('far.json', json))).toEqual([[['a', 0, 1]]]);
    const close = JSON.stringify({ segments: [{ start: 0, end: 3, text: ' a -- near', words: [{ word: ' a', start: 0, end: 1 }, { word: ' near', start: 2, end: 3 }] }] });
    expect(words(imported('close.json', close))).toEqual([[['a', 0, 1], ['near', 2, 3]]]);
  });

  it('gives a range over 150,000 cues out of time order the earliest start and latest end (no argument-list overflow)', () => {
    const count = 150_000;
    const units: CueUnit[] = Array.from({ length: count }, (_, i) => ({ kind: 'cue', index: i, time: [count - i, count - i + 0.5], speaker: null, range: [2 * i, 2 * i + 1] }));
    const text: SourceText = { type: 'source-text', sha256: '0'.repeat(64), kind: 'transcript', text: 'x\n'.repeat(count), units };
    expect(timeRangeOf(text, 0, 2 * count - 1)).toEqual([1, count + 0.5]);
  });
});

describe('WebVTT inline timestamps', () => {
  const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Ana>Never <00:00:01.500>said <00:00:02.250>that, <00:00:03.000><i>ever</i>.\n\n00:00:05.000 --> 00:00:07.000\nPlain cue.\n';
  const text = imported('karaoke.vtt', vtt);

  it('times the stretches between timestamps (the first from the cue start, the last to the cue end)', () => {
    expect(words(text)).toEqual([
      [
        ['Never', 1, 1.5],
        ['said', 1.5, 2.25],
        ['that,', 2.25, 3],
        ['ever.', 3, 5],
      ],
      [],
    ]);
    const start = text.text.indexOf('said');
    expect(fragmentFor(text, start, start + 'said that'.length).value).toBe('t=1.5,3');
  });
});

describe('word timings in the ledger', () => {
  const text = imported('council.json', whisper);
  const source: Source = {
    type: 'source',
    sha256: text.sha256,
    kind: 'transcript',
    fileName: 'council.json',
    mediaType: 'application/json',
    size: whisper.length,
    title: 'Council',
    author: null,
    unitCount: text.units.length,
    recordingSha256: null,
    replaces: null,
    pageOffset: 0,
    addedAt: '2026-01-01T00:00:00.000Z',
  };
  const withWords = (change: (cue: CueUnit) => void): SourceText => {
    const copy = structuredClone(text);
    change(copy.units[0] as CueUnit);
    return copy;
  };
  const add = (t: SourceText): LedgerEvent => ({ type: 'source.added', payload: { source, text: t } });

  it('accepts a text with word timings, and names a word that ends before it starts or too many words', () => {
    expect(validateEvent(add(text)).ok).toBe(true);
    const backwards = validateEvent(add(withWords((c) => (c.words![1]!.time = [3, 2]))));
    expect(backwards.ok ? "" : backwards.error).toBe("event source.added: payload.text.units[0].words[1].time: a word must not end before it starts");
    const many = validateEvent(add(withWords((c) => (c.words = Array.from({ length: MAX_CUE_WORDS + 1 }, () => ({ range: [0, 1], time: [0, 1] }))))));
    expect(many.ok).toBe(false);
  });

  it('refuses, naming it, a word outside its cue or out of text order', async () => {
    const apply = async (t: SourceText): Promise<string> => {
      const state = new MemoryState();
      const created: LedgerEntry = { seq: 0, time: '2026-01-01T00:00:00.000Z', actor: 'Ana', type: 'workspace.created', payload: { workspace: { id: 'ws', name: 'W', createdAt: '2026-01-01T00:00:00.000Z', publicKey: toBase64(new Uint8Array(32).fill(1)) } } } as LedgerEntry;
      await state.applyEntry(created);
      const entry = { seq: 1, time: '2026-01-01T00:00:01.000Z', actor: 'Ana', ...add(t) } as LedgerEntry;
      return state.applyEntry(entry).then(
        () => 'applied',
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
    };
    await expect(apply(text)).resolves.toBe('applied');
    const cueEnd = (text.units[0] as CueUnit).range[1];
    await expect(apply(withWords((c) => (c.words![7]!.range = [cueEnd - 2, cueEnd + 5])))).resolves.toMatch(/text\.units\[0\]\.words\[7\]\.range is outside its cue/);
    await expect(apply(withWords((c) => c.words!.reverse()))).resolves.toMatch(/text\.units\[0\]\.words\[1\]\.range is outside its cue or before the word ahead of it/);
  });
});
