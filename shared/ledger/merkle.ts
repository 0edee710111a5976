// RFC 6962 Merkle tree over the ledger (DESIGN.md, Ledger): leaf = SHA-256(0x00 ‖ bytes), node =
// SHA-256(0x01 ‖ left ‖ right), the root of any prefix, inclusion and consistency proofs, and verifiers
// (RFC 9162 §2.1.3.2 and §2.1.4.2) that reject malformed proofs instead of trying to make sense of them.
import { sha256 } from '@noble/hashes/sha2.js';
import type { Result } from '../types/result.ts';

/** Bytes in every hash of the tree (SHA-256). */
export const HASH_SIZE = 32;
/** Largest tree size the proofs accept: sizes are plain numbers, so they must be safe integers. */
export const MAX_TREE_SIZE = Number.MAX_SAFE_INTEGER;
/** Most hashes an inclusion proof can hold: one per level of a tree of MAX_TREE_SIZE leaves. */
export const MAX_INCLUSION_PROOF_LENGTH = 53;
/** Most hashes a consistency proof can hold: two per level, at worst. */
export const MAX_CONSISTENCY_PROOF_LENGTH = 2 * MAX_INCLUSION_PROOF_LENGTH;
/**
 * Hashes of incomplete subtrees (a range whose width is not a power of two, on a tree's right edge) kept
 * by one MerkleTree, so proofs over the same size do not hash the right edge again for every leaf: an
 * export's 10,000 inclusion proofs took a quarter of a second before. Such a hash never changes as the
 * tree grows; the cache is emptied when it reaches this many entries.
 */
export const MERKLE_RANGE_CACHE_SIZE = 4096;

const LEAF_PREFIX = Uint8Array.of(0);

/** Root of the empty tree: SHA-256 of no bytes; never throws. */
export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));

/** RFC 6962 leaf hash SHA-256(0x00 ‖ bytes); never throws. */
export function leafHash(bytes: Uint8Array): Uint8Array {
  return sha256.create().update(LEAF_PREFIX).update(bytes).digest();
}

const nodeScratch = new Uint8Array(1 + 2 * HASH_SIZE);
nodeScratch[0] = 1;

/** RFC 6962 interior node hash SHA-256(0x01 ‖ left ‖ right); throws when either side is not 32 bytes. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) throw new RangeError('merkle: node children must be 32-byte hashes');
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 1 + HASH_SIZE);
  return sha256(nodeScratch);
}

/** True when two byte strings are equal; never throws. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Largest power of two strictly less than n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n >= 1 && Number.isInteger(Math.log2(n)) && 2 ** Math.log2(n) === n;
}

/**
 * An append-only tree of leaf hashes that keeps every complete subtree hash, so the root of any prefix and
 * any proof cost O(log² n) hashes at most instead of rebuilding the tree.
 */
export class MerkleTree {
  // levels[k] holds, back to back, the hashes of the complete subtrees of 2^k leaves, left to right.
  private readonly levels: Uint8Array[] = [new Uint8Array(HASH_SIZE * 64)];
  private readonly counts: number[] = [0];
  // Incomplete ranges already hashed, keyed "lo,hi" (see MERKLE_RANGE_CACHE_SIZE).
  private readonly partial = new Map<string, Uint8Array>();

  /** Number of leaves appended so far. */
  get size(): number {
    return this.counts[0]!;
  }

  /** Appends a leaf hash (as made by leafHash); throws when it is not 32 bytes. */
  append(hash: Uint8Array): void {
    if (hash.length !== HASH_SIZE) throw new RangeError('merkle: a leaf hash must be 32 bytes');
    let level = 0;
    let value = hash;
    for (;;) {
      const index = this.push(level, value);
      if (index % 2 === 0) return;
      value = nodeHash(this.node(level, index - 1), value);
      level++;
    }
  }

  /** Appends the RFC 6962 leaf hash of an entry's bytes; returns that leaf hash; never throws. */
  appendData(bytes: Uint8Array): Uint8Array {
    const hash = leafHash(bytes);
    this.append(hash);
    return hash;
  }

  /** The leaf hash at index; throws a RangeError when index is not a leaf of the tree. */
  leaf(index: number): Uint8Array {
    this.checkIndex('leaf index', index, this.size - 1);
    return this.node(0, index);
  }

  /** Merkle Tree Hash of the first `size` leaves (the whole tree by default); throws a RangeError when size exceeds the tree. */
  root(size: number = this.size): Uint8Array {
    this.checkIndex('size', size, this.size);
    // A copy: the stored and cached hashes stay the tree's own.
    return size === 0 ? EMPTY_ROOT.slice() : this.range(0, size).slice();
  }

  /** RFC 6962 audit path of leaf `index` in the tree of the first `size` leaves; throws a RangeError when index ≥ size or size exceeds the tree. */
  inclusionProof(index: number, size: number = this.size): Uint8Array[] {
    this.checkIndex('size', size, this.size);
    this.checkIndex('leaf index', index, size - 1);
    const proof: Uint8Array[] = [];
    // PATH(m, D[lo:hi]) unrolled: hashes are collected leaf-side first.
    const collect = (m: number, lo: number, hi: number): void => {
      if (hi - lo === 1) return;
      const k = splitPoint(hi - lo);
      if (m < k) {
        collect(m, lo, lo + k);
        proof.push(this.range(lo + k, hi));
      } else {
        collect(m - k, lo + k, hi);
        proof.push(this.range(lo, lo + k));
      }
    };
    collect(index, 0, size);
    return proof.map((h) => h.slice());
  }

  /** RFC 6962 consistency proof from the first `m` leaves to the first `n`; throws a RangeError unless 0 < m ≤ n ≤ size. */
  consistencyProof(m: number, n: number = this.size): Uint8Array[] {
    this.checkIndex('size', n, this.size);
    this.checkIndex('old size', m, n);
    if (m === 0) throw new RangeError('merkle: old size must be at least 1 (nothing is consistent with the empty tree)');
    const proof: Uint8Array[] = [];
    const sub = (m2: number, lo: number, hi: number, complete: boolean): void => {
      if (m2 === hi - lo) {
        if (!complete) proof.push(this.range(lo, hi));
        return;
      }
      const k = splitPoint(hi - lo);
      if (m2 <= k) {
        sub(m2, lo, lo + k, complete);
        proof.push(this.range(lo + k, hi));
      } else {
        sub(m2 - k, lo + k, hi, false);
        proof.push(this.range(lo, lo + k));
      }
    };
    sub(m, 0, n, true);
    return proof.map((h) => h.slice());
  }

  /** MTH of leaves [lo, hi), hi > lo, using the stored complete subtrees where the range is one. */
  private range(lo: number, hi: number): Uint8Array {
    const width = hi - lo;
    if (isPowerOfTwo(width) && lo % width === 0) {
      const level = Math.log2(width);
      return this.node(level, lo / width);
    }
    const key = `${lo},${hi}`;
    const known = this.partial.get(key);
    if (known !== undefined) return known;
    const k = splitPoint(width);
    const hash = nodeHash(this.range(lo, lo + k), this.range(lo + k, hi));
    if (this.partial.size >= MERKLE_RANGE_CACHE_SIZE) this.partial.clear();
    this.partial.set(key, hash);
    return hash;
  }

  private node(level: number, index: number): Uint8Array {
    const buf = this.levels[level]!;
    return buf.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }

  private push(level: number, hash: Uint8Array): number {
    if (this.levels.length === level) {
      this.levels.push(new Uint8Array(HASH_SIZE * 64));
      this.counts.push(0);
    }
    let buf = this.levels[level]!;
    const index = this.counts[level]!;
    if ((index + 1) * HASH_SIZE > buf.length) {
      const grown = new Uint8Array(buf.length * 2);
      grown.set(buf);
      this.levels[level] = buf = grown;
    }
    buf.set(hash, index * HASH_SIZE);
    this.counts[level] = index + 1;
    return index;
  }

  private checkIndex(name: string, value: number, max: number): void {
    if (!Number.isSafeInteger(value) || value < 0 || value > max) {
      throw new RangeError(`merkle: ${name} ${value} is outside 0…${max}`);
    }
  }
}

/** Merkle Tree Hash of a list of leaf hashes; throws when one is not 32 bytes. */
export function rootOf(leafHashes: readonly Uint8Array[]): Uint8Array {
  const tree = new MerkleTree();
  for (const h of leafHashes) tree.append(h);
  return tree.root();
}

function fail(error: string): Result<true> {
  return { ok: false, error };
}

const OK: Result<true> = { ok: true, value: true };

function checkSize(name: string, n: number): string | null {
  return Number.isSafeInteger(n) && n >= 0 && n <= MAX_TREE_SIZE ? null : `${name} ${String(n)} is not a tree size`;
}

function checkHashes(name: string, hashes: readonly Uint8Array[], max: number): string | null {
  if (hashes.length > max) return `${name} has ${hashes.length} hashes, more than ${max}`;
  const bad = hashes.findIndex((h) => h.length !== HASH_SIZE);
  return bad < 0 ? null : `${name}[${bad}] is ${hashes[bad]!.length} bytes, not ${HASH_SIZE}`;
}

/** Checks an RFC 6962 inclusion proof of `leaf` at `index` in a tree of `size` with `root`; the error says what does not hold. */
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): Result<true> {
  const problem =
    checkSize('tree size', size) ??
    checkSize('leaf index', index) ??
    checkHashes('proof', proof, MAX_INCLUSION_PROOF_LENGTH) ??
    (leaf.length !== HASH_SIZE ? `leaf hash is ${leaf.length} bytes, not ${HASH_SIZE}` : null) ??
    (root.length !== HASH_SIZE ? `root is ${root.length} bytes, not ${HASH_SIZE}` : null) ??
    (index >= size ? `leaf index ${index} is not below tree size ${size}` : null);
  if (problem !== null) return fail(`inclusion proof: ${problem}`);
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return fail('inclusion proof: longer than the tree is deep');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return fail('inclusion proof: shorter than the tree is deep');
  return bytesEqual(r, root) ? OK : fail('inclusion proof: the computed root does not match');
}

/** Checks an RFC 6962 consistency proof that the tree of `size2` with `root2` extends the tree of `size1` with `root1`; the error says what does not hold. */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): Result<true> {
  const problem =
    checkSize('old size', size1) ??
    checkSize('new size', size2) ??
    (size1 > size2 ? `old size ${size1} is larger than new size ${size2}` : null) ??
    (size1 === 0 ? 'the old tree is empty, so consistency proves nothing' : null) ??
    checkHashes('proof', proof, MAX_CONSISTENCY_PROOF_LENGTH);
  if (problem !== null) return fail(`consistency proof: ${problem}`);
  if (size1 === size2) {
    if (proof.length > 0) return fail('consistency proof: sizes are equal, so the proof must be empty');
    return bytesEqual(root1, root2) ? OK : fail('consistency proof: sizes are equal but the roots differ');
  }
  if (proof.length === 0) return fail('consistency proof: empty proof between different sizes');
  if (root1.length !== HASH_SIZE || root2.length !== HASH_SIZE) return fail('consistency proof: roots must be 32 bytes');
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) return fail('consistency proof: longer than the tree is deep');
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return fail('consistency proof: shorter than the tree is deep');
  if (!bytesEqual(fr, root1)) return fail('consistency proof: the old root does not match');
  if (!bytesEqual(sr, root2)) return fail('consistency proof: the new root does not match');
  return OK;
}

// Subtree proofs (draft-ietf-plants-merkle-tree-certs, "subtree inclusion" and "subtree consistency"):
// not used by the ledger itself, but the conformance data covers them, and they let a verifier check a
// range of entries [start, end) against a signed root without the entries outside it.

/** Smallest power of two ≥ n (n ≥ 1). */
function bitCeil(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** True when [start, end) is a subtree of the draft's kind: non-empty, start a multiple of the next power of two ≥ its width; never throws. */
export function isValidSubtree(start: number, end: number): boolean {
  return Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && start < end && start % bitCeil(end - start) === 0;
}

/** Checks a subtree consistency proof: the subtree [start, end) with hash `subtreeRoot` is part of the tree of `size` with `root`; the error says what does not hold. */
export function verifySubtreeConsistency(
  start: number,
  end: number,
  size: number,
  proof: readonly Uint8Array[],
  subtreeRoot: Uint8Array,
  root: Uint8Array,
): Result<true> {
  const problem =
    checkSize('start', start) ??
    checkSize('end', end) ??
    checkSize('size', size) ??
    (start > end ? `start ${start} is after end ${end}` : null) ??
    (end > size ? `end ${end} is beyond size ${size}` : null) ??
    checkHashes('proof', proof, MAX_CONSISTENCY_PROOF_LENGTH);
  if (problem !== null) return fail(`subtree consistency proof: ${problem}`);
  if (start === end) {
    // The empty subtree is in every tree; its hash is the empty tree's and it needs no proof.
    if (proof.length > 0) return fail('subtree consistency proof: the subtree is empty, so the proof must be empty');
    return bytesEqual(subtreeRoot, EMPTY_ROOT) ? OK : fail('subtree consistency proof: an empty subtree must have the empty-tree hash');
  }
  if (!isValidSubtree(start, end)) return fail(`subtree consistency proof: [${start}, ${end}) is not a valid subtree`);
  let fn = start;
  let sn = end - 1;
  let tn = size - 1;
  const up = (): void => {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
    tn = Math.floor(tn / 2);
  };
  // Climb to the lowest level the proof starts at: the subtree's own root when its right edge is the
  // tree's, else the highest complete subtree on its right edge.
  if (sn === tn) while (fn !== sn) up();
  else while (fn !== sn && sn % 2 === 1) up();
  let rest = proof;
  let fr: Uint8Array;
  if (fn === sn) {
    fr = subtreeRoot;
  } else {
    if (proof.length === 0) return fail('subtree consistency proof: empty proof for a subtree that is not a node of the tree');
    fr = proof[0]!;
    rest = proof.slice(1);
  }
  let sr = fr;
  try {
    for (const c of rest) {
      if (tn === 0) return fail('subtree consistency proof: longer than the tree is deep');
      if (sn % 2 === 1 || sn === tn) {
        if (fn < sn) fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        while (sn % 2 === 0 && sn !== 0) up();
      } else {
        sr = nodeHash(sr, c);
      }
      up();
    }
  } catch {
    return fail('subtree consistency proof: a hash is not 32 bytes');
  }
  if (tn !== 0) return fail('subtree consistency proof: shorter than the tree is deep');
  if (!bytesEqual(fr, subtreeRoot)) return fail('subtree consistency proof: the subtree hash does not match');
  return bytesEqual(sr, root) ? OK : fail('subtree consistency proof: the computed root does not match');
}

/** Checks a subtree inclusion proof of `leaf` at `index` in the subtree [start, end) with hash `subtreeRoot`; the error says what does not hold. */
export function verifySubtreeInclusion(
  leaf: Uint8Array,
  index: number,
  start: number,
  end: number,
  proof: readonly Uint8Array[],
  subtreeRoot: Uint8Array,
): Result<true> {
  if (!isValidSubtree(start, end)) return fail(`subtree inclusion proof: [${start}, ${end}) is not a valid subtree`);
  if (!Number.isSafeInteger(index) || index < start || index >= end) return fail(`subtree inclusion proof: index ${index} is not in [${start}, ${end})`);
  if (leaf.length !== HASH_SIZE) return fail(`subtree inclusion proof: leaf hash is ${leaf.length} bytes, not ${HASH_SIZE}`);
  if (subtreeRoot.length !== HASH_SIZE) return fail(`subtree inclusion proof: subtree hash is ${subtreeRoot.length} bytes, not ${HASH_SIZE}`);
  // Inclusion of a leaf is consistency of the one-leaf subtree with the subtree re-rooted at 0.
  const verdict = verifySubtreeConsistency(index - start, index - start + 1, end - start, proof, leaf, subtreeRoot);
  return verdict.ok ? OK : fail(verdict.error.replace('subtree consistency proof', 'subtree inclusion proof'));
}
