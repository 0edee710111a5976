// The draft actions on the real store (fake-indexeddb); the editor itself is tested in edit-editor.test.tsx.
import 'fake-indexeddb/auto';
import { Blob as NodeBlob } from 'node:buffer';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSelectors } from '../../../shared/anchor/selectors.ts';
import { findMarkers } from '../../../shared/draft/markers.ts';
import { sha256Hex } from '../../../shared/hash.ts';
import { MAX_NOTE_LENGTH } from '../../../shared/ledger/limits.ts';
import type { Claim, Source } from '../../../shared/types/domain.ts';
import type { SourceText } from '../../../shared/types/text.ts';
import { addSource, attachEvidence, deletePassage, setClaimStatus } from '../../../renderer/src/app/actions.ts';
import { claimLineage } from '../../../renderer/src/claims/lineage.ts';
import { fromEntryLine } from '../../../shared/ledger/entry.ts';
import { splitPointsOf } from '../../../renderer/src/drafts/ClaimEditor.tsx';
import { CLAIM_GONE, mergeWithNext, moveMarkerTo, setNote, splitClaimAt } from '../../../renderer/src/drafts/draft-actions.ts';
import type { DeskDb } from '../../../renderer/src/store/db.ts';
import { verifyWorkspace } from '../../../renderer/src/store/verify.ts';
import { DRAFT_TEXT, openDraftFixture, type DraftFixture } from './draft-fixture.ts';

const TEXT = DRAFT_TEXT;

let fixture: DraftFixture;
let db: DeskDb;
const claims = (): Promise<Claim[]> => fixture.claims();
const ledgerTypes = (): Promise<string[]> => fixture.ledgerTypes();
const claimAt = (index: number): Promise<Claim> => fixture.claimAt(index);

/** Stores a one-page PDF-kind source and attaches its first words to a claim as evidence by Ana. */
async function attachSomething(claimId: string): Promise<string> {
  const words = 'The commission of four members questioned prisoners in July 1988.';
  const bytes = new TextEncoder().encode(words);
  const sha256 = sha256Hex(bytes);
  const text: SourceText = { type: 'source-text', sha256, kind: 'pdf', text: words, units: [{ kind: 'page', index: 0, label: '1', range: [0, words.length] }] };
  const source: Source = {
    type: 'source', sha256, kind: 'pdf', fileName: 'report.pdf', mediaType: 'application/pdf', size: bytes.length, title: 'Report', author: null,
    unitCount: 1, recordingSha256: null, replaces: null, pageOffset: 0, addedAt: new Date().toISOString(),
  };
  await addSource(db, 'Ana', { source, text, bytes, itemRanges: null });
  return attachEvidence(db, 'Ana', claimId, { sourceSha256: sha256, selectors: createSelectors(text, 0, 14), rects: [], speakers: [] }, 'supports', 'first words');
}

beforeAll(() => {
  // fake-indexeddb stores values with Node's structuredClone, which cannot clone jsdom's Blob; a real
  // browser's IndexedDB stores real Blobs, which Node's are, so verifyWorkspace can hash the stored files.
  globalThis.Blob = NodeBlob as unknown as typeof Blob;
});

beforeEach(async () => {
  fixture = await openDraftFixture();
  ({ db } = fixture);
});

describe('draft actions', () => {
  it('splits a claim and merges it back to the claim it was, with its marker and evidence', async () => {
    const original = await claimAt(0);
    const evidenceId = await attachSomething(original.id);
    const at = TEXT.indexOf('and it');
    const secondId = await splitClaimAt(db, 'Ana', original.id, at);

    const split = await claims();
    expect(split.map((c) => c.text)).toEqual(['The commission met in July 1988', 'and it questioned prisoners about their faith.', 'It had four members.', 'Families were not told.']);
    expect(split.map((c) => c.index)).toEqual([0, 1, 2, 3]);
    expect(split[0]!.id).toBe(original.id);
    expect(split[1]!.id).toBe(secondId);
    expect(split[0]!.markers).toEqual([]);
    expect(split[1]!.markers.map((m) => m.raw)).toEqual(['[1]']);
    expect((await db.evidence.get(evidenceId))!.claimId).toBe(original.id);

    await mergeWithNext(db, 'Ana', original.id);
    const merged = await claims();
    expect(merged).toHaveLength(3);
    expect(merged[0]).toEqual(original);
    expect(await db.claims.get(secondId)).toBeUndefined();
    expect((await db.evidence.get(evidenceId))!.claimId).toBe(original.id);
    expect((await ledgerTypes()).slice(-2)).toEqual(['claim.split', 'claim.merged']);
    expect((await verifyWorkspace(db)).ok).toBe(true);
  });

  it('moves the evidence of a merged-in claim to the merged claim', async () => {
    const [first, second] = [await claimAt(0), await claimAt(1)];
    const evidenceId = await attachSomething(second.id);
    await mergeWithNext(db, 'Ana', first.id);
    expect((await db.evidence.get(evidenceId))!.claimId).toBe(first.id);
    expect((await claimAt(0)).markers.map((m) => m.raw)).toEqual(['[1]', '[2]', '[3]']);
    expect((await verifyWorkspace(db)).ok).toBe(true);
  });

  it('refuses edits that cannot be made, with a message saying why, and writes nothing', async () => {
    const before = await db.ledger.count();
    const last = await claimAt(2);
    await expect(mergeWithNext(db, 'Ana', last.id)).rejects.toThrow('Claim 3 is the last of its draft; there is no next claim to merge it with.');
    const first = await claimAt(0);
    await expect(splitClaimAt(db, 'Ana', first.id, first.range[1] - 1)).rejects.toThrow(/Claim 1 cannot be split there: .*without words/);
    await expect(splitClaimAt(db, 'Ana', first.id, first.range[1] + 10)).rejects.toThrow(/Claim 1 cannot be split there: offset \d+ is not inside claim 1/);
    await expect(moveMarkerTo(db, 'Ana', first.id, 9999, last.id)).rejects.toThrow('The marker cannot be moved from claim 1 to claim 3: claim 1 has no marker at offset 9999.');
    await expect(moveMarkerTo(db, 'Ana', first.id, first.markers[0]!.offset, 'nope')).rejects.toThrow(CLAIM_GONE);
    await expect(setNote(db, 'Ana', 'nope', 'x')).rejects.toThrow(CLAIM_GONE);
    await expect(setNote(db, 'Ana', first.id, 'x'.repeat(MAX_NOTE_LENGTH + 1))).rejects.toThrow(`the limit is ${MAX_NOTE_LENGTH}`);
    expect(await db.ledger.count()).toBe(before);
  });

  it('moves a marker to the next claim and back', async () => {
    const [second, third] = [await claimAt(1), await claimAt(2)];
    const three = second.markers.find((m) => m.raw === '[3]')!;
    await moveMarkerTo(db, 'Ana', second.id, three.offset, third.id);
    expect((await claimAt(1)).markers.map((m) => m.raw)).toEqual(['[2]']);
    expect((await claimAt(2)).markers.map((m) => m.raw)).toEqual(['[3]', '[citation needed]']);
    await moveMarkerTo(db, 'Ana', third.id, three.offset, second.id);
    expect((await claimAt(1)).markers).toEqual(second.markers);
    expect((await ledgerTypes()).slice(-2)).toEqual(['claim.marker-moved', 'claim.marker-moved']);
    expect((await verifyWorkspace(db)).ok).toBe(true);
  });

  it('sets a note once and writes nothing when it is unchanged', async () => {
    const first = await claimAt(0);
    await setNote(db, 'Bo', first.id, 'Check the date against the UN report.');
    await setNote(db, 'Bo', first.id, 'Check the date against the UN report.');
    expect((await claimAt(0)).note).toBe('Check the date against the UN report.');
    const rows = await db.ledger.where('type').equals('claim.note-set').toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor).toBe('Bo');
    expect((await verifyWorkspace(db)).ok).toBe(true);
  });
});

describe('claimLineage', () => {
  it('gives a split-off claim and a merged claim the history of the claims they came from', async () => {
    const [first, second] = [await claimAt(0), await claimAt(1)];
    await setClaimStatus(db, 'Ana', first.id, 'disputed', 'dates differ');
    await setClaimStatus(db, 'Ana', second.id, 'supported', '');
    const splitOff = await splitClaimAt(db, 'Ana', first.id, TEXT.indexOf('and it'));
    const reshapes = async () => (await db.ledger.where('type').anyOf('claim.split', 'claim.merged').toArray()).flatMap((r) => {
      const e = fromEntryLine(r.line);
      return e.ok ? [e.value] : [];
    });
    expect([...claimLineage(splitOff, await reshapes())].sort()).toEqual([first.id, splitOff].sort());
    // Merge the split-off claim with the next one (the old second): its lineage is all three.
    await mergeWithNext(db, 'Ana', splitOff);
    expect([...claimLineage(splitOff, await reshapes())].sort()).toEqual([first.id, second.id, splitOff].sort());
    expect([...claimLineage(first.id, await reshapes())]).toEqual([first.id]);
  });
});

describe('deletePassage', () => {
  it('detaches the evidence using a passage and deletes it in one step; the ledger keeps both and verifies', async () => {
    const claim = await claimAt(0);
    const evidenceId = await attachSomething(claim.id);
    const passageId = (await db.evidence.get(evidenceId))!.passageId;
    const before = (await db.ledger.count());
    await expect(deletePassage(db, 'Ana', passageId)).resolves.toEqual({ detached: 1 });
    expect(await db.passages.get(passageId)).toBeUndefined();
    expect(await db.evidence.get(evidenceId)).toBeUndefined();
    expect((await ledgerTypes()).slice(before)).toEqual(['evidence.detached', 'passage.deleted']);
    expect((await verifyWorkspace(db)).ok).toBe(true);
  });

  it('refuses a passage that is gone, writing nothing', async () => {
    const before = await db.ledger.count();
    await expect(deletePassage(db, 'Ana', 'no-such-passage')).rejects.toThrow(/no-such-passage/);
    expect(await db.ledger.count()).toBe(before);
  });
});

describe('splitPointsOf', () => {
  it('offers the start of every word but the first, never inside a marker or with a side left wordless', () => {
    const text = 'Alpha beta [dubious – discuss] gamma. Next.';
    const markers = findMarkers(text);
    const points = splitPointsOf(text, { range: [0, 37] }, markers);
    expect(points.map((p) => text.slice(p.offset, p.offset + 5))).toEqual(['beta ', 'gamma']);
    expect(points[1]!.label).toBe('…Alpha beta | gamma.…');
  });

  it('labels every point of a long claim with whole words, never part of a marker', () => {
    const words = Array.from({ length: 120 }, (_, i) => `w${i}`);
    const text = `${words.slice(0, 60).join(' ')} [dubious – discuss] ${words.slice(60).join(' ')}.`;
    const points = splitPointsOf(text, { range: [0, text.length] }, findMarkers(text));
    expect(points).toHaveLength(119);
    expect(points.filter((p) => /[[\]–]|discuss/.test(p.label))).toEqual([]);
    expect(points.find((p) => text.startsWith('w60', p.offset))!.label).toBe('…w57 w58 w59 | w60 w61 w62…');
  });
});

