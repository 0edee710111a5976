// One workspace = one IndexedDB database (DESIGN.md, Words). One Dexie class with typed tables; only the
// fields that are queried are indexed. Every schema version is kept with its upgrade function, and a
// test opens a database of each earlier version and checks every row.
//
// Writes go through commit.ts only (a test scans renderer/ for any other write): importing DeskDb
// elsewhere is for reading.
import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { Checkpoint } from '../../../shared/ledger/checkpoint.ts';
import { toCanonicalBytes } from '../../../shared/ledger/canonical.ts';
import { entryLeafHash } from '../../../shared/ledger/entry.ts';
import { MAX_SETTING_BYTES } from '../../../shared/ledger/limits.ts';
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

/** Most checks one stored verification keeps (a ledger with many bad checkpoints fails many checks). */
export const MAX_STORED_CHECKS = 32;
/** Longest stored check name, in UTF-8 bytes of its JSON string. */
export const MAX_CHECK_NAME_BYTES = 64;
/** Longest stored check detail (and first-failure words), in UTF-8 bytes of its JSON string; with MAX_STORED_CHECKS this keeps a record well within MAX_SETTING_BYTES. */
export const MAX_CHECK_DETAIL_BYTES = 1_024;

/** One check of a stored verification: a VerifyCheck with its name and detail capped. */
export interface StoredCheck {
  /** What was checked (`entries`, `merkle`, …), at most MAX_CHECK_NAME_BYTES. */
  name: string;
  /** Whether it held. */
  ok: boolean;
  /** What exactly was checked, or why it failed, at most MAX_CHECK_DETAIL_BYTES (cut with `…`). */
  detail: string;
}

/** The result of the last verification, shown as the Ledger view's indicator and checks. */
export interface VerificationRecord {
  /** ISO 8601 time it finished. */
  time: string;
  /** Whether everything held. */
  ok: boolean;
  /** Entries verified. */
  size: number;
  /** Root of the verified ledger (hex), or null. */
  root: string | null;
  /** The first failure's words (capped like a check's detail), or null. */
  failure: string | null;
  /** The name of the check that failed first, or null when ok; absent in records written before checks were stored. */
  failedCheck?: string | null;
  /** The seq of the first bad entry when the first failure is an entry's, else null; absent in older records. */
  failedSeq?: number | null;
  /** Every check in the order verification made them, at most MAX_STORED_CHECKS; absent in older records. */
  checks?: StoredCheck[];
  /** How many checks beyond MAX_STORED_CHECKS were left out; absent in older records. */
  omittedChecks?: number;
}

/** Local, unledgered settings of a workspace. */
export type SettingRow = { key: 'actor'; value: string | null } | { key: 'lastVerification'; value: VerificationRecord };

/** A settings value too large to store. */
export class SettingTooLargeError extends Error {
  constructor(
    /** The setting's key. */
    readonly key: string,
    /** Its size in bytes of canonical JSON. */
    readonly bytes: number,
  ) {
    super(`setting ${key}: its value is ${bytes} bytes of canonical JSON, more than the ${MAX_SETTING_BYTES} allowed (MAX_SETTING_BYTES); nothing was written`);
    this.name = 'SettingTooLargeError';
  }
}

/** Bytes of a setting's value as canonical JSON; throws SettingTooLargeError over MAX_SETTING_BYTES (or as toCanonicalJson does when it has no JSON form). */
export function checkSettingSize(row: SettingRow): number {
  const bytes = toCanonicalBytes(row.value).length;
  if (bytes > MAX_SETTING_BYTES) throw new SettingTooLargeError(String(row.key), bytes);
  return bytes;
}

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
    // Every stored value has a named size limit: each write to settings (put, add, bulk), by any module,
    // is refused with SettingTooLargeError before it reaches IndexedDB.
    this.use({
      stack: 'dbcore',
      name: 'setting-size-limit',
      create: (down) => ({
        ...down,
        table: (tableName) => {
          const table = down.table(tableName);
          if (tableName !== 'settings') return table;
          return {
            ...table,
            mutate: (req) => {
              if (req.type === 'add' || req.type === 'put') {
                try {
                  for (const value of req.values) checkSettingSize(value as SettingRow);
                } catch (error: unknown) {
                  return Promise.reject(error instanceof Error ? error : new Error(String(error)));
                }
              }
              return table.mutate(req);
            },
          };
        },
      }),
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
