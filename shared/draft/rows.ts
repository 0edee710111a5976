// Parsed draft → the rows the store persists with a `draft.imported` (or `draft.revised`) ledger entry.
// Ids come from the caller, so the same input and ids always give the same rows (the ledger replays them).
import { sha256Hex, toUtf8 } from '../hash.ts';
import { MAX_CLAIMS_PER_DRAFT, MAX_MARKERS, MAX_NAME_LENGTH, MAX_REFERENCES_PER_DRAFT } from '../ledger/limits.ts';
import type { Claim, Draft, Reference } from '../types/domain.ts';
import { err, ok, type Result } from '../types/result.ts';
import { DRAFT_MAX_CHARS, parseDraft, type ParsedClaim } from './parse.ts';

/** Most words of the first sentence used as a title for a pasted draft. */
export const TITLE_MAX_WORDS = 10;

/** What the importer knows about a draft besides its text. */
export interface DraftInput {
  /** The draft text (for .docx and HTML, the converted text). */
  text: string;
  /** The file it came from, or null when pasted. */
  fileName: string | null;
  /** How the text arrived. */
  origin: Draft['origin'];
  /** ISO 8601 time of import. */
  importedAt: string;
  /** Title; defaults to the file name without extension, or the first words of the draft. */
  title?: string;
  /** The draft this is a revision of, or null. */
  revisionOf?: string | null;
}

/** The rows of an imported draft. */
export interface DraftRows {
  /** The draft row. */
  draft: Draft;
  /** Its claims, indexes 0…n-1. */
  claims: Claim[];
  /** One unbound reference per reference number the markers use. */
  references: Reference[];
}

/** A stored Claim row for a parsed claim, unreviewed and without a note; never throws. */
export function toClaimRow(parsed: ParsedClaim, id: string, draftId: string): Claim {
  return {
    type: 'claim',
    id,
    draftId,
    index: parsed.index,
    text: parsed.text,
    range: [parsed.range[0], parsed.range[1]],
    markers: parsed.markers.map((m) => ({ ...m })),
    quotes: parsed.quotes.map((q) => ({ text: q.text, range: [q.range[0], q.range[1]] })),
    status: 'unreviewed',
    note: '',
    changedSinceEvidence: false,
  };
}

function titleOf(input: DraftInput, firstClaim: string | undefined): string {
  const given = input.title?.trim();
  if (given) return given;
  if (input.fileName !== null) {
    const base = input.fileName.split(/[\\/]/).pop() ?? input.fileName;
    const stem = base.replace(/\.[^.]+$/, '');
    if (stem) return stem;
  }
  const words = (firstClaim ?? '').split(/\s+/).filter(Boolean);
  return words.length > TITLE_MAX_WORDS ? `${words.slice(0, TITLE_MAX_WORDS).join(' ')}…` : words.join(' ') || 'Untitled draft';
}

/**
 * Parses a draft and builds its Draft, Claim and Reference rows with ids from `newId` (the draft's id
 * first, then one per claim); an error Result when the text is empty, has no sentence, or exceeds a limit.
 */
export function createDraftRows(input: DraftInput, newId: () => string): Result<DraftRows> {
  const where = input.fileName ?? 'the pasted draft';
  if (input.text.trim() === '') return err(`${where}: the draft is empty`);
  if (input.text.length > DRAFT_MAX_CHARS) return err(`${where}: the draft has ${input.text.length} characters; the limit is ${DRAFT_MAX_CHARS}`);
  const parsed = parseDraft(input.text);
  if (parsed.claims.length === 0) return err(`${where}: the draft has no sentences, only markers or punctuation`);
  if (parsed.claims.length > MAX_CLAIMS_PER_DRAFT) return err(`${where}: the draft has ${parsed.claims.length} sentences; the limit is ${MAX_CLAIMS_PER_DRAFT}`);
  if (parsed.references.length > MAX_REFERENCES_PER_DRAFT) return err(`${where}: the draft cites ${parsed.references.length} references; the limit is ${MAX_REFERENCES_PER_DRAFT}`);
  const crowded = parsed.claims.find((c) => c.markers.length > MAX_MARKERS || c.quotes.length > MAX_MARKERS);
  if (crowded) return err(`${where}: sentence ${crowded.index + 1} has more than ${MAX_MARKERS} markers or quotations`);
  if (parsed.orphans.length > MAX_MARKERS) return err(`${where}: the draft has more than ${MAX_MARKERS} orphan markers`);
  const title = titleOf(input, parsed.claims[0]?.text).slice(0, MAX_NAME_LENGTH);
  if (input.fileName !== null && input.fileName.length > MAX_NAME_LENGTH) return err(`${where}: the file name is longer than ${MAX_NAME_LENGTH} characters`);
  const draftId = newId();
  const draft: Draft = {
    type: 'draft',
    id: draftId,
    title,
    fileName: input.fileName,
    origin: input.origin,
    sha256: sha256Hex(toUtf8(input.text)),
    text: input.text,
    orphans: parsed.orphans,
    revisionOf: input.revisionOf ?? null,
    importedAt: input.importedAt,
  };
  const claims = parsed.claims.map((c) => toClaimRow(c, newId(), draftId));
  const references: Reference[] = parsed.references.map((ref) => ({ type: 'reference', id: `${draftId}#${ref}`, draftId, ref, sourceSha256: null, csl: null }));
  return ok({ draft, claims, references });
}
