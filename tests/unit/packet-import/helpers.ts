// A real workspace on fake-indexeddb (created by the store, with its own WebCrypto key) holding the
// packet fixture's draft, source, passages and evidence, committed through the one write path; and a
// fake host whose save captures the bytes.
import 'fake-indexeddb/auto';
import type { Host, SaveOptions } from '../../../renderer/src/host/host.ts';
import { commit } from '../../../renderer/src/store/commit.ts';
import type { DeskDb } from '../../../renderer/src/store/db.ts';
import { RegistryDb, createWorkspace } from '../../../renderer/src/store/workspaces.ts';
import type { Claim, Draft, Reference } from '../../../shared/types/domain.ts';
import type { LedgerEntry, LedgerEvent } from '../../../shared/types/events.ts';
import { makeWorkspace } from '../packet/fixture.ts';

/** The fixture's events after workspace.created, with their actors; a second draft `d2` when asked. */
function fixtureEvents(secondDraft: boolean): { actor: string; event: LedgerEvent }[] {
  const w = makeWorkspace('A'.repeat(43) + '=');
  const out = w.entries.slice(1).map((e: LedgerEntry) => ({ actor: e.actor, event: { type: e.type, payload: e.payload } as LedgerEvent }));
  if (secondDraft) {
    const d1 = w.drafts[0]!;
    const draft: Draft = { ...d1, id: 'd2', title: 'Second story' };
    const claims: Claim[] = w.claims.map((c) => ({ ...c, id: `${c.id}-d2`, draftId: 'd2' }));
    const references: Reference[] = [{ type: 'reference', id: 'd2#1', draftId: 'd2', ref: '1', sourceSha256: null, csl: null }];
    out.push({ actor: 'ana', event: { type: 'draft.imported', payload: { draft, claims, references } } });
  }
  return out;
}

/** A workspace named `name` with the fixture's history (and a second, evidence-less draft when asked). */
export async function fixtureWorkspace(registry: RegistryDb, name = 'Flood check', secondDraft = false): Promise<DeskDb> {
  const db = await createWorkspace(registry, name, 'ana');
  const bytes = makeWorkspace('A'.repeat(43) + '=').sourceBytes;
  for (const { actor, event } of fixtureEvents(secondDraft)) {
    await commit(db, actor, event, event.type === 'source.added' ? { file: { blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) } } : {});
  }
  return db;
}

/** A host whose saveFile records what was saved and answers with `answer` (default: saved under the suggested name). */
export function captureHost(answer: 'save' | 'cancel' = 'save'): Pick<Host, 'saveFile'> & { saved: SaveOptions[] } {
  const saved: SaveOptions[] = [];
  return {
    saved,
    saveFile(options) {
      saved.push(options);
      return Promise.resolve({ ok: true, value: answer === 'save' ? { savedAs: `/home/ana/${options.suggestedName}` } : null });
    },
  };
}

/** The names of every IndexedDB database that exists now. */
export async function databaseNames(): Promise<string[]> {
  const factory = (globalThis as unknown as { indexedDB: { databases(): Promise<{ name?: string }[]> } }).indexedDB;
  return (await factory.databases()).map((d) => d.name ?? '').sort();
}

export { RegistryDb };
