// Verification of a ledger and its checkpoints, pure so the store, the CLI and the packet verifier share
// it (DESIGN.md, Ledger): every entry parsed and validated, every leaf recomputed, the root of every
// checkpoint recomputed, every signature checked, every later checkpoint proven consistent with every
// earlier one, and the whole ledger replayed into a fresh projection. The first failure is named, with
// its seq when it is an entry; nothing is repaired.
//
// Keys. The key named by workspace.created signs checkpoints of any size. A `workspace.key-added` entry
// at seq s hands signing over to another key too (a packet imported into a new workspace, which never
// holds the original private key, or a rotation): its `previous` checkpoint must be signed by a key
// already accepted for that size and have the root of that prefix of this very ledger, and the new key
// may then sign checkpoints of size > s (checkpoints that contain its announcement). The keys are derived
// from the ledger here, never stored in the projected state, so replay reproduces them exactly.
import { toHex } from '../hash.ts';
import type { LedgerEntry, LedgerEntryOf, Workspace } from '../types/events.ts';
import { fromHex } from '../hash.ts';
import type { Checkpoint } from './checkpoint.ts';
import { verifyCheckpointSignature } from './checkpoint.ts';
import { entryLeafHash, fromEntryLine } from './entry.ts';
import { MAX_LEDGER_ENTRIES } from './limits.ts';
import { MerkleTree, bytesEqual, verifyConsistency } from './merkle.ts';
import { MemoryState, ProjectionError } from './project.ts';

/** One stored ledger record as a verifier sees it. */
export interface StoredLine {
  /** The seq it is stored under (the store's key, or the line number in ledger.jsonl). */
  seq: number;
  /** The canonical JSON line. */
  line: string;
  /** The leaf hash recorded when it was written (hex), or null when the source keeps none. */
  leaf: string | null;
}

/** One named check and its outcome, as the CLI's `verify --json` prints it. */
export interface VerifyCheck {
  /** What was checked (`entries`, `merkle`, `replay`, `keys`, `checkpoints`, `consistency`; the store adds `index`, `state`, `files`). */
  name: string;
  /** Whether it held. */
  ok: boolean;
  /** What exactly was checked, or why it failed. */
  detail: string;
}

/** The first thing that failed. */
export interface VerifyFailure {
  /** The check that failed. */
  name: string;
  /** The seq of the first bad entry, or null when the failure is not one entry's (a checkpoint, a state row). */
  seq: number | null;
  /** Why, in words a person can act on. */
  detail: string;
}

/** Progress of a verification, for a progress bar. */
export interface VerifyProgress {
  /** What is being done. */
  phase: 'entries' | 'checkpoints' | 'state';
  /** Units done in this phase. */
  done: number;
  /** Units in this phase. */
  total: number;
}

/** A key that may sign the ledger's checkpoints. */
export interface LedgerKey {
  /** Base64 of the raw 32-byte Ed25519 public key. */
  publicKey: string;
  /** Seq of the entry that introduced it (0: workspace.created); it signs checkpoints of size > seq. */
  seq: number;
  /** How it came: the workspace's own key, or a `workspace.key-added` handover. */
  reason: 'created' | 'import' | 'rotation';
}

/** The key of `keys` that may sign a checkpoint of `size` entries with `publicKey`, or undefined; never throws. */
export function keyFor(keys: readonly LedgerKey[], publicKey: string, size: number): LedgerKey | undefined {
  return keys.find((k) => k.publicKey === publicKey && k.seq < size);
}

/** Why a `workspace.key-added` entry does not hand over (null when it does), given the keys accepted before it and the tree of the entries before it. */
function handoverProblem(entry: LedgerEntryOf<'workspace.key-added'>, workspace: Workspace | undefined, keys: readonly LedgerKey[], tree: MerkleTree): string | null {
  const { publicKey, previous } = entry.payload;
  if (workspace === undefined) return 'no workspace.created precedes it, so there is no key to hand over from';
  if (keys.some((k) => k.publicKey === publicKey)) return `key ${publicKey} already signs this workspace's checkpoints`;
  if (previous.size > entry.seq) return `previous covers ${previous.size} entries, but only ${entry.seq} precede this entry`;
  if (keyFor(keys, previous.publicKey, previous.size) === undefined) {
    return `previous is signed by key ${previous.publicKey}, which is neither the workspace's nor handed over to by an entry before seq ${previous.size}`;
  }
  const sig = verifyCheckpointSignature({ workspace: workspace.id, ...previous });
  if (!sig.ok) return sig.error.replaceAll('checkpoint.', 'previous.');
  if (toHex(tree.root(previous.size)) !== previous.root) return `previous.root is not the root of entries 0…${previous.size - 1} of this ledger (the checkpoint is of another history)`;
  return null;
}

/** What a ledger verification found. */
export interface LedgerVerification {
  /** True when every check held. */
  ok: boolean;
  /** Entries read. */
  size: number;
  /** Root of all entries read (hex), or null when the ledger could not be read to its end. */
  root: string | null;
  /** Every check, in order. */
  checks: VerifyCheck[];
  /** The first failure, or null. */
  firstFailure: VerifyFailure | null;
  /** The replayed projection (for comparing with stored tables), or null when replay failed. */
  state: MemoryState | null;
  /** The tree of all entries read (for proofs). */
  tree: MerkleTree;
  /** The keys that may sign checkpoints: the workspace's, then each valid handover, in ledger order. */
  keys: LedgerKey[];
}

const encoder = new TextEncoder();

/** How often verification yields to the caller's progress callback, in entries. */
export const VERIFY_PROGRESS_EVERY = 2_000;

/** Verifies lines and checkpoints; resolves to a report naming the first failure (never rejects for bad data). */
export async function verifyLedger(
  lines: AsyncIterable<StoredLine> | Iterable<StoredLine>,
  total: number,
  checkpoints: readonly Checkpoint[],
  onProgress?: (p: VerifyProgress) => void,
): Promise<LedgerVerification> {
  const checks: VerifyCheck[] = [];
  const tree = new MerkleTree();
  const state = new MemoryState();
  let failure: VerifyFailure | null = null;
  const fail = (name: string, seq: number | null, detail: string): void => {
    checks.push({ name, ok: false, detail });
    failure ??= { name, seq, detail };
  };
  let workspace: Workspace | undefined;
  let expected = 0;
  let replayOk = true;
  let entriesOk = true;
  let keysOk = true;
  const keys: LedgerKey[] = [];

  onProgress?.({ phase: 'entries', done: 0, total });
  for await (const stored of lines) {
    if (expected >= MAX_LEDGER_ENTRIES) {
      fail('entries', expected, `the ledger has more than ${MAX_LEDGER_ENTRIES} entries`);
      entriesOk = false;
      break;
    }
    if (stored.seq !== expected) {
      fail(
        'entries',
        expected,
        stored.seq > expected ? `entry ${expected} is missing (the next stored entry is ${stored.seq})` : `entry ${stored.seq} is stored out of order, where ${expected} should be`,
      );
      entriesOk = false;
      break;
    }
    const bytes = encoder.encode(stored.line);
    const parsed = fromEntryLine(stored.line, bytes);
    if (!parsed.ok) {
      fail('entries', expected, parsed.error);
      entriesOk = false;
      break;
    }
    const entry: LedgerEntry = parsed.value;
    if (entry.seq !== expected) {
      fail('entries', expected, `entry ${expected} carries seq ${entry.seq} (entries were moved or swapped)`);
      entriesOk = false;
      break;
    }
    if (entry.type === 'workspace.key-added' && keysOk) {
      // Checked against the tree of the entries before it (not yet appended).
      const problem = handoverProblem(entry, workspace, keys, tree);
      if (problem === null) keys.push({ publicKey: entry.payload.publicKey, seq: entry.seq, reason: entry.payload.reason });
      else {
        fail('keys', expected, `entry ${expected} (workspace.key-added): ${problem}`);
        keysOk = false;
      }
    }
    const leaf = entryLeafHash(bytes);
    if (stored.leaf !== null) {
      const recorded = fromHex(stored.leaf);
      if (recorded === null || !bytesEqual(recorded, leaf)) {
        fail('merkle', expected, `entry ${expected} does not match the hash recorded when it was written (its content was changed)`);
        entriesOk = false;
        break;
      }
    }
    tree.append(leaf);
    if (replayOk) {
      try {
        await state.applyEntry(entry);
      } catch (error: unknown) {
        replayOk = false;
        fail('replay', error instanceof ProjectionError ? error.seq : expected, error instanceof Error ? error.message : String(error));
      }
    }
    if (entry.type === 'workspace.created' && workspace === undefined) {
      workspace = entry.payload.workspace;
      keys.push({ publicKey: workspace.publicKey, seq: 0, reason: 'created' });
    }
    expected++;
    if (expected % VERIFY_PROGRESS_EVERY === 0) {
      onProgress?.({ phase: 'entries', done: expected, total });
      await Promise.resolve();
    }
  }
  onProgress?.({ phase: 'entries', done: expected, total });
  if (entriesOk && expected !== total) {
    fail('entries', expected, `read ${expected} entries but the ledger reports ${total}`);
    entriesOk = false;
  }
  if (entriesOk) {
    checks.push({ name: 'entries', ok: true, detail: `${expected} entries, seq 0…${expected - 1} dense, each valid and canonical` });
    checks.push({ name: 'merkle', ok: true, detail: `${expected} leaf hashes recomputed; root ${toHex(tree.root())}` });
  }
  if (replayOk && entriesOk) checks.push({ name: 'replay', ok: true, detail: `${expected} entries replayed into a fresh projection` });
  if (keysOk && entriesOk) {
    const handovers = keys.filter((k) => k.reason !== 'created');
    checks.push({
      name: 'keys',
      ok: true,
      detail:
        handovers.length === 0
          ? `${keys.length} signing key: the workspace's own`
          : `${keys.length} signing keys: the workspace's own and ${handovers.length} handed over (entry ${handovers.map((k) => k.seq).join(', ')}), each from a checkpoint that verifies and matches the ledger`,
    });
  }

  // Checkpoints: in size order; each must match the recomputed root and verify with a key accepted for its size.
  const sorted = [...checkpoints].sort((a, b) => a.size - b.size || a.time.localeCompare(b.time));
  let cpOk = true;
  for (const [i, cp] of sorted.entries()) {
    onProgress?.({ phase: 'checkpoints', done: i, total: sorted.length });
    const name = `checkpoint at size ${cp.size} (${cp.time})`;
    const sig = verifyCheckpointSignature(cp);
    if (!sig.ok) {
      fail('checkpoints', null, `${name}: ${sig.error}`);
      cpOk = false;
      continue;
    }
    if (workspace !== undefined && keyFor(keys, cp.publicKey, cp.size) === undefined) {
      const later = keys.find((k) => k.publicKey === cp.publicKey);
      fail(
        'checkpoints',
        null,
        later === undefined
          ? `${name}: signed by a key that is not the workspace's, nor handed over to by a workspace.key-added entry`
          : `${name}: signed by a key handed over only by entry ${later.seq}, which this checkpoint does not cover`,
      );
      cpOk = false;
      continue;
    }
    if (workspace !== undefined && cp.workspace !== workspace.id) {
      fail('checkpoints', null, `${name}: made for workspace ${cp.workspace}, not ${workspace.id}`);
      cpOk = false;
      continue;
    }
    if (cp.size > tree.size) {
      fail('checkpoints', null, `${name}: covers ${cp.size} entries but only ${tree.size} could be read (entries were removed)`);
      cpOk = false;
      continue;
    }
    if (cp.size === 0 || toHex(tree.root(cp.size)) !== cp.root) {
      const prev = sorted.slice(0, i).filter((p) => p.size < cp.size).at(-1)?.size ?? 0;
      fail('checkpoints', null, `${name}: its root does not match the ledger; an entry in seq ${prev}…${cp.size - 1} was changed, removed or reordered`);
      cpOk = false;
    }
  }
  if (cpOk) checks.push({ name: 'checkpoints', ok: true, detail: `${sorted.length} checkpoint(s): signatures valid, roots match the ledger` });

  // Consistency: every later checkpoint extends every earlier one (proof from the recomputed tree, checked against the signed roots).
  let pairs = 0;
  let consistent = true;
  for (let a = 0; a < sorted.length && cpOk; a++) {
    for (let b = a + 1; b < sorted.length; b++) {
      const x = sorted[a]!;
      const y = sorted[b]!;
      const rx = fromHex(x.root);
      const ry = fromHex(y.root);
      const proof = x.size >= 1 && y.size <= tree.size && x.size <= y.size ? tree.consistencyProof(x.size, y.size) : [];
      const verdict = rx && ry ? verifyConsistency(x.size, y.size, proof, rx, ry) : { ok: false as const, error: 'bad root' };
      pairs++;
      if (!verdict.ok) {
        fail('consistency', null, `checkpoint at size ${y.size} is not consistent with checkpoint at size ${x.size}: ${verdict.error}`);
        consistent = false;
      }
    }
  }
  if (cpOk && consistent) checks.push({ name: 'consistency', ok: true, detail: `${pairs} checkpoint pair(s) proven consistent (RFC 6962)` });
  onProgress?.({ phase: 'checkpoints', done: sorted.length, total: sorted.length });

  return {
    ok: failure === null,
    size: expected,
    root: entriesOk ? toHex(tree.root()) : null,
    checks,
    firstFailure: failure,
    state: replayOk && entriesOk ? state : null,
    tree,
    keys,
  };
}
