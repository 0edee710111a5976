// Importing a packet (issue 8 items 4 and 6): the zip crosses the trust boundary (readPacket: paths,
// links, sizes, duplicates, manifests, strict files), is verified in full (verifyPacket: manifests,
// leaves, root, signature, proofs, replay, quotes, derived files), and only then becomes a workspace
// whose database holds exactly the packet's ledger lines (store/import-ledger.ts), or continues the
// workspace it came from. The ledger is append-only, so continuing never removes anything: it appends
// the entries the workspace lacks when its ledger is a prefix of the packet's, changes nothing when it
// already holds them all, and refuses a packet whose ledger differs from it at some entry (another
// history: that one can only become a new workspace). Any failure is reported naming the file or entry,
// and nothing is written.
import { readPacket, type PacketContents } from '../../../shared/packet/packet.ts';
import { verifyPacket, type PacketVerification } from '../../../shared/packet/verify.ts';
import { MAX_NAME_LENGTH } from '../../../shared/ledger/limits.ts';
import type { Workspace } from '../../../shared/types/events.ts';
import { DeskDb, workspaceDbName } from '../store/db.ts';
import { continueLedger, importWorkspace, ledgerWorkspaceOf, type DexieOpenOptions, type ImportedWorkspace, type LedgerContinuation } from '../store/import-ledger.ts';
import { listWorkspaces, type RegistryDb, type WorkspaceListing } from '../store/workspaces.ts';

/** A packet that was read and verified. */
export interface VerifiedPacket {
  /** Its validated contents. */
  contents: PacketContents;
  /** The full verification report (every check passed). */
  verification: PacketVerification;
}

/** The outcome of reading, verifying or importing a packet: the value, or a message naming the file or entry (with the verification report when verification ran). */
export type PacketImportResult<T> = { ok: true; value: T } | { ok: false; error: string; verification: PacketVerification | null };

/** Where an import is: `storing` a new workspace, or `appending` to an existing one. */
export type ImportPhase = 'reading' | 'verifying' | 'storing' | 'appending';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Reads a packet zip through the trust boundary and verifies it; fails with `packet rejected: …` naming the entry, or `packet does not verify: <check>: …`; never throws. */
export async function readVerifiedPacket(bytes: Uint8Array, onPhase?: (phase: ImportPhase) => void): Promise<PacketImportResult<VerifiedPacket>> {
  onPhase?.('reading');
  const read = readPacket(bytes);
  if (!read.ok) return { ok: false, error: `packet rejected: ${read.error}`, verification: null };
  onPhase?.('verifying');
  let verification: PacketVerification;
  try {
    verification = await verifyPacket(read.value.bag);
  } catch (error: unknown) {
    return { ok: false, error: `packet does not verify: ${message(error)}`, verification: null };
  }
  if (!verification.ok) {
    const first = verification.firstFailure;
    return { ok: false, error: `packet does not verify: ${first ? `${first.name}: ${first.detail}` : 'no check ran'}`, verification };
  }
  return { ok: true, value: { contents: read.value, verification } };
}

function filesOf(contents: PacketContents): Map<string, Blob> {
  return new Map([...contents.sourceFiles].map(([sha, bytes]) => [sha, new Blob([bytes as Uint8Array<ArrayBuffer>])]));
}

/** The registry name of an imported copy: the ledger's name with a suffix, within MAX_NAME_LENGTH; never throws. */
export function importedName(ledgerName: string, suffix = 'imported'): string {
  const tail = ` (${suffix})`;
  return ledgerName.slice(0, MAX_NAME_LENGTH - tail.length) + tail;
}

/** Imports an already verified packet as a new workspace (with a key of its own, announced by its first change) listed as `name` (default `<name> (imported)`); fails naming the file or entry, and then no workspace exists and the registry is unchanged; never throws. */
export async function importVerifiedPacket(
  registry: RegistryDb,
  verified: VerifiedPacket,
  options: { name?: string; dexie?: DexieOpenOptions; onPhase?: (phase: ImportPhase) => void } = {},
): Promise<PacketImportResult<ImportedWorkspace>> {
  const { contents } = verified;
  options.onPhase?.('storing');
  try {
    const imported = await importWorkspace(registry, contents.ledger.lines, {
      checkpoints: [contents.checkpoint],
      files: filesOf(contents),
      name: options.name ?? importedName(contents.packet.workspace.name),
      ...(options.dexie ? { dexie: options.dexie } : {}),
    });
    return { ok: true, value: imported };
  } catch (error: unknown) {
    return { ok: false, error: `packet not imported: ${message(error)}`, verification: verified.verification };
  }
}

/** Reads, verifies and imports a packet as a new workspace (see importVerifiedPacket); fails naming the file or entry, and then no workspace exists and the registry is unchanged; never throws. */
export async function importPacket(
  registry: RegistryDb,
  bytes: Uint8Array,
  options: { name?: string; dexie?: DexieOpenOptions; onPhase?: (phase: ImportPhase) => void } = {},
): Promise<PacketImportResult<ImportedWorkspace>> {
  const verified = await readVerifiedPacket(bytes, options.onPhase);
  if (!verified.ok) return verified;
  return importVerifiedPacket(registry, verified.value, options);
}

/** How continuing messages name what is continued from, and what to do instead when it cannot be. */
export interface ContinueWording {
  /** What the bytes are: `packet`, `backup`. */
  noun: string;
  /** What the user can do instead with a packet of another workspace or another history. */
  instead: string;
}

/** The wording for a packet picked by the user. */
export const PACKET_WORDING: ContinueWording = { noun: 'packet', instead: 'import it as a new workspace instead' };

/** A workspace continued from a packet: entries appended, or nothing to add; with a sentence saying which. */
export type ContinuedWorkspace = Extract<LedgerContinuation, { outcome: 'appended' | 'held' }> & {
  /** What happened, as a lowercase sentence without a final stop (`appended 2 entries …`, `the workspace already holds all 8 entries of this packet; nothing was changed`). */
  message: string;
};

function entriesWord(n: number): string {
  return n === 1 ? '1 entry' : `${n} entries`;
}

/** The sentence for an outcome of continueLedger; never throws. */
export function describeContinuation(outcome: LedgerContinuation, wording: ContinueWording = PACKET_WORDING): string {
  const { noun, instead } = wording;
  switch (outcome.outcome) {
    case 'appended': {
      const range = outcome.size - outcome.before === 1 ? `entry ${outcome.before}` : `entries ${outcome.before}–${outcome.size - 1}`;
      return `appended ${entriesWord(outcome.size - outcome.before)} from the ${noun} (${range}); the workspace now holds ${entriesWord(outcome.size)}, none removed`;
    }
    case 'held': {
      const all = outcome.incoming === 1 ? 'the one entry' : `all ${outcome.incoming} entries`;
      const later = outcome.size > outcome.incoming ? ` and ${entriesWord(outcome.size - outcome.incoming)} made since` : '';
      return `the workspace already holds ${all} of this ${noun}${later}; nothing was changed`;
    }
    case 'other-workspace':
      return outcome.workspace === null
        ? `this workspace has no ledger to continue; nothing was changed; ${instead}`
        : `the ${noun}'s ledger is of workspace ${outcome.incoming.id} (“${outcome.incoming.name}”), not of this workspace ${outcome.workspace.id} (“${outcome.workspace.name}”); nothing was changed; ${instead}`;
    case 'diverged': {
      const after = outcome.seq === 0 ? 'from their first entry' : `after entry ${outcome.seq - 1}`;
      return `the ${noun}'s ledger and this workspace's differ at entry ${outcome.seq} (${outcome.incomingType} in the ${noun}, ${outcome.localType} here): they are two histories ${after}, and the ledger is append-only; nothing was changed; ${instead}`;
    }
  }
}

/** Continues a workspace with an already verified packet of it, append-only (store/import-ledger.ts continueLedger): appends what it lacks, or changes nothing when it holds it all; fails (writing nothing) for a packet of another workspace or another history, or one that does not store, with a message naming the workspace or the first differing entry; never throws. */
export async function continueWithVerifiedPacket(
  db: DeskDb,
  verified: VerifiedPacket,
  options: { wording?: ContinueWording; onPhase?: (phase: ImportPhase) => void } = {},
): Promise<PacketImportResult<ContinuedWorkspace>> {
  const { contents } = verified;
  const wording = options.wording ?? PACKET_WORDING;
  options.onPhase?.('appending');
  let outcome: LedgerContinuation;
  try {
    outcome = await continueLedger(db, contents.ledger.lines, { checkpoints: [contents.checkpoint], files: filesOf(contents) });
  } catch (error: unknown) {
    return { ok: false, error: `${wording.noun} not added to this workspace: ${message(error)}`, verification: verified.verification };
  }
  const sentence = describeContinuation(outcome, wording);
  if (outcome.outcome === 'appended' || outcome.outcome === 'held') return { ok: true, value: { ...outcome, message: sentence } };
  return { ok: false, error: `${wording.noun} not added to this workspace: ${sentence}`, verification: verified.verification };
}

/** Reads, verifies and continues a workspace with a packet of it (see continueWithVerifiedPacket); never removes an entry or a checkpoint; fails naming the file, entry or workspace and leaves the workspace untouched; never throws. */
export async function continueFromPacket(
  db: DeskDb,
  bytes: Uint8Array,
  options: { wording?: ContinueWording; onPhase?: (phase: ImportPhase) => void } = {},
): Promise<PacketImportResult<ContinuedWorkspace>> {
  const verified = await readVerifiedPacket(bytes, options.onPhase);
  if (!verified.ok) return verified;
  return continueWithVerifiedPacket(db, verified.value, options);
}

/** A registered workspace whose ledger is the packet's workspace's. */
export interface LedgerWorkspaceListing extends WorkspaceListing {
  /** True for the workspace the ledger was created in (its registry id is the ledger's workspace id); false for an imported copy. */
  origin: boolean;
}

/** The workspace a verified packet's ledger creates; never throws (a verified packet always has one). */
export function packetWorkspace(verified: VerifiedPacket): Workspace | null {
  return ledgerWorkspaceOf(verified.contents.ledger.lines[0]);
}

/** Registered workspaces holding a ledger of workspace `ledgerWorkspaceId`: the one it was created in first, then imported copies (found by their first entry), by name; a workspace that cannot be opened is skipped; never rejects for one workspace. */
export async function findLedgerWorkspaces(registry: RegistryDb, ledgerWorkspaceId: string, dexie?: DexieOpenOptions): Promise<LedgerWorkspaceListing[]> {
  const found: LedgerWorkspaceListing[] = [];
  for (const listing of await listWorkspaces(registry)) {
    // createWorkspace registers a workspace under its ledger id; importWorkspace gives a copy a fresh registry id.
    if (listing.id === ledgerWorkspaceId) {
      found.unshift({ ...listing, origin: true });
      continue;
    }
    const db = new DeskDb(workspaceDbName(listing.id), dexie);
    try {
      if ((await db.workspace.toCollection().first())?.id === ledgerWorkspaceId) found.push({ ...listing, origin: false });
    } catch {
      // Unreadable here (blocked, or from a newer version): it is simply not offered.
    } finally {
      db.close();
    }
  }
  return found;
}
