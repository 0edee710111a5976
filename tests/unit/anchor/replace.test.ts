import { describe, expect, it } from 'vitest';
import { createSelectors } from '../../../shared/anchor/selectors.ts';
import { planReplacement } from '../../../shared/anchor/replace.ts';
import type { Passage } from '../../../shared/types/domain.ts';
import type { SourceText } from '../../../shared/types/text.ts';

function pdf(sha: string, pages: string[]): SourceText {
  let at = 0;
  const units = pages.map((p, i) => {
    const range: [number, number] = [at, at + p.length + (i < pages.length - 1 ? 1 : 0)];
    at = range[1];
    return { kind: 'page' as const, index: i, label: String(i + 1), range };
  });
  return { type: 'source-text', sha256: sha, kind: 'pdf', text: pages.join('\n'), units };
}

function passage(id: string, text: SourceText, words: string): Passage {
  const start = text.text.indexOf(words);
  return { type: 'passage', id, sourceSha256: text.sha256, selectors: createSelectors(text, start, start + words.length), rects: [], speakers: [], createdAt: '2026-11-28T00:00:00.000Z' };
}

describe('planReplacement', () => {
  const old = pdf('a'.repeat(64), ['The commission met in July and decided the cases.', 'A second page says the prisoners were asked one question.']);
  const resaved = pdf('b'.repeat(64), ['Preface added in the new edition.', 'The commission met in July and decided the cases.', 'A second page says the prisoners were asked a single question.']);

  it('moves passages whose words are in the new version, rewords near matches, orphans the rest', () => {
    const ps = [passage('p1', old, 'The commission met in July'), passage('p2', old, 'the prisoners were asked one question'), passage('p3', old, 'decided the cases')];
    const gone = pdf('c'.repeat(64), ['Nothing of the sort remains here at all, only unrelated words about weather.']);
    const { events, report } = planReplacement(old, resaved, ps);
    expect(report.moved.map((m) => m.id).sort()).toEqual(['p1', 'p3']);
    expect(report.reworded.map((r) => r.id)).toEqual(['p2']);
    expect(report.orphaned).toEqual([]);
    const p1 = events.find((e) => e.payload.passageId === 'p1')!;
    expect(resaved.text.slice(p1.payload.selectors.position.start, p1.payload.selectors.position.end)).toBe('The commission met in July');
    expect(p1.payload.selectors.fragment.value).toBe('page=2');
    expect(events.every((e) => e.payload.fromSha256 === old.sha256 && e.payload.toSha256 === resaved.sha256)).toBe(true);
    const none = planReplacement(old, gone, ps);
    expect(none.events).toEqual([]);
    expect(none.report.orphaned.map((o) => o.quote)).toEqual(['The commission met in July', 'the prisoners were asked one question', 'decided the cases']);
  });

  it('re-anchors transcript passages by quote and time', () => {
    const cue = (i: number, t: [number, number], text: string, at: number) => ({ kind: 'cue' as const, index: i, time: t, speaker: 'Ana', range: [at, at + text.length] as [number, number] });
    const a = 'We met on Monday.';
    const b = 'The decision came later that week.';
    const oldT: SourceText = { type: 'source-text', sha256: 'd'.repeat(64), kind: 'transcript', text: `${a}\n${b}`, units: [cue(0, [0, 2], a, 0), cue(1, [2, 5], b, a.length + 1)] };
    const c = 'We met on Monday. The decision';
    const d = 'came later that week.';
    const newT: SourceText = { type: 'source-text', sha256: 'e'.repeat(64), kind: 'transcript', text: `${c}\n${d}`, units: [cue(0, [0, 3], c, 0), cue(1, [3, 5], d, c.length + 1)] };
    const p = passage('t1', oldT, 'The decision came later');
    const { events, report } = planReplacement(oldT, newT, [p]);
    expect(report.orphaned).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload.selectors.fragment.value).toMatch(/^t=/);
  });
});
