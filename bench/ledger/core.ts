// Measurements shared by the Node and the Chromium runs of the ledger benchmark: the same history, the
// same canonical lines, timed the same way.
import { sha256 } from '@noble/hashes/sha2.js';
import { toEntryLine } from '../../shared/ledger/entry.ts';
import { MerkleTree } from '../../shared/ledger/merkle.ts';
import { verifyLedger } from '../../shared/ledger/verify.ts';
import type { LedgerEntry, LedgerEvent } from '../../shared/types/events.ts';

/** Entries in the verification and proof benchmarks. */
export const VERIFY_SIZE = 100_000;
/** Entries in the append benchmarks. */
export const APPEND_SIZE = 10_000;
/** Inclusion proofs timed. */
export const PROOFS = 2_000;

/** The canonical lines of events committed by `actor`, seq from 0. */
export function linesOf(events: readonly LedgerEvent[], actor: string): string[] {
  return events.map((e, seq) => toEntryLine({ seq, time: new Date(Date.UTC(2024, 4, 1) + seq * 1000).toISOString(), actor, ...e } as LedgerEntry));
}

/** Entries per second of plain SHA-256 over each line's bytes (the baseline), of leaves+root, and of full verifyLedger. */
export async function measureVerify(lines: readonly string[], now: () => number): Promise<{ plain: number; merkle: number; full: number; fullMs: number }> {
  const enc = new TextEncoder();
  const bytes = lines.map((l) => enc.encode(l));
  let t = now();
  let sink = 0;
  for (const b of bytes) sink ^= sha256(b)[0]!;
  const plainMs = now() - t;
  t = now();
  const tree = new MerkleTree();
  for (const b of bytes) tree.appendData(b);
  sink ^= tree.root()[0]!;
  const merkleMs = now() - t;
  t = now();
  const report = await verifyLedger(
    lines.map((line, seq) => ({ seq, line, leaf: null })),
    lines.length,
    [],
  );
  const fullMs = now() - t;
  if (!report.ok) throw new Error(`bench: verification failed: ${report.firstFailure?.detail ?? ''}`);
  if (sink === 256) throw new Error('unreachable');
  const rate = (ms: number) => lines.length / (ms / 1000);
  return { plain: rate(plainMs), merkle: rate(merkleMs), full: rate(fullMs), fullMs };
}

/** Median milliseconds of one inclusion proof (made and verified) in a tree, timed in batches of 10. */
export function measureProofs(tree: MerkleTree, now: () => number, pick: (n: number) => number): number {
  const times: number[] = [];
  for (let i = 0; i < PROOFS / 10; i++) {
    const idx = Array.from({ length: 10 }, () => pick(tree.size));
    const t = now();
    for (const j of idx) tree.inclusionProof(j);
    times.push((now() - t) / 10);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}
