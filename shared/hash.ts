import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

const encoder = new TextEncoder();

/** SHA-256 of bytes, as lowercase hex; never throws. */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** SHA-256 of bytes, raw 32 bytes; never throws. */
export function sha256Bytes(bytes: Uint8Array): Uint8Array {
  return sha256(bytes);
}

/**
 * A synchronous SHA-256 implementation: bytes in, the raw 32-byte digest out. shared/ hashes with
 * @noble/hashes (pure JS, runs anywhere, including the offline verify page); code that hashes many
 * megabytes (packet manifests, source files) accepts one of these so a caller with a native hash (Node's
 * `crypto.createHash('sha256')`, several times faster) can pass it. It must compute exactly SHA-256.
 */
export type Sha256Function = (bytes: Uint8Array) => Uint8Array;

/**
 * A SHA-256 function that remembers the digest of each Uint8Array it was given (by identity), so one
 * operation that hashes the same file twice (a source checked, then listed in a manifest) pays once.
 * Only for the span of one synchronous or read-only operation: bytes mutated after being hashed would get
 * the stale digest. Never throws (unless `hash` does).
 */
export function memoizedSha256(hash: Sha256Function = sha256Bytes): Sha256Function {
  const seen = new WeakMap<Uint8Array, Uint8Array>();
  return (bytes) => {
    let digest = seen.get(bytes);
    if (!digest) {
      digest = hash(bytes);
      seen.set(bytes, digest);
    }
    return digest;
  };
}

/**
 * A SHA-256 function answering from digests computed beforehand, by identity of the bytes (a caller that
 * can hash asynchronously, as WebCrypto does, hashes the large files first), and hashing any other bytes
 * with `fallback`. The same contract as memoizedSha256: the known bytes must not change. Never throws
 * (unless `fallback` does).
 */
export function knownDigestsSha256(known: ReadonlyMap<Uint8Array, Uint8Array>, fallback: Sha256Function = sha256Bytes): Sha256Function {
  return (bytes) => known.get(bytes) ?? fallback(bytes);
}

/** UTF-8 bytes of a string; never throws. */
export function toUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Lowercase hex of bytes; never throws. */
export function toHex(bytes: Uint8Array): string {
  return bytesToHex(bytes);
}

/** Value of each hex digit by char code (0-9, a-f, A-F), -1 for other ASCII; codes ≥ 128 fall outside and are not hex either. */
const HEX_DIGITS: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < 16; i++) {
    table['0123456789abcdef'.charCodeAt(i)] = i;
    table['0123456789ABCDEF'.charCodeAt(i)] = i;
  }
  return table;
})();

/** Bytes of a lowercase or uppercase hex string; returns null when it is not even-length hex. */
export function fromHex(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = HEX_DIGITS[hex.charCodeAt(2 * i)] ?? -1;
    const lo = HEX_DIGITS[hex.charCodeAt(2 * i + 1)] ?? -1;
    if (hi < 0 || lo < 0) return null;
    out[i] = (hi << 4) | lo;
  }
  return out;
}
