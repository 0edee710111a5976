// Re-anchoring passages from one transcript of a recording onto a regenerated one.
import { describe, expect, it } from 'vitest';
import { createSelectors } from '../../../shared/anchor/selectors.ts';
import { parseTranscript } from '../../../shared/transcript/index.ts';
import { timeRangeOf } from '../../../shared/anchor/selectors.ts';
import { matchTranscriptQuote, reanchorPassages, type StoredPassage } from '../../../shared/transcript/reanchor.ts';
import type { SourceText } from '../../../shared/types/text.ts';

function transcript(name: string, content: string): SourceText {
  const result = parseTranscript(name, new TextEncoder().encode(content));
  if (!result.ok) throw new Error(result.error);
  return result.value.sourceText;
}

function passage(text: SourceText, id: string, quote: string, occurrence = 0): StoredPassage {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.text.indexOf(quote, start + 1);
  if (start < 0) throw new Error(`test setup: "${quote}" not in the old text`);
  return { id, selectors: createSelectors(text, start, start + quote.length) };
}

const oldVtt = transcript(
  'old.vtt',
  `WEBVTT

00:00:00.000 --> 00:00:04.000
<v Mayor>We will not raise taxes this year.

00:00:04.000 --> 00:00:08.000
<v Mayor>The budget is balanced, and the reserve is full.

00:00:08.000 --> 00:00:12.000
<v Reporter>What about the bridge repairs?

00:00:12.000 --> 00:00:16.000
<v Mayor>The bridge repairs start in May.

00:10:00.000 --> 00:10:04.000
<v Mayor>As I said, the bridge repairs start in May.
`,
);

// A new Whisper run of the same recording: different segmentation and offsets, one sentence reworded,
// one dropped.
const newWhisper = transcript(
  'new.json',
  JSON.stringify({
    segments: [
      { id: 0, start: 0.2, end: 2.1, text: ' We will not raise', speaker: 'SPEAKER_00' },
      { id: 1, start: 2.1, end: 4.0, text: ' taxes this year. The budget is balanced,', speaker: 'SPEAKER_00' },
      { id: 2, start: 4.0, end: 8.1, text: ' and the reserves are full.', speaker: 'SPEAKER_00' },
      { id: 3, start: 12.1, end: 16.0, text: ' The bridge repairs start in May.', speaker: 'SPEAKER_00' },
      { id: 4, start: 600.0, end: 604.0, text: ' As I said, the bridge repairs start in May.', speaker: 'SPEAKER_00' },
    ],
  }),
);

describe('reanchorPassages', () => {
  it('reports unchanged passages when the transcript is the same', () => {
    const passages = [passage(oldVtt, 'p1', 'raise taxes'), passage(oldVtt, 'p2', 'reserve is full')];
    const report = reanchorPassages(oldVtt, passages, oldVtt);
    expect(report.unchanged.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(report.moved).toEqual([]);
    expect(report.reworded).toEqual([]);
    expect(report.orphaned).toEqual([]);
  });

  it('moves same-word passages to their new offsets and times, across changed cue boundaries', () => {
    const p = passage(oldVtt, 'across', 'We will not raise taxes this year.\nThe budget is balanced');
    const report = reanchorPassages(oldVtt, [p], newWhisper);
    expect(report.moved).toHaveLength(1);
    const moved = report.moved[0]!;
    expect(moved.old).toEqual({ range: [0, 57], time: [0, 8], text: 'We will not raise taxes this year.\nThe budget is balanced' });
    expect(moved.new.text).toBe('We will not raise\ntaxes this year. The budget is balanced');
    expect(moved.new.time).toEqual([0.2, 4]);
    expect(moved.selectors.fragment.value).toBe('t=0.2,4');
    expect(moved.selectors.quote.exact).toBe(moved.new.text);
  });

  it('reports changed wording with old and new text', () => {
    const report = reanchorPassages(oldVtt, [passage(oldVtt, 'reserve', 'and the reserve is full.')], newWhisper);
    expect(report.reworded).toHaveLength(1);
    const r = report.reworded[0]!;
    expect(r.old.text).toBe('and the reserve is full.');
    expect(r.new.text).toBe('and the reserves are full.');
    expect(r.new.time).toEqual([4, 8.1]);
    expect(r.score).toBeGreaterThan(0.5);
    expect(r.score).toBeLessThan(1);
  });

  it('keeps passages it cannot find as orphans with their stored quote', () => {
    const p = passage(oldVtt, 'q', 'What about the bridge repairs?');
    const report = reanchorPassages(oldVtt, [p], newWhisper);
    expect(report.orphaned).toEqual([{ status: 'orphaned', id: 'q', old: { range: [p.selectors.position.start, p.selectors.position.end], time: [8, 12], text: 'What about the bridge repairs?' }, quote: p.selectors.quote }]);
  });

  it('picks the occurrence nearest the old time when the words occur twice', () => {
    const early = passage(oldVtt, 'early', 'bridge repairs start', 0);
    const late = passage(oldVtt, 'late', 'bridge repairs start', 1);
    expect(early.selectors.quote.exact).toBe(late.selectors.quote.exact);
    const report = reanchorPassages(oldVtt, [early, late], newWhisper);
    const byId = Object.fromEntries(report.moved.map((m) => [m.id, m.new.time]));
    expect(byId).toEqual({ early: [12.1, 16], late: [600, 604] });
  });

  it('picks the fuzzy match nearest the old time too', () => {
    const late = passage(oldVtt, 'late', 'As I said, the bridge repairs start in May.');
    const reworded = transcript(
      'r.vtt',
      'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAs I said, the bridge repair starts in May.\n\n00:09:59.000 --> 00:10:03.000\nAs I said, the bridge repair starts in May.\n',
    );
    const report = reanchorPassages(oldVtt, [late], reworded);
    expect(report.reworded.map((r) => r.new.time)).toEqual([[599, 603]]);
  });

  it('puts every passage in exactly one list, in input order', () => {
    const ps = [passage(oldVtt, 'a', 'raise taxes'), passage(oldVtt, 'b', 'What about'), passage(oldVtt, 'c', 'reserve is full'), passage(oldVtt, 'd', 'start in May', 0)];
    const report = reanchorPassages(oldVtt, ps, newWhisper);
    const ids = [...report.unchanged, ...report.moved, ...report.reworded, ...report.orphaned].map((p) => p.id).sort();
    expect(ids).toEqual(['a', 'b', 'c', 'd']);
    expect(report.moved.map((p) => p.id)).toEqual(['a', 'd']);
    expect(report).toMatchObject({ type: 'reanchor-report', oldSha256: oldVtt.sha256, newSha256: newWhisper.sha256 });
  });

  it('uses the fragment time when the stored offsets no longer fit the old text', () => {
    const p = passage(oldVtt, 'late', 'bridge repairs start', 1);
    const shifted: StoredPassage = { id: 'late', selectors: { ...p.selectors, position: { type: 'TextPositionSelector', start: 0, end: 3 } } };
    const report = reanchorPassages(oldVtt, [shifted], newWhisper);
    expect(report.moved[0]?.old.time).toEqual([600, 604]);
    expect(report.moved[0]?.new.time).toEqual([600, 604]);
  });
});

describe('reanchorPassages on match.ts', () => {
  // The old transcript was typeset (curly quotes, an em dash); the regenerated one is plain ASCII. Only
  // match.ts's normalisation makes these the same words; a private whitespace-only matcher saw three edits.
  const curly = transcript('curly.vtt', 'WEBVTT\n\n00:00:00.000 --> 00:00:05.000\nShe called it \u201cthe people\u2019s budget\u201d \u2014 twice.\n\n00:00:05.000 --> 00:00:09.000\nThen the vote.\n');
  const plain = transcript('plain.srt', '1\n00:00:00,500 --> 00:00:03,000\nShe called it "the people\'s\n\n2\n00:00:03,000 --> 00:00:05,000\nbudget" - twice.\n\n3\n00:00:05,000 --> 00:00:09,000\nThen the vote.\n');

  it('re-anchors a quote with curly quotes and dashes onto plain ones as the same words (moved, not reworded)', () => {
    const p = passage(curly, 'typeset', '\u201cthe people\u2019s budget\u201d \u2014 twice');
    const report = reanchorPassages(curly, [p], plain);
    expect(report.reworded).toEqual([]);
    expect(report.orphaned).toEqual([]);
    expect(report.moved).toHaveLength(1);
    expect(report.moved[0]!.new).toEqual({ range: [14, 43], time: [0.5, 5], text: '"the people\'s\nbudget" - twice' });
    expect(report.moved[0]!.selectors.fragment.value).toBe('t=0.5,5');
    const m = matchTranscriptQuote(curly, { type: 'TextQuoteSelector', exact: '"the people\'s budget" - twice', prefix: '', suffix: '' }, { time: null });
    expect(m).toMatchObject({ exact: true });
    expect(curly.text.slice(m!.start, m!.end)).toBe('\u201cthe people\u2019s budget\u201d \u2014 twice');
  });

  it('keeps a passage selected with a line break at its edge unchanged on the same transcript', () => {
    const ps = [passage(oldVtt, 'lead', '\nThe budget is balanced'), passage(oldVtt, 'trail', 'reserve is full.\n')];
    const report = reanchorPassages(oldVtt, ps, oldVtt);
    expect(report.unchanged.map((p) => [p.id, p.new.range])).toEqual(ps.map((p) => [p.id, [p.selectors.position.start, p.selectors.position.end]]));
  });

  it('searches the time window first for a fuzzy match, even when a better one lies outside it', () => {
    // Outside the window (at 10:00), the words differ by one edit; inside it (at 0:30), by two.
    const old = transcript('o.vtt', 'WEBVTT\n\n00:00:30.000 --> 00:00:34.000\nThe harbour wall will be rebuilt.\n');
    const regenerated = transcript('n.vtt', 'WEBVTT\n\n00:00:30.000 --> 00:00:34.000\nThe harbor wall will be rebuild.\n\n00:10:00.000 --> 00:10:04.000\nThe harbor wall will be rebuilt.\n');
    const report = reanchorPassages(old, [passage(old, 'w', 'The harbour wall will be rebuilt.')], regenerated);
    expect(report.reworded.map((r) => [r.new.text, r.new.time])).toEqual([['The harbor wall will be rebuild.', [30, 34]]]);
  });
});

describe('matchTranscriptQuote', () => {
  it('returns null when nothing is close enough, and exact matches ignoring whitespace', () => {
    expect(matchTranscriptQuote(newWhisper, { type: 'TextQuoteSelector', exact: 'completely different words', prefix: '', suffix: '' }, { time: null })).toBeNull();
    const m = matchTranscriptQuote(newWhisper, { type: 'TextQuoteSelector', exact: 'raise   taxes', prefix: '', suffix: '' }, { time: null });
    expect(m).toMatchObject({ exact: true });
    expect(newWhisper.text.slice(m!.start, m!.end)).toBe('raise\ntaxes');
  });

  it('times a character range by the cues it touches', () => {
    expect(timeRangeOf(newWhisper, 0, newWhisper.text.length)).toEqual([0.2, 604]);
  });
});
