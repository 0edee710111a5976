import { describe, expect, it } from 'vitest';
import { ClaimEditError, mergeClaims, moveMarker, setClaimNote, splitClaim } from '../../../shared/draft/edit.ts';
import { createDraftRows } from '../../../shared/draft/rows.ts';
import { MAX_NOTE_LENGTH } from '../../../shared/ledger/limits.ts';
import type { Claim } from '../../../shared/types/domain.ts';

const text = 'They were condemned by Montazeri;[18] the UN;[19] and "several countries".[20]\n[citation needed] Second claim here.[21]\nThird one.';
function rows(): Claim[] {
  let n = 0;
  const r = createDraftRows({ text, fileName: null, origin: 'paste', importedAt: 't' }, () => `c${n++}`);
  if (!r.ok) throw new Error(r.error);
  return r.value.claims;
}
const ids = (() => {
  let n = 100;
  return () => `new${n++}`;
})();

describe('splitClaim', () => {
  it('splits at an offset; markers before the second part’s first word stay with the first', () => {
    const claims = rows();
    const at = text.indexOf(' the UN');
    const { payload, claims: after } = splitClaim(text, claims, 'c1', at, ids);
    expect(payload.claimId).toBe('c1');
    expect(payload.evidenceTo).toBe('c1');
    const [first, second] = payload.claims;
    expect(first).toMatchObject({ id: 'c1', index: 0, text: 'They were condemned by Montazeri;', range: [0, 33] });
    expect(first!.markers.map((m) => m.raw)).toEqual(['[18]']);
    expect(second).toMatchObject({ index: 1, text: 'the UN; and "several countries".', status: 'unreviewed', note: '' });
    expect(second!.markers.map((m) => m.raw)).toEqual(['[19]', '[20]', '[citation needed]']);
    expect(second!.quotes).toEqual([{ text: 'several countries', range: [text.indexOf('several'), text.indexOf('".')] }]);
    expect(after.map((c) => [c.id, c.index])).toEqual([['c1', 0], [second!.id, 1], ['c2', 2], ['c3', 3]]);
  });

  it('gives status, note and evidence to the part the caller names', () => {
    const claims = rows().map((c) => (c.id === 'c1' ? { ...c, status: 'supported' as const, note: 'checked' } : c));
    const { payload } = splitClaim(text, claims, 'c1', text.indexOf(' the UN'), ids, 'second');
    expect(payload.evidenceTo).toBe(payload.claims[1]!.id);
    expect(payload.claims[0]).toMatchObject({ status: 'unreviewed', note: '' });
    expect(payload.claims[1]).toMatchObject({ status: 'supported', note: 'checked' });
  });

  it('refuses a split outside the claim, inside a marker, or leaving no words', () => {
    const claims = rows();
    expect(() => splitClaim(text, claims, 'c1', 0, ids)).toThrow(ClaimEditError);
    expect(() => splitClaim(text, claims, 'c1', text.indexOf('[18]') + 2, ids)).toThrow(/inside the marker \[18\]/);
    expect(() => splitClaim(text, claims, 'c1', text.indexOf('[20]') - 1, ids)).toThrow(/without words/);
    expect(() => splitClaim(text, claims, 'nope', 5, ids)).toThrow(/no claim nope/);
  });
});

describe('mergeClaims', () => {
  it('merges consecutive claims into the first, across a line and its carried-over marker', () => {
    const claims = rows().map((c) => (c.id === 'c2' ? { ...c, note: 'second note', changedSinceEvidence: true } : { ...c, note: c.id === 'c1' ? 'first note' : '' }));
    const { payload, claims: after } = mergeClaims(text, claims, ['c2', 'c1']);
    expect(payload.claimIds).toEqual(['c1', 'c2']);
    expect(payload.claim).toMatchObject({
      id: 'c1',
      index: 0,
      text: 'They were condemned by Montazeri; the UN; and "several countries". Second claim here.',
      note: 'first note\n\nsecond note',
      changedSinceEvidence: true,
    });
    expect(payload.claim.markers.map((m) => m.raw)).toEqual(['[18]', '[19]', '[20]', '[citation needed]', '[21]']);
    expect(payload.claim.range).toEqual([claims[0]!.range[0], claims[1]!.range[1]]);
    expect(after.map((c) => [c.id, c.index])).toEqual([['c1', 0], ['c3', 1]]);
  });

  it('refuses non-consecutive claims or a single claim', () => {
    expect(() => mergeClaims(text, rows(), ['c1', 'c3'])).toThrow(/not consecutive/);
    expect(() => mergeClaims(text, rows(), ['c1'])).toThrow(/at least two/);
  });
});

describe('moveMarker and setClaimNote', () => {
  it('moves a marker to another claim, in offset order', () => {
    const claims = rows();
    const flag = claims[0]!.markers.find((m) => m.flag === 'citation needed')!;
    const { payload, claims: after } = moveMarker(claims, 'c1', flag.offset, 'c2');
    expect(payload).toEqual({ fromClaimId: 'c1', toClaimId: 'c2', offset: flag.offset });
    expect(after[0]!.markers.map((m) => m.raw)).toEqual(['[18]', '[19]', '[20]']);
    expect(after[1]!.markers.map((m) => m.raw)).toEqual(['[citation needed]', '[21]']);
    expect(() => moveMarker(claims, 'c1', 9999, 'c2')).toThrow(/no marker at offset 9999/);
  });

  it('sets a note within the limit', () => {
    const { payload, claims } = setClaimNote(rows(), 'c3', 'ask the author');
    expect(payload).toEqual({ claimId: 'c3', from: '', to: 'ask the author' });
    expect(claims[2]!.note).toBe('ask the author');
    expect(() => setClaimNote(rows(), 'c3', 'x'.repeat(MAX_NOTE_LENGTH + 1))).toThrow(ClaimEditError);
  });
});
