// The evidence packet (DESIGN.md, Packet): building it from a workspace's rows, ledger and signed
// checkpoint, and reading it back through the trust boundary into strictly validated contents.
import type { Crc32Function } from './crc32.ts';
import { z } from 'zod';
import { memoizedSha256, toHex, toUtf8, type Sha256Function } from '../hash.ts';
import { CHECKPOINT_SCHEMA, type Checkpoint } from '../ledger/checkpoint.ts';
import { isCanonicalText, toCanonicalJson } from '../ledger/canonical.ts';
import { ROW_SCHEMAS, fromEntryLine } from '../ledger/entry.ts';
import { MAX_INCLUSION_PROOF_LENGTH, MerkleTree } from '../ledger/merkle.ts';
import { err, ok, type Result } from '../types/result.ts';
import type { Claim, Draft, Evidence, Passage, Reference, Source } from '../types/domain.ts';
import type { LedgerEntry, Workspace } from '../types/events.ts';
import type { SourceText } from '../types/text.ts';
import { toAnnotationCollection, type EvidenceRows } from './annotations.ts';
import { openBagFolder, openBagZip, validateBag, writeBag, type BagFileInput, type BagProgress, type FolderInput, type OpenedBag } from './bagit.ts';
import { firstBy } from './lookup.ts';
import { toClaimsCsv, toReportHtml, toReportMarkdown, type ReportInput } from './reports.ts';

/** `type` of packet.json. */
export const PACKET_TYPE = 'provenance-desk-packet';
/** The packet format version this module writes and reads. */
export const PACKET_VERSION = 1;
/** Bag-Software-Agent written in bag-info.txt. */
export const PACKET_SOFTWARE_AGENT = 'Provenance Desk';
/** Paths of a packet's fixed files. */
export const PACKET_PATHS = {
  packet: 'data/packet.json',
  ledger: 'data/ledger.jsonl',
  checkpoint: 'data/checkpoint.json',
  annotations: 'data/annotations.jsonld',
  reportHtml: 'data/report.html',
  reportMd: 'data/report.md',
  claimsCsv: 'data/claims.csv',
  verifyPage: 'verify.html',
} as const;
/** Most rows of any one kind packet.json may hold. */
export const MAX_PACKET_ROWS = 1_000_000;
/** Most ledger lines a packet may hold. */
export const MAX_PACKET_LEDGER_LINES = 10_000_000;
/** bag-info.txt labels a packet writes beyond RFC 8493's reserved ones. */
export const PACKET_INFO_LABELS = ['Packet-Version', 'Workspace-Name'] as const;

/** The rows packet.json holds: the workspace state (or a chosen part of it). */
export interface PacketRows {
  /** The workspace record (its key signs the checkpoint). */
  workspace: Workspace;
  /** Drafts. */
  drafts: Draft[];
  /** Claims of those drafts. */
  claims: Claim[];
  /** References of those drafts. */
  references: Reference[];
  /** Source metadata. */
  sources: Source[];
  /** Passages. */
  passages: Passage[];
  /** Evidence items. */
  evidence: Evidence[];
}

/** data/packet.json: the versioned wrapper around the rows. */
export interface PacketJson extends PacketRows {
  /** Identifies the file. */
  type: typeof PACKET_TYPE;
  /** Format version. */
  version: typeof PACKET_VERSION;
}

/** One inclusion proof in checkpoint.json: an evidence entry's leaf and its RFC 6962 audit path. */
export interface InclusionProof {
  /** The entry's seq (its leaf index). */
  index: number;
  /** The leaf hash, hex. */
  leaf: string;
  /** The audit path, hex hashes, leaf to root. */
  path: string[];
}

/** data/checkpoint.json: the signed tree head, the key, and inclusion proofs of every evidence entry. */
export interface PacketCheckpoint extends Checkpoint {
  /** One proof per `evidence.attached` entry, in seq order. */
  inclusion: InclusionProof[];
}

/** What buildPacket needs: rows, texts, the ledger as canonical lines, and a checkpoint the caller signed over exactly those lines. */
export interface PacketInput extends PacketRows {
  /** Extracted texts of the packet's sources (PDFs and transcripts). */
  sourceTexts: SourceText[];
  /** Every ledger entry, in seq order, each exactly the RFC 8785 line that was hashed. */
  ledgerLines: string[];
  /** Signed tree head over `ledgerLines` (size = their count). */
  checkpoint: Checkpoint;
  /** Source file bytes by SHA-256, used when `includeSources` is set. */
  sourceFiles?: Map<string, Uint8Array>;
  /** The verifier page put at the bag root (self-contained HTML). */
  verifyPage: string;
}

/** Options of buildPacket. */
export interface BuildPacketOptions {
  /** Put the source files in data/sources/ (copyright may forbid it; default false: excerpts only). */
  includeSources?: boolean;
  /** Called as files are hashed and zipped. */
  onProgress?: (p: BagProgress) => void;
  /**
   * The SHA-256 used for the megabytes: the included source files' check and the BagIt manifests
   * (default @noble/hashes, pure JS). Node callers (the CLI) pass `crypto.createHash('sha256')` wrapped as
   * a Sha256Function, several times faster on large sources; the bytes written are the same either way.
   */
  sha256?: Sha256Function;
  /** The zip entries' CRC-32 (default the pure-JS one; the CLI passes zlib's, the same numbers). */
  crc32?: Crc32Function;
}

/** Thrown by buildPacket when its input is inconsistent (a checkpoint not over the given lines, a missing source file). */
export class PacketBuildError extends Error {
  override name = 'PacketBuildError';
}

const byString = (key: (x: never) => string) => (a: unknown, b: unknown): number => {
  const ka = key(a as never);
  const kb = key(b as never);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** The packet.json value of some rows: rows sorted by key, so the same state gives the same bytes; never throws. */
export function toPacketJson(rows: PacketRows): PacketJson {
  return {
    type: PACKET_TYPE,
    version: PACKET_VERSION,
    workspace: rows.workspace,
    drafts: [...rows.drafts].sort(byString((d: Draft) => d.id)),
    claims: [...rows.claims].sort(byString((c: Claim) => c.id)),
    references: [...rows.references].sort(byString((r: Reference) => r.id)),
    sources: [...rows.sources].sort(byString((s: Source) => s.sha256)),
    passages: [...rows.passages].sort(byString((p: Passage) => p.id)),
    evidence: [...rows.evidence].sort(byString((e: Evidence) => e.id)),
  };
}

/** The rows each evidence annotation is made from, in evidence-id order; evidence whose passage, claim or source is absent is left out. */
export function evidenceRowsOf(rows: PacketRows): EvidenceRows[] {
  const out: EvidenceRows[] = [];
  const passages = firstBy(rows.passages, (p) => p.id);
  const claims = firstBy(rows.claims, (c) => c.id);
  const sources = firstBy(rows.sources, (s) => s.sha256);
  for (const evidence of [...rows.evidence].sort(byString((e: Evidence) => e.id))) {
    const passage = passages.get(evidence.passageId);
    const claim = claims.get(evidence.claimId);
    const source = passage ? sources.get(passage.sourceSha256) : undefined;
    if (passage && claim && source) out.push({ evidence, passage, claim, source });
  }
  return out;
}

/** The derived files of a packet (annotations and reports) as text, by path; a pure function of rows, texts and checkpoint time. */
export function derivedFiles(rows: PacketRows, texts: Map<string, SourceText>, asOf: string): Map<string, string> {
  const report: ReportInput = { workspaceName: rows.workspace.name, asOf, ...rows, texts };
  return new Map([
    [PACKET_PATHS.annotations, JSON.stringify(toAnnotationCollection(rows.workspace, evidenceRowsOf(rows)), null, 2) + '\n'],
    [PACKET_PATHS.reportHtml, toReportHtml(report)],
    [PACKET_PATHS.reportMd, toReportMarkdown(report)],
    [PACKET_PATHS.claimsCsv, toClaimsCsv(report)],
  ]);
}

/** The leaf-index/proof list for every `evidence.attached` line; throws PacketBuildError for a line that is not JSON. */
export function inclusionProofsOf(lines: string[], tree: MerkleTree): InclusionProof[] {
  const proofs: InclusionProof[] = [];
  lines.forEach((line, index) => {
    let type: unknown;
    try {
      type = (JSON.parse(line) as { type?: unknown }).type;
    } catch {
      throw new PacketBuildError(`ledger line ${index} is not JSON`);
    }
    if (type === 'evidence.attached') proofs.push({ index, leaf: toHex(tree.leaf(index)), path: tree.inclusionProof(index).map(toHex) });
  });
  return proofs;
}

function sourceExtension(source: Source): string {
  const fromName = /\.([A-Za-z0-9]{1,8})$/.exec(source.fileName)?.[1];
  if (fromName) return fromName.toLowerCase();
  const byType: Record<string, string> = { 'application/pdf': 'pdf', 'text/vtt': 'vtt', 'audio/wav': 'wav', 'audio/mpeg': 'mp3', 'application/x-subrip': 'srt' };
  return byType[source.mediaType] ?? 'bin';
}

/** Builds a packet zip (a BagIt 1.0 bag laid out as DESIGN.md says); throws PacketBuildError when the checkpoint is not over the given lines or a source file is missing or wrong. */
export function buildPacket(input: PacketInput, options: BuildPacketOptions = {}): Uint8Array {
  // Each source file is hashed once: for the check below, and again (remembered) for the manifest.
  const sha256 = memoizedSha256(options.sha256);
  const tree = new MerkleTree();
  for (const line of input.ledgerLines) tree.appendData(toUtf8(line));
  if (input.checkpoint.size !== tree.size) throw new PacketBuildError(`the checkpoint covers ${input.checkpoint.size} entries but the ledger has ${tree.size}`);
  if (tree.size === 0 || toHex(tree.root()) !== input.checkpoint.root) throw new PacketBuildError('the checkpoint root is not the root of the given ledger lines');
  if (input.checkpoint.workspace !== input.workspace.id) throw new PacketBuildError(`the checkpoint is for workspace ${input.checkpoint.workspace}, not ${input.workspace.id}`);
  const checkpoint: PacketCheckpoint = {
    workspace: input.checkpoint.workspace,
    size: input.checkpoint.size,
    root: input.checkpoint.root,
    time: input.checkpoint.time,
    publicKey: input.checkpoint.publicKey,
    signature: input.checkpoint.signature,
    inclusion: inclusionProofsOf(input.ledgerLines, tree),
  };
  const packetJson = toPacketJson(input);
  const shas = new Set(packetJson.sources.map((s) => s.sha256));
  const texts = new Map(input.sourceTexts.filter((t) => shas.has(t.sha256)).map((t) => [t.sha256, t]));
  const files: BagFileInput[] = [
    { path: PACKET_PATHS.packet, bytes: toUtf8(toCanonicalJson(packetJson)) },
    { path: PACKET_PATHS.ledger, bytes: toUtf8(input.ledgerLines.map((l) => `${l}\n`).join('')) },
    { path: PACKET_PATHS.checkpoint, bytes: toUtf8(toCanonicalJson(checkpoint)) },
    { path: PACKET_PATHS.verifyPage, bytes: toUtf8(input.verifyPage) },
  ];
  for (const [path, text] of derivedFiles(packetJson, texts, checkpoint.time)) files.push({ path, bytes: toUtf8(text) });
  for (const [sha, text] of texts) files.push({ path: `data/texts/${sha}.json`, bytes: toUtf8(toCanonicalJson(text)) });
  if (options.includeSources) {
    for (const source of packetJson.sources) {
      const bytes = input.sourceFiles?.get(source.sha256);
      if (!bytes) throw new PacketBuildError(`source file ${source.fileName} (${source.sha256.slice(0, 12)}) is not available to include`);
      if (toHex(sha256(bytes)) !== source.sha256) throw new PacketBuildError(`source file ${source.fileName} does not have the SHA-256 it was imported with`);
      files.push({ path: `data/sources/${source.sha256}.${sourceExtension(source)}`, bytes, compress: source.kind === 'transcript' });
    }
  }
  return writeBag(
    files,
    {
      baggingDate: checkpoint.time.slice(0, 10),
      softwareAgent: PACKET_SOFTWARE_AGENT,
      externalDescription: `Evidence packet of workspace "${input.workspace.name}": ${packetJson.claims.length} claims, ${packetJson.evidence.length} evidence items, ledger of ${tree.size} entries`,
      externalIdentifier: input.workspace.id,
      extra: [
        ['Packet-Version', String(PACKET_VERSION)],
        ['Workspace-Name', input.workspace.name],
      ],
    },
    options.onProgress,
    { sha256, ...(options.crc32 ? { crc32: options.crc32 } : {}) },
  );
}

// ---------------------------------------------------------------------------------------------------
// Reading

const rowArray = <T>(schema: z.ZodType<T>) => z.array(schema).max(MAX_PACKET_ROWS);

/** Validator of data/packet.json (strict: unknown fields and versions are rejected). */
export const PACKET_JSON_SCHEMA = z.strictObject({
  type: z.literal(PACKET_TYPE),
  version: z.literal(PACKET_VERSION),
  workspace: ROW_SCHEMAS.workspace,
  drafts: rowArray(ROW_SCHEMAS.draft),
  claims: rowArray(ROW_SCHEMAS.claim),
  references: rowArray(ROW_SCHEMAS.reference),
  sources: rowArray(ROW_SCHEMAS.source),
  passages: rowArray(ROW_SCHEMAS.passage),
  evidence: rowArray(ROW_SCHEMAS.evidence),
});

const hex32 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

/** Validator of data/checkpoint.json (strict). */
export const PACKET_CHECKPOINT_SCHEMA = CHECKPOINT_SCHEMA.extend({
  inclusion: z.array(z.strictObject({ index: z.int().nonnegative(), leaf: hex32, path: z.array(hex32).max(MAX_INCLUSION_PROOF_LENGTH) })).max(MAX_PACKET_LEDGER_LINES),
}).strict();

const utf8 = new TextDecoder('utf-8', { fatal: true });

function zodMessage(file: string, error: z.ZodError): string {
  const issue = error.issues[0];
  return `${file}: ${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}`;
}

/** Parses canonical JSON bytes of a file with a schema; the error names the file and the field. */
function parseCanonical<T>(bytes: Uint8Array | undefined, file: string, schema: z.ZodType<T>): Result<T> {
  if (!bytes) return err(`${file} is missing`);
  let text: string;
  let value: unknown;
  try {
    text = utf8.decode(bytes);
    value = JSON.parse(text);
  } catch {
    return err(`${file} is not UTF-8 JSON`);
  }
  if (typeof value === 'object' && value !== null && 'version' in value && file === PACKET_PATHS.packet && (value as { version: unknown }).version !== PACKET_VERSION) {
    return err(`${file}: unknown packet version ${JSON.stringify((value as { version: unknown }).version)} (this reader knows version ${PACKET_VERSION})`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) return err(zodMessage(file, parsed.error));
  // The fast exact test first (packet.json and checkpoint.json run to megabytes); canonicalizing again
  // only decides which of the two messages a non-canonical file gets.
  if (!isCanonicalText(text, value)) {
    try {
      toCanonicalJson(value);
    } catch {
      return err(`${file} has no canonical JSON form`);
    }
    return err(`${file} is not in RFC 8785 canonical form`);
  }
  return ok(parsed.data);
}

/** Parses data/packet.json; the error names the field, an unknown version or non-canonical bytes. */
export function parsePacketJson(bytes: Uint8Array | undefined): Result<PacketJson> {
  return parseCanonical(bytes, PACKET_PATHS.packet, PACKET_JSON_SCHEMA) as Result<PacketJson>;
}

/** Parses data/checkpoint.json; the error names the field. */
export function parsePacketCheckpoint(bytes: Uint8Array | undefined): Result<PacketCheckpoint> {
  return parseCanonical(bytes, PACKET_PATHS.checkpoint, PACKET_CHECKPOINT_SCHEMA);
}

/** Parses data/texts/<sha256>.json; the error names the file, and a text whose sha256 is not its name. */
export function parseSourceText(bytes: Uint8Array | undefined, sha: string): Result<SourceText> {
  const file = `data/texts/${sha}.json`;
  const parsed = parseCanonical(bytes, file, ROW_SCHEMAS.sourceText as z.ZodType<SourceText>);
  if (parsed.ok && parsed.value.sha256 !== sha) return err(`${file} holds the text of ${parsed.value.sha256.slice(0, 12)}…, not of its name`);
  return parsed;
}

/** The ledger's lines and entries. */
export interface PacketLedger {
  /** Each line, exactly as stored (no newline). */
  lines: string[];
  /** The parsed entries, seq = line number. */
  entries: LedgerEntry[];
}

/** Splits and parses data/ledger.jsonl (one canonical entry per LF-terminated line, seq = line number); the error names the line. */
export function parseLedger(bytes: Uint8Array | undefined): Result<PacketLedger> {
  if (!bytes) return err(`${PACKET_PATHS.ledger} is missing`);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return err(`${PACKET_PATHS.ledger} is not UTF-8`);
  }
  if (text.length === 0) return err(`${PACKET_PATHS.ledger} is empty`);
  if (!text.endsWith('\n')) return err(`${PACKET_PATHS.ledger} does not end with a newline`);
  const lines = text.slice(0, -1).split('\n');
  if (lines.length > MAX_PACKET_LEDGER_LINES) return err(`${PACKET_PATHS.ledger} has more than ${MAX_PACKET_LEDGER_LINES} lines`);
  const entries: LedgerEntry[] = [];
  for (const [i, line] of lines.entries()) {
    const entry = fromEntryLine(line);
    if (!entry.ok) return err(`${PACKET_PATHS.ledger} line ${i + 1}: ${entry.error}`);
    if (entry.value.seq !== i) return err(`${PACKET_PATHS.ledger} line ${i + 1} carries seq ${entry.value.seq}, not ${i}`);
    entries.push(entry.value);
  }
  return ok({ lines, entries });
}

/** A packet read through the trust boundary, every file validated. */
export interface PacketContents {
  /** The checked files (what verifyPacket takes). */
  bag: OpenedBag;
  /** data/packet.json. */
  packet: PacketJson;
  /** data/ledger.jsonl. */
  ledger: PacketLedger;
  /** data/checkpoint.json. */
  checkpoint: PacketCheckpoint;
  /** data/texts/*.json by SHA-256. */
  texts: Map<string, SourceText>;
  /** data/sources/* by SHA-256. */
  sourceFiles: Map<string, Uint8Array>;
  /** BagIt warnings. */
  warnings: string[];
}

/** Opens a packet (zip bytes or an unzipped folder) through the trust boundary only (paths, links, sizes); the error names the entry. */
export function openPacket(source: Uint8Array | FolderInput): Result<OpenedBag> {
  return source instanceof Uint8Array ? openBagZip(source) : openBagFolder(source);
}

/** Options of readPacket. */
export interface ReadPacketOptions {
  /** The SHA-256 the manifests are checked with (default @noble/hashes; Node callers may pass a native one, see BuildPacketOptions.sha256). */
  sha256?: Sha256Function;
}

/** Reads a packet: trust boundary, a valid BagIt 1.0 bag with no fetch.txt, and every fixed file strictly validated; the error names the file. */
export function readPacket(source: Uint8Array | FolderInput, options: ReadPacketOptions = {}): Result<PacketContents> {
  const opened = openPacket(source);
  if (!opened.ok) return opened;
  const validation = validateBag(opened.value, { forbidFetch: true, knownInfoLabels: PACKET_INFO_LABELS, ...(options.sha256 ? { sha256: options.sha256 } : {}) });
  if (!validation.ok) return err(validation.errors.join('; '));
  const files = opened.value.files;
  const packet = parsePacketJson(files.get(PACKET_PATHS.packet));
  if (!packet.ok) return packet;
  const ledger = parseLedger(files.get(PACKET_PATHS.ledger));
  if (!ledger.ok) return ledger;
  const checkpoint = parsePacketCheckpoint(files.get(PACKET_PATHS.checkpoint));
  if (!checkpoint.ok) return checkpoint;
  const texts = new Map<string, SourceText>();
  const sourceFiles = new Map<string, Uint8Array>();
  for (const [path, bytes] of files) {
    const text = /^data\/texts\/([0-9a-f]{64})\.json$/.exec(path);
    const file = /^data\/sources\/([0-9a-f]{64})\.[a-z0-9]{1,8}$/.exec(path);
    if (text) {
      const parsed = parseSourceText(bytes, text[1]!);
      if (!parsed.ok) return parsed;
      texts.set(text[1]!, parsed.value);
    } else if (file) {
      if (sourceFiles.has(file[1]!)) return err(`${path}: a second file for source ${file[1]!.slice(0, 12)}`);
      sourceFiles.set(file[1]!, bytes);
    } else if (path.startsWith('data/') && !Object.values(PACKET_PATHS).includes(path as never)) {
      return err(`${path} is not a file a packet holds`);
    }
  }
  return ok({ bag: opened.value, packet: packet.value, ledger: ledger.value, checkpoint: checkpoint.value, texts, sourceFiles, warnings: validation.bag.warnings });
}
