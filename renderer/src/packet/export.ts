// Exporting a workspace as an evidence packet (issue 8 item 1). Order of work: a fresh signed checkpoint
// over the ledger as it is now; the rows of the chosen drafts (or all of them); buildPacket (inclusion
// proofs for every evidence.attached entry, reports, verify.html) off the UI thread when a worker is
// available; the save; and last a `packet.exported` entry. That entry is appended AFTER the checkpoint
// it exported, so the packet never contains its own export record: the next packet's ledger does, and
// its checkpoint covers it. An unchanged imported copy (its own key not yet announced, see
// store/import-ledger.ts) re-exports under the checkpoint it imported, which still covers its whole
// ledger, and records nothing: so export → import → export gives the same packet.json, ledger and
// checkpoint bytes. Once changed, the copy's ledger announces its key and it signs like any workspace.
import type { Checkpoint } from '../../../shared/ledger/checkpoint.ts';
import { MAX_NAME_LENGTH } from '../../../shared/ledger/limits.ts';
import { buildPacket, type PacketInput } from '../../../shared/packet/packet.ts';
import type { BagProgress } from '../../../shared/packet/bagit.ts';
import { VERIFY_PAGE_HTML } from '../../../shared/packet/verify-page.generated.ts';
import type { WorkspaceRows } from '../../../shared/workspace/memory.ts';
import type { Host } from '../host/host.ts';
import { listCheckpoints, loadTree, makeCheckpoint } from '../store/checkpoints.ts';
import { commit } from '../store/commit.ts';
import type { DeskDb } from '../store/db.ts';
import { canSignCheckpoints, hasPendingHandover } from '../store/import-ledger.ts';
import { ledgerLines } from '../store/queries.ts';
import { toHex } from '../../../shared/hash.ts';
import type { PacketWorkerRequest, PacketWorkerResponse } from './packet-worker-protocol.ts';

/** Media type of a packet file. */
export const PACKET_MEDIA_TYPE = 'application/zip';
/** Longest workspace-name part of a suggested file name, in characters. */
export const MAX_FILE_STEM_LENGTH = 80;

/** Phases of an export, in order, for a progress bar. */
export const EXPORT_PHASES = ['checkpoint', 'reading', 'building', 'saving', 'recording'] as const;
/** One phase of an export. */
export type ExportPhase = (typeof EXPORT_PHASES)[number];

/** How far an export has come: the phase and, while building, bytes done of bytes to do. */
export interface ExportProgress {
  /** What is being done. */
  phase: ExportPhase;
  /** Units done in this phase (bytes while building). */
  done: number;
  /** Units in this phase. */
  total: number;
}

/** Builds the zip from its input (in a worker or in this thread); rejects with buildPacket's error. */
export type PacketBuilder = (input: PacketInput, options: { includeSources: boolean; onProgress: (p: BagProgress) => void }) => Promise<Uint8Array>;

/** A builder running buildPacket in this thread (tests, and where workers are unavailable); rejects with its error. */
export const buildInThread: PacketBuilder = (input, options) => Promise.resolve().then(() => buildPacket(input, options));

/** A builder running buildPacket in a dedicated worker (packet-worker.ts), so the UI and its progress bar stay live; rejects with the worker's error. */
export const buildInWorker: PacketBuilder = (input, options) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./packet-worker.ts', import.meta.url), { type: 'module', name: 'packet export' });
    worker.addEventListener('message', (event: MessageEvent<PacketWorkerResponse>) => {
      const msg = event.data;
      if (msg.type === 'progress') {
        options.onProgress(msg.progress);
        return;
      }
      worker.terminate();
      if (msg.type === 'done') resolve(msg.bytes);
      else reject(new Error(msg.message));
    });
    worker.addEventListener('error', (event) => {
      worker.terminate();
      reject(new Error(`export: the packet worker failed: ${event.message}`));
    });
    const request: PacketWorkerRequest = { input, includeSources: options.includeSources };
    worker.postMessage(request);
  });

/** What to put in a packet. */
export interface PacketChoice {
  /** Drafts to export, or null for the whole workspace (every draft, source and passage). */
  draftIds: readonly string[] | null;
  /** Put the source files in data/sources/ (copyright: off unless the editor chooses it). */
  includeSources: boolean;
}

/** A built packet, not saved yet. */
export interface PreparedPacket {
  /** The zip bytes. */
  bytes: Uint8Array;
  /** The checkpoint in it. */
  checkpoint: Checkpoint;
  /** Claims in packet.json. */
  claims: number;
  /** Evidence items in packet.json. */
  evidence: number;
  /** Whether the checkpoint was made now (false: an unchanged or read-only imported copy re-using its stored one). */
  signedNow: boolean;
}

/** The rows of the chosen drafts: their claims and references, the evidence on those claims, the passages it uses and the sources those passages and references point to (with texts); all rows for null; never throws. */
export function selectPacketRows(rows: WorkspaceRows, draftIds: readonly string[] | null): WorkspaceRows {
  if (draftIds === null) return rows;
  const drafts = new Set(draftIds);
  const claims = rows.claims.filter((c) => drafts.has(c.draftId));
  const claimIds = new Set(claims.map((c) => c.id));
  const references = rows.references.filter((r) => drafts.has(r.draftId));
  const evidence = rows.evidence.filter((e) => claimIds.has(e.claimId));
  const passageIds = new Set(evidence.map((e) => e.passageId));
  const passages = rows.passages.filter((p) => passageIds.has(p.id));
  const shas = new Set([...passages.map((p) => p.sourceSha256), ...references.flatMap((r) => (r.sourceSha256 === null ? [] : [r.sourceSha256]))]);
  return {
    workspace: rows.workspace,
    drafts: rows.drafts.filter((d) => drafts.has(d.id)),
    claims,
    references,
    evidence,
    passages,
    sources: rows.sources.filter((s) => shas.has(s.sha256)),
    sourceTexts: rows.sourceTexts.filter((t) => shas.has(t.sha256)),
  };
}

/** Every state row of a workspace, as buildPacket takes them; rejects when the workspace has no ledger; never writes. */
export async function readWorkspaceRows(db: DeskDb): Promise<WorkspaceRows> {
  const workspace = await db.workspace.toCollection().first();
  if (workspace === undefined) throw new Error('export: the workspace has no ledger yet');
  const [drafts, claims, references, sources, passages, evidence, sourceTexts] = await Promise.all([
    db.drafts.toArray(),
    db.claims.toArray(),
    db.references.toArray(),
    db.sources.toArray(),
    db.passages.toArray(),
    db.evidence.toArray(),
    db.sourceTexts.toArray(),
  ]);
  return { workspace, drafts, claims, references, sources, passages, evidence, sourceTexts };
}

/** The stored bytes of those sources, by SHA-256; rejects naming the first source whose file is not stored; never writes. */
export async function readSourceFiles(db: DeskDb, shas: readonly string[]): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const sha of shas) {
    const row = await db.files.get(sha);
    if (row === undefined) throw new Error(`export: the file of source ${sha} is not stored, so it cannot be included`);
    out.set(sha, new Uint8Array(await row.blob.arrayBuffer()));
  }
  return out;
}

/** A file name for a packet: `<workspace>-<YYYY-MM-DD>.zip`, the name reduced to letters, digits, `-` and `_`; never throws. */
export function suggestedPacketName(workspaceName: string, now: Date): string {
  const stem = workspaceName.normalize('NFKC').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, MAX_FILE_STEM_LENGTH) || 'workspace';
  return `${stem}-${now.toISOString().slice(0, 10)}.zip`;
}

/** The checkpoint to export under: a fresh one when the workspace can sign (and its key is announced), else a stored one covering the whole ledger; rejects with a message saying why there is none. */
async function checkpointForExport(db: DeskDb, now: Date): Promise<{ checkpoint: Checkpoint; signedNow: boolean }> {
  const pending = await hasPendingHandover(db);
  if (!pending && (await canSignCheckpoints(db))) return { checkpoint: await makeCheckpoint(db, now), signedNow: true };
  const tree = await loadTree(db);
  const root = tree.size === 0 ? '' : toHex(tree.root());
  const covering = (await listCheckpoints(db)).filter((c) => c.size === tree.size && c.root === root).at(-1);
  if (covering === undefined) {
    throw new Error(
      pending
        ? `export: no checkpoint covers this imported copy's ${tree.size} entries, and its own key signs only after its first change; make a change, then export`
        : `export: this workspace is a read-only imported copy; it holds no signing key and no checkpoint covers its ${tree.size} entries, so it cannot be exported`,
    );
  }
  return { checkpoint: covering, signedNow: false };
}

/** Builds a packet of the workspace as it is now (checkpoint, rows, proofs, zip); rejects with a message naming what failed (no key or checkpoint, a missing source file, a build error). */
export async function preparePacket(
  db: DeskDb,
  choice: PacketChoice,
  options: { now?: Date; builder?: PacketBuilder; onProgress?: (p: ExportProgress) => void } = {},
): Promise<PreparedPacket> {
  const now = options.now ?? new Date();
  const report = options.onProgress ?? (() => undefined);
  report({ phase: 'checkpoint', done: 0, total: 1 });
  const { checkpoint, signedNow } = await checkpointForExport(db, now);
  report({ phase: 'reading', done: 0, total: 1 });
  // Lines and rows are read in one transaction, so they are one state of the workspace; a commit since
  // the checkpoint would make them newer than what was signed.
  const [lines, allRows] = await db.transaction('r', [db.ledger, ...db.writeScope()], async () => [await ledgerLines(db), await readWorkspaceRows(db)] as const);
  if (lines.length !== checkpoint.size) throw new Error(`export: the workspace changed while exporting (${lines.length} entries, the checkpoint covers ${checkpoint.size}); export again`);
  const rows = selectPacketRows(allRows, choice.draftIds);
  const sourceFiles = choice.includeSources ? await readSourceFiles(db, rows.sources.map((s) => s.sha256)) : undefined;
  report({ phase: 'reading', done: 1, total: 1 });
  const input: PacketInput = { ...rows, ledgerLines: lines, checkpoint, verifyPage: VERIFY_PAGE_HTML, ...(sourceFiles ? { sourceFiles } : {}) };
  const bytes = await (options.builder ?? buildInThread)(input, {
    includeSources: choice.includeSources,
    onProgress: (p) => report({ phase: 'building', done: p.done, total: p.total }),
  });
  return { bytes, checkpoint, claims: rows.claims.length, evidence: rows.evidence.length, signedNow };
}

/** What exportPacket did. */
export interface ExportOutcome {
  /** Where the host saved it, or null when the user cancelled the save (nothing is recorded then). */
  savedAs: string | null;
  /** The packet that was built. */
  packet: PreparedPacket;
  /** Whether a `packet.exported` entry was appended (false when cancelled or for a read-only copy). */
  recorded: boolean;
}

/** Records a packet in the ledger as `packet.exported` (after the checkpoint it carries); rejects as commit does. */
export async function recordExport(db: DeskDb, actor: string, fileName: string, packet: PreparedPacket, includesSources: boolean): Promise<void> {
  await commit(db, actor, {
    type: 'packet.exported',
    payload: { fileName: fileName.slice(0, MAX_NAME_LENGTH), checkpointSize: packet.checkpoint.size, claims: packet.claims, evidence: packet.evidence, includesSources },
  });
}

/** Exports: prepares the packet, saves it through the host as `<workspace>-<date>.zip`, then records it; rejects with a message naming what failed (nothing is recorded then). */
export async function exportPacket(
  db: DeskDb,
  host: Pick<Host, 'saveFile'>,
  actor: string,
  choice: PacketChoice,
  options: { now?: Date; builder?: PacketBuilder; onProgress?: (p: ExportProgress) => void } = {},
): Promise<ExportOutcome> {
  const now = options.now ?? new Date();
  const packet = await preparePacket(db, choice, { ...options, now });
  const workspace = await db.workspace.toCollection().first();
  options.onProgress?.({ phase: 'saving', done: 0, total: 1 });
  const saved = await host.saveFile({ suggestedName: suggestedPacketName(workspace?.name ?? 'workspace', now), bytes: packet.bytes, mediaType: PACKET_MEDIA_TYPE });
  if (!saved.ok) throw new Error(saved.error);
  if (saved.value === null) return { savedAs: null, packet, recorded: false };
  if (!packet.signedNow) return { savedAs: saved.value.savedAs, packet, recorded: false };
  options.onProgress?.({ phase: 'recording', done: 0, total: 1 });
  const fileName = saved.value.savedAs.split(/[\\/]/).pop() ?? saved.value.savedAs;
  await recordExport(db, actor, fileName, packet, choice.includeSources);
  options.onProgress?.({ phase: 'recording', done: 1, total: 1 });
  return { savedAs: saved.value.savedAs, packet, recorded: true };
}
