// One workspace = one IndexedDB database (DESIGN.md, Words). One Dexie class with typed tables; only the
// fields that are queried are indexed. Every schema version is kept with its upgrade function, and a
// test opens a database of each earlier version and checks every row.
//
// Writes go through commit.ts only (a test scans renderer/ for any other write): importing DeskDb
// elsewhere is for reading.
import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { Checkpoint } from '../../../shared/ledger/checkpoint.ts';
import { entryLeafHash } from '../../../shared/ledger/entry.ts';
import type { StateTable } from '../../../shared/ledger/project.ts';
import { toHex } from '../../../shared/hash.ts';
import type { Claim, Draft, Evidence, Passage, Reference, Source } from '../../../shared/types/domain.ts';
import type { HandoverCheckpoint, LedgerEventType, Workspace } from '../../../shared/types/events.ts';
import type { SourceText } from '../../../shared/types/text.ts';

/** A stored ledger entry: the canonical line that is hashed, plus fields copied out of it for filtering. */
export interface LedgerRow {
  /** The entry's seq (primary key; dense from 0). */
  seq: number;
  /** The entry's time (copied from the line). */
  time: string;
  /** The entry's actor (copied from the line, indexed for the Ledger view's filter). */
  actor: string;
  /** The entry's type (copied from the line, indexed for the Ledger view's filter). */
  type: LedgerEventType;
  /** The RFC 8785 canonical JSON of the entry, exactly as hashed and exported. */
  line: string;
  /** Its RFC 6962 leaf hash, hex, recorded when written. */
  leaf: string;
}

/** The bytes of a source file, stored once per SHA-256. */
export interface FileRow {
  /** SHA-256 of the bytes (primary key). */
  sha256: string;
  /** Size in bytes. */
  size: number;
  /** The bytes (not indexed). */
  blob: Blob;
}

/** A stored checkpoint (a signed tree head). */
export interface CheckpointRow extends Checkpoint {
  /** Auto-increment key. */
  id?: number;
}

/** The result of the last verification, shown as the Ledger view's indicator. */
export interface VerificationRecord {
  /** ISO 8601 time it finished. */
  time: string;
  /** Whether everything held. */
  ok: boolean;
  /** Entries verified. */
  size: number;
  /** Root of the verified ledger (hex), or null. */
  root: string | null;
  /** The first failure's words, or null. */
  failure: string | null;
}

/** Local, unledgered settings of a workspace. */
export type SettingRow = { key: 'actor'; value: string | null } | { key: 'lastVerification'; value: VerificationRecord };

/** A WebCrypto key (spelled so that both the DOM and the Node typings accept it). */
export type SigningKey = InstanceType<typeof CryptoKey>;

/** A key handover not yet in the ledger: the first commit appends it as `workspace.key-added` (commit.ts). */
export interface PendingHandover {
  /** Why the key was made. */
  reason: 'import' | 'rotation';
  /** The checkpoint, signed by a key the ledger accepts, whose prefix the new key continues. */
  previous: HandoverCheckpoint;
}

/** The workspace's Ed25519 signing key (the private key is a non-extractable CryptoKey). */
export interface KeyRow {
  /** Always `signing`. */
  id: 'signing';
  /** The private key, usable only to sign. */
  privateKey: SigningKey;
  /** Base64 of the raw 32-byte public key. */
  publicKey: string;
  /** Set while the key is not yet announced in the ledger (an imported copy before its first change); absent once it is. */
  handover?: PendingHandover;
}

/** Schema of version 1: ledger rows keyed by seq, no per-row leaf hash or filter indexes. */
export const SCHEMA_V1 = {
  workspace: 'id',
  drafts: 'id',
  claims: 'id, draftId',
  references: 'id, draftId, sourceSha256',
  sources: 'sha256',
  files: 'sha256',
  sourceTexts: 'sha256',
  passages: 'id, sourceSha256',
  evidence: 'id, claimId, passageId',
  ledger: 'seq',
  checkpoints: '++id',
  settings: 'key',
  keys: 'id',
} as const;

/** Schema of version 2: the ledger view filters by type and actor; checkpoints are listed by size. */
export const SCHEMA_V2 = { ...SCHEMA_V1, ledger: 'seq, type, actor', checkpoints: '++id, size' } as const;

/** The current schema version. */
export const SCHEMA_VERSION = 2;

/** Name of the IndexedDB database of a workspace. */
export function workspaceDbName(workspaceId: string): string {
  return `provenance-desk-workspace-${workspaceId}`;
}

/** A workspace's database. */
export class DeskDb extends Dexie {
  workspace!: EntityTable<Workspace, 'id'>;
  drafts!: EntityTable<Draft, 'id'>;
  claims!: EntityTable<Claim, 'id'>;
  references!: EntityTable<Reference, 'id'>;
  sources!: EntityTable<Source, 'sha256'>;
  files!: EntityTable<FileRow, 'sha256'>;
  sourceTexts!: EntityTable<SourceText, 'sha256'>;
  passages!: EntityTable<Passage, 'id'>;
  evidence!: EntityTable<Evidence, 'id'>;
  ledger!: EntityTable<LedgerRow, 'seq'>;
  checkpoints!: EntityTable<CheckpointRow, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;
  keys!: EntityTable<KeyRow, 'id'>;

  /** Opens (lazily) the database with that name; `options` may supply an IndexedDB implementation. */
  constructor(name: string, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    // v1 stored only {seq, line}; v2 copies time/actor/type out of the line for the Ledger view and
    // records each leaf hash, computed from the line as it stands at upgrade.
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => {
        await tx
          .table('ledger')
          .toCollection()
          .modify((row: Partial<LedgerRow> & { line: string }) => {
            const parsed = JSON.parse(row.line) as { time?: unknown; actor?: unknown; type?: unknown };
            row.time = String(parsed.time);
            row.actor = String(parsed.actor);
            row.type = String(parsed.type) as LedgerEventType;
            row.leaf = toHex(entryLeafHash(row.line));
          });
      });
  }

  /** The state table of a projection table name; never throws. */
  stateTable(table: StateTable): EntityTable<{ [k: string]: unknown }, never> {
    return this.table(table) as unknown as EntityTable<{ [k: string]: unknown }, never>;
  }

  /** Every table a commit writes, for one read-write transaction over all of them. */
  writeScope(): Dexie.Table[] {
    return [this.workspace, this.drafts, this.claims, this.references, this.sources, this.files, this.sourceTexts, this.passages, this.evidence, this.ledger];
  }
}
