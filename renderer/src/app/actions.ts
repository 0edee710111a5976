// What the user does, as ledger events. Each function builds the event(s) from the current rows and
// commits them through the store's one write path, so state and ledger never disagree. Every function
// rejects with a message a person can act on and writes nothing when it fails.
import { planReplacement, type ReplacementReport } from '../../../shared/anchor/replace.ts';
import { createDraftRows } from '../../../shared/draft/rows.ts';
import { MAX_PAGE_OFFSET } from '../../../shared/ledger/limits.ts';
import { toCanonicalJson } from '../../../shared/ledger/canonical.ts';
import { cslForReference } from '../../../shared/references/csl.ts';
import type { ClaimStatus, Evidence, EvidenceRelation, Passage, Reference } from '../../../shared/types/domain.ts';
import type { LedgerEvent } from '../../../shared/types/events.ts';
import type { PassageSelectors } from '../../../shared/types/selectors.ts';
import type { DraftInput } from '../drafts/DraftImportDialog.tsx';
import type { PreparedSource } from '../sources/prepare-source.ts';
import { commit, commitAll } from '../store/commit.ts';
import type { DeskDb } from '../store/db.ts';

/** A new passage not stored yet: the selection the user highlighted. */
export interface PassageDraft {
  /** The source it is in. */
  sourceSha256: string;
  /** Its W3C selectors. */
  selectors: PassageSelectors;
  /** Page rects to paint (PDFs). */
  rects: Passage['rects'];
  /** Speakers of the cues it spans (transcripts). */
  speakers: string[];
}

/** A fresh random id for a row. */
export function newId(): string {
  return crypto.randomUUID();
}

function nowIso(): string {
  return new Date().toISOString();
}

/** Imports a draft: parses it and commits `draft.imported` with its claims and references; rejects with the parser's message. */
export async function importDraft(db: DeskDb, actor: string, input: DraftInput): Promise<string> {
  const rows = createDraftRows({ text: input.text, fileName: input.fileName, origin: input.origin, importedAt: nowIso(), title: input.title }, newId);
  if (!rows.ok) throw new Error(rows.error);
  await commit(db, actor, { type: 'draft.imported', payload: rows.value });
  return rows.value.draft.id;
}

/** True when `error` (or the error Dexie wrapped in it) is IndexedDB's QuotaExceededError; never throws. */
function isStorageFull(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Object && depth < 4; e = (e as { inner?: unknown }).inner, depth++) {
    if ((e as { name?: unknown }).name === 'QuotaExceededError') return true;
  }
  return false;
}

/** Runs a commit that stores `fileName`'s bytes; a full storage rejects with a message naming the file (IndexedDB's own is empty). */
async function storingFile<T>(fileName: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error: unknown) {
    if (!isStorageFull(error)) throw error;
    throw new Error(
      `${fileName} was not added: the browser's storage for this app is full (QuotaExceededError). Nothing of it was saved; free disk space or delete a workspace you no longer need, then add it again.`,
    );
  }
}

/** Records a prepared source (its bytes stored once); resolves to false when a source with the same SHA-256 is already there; rejects naming the file when the storage is full. */
export async function addSource(db: DeskDb, actor: string, prepared: PreparedSource): Promise<boolean> {
  if ((await db.sources.get(prepared.source.sha256)) !== undefined) return false;
  await storingFile(prepared.source.fileName, () =>
    commit(
      db,
      actor,
      { type: 'source.added', payload: { source: prepared.source, text: prepared.text } },
      { file: { blob: new Blob([prepared.bytes as Uint8Array<ArrayBuffer>], { type: prepared.source.mediaType }) } },
    ),
  );
  return true;
}

function passageRow(draft: PassageDraft): Passage {
  return {
    type: 'passage',
    id: newId(),
    sourceSha256: draft.sourceSha256,
    selectors: draft.selectors,
    rects: draft.rects,
    speakers: draft.speakers,
    createdAt: nowIso(),
  };
}

/** Stores a highlighted selection as a passage (`passage.created`); resolves to its id. */
export async function createPassage(db: DeskDb, actor: string, draft: PassageDraft): Promise<string> {
  const passage = passageRow(draft);
  await commit(db, actor, { type: 'passage.created', payload: { passage } });
  return passage.id;
}

/** Attaches a passage (an existing one by id, or a new selection stored in the same transaction) to a claim; resolves to the evidence id. */
export async function attachEvidence(
  db: DeskDb,
  actor: string,
  claimId: string,
  passage: { id: string } | PassageDraft,
  relation: EvidenceRelation,
  note: string,
): Promise<string> {
  const events: LedgerEvent[] = [];
  let passageId: string;
  if ('id' in passage) passageId = passage.id;
  else {
    const row = passageRow(passage);
    passageId = row.id;
    events.push({ type: 'passage.created', payload: { passage: row } });
  }
  const evidence: Evidence = { type: 'evidence', id: newId(), claimId, passageId, relation, note, actor, attachedAt: nowIso() };
  events.push({ type: 'evidence.attached', payload: { evidence } });
  await commitAll(db, actor, events);
  return evidence.id;
}

/**
 * Deletes a passage (`passage.deleted`), first detaching every evidence item that uses it
 * (`evidence.detached` each), all in one transaction; the ledger keeps the passage and the evidence.
 * Rejects, writing nothing, when the passage is gone.
 */
export async function deletePassage(db: DeskDb, actor: string, passageId: string): Promise<{ detached: number }> {
  const evidence = await db.evidence.where('passageId').equals(passageId).toArray();
  const events: LedgerEvent[] = [
    ...evidence.map((e): LedgerEvent => ({ type: 'evidence.detached', payload: { evidenceId: e.id } })),
    { type: 'passage.deleted', payload: { passageId } },
  ];
  await commitAll(db, actor, events);
  return { detached: evidence.length };
}

/** Detaches an evidence item (`evidence.detached`; the ledger keeps it). */
export async function detachEvidence(db: DeskDb, actor: string, evidenceId: string): Promise<void> {
  await commit(db, actor, { type: 'evidence.detached', payload: { evidenceId } });
}

/** Sets a claim's status with a note (`claim.status-set`); rejects when the claim is gone. */
export async function setClaimStatus(db: DeskDb, actor: string, claimId: string, to: ClaimStatus, note: string): Promise<void> {
  const claim = await db.claims.get(claimId);
  if (!claim) throw new Error('That claim no longer exists; it may have been merged or replaced by a revision.');
  if (claim.status === to) return;
  await commit(db, actor, { type: 'claim.status-set', payload: { claimId, from: claim.status, to, note } });
}

/**
 * Binds a draft's reference number to a source (`reference.bound`), or unbinds it with null. `csl`, when
 * given, is the reference-list item the binding came from (stored on the reference; null clears it; an
 * item over MAX_CSL_BYTES is left out); when absent, the stored item is kept. Writes nothing when
 * nothing would change.
 */
export async function bindReference(db: DeskDb, actor: string, reference: Reference, sourceSha256: string | null, csl?: Record<string, unknown> | null): Promise<void> {
  if (sourceSha256 === null) {
    if (reference.sourceSha256 === null) return;
    await commit(db, actor, { type: 'reference.unbound', payload: { referenceId: reference.id, sourceSha256: reference.sourceSha256 } });
    return;
  }
  const item = csl === undefined ? reference.csl : cslForReference(csl);
  const same = (a: Record<string, unknown> | null, b: Record<string, unknown> | null) => (a === null || b === null ? a === b : toCanonicalJson(a) === toCanonicalJson(b));
  if (reference.sourceSha256 === sourceSha256 && same(reference.csl, item)) return;
  await commit(db, actor, { type: 'reference.bound', payload: { reference: { ...reference, sourceSha256, csl: item } } });
}

/** Sets a PDF source's page offset (printed page = PDF page + offset) as `source.page-offset-set`. */
export async function setPageOffset(db: DeskDb, actor: string, sha256: string, to: number): Promise<void> {
  const source = await db.sources.get(sha256);
  if (!source) throw new Error('That source is no longer in the workspace.');
  if (!Number.isInteger(to) || Math.abs(to) > MAX_PAGE_OFFSET) throw new Error(`The page offset must be a whole number between -${MAX_PAGE_OFFSET} and ${MAX_PAGE_OFFSET}.`);
  if (source.pageOffset === to) return;
  await commit(db, actor, { type: 'source.page-offset-set', payload: { sha256, from: source.pageOffset, to } });
}

/** Records `prepared` as a new version of source `oldSha256` and re-anchors its passages into it, all in one transaction; rejects when the kinds differ or the file is already there. */
export async function replaceSource(db: DeskDb, actor: string, oldSha256: string, prepared: PreparedSource): Promise<ReplacementReport> {
  const old = await db.sources.get(oldSha256);
  const oldText = await db.sourceTexts.get(oldSha256);
  if (!old || !oldText) throw new Error('The source to replace is no longer in the workspace.');
  if (!prepared.text || prepared.source.kind !== old.kind) throw new Error(`${prepared.source.fileName} is a ${prepared.source.kind}; a ${old.kind} can only be replaced by another ${old.kind}.`);
  if (prepared.source.sha256 === oldSha256) throw new Error(`${prepared.source.fileName} is the same file (same SHA-256); nothing to replace.`);
  if ((await db.sources.get(prepared.source.sha256)) !== undefined) throw new Error(`${prepared.source.fileName} is already in this workspace.`);
  const source = { ...prepared.source, replaces: oldSha256, pageOffset: old.pageOffset, recordingSha256: old.recordingSha256 };
  const passages = await db.passages.where('sourceSha256').equals(oldSha256).toArray();
  const plan = planReplacement(oldText, prepared.text, passages);
  const events: LedgerEvent[] = [{ type: 'source.added', payload: { source, text: prepared.text } }, ...plan.events];
  const files = new Map([[source.sha256, new Blob([prepared.bytes as Uint8Array<ArrayBuffer>], { type: source.mediaType })]]);
  await storingFile(prepared.source.fileName, () => commitAll(db, actor, events, { files }));
  // References bound to the old version follow it to the new one.
  for (const ref of await db.references.where('sourceSha256').equals(oldSha256).toArray()) {
    await commit(db, actor, { type: 'reference.bound', payload: { reference: { ...ref, sourceSha256: source.sha256 } } });
  }
  return plan.report;
}

/** Attaches a recording to a transcript (storing the recording first when it is new), in one transaction. */
export async function attachRecording(db: DeskDb, actor: string, transcriptSha256: string, prepared: PreparedSource): Promise<void> {
  const transcript = await db.sources.get(transcriptSha256);
  if (!transcript || transcript.kind !== 'transcript') throw new Error('The transcript is no longer in the workspace.');
  if (prepared.source.kind !== 'recording') throw new Error(`${prepared.source.fileName} is not an audio or video recording.`);
  const events: LedgerEvent[] = [];
  if ((await db.sources.get(prepared.source.sha256)) === undefined) events.push({ type: 'source.added', payload: { source: prepared.source, text: null } });
  events.push({ type: 'source.recording-set', payload: { transcriptSha256, from: transcript.recordingSha256, to: prepared.source.sha256 } });
  const files = new Map([[prepared.source.sha256, new Blob([prepared.bytes as Uint8Array<ArrayBuffer>], { type: prepared.source.mediaType })]]);
  await storingFile(prepared.source.fileName, () => commitAll(db, actor, events, { files }));
}
