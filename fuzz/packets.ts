// Real packets for the campaign, built with the packet tests' fixture under one fixed Ed25519 key, so the
// parent (which makes the seeds) and the worker (which makes the workspace a packet continues) build the
// same ledger lines, and a seed is byte-identical from run to run. The packet-store adapter's existing
// workspace is imported from BASE_COUNT entries of that ledger: the full fixture packets extend it (they
// append), shorter ones are held by it, and a packet re-signed with another history diverges from it.
import { ed25519 } from '@noble/curves/ed25519.js';
import { toBase64 } from '../shared/ledger/base64.ts';
import type { LedgerEntry } from '../shared/types/events.ts';

/** Entries of the fixture ledger (8) that the packet-store adapter's existing workspace holds. */
export const BASE_COUNT = 5;

/** The fixed signing seed of every fuzz packet (not a secret: it only makes the seeds reproducible). */
const FUZZ_KEY_SEED = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);
/** The key of a packet of another history (same workspace id, another first entry). */
const OTHER_KEY_SEED = new Uint8Array(32).map((_, i) => (i * 53 + 5) & 0xff);

/** A fixture signing key as tests/unit/packet/build.ts takes it, from a 32-byte seed; never throws. */
export function fixedKey(seed: Uint8Array = FUZZ_KEY_SEED): { publicKey: string; sign: (message: Uint8Array) => Promise<Uint8Array> } {
  return { publicKey: toBase64(ed25519.getPublicKey(seed)), sign: (message) => Promise.resolve(ed25519.sign(message, seed)) };
}

/** A packet of the fixture's first `count` entries (all when absent), signed with the fuzz key (or another history's), optionally with its source file; its zip, lines and checkpoint. */
export async function fuzzPacket(options: { count?: number; includeSources?: boolean; otherHistory?: boolean; mutate?: (entries: LedgerEntry[]) => LedgerEntry[] } = {}) {
  const { fixturePacket } = await import('../tests/unit/packet/build.ts');
  return fixturePacket({
    includeSources: options.includeSources ?? false,
    key: fixedKey(options.otherHistory ? OTHER_KEY_SEED : FUZZ_KEY_SEED),
    ...(options.count !== undefined ? { count: options.count } : {}),
    ...(options.mutate ? { mutate: options.mutate } : {}),
  });
}

/** The packet the packet-store adapter's existing workspace is imported from (BASE_COUNT entries, with the source file). */
export async function basePacket(): Promise<Uint8Array> {
  return (await fuzzPacket({ count: BASE_COUNT, includeSources: true })).zip;
}

/**
 * Valid packets that stand differently to the existing workspace, for the packet-store seeds: held (a
 * shorter prefix), diverged at entry 3 (a re-signed history whose reference.bound is later), of another
 * key from entry 0, and extended past the fixture by a claim status change.
 */
export async function relatedPackets(): Promise<Record<string, Uint8Array>> {
  const held = await fuzzPacket({ count: BASE_COUNT - 2 });
  const diverged = await fuzzPacket({ mutate: (entries) => entries.map((e) => (e.seq === 3 ? { ...e, time: '2025-03-01T10:03:30.000Z' } : e)) });
  const other = await fuzzPacket({ otherHistory: true, includeSources: true });
  const extended = await fuzzPacket({
    mutate: (entries) => [
      ...entries,
      { seq: entries.length, time: '2025-03-01T10:08:00.000Z', actor: 'ana', type: 'claim.status-set', payload: { claimId: 'c1', from: 'unreviewed', to: 'supported', note: 'page 2' } } as LedgerEntry,
    ],
  });
  return { 'packet-held': held.zip, 'packet-diverged': diverged.zip, 'packet-other-history': other.zip, 'packet-extended': extended.zip };
}
