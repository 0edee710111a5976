import { describe, expect, it } from 'vitest';
import { timeRangeOf } from '../../../shared/anchor/selectors.ts';
import type { CueUnit } from '../../../shared/types/text.ts';
import { MEDIA_FRAGMENT_SPEC } from '../../../shared/types/selectors.ts';
import {
  cueAtTime,
  cuePositionAtOffset,
  cuePositionsInRange,
  cuesOf,
  formatTimecode,
  parseTimeFragment,
  passageTimeRange,
  sortByStart,
  speakersInRange,
  wordAtTime,
} from '../../../renderer/src/transcript/time.ts';
import { makeLongTranscript, makePassage, makeTranscript } from './make-transcript.ts';

const text = makeTranscript([
  { start: 0, end: 2, speaker: 'Alice', words: 'Hello there.' },
  { start: 2, end: 4.5, speaker: 'Bob', words: 'Hi Alice.' },
  { start: 6, end: 8, speaker: null, words: '[music]' },
  { start: 8, end: 10.25, speaker: 'Alice', words: 'Shall we begin?' },
]);
const cues = cuesOf(text);

describe('formatTimecode', () => {
  it('pads hours, minutes, seconds and milliseconds', () => {
    expect(formatTimecode(0)).toBe('00:00:00.000');
    expect(formatTimecode(754.5)).toBe('00:12:34.500');
    expect(formatTimecode(36_000 + 61.007)).toBe('10:01:01.007');
  });
  it('rounds to whole milliseconds before carrying, never showing 60 seconds', () => {
    expect(formatTimecode(59.9996)).toBe('00:01:00.000');
    expect(formatTimecode(3599.9999)).toBe('01:00:00.000');
  });
  it('lets hours grow past 99', () => {
    expect(formatTimecode(100 * 3600)).toBe('100:00:00.000');
  });
  it('rejects negative and non-finite times', () => {
    expect(() => formatTimecode(-1)).toThrow(RangeError);
    expect(() => formatTimecode(Number.NaN)).toThrow(RangeError);
    expect(() => formatTimecode(Infinity)).toThrow(RangeError);
  });
});

describe('cueAtTime', () => {
  it('finds the cue whose [start, end) holds the time', () => {
    expect(cueAtTime(cues, 0)?.index).toBe(0);
    expect(cueAtTime(cues, 1.999)?.index).toBe(0);
    expect(cueAtTime(cues, 2)?.index).toBe(1);
    expect(cueAtTime(cues, 9)?.index).toBe(3);
  });
  it('gives null in a gap, before the first and after the last cue', () => {
    expect(cueAtTime(cues, 5)).toBeNull();
    expect(cueAtTime(cues, -1)).toBeNull();
    expect(cueAtTime(cues, 10.25)).toBeNull();
    expect(cueAtTime(cues, Number.NaN)).toBeNull();
    expect(cueAtTime([], 1)).toBeNull();
  });
  it('finds a long cue still running under a later, shorter one that has ended', () => {
    const overlapping: CueUnit[] = [
      { kind: 'cue', index: 0, time: [0, 20], speaker: null, range: [0, 1] },
      { kind: 'cue', index: 1, time: [5, 6], speaker: null, range: [1, 2] },
    ];
    expect(cueAtTime(overlapping, 5.5)?.index).toBe(1);
    expect(cueAtTime(overlapping, 10)?.index).toBe(0);
  });
  it('agrees with a linear scan on a long transcript', () => {
    const long = cuesOf(makeLongTranscript(20_000));
    for (const t of [0, 1.25, 2.5, 12_345.6, 49_997.5, 49_999.99, 50_000]) {
      const linear = long.filter((c) => c.time[0] <= t && t < c.time[1]).at(-1) ?? null;
      expect(cueAtTime(long, t)).toBe(linear);
    }
  });
  it('works on cues sorted by sortByStart when the document order is not time order', () => {
    const shuffled: CueUnit[] = [
      { kind: 'cue', index: 0, time: [10, 12], speaker: null, range: [0, 1] },
      { kind: 'cue', index: 1, time: [0, 2], speaker: null, range: [1, 2] },
    ];
    const sorted = sortByStart(shuffled);
    expect(sorted.map((c) => c.index)).toEqual([1, 0]);
    expect(cueAtTime(sorted, 11)?.index).toBe(0);
    expect(sortByStart(cues)).toBe(cues);
  });
});

describe('char ranges to cues, times and speakers', () => {
  // Cue ranges: "Hello there.\n" [0,13), "Hi Alice.\n" [13,23), "[music]\n" [23,31), "Shall we begin?\n" [31,47).
  it('finds the cue holding an offset', () => {
    expect(cuePositionAtOffset(cues, 0)).toBe(0);
    expect(cuePositionAtOffset(cues, 12)).toBe(0);
    expect(cuePositionAtOffset(cues, 13)).toBe(1);
    expect(cuePositionAtOffset(cues, 46)).toBe(3);
    expect(cuePositionAtOffset(cues, 47)).toBeNull();
  });
  it('finds the cues a range overlaps', () => {
    expect(cuePositionsInRange(cues, 3, 5)).toEqual([0, 0]);
    expect(cuePositionsInRange(cues, 6, 16)).toEqual([0, 1]);
    expect(cuePositionsInRange(cues, 13, 23)).toEqual([1, 1]);
    expect(cuePositionsInRange(cues, 0, 47)).toEqual([0, 3]);
    expect(cuePositionsInRange(cues, 5, 5)).toBeNull();
  });
  it('gives the time range of the cues a char range spans', () => {
    expect(timeRangeOf(text, 6, 16)).toEqual([0, 4.5]);
    expect(timeRangeOf(text, 14, 40)).toEqual([2, 10.25]);
    expect(timeRangeOf(text, 47, 50)).toBeNull();
  });
  it('lists the distinct named speakers of a range in order', () => {
    expect(speakersInRange(text, 0, 47)).toEqual(['Alice', 'Bob']);
    expect(speakersInRange(text, 14, 47)).toEqual(['Bob', 'Alice']);
    expect(speakersInRange(text, 24, 28)).toEqual([]);
  });
});

describe('wordAtTime', () => {
  const cue: CueUnit = {
    kind: 'cue',
    index: 0,
    time: [0, 10],
    speaker: null,
    range: [0, 20],
    words: [
      { range: [0, 4], time: [1, 2] },
      { range: [5, 9], time: [2, 3.5] },
      { range: [10, 14], time: [5, 6] },
    ],
  };
  it('gives the word spoken at a time, none between words or outside them, and none without word timings', () => {
    expect(wordAtTime(cue, 1)).toEqual([0, 4]);
    expect(wordAtTime(cue, 2)).toEqual([5, 9]);
    expect(wordAtTime(cue, 3.49)).toEqual([5, 9]);
    expect(wordAtTime(cue, 4)).toBeNull();
    expect(wordAtTime(cue, 0.5)).toBeNull();
    expect(wordAtTime(cue, 6)).toBeNull();
    expect(wordAtTime({ ...cue, words: undefined }, 1)).toBeNull();
  });
});

describe('passage time ranges', () => {
  it('reads Media Fragments temporal values', () => {
    expect(parseTimeFragment('t=12.5,18')).toEqual([12.5, 18]);
    expect(parseTimeFragment('t=npt:0:00:12.5,1:02:03')).toEqual([12.5, 3723]);
    expect(parseTimeFragment('t=,4')).toEqual([0, 4]);
    expect(parseTimeFragment('t=5')).toBeNull();
    expect(parseTimeFragment('t=9,3')).toBeNull();
    expect(parseTimeFragment('page=3')).toBeNull();
  });
  it('plays the fragment of a passage, or the cues of its position when the fragment is not a time', () => {
    const passage = makePassage('p1', text, 6, 16);
    expect(passage.selectors.fragment).toEqual({ type: 'FragmentSelector', conformsTo: MEDIA_FRAGMENT_SPEC, value: 't=0,4.5' });
    expect(passageTimeRange(passage, text)).toEqual([0, 4.5]);
    const edited = { ...passage, selectors: { ...passage.selectors, fragment: { ...passage.selectors.fragment, value: 't=1,3' } } };
    expect(passageTimeRange(edited, text)).toEqual([1, 3]);
    const broken = { ...passage, selectors: { ...passage.selectors, fragment: { ...passage.selectors.fragment, value: 'nonsense' } } };
    expect(passageTimeRange(broken, text)).toEqual([0, 4.5]);
  });
});
