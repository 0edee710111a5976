// Zip archives for the campaign: honest ones (fflate), hand-written ones whose headers lie, and zip bombs.
// A bomb is small on disk and in memory here: its deflate stream is a ~1 KB segment of zeros compressed
// with a full flush (byte-aligned, no back references across segments) repeated, so a stream that inflates
// to gigabytes is built by concatenation without ever holding the inflated bytes.
import { crc32, constants, deflateRawSync } from 'node:zlib';
import { zipSync, type Zippable } from 'fflate';
import { concat } from './mutate.ts';

/** One entry of a hand-written zip. */
export interface RawEntry {
  /** The name in both headers (unless `localName` differs). */
  name: string;
  /** The bytes as stored (already deflated when method is 8). */
  data: Uint8Array;
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
  /** CRC-32 of the inflated bytes. */
  crc: number;
  /** Inflated size written in the headers (may lie). */
  size: number;
  /** Compressed size written in the headers (defaults to data.length; may lie). */
  compressedSize?: number;
  /** Point the central record at another entry's local header (overlapping entries). */
  shareLocalOf?: number;
}

const u16 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff];
const u32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];

/** A zip written byte by byte from the entries, headers saying exactly what the entries say; never throws. */
export function rawZip(entries: readonly RawEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let at = 0;
  for (const e of entries) {
    if (e.shareLocalOf !== undefined) {
      offsets.push(offsets[e.shareLocalOf] ?? 0);
      continue;
    }
    const name = enc.encode(e.name);
    const header = Uint8Array.from([
      ...u32(0x04034b50), ...u16(20), ...u16(0x800), ...u16(e.method), ...u16(0), ...u16(0x21),
      ...u32(e.crc), ...u32(e.compressedSize ?? e.data.length), ...u32(e.size), ...u16(name.length), ...u16(0),
    ]);
    offsets.push(at);
    parts.push(header, name, e.data);
    at += header.length + name.length + e.data.length;
  }
  const cdStart = at;
  entries.forEach((e, i) => {
    const name = enc.encode(e.name);
    const rec = Uint8Array.from([
      ...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(0x800), ...u16(e.method), ...u16(0), ...u16(0x21),
      ...u32(e.crc), ...u32(e.compressedSize ?? e.data.length), ...u32(e.size), ...u16(name.length), ...u16(0), ...u16(0),
      ...u16(0), ...u16(0), ...u32(0), ...u32(offsets[i]!),
    ]);
    parts.push(rec, name);
    at += rec.length + name.length;
  });
  const eocd = Uint8Array.from([
    ...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(entries.length), ...u16(entries.length), ...u32(at - cdStart), ...u32(cdStart), ...u16(0),
  ]);
  return concat(...parts, eocd);
}

/** An honest zip of the files (fflate, deflated); never throws for valid names. */
export function zipFiles(files: Record<string, Uint8Array>): Uint8Array {
  const input: Zippable = {};
  for (const [name, bytes] of Object.entries(files)) input[name] = [bytes, { level: 6, mtime: new Date(1980, 0, 1) }];
  return zipSync(input);
}

const SEGMENT_BYTES = 1024 * 1024;
let zeroSegment: Uint8Array | null = null;
const crcCache = new Map<number, number>();

/** A raw deflate stream that inflates to `mebibytes` MiB of zero bytes, about 1 KB per MiB; never throws. */
export function zerosDeflated(mebibytes: number): Uint8Array {
  // Z_FULL_FLUSH ends the segment byte-aligned and resets the window: it can be repeated as is.
  zeroSegment ??= new Uint8Array(deflateRawSync(new Uint8Array(SEGMENT_BYTES), { level: 9, finishFlush: constants.Z_FULL_FLUSH }));
  const out = new Uint8Array(zeroSegment.length * mebibytes + 2);
  for (let i = 0; i < mebibytes; i++) out.set(zeroSegment, i * zeroSegment.length);
  out[out.length - 2] = 0x03; // a final, empty, fixed-Huffman block
  out[out.length - 1] = 0x00;
  return out;
}

/** CRC-32 of `mebibytes` MiB of zeros, computed a MiB at a time; never throws. */
export function zerosCrc(mebibytes: number): number {
  const cached = crcCache.get(mebibytes);
  if (cached !== undefined) return cached;
  const chunk = new Uint8Array(SEGMENT_BYTES);
  let crc = 0;
  for (let i = 0; i < mebibytes; i++) crc = crc32(chunk, crc);
  crcCache.set(mebibytes, crc);
  return crc;
}

/** A zip entry of `mebibytes` MiB of zeros, honest sizes (ratio about 1000:1). */
export function zeroEntry(name: string, mebibytes: number): RawEntry {
  const data = zerosDeflated(mebibytes);
  return { name, data, method: 8, crc: zerosCrc(mebibytes), size: mebibytes * SEGMENT_BYTES };
}

/** A deflated entry of real bytes with honest headers. */
export function deflatedEntry(name: string, bytes: Uint8Array): RawEntry {
  return { name, data: new Uint8Array(deflateRawSync(bytes)), method: 8, crc: crc32(bytes), size: bytes.length };
}
