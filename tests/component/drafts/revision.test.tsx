// Importing a new version of a draft on the real store (fake-indexeddb): claims matched, evidence carried
// over in the same transaction, evidence of a removed claim left on the old draft, the ledger verified.
import 'fake-indexeddb/auto';
import { Blob as NodeBlob } from 'node:buffer';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSelectors } from '../../../shared/anchor/selectors.ts';
import { sha256Hex } from '../../../shared/hash.ts';
import { fromEntryLine } from '../../../shared/ledger/entry.ts';
import { MAX_NOTE_LENGTH } from '../../../shared/ledger/limits.ts';
import type { Claim, Source } from '../../../shared/types/domain.ts';
import type { SourceText } from '../../../shared/types/text.ts';
import { addSource, attachEvidence, bindReference, importDraft, setClaimStatus } from '../../../renderer/src/app/actions.ts';
import { setNote } from '../../../renderer/src/drafts/draft-actions.ts';
import { carriedEvidenceNote, reviseDraft, type RevisionReport } from '../../../renderer/src/drafts/revise.ts';
import type { DeskDb } from '../../../renderer/src/store/db.ts';
import { verifyWorkspace } from '../../../renderer/src/store/verify.ts';
import { RegistryDb, createWorkspace } from '../../../renderer/src/store/workspaces.ts';

const V1 = [
  'The commission was formed in July 1988.[1]',
  'It had four members.[2]',
  'Prisoners were asked about their faith.[3]',
  'Those who refused were executed the same day.[4]',
  'Families were not told for months.[5]',
  'Montazeri protested in a letter.[1]: 12',
  'He was later removed as successor.[7]',
  'The government denied the killings.[8]',
].join('\n');
// Three sentences edited, one ("Families…") deleted, two added.
const V2 = [
  'The commission was formed in late July 1988.[1]',
  'It had four members.[2]',
  'Prisoners were questioned about their faith.[3]',
  'A new sentence about the archives.[9]',
  'Those who refused were executed the same day.[4]',
  'Montazeri protested in two letters.[1]: 12',
  'He was later removed as successor.[7]',
  'The government denied the killings.[8]',
  'Another new sentence, on the UN report.[10]',
].join('\n');

const SOURCE_WORDS = 'In July 1988 a commission of four was formed. Relatives learned of the deaths only months later. Montazeri wrote in protest.';

let db: DeskDb;
let oldId: string;
let sha256: string;
let text: SourceText;

beforeAll(() => {
  // fake-indexeddb stores values with Node's structuredClone, which cannot clone jsdom's Blob; a real
  // browser's IndexedDB stores real Blobs, which Node's are, so verifyWorkspace can hash the stored files.
  globalThis.Blob = NodeBlob as unknown as typeof Blob;
});

async function claimsOf(draftId: string): Promise<Claim[]> {
  return db.claims.where('draftId').equals(draftId).sortBy('index');
}
async function claimStarting(draftId: string, start: string): Promise<Claim> {
  const c = (await claimsOf(draftId)).find((x) => x.text.startsWith(start));
  if (!c) throw new Error(`no claim starting ${start}`);
  return c;
}
async function attach(claimStart: string, quote: string, note: string): Promise<string> {
  const at = SOURCE_WORDS.indexOf(quote);
  const claim = await claimStarting(oldId, claimStart);
  return attachEvidence(db, 'Ana', claim.id, { sourceSha256: sha256, selectors: createSelectors(text, at, at + quote.length), rects: [], speakers: [] }, 'supports', note);
}

beforeEach(async () => {
  db = await createWorkspace(new RegistryDb(), 'Revisions', 'Ana');
  oldId = await importDraft(db, 'Ana', { text: V1, origin: 'paste', fileName: null, title: 'Executions v1' });
  const bytes = new TextEncoder().encode(SOURCE_WORDS);
  sha256 = sha256Hex(bytes);
  text = { type: 'source-text', sha256, kind: 'pdf', text: SOURCE_WORDS, units: [{ kind: 'page', index: 0, label: '12', range: [0, SOURCE_WORDS.length] }] };
  const source: Source = {
    type: 'source', sha256, kind: 'pdf', fileName: 'report.pdf', mediaType: 'application/pdf', size: bytes.length, title: 'UN report', author: null,
    unitCount: 1, recordingSha256: null, replaces: null, pageOffset: 0, addedAt: new Date().toISOString(),
  };
  await addSource(db, 'Ana', { source, text, bytes, itemRanges: null });
});

describe('reviseDraft', () => {
  it('imports a revision with three edited, one deleted and two new sentences; evidence carries over in one transaction', async () => {
    const e1 = await attach('The commission', 'a commission of four was formed', 'formation date');
    await attach('It had four', 'commission of four', '');
    const e3 = await attach('Families', 'Relatives learned of the deaths only months later', 'families');
    const e4 = await attach('Families', 'only months later', '');
    await attach('Montazeri', 'Montazeri wrote in protest', '');
    const fourId = (await claimStarting(oldId, 'It had four')).id;
    await setClaimStatus(db, 'Ana', fourId, 'supported', 'matches the report');
    await setNote(db, 'Ana', fourId, 'confirmed');
    const ref1 = (await db.references.get(`${oldId}#1`))!;
    await bindReference(db, 'Ana', ref1, sha256);
    const oldEvidence = await db.evidence.toArray();
    const before = await db.ledger.count();

    const report = await reviseDraft(db, 'Bo', oldId, { text: V2, origin: 'paste', fileName: null, title: 'Executions v2' });

    // One draft.revised and one evidence.attached per carried item, consecutive, at one time, by Bo.
    const rows = await db.ledger.where('seq').aboveOrEqual(before).toArray();
    expect(rows.map((r) => r.type)).toEqual(['draft.revised', 'evidence.attached', 'evidence.attached', 'evidence.attached']);
    expect(new Set(rows.map((r) => r.time)).size).toBe(1);
    expect(new Set(rows.map((r) => r.actor))).toEqual(new Set(['Bo']));

    const newId = report.newDraft.id;
    expect((await db.drafts.get(newId))!.revisionOf).toBe(oldId);
    expect(report.oldDraft).toEqual({ id: oldId, title: 'Executions v1' });
    expect(report.unchanged.map((c) => [c.oldIndex, c.newIndex, c.evidence])).toEqual([
      [1, 1, 1],
      [3, 4, 0],
      [6, 6, 0],
      [7, 7, 0],
    ]);
    expect(report.edited.map((c) => [c.oldText, c.newText, c.evidence, c.changedSinceEvidence])).toEqual([
      ['The commission was formed in July 1988.', 'The commission was formed in late July 1988.', 1, true],
      ['Prisoners were asked about their faith.', 'Prisoners were questioned about their faith.', 0, false],
      ['Montazeri protested in a letter.', 'Montazeri protested in two letters.', 1, true],
    ]);
    expect(report.added).toEqual([
      { newIndex: 3, text: 'A new sentence about the archives.' },
      { newIndex: 8, text: 'Another new sentence, on the UN report.' },
    ]);
    expect(report.removed).toEqual([{ oldIndex: 4, text: 'Families were not told for months.', evidence: 2 }]);
    expect(report.carried).toBe(3);
    const detached = new Map(report.detached.map((d) => [d.evidenceId, d]));
    expect(detached.get(e3)).toMatchObject({ relation: 'supports', quote: 'Relatives learned of the deaths only months later', note: 'families', attachedBy: 'Ana', removedIndex: 4 });
    expect(detached.get(e4)).toMatchObject({ relation: 'supports', quote: 'only months later', note: '', attachedBy: 'Ana', removedIndex: 4 });
    // Listed in attachment order; two attached in the same millisecond are ordered by id.
    const attachedOrder = oldEvidence.filter((e) => e.id === e3 || e.id === e4).sort((x, y) => x.attachedAt.localeCompare(y.attachedAt) || x.id.localeCompare(y.id));
    expect(report.detached.map((d) => d.evidenceId)).toEqual(attachedOrder.map((e) => e.id));

    // The new claims: status and note kept, edited ones with evidence marked.
    const commission = await claimStarting(newId, 'The commission');
    expect(commission.changedSinceEvidence).toBe(true);
    expect((await claimStarting(newId, 'Prisoners')).changedSinceEvidence).toBe(false);
    const four = await claimStarting(newId, 'It had four');
    expect([four.status, four.note, four.changedSinceEvidence]).toEqual(['supported', 'confirmed', false]);
    expect((await claimsOf(newId)).map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);

    // Carried evidence: attached anew by Bo, same passage and relation, the origin in the note.
    const original = oldEvidence.find((e) => e.id === e1)!;
    const [carried] = await db.evidence.where('claimId').equals(commission.id).toArray();
    expect(carried).toMatchObject({ passageId: original.passageId, relation: 'supports', actor: 'Bo', attachedAt: rows[0]!.time });
    expect(carried!.note).toBe(`formation date\n\nCarried over from the earlier version “Executions v1” (claim 1); attached by Ana at ${original.attachedAt}.`);

    // Nothing lost: every old evidence row is still on its old claim.
    for (const e of oldEvidence) expect(await db.evidence.get(e.id)).toEqual(e);
    expect(await db.claims.where('draftId').equals(oldId).count()).toBe(8);

    // References: the binding of [1] follows; new numbers start unbound.
    expect((await db.references.get(`${newId}#1`))!.sourceSha256).toBe(sha256);
    expect((await db.references.get(`${newId}#9`))!.sourceSha256).toBeNull();

    const parsed = fromEntryLine(rows[0]!.line);
    expect(parsed.ok && parsed.value.type === 'draft.revised' && parsed.value.payload.claims.length).toBe(9);
    const verification = await verifyWorkspace(db);
    expect(verification.firstFailure).toBeNull();
    expect(verification.ok).toBe(true);
  });

  it('refuses the same text, an empty text and a missing draft, writing nothing', async () => {
    const before = await db.ledger.count();
    await expect(reviseDraft(db, 'Bo', oldId, { text: V1, origin: 'paste', fileName: null, title: 'Same' })).rejects.toThrow(
      'This text is identical to “Executions v1” (same SHA-256); there is nothing to revise.',
    );
    await expect(reviseDraft(db, 'Bo', oldId, { text: '  \n', origin: 'txt', fileName: 'v2.txt', title: 'v2' })).rejects.toThrow('v2.txt: the draft is empty');
    await expect(reviseDraft(db, 'Bo', 'gone', { text: V2, origin: 'paste', fileName: null, title: 'v2' })).rejects.toThrow('The draft to revise is no longer in the workspace.');
    expect(await db.ledger.count()).toBe(before);
    expect(await db.drafts.count()).toBe(1);
  });

  it('revises a revision: evidence carried once is carried again, and the second report counts it', async () => {
    await attach('The commission', 'a commission of four was formed', '');
    const first: RevisionReport = await reviseDraft(db, 'Bo', oldId, { text: V2, origin: 'paste', fileName: null, title: 'v2' });
    const v3 = V2.replace('Another new sentence, on the UN report.[10]', '');
    const second = await reviseDraft(db, 'Ana', first.newDraft.id, { text: v3, origin: 'paste', fileName: null, title: 'v3' });
    expect(second.carried).toBe(1);
    expect(second.unchanged.find((c) => c.text.startsWith('The commission'))?.evidence).toBe(1);
    expect(second.removed.map((c) => c.text)).toEqual(['Another new sentence, on the UN report.']);
    const commission = await claimStarting(second.newDraft.id, 'The commission');
    // Unchanged in v3, but it changed (in v2) since its evidence was attached: the mark stays.
    expect(commission.changedSinceEvidence).toBe(true);
    expect((await verifyWorkspace(db)).ok).toBe(true);
  });
});

describe('carriedEvidenceNote', () => {
  it('keeps the note and the origin, and shortens only the note to fit the limit', () => {
    const e = { note: 'n'.repeat(MAX_NOTE_LENGTH), actor: 'Ana', attachedAt: '2026-01-01T00:00:00.000Z' };
    const note = carriedEvidenceNote(e, 'v1', 2);
    expect(note.length).toBeLessThanOrEqual(MAX_NOTE_LENGTH);
    expect(note.endsWith('Carried over from the earlier version “v1” (claim 3); attached by Ana at 2026-01-01T00:00:00.000Z.')).toBe(true);
    expect(note).toMatch(/^n+…\n\n/);
    expect(carriedEvidenceNote({ ...e, note: '  ' }, 'v1', 0)).toBe('Carried over from the earlier version “v1” (claim 1); attached by Ana at 2026-01-01T00:00:00.000Z.');
  });
});
