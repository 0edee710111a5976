// The ledger's vocabulary (DESIGN.md, Ledger): every change to a workspace is one event, recorded as one
// entry `{seq, time, actor, type, payload}`. Payloads carry whole rows (ids chosen by the caller), so
// replaying the ledger needs nothing from outside it and rebuilds the state tables exactly.
import type { Claim, Draft, Evidence, Passage, Reference, Source } from './domain.ts';
import type { SourceText } from './text.ts';

/** The workspace's own record: its identity, name and signing key. */
export interface Workspace {
  /** Discriminates stored values. */
  type: 'workspace';
  /** Stable id (also the IndexedDB database's suffix). */
  id: string;
  /** Name shown in the workspace picker. */
  name: string;
  /** Base64 of the raw 32-byte Ed25519 public key that signs this workspace's checkpoints. */
  publicKey: string;
  /** ISO 8601 time of creation. */
  createdAt: string;
}

/** The first entry of every ledger: the workspace and the key its checkpoints are signed with. */
export interface WorkspaceCreated {
  type: 'workspace.created';
  payload: {
    /** The workspace row. */
    workspace: Workspace;
  };
}

/** The workspace got a new name. */
export interface WorkspaceRenamed {
  type: 'workspace.renamed';
  payload: {
    /** The name before (must match the stored one). */
    from: string;
    /** The new name. */
    to: string;
  };
}

/**
 * A checkpoint signed by a key that is not yet announced, proving the ledger prefix a new key continues
 * (`workspace` is implied: the ledger's own).
 */
export interface HandoverCheckpoint {
  /** Ledger size it covers (at least 1, at most the seq of the entry carrying it). */
  size: number;
  /** RFC 6962 root of those entries, lowercase hex. */
  root: string;
  /** ISO 8601 time it was signed. */
  time: string;
  /** Base64 of the raw 32-byte Ed25519 key that signed it (the workspace.created key or one announced earlier). */
  publicKey: string;
  /** Base64 of its 64-byte Ed25519 signature over the canonical JSON of `{workspace, size, root, time}`. */
  signature: string;
}

/**
 * A new key signs this workspace's checkpoints from here on (a key handover): a packet imported into a
 * new workspace, which never holds the original private key, or a rotated key. The workspace row keeps
 * its original key; verifiers derive the accepted keys from these entries (shared/ledger/verify.ts).
 */
export interface WorkspaceKeyAdded {
  type: 'workspace.key-added';
  payload: {
    /** Base64 of the raw 32-byte Ed25519 public key announced. */
    publicKey: string;
    /** Why: a packet imported into a new workspace, or a key replaced in place. */
    reason: 'import' | 'rotation';
    /** The last checkpoint signed by an already-accepted key: the prefix the new key continues. */
    previous: HandoverCheckpoint;
  };
}

/** A draft was imported, with its claims and its reference list (references start unbound). */
export interface DraftImported {
  type: 'draft.imported';
  payload: {
    /** The draft row (`revisionOf` null). */
    draft: Draft;
    /** Its claims, indexes 0…n-1 in order. */
    claims: Claim[];
    /** One reference per reference number the markers use. */
    references: Reference[];
  };
}

/** A revision of an existing draft was imported as a new draft. */
export interface DraftRevised {
  type: 'draft.revised';
  payload: {
    /** The new draft row; `revisionOf` names an existing draft. */
    draft: Draft;
    /** The new draft's claims, indexes 0…n-1 in order. */
    claims: Claim[];
    /** The new draft's references (bound as the caller carried them over). */
    references: Reference[];
  };
}

/** One claim became several consecutive claims. */
export interface ClaimSplit {
  type: 'claim.split';
  payload: {
    /** The claim that is replaced. */
    claimId: string;
    /** The replacing claims (at least two), indexes starting at the old claim's index. */
    claims: Claim[];
    /** Which of the new claims inherits the old claim's evidence. */
    evidenceTo: string;
  };
}

/** Several consecutive claims became one. */
export interface ClaimMerged {
  type: 'claim.merged';
  payload: {
    /** The claims that are replaced (at least two, consecutive, in order). */
    claimIds: string[];
    /** The merged claim, at the first replaced claim's index; it inherits all their evidence. */
    claim: Claim;
  };
}

/** A citation marker was moved from one claim to another of the same draft. */
export interface ClaimMarkerMoved {
  type: 'claim.marker-moved';
  payload: {
    /** The claim that has the marker. */
    fromClaimId: string;
    /** The claim that gets it. */
    toClaimId: string;
    /** The marker's offset in the draft text (identifies it). */
    offset: number;
  };
}

/** A claim's note was changed. */
export interface ClaimNoteSet {
  type: 'claim.note-set';
  payload: {
    /** The claim. */
    claimId: string;
    /** The note before (must match the stored one). */
    from: string;
    /** The new note. */
    to: string;
  };
}

/** A claim's review status was changed. */
export interface ClaimStatusSet {
  type: 'claim.status-set';
  payload: {
    /** The claim. */
    claimId: string;
    /** The status before (must match the stored one). */
    from: Claim['status'];
    /** The new status. */
    to: Claim['status'];
    /** Why, as the editor wrote it (kept in the ledger only; the claim's own note is unchanged). */
    note: string;
  };
}

/** A source file was imported (its bytes are stored apart, keyed by `source.sha256`). */
export interface SourceAdded {
  type: 'source.added';
  payload: {
    /** The source row. */
    source: Source;
    /** Its extracted text, or null for a recording. */
    text: SourceText | null;
  };
}

/** A PDF source's page offset was changed. */
export interface SourcePageOffsetSet {
  type: 'source.page-offset-set';
  payload: {
    /** The source. */
    sha256: string;
    /** The offset before (must match the stored one). */
    from: number;
    /** The new offset. */
    to: number;
  };
}

/** A source was removed (a tombstone: its row, text and bytes go; its history stays in the ledger). */
export interface SourceDeleted {
  type: 'source.deleted';
  payload: {
    /** The source; it must have no passages and no bound references left. */
    sha256: string;
  };
}

/** A reference number was bound to a source (or its bibliographic data changed). */
export interface ReferenceBound {
  type: 'reference.bound';
  payload: {
    /** The whole reference row, `sourceSha256` naming an existing source. */
    reference: Reference;
  };
}

/** A reference number was unbound from its source. */
export interface ReferenceUnbound {
  type: 'reference.unbound';
  payload: {
    /** The reference. */
    referenceId: string;
    /** The source it was bound to (must match the stored one). */
    sourceSha256: string;
  };
}

/** A passage was highlighted. */
export interface PassageCreated {
  type: 'passage.created';
  payload: {
    /** The passage row, in an existing source. */
    passage: Passage;
  };
}

/** A recording was attached to a transcript (or detached from it, with null). */
export interface SourceRecordingSet {
  type: 'source.recording-set';
  payload: {
    /** The transcript source. */
    transcriptSha256: string;
    /** The recording before (must match the stored one). */
    from: string | null;
    /** The recording now (a source of kind recording), or null. */
    to: string | null;
  };
}

/** A passage was anchored anew in another version of its source (a re-saved PDF, a regenerated transcript). */
export interface PassageReanchored {
  type: 'passage.reanchored';
  payload: {
    /** The passage. */
    passageId: string;
    /** The source it pointed into before (must match the stored one). */
    fromSha256: string;
    /** The new version's source, which `replaces` the old one. */
    toSha256: string;
    /** Its selectors in the new version. */
    selectors: Passage['selectors'];
    /** Rectangles to paint in the new version (empty when unknown until rendered). */
    rects: Passage['rects'];
    /** How it was found: the same words, or a fuzzy match (reworded) with its score. */
    how: 'exact' | 'fuzzy';
    /** Match score 0..1. */
    score: number;
  };
}

/** A passage was removed (a tombstone); it must have no evidence left. */
export interface PassageDeleted {
  type: 'passage.deleted';
  payload: {
    /** The passage. */
    passageId: string;
  };
}

/** A passage was attached to a claim as evidence. */
export interface EvidenceAttached {
  type: 'evidence.attached';
  payload: {
    /** The evidence row; its `actor` is the entry's actor. */
    evidence: Evidence;
  };
}

/** Evidence was detached from its claim (a tombstone). */
export interface EvidenceDetached {
  type: 'evidence.detached';
  payload: {
    /** The evidence. */
    evidenceId: string;
  };
}

/** An evidence item's note was changed. */
export interface EvidenceNoteSet {
  type: 'evidence.note-set';
  payload: {
    /** The evidence. */
    evidenceId: string;
    /** The note before (must match the stored one). */
    from: string;
    /** The new note. */
    to: string;
  };
}

/** An evidence packet was written (no state change; the ledger records it). */
export interface PacketExported {
  type: 'packet.exported';
  payload: {
    /** The packet's file name. */
    fileName: string;
    /** Ledger size the packet's checkpoint covers. */
    checkpointSize: number;
    /** Number of claims in the packet. */
    claims: number;
    /** Number of evidence items in the packet. */
    evidence: number;
    /** Whether the source files were included. */
    includesSources: boolean;
  };
}

/**
 * The workspace was restored from one of its backups (no state change; the ledger records it): as a new
 * workspace (a copy holding the backup's ledger), or in place (the entries the workspace had lost were
 * appended from the backup).
 */
export interface WorkspaceRestored {
  type: 'workspace.restored';
  payload: {
    /** The backup's name as its `packet.exported` entry recorded it (`backup:<time>`). */
    backup: string;
    /** Entries in the backup's ledger (its checkpoint's size). */
    size: number;
    /** The backup checkpoint's root (hex). */
    root: string;
    /** As a new workspace, or in place. */
    how: 'new-workspace' | 'in-place';
    /** Entries appended from the backup (0 for a new workspace, which holds them all). */
    appended: number;
  };
}

/** Every event the ledger records, discriminated by `type`. */
export type LedgerEvent =
  | WorkspaceCreated
  | WorkspaceRenamed
  | WorkspaceKeyAdded
  | DraftImported
  | DraftRevised
  | ClaimSplit
  | ClaimMerged
  | ClaimMarkerMoved
  | ClaimNoteSet
  | ClaimStatusSet
  | SourceAdded
  | SourcePageOffsetSet
  | SourceDeleted
  | ReferenceBound
  | ReferenceUnbound
  | PassageCreated
  | PassageDeleted
  | SourceRecordingSet
  | PassageReanchored
  | EvidenceAttached
  | EvidenceDetached
  | EvidenceNoteSet
  | PacketExported
  | WorkspaceRestored;

/** An event's type string. */
export type LedgerEventType = LedgerEvent['type'];

/** Every event type, in a fixed order (for filters and validators). */
export const LEDGER_EVENT_TYPES = [
  'workspace.created',
  'workspace.renamed',
  'draft.imported',
  'draft.revised',
  'claim.split',
  'claim.merged',
  'claim.marker-moved',
  'claim.note-set',
  'claim.status-set',
  'source.added',
  'source.page-offset-set',
  'source.deleted',
  'reference.bound',
  'reference.unbound',
  'passage.created',
  'passage.deleted',
  'evidence.attached',
  'evidence.detached',
  'evidence.note-set',
  'packet.exported',
  'source.recording-set',
  'passage.reanchored',
  'workspace.key-added',
  'workspace.restored',
] as const satisfies readonly LedgerEventType[];

/** What an entry adds to its event: position, time and author. */
export interface EntryHeader {
  /** Position in the ledger, from 0, dense: the entry's Merkle leaf index. */
  seq: number;
  /** ISO 8601 time the entry was written. */
  time: string;
  /** Who made the change (the workspace's actor name). */
  actor: string;
}

/** One ledger entry: the hashed unit, `{seq, time, actor, type, payload}`. */
export type LedgerEntry = EntryHeader & LedgerEvent;

/** The entry of one event type. */
export type LedgerEntryOf<T extends LedgerEventType> = EntryHeader & Extract<LedgerEvent, { type: T }>;
