// Importing a new version of a draft (issue 4, item 6). The new version becomes a new draft that names
// the old one (`draft.revised`); its claims are matched to the old claims, evidence of matched claims is
// attached again to the new claims, and evidence of removed claims stays where it is, on the old draft,
// listed as detached from a removed claim. Everything is one transaction: all of it lands or none.
import { carryReferences, matchRevision, planEvidenceCarryOver } from '../../../shared/draft/revision.ts';
import { createDraftRows } from '../../../shared/draft/rows.ts';
import { MAX_NOTE_LENGTH } from '../../../shared/ledger/limits.ts';
import type { Claim, Evidence, EvidenceRelation } from '../../../shared/types/domain.ts';
import type { LedgerEvent } from '../../../shared/types/events.ts';
import { newId } from '../app/actions.ts';
import { commitAll } from '../store/commit.ts';
import type { DeskDb } from '../store/db.ts';
import type { DraftInput } from './DraftImportDialog.tsx';

/** A claim whose words are the same in both versions. */
export interface UnchangedClaim {
  /** Position in the old version, from 0. */
  oldIndex: number;
  /** Position in the new version, from 0. */
  newIndex: number;
  /** The sentence (as in the new version). */
  text: string;
  /** Evidence items carried over to it. */
  evidence: number;
}

/** A claim found again with different words. */
export interface EditedClaim {
  /** Position in the old version, from 0. */
  oldIndex: number;
  /** Position in the new version, from 0. */
  newIndex: number;
  /** The sentence before. */
  oldText: string;
  /** The sentence now. */
  newText: string;
  /** Similarity of the two, 0–1. */
  score: number;
  /** Evidence items carried over to it. */
  evidence: number;
  /** True when it had evidence: the claim changed since the evidence was attached. */
  changedSinceEvidence: boolean;
}

/** A claim only in the new version. */
export interface AddedClaim {
  /** Position in the new version, from 0. */
  newIndex: number;
  /** The sentence. */
  text: string;
}

/** A claim only in the old version (it stays there, with its evidence). */
export interface RemovedClaim {
  /** Position in the old version, from 0. */
  oldIndex: number;
  /** The sentence. */
  text: string;
  /** Evidence items it keeps in the old version. */
  evidence: number;
}

/** An evidence item of a removed claim: still attached to it in the old draft, not carried over. */
export interface DetachedItem {
  /** The evidence id (unchanged, in the old draft). */
  evidenceId: string;
  /** supports, contradicts or context. */
  relation: EvidenceRelation;
  /** The passage's words, or an empty string when the passage is missing. */
  quote: string;
  /** The evidence note. */
  note: string;
  /** Who attached it. */
  attachedBy: string;
  /** ISO 8601 time it was attached. */
  attachedAt: string;
  /** Position of the removed claim in the old version, from 0. */
  removedIndex: number;
  /** The removed claim's sentence. */
  removedText: string;
}

/** What importing a revision did. */
export interface RevisionReport {
  /** The draft that was revised. */
  oldDraft: { id: string; title: string };
  /** The new version, a draft of its own. */
  newDraft: { id: string; title: string };
  /** Claims with the same words, in the new version's order. */
  unchanged: UnchangedClaim[];
  /** Claims with changed words, in the new version's order. */
  edited: EditedClaim[];
  /** Claims only in the new version. */
  added: AddedClaim[];
  /** Claims only in the old version. */
  removed: RemovedClaim[];
  /** Evidence items attached again to the new version's claims. */
  carried: number;
  /** Evidence of removed claims, left on the old draft. */
  detached: DetachedItem[];
}

/** The note of an evidence item carried over: its own note, then where it came from and who attached it originally; never longer than MAX_NOTE_LENGTH. */
export function carriedEvidenceNote(original: Pick<Evidence, 'note' | 'actor' | 'attachedAt'>, oldDraftTitle: string, oldClaimIndex: number): string {
  const origin = `Carried over from the earlier version “${oldDraftTitle}” (claim ${oldClaimIndex + 1}); attached by ${original.actor} at ${original.attachedAt}.`;
  const own = original.note.trim();
  if (own === '') return origin.slice(0, MAX_NOTE_LENGTH);
  const room = MAX_NOTE_LENGTH - origin.length - 2;
  const kept = own.length <= room ? own : `${own.slice(0, Math.max(0, room - 1))}…`;
  return `${kept}\n\n${origin}`.slice(0, MAX_NOTE_LENGTH);
}

/**
 * Imports `input` as a new version of draft `oldDraftId`: commits `draft.revised` (claims matched, status
 * and notes kept, bound references carried) and one `evidence.attached` per carried item, by `actor` now,
 * in one transaction; resolves to the report, rejects (writing nothing) when the old draft is gone, the
 * text cannot be imported or is the same text.
 */
export async function reviseDraft(db: DeskDb, actor: string, oldDraftId: string, input: DraftInput): Promise<RevisionReport> {
  const old = await db.drafts.get(oldDraftId);
  if (!old) throw new Error('The draft to revise is no longer in the workspace.');
  const now = new Date();
  const time = now.toISOString();
  const rows = createDraftRows({ text: input.text, fileName: input.fileName, origin: input.origin, importedAt: time, title: input.title, revisionOf: old.id }, newId);
  if (!rows.ok) throw new Error(rows.error);
  const { draft, claims: newClaims, references } = rows.value;
  if (draft.sha256 === old.sha256) throw new Error(`This text is identical to “${old.title}” (same SHA-256); there is nothing to revise.`);

  const oldClaims = (await db.claims.where('draftId').equals(old.id).toArray()).sort((a, b) => a.index - b.index);
  // Attachment order (ties by id), so evidence is carried and listed in the same order every time.
  const oldEvidence = (await db.evidence.where('claimId').anyOf(oldClaims.map((c) => c.id)).toArray()).sort(
    (a, b) => a.attachedAt.localeCompare(b.attachedAt) || a.id.localeCompare(b.id),
  );
  const oldRefs = await db.references.where('draftId').equals(old.id).toArray();
  const match = matchRevision<Claim>(oldClaims, newClaims);
  const plan = planEvidenceCarryOver(match, oldEvidence, newId);

  const byId = new Map(oldEvidence.map((e) => [e.id, e]));
  const oldClaimById = new Map(oldClaims.map((c) => [c.id, c]));
  // The projection requires evidence.actor to be the entry's actor: the carried item is attached anew by
  // whoever imports the revision; the original actor and time are kept in its note.
  const carried: Evidence[] = plan.evidence.map((e) => {
    const original = byId.get(plan.carriedFrom[e.id]!)!;
    const oldIndex = oldClaimById.get(original.claimId)!.index;
    return { ...e, actor, attachedAt: time, note: carriedEvidenceNote(original, old.title, oldIndex) };
  });
  const events: LedgerEvent[] = [
    { type: 'draft.revised', payload: { draft, claims: plan.claims, references: carryReferences(oldRefs, references) } },
    ...carried.map((evidence): LedgerEvent => ({ type: 'evidence.attached', payload: { evidence } })),
  ];
  await commitAll(db, actor, events, { time: now });

  const countOn = (evidence: readonly Evidence[], claimId: string): number => evidence.filter((e) => e.claimId === claimId).length;
  const passages = await db.passages.bulkGet(plan.detached.map((d) => d.evidence.passageId));
  const planned = new Map(plan.claims.map((c) => [c.id, c]));
  return {
    oldDraft: { id: old.id, title: old.title },
    newDraft: { id: draft.id, title: draft.title },
    unchanged: match.matches.filter((m) => m.kind === 'unchanged').map((m) => ({ oldIndex: m.old.index, newIndex: m.new.index, text: m.new.text, evidence: countOn(carried, m.new.id) })),
    edited: match.matches
      .filter((m) => m.kind === 'edited')
      .map((m) => ({
        oldIndex: m.old.index,
        newIndex: m.new.index,
        oldText: m.old.text,
        newText: m.new.text,
        score: m.score,
        evidence: countOn(carried, m.new.id),
        changedSinceEvidence: planned.get(m.new.id)?.changedSinceEvidence ?? false,
      })),
    added: match.added.map((c) => ({ newIndex: c.index, text: c.text })),
    removed: match.removed.map((c) => ({ oldIndex: c.index, text: c.text, evidence: countOn(oldEvidence, c.id) })),
    carried: carried.length,
    detached: plan.detached.map((d, i) => ({
      evidenceId: d.evidence.id,
      relation: d.evidence.relation,
      quote: passages[i]?.selectors.quote.exact ?? '',
      note: d.evidence.note,
      attachedBy: d.evidence.actor,
      attachedAt: d.evidence.attachedAt,
      removedIndex: d.removedClaim.index,
      removedText: d.removedClaim.text,
    })),
  };
}
