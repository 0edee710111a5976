// bindReference on the real store (fake-indexeddb): the reference-list item a binding came from is stored
// on the reference and kept, replaced or cleared as asked; nothing is written when nothing changes.
import 'fake-indexeddb/auto';
import { Blob as NodeBlob } from 'node:buffer';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../shared/hash.ts';
import { MAX_CSL_BYTES } from '../../../shared/ledger/limits.ts';
import type { Reference, Source } from '../../../shared/types/domain.ts';
import type { SourceText } from '../../../shared/types/text.ts';
import { addSource, bindReference, importDraft } from '../../../renderer/src/app/actions.ts';
import type { DeskDb } from '../../../renderer/src/store/db.ts';
import { verifyWorkspace } from '../../../renderer/src/store/verify.ts';
import { RegistryDb, createWorkspace } from '../../../renderer/src/store/workspaces.ts';

const ITEM = { id: 'amnesty1990', type: 'report', title: 'Iran: Violations of Human Rights 1987–1990', author: [{ literal: 'Amnesty International' }] };
let db: DeskDb;
let sha: string;

async function reference(): Promise<Reference> {
  return (await db.references.toArray())[0]!;
}

beforeAll(() => {
  globalThis.Blob = NodeBlob as unknown as typeof Blob;
});

beforeEach(async () => {
  db = await createWorkspace(new RegistryDb(), 'Refs', 'Ana');
  await importDraft(db, 'Ana', { text: 'The commission had four members.[1]', origin: 'paste', fileName: null, title: 'Executions' });
  const words = 'Report text.';
  const bytes = new TextEncoder().encode(words);
  sha = sha256Hex(bytes);
  const text: SourceText = { type: 'source-text', sha256: sha, kind: 'pdf', text: words, units: [{ kind: 'page', index: 0, label: '1', range: [0, words.length] }] };
  const source: Source = {
    type: 'source', sha256: sha, kind: 'pdf', fileName: '1 - report.pdf', mediaType: 'application/pdf', size: bytes.length, title: 'Report', author: null,
    unitCount: 1, recordingSha256: null, replaces: null, pageOffset: 0, addedAt: new Date().toISOString(),
  };
  await addSource(db, 'Ana', { source, text, bytes, itemRanges: null });
});

describe('bindReference', () => {
  it('stores the list item with the binding, adds it to an existing binding, and keeps it when none is given', async () => {
    await bindReference(db, 'Ana', await reference(), sha);
    expect(await reference()).toMatchObject({ sourceSha256: sha, csl: null });
    const before = await db.ledger.count();
    await bindReference(db, 'Ana', await reference(), sha, ITEM);
    expect((await reference()).csl).toEqual(ITEM);
    expect(await db.ledger.count()).toBe(before + 1);
    await bindReference(db, 'Ana', await reference(), sha, { ...ITEM });
    await bindReference(db, 'Ana', await reference(), sha);
    expect(await db.ledger.count()).toBe(before + 1);
    expect((await reference()).csl).toEqual(ITEM);
    expect((await verifyWorkspace(db)).ok).toBe(true);
  });

  it('binds without an item larger than MAX_CSL_BYTES, and null clears the item', async () => {
    await bindReference(db, 'Ana', await reference(), sha, { ...ITEM, note: 'x'.repeat(MAX_CSL_BYTES) });
    expect(await reference()).toMatchObject({ sourceSha256: sha, csl: null });
    await bindReference(db, 'Ana', await reference(), sha, ITEM);
    await bindReference(db, 'Ana', await reference(), sha, null);
    expect((await reference()).csl).toBeNull();
  });
});
