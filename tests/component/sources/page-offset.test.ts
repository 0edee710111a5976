// setPageOffset on the real store (fake-indexeddb): the ledger entry, the source row, and the cited-page
// check that reads them, computed from the stored rows the way use-checks.ts does.
import 'fake-indexeddb/auto';
import { Blob as NodeBlob } from 'node:buffer';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkCitedPages, type PageFinding } from '../../../shared/check/page-check.ts';
import { MemoryState } from '../../../shared/ledger/project.ts';
import type { LedgerEntry } from '../../../shared/types/events.ts';
import { setPageOffset } from '../../../renderer/src/app/actions.ts';
import type { DeskDb } from '../../../renderer/src/store/db.ts';
import { verifyWorkspace } from '../../../renderer/src/store/verify.ts';
import { RegistryDb, SOURCE_BYTES, fixtureWorkspace } from '../packet/workspace-fixture.ts';
import { sha256Hex } from '../../../shared/hash.ts';

// The fixture: claim c1 cites `[1]: 2`; its evidence e1 lies on PDF page 1 of the source bound to [1].
const SHA = sha256Hex(SOURCE_BYTES);

let db: DeskDb;
let workspaceCount = 0;

beforeAll(() => {
  // fake-indexeddb clones with Node's structuredClone, which cannot clone jsdom's Blob (see edit.test.tsx).
  globalThis.Blob = NodeBlob as unknown as typeof Blob;
});

beforeEach(async () => {
  db = await fixtureWorkspace(new RegistryDb(), `Offsets ${++workspaceCount}`);
});

async function entries(): Promise<LedgerEntry[]> {
  return (await db.ledger.orderBy('seq').toArray()).map((r) => JSON.parse(r.line) as LedgerEntry);
}

/** The cited-page findings of a claim, from the stored rows (as use-checks.ts derives them). */
async function pageFindings(claimId: string): Promise<PageFinding[]> {
  const claim = await db.claims.get(claimId);
  if (!claim) throw new Error(`no claim ${claimId}`);
  const references = await db.references.where('draftId').equals(claim.draftId).toArray();
  const evidence = await db.evidence.where('claimId').equals(claimId).toArray();
  const passages = new Map((await db.passages.toArray()).map((p) => [p.id, p]));
  const sources = new Map((await db.sources.toArray()).map((s) => [s.sha256, s]));
  const texts = new Map((await db.sourceTexts.toArray()).map((t) => [t.sha256, t]));
  return checkCitedPages({
    markers: claim.markers,
    bindings: new Map(references.map((r) => [r.ref, r.sourceSha256])),
    evidence: evidence.map((e) => {
      const p = passages.get(e.passageId)!;
      return { id: e.id, sourceSha256: p.sourceSha256, range: [p.selectors.position.start, p.selectors.position.end] as [number, number] };
    }),
    sources,
    texts,
  });
}

describe('setPageOffset', () => {
  it('starts from a page mismatch: the evidence is on PDF page 1, the claim cites page 2', async () => {
    expect((await db.sources.get(SHA))?.pageOffset).toBe(0);
    expect(await pageFindings('c1')).toEqual([
      { type: 'page-mismatch', evidenceId: 'e1', ref: '1', locators: ['2'], expected: '2', actual: ['1'] },
    ]);
  });

  it('records source.page-offset-set with from and to, updates the source row, and the page check uses the offset', async () => {
    const before = await entries();
    await setPageOffset(db, 'bo', SHA, 1);
    const after = await entries();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({ seq: before.length, actor: 'bo', type: 'source.page-offset-set', payload: { sha256: SHA, from: 0, to: 1 } });
    expect((await db.sources.get(SHA))?.pageOffset).toBe(1);
    // Printed page = PDF page 1 + 1 = 2: the citation now holds.
    expect(await pageFindings('c1')).toEqual([]);

    await setPageOffset(db, 'ana', SHA, 5);
    expect((await entries()).at(-1)).toMatchObject({ actor: 'ana', type: 'source.page-offset-set', payload: { sha256: SHA, from: 1, to: 5 } });
    expect((await db.sources.get(SHA))?.pageOffset).toBe(5);
    expect(await pageFindings('c1')).toEqual([
      { type: 'page-mismatch', evidenceId: 'e1', ref: '1', locators: ['2'], expected: '2', actual: ['6'] },
    ]);
  });

  it('a negative offset moves printed pages back (front matter before page 1)', async () => {
    await setPageOffset(db, 'ana', SHA, -3);
    expect((await entries()).at(-1)?.payload).toEqual({ sha256: SHA, from: 0, to: -3 });
    // PDF page 1 − 3 is no printed page at all: the check cannot compare it, and says so.
    expect(await pageFindings('c1')).toEqual([expect.objectContaining({ type: 'page-unverifiable', evidenceId: 'e1' })]);
  });

  it('the ledger replays to the same row, and the workspace still verifies', async () => {
    await setPageOffset(db, 'ana', SHA, 1);
    await setPageOffset(db, 'ana', SHA, 12);
    const replay = new MemoryState();
    for (const entry of await entries()) await replay.applyEntry(entry);
    expect(replay.tables.sources.get(SHA)).toEqual(await db.sources.get(SHA));
    expect(replay.tables.sources.get(SHA)?.pageOffset).toBe(12);
    const report = await verifyWorkspace(db);
    expect(report.firstFailure).toBeNull();
    expect(report.ok).toBe(true);
  });

  it('writes nothing when the offset is unchanged', async () => {
    const count = await db.ledger.count();
    await setPageOffset(db, 'ana', SHA, 0);
    expect(await db.ledger.count()).toBe(count);
  });

  it('accepts the limits themselves, -10000 and 10000', async () => {
    await setPageOffset(db, 'ana', SHA, 10_000);
    expect((await db.sources.get(SHA))?.pageOffset).toBe(10_000);
    await setPageOffset(db, 'ana', SHA, -10_000);
    expect((await db.sources.get(SHA))?.pageOffset).toBe(-10_000);
  });

  it.each([1.5, -0.25, 10_001, -10_001, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2])(
    'refuses %s with a clear message and writes nothing',
    async (to) => {
      await setPageOffset(db, 'ana', SHA, 2);
      const ledger = await db.ledger.count();
      const row = await db.sources.get(SHA);
      await expect(setPageOffset(db, 'ana', SHA, to)).rejects.toThrow('The page offset must be a whole number between -10000 and 10000.');
      expect(await db.ledger.count()).toBe(ledger);
      expect(await db.sources.get(SHA)).toEqual(row);
      expect(row?.pageOffset).toBe(2);
      expect(await pageFindings('c1')).toEqual([expect.objectContaining({ type: 'page-mismatch', actual: ['3'] })]);
    },
  );

  it('refuses a source that is not in the workspace, and writes nothing', async () => {
    const ledger = await db.ledger.count();
    await expect(setPageOffset(db, 'ana', 'f'.repeat(64), 1)).rejects.toThrow('That source is no longer in the workspace.');
    expect(await db.ledger.count()).toBe(ledger);
  });
});
