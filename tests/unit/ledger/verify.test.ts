// The pure verifier as the CLI and the offline page use it: canonical lines, checkpoints signed with an
// Ed25519 key (here by @noble/curves, in the store by WebCrypto), consistency between checkpoints.
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { Rng, nextEvent, workspaceCreated } from '../../../bench/ledger/history.ts';
import { toBase64 } from '../../../shared/ledger/base64.ts';
import { type Checkpoint, checkpointMessage, verifyCheckpointSignature, verifyInclusionEntry } from '../../../shared/ledger/checkpoint.ts';
import { entryLeafHash, toEntryLine } from '../../../shared/ledger/entry.ts';
import { MerkleTree } from '../../../shared/ledger/merkle.ts';
import { MemoryState } from '../../../shared/ledger/project.ts';
import { type StoredLine, verifyLedger } from '../../../shared/ledger/verify.ts';
import { toHex } from '../../../shared/hash.ts';
import type { LedgerEntry, LedgerEvent } from '../../../shared/types/events.ts';

const secret = new Uint8Array(32).fill(9);
const publicKey = toBase64(ed25519.getPublicKey(secret));

async function history(seed: number, count: number): Promise<string[]> {
  const rng = new Rng(seed);
  const state = new MemoryState();
  const lines: string[] = [];
  for (let seq = 0; seq < count; seq++) {
    const event = seq === 0 ? workspaceCreated('ws-v', publicKey) : nextEvent(rng, state, 'Ana');
    const entry = { seq, time: '2024-05-01T12:00:00.000Z', actor: 'Ana', ...event } as LedgerEntry;
    lines.push(toEntryLine(entry));
    await state.applyEntry(entry);
  }
  return lines;
}

function sign(lines: readonly string[], size: number, key = secret): Checkpoint {
  const tree = new MerkleTree();
  for (const l of lines.slice(0, size)) tree.append(entryLeafHash(l));
  const head = { workspace: 'ws-v', size, root: toHex(tree.root()), time: `2024-05-02T00:00:${String(size % 60).padStart(2, '0')}.000Z` };
  return { ...head, publicKey: toBase64(ed25519.getPublicKey(key)), signature: toBase64(ed25519.sign(checkpointMessage(head), key)) };
}

const stored = (lines: readonly string[]): StoredLine[] => lines.map((line, seq) => ({ seq, line, leaf: null }));

describe('verifyLedger', () => {
  it('accepts a ledger with consistent signed checkpoints and reports what it checked', async () => {
    const lines = await history(1, 120);
    const progress: number[] = [];
    const report = await verifyLedger(stored(lines), lines.length, [sign(lines, 120), sign(lines, 40), sign(lines, 64)], (p) => progress.push(p.done));
    expect(report.firstFailure).toBeNull();
    expect(report.checks.map((c) => `${c.name}: ${c.ok}`)).toEqual(['entries: true', 'merkle: true', 'replay: true', 'keys: true', 'checkpoints: true', 'consistency: true']);
    expect(report.checks.find((c) => c.name === 'consistency')?.detail).toBe('3 checkpoint pair(s) proven consistent (RFC 6962)');
    expect(report.root).toBe(sign(lines, 120).root);
    expect(report.state?.tables.workspace.get('ws-v')?.publicKey).toBe(publicKey);
    expect(progress.at(-1)).toBe(3);
  });

  it('rejects a checkpoint of a forked history signed with the right key', async () => {
    const lines = await history(2, 80);
    const fork = [...lines];
    const e = JSON.parse(fork[30]!) as LedgerEntry;
    fork[30] = toEntryLine({ ...e, time: '2023-01-01T00:00:00.000Z' });
    const report = await verifyLedger(stored(lines), lines.length, [sign(fork, 50), sign(lines, 80)]);
    expect(report.firstFailure).toMatchObject({ name: 'checkpoints', seq: null });
    expect(report.firstFailure?.detail).toMatch(/^checkpoint at size 50 .*root does not match the ledger; an entry in seq 0…49/);
  });

  it('rejects a checkpoint signed by another key, and a replayed entry that cannot apply', async () => {
    const lines = await history(3, 30);
    const other = await verifyLedger(stored(lines), lines.length, [sign(lines, 30, new Uint8Array(32).fill(1))]);
    expect(other.firstFailure?.detail).toMatch(/signed by a key that is not the workspace's/);
    const entry = JSON.parse(lines[0]!) as LedgerEntry;
    const twice = [...lines, toEntryLine({ ...entry, seq: 30 })];
    const replayed = await verifyLedger(stored(twice), twice.length, []);
    expect(replayed.firstFailure).toMatchObject({ name: 'replay', seq: 30 });
    expect(replayed.firstFailure?.detail).toMatch(/^entry 30 \(workspace\.created\): the workspace already exists/);
  });

  it('names a malformed payload by seq and field', async () => {
    const lines = await history(4, 20);
    const bad = lines[7]!.replace(/"type":"([a-z.-]+)"}$/, '"type":"$1","x":1}');
    const report = await verifyLedger(stored([...lines.slice(0, 7), bad, ...lines.slice(8)]), 20, []);
    expect(report.firstFailure?.seq).toBe(7);
    expect(report.firstFailure?.detail).toMatch(/^entry 7 /);
  });

  it('checks signatures strictly and inclusion items', async () => {
    const lines = await history(5, 33);
    const cp = sign(lines, 33);
    expect(verifyCheckpointSignature(cp).ok).toBe(true);
    expect(verifyCheckpointSignature({ ...cp, time: '2024-05-02T00:00:00.001Z' }).ok).toBe(false);
    expect(verifyCheckpointSignature({ ...cp, signature: 'A' + cp.signature.slice(1) }).ok).toBe(false);
    expect(verifyCheckpointSignature({ ...cp, publicKey: 'short' })).toEqual({ ok: false, error: 'checkpoint.publicKey: must be base64 of 32 bytes' });
    const tree = new MerkleTree();
    for (const l of lines) tree.append(entryLeafHash(l));
    const item = { index: 17, leaf: toHex(tree.leaf(17)), path: tree.inclusionProof(17).map(toHex) };
    expect(verifyInclusionEntry(cp, item).ok).toBe(true);
    expect(verifyInclusionEntry(cp, { ...item, index: 18 }).ok).toBe(false);
    expect(verifyInclusionEntry(cp, { ...item, path: item.path.slice(1) })).toMatchObject({ ok: false, error: expect.stringMatching(/^inclusion\[17\]: /) });
  });
});

describe('verifyLedger: key handover (workspace.key-added)', () => {
  const keyB = new Uint8Array(32).fill(7);
  const keyC = new Uint8Array(32).fill(5);
  const pub = (key: Uint8Array): string => toBase64(ed25519.getPublicKey(key));

  /** A key-added event for `key`, continuing from `previous` (a checkpoint of this ledger, as sign() makes). */
  function handover(key: Uint8Array, previous: Checkpoint, reason: 'import' | 'rotation' = 'import'): LedgerEvent {
    const { size, root, time, publicKey: signer, signature } = previous;
    return { type: 'workspace.key-added', payload: { publicKey: pub(key), reason, previous: { size, root, time, publicKey: signer, signature } } };
  }

  /** A random history of `count` entries where the entry at each seq of `at` is made from the lines before it. */
  async function ledger(seed: number, count: number, at: ReadonlyMap<number, (lines: readonly string[]) => LedgerEvent>): Promise<string[]> {
    const rng = new Rng(seed);
    const state = new MemoryState();
    const lines: string[] = [];
    for (let seq = 0; seq < count; seq++) {
      const make = at.get(seq);
      const event = seq === 0 ? workspaceCreated('ws-v', publicKey) : make ? make(lines) : nextEvent(rng, state, 'Ana');
      const entry = { seq, time: '2024-05-01T12:00:00.000Z', actor: 'Ana', ...event } as LedgerEntry;
      lines.push(toEntryLine(entry));
      // A forged announcement may not apply; the history goes on regardless (the verifier must name it).
      await state.applyEntry(entry).catch(() => undefined);
    }
    return lines;
  }

  it('accepts checkpoints signed by a key handed over from a checkpoint that verifies and matches the prefix', async () => {
    const lines = await ledger(31, 60, new Map([[30, (l: readonly string[]) => handover(keyB, sign(l, 30))]]));
    const report = await verifyLedger(stored(lines), lines.length, [sign(lines, 20), sign(lines, 31, keyB), sign(lines, 60, keyB), sign(lines, 50)]);
    expect(report.firstFailure).toBeNull();
    expect(report.keys).toEqual([
      { publicKey, seq: 0, reason: 'created' },
      { publicKey: pub(keyB), seq: 30, reason: 'import' },
    ]);
    expect(report.checks.find((c) => c.name === 'keys')?.detail).toMatch(/handed over \(entry 30\)/);
    expect(report.state?.tables.workspace.get('ws-v')?.publicKey).toBe(publicKey);
    expect(report.checks.find((c) => c.name === 'consistency')?.detail).toBe('6 checkpoint pair(s) proven consistent (RFC 6962)');
  });

  it('accepts a chain of handovers, each from a checkpoint of the key before it', async () => {
    const lines = await ledger(
      32,
      60,
      new Map([
        [20, (l: readonly string[]) => handover(keyB, sign(l, 20))],
        [40, (l: readonly string[]) => handover(keyC, sign(l, 35, keyB), 'rotation')],
      ]),
    );
    const report = await verifyLedger(stored(lines), lines.length, [sign(lines, 60, keyC)]);
    expect(report.firstFailure).toBeNull();
    expect(report.keys.map((k) => `${k.seq} ${k.reason}`)).toEqual(['0 created', '20 import', '40 rotation']);
  });

  it('rejects an announcement whose previous checkpoint is forged, naming the entry', async () => {
    const forked = (l: readonly string[]): string[] => l.map((line, seq) => (seq === 12 ? toEntryLine({ ...(JSON.parse(line) as LedgerEntry), actor: 'Mallory' }) : line));
    const forgeries: [string, (l: readonly string[]) => Checkpoint, RegExp][] = [
      ['a root of another history, validly signed', (l) => sign(forked(l), 30), /previous\.root is not the root of entries 0…29 of this ledger/],
      ['a signature not over it', (l) => ({ ...sign(l, 30), signature: sign(l, 29).signature }), /previous\.signature: does not verify with previous\.publicKey/],
      ['a key the ledger never accepted', (l) => sign(l, 30, keyC), /previous is signed by key .*, which is neither the workspace's nor handed over to/],
      ['the new key vouching for itself', (l) => sign(l, 30, keyB), /previous is signed by key .*, which is neither the workspace's nor handed over to/],
      ['a prefix longer than what precedes it', (l) => ({ ...sign(l, 30), size: 31 }), /previous covers 31 entries, but only 30 precede this entry/],
    ];
    for (const [what, previous, detail] of forgeries) {
      const lines = await ledger(33, 45, new Map([[30, (l: readonly string[]) => handover(keyB, previous(l))]]));
      const report = await verifyLedger(stored(lines), lines.length, [sign(lines, 45, keyB)]);
      expect(report.firstFailure, what).toMatchObject({ name: 'keys', seq: 30 });
      expect(report.firstFailure?.detail, what).toMatch(/^entry 30 \(workspace\.key-added\): /);
      expect(report.firstFailure?.detail, what).toMatch(detail);
      expect(report.keys.map((k) => k.seq), what).toEqual([0]);
      // The checkpoint that relied on the handover fails too.
      expect(report.checks.find((c) => c.name === 'checkpoints')?.detail, what).toMatch(/signed by a key that is not the workspace's, nor handed over to/);
    }
  });

  it('rejects a checkpoint signed by a handed-over key that does not cover the announcement, and one by an unknown key', async () => {
    const lines = await ledger(34, 50, new Map([[30, (l: readonly string[]) => handover(keyB, sign(l, 30))]]));
    const early = await verifyLedger(stored(lines), lines.length, [sign(lines, 30, keyB)]);
    expect(early.firstFailure).toMatchObject({ name: 'checkpoints', seq: null });
    expect(early.firstFailure?.detail).toMatch(/^checkpoint at size 30 .*: signed by a key handed over only by entry 30, which this checkpoint does not cover$/);
    expect((await verifyLedger(stored(lines), lines.length, [sign(lines, 31, keyB)])).firstFailure).toBeNull();
    const unknown = await verifyLedger(stored(lines), lines.length, [sign(lines, 50, keyC)]);
    expect(unknown.firstFailure?.detail).toMatch(/^checkpoint at size 50 .*: signed by a key that is not the workspace's, nor handed over to by a workspace\.key-added entry$/);
  });

  it("rejects announcing a key that already signs, such as the workspace's own", async () => {
    const lines = await ledger(35, 40, new Map([[30, (l: readonly string[]) => handover(secret, sign(l, 30))]]));
    const report = await verifyLedger(stored(lines), lines.length, []);
    expect(report.firstFailure).toMatchObject({ name: 'keys', seq: 30 });
    expect(report.firstFailure?.detail).toMatch(/already signs this workspace's checkpoints/);
    expect(report.checks.find((c) => c.name === 'replay')?.detail).toMatch(/^entry 30 \(workspace\.key-added\): publicKey is the workspace's own key/);
  });
});
