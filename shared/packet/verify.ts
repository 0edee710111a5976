// Verification of an evidence packet (DESIGN.md, Packet and CLI verify): the bag's manifests, every
// ledger leaf and the root against the signed checkpoint, the signature and its key, every inclusion
// proof, packet.json against the replayed ledger, every quote against the included texts, the derived
// files, and, given an older packet, that the new ledger only appended. Pure, so the CLI and the offline
// verify.html run exactly this code. It names the first failure and repairs nothing.
import { fragmentFor } from '../anchor/selectors.ts';
import { fromHex, memoizedSha256, toHex, type Sha256Function } from '../hash.ts';
import { toCanonicalJson } from '../ledger/canonical.ts';
import { entryLeafHash } from '../ledger/entry.ts';
import { MerkleTree, bytesEqual, verifyConsistency, verifyInclusion } from '../ledger/merkle.ts';
import { STATE_KEYS, type MemoryState, type StateTable } from '../ledger/project.ts';
import { keyFor, verifyLedger, type LedgerKey } from '../ledger/verify.ts';
import type { SourceText } from '../types/text.ts';
import { selectorProblem } from './annotations.ts';
import { validateBag, type OpenedBag } from './bagit.ts';
import { firstBy } from './lookup.ts';
import {
  PACKET_INFO_LABELS,
  PACKET_PATHS,
  derivedFiles,
  parseLedger,
  parsePacketCheckpoint,
  parsePacketJson,
  parseSourceText,
  type PacketCheckpoint,
  type PacketJson,
  type PacketLedger,
} from './packet.ts';

/** The `version` of the verify JSON document. */
export const VERIFY_JSON_VERSION = 1;

/** One check and its outcome (DESIGN.md, CLI verify). */
export interface PacketCheck {
  /** Stable name of the check. */
  name: string;
  /** Whether it held. */
  ok: boolean;
  /** What was checked, or why it failed, naming the file or entry. */
  detail: string;
}

/** The verify JSON document: every check in order and the first failure. */
export interface PacketVerification {
  /** Format version of this document. */
  version: typeof VERIFY_JSON_VERSION;
  /** True only when every check held. */
  ok: boolean;
  /** Checks in the order they ran. */
  checks: PacketCheck[];
  /** The first failed check, or null. */
  firstFailure: { name: string; detail: string } | null;
}

/** Options of verifyPacket. */
export interface VerifyPacketOptions {
  /** An older packet of the same workspace: the new ledger must extend its ledger (consistency proof). */
  previous?: OpenedBag;
  /** Stop at the first failure (the result then lists the checks up to it). */
  failFast?: boolean;
  /** Called with the name of each check as it starts, for progress output. */
  onProgress?: (check: string) => void;
  /**
   * The SHA-256 for the megabytes: the manifests' fixity and the source files (default @noble/hashes, pure
   * JS, as in verify.html). Node callers (the CLI) may pass a native one; see BuildPacketOptions.sha256.
   */
  sha256?: Sha256Function;
}

/** Names of the checks, in the order they run. */
export const PACKET_CHECKS = [
  'bag',
  'packet.json',
  'ledger.jsonl',
  'checkpoint.json',
  'ledger-entries',
  'ledger-root',
  'ledger-replay',
  'checkpoint-signature',
  'inclusion-proofs',
  'packet-vs-ledger',
  'texts',
  'quotes',
  'source-files',
  'derived-files',
  'previous-packet',
] as const;

class FailFast extends Error {}

/** Everything parsed from one packet, for the checks that need it. */
interface Parsed {
  packet: PacketJson | null;
  ledger: PacketLedger | null;
  checkpoint: PacketCheckpoint | null;
}

function compareRows(table: StateTable, rows: readonly unknown[], state: MemoryState): string | null {
  const replayed = state.tables[table] as Map<string, unknown>;
  const keyField = STATE_KEYS[table];
  const seen = new Set<string>();
  for (const row of rows) {
    const key = String((row as Record<string, unknown>)[keyField]);
    if (seen.has(key)) return `packet.json lists ${table} ${key} twice`;
    seen.add(key);
    const want = replayed.get(key);
    if (want === undefined) return `packet.json has ${table} ${key}, which the ledger does not produce`;
    if (toCanonicalJson(want) !== toCanonicalJson(row)) {
      const w = want as Record<string, unknown>;
      const h = row as Record<string, unknown>;
      const field = [...new Set([...Object.keys(w), ...Object.keys(h)])].sort().find((f) => toCanonicalJson(w[f] ?? null) !== toCanonicalJson(h[f] ?? null));
      return `packet.json ${table} ${key} differs from the ledger${field ? ` in "${field}"` : ''}`;
    }
  }
  return null;
}

function packetVsLedger(packet: PacketJson, state: MemoryState): string | null {
  const ws = state.tables.workspace.get(packet.workspace.id);
  if (!ws) return `packet.json workspace ${packet.workspace.id} is not the ledger's workspace`;
  if (toCanonicalJson(ws) !== toCanonicalJson(packet.workspace)) return 'packet.json workspace differs from the ledger';
  const tables: [StateTable, readonly unknown[]][] = [
    ['drafts', packet.drafts],
    ['claims', packet.claims],
    ['references', packet.references],
    ['sources', packet.sources],
    ['passages', packet.passages],
    ['evidence', packet.evidence],
  ];
  for (const [table, rows] of tables) {
    const problem = compareRows(table, rows, state);
    if (problem) return problem;
  }
  // A packet may hold some drafts only, but never part of what bears on them.
  const drafts = new Set(packet.drafts.map((d) => d.id));
  const claims = new Set(packet.claims.map((c) => c.id));
  const passages = new Set(packet.passages.map((p) => p.id));
  const sources = new Set(packet.sources.map((s) => s.sha256));
  const evidence = new Set(packet.evidence.map((e) => e.id));
  for (const c of state.tables.claims.values()) if (drafts.has(c.draftId) && !claims.has(c.id)) return `packet.json leaves out claim ${c.id} of draft ${c.draftId}`;
  const references = new Set(packet.references.map((r) => r.id));
  for (const r of state.tables.references.values()) if (drafts.has(r.draftId) && !references.has(r.id)) return `packet.json leaves out reference ${r.id}`;
  for (const e of state.tables.evidence.values()) if (claims.has(e.claimId) && !evidence.has(e.id)) return `packet.json leaves out evidence ${e.id} of claim ${e.claimId}`;
  for (const c of packet.claims) if (!drafts.has(c.draftId)) return `packet.json claim ${c.id} belongs to draft ${c.draftId}, which is not in the packet`;
  for (const e of packet.evidence) {
    if (!claims.has(e.claimId)) return `packet.json evidence ${e.id} bears on claim ${e.claimId}, which is not in the packet`;
    if (!passages.has(e.passageId)) return `packet.json evidence ${e.id} uses passage ${e.passageId}, which is not in the packet`;
  }
  for (const p of packet.passages) if (!sources.has(p.sourceSha256)) return `packet.json passage ${p.id} points into source ${p.sourceSha256.slice(0, 12)}, which is not in the packet`;
  for (const r of packet.references) if (r.sourceSha256 !== null && !sources.has(r.sourceSha256)) return `packet.json reference ${r.id} is bound to source ${r.sourceSha256.slice(0, 12)}, which is not in the packet`;
  return null;
}

function quoteProblem(packet: PacketJson, texts: Map<string, SourceText>): string | null {
  const passages = firstBy(packet.passages, (p) => p.id);
  for (const e of packet.evidence) {
    const passage = passages.get(e.passageId);
    if (!passage) return `evidence ${e.id}: passage ${e.passageId} is missing`;
    const text = texts.get(passage.sourceSha256);
    if (!text) return `evidence ${e.id}: the text of source ${passage.sourceSha256.slice(0, 12)} is not in data/texts/`;
    const { quote, position, fragment } = passage.selectors;
    const syntax = selectorProblem([quote, position, fragment]);
    if (syntax) return `evidence ${e.id} (passage ${passage.id}): ${syntax}`;
    if (position.end > text.text.length) return `evidence ${e.id} (passage ${passage.id}): position [${position.start}, ${position.end}) lies beyond the text (${text.text.length} characters)`;
    if (text.text.slice(position.start, position.end) !== quote.exact) return `evidence ${e.id} (passage ${passage.id}): the quote is not at its position in the source text`;
    if (text.text.slice(position.start - quote.prefix.length, position.start) !== quote.prefix || position.start < quote.prefix.length) {
      return `evidence ${e.id} (passage ${passage.id}): the quote's prefix does not match the text before it`;
    }
    if (text.text.slice(position.end, position.end + quote.suffix.length) !== quote.suffix) return `evidence ${e.id} (passage ${passage.id}): the quote's suffix does not match the text after it`;
    let expected: string;
    try {
      expected = fragmentFor(text, position.start, position.end).value;
    } catch (error: unknown) {
      return `evidence ${e.id} (passage ${passage.id}): ${error instanceof Error ? error.message : String(error)}`;
    }
    if (expected !== fragment.value) return `evidence ${e.id} (passage ${passage.id}): fragment "${fragment.value}" should be "${expected}" for its position`;
  }
  return null;
}

/** Verifies an opened packet; resolves to the verify JSON document naming the first failure (never rejects for bad data). */
export async function verifyPacket(bag: OpenedBag, options: VerifyPacketOptions = {}): Promise<PacketVerification> {
  const checks: PacketCheck[] = [];
  const pass = (name: string, detail: string): void => void checks.push({ name, ok: true, detail });
  const fail = (name: string, detail: string): void => {
    checks.push({ name, ok: false, detail });
    if (options.failFast) throw new FailFast();
  };
  const start = (name: string): void => options.onProgress?.(name);
  const files = bag.files;
  const parsed: Parsed = { packet: null, ledger: null, checkpoint: null };
  // A source file is hashed once: for the manifest's fixity, and again (remembered) for its name.
  const sha256 = memoizedSha256(options.sha256);
  try {
    await runChecks();
  } catch (error: unknown) {
    if (!(error instanceof FailFast)) throw error;
  }
  const first = checks.find((c) => !c.ok);
  return { version: VERIFY_JSON_VERSION, ok: first === undefined && checks.length > 0, checks, firstFailure: first ? { name: first.name, detail: first.detail } : null };

  async function runChecks(): Promise<void> {
    start('bag');
    const bagResult = validateBag(bag, { forbidFetch: true, knownInfoLabels: PACKET_INFO_LABELS, sha256 });
    if (!bagResult.ok) fail('bag', bagResult.errors[0] ?? 'the bag is not valid');
    else if (!bagResult.bag.manifests.has('sha256') || !bagResult.bag.tagManifests.has('sha256')) fail('bag', 'a packet must have manifest-sha256.txt and tagmanifest-sha256.txt');
    else {
      const covered = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt'].filter((p) => !bagResult.bag.tagManifests.get('sha256')!.some((e) => e.path === p));
      if (covered.length > 0) fail('bag', `tagmanifest-sha256.txt does not list ${covered.join(', ')}`);
      else pass('bag', `BagIt ${bagResult.bag.version}: ${bagResult.bag.manifests.get('sha256')!.length} payload files and ${bagResult.bag.tagManifests.get('sha256')!.length} tag files match their SHA-256 manifests`);
    }

    start('packet.json');
    const packet = parsePacketJson(files.get(PACKET_PATHS.packet));
    if (packet.ok) {
      parsed.packet = packet.value;
      pass('packet.json', `version ${packet.value.version}: ${packet.value.drafts.length} drafts, ${packet.value.claims.length} claims, ${packet.value.evidence.length} evidence items`);
    } else fail('packet.json', packet.error);

    start('ledger.jsonl');
    const ledger = parseLedger(files.get(PACKET_PATHS.ledger));
    if (ledger.ok) {
      parsed.ledger = ledger.value;
      pass('ledger.jsonl', `${ledger.value.lines.length} entries, each valid RFC 8785 canonical JSON, seq = line number`);
    } else fail('ledger.jsonl', ledger.error);

    start('checkpoint.json');
    const cp = parsePacketCheckpoint(files.get(PACKET_PATHS.checkpoint));
    if (cp.ok) {
      parsed.checkpoint = cp.value;
      pass('checkpoint.json', `size ${cp.value.size}, root ${cp.value.root.slice(0, 16)}…, signed ${cp.value.time}`);
    } else fail('checkpoint.json', cp.error);

    const { ledger: lg, checkpoint: ck } = parsed;
    if (!lg || !ck) {
      fail('ledger-root', 'not checked: the ledger or the checkpoint could not be read');
      return;
    }
    start('ledger-root');
    const verdict = await verifyLedger(
      lg.lines.map((line, seq) => ({ seq, line, leaf: null })),
      lg.lines.length,
      [ck],
    );
    const ledgerFailure = verdict.checks.find((c) => !c.ok && (c.name === 'entries' || c.name === 'merkle'));
    if (ledgerFailure) fail('ledger-entries', ledgerFailure.detail);
    else pass('ledger-entries', `${lg.lines.length} entries valid and dense`);
    const tree = verdict.tree;
    if (ck.size !== lg.lines.length) fail('ledger-root', `checkpoint.json covers ${ck.size} entries but ledger.jsonl holds ${lg.lines.length}`);
    else if (tree.size !== ck.size || toHex(tree.root()) !== ck.root) fail('ledger-root', `the root of ledger.jsonl (${tree.size > 0 ? toHex(tree.root()).slice(0, 16) : 'empty'}…) is not the checkpoint's root ${ck.root.slice(0, 16)}…`);
    else pass('ledger-root', `${tree.size} leaf hashes recomputed; root ${ck.root} matches the checkpoint`);

    const replayFailure = verdict.checks.find((c) => !c.ok && c.name === 'replay');
    if (replayFailure || !verdict.state) fail('ledger-replay', replayFailure?.detail ?? 'the ledger could not be replayed');
    else pass('ledger-replay', `${tree.size} entries replayed into a fresh projection`);

    start('checkpoint-signature');
    // A bad key handover (`keys`) is reported here: it is what would have made the signing key acceptable.
    const cpFailure = verdict.checks.find((c) => !c.ok && (c.name === 'keys' || c.name === 'checkpoints'));
    const workspace = verdict.state?.tables.workspace.values().next().value;
    const signer = keyFor(verdict.keys, ck.publicKey, ck.size);
    if (cpFailure) fail('checkpoint-signature', cpFailure.detail);
    else if (!workspace) fail('checkpoint-signature', 'the ledger does not create a workspace, so there is no key to check the signature against');
    else if (ck.workspace !== workspace.id || signer === undefined) fail('checkpoint-signature', 'the checkpoint is not signed by the key of the ledger\'s workspace, nor by a key the ledger hands over to');
    else if (signer.reason === 'created') pass('checkpoint-signature', `Ed25519 signature valid, by workspace ${workspace.id}'s key ${workspace.publicKey}`);
    else pass('checkpoint-signature', `Ed25519 signature valid, by key ${signer.publicKey}, handed over (${signer.reason}) by ledger entry ${signer.seq} from a checkpoint that verifies`);

    start('inclusion-proofs');
    const evidenceSeqs = lg.entries.filter((e) => e.type === 'evidence.attached').map((e) => e.seq);
    const root = fromHex(ck.root)!;
    const indexes = ck.inclusion.map((p) => p.index);
    if (toCanonicalJson(indexes) !== toCanonicalJson(evidenceSeqs)) {
      fail('inclusion-proofs', `checkpoint.json has proofs for entries [${indexes.join(', ')}], the ledger's evidence entries are [${evidenceSeqs.join(', ')}]`);
    } else {
      let problem: string | null = null;
      for (const proof of ck.inclusion) {
        const line = lg.lines[proof.index]!;
        const leaf = entryLeafHash(line);
        if (!bytesEqual(leaf, fromHex(proof.leaf)!)) problem = `entry ${proof.index}: the proof's leaf is not the hash of ledger line ${proof.index + 1}`;
        else {
          const v = verifyInclusion(leaf, proof.index, ck.size, proof.path.map((h) => fromHex(h)!), root);
          if (!v.ok) problem = `entry ${proof.index}: ${v.error}`;
        }
        if (problem) break;
      }
      if (problem) fail('inclusion-proofs', problem);
      else pass('inclusion-proofs', `${ck.inclusion.length} evidence entries proven included in the signed tree (RFC 6962)`);
    }

    const pk = parsed.packet;
    start('packet-vs-ledger');
    if (!pk || !verdict.state) fail('packet-vs-ledger', 'not checked: packet.json or the ledger replay is unavailable');
    else {
      const problem = packetVsLedger(pk, verdict.state);
      if (problem) fail('packet-vs-ledger', problem);
      else pass('packet-vs-ledger', 'every row of packet.json is exactly the replayed ledger\'s, and nothing bearing on its claims is left out');
    }

    start('texts');
    const texts = new Map<string, SourceText>();
    let textProblem: string | null = null;
    for (const [path, bytes] of files) {
      const m = /^data\/texts\/(.*)\.json$/.exec(path);
      if (!m) continue;
      const t = parseSourceText(bytes, m[1]!);
      if (!t.ok) textProblem ??= t.error;
      else {
        texts.set(m[1]!, t.value);
        const replayed = verdict.state?.tables.sourceTexts.get(m[1]!);
        if (!replayed) textProblem ??= `${path}: the ledger has no text for this source`;
        else if (toCanonicalJson(replayed) !== toCanonicalJson(t.value)) textProblem ??= `${path} differs from the text the ledger recorded`;
        if (pk && !pk.sources.some((s) => s.sha256 === m[1])) textProblem ??= `${path}: the source is not in packet.json`;
      }
    }
    if (pk && verdict.state) {
      for (const s of pk.sources) if (verdict.state.tables.sourceTexts.has(s.sha256) && !texts.has(s.sha256)) textProblem ??= `data/texts/${s.sha256}.json is missing`;
    }
    if (textProblem) fail('texts', textProblem);
    else pass('texts', `${texts.size} source texts, each exactly as the ledger recorded it`);

    start('quotes');
    if (!pk) fail('quotes', 'not checked: packet.json is unavailable');
    else {
      const problem = quoteProblem(pk, texts);
      if (problem) fail('quotes', problem);
      else pass('quotes', `${pk.evidence.length} quotes found exactly at their positions, with matching context and page or time`);
    }

    start('source-files');
    let sourceProblem: string | null = null;
    let sourceCount = 0;
    for (const [path, bytes] of files) {
      if (!path.startsWith('data/sources/')) continue;
      sourceCount++;
      const m = /^data\/sources\/([0-9a-f]{64})\.[a-z0-9]{1,8}$/.exec(path);
      if (!m) sourceProblem ??= `${path} is not named <sha256>.<ext>`;
      else if (toHex(sha256(bytes)) !== m[1]) sourceProblem ??= `${path} does not have the SHA-256 in its name`;
      else if (pk && !pk.sources.some((s) => s.sha256 === m[1])) sourceProblem ??= `${path} is not a source in packet.json`;
    }
    if (sourceProblem) fail('source-files', sourceProblem);
    else pass('source-files', sourceCount === 0 ? 'no source files included (excerpts only)' : `${sourceCount} source files, each with the SHA-256 it was imported with`);

    start('derived-files');
    if (!pk) fail('derived-files', 'not checked: packet.json is unavailable');
    else {
      const decoder = new TextDecoder();
      const expected = derivedFiles(pk, texts, ck.time);
      const bad = [...expected].find(([path, text]) => {
        const bytes = files.get(path);
        return !bytes || decoder.decode(bytes) !== text;
      });
      if (bad) fail('derived-files', `${bad[0]} does not match packet.json (it was changed or is missing)`);
      else pass('derived-files', `${[...expected.keys()].join(', ')} match packet.json and the texts`);
    }

    if (options.previous) {
      start('previous-packet');
      const problem = await previousProblem(options.previous, lg, ck, tree, verdict.keys);
      if (problem) fail('previous-packet', problem);
      else pass('previous-packet', 'the older packet is of the same workspace, signed by a key this ledger accepts, and this ledger only appended to it (RFC 6962 consistency proof)');
    }
  }
}

async function previousProblem(previous: OpenedBag, ledger: PacketLedger, checkpoint: PacketCheckpoint, tree: MerkleTree, keys: readonly LedgerKey[]): Promise<string | null> {
  const older = await verifyPacket(previous, { failFast: true });
  if (!older.ok) return `the older packet does not verify: ${older.firstFailure?.name}: ${older.firstFailure?.detail}`;
  const oldCp = parsePacketCheckpoint(previous.files.get(PACKET_PATHS.checkpoint));
  const oldLedger = parseLedger(previous.files.get(PACKET_PATHS.ledger));
  if (!oldCp.ok || !oldLedger.ok) return 'the older packet could not be read';
  if (oldCp.value.workspace !== checkpoint.workspace) return `the older packet is of workspace ${oldCp.value.workspace}, this one of ${checkpoint.workspace}`;
  if (oldCp.value.size > checkpoint.size) return `the older packet's ledger (${oldCp.value.size} entries) is longer than this one's (${checkpoint.size})`;
  const firstDiff = oldLedger.value.lines.findIndex((line, i) => ledger.lines[i] !== line);
  if (firstDiff >= 0) return `ledger entry ${firstDiff} differs from the older packet's: history was rewritten, not appended to`;
  // After a key handover the two packets are signed by different keys; the older one's must still be a key this ledger accepts for its size.
  if (keyFor(keys, oldCp.value.publicKey, oldCp.value.size) === undefined) return 'the older packet was signed by a key this ledger does not accept for it';
  const proof = tree.consistencyProof(oldCp.value.size, checkpoint.size);
  const verdict = verifyConsistency(oldCp.value.size, checkpoint.size, proof, fromHex(oldCp.value.root)!, fromHex(checkpoint.root)!);
  return verdict.ok ? null : `consistency proof from size ${oldCp.value.size} to ${checkpoint.size} fails: ${verdict.error}`;
}
