import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../shared/hash.ts';
import {
  EMPTY_ROOT,
  MERKLE_RANGE_CACHE_SIZE,
  MerkleTree,
  leafHash,
  nodeHash,
  rootOf,
  verifyConsistency,
  verifyInclusion,
  verifySubtreeConsistency,
  verifySubtreeInclusion,
} from '../../../shared/ledger/merkle.ts';

const dir = path.resolve(import.meta.dirname, '../../../../shared/conformance/rfc6962-merkle');

function jsonFiles(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) out.push(...jsonFiles(full));
    else if (name.endsWith('.json')) out.push(full);
  }
  return out;
}

const b64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));
const proofOf = (p: string[] | null): Uint8Array[] => (p ?? []).map(b64);

interface InclusionCase {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}
interface ConsistencyCase {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

// The leaves of RFC 6962's own test tree, from which the conformance vectors were made.
const rfcLeaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) =>
  leafHash(new Uint8Array(Buffer.from(h, 'hex'))),
);

function naiveRoot(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(naiveRoot(leaves.slice(0, k)), naiveRoot(leaves.slice(k)));
}

describe('RFC 6962 inclusion vectors', () => {
  const files = jsonFiles(path.join(dir, 'inclusion'));
  it('has happy and tampered cases', () => {
    expect(files.length).toBeGreaterThan(80);
  });
  for (const file of files) {
    const c = JSON.parse(readFileSync(file, 'utf8')) as InclusionCase;
    it(`${path.relative(dir, file)}: ${c.desc} → ${c.wantErr ? 'rejected' : 'verified'}`, () => {
      const verdict = verifyInclusion(b64(c.leafHash), c.leafIdx, c.treeSize, proofOf(c.proof), b64(c.root));
      expect(verdict.ok).toBe(!c.wantErr);
      if (!verdict.ok) expect(verdict.error).toMatch(/^inclusion proof: /);
    });
    if (!c.wantErr && c.treeSize <= rfcLeaves.length && c.treeSize > 1) {
      it(`${path.relative(dir, file)}: the tree makes the same proof`, () => {
        const tree = new MerkleTree();
        for (const l of rfcLeaves) tree.append(l);
        expect(toHex(tree.root(c.treeSize))).toBe(toHex(b64(c.root)));
        expect(tree.inclusionProof(c.leafIdx, c.treeSize).map(toHex)).toEqual(proofOf(c.proof).map(toHex));
      });
    }
  }
});

describe('RFC 6962 consistency vectors', () => {
  const files = jsonFiles(path.join(dir, 'consistency'));
  it('has happy and tampered cases', () => {
    expect(files.length).toBeGreaterThan(90);
  });
  for (const file of files) {
    const c = JSON.parse(readFileSync(file, 'utf8')) as ConsistencyCase;
    it(`${path.relative(dir, file)}: ${c.desc} → ${c.wantErr ? 'rejected' : 'verified'}`, () => {
      const verdict = verifyConsistency(c.size1, c.size2, proofOf(c.proof), b64(c.root1), b64(c.root2));
      expect(verdict.ok).toBe(!c.wantErr);
    });
    if (!c.wantErr && c.size2 <= rfcLeaves.length && c.size1 > 0 && c.size1 < c.size2) {
      it(`${path.relative(dir, file)}: the tree makes the same proof`, () => {
        const tree = new MerkleTree();
        for (const l of rfcLeaves) tree.append(l);
        expect(toHex(tree.root(c.size1))).toBe(toHex(b64(c.root1)));
        expect(tree.consistencyProof(c.size1, c.size2).map(toHex)).toEqual(proofOf(c.proof).map(toHex));
      });
    }
  }
});

interface SubtreeInclusionCase {
  leafIdx: number;
  start: number;
  end: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}
interface SubtreeConsistencyCase {
  start: number;
  end: number;
  size: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

describe('subtree inclusion vectors (Merkle Tree Certificates draft)', () => {
  const files = jsonFiles(path.join(dir, 'subtreeinclusion'));
  it('has happy and tampered cases', () => expect(files.length).toBeGreaterThan(190));
  for (const file of files) {
    const c = JSON.parse(readFileSync(file, 'utf8')) as SubtreeInclusionCase;
    it(`${path.relative(dir, file)}: ${c.desc} → ${c.wantErr ? 'rejected' : 'verified'}`, () => {
      const verdict = verifySubtreeInclusion(b64(c.leafHash), c.leafIdx, c.start, c.end, proofOf(c.proof), b64(c.root));
      expect(verdict.ok).toBe(!c.wantErr);
    });
  }
});

describe('subtree consistency vectors (Merkle Tree Certificates draft)', () => {
  const files = jsonFiles(path.join(dir, 'subtreeconsistency'));
  it('has happy and tampered cases', () => expect(files.length).toBeGreaterThan(110));
  for (const file of files) {
    const c = JSON.parse(readFileSync(file, 'utf8')) as SubtreeConsistencyCase;
    it(`${path.relative(dir, file)}: ${c.desc} → ${c.wantErr ? 'rejected' : 'verified'}`, () => {
      const verdict = verifySubtreeConsistency(c.start, c.end, c.size, proofOf(c.proof), b64(c.root1), b64(c.root2));
      expect(verdict.ok).toBe(!c.wantErr);
    });
  }
});

describe('MerkleTree', () => {
  const leaves = Array.from({ length: 70 }, (_, i) => leafHash(new TextEncoder().encode(`entry ${i}`)));
  const tree = new MerkleTree();
  for (const l of leaves) tree.append(l);

  it('computes the RFC 6962 root of every prefix', () => {
    for (let n = 0; n <= leaves.length; n++) expect(toHex(tree.root(n))).toBe(toHex(naiveRoot(leaves.slice(0, n))));
    expect(toHex(rootOf(leaves))).toBe(toHex(naiveRoot(leaves)));
  });

  it('makes inclusion proofs that verify, and fail for any other leaf or index', () => {
    for (let n = 1; n <= leaves.length; n++) {
      const root = tree.root(n);
      for (let i = 0; i < n; i++) {
        const proof = tree.inclusionProof(i, n);
        expect(verifyInclusion(leaves[i]!, i, n, proof, root).ok).toBe(true);
        expect(verifyInclusion(leaves[(i + 1) % leaves.length]!, i, n, proof, root).ok).toBe(false);
        if (n > 1) expect(verifyInclusion(leaves[i]!, (i + 1) % n, n, proof, root).ok).toBe(false);
      }
    }
  });

  it('makes consistency proofs that verify, and fail with a wrong root', () => {
    for (let n = 1; n <= leaves.length; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = tree.consistencyProof(m, n);
        expect(verifyConsistency(m, n, proof, tree.root(m), tree.root(n)).ok).toBe(true);
        if (m < n) expect(verifyConsistency(m, n, proof, tree.root(m - 1 || 1), tree.root(n)).ok).toBe(m === 1);
        if (m < n) expect(verifyConsistency(m, n, proof, tree.root(m), tree.root(n - 1)).ok).toBe(false);
      }
    }
  });

  it('accepts RFC 6962 consistency and inclusion proofs as subtree proofs of [0, m) (the draft generalises them)', () => {
    for (let n = 1; n <= leaves.length; n++) {
      for (let m = 1; m <= n; m++) {
        expect(verifySubtreeConsistency(0, m, n, tree.consistencyProof(m, n), tree.root(m), tree.root(n)).ok).toBe(true);
        expect(verifySubtreeInclusion(leaves[m - 1]!, m - 1, 0, n, tree.inclusionProof(m - 1, n), tree.root(n)).ok).toBe(true);
      }
    }
  });

  it('rejects any single bit flip in a proof (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 70 }), fc.nat(), fc.nat(), fc.nat(255), (n, i0, j0, bit) => {
        const i = i0 % n;
        const proof = tree.inclusionProof(i, n).map((h) => h.slice());
        const j = j0 % proof.length;
        proof[j]![bit >> 3]! ^= 1 << (bit & 7);
        return !verifyInclusion(leaves[i]!, i, n, proof, tree.root(n)).ok;
      }),
    );
  });

  it('throws a RangeError for indexes and sizes outside the tree', () => {
    expect(() => tree.root(71)).toThrow(RangeError);
    expect(() => tree.inclusionProof(5, 5)).toThrow(/leaf index 5/);
    expect(() => tree.consistencyProof(0, 5)).toThrow(/old size/);
    expect(() => tree.consistencyProof(6, 5)).toThrow(/old size 6/);
    expect(() => tree.append(new Uint8Array(31))).toThrow(/32 bytes/);
  });

  it('keeps roots and proofs right while it grows, with hashes of its right edge remembered between calls', () => {
    const growing = new MerkleTree();
    for (let n = 1; n <= leaves.length; n++) {
      growing.append(leaves[n - 1]!);
      const root = naiveRoot(leaves.slice(0, n));
      expect(toHex(growing.root()), `root of ${n}`).toBe(toHex(root));
      // Earlier sizes again, after the tree has grown past them (their remembered edges still hold).
      for (const size of [n, Math.ceil(n / 2), Math.max(1, n - 3)]) {
        const sizeRoot = naiveRoot(leaves.slice(0, size));
        for (const i of [0, size - 1, Math.floor(size / 3)]) expect(verifyInclusion(leaves[i]!, i, size, growing.inclusionProof(i, size), sizeRoot).ok, `leaf ${i} of ${size}`).toBe(true);
      }
    }
  });

  it(`stays right past ${MERKLE_RANGE_CACHE_SIZE} remembered edges (the memory is emptied, not trusted blindly)`, () => {
    const count = 3 * MERKLE_RANGE_CACHE_SIZE;
    const many = Array.from({ length: count }, (_, i) => leafHash(new TextEncoder().encode(`many ${i}`)));
    const big = new MerkleTree();
    for (const l of many) big.append(l);
    const roots = new Map<number, string>();
    for (let n = 1; n <= count; n++) roots.set(n, toHex(big.root(n)));
    for (const n of [3, 1000, MERKLE_RANGE_CACHE_SIZE + 1, 2 * MERKLE_RANGE_CACHE_SIZE - 1, count - 5, count]) {
      const fresh = new MerkleTree();
      for (const l of many.slice(0, n)) fresh.append(l);
      expect(roots.get(n), `root of ${n}`).toBe(toHex(fresh.root()));
      expect(toHex(big.root(n)), `root of ${n} again`).toBe(toHex(fresh.root()));
    }
  });

  it('hands out copies: changing a returned root or proof does not change the tree', () => {
    const root = tree.root(37);
    const expected = toHex(root);
    root[0]! ^= 0xff;
    expect(toHex(tree.root(37))).toBe(expected);
    const proof = tree.inclusionProof(36, 37);
    for (const h of proof) h.fill(0);
    expect(verifyInclusion(leaves[36]!, 36, 37, tree.inclusionProof(36, 37), tree.root(37)).ok).toBe(true);
    const consistency = tree.consistencyProof(20, 37);
    for (const h of consistency) h.fill(0);
    expect(verifyConsistency(20, 37, tree.consistencyProof(20, 37), tree.root(20), tree.root(37)).ok).toBe(true);
  });

  it('proves inclusion in 100,000 leaves without rebuilding the tree', () => {
    const big = new MerkleTree();
    for (let i = 0; i < 100_000; i++) big.appendData(new TextEncoder().encode(String(i)));
    const root = big.root();
    for (const i of [0, 1, 4_095, 65_536, 99_999]) {
      expect(verifyInclusion(big.leaf(i), i, big.size, big.inclusionProof(i), root).ok).toBe(true);
    }
    expect(verifyConsistency(77_777, 100_000, big.consistencyProof(77_777), big.root(77_777), root).ok).toBe(true);
  });
});
