// Reading an input file for a CLI command, with a size limit and one-line errors naming the file
// (DESIGN.md, CLI: exit 2 for bad input). Every failure is a UsageError; commands let it through to main.
import { open, stat } from 'node:fs/promises';
import { UsageError } from './command.ts';

/** Options for readTextFile. */
export interface ReadTextOptions {
  /** Largest accepted file, in bytes. */
  limit: number;
  /** What the file is, for messages (`draft`, `transcript`). */
  what: string;
}

/** Options for readBinaryFile. */
export interface ReadBinaryOptions {
  /** Largest accepted file, in bytes. */
  limit: number;
  /** What the file is, for messages (`source`, `packet`); defaults to `file`. */
  what?: string;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** A size for people: `5 MiB (5242880 bytes)`; never throws. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${Number(value.toFixed(1))} ${units[unit]} (${bytes} bytes)`;
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, surrogates or code points above U+10FFFF), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

async function readBounded(file: string, limit: number, what: string): Promise<Uint8Array> {
  let size: number;
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new UsageError(`${file}: the ${what} is not a file${s.isDirectory() ? ' (it is a directory)' : ''}`);
    size = s.size;
  } catch (error: unknown) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file}: ${describeFsError(error)}`);
  }
  if (size > limit) throw new UsageError(`${file}: the ${what} is ${formatBytes(size)}; the limit is ${formatBytes(limit)}`);
  // Read at most limit + 1 bytes, so a file that grows after stat is still caught.
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = new Uint8Array(limit + 1);
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length > limit) throw new UsageError(`${file}: the ${what} is larger than the limit of ${formatBytes(limit)}`);
      }
      return buffer.slice(0, length);
    } finally {
      await handle.close();
    }
  } catch (error: unknown) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file}: ${describeFsError(error)}`);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot read it (permission denied)';
  if (code === 'EISDIR') return 'is a directory, not a file';
  return `cannot read it (${error instanceof Error ? error.message : String(error)})`;
}

/**
 * Reads a UTF-8 text file (a leading byte-order mark is dropped); throws UsageError naming the file when it
 * is missing, not a file, over `limit` bytes, empty or blank, binary (NUL bytes), UTF-16, or not valid UTF-8.
 */
export async function readTextFile(file: string, options: ReadTextOptions): Promise<string> {
  const { limit, what } = options;
  let bytes = await readBounded(file, limit, what);
  if (bytes.length === 0) throw new UsageError(`${file}: the ${what} is empty (0 bytes)`);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new UsageError(`${file}: the ${what} is UTF-16 text; save it as UTF-8`);
  }
  if (UTF8_BOM.every((b, i) => bytes[i] === b)) bytes = bytes.subarray(3);
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new UsageError(`${file}: the ${what} is a binary file (NUL byte at offset ${nul}), not text`);
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) throw new UsageError(`${file}: the ${what} is not valid UTF-8 (bad byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at offset ${bad})`);
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  if (text.trim() === '') throw new UsageError(`${file}: the ${what} is blank (only whitespace)`);
  return text;
}

/** Reads a file's bytes; throws UsageError naming the file when it is missing, not a file, empty or over `limit` bytes. */
export async function readBinaryFile(file: string, options: ReadBinaryOptions): Promise<Uint8Array> {
  const what = options.what ?? 'file';
  const bytes = await readBounded(file, options.limit, what);
  if (bytes.length === 0) throw new UsageError(`${file}: the ${what} is empty (0 bytes)`);
  return bytes;
}
