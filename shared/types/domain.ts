// The stored shape of a workspace's state (DESIGN.md, Words). The state tables hold exactly these
// rows; they are a projection of the ledger, which carries them in its payloads.
import type { CharRange } from './text.ts';
import type { PassageSelectors } from './selectors.ts';

/** A citation marker in a draft: `[15]`, `[15]: 218`, or a maintenance flag `[citation needed]`. */
export interface Marker {
  /** The marker as written, e.g. `[15]: 218` or `[citation needed]`. */
  raw: string;
  /** The reference number or note label (`15`, `a`, `note 3`), or null for a flag. */
  ref: string | null;
  /** The page locator after the colon (`218`, `81–83`, `234, 239`), or null. */
  locator: string | null;
  /** The maintenance flag's words (`citation needed`), or null for a reference. */
  flag: string | null;
  /** Offset of the marker's first character in the draft text. */
  offset: number;
}

/** A quotation inside a claim: a claim about a source's exact words. */
export interface QuotedSpan {
  /** The quoted words without the quotation marks. */
  text: string;
  /** Where the quoted words are in the draft text, `[start, end)`, without the marks. */
  range: CharRange;
}

/** Review states of a claim. */
export const CLAIM_STATUSES = ['unreviewed', 'supported', 'partially supported', 'disputed', 'unsupported', 'needs source'] as const;
/** A claim's review state. */
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** Audit findings of a claim (DESIGN.md, CLI audit). */
export type AuditFinding = 'uncited' | 'flagged' | 'page-needed' | 'has-quotes';

/** An imported draft, kept verbatim. */
export interface Draft {
  /** Discriminates stored values. */
  type: 'draft';
  /** Stable id, chosen at import. */
  id: string;
  /** Title shown in the app (file name without extension, or the first words). */
  title: string;
  /** The file it came from, or null when pasted. */
  fileName: string | null;
  /** How the text arrived: a text file, Markdown, .docx, pasted text or pasted HTML. */
  origin: 'txt' | 'md' | 'docx' | 'paste' | 'html';
  /** SHA-256 (hex) of the UTF-8 bytes of `text`. */
  sha256: string;
  /** The draft text as imported (for .docx and HTML: the text converted from them). */
  text: string;
  /** Markers with no sentence before them, reported rather than dropped. */
  orphans: Marker[];
  /** The id of the draft this one is a revision of, or null. */
  revisionOf: string | null;
  /** ISO 8601 time of import. */
  importedAt: string;
}

/** One sentence of a draft (editors may split or merge them). */
export interface Claim {
  /** Discriminates stored values. */
  type: 'claim';
  /** Stable id. */
  id: string;
  /** The draft the claim belongs to. */
  draftId: string;
  /** Position of the claim in its draft, from 0. */
  index: number;
  /** The sentence text with its markers taken out. */
  text: string;
  /** The sentence's span in the draft text, `[start, end)`, markers that follow it excluded. */
  range: CharRange;
  /** Markers that belong to the claim, in draft order. */
  markers: Marker[];
  /** Quotations inside the claim. */
  quotes: QuotedSpan[];
  /** Review state. */
  status: ClaimStatus;
  /** The editor's note. */
  note: string;
  /** True when the claim's words changed (in a revision) after evidence was attached. */
  changedSinceEvidence: boolean;
}

/** A draft's reference number bound to a source. */
export interface Reference {
  /** Discriminates stored values. */
  type: 'reference';
  /** `${draftId}#${ref}`. */
  id: string;
  /** The draft whose reference list this is. */
  draftId: string;
  /** The reference number or label as in the markers (`15`). */
  ref: string;
  /** SHA-256 of the bound source, or null while unbound. */
  sourceSha256: string | null;
  /** Bibliographic data (CSL-JSON item), or null. */
  csl: Record<string, unknown> | null;
}

/** What a source file is. */
export type SourceFileKind = 'pdf' | 'transcript' | 'recording';

/** An imported file, identified by the SHA-256 of its bytes (the bytes are stored once, elsewhere). */
export interface Source {
  /** Discriminates stored values. */
  type: 'source';
  /** SHA-256 (hex) of the file's bytes; the source's identity. */
  sha256: string;
  /** PDF, transcript or recording. */
  kind: SourceFileKind;
  /** The file name it was imported from. */
  fileName: string;
  /** IANA media type (`application/pdf`, `text/vtt`, `audio/wav`). */
  mediaType: string;
  /** Size in bytes. */
  size: number;
  /** Title (PDF metadata, or the file name). */
  title: string;
  /** Author from the PDF metadata, or null. */
  author: string | null;
  /** Number of pages (PDF) or cues (transcript); 0 for a recording. */
  unitCount: number;
  /** For a transcript: the recording it transcribes, or null. */
  recordingSha256: string | null;
  /** For a source that replaces an earlier version of the same work: that version's SHA-256, or null. */
  replaces: string | null;
  /** Printed page = PDF page number + offset, for PDFs without page labels. */
  pageOffset: number;
  /** ISO 8601 time of import. */
  addedAt: string;
}

/** A highlighted span of a source text. */
export interface Passage {
  /** Discriminates stored values. */
  type: 'passage';
  /** Stable id. */
  id: string;
  /** The source text it points into. */
  sourceSha256: string;
  /** W3C selectors. */
  selectors: PassageSelectors;
  /** Rectangles to paint, per page, in PDF user-space units relative to the page (empty for transcripts). */
  rects: { page: number; x: number; y: number; width: number; height: number }[];
  /** Speakers of the cues the passage spans (transcripts), else empty. */
  speakers: string[];
  /** ISO 8601 time of creation. */
  createdAt: string;
}

/** Relations of evidence to a claim. */
export const EVIDENCE_RELATIONS = ['supports', 'contradicts', 'context'] as const;
/** How a passage bears on a claim. */
export type EvidenceRelation = (typeof EVIDENCE_RELATIONS)[number];

/** A passage attached to a claim. */
export interface Evidence {
  /** Discriminates stored values. */
  type: 'evidence';
  /** Stable id. */
  id: string;
  /** The claim it bears on. */
  claimId: string;
  /** The passage. */
  passageId: string;
  /** supports, contradicts or context. */
  relation: EvidenceRelation;
  /** The editor's note. */
  note: string;
  /** Who attached it (the ledger entry's actor). */
  actor: string;
  /** ISO 8601 time it was attached. */
  attachedAt: string;
}
