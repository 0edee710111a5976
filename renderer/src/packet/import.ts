// Importing a packet (issue 8 items 4 and 6): the zip crosses the trust boundary (readPacket: paths,
// links, sizes, duplicates, manifests, strict files), is verified in full (verifyPacket: manifests,
// leaves, root, signature, proofs, replay, quotes, derived files), and only then becomes a workspace
// whose database holds exactly the packet's ledger lines (store/import-ledger.ts). Any failure is
// reported naming the file or entry, and nothing is written.
import { readPacket, type PacketContents } from '../../../shared/packet/packet.ts';
import { verifyPacket, type PacketVerification } from '../../../shared/packet/verify.ts';
import { MAX_NAME_LENGTH } from '../../../shared/ledger/limits.ts';
import type { DeskDb } from '../store/db.ts';
import { importLedger, importWorkspace, type DexieOpenOptions, type ImportedLedger, type ImportedWorkspace } from '../store/import-ledger.ts';
import type { RegistryDb } from '../store/workspaces.ts';

/** A packet that was read and verified. */
export interface VerifiedPacket {
  /** Its validated contents. */
  contents: PacketContents;
  /** The full verification report (every check passed). */
  verification: PacketVerification;
}

/** The outcome of reading, verifying or importing a packet: the value, or a message naming the file or entry (with the verification report when verification ran). */
export type PacketImportResult<T> = { ok: true; value: T } | { ok: false; error: string; verification: PacketVerification | null };

/** Where an import is. */
export type ImportPhase = 'reading' | 'verifying' | 'storing';

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

/** Reads, verifies and imports a packet as a new workspace (with a key of its own, announced by its first change) listed as `name` (default `<name> (imported)`); fails naming the file or entry, and then no workspace exists and the registry is unchanged; never throws. */
export async function importPacket(
  registry: RegistryDb,
  bytes: Uint8Array,
  options: { name?: string; dexie?: DexieOpenOptions; onPhase?: (phase: ImportPhase) => void } = {},
): Promise<PacketImportResult<ImportedWorkspace>> {
  const verified = await readVerifiedPacket(bytes, options.onPhase);
  if (!verified.ok) return verified;
  const { contents } = verified.value;
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
    return { ok: false, error: `packet not imported: ${message(error)}`, verification: verified.value.verification };
  }
}

/** Reads, verifies and writes a packet of this same workspace over its contents (a restore; the key is kept when the packet's ledger accepts it, else replaced by a fresh one with a pending handover); fails naming the file or entry and leaves the workspace untouched; never throws. */
export async function restorePacketInto(db: DeskDb, bytes: Uint8Array, onPhase?: (phase: ImportPhase) => void): Promise<PacketImportResult<ImportedLedger>> {
  const verified = await readVerifiedPacket(bytes, onPhase);
  if (!verified.ok) return verified;
  const { contents } = verified.value;
  onPhase?.('storing');
  try {
    return { ok: true, value: await importLedger(db, contents.ledger.lines, { checkpoints: [contents.checkpoint], files: filesOf(contents), replace: true }) };
  } catch (error: unknown) {
    return { ok: false, error: `packet not restored: ${message(error)}`, verification: verified.value.verification };
  }
}
