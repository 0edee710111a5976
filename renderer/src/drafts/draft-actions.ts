// Editors' changes to a draft's claims (issue 4, item 4) as ledger entries: each loads the rows it needs,
// lets the pure edit function (shared/draft/edit.ts) build the payload, and commits it through the one
// write path. Each rejects with a message a person can act on and writes nothing when it fails.
import { ClaimEditError, mergeClaims, moveMarker, setClaimNote, splitClaim } from '../../../shared/draft/edit.ts';
import { ProjectionError } from '../../../shared/ledger/project.ts';
import type { Claim, Draft } from '../../../shared/types/domain.ts';
import type { LedgerEvent } from '../../../shared/types/events.ts';
import { newId } from '../app/actions.ts';
import { commit } from '../store/commit.ts';
import type { DeskDb } from '../store/db.ts';

/** Message for a claim that is no longer stored. */
export const CLAIM_GONE = 'That claim no longer exists; it may have been merged, split or replaced by a revision. Select it again in the claims list.';

interface Loaded {
  claim: Claim;
  draft: Draft;
  claims: Claim[];
}

async function load(db: DeskDb, claimId: string): Promise<Loaded> {
  const claim = await db.claims.get(claimId);
  if (!claim) throw new Error(CLAIM_GONE);
  const draft = await db.drafts.get(claim.draftId);
  if (!draft) throw new Error(`The draft of claim ${claim.index + 1} is no longer in the workspace.`);
  const claims = (await db.claims.where('draftId').equals(draft.id).toArray()).sort((a, b) => a.index - b.index);
  return { claim, draft, claims };
}

function edit<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (error: unknown) {
    if (error instanceof ClaimEditError) throw new Error(`${what}: ${error.message}.`);
    throw error;
  }
}

async function record(db: DeskDb, actor: string, event: LedgerEvent): Promise<void> {
  try {
    await commit(db, actor, event);
  } catch (error: unknown) {
    // The rows changed between reading them and writing (another window, a revision): nothing was written.
    if (error instanceof ProjectionError) throw new Error(`The claims changed while this edit was made, so nothing was saved; look at them again and retry. (${error.message})`);
    throw error;
  }
}

/** Splits a claim at a draft offset (`claim.split`; the first part keeps the id, status, note and evidence); resolves to the second part's id, rejects when the point leaves a part without words or falls inside a marker. */
export async function splitClaimAt(db: DeskDb, actor: string, claimId: string, at: number): Promise<string> {
  const { claim, draft, claims } = await load(db, claimId);
  const result = edit(`Claim ${claim.index + 1} cannot be split there`, () => splitClaim(draft.text, claims, claimId, at, newId));
  await record(db, actor, { type: 'claim.split', payload: result.payload });
  return result.payload.claims[1]!.id;
}

/** Merges a claim with the one after it in its draft (`claim.merged`; the merged claim keeps the first id and all evidence); rejects for the last claim. */
export async function mergeWithNext(db: DeskDb, actor: string, claimId: string): Promise<void> {
  const { claim, draft, claims } = await load(db, claimId);
  const next = claims.find((c) => c.index === claim.index + 1);
  if (!next) throw new Error(`Claim ${claim.index + 1} is the last of its draft; there is no next claim to merge it with.`);
  const result = edit(`Claims ${claim.index + 1} and ${next.index + 1} cannot be merged`, () => mergeClaims(draft.text, claims, [claim.id, next.id]));
  await record(db, actor, { type: 'claim.merged', payload: result.payload });
}

/** Moves the marker at draft offset `offset` from one claim to another of the same draft (`claim.marker-moved`); rejects when either claim or the marker is gone or the claims are in different drafts. */
export async function moveMarkerTo(db: DeskDb, actor: string, fromClaimId: string, offset: number, toClaimId: string): Promise<void> {
  const { claim, claims } = await load(db, fromClaimId);
  const target = claims.find((c) => c.id === toClaimId);
  if (!target) throw new Error((await db.claims.get(toClaimId)) ? 'A marker can only move to another claim of the same draft.' : CLAIM_GONE);
  const result = edit(`The marker cannot be moved from claim ${claim.index + 1} to claim ${target.index + 1}`, () => moveMarker(claims, fromClaimId, offset, toClaimId));
  await record(db, actor, { type: 'claim.marker-moved', payload: result.payload });
}

/** Sets a claim's note (`claim.note-set`); resolves without writing when it is unchanged, rejects when the claim is gone or the note is over the limit. */
export async function setNote(db: DeskDb, actor: string, claimId: string, note: string): Promise<void> {
  const claim = await db.claims.get(claimId);
  if (!claim) throw new Error(CLAIM_GONE);
  if (claim.note === note) return;
  const result = edit(`The note of claim ${claim.index + 1} cannot be saved`, () => setClaimNote([claim], claimId, note));
  await record(db, actor, { type: 'claim.note-set', payload: result.payload });
}
