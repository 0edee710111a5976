// A real workspace on fake-indexeddb (created by the store, with its own WebCrypto key) holding one
// draft with two claims (and optionally a second draft), one PDF source, two passages and two evidence
// items, committed through the one write path; a fake host whose save captures the bytes; and a forger's
// manifest rewrite. Shared by the packet component tests and the packet-import unit tests, so it uses
// nothing that only the DOM or only Node has.
import 'fake-indexeddb/auto';
import { createSelectors } from '../../../shared/anchor/selectors.ts';
import { sha256Hex, toUtf8 } from '../../../shared/hash.ts';
import type { Claim, Draft, Evidence, Passage, Reference, Source } from '../../../shared/types/domain.ts';
import type { LedgerEvent } from '../../../shared/types/events.ts';
import type { SourceText } from '../../../shared/types/text.ts';
import type { Host, SaveOptions } from '../../../renderer/src/host/host.ts';
import { commit } from '../../../renderer/src/store/commit.ts';
import type { DeskDb } from '../../../renderer/src/store/db.ts';
import { RegistryDb, createWorkspace } from '../../../renderer/src/store/workspaces.ts';

const draftText = 'The river flooded in 1927 [1]: 2. Officials said "the levee held" [1]. Nobody was warned.';
const pageOne = 'Report on the Mississippi.\nThe river flooded in the spring of 1927, ';
const pageTwo = 'and officials insisted that the levee held until the end.\n';
/** The source file's bytes. */
export const SOURCE_BYTES = toUtf8('%PDF-1.7 fabricated bytes for the test source');
const sha = sha256Hex(SOURCE_BYTES);
const at = (minute: number) => `2025-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const text: SourceText = {
  type: 'source-text',
  sha256: sha,
  kind: 'pdf',
  text: pageOne + pageTwo,
  units: [
    { kind: 'page', index: 0, label: '1', range: [0, pageOne.length] },
    { kind: 'page', index: 1, label: '2', range: [pageOne.length, pageOne.length + pageTwo.length] },
  ],
};

function passage(id: string, exact: string, minute: number): Passage {
  const start = text.text.indexOf(exact);
  return { type: 'passage', id, sourceSha256: sha, selectors: createSelectors(text, start, start + exact.length), rects: [], speakers: [], createdAt: at(minute) };
}

function draftEvent(id: string, title: string, minute: number): LedgerEvent {
  const draft: Draft = { type: 'draft', id, title, fileName: 'flood.txt', origin: 'txt', sha256: sha256Hex(toUtf8(draftText)), text: draftText, orphans: [], revisionOf: null, importedAt: at(minute) };
  const suffix = id === 'd1' ? '' : `-${id}`;
  const claims: Claim[] = [
    { type: 'claim', id: `c1${suffix}`, draftId: id, index: 0, text: 'The river flooded in 1927.', range: [0, 26], markers: [{ raw: '[1]: 2', ref: '1', locator: '2', flag: null, offset: 27 }], quotes: [], status: 'unreviewed', note: '', changedSinceEvidence: false },
    { type: 'claim', id: `c2${suffix}`, draftId: id, index: 1, text: 'Officials said "the levee held".', range: [35, 67], markers: [{ raw: '[1]', ref: '1', locator: null, flag: null, offset: 68 }], quotes: [{ text: 'the levee held', range: [51, 65] }], status: 'unreviewed', note: 'Check the wording', changedSinceEvidence: false },
  ];
  const references: Reference[] = [{ type: 'reference', id: `${id}#1`, draftId: id, ref: '1', sourceSha256: null, csl: null }];
  return { type: 'draft.imported', payload: { draft, claims, references } };
}

/** The fixture's events after workspace.created, each with its actor. */
export function fixtureEvents(secondDraft: boolean): { actor: string; event: LedgerEvent }[] {
  const source: Source = { type: 'source', sha256: sha, kind: 'pdf', fileName: '1 - Report.pdf', mediaType: 'application/pdf', size: SOURCE_BYTES.length, title: 'Report on the Mississippi', author: null, unitCount: 2, recordingSha256: null, replaces: null, pageOffset: 0, addedAt: at(2) };
  const p1 = passage('p1', 'The river flooded in the spring of 1927', 4);
  const p2 = passage('p2', 'the levee held', 5);
  const e1: Evidence = { type: 'evidence', id: 'e1', claimId: 'c1', passageId: 'p1', relation: 'supports', note: '', actor: 'ana', attachedAt: at(6) };
  const e2: Evidence = { type: 'evidence', id: 'e2', claimId: 'c2', passageId: 'p2', relation: 'context', note: 'Officials "insisted"', actor: 'auto-check', attachedAt: at(7) };
  const events: { actor: string; event: LedgerEvent }[] = [
    { actor: 'ana', event: draftEvent('d1', 'Flood story', 1) },
    { actor: 'ana', event: { type: 'source.added', payload: { source, text } } },
    { actor: 'ana', event: { type: 'reference.bound', payload: { reference: { type: 'reference', id: 'd1#1', draftId: 'd1', ref: '1', sourceSha256: sha, csl: null } } } },
    { actor: 'ana', event: { type: 'passage.created', payload: { passage: p1 } } },
    { actor: 'ana', event: { type: 'passage.created', payload: { passage: p2 } } },
    { actor: 'ana', event: { type: 'evidence.attached', payload: { evidence: e1 } } },
    { actor: 'auto-check', event: { type: 'evidence.attached', payload: { evidence: e2 } } },
  ];
  if (secondDraft) events.push({ actor: 'ana', event: draftEvent('d2', 'Second story', 8) });
  return events;
}

/** A workspace named `name` with the fixture's history (8 entries; 9 with the second, evidence-less draft `d2`). */
export async function fixtureWorkspace(registry: RegistryDb, name = 'Flood check', secondDraft = false): Promise<DeskDb> {
  const db = await createWorkspace(registry, name, 'ana');
  for (const { actor, event } of fixtureEvents(secondDraft)) {
    await commit(db, actor, event, event.type === 'source.added' ? { file: { blob: new Blob([SOURCE_BYTES as Uint8Array<ArrayBuffer>]) } } : {});
  }
  return db;
}

/** A host whose saveFile records what was saved and answers saved (under /home/ana/) or cancelled. */
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

/** Rewrites Payload-Oxum and both SHA-256 manifests for the current files, as a forger would (the packet tests' helper). */
export { recomputeManifests as forgeManifests } from '../../unit/packet/build.ts';

export { RegistryDb };
