import { describe, expect, it } from 'vitest';
import { carryReferences, claimSimilarity, EDIT_MATCH_MIN_SCORE, matchRevision, planEvidenceCarryOver } from '../../../shared/draft/revision.ts';
import { createDraftRows, type DraftRows } from '../../../shared/draft/rows.ts';
import type { Evidence } from '../../../shared/types/domain.ts';

const v1 = [
  'The commission was formed in July 1988.[1]',
  'It had four members.[2]',
  'Prisoners were asked about their faith.[3]',
  'Those who refused were executed the same day.[4]',
  'Families were not told for months.[5]',
  'Montazeri protested in a letter.[6]',
  'He was later removed as successor.[7]',
  'The government denied the killings.[8]',
].join('\n');
// Three sentences edited, one ("Families…") deleted, two added.
const v2 = [
  'The commission was formed in late July 1988.[1]',
  'It had four members.[2]',
  'Prisoners were questioned about their faith.[3]',
  'A new sentence about the archives.[9]',
  'Those who refused were executed the same day.[4]',
  'Montazeri protested in two letters.[6]',
  'He was later removed as successor.[7]',
  'The government denied the killings.[8]',
  'Another new sentence, on the UN report.[10]',
].join('\n');

function rows(text: string, prefix: string): DraftRows {
  let n = 0;
  const r = createDraftRows({ text, fileName: null, origin: 'paste', importedAt: 't' }, () => `${prefix}${n++}`);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
const evidence = (id: string, claimId: string): Evidence => ({ type: 'evidence', id, claimId, passageId: `p-${id}`, relation: 'supports', note: '', actor: 'ed', attachedAt: '2026-01-01T00:00:00Z' });

describe('claimSimilarity', () => {
  it('scores identical text 1, small edits high and different sentences low', () => {
    expect(claimSimilarity('It had four members.', 'It  had four members.')).toBe(1);
    expect(claimSimilarity('“Quoted” – text', '"quoted" - text')).toBe(1);
    expect(claimSimilarity('Montazeri protested in a letter.', 'Montazeri protested in two letters.')).toBeGreaterThan(EDIT_MATCH_MIN_SCORE);
    expect(claimSimilarity('Montazeri protested in a letter.', 'The government denied the killings.')).toBeLessThan(EDIT_MATCH_MIN_SCORE);
    expect(claimSimilarity('', 'x')).toBe(0);
  });
});

describe('a revision: three sentences edited, one deleted, two added', () => {
  const old = rows(v1, 'o');
  const neu = rows(v2, 'n');
  const match = matchRevision(old.claims, neu.claims);

  it('matches unchanged, edited, new and removed claims', () => {
    const kinds = match.matches.map((m) => [m.old.text, m.kind]);
    expect(kinds).toEqual([
      ['The commission was formed in July 1988.', 'edited'],
      ['It had four members.', 'unchanged'],
      ['Prisoners were asked about their faith.', 'edited'],
      ['Those who refused were executed the same day.', 'unchanged'],
      ['Montazeri protested in a letter.', 'edited'],
      ['He was later removed as successor.', 'unchanged'],
      ['The government denied the killings.', 'unchanged'],
    ]);
    expect(match.added.map((c) => c.text)).toEqual(['A new sentence about the archives.', 'Another new sentence, on the UN report.']);
    expect(match.removed.map((c) => c.text)).toEqual(['Families were not told for months.']);
  });

  it('carries evidence over, marks edited claims with evidence, and lists evidence of the removed claim', () => {
    const byText = (t: string): string => old.claims.find((c) => c.text.startsWith(t))!.id;
    const oldEvidence = [
      evidence('e1', byText('The commission')), // edited, with evidence
      evidence('e2', byText('It had four')), // unchanged
      evidence('e3', byText('Families')), // removed
      evidence('e4', byText('Families')),
      evidence('e5', byText('Montazeri')), // edited
    ];
    const oldClaims = old.claims.map((c) => (c.id === byText('It had four') ? { ...c, status: 'supported' as const, note: 'ok' } : c));
    let n = 0;
    const plan = planEvidenceCarryOver(matchRevision(oldClaims, neu.claims), oldEvidence, () => `x${n++}`);
    const newIdOf = (t: string): string => neu.claims.find((c) => c.text.startsWith(t))!.id;

    expect(plan.claims.map((c) => c.id)).toEqual(neu.claims.map((c) => c.id));
    expect(plan.evidence.map((e) => [plan.carriedFrom[e.id], e.claimId, e.passageId])).toEqual([
      ['e1', newIdOf('The commission'), 'p-e1'],
      ['e2', newIdOf('It had four'), 'p-e2'],
      ['e5', newIdOf('Montazeri'), 'p-e5'],
    ]);
    const flagged = plan.claims.filter((c) => c.changedSinceEvidence).map((c) => c.text);
    // Edited with evidence: marked. Edited without evidence ("Prisoners…") and unchanged: not marked.
    expect(flagged).toEqual(['The commission was formed in late July 1988.', 'Montazeri protested in two letters.']);
    expect(plan.claims.find((c) => c.id === newIdOf('It had four'))).toMatchObject({ status: 'supported', note: 'ok' });
    expect(plan.detached.map((d) => [d.evidence.id, d.removedClaim.text])).toEqual([
      ['e3', 'Families were not told for months.'],
      ['e4', 'Families were not told for months.'],
    ]);
    // Nothing attached is lost: every old evidence row is carried or listed as detached.
    const accounted = new Set([...Object.values(plan.carriedFrom), ...plan.detached.map((d) => d.evidence.id)]);
    expect(accounted).toEqual(new Set(oldEvidence.map((e) => e.id)));
  });

  it('keeps reference bindings for the same reference numbers', () => {
    const oldRefs = old.references.map((r) => (r.ref === '6' ? { ...r, sourceSha256: 'f'.repeat(64) } : r));
    const carried = carryReferences(oldRefs, neu.references);
    expect(carried.find((r) => r.ref === '6')).toMatchObject({ draftId: neu.draft.id, sourceSha256: 'f'.repeat(64) });
    expect(carried.find((r) => r.ref === '9')).toMatchObject({ sourceSha256: null });
  });
});

describe('matchRevision edge cases', () => {
  it('pairs repeated identical sentences in order and prefers the nearer of equally good matches', () => {
    const a = rows('Same.[1] Other text here.[2] Same.[3]', 'a');
    const b = rows('Same.[1] Same.[3]', 'b');
    const m = matchRevision(a.claims, b.claims);
    expect(m.matches.map((x) => [x.old.index, x.new.index, x.kind])).toEqual([[0, 0, 'unchanged'], [2, 1, 'unchanged']]);
    expect(m.removed.map((c) => c.index)).toEqual([1]);
  });

  it('treats a rewritten sentence as removed plus new', () => {
    const m = matchRevision(rows('The sky is blue today.', 'a').claims, rows('Inflation fell sharply in March.', 'b').claims);
    expect(m.matches).toEqual([]);
    expect(m.added).toHaveLength(1);
    expect(m.removed).toHaveLength(1);
  });
});
