// The store-level loss check (issue 9: "faults lose nothing"), run inside the worker on fake-indexeddb with
// the real store (renderer/src/store): a workspace holds a known good draft and a known good transcript
// source; every accepted bad input goes through the store's one import path (commitAll), every rejected
// one must leave the store untouched. After each input the good items, the stored file and the ledger
// length are compared with what they must be; every VERIFY_EVERY inputs (and before each reset) the
// workspace is fully verified (ledger, replayed projection, file hashes). Any difference is "lost".
import 'fake-indexeddb/auto';
import { sha256Hex } from '../shared/hash.ts';
import { createDraftRows, type DraftRows } from '../shared/draft/rows.ts';
import { parseTranscript } from '../shared/transcript/index.ts';
import type { LedgerEvent } from '../shared/types/events.ts';
import type { Source } from '../shared/types/domain.ts';
import type { SourceText } from '../shared/types/text.ts';
import { commitAll } from '../renderer/src/store/commit.ts';
import type { DeskDb } from '../renderer/src/store/db.ts';
import { verifyWorkspace } from '../renderer/src/store/verify.ts';
import { RegistryDb, createWorkspace, deleteWorkspace } from '../renderer/src/store/workspaces.ts';

/** Inputs between two full verifications of the store workspace. */
export const VERIFY_EVERY = 25;
/** Inputs after which the workspace is verified, deleted and made anew (bounds memory). */
export const RESET_EVERY = 150;
/** The fixed time of every fuzz import, so runs are reproducible. */
export const FUZZ_TIME = '2025-01-01T00:00:00.000Z';

const GOOD_DRAFT = 'The levee held until May 1927 [1]. Officials said "it will hold" [2]: 14. Nobody was warned.';
const GOOD_TRANSCRIPT = new TextEncoder().encode('WEBVTT\n\n00:00.000 --> 00:02.000\n<v Ana>The levee held.\n\n00:02.000 --> 00:04.000\nIt did not.\n');

interface Workspace {
  registry: RegistryDb;
  db: DeskDb;
  id: string;
  ledgerSize: number;
  inputs: number;
  goodDraftId: string;
  goodDraftSha: string;
  goodClaims: number;
  goodSourceSha: string;
}

let current: Workspace | null = null;
let nextId = 0;
const ACTOR = 'fuzz';

/** A fresh id for an imported row (deterministic within a worker). */
export function newId(): string {
  return `fz-${(nextId++).toString(36)}`;
}

/** The Source row a transcript or PDF import records, as the renderer's prepareSource builds it. */
export function sourceRow(fileName: string, bytes: Uint8Array, kind: 'pdf' | 'transcript', mediaType: string, text: SourceText, title: string | null): Source {
  return {
    type: 'source', sha256: sha256Hex(bytes), kind, fileName, mediaType, size: bytes.length,
    title: title?.trim() || fileName.replace(/\.[^.]+$/, '') || fileName, author: null, unitCount: text.units.length,
    recordingSha256: null, replaces: null, pageOffset: 0, addedAt: FUZZ_TIME,
  };
}

/** The draft.imported event of draft rows; never throws. */
export function draftEvent(rows: DraftRows): LedgerEvent {
  return { type: 'draft.imported', payload: { draft: rows.draft, claims: rows.claims, references: rows.references } };
}

async function open(): Promise<Workspace> {
  const registry = new RegistryDb();
  const db = await createWorkspace(registry, 'Fuzz workspace', ACTOR);
  const ws = (await db.workspace.toCollection().first())!;
  const rows = createDraftRows({ text: GOOD_DRAFT, fileName: 'good.txt', origin: 'txt', importedAt: FUZZ_TIME }, newId);
  if (!rows.ok) throw new Error(`fuzz store: the good draft does not import: ${rows.error}`);
  const parsed = parseTranscript('good.vtt', GOOD_TRANSCRIPT);
  if (!parsed.ok) throw new Error(`fuzz store: the good transcript does not import: ${parsed.error}`);
  const source = sourceRow('good.vtt', GOOD_TRANSCRIPT, 'transcript', 'text/vtt', parsed.value.sourceText, null);
  await commitAll(db, ACTOR, [draftEvent(rows.value), { type: 'source.added', payload: { source, text: parsed.value.sourceText } }], {
    files: new Map([[source.sha256, new Blob([GOOD_TRANSCRIPT.slice()])]]),
  });
  return {
    registry, db, id: ws.id, ledgerSize: await db.ledger.count(), inputs: 0,
    goodDraftId: rows.value.draft.id, goodDraftSha: rows.value.draft.sha256, goodClaims: rows.value.claims.length, goodSourceSha: source.sha256,
  };
}

async function workspace(): Promise<Workspace> {
  current ??= await open();
  return current;
}

/** What was lost, or null when the good items, the stored file and the ledger are intact. */
async function damage(w: Workspace, full: boolean): Promise<string | null> {
  const { db } = w;
  const size = await db.ledger.count();
  if (size !== w.ledgerSize) return `the ledger has ${size} entries; ${w.ledgerSize} were committed`;
  const draft = await db.drafts.get(w.goodDraftId);
  if (draft === undefined || draft.sha256 !== w.goodDraftSha || sha256Hex(new TextEncoder().encode(draft.text)) !== w.goodDraftSha) return 'the good draft is missing or changed';
  const claims = await db.claims.where('draftId').equals(w.goodDraftId).count();
  if (claims !== w.goodClaims) return `the good draft has ${claims} claims; it had ${w.goodClaims}`;
  const file = await db.files.get(w.goodSourceSha);
  if (file === undefined || sha256Hex(new Uint8Array(await file.blob.arrayBuffer())) !== w.goodSourceSha) return 'the good source file is missing or changed';
  if ((await db.sources.get(w.goodSourceSha)) === undefined || (await db.sourceTexts.get(w.goodSourceSha)) === undefined) return 'the good source or its text is missing';
  if (full) {
    const report = await verifyWorkspace(db);
    if (!report.ok) return `verifyWorkspace fails: ${report.firstFailure?.name ?? '?'}: ${report.firstFailure?.detail ?? '?'}`;
  }
  return null;
}

/**
 * Commits what an importer accepted through the store's import path and checks nothing was lost; returns
 * `lost` when the store was damaged, `rejected` (the store's own message, naming the file) when the commit
 * was refused, else `accepted`. Rethrows engine errors (TypeError, RangeError…) so that they count as crashes.
 */
export async function storeImport(fileName: string, events: LedgerEvent[], files: Map<string, Uint8Array>): Promise<{ kind: 'accepted' } | { kind: 'rejected'; message: string } | { kind: 'lost'; detail: string }> {
  const w = await workspace();
  let refused: string | null = null;
  try {
    const blobs = new Map([...files].map(([sha, bytes]) => [sha, new Blob([bytes.slice()])] as const));
    await commitAll(w.db, ACTOR, events, { time: new Date(FUZZ_TIME), files: blobs });
    w.ledgerSize += events.length;
  } catch (error: unknown) {
    if (!(error instanceof Error) || ['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError'].includes(error.name)) throw error;
    refused = `${fileName}: the store refused the import: ${error.message}`;
  }
  return finish(w, refused);
}

/** Checks the store after an input the importer rejected (nothing may have changed); null when intact. */
export async function storeUntouched(): Promise<string | null> {
  const w = await workspace();
  const r = await finish(w, null);
  return r.kind === 'lost' ? r.detail : null;
}

async function finish(w: Workspace, refused: string | null): Promise<{ kind: 'accepted' } | { kind: 'rejected'; message: string } | { kind: 'lost'; detail: string }> {
  w.inputs++;
  const reset = w.inputs >= RESET_EVERY;
  const problem = await damage(w, reset || w.inputs % VERIFY_EVERY === 0);
  if (reset || problem !== null) {
    w.db.close();
    await deleteWorkspace(w.registry, w.id);
    current = null;
  }
  if (problem !== null) return { kind: 'lost', detail: problem };
  return refused === null ? { kind: 'accepted' } : { kind: 'rejected', message: refused };
}
