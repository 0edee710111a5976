// Byte-level mutations shared by every importer: truncation, bit flips, insertions and deletions, random
// bytes, huge lines and deep nesting. Each takes the input's own Rng, so it is reproducible from (seed, index).
import type { Rng } from './prng.ts';

/** Length of a "huge line": 5 MB with no newline. */
export const HUGE_LINE_BYTES = 5 * 1024 * 1024;
/** Depth of the deep-nesting inputs (JSON arrays, brackets, quotes, tags). */
export const DEEP_NESTING = 100_000;
/** Most bits flipped in one bit-flipped copy. */
export const MAX_BIT_FLIPS = 32;

const enc = new TextEncoder();

/** UTF-8 bytes of a string; never throws. */
export function utf8(text: string): Uint8Array {
  return enc.encode(text);
}

/** The bytes cut at a random point (sometimes near the end, where truncation is subtle). */
export function truncate(rng: Rng, bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0) return bytes.slice();
  const cut = rng.chance(0.3) ? Math.max(0, bytes.length - 1 - rng.int(Math.min(64, bytes.length))) : rng.int(bytes.length);
  return bytes.slice(0, cut);
}

/** A copy with 1..MAX_BIT_FLIPS bits flipped (mostly few). */
export function flipBits(rng: Rng, bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  if (out.length === 0) return out;
  const flips = 1 + Math.floor(MAX_BIT_FLIPS * rng.next() ** 3);
  for (let i = 0; i < flips; i++) out[rng.int(out.length)]! ^= 1 << rng.int(8);
  return out;
}

/** A copy with 1..8 edits: deleted runs, random inserted runs, duplicated chunks or inserted format tokens. */
export function insertDelete(rng: Rng, bytes: Uint8Array, tokens: readonly string[]): Uint8Array {
  let out: Uint8Array = bytes.slice();
  const edits = rng.range(1, 8);
  for (let e = 0; e < edits; e++) {
    const at = rng.int(out.length + 1);
    const op = rng.int(4);
    let piece: Uint8Array;
    if (op === 0) {
      const n = rng.range(1, 64);
      out = concat(out.subarray(0, at), out.subarray(Math.min(out.length, at + n)));
      continue;
    } else if (op === 1) piece = rng.bytes(rng.range(1, 64));
    else if (op === 2) {
      const from = rng.int(out.length + 1);
      piece = out.slice(from, from + rng.range(1, 256));
      if (rng.chance(0.3)) piece = repeat(piece, rng.range(2, 50));
    } else piece = utf8(tokens.length > 0 ? rng.pick(tokens) : '\n');
    out = concat(out.subarray(0, at), piece, out.subarray(at));
  }
  return out;
}

/** Random bytes (mostly short, sometimes up to 256 KiB), optionally after a format's magic prefix. */
export function randomBytes(rng: Rng, magic: readonly string[]): Uint8Array {
  const n = rng.chance(0.85) ? rng.int(4096) : rng.int(256 * 1024);
  const body = rng.chance(0.5) ? rng.bytes(n) : asciiNoise(rng, n);
  return magic.length > 0 && rng.chance(0.5) ? concat(utf8(rng.pick(magic)), body) : body;
}

function asciiNoise(rng: Rng, n: number): Uint8Array {
  const alphabet = utf8(' \n\t.,:;"\'[]{}()<>-0123456789aeiouAEIOUxyz\\/#%“”‘’«»—');
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = alphabet[rng.int(alphabet.length)]!;
  return out;
}

/** A seed's head followed by HUGE_LINE_BYTES of one repeated unit and no newline. */
export function hugeLine(rng: Rng, seed: Uint8Array, units: readonly string[]): Uint8Array {
  const head = seed.subarray(0, rng.int(Math.min(seed.length, 400) + 1));
  const unit = utf8(rng.pick(units.length > 0 ? units : ['a']));
  return concat(head, repeatTo(unit, HUGE_LINE_BYTES));
}

/** `open` repeated `depth` times, then the middle, then `close` repeated (or not, when `unbalanced`). */
export function nested(open: string, close: string, depth: number, middle = '', unbalanced = false): Uint8Array {
  const o = repeatTo(utf8(open), open.length * depth);
  const c = unbalanced ? new Uint8Array(0) : repeatTo(utf8(close), close.length * depth);
  return concat(o, utf8(middle), c);
}

/** The bytes `unit` repeated to exactly `length` bytes; never throws. */
export function repeatTo(unit: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  if (unit.length === 0 || length === 0) return out;
  out.set(unit.subarray(0, Math.min(unit.length, length)));
  for (let filled = Math.min(unit.length, length); filled < length; filled *= 2) {
    out.copyWithin(filled, 0, Math.min(filled, length - filled));
  }
  return out;
}

function repeat(piece: Uint8Array, times: number): Uint8Array {
  return repeatTo(piece, piece.length * times);
}

/** The arrays joined; never throws. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
