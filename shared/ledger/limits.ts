// Every stored value has a named size limit (DESIGN.md, House style). Event payloads are checked against
// these when written and when a ledger is replayed or imported; the store checks file sizes itself.
import type { LedgerEventType } from '../types/events.ts';

/** Longest id of any row (draft, claim, passage, evidence, workspace), in characters. */
export const MAX_ID_LENGTH = 128;
/** Longest actor name, in characters. */
export const MAX_ACTOR_LENGTH = 120;
/** Longest workspace name, draft title, file name or source title, in characters. */
export const MAX_NAME_LENGTH = 500;
/** Longest note (claim, evidence, status change), in characters. */
export const MAX_NOTE_LENGTH = 20_000;
/** Longest draft text, in characters. */
export const MAX_DRAFT_TEXT_LENGTH = 2_000_000;
/** Most claims in one draft. */
export const MAX_CLAIMS_PER_DRAFT = 20_000;
/** Most markers (or quotes, or orphans) in one claim or draft. */
export const MAX_MARKERS = 1_000;
/** Most references in one draft. */
export const MAX_REFERENCES_PER_DRAFT = 5_000;
/** Largest CSL-JSON item of a reference, in bytes of canonical JSON. */
export const MAX_CSL_BYTES = 64 * 1024;
/** Longest extracted source text, in characters. */
export const MAX_SOURCE_TEXT_LENGTH = 20_000_000;
/** Most units (pages, cues) of one source text. */
export const MAX_TEXT_UNITS = 200_000;
/** Most timed words in one transcript cue (Whisper word timestamps, WebVTT inline timestamps). */
export const MAX_CUE_WORDS = 20_000;
/** Most timed words in one source text, all cues together (a ten-hour interview has about 100,000). */
export const MAX_TEXT_WORDS = 2_000_000;
/** Longest quote selector `exact`, in characters. */
export const MAX_QUOTE_LENGTH = 100_000;
/** Most highlight rectangles of one passage. */
export const MAX_PASSAGE_RECTS = 5_000;
/** Most speakers listed on one passage. */
export const MAX_PASSAGE_SPEAKERS = 100;
/** Largest stored source file (the bytes behind a SHA-256), in bytes. */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;
/** Largest value of one settings record, in bytes of canonical JSON. */
export const MAX_SETTING_BYTES = 64 * 1024;

const KIB = 1024;
const MIB = 1024 * KIB;

/** Largest canonical JSON of one whole entry, per event type, in UTF-8 bytes. */
export const MAX_ENTRY_BYTES: Readonly<Record<LedgerEventType, number>> = {
  'workspace.created': 4 * KIB,
  'workspace.renamed': 4 * KIB,
  'workspace.key-added': 4 * KIB,
  'draft.imported': 24 * MIB,
  'draft.revised': 24 * MIB,
  'claim.split': 1 * MIB,
  'claim.merged': 1 * MIB,
  'claim.marker-moved': 4 * KIB,
  'claim.note-set': 128 * KIB,
  'claim.status-set': 32 * KIB,
  'source.added': 96 * MIB,
  'source.page-offset-set': 4 * KIB,
  'source.deleted': 4 * KIB,
  'reference.bound': 96 * KIB,
  'reference.unbound': 4 * KIB,
  'passage.created': 1 * MIB,
  'passage.deleted': 4 * KIB,
  'source.recording-set': 4 * KIB,
  'passage.reanchored': 1 * MIB,
  'evidence.attached': 64 * KIB,
  'evidence.detached': 4 * KIB,
  'evidence.note-set': 128 * KIB,
  'packet.exported': 4 * KIB,
  'workspace.restored': 4 * KIB,
};

/** Largest page offset (printed page = PDF page + offset), either way, a source may carry. */
export const MAX_PAGE_OFFSET = 10_000;

/** Largest ledger any verifier accepts, in entries. */
export const MAX_LEDGER_ENTRIES = 10_000_000;
