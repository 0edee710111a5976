// BagIt 1.0 (RFC 8493) bags as zips: writing them deterministically, and reading them as a trust
// boundary. Reading never trusts the archive: every path, size and ratio is checked before a byte is
// inflated, and every problem is a message naming the entry.
import { Zip, deflateSync, inflateSync, type AsyncFlateStreamHandler, type ZipInputFile } from 'fflate';
import { crc32, type Crc32Function } from './crc32.ts';
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Sha256Function } from '../hash.ts';
import { err, ok, type Result } from '../types/result.ts';

/** The BagIt version this module writes. */
export const BAGIT_VERSION = '1.0';
/** BagIt versions the reader accepts; RFC 8493 defines 1.0 only, so earlier drafts are rejected as unknown. */
export const ACCEPTED_BAGIT_VERSIONS: readonly string[] = ['1.0'];
/** Most entries (files and folders) a bag may hold. */
export const MAX_BAG_ENTRIES = 200_000;
/** Largest single file in a bag, after inflating (bytes). */
export const MAX_BAG_ENTRY_BYTES = 1024 * 1024 * 1024;
/**
 * Largest total of all files in a bag, after inflating (bytes). Policy: a bag is read whole into memory
 * (the zip's bytes plus every inflated file, in the renderer, the CLI and the verify page in a browser
 * tab), so the total held at once is capped at 1 GiB; the writer refuses to make a bag over it, so every
 * packet the app writes can be read back. A zip may not share compressed bytes between entries (see
 * openBagZip), so this limit and MAX_COMPRESSION_RATIO together bound what a small zip can make us hold.
 */
export const MAX_BAG_TOTAL_BYTES = 1024 * 1024 * 1024;
/** Largest tag file (bagit.txt, bag-info.txt, manifests, fetch.txt) the reader parses (bytes). */
export const MAX_TAG_FILE_BYTES = 64 * 1024 * 1024;
/** Highest inflated/compressed size ratio accepted for an entry: beyond it the entry is treated as a zip bomb. */
export const MAX_COMPRESSION_RATIO = 200;
/** Entries smaller than this (inflated bytes) are exempt from the ratio check: tiny files compress absurdly well. */
export const COMPRESSION_RATIO_MIN_BYTES = 1024 * 1024;
/** Longest entry path accepted (characters). */
export const MAX_BAG_PATH_CHARS = 1024;
/** Modification time written on every zip entry, so the same content gives the same bytes (local fields: 1980-01-01 00:00). */
export const ZIP_ENTRY_MTIME = new Date(1980, 0, 1, 0, 0, 0);
/** The checksum algorithm of the manifests this module writes. */
export const BAG_CHECKSUM_ALGORITHM = 'sha256';

/** Checksum functions the reader can check, by BagIt algorithm name (RFC 8493 §2.4). */
export const BAG_CHECKSUMS: Readonly<Record<string, (bytes: Uint8Array) => Uint8Array>> = {
  md5,
  sha1,
  sha224,
  sha256,
  sha384,
  sha512,
};
/** Algorithms that no longer resist collisions; a bag whose manifests use only these gets a warning. */
export const WEAK_BAG_CHECKSUMS: readonly string[] = ['md5', 'sha1'];
/** bag-info.txt labels reserved by RFC 8493 §2.2.2; other labels get a warning unless the caller expects them. */
export const RESERVED_BAG_INFO_LABELS: readonly string[] = [
  'Source-Organization',
  'Organization-Address',
  'Contact-Name',
  'Contact-Phone',
  'Contact-Email',
  'External-Description',
  'Bagging-Date',
  'External-Identifier',
  'Bag-Size',
  'Payload-Oxum',
  'Bag-Group-Identifier',
  'Bag-Count',
  'Internal-Sender-Identifier',
  'Internal-Sender-Description',
  'BagIt-Profile-Identifier',
  'Bag-Software-Agent',
];
/** bag-info.txt labels that RFC 8493 says must not be repeated. */
const NON_REPEATABLE_LABELS = ['Bagging-Date', 'Bag-Size', 'Payload-Oxum', 'Bag-Group-Identifier', 'Bag-Count', 'BagIt-Profile-Identifier'];

// ---------------------------------------------------------------------------------------------------
// Paths

/** Percent-encodes a bag path for a manifest line (RFC 8493 §2.1.3: CR, LF and `%` only); never throws. */
export function encodeBagPath(path: string): string {
  return path.replace(/%/g, '%25').replace(/\n/g, '%0A').replace(/\r/g, '%0D');
}

/** Decodes a manifest path (only `%0A`, `%0D`, `%25`, any case; other `%` sequences stay literal); never throws. */
export function decodeBagPath(encoded: string): string {
  return encoded.replace(/%(0A|0D|25)/gi, (m) => (m.toUpperCase() === '%0A' ? '\n' : m.toUpperCase() === '%0D' ? '\r' : '%'));
}

/** Why a bag-relative path is unsafe (`..`, absolute, backslash, drive letter, `~`, empty segment, control character), or null when it is safe. */
export function unsafePathReason(path: string): string | null {
  if (path.length === 0) return 'is empty';
  if (path.length > MAX_BAG_PATH_CHARS) return `is longer than ${MAX_BAG_PATH_CHARS} characters`;
  if (path.startsWith('/')) return 'is an absolute path';
  if (path.includes('\\')) return 'contains a backslash';
  if (/^[A-Za-z]:/.test(path)) return 'starts with a drive letter';
  if (path.startsWith('~')) return 'starts with a home-directory shortcut (~)';
  if (/^%[A-Za-z]+%/.test(path)) return 'starts with an environment-variable shortcut';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'contains a control character';
  const segments = path.split('/');
  if (segments.includes('..')) return 'contains a ".." segment';
  if (segments.includes('.')) return 'contains a "." segment';
  if (segments.slice(0, -1).includes('')) return 'contains an empty segment';
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Writing

/** One file to put in a bag. */
export interface BagFileInput {
  /** Path inside the bag, e.g. `data/packet.json` (payload) or `verify.html` (a tag file at the root). */
  path: string;
  /** The file's bytes. */
  bytes: Uint8Array;
  /** False for already-compressed files (PDF, audio): stored instead of deflated. Default true. */
  compress?: boolean;
}

/** bag-info.txt values written with a bag; Bagging-Date and Payload-Oxum are computed. */
export interface BagInfo {
  /** Bagging-Date as `YYYY-MM-DD`. */
  baggingDate: string;
  /** Bag-Software-Agent, e.g. `Provenance Desk 0.1.0`. */
  softwareAgent: string;
  /** External-Description: one line a person reads. */
  externalDescription: string;
  /** External-Identifier, e.g. the workspace id, or null. */
  externalIdentifier?: string | null;
  /** Further labels, written in order after the reserved ones. */
  extra?: [label: string, value: string][];
}

/** How far writing has come: bytes done of bytes to do, and the file being worked on. */
export interface BagProgress {
  /** Bytes hashed and compressed so far (each file counts twice: hash, then zip). */
  done: number;
  /** Bytes to process in all. */
  total: number;
  /** The file being processed. */
  path: string;
}

/** Thrown by writeBag for a path that cannot be bagged (unsafe, duplicate, outside data/ where payload was meant). */
export class BagWriteError extends Error {
  override name = 'BagWriteError';
}

const encoder = new TextEncoder();

function bagInfoText(info: BagInfo, oxum: string): string {
  const lines: [string, string][] = [
    ['Bag-Software-Agent', info.softwareAgent],
    ['Bagging-Date', info.baggingDate],
    ['External-Description', info.externalDescription],
  ];
  if (info.externalIdentifier) lines.push(['External-Identifier', info.externalIdentifier]);
  lines.push(['Payload-Oxum', oxum]);
  for (const pair of info.extra ?? []) lines.push(pair);
  return lines.map(([label, value]) => `${label}: ${value.replace(/\r?\n/g, ' ')}\n`).join('');
}

function manifestText(entries: { path: string; bytes: Uint8Array }[], hash: Sha256Function): string {
  return entries.map((e) => `${bytesToHex(hash(e.bytes))}  ${encodeBagPath(e.path)}\n`).join('');
}

/** Options of writeBag. */
export interface WriteBagOptions {
  /** The SHA-256 the manifests are computed with (default @noble/hashes; Node callers may pass a native one, see Sha256Function). */
  sha256?: Sha256Function;
  /** The zip entries' CRC-32 (default the pure-JS crc32.ts; Node callers may pass zlib's, the same numbers). */
  crc32?: Crc32Function;
}

/** The complete bag (files in zip order: tag files, then payload, then extra tag files) without zipping; throws BagWriteError for an unsafe or duplicate path. */
export function layOutBag(files: BagFileInput[], info: BagInfo, onHashed?: (path: string, bytes: number) => void, hash: Sha256Function = sha256): BagFileInput[] {
  const seen = new Set<string>();
  for (const f of files) {
    const reason = unsafePathReason(f.path);
    if (reason) throw new BagWriteError(`cannot bag "${f.path}": the path ${reason}`);
    if (seen.has(f.path.toLowerCase())) throw new BagWriteError(`cannot bag "${f.path}": another file has the same path (ignoring case)`);
    seen.add(f.path.toLowerCase());
    if (['bagit.txt', 'bag-info.txt', 'fetch.txt'].includes(f.path) || /^(tag)?manifest-[^/]+\.txt$/.test(f.path)) {
      throw new BagWriteError(`cannot bag "${f.path}": the name is reserved for BagIt tag files`);
    }
  }
  const payload = files.filter((f) => f.path.startsWith('data/')).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const tags = files.filter((f) => !f.path.startsWith('data/')).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const octets = payload.reduce((n, f) => n + f.bytes.length, 0);
  for (const f of [...payload, ...tags]) onHashed?.(f.path, f.bytes.length);
  const bagit: BagFileInput = { path: 'bagit.txt', bytes: encoder.encode(`BagIt-Version: ${BAGIT_VERSION}\nTag-File-Character-Encoding: UTF-8\n`) };
  const bagInfo: BagFileInput = { path: 'bag-info.txt', bytes: encoder.encode(bagInfoText(info, `${octets}.${payload.length}`)) };
  const manifest: BagFileInput = { path: `manifest-${BAG_CHECKSUM_ALGORITHM}.txt`, bytes: encoder.encode(manifestText(payload, hash)) };
  const tagged = [bagit, bagInfo, manifest, ...tags];
  const tagManifest: BagFileInput = { path: `tagmanifest-${BAG_CHECKSUM_ALGORITHM}.txt`, bytes: encoder.encode(manifestText(tagged, hash)) };
  return [bagit, bagInfo, manifest, tagManifest, ...payload, ...tags];
}

/** Deflate level of the compressed entries (fflate's default balance of size and speed). */
export const ZIP_DEFLATE_LEVEL = 6;

/**
 * One zip entry whose bytes (stored or already deflated), size and CRC-32 are known before it is added,
 * through fflate's public ZipInputFile interface: fflate's own entry streams compute the checksum a byte
 * at a time, which was a fifth of an export's time on large source files.
 */
class ReadyZipEntry implements ZipInputFile {
  ondata?: AsyncFlateStreamHandler;
  readonly mtime = ZIP_ENTRY_MTIME;
  constructor(
    readonly filename: string,
    readonly size: number,
    readonly crc: number,
    readonly compression: 0 | 8,
    private readonly data: Uint8Array,
  ) {}
  /** Hands the bytes to the zip (after Zip.add has set ondata). */
  emit(): void {
    // fflate's handler type asks for an ArrayBuffer-backed array; the zip only copies the bytes out.
    this.ondata!(null, this.data as Uint8Array<ArrayBuffer>, true);
  }
}

/** Zips files deterministically (fixed mtime, fixed order as given); throws BagWriteError on a zip failure. */
export function zipFiles(files: BagFileInput[], onFile?: (path: string, bytes: number) => void, checksum: Crc32Function = crc32): Uint8Array {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  for (const f of files) {
    const stored = f.compress === false;
    const entry = new ReadyZipEntry(f.path, f.bytes.length, checksum(f.bytes), stored ? 0 : 8, stored ? f.bytes : deflateSync(f.bytes, { level: ZIP_DEFLATE_LEVEL }));
    zip.add(entry);
    entry.emit();
    onFile?.(f.path, f.bytes.length);
  }
  zip.end();
  if (failure) throw new BagWriteError(`zipping failed: ${(failure as Error).message}`);
  const size = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Writes a BagIt 1.0 bag as a zip (same files and info give the same bytes); throws BagWriteError for an unsafe, duplicate or reserved path or files over MAX_BAG_TOTAL_BYTES. */
export function writeBag(files: BagFileInput[], info: BagInfo, onProgress?: (p: BagProgress) => void, options: WriteBagOptions = {}): Uint8Array {
  const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
  // A bag the reader would refuse is not written (MAX_BAG_TOTAL_BYTES; the generated tag files are small).
  if (bytes > MAX_BAG_TOTAL_BYTES) {
    throw new BagWriteError(`cannot bag ${bytes} bytes of files: a bag may hold at most ${MAX_BAG_TOTAL_BYTES} bytes in all (leave the source files out, or split the workspace)`);
  }
  const total = 2 * bytes;
  let done = 0;
  const tick = (path: string, bytes: number): void => {
    done += bytes;
    onProgress?.({ done: Math.min(done, total), total, path });
  };
  const laidOut = layOutBag(files, info, tick, options.sha256);
  const given = new Set(files.map((f) => f.path));
  // The generated tag files are tiny and not in the byte count; every given file counts once for zipping.
  return zipFiles(
    laidOut,
    (path, bytes) => {
      if (given.has(path)) tick(path, bytes);
    },
    options.crc32,
  );
}

// ---------------------------------------------------------------------------------------------------
// Opening (the trust boundary): a zip or a folder's files become a checked map of path → bytes

/** A bag's files after the trust-boundary checks: safe, unique, bounded paths (bag-relative, `/`-separated). */
export interface OpenedBag {
  /** Every file, by bag-relative path (folders are not listed). */
  files: Map<string, Uint8Array>;
}

/** A folder read from disk or dropped in a browser: file bytes by relative path, plus any symbolic links found. */
export interface FolderInput {
  /** File bytes by path relative to the folder, `/`-separated. */
  files: Map<string, Uint8Array>;
  /** Relative paths of symbolic links (or other non-regular entries) met while reading; any one is rejected. */
  links?: string[];
}

const decoderUtf8 = new TextDecoder('utf-8', { fatal: true });
const decoderLatin1 = new TextDecoder('latin1');

function u16(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}
function u32(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16) | ((b[at + 3] ?? 0) << 24)) >>> 0;
}

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  isDirectory: boolean;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const MSDOS_DIRECTORY = 0x10;

/** Checks a path's safety and uniqueness (exact and ignoring case); returns an error message naming it, or null. */
function checkEntryPath(path: string, what: string, seen: Map<string, string>): string | null {
  const reason = unsafePathReason(path.endsWith('/') ? path.slice(0, -1) : path);
  if (reason) return `${what} "${path}" ${reason}`;
  const key = path.normalize('NFC').toLowerCase();
  const prior = seen.get(key);
  if (prior !== undefined) {
    return prior === path ? `${what} "${path}" appears twice` : `${what} "${path}" duplicates "${prior}" (ignoring case or Unicode normalization)`;
  }
  seen.set(key, path);
  return null;
}

function parseCentralDirectory(zip: Uint8Array): Result<CentralEntry[]> {
  // The end-of-central-directory record is at most 22 + 65535 bytes from the end.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (u32(zip, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return err('the file is not a zip archive (no end-of-central-directory record)');
  const count = u16(zip, eocd + 10);
  const cdSize = u32(zip, eocd + 12);
  const cdOffset = u32(zip, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) return err('the zip uses ZIP64, which packets never need; refusing it');
  if (u16(zip, eocd + 4) !== 0 || u16(zip, eocd + 6) !== 0 || u16(zip, eocd + 8) !== count) return err('multi-disk zip archives are not supported');
  if (count > MAX_BAG_ENTRIES) return err(`the zip has ${count} entries, more than the limit of ${MAX_BAG_ENTRIES}`);
  if (cdOffset + cdSize > eocd) return err('the zip central directory lies outside the file');
  const entries: CentralEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || u32(zip, at) !== 0x02014b50) return err(`zip central directory entry ${i + 1} is corrupt`);
    const madeBy = u16(zip, at + 4) >> 8;
    const flags = u16(zip, at + 8);
    const method = u16(zip, at + 10);
    const compressedSize = u32(zip, at + 20);
    const size = u32(zip, at + 24);
    const nameLength = u16(zip, at + 28);
    const extraLength = u16(zip, at + 30);
    const commentLength = u16(zip, at + 32);
    const externalAttrs = u32(zip, at + 38);
    const localOffset = u32(zip, at + 42);
    const nameBytes = zip.subarray(at + 46, at + 46 + nameLength);
    let name: string;
    try {
      name = flags & 0x800 ? decoderUtf8.decode(nameBytes) : /^[\x20-\x7e]*$/.test(decoderLatin1.decode(nameBytes)) ? decoderLatin1.decode(nameBytes) : decoderUtf8.decode(nameBytes);
    } catch {
      return err(`zip entry ${i + 1} has a name that is not valid UTF-8`);
    }
    const unixMode = madeBy === 3 ? externalAttrs >>> 16 : 0;
    const fileType = unixMode & S_IFMT;
    if (unixMode !== 0 && fileType !== S_IFREG && fileType !== S_IFDIR) {
      return err(`zip entry "${name}" is a symbolic link or special file (mode ${unixMode.toString(8)}); packets hold regular files only`);
    }
    const isDirectory = name.endsWith('/') || fileType === S_IFDIR || (madeBy !== 3 && (externalAttrs & MSDOS_DIRECTORY) !== 0);
    if (flags & 0x1) return err(`zip entry "${name}" is encrypted`);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) return err(`zip entry "${name}" uses ZIP64 sizes; refusing it`);
    entries.push({ name, method, flags, compressedSize, size, localOffset, isDirectory });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return ok(entries);
}

/** Opens a zip as a bag's files, checking paths, links, duplicates, sizes and ratios before inflating; returns an error naming the entry. */
export function openBagZip(zip: Uint8Array): Result<OpenedBag> {
  const parsed = parseCentralDirectory(zip);
  if (!parsed.ok) return parsed;
  const seen = new Map<string, string>();
  let total = 0;
  for (const e of parsed.value) {
    const pathProblem = checkEntryPath(e.name, 'zip entry', seen);
    if (pathProblem) return err(pathProblem);
    if (e.isDirectory) continue;
    if (e.method !== 0 && e.method !== 8) return err(`zip entry "${e.name}" uses compression method ${e.method}; only stored and deflated entries are read`);
    if (e.size > MAX_BAG_ENTRY_BYTES) return err(`zip entry "${e.name}" declares ${e.size} bytes, more than the limit of ${MAX_BAG_ENTRY_BYTES}`);
    if (e.method === 0 && e.compressedSize !== e.size) return err(`zip entry "${e.name}" is stored but its sizes disagree`);
    if (e.size >= COMPRESSION_RATIO_MIN_BYTES && e.size > MAX_COMPRESSION_RATIO * Math.max(1, e.compressedSize)) {
      return err(`zip entry "${e.name}" would inflate ${e.compressedSize} bytes to ${e.size} (ratio above ${MAX_COMPRESSION_RATIO}): refusing a possible zip bomb`);
    }
    total += e.size;
    if (total > MAX_BAG_TOTAL_BYTES) return err(`zip entry "${e.name}" takes the inflated total past the limit of ${MAX_BAG_TOTAL_BYTES} bytes`);
  }
  // Entries' data cannot share bytes: a directory whose entries all point at one compressed stream passes
  // each entry's ratio check yet inflates the stream once per entry (a 1 MB zip to gigabytes).
  let compressed = 0;
  for (const e of parsed.value) {
    compressed += e.compressedSize;
    if (compressed > zip.length) {
      return err(`zip entry "${e.name}" overlaps other entries (their compressed sizes add up to more than the ${zip.length}-byte archive): refusing a possible zip bomb`);
    }
  }
  // Folders are implied by file paths; a file whose path is also used as a folder is ambiguous.
  const filePaths = new Set(parsed.value.filter((e) => !e.isDirectory).map((e) => e.name));
  for (const p of filePaths) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      if (filePaths.has(folder)) return err(`zip entry "${folder}" is a file but "${p}" uses it as a folder`);
    }
  }
  // Where each entry's data is, checked before anything is inflated: inside the archive and not overlapping another's.
  const spans: { e: CentralEntry; lo: number; start: number; end: number }[] = [];
  for (const e of parsed.value) {
    if (e.isDirectory) continue;
    const lo = e.localOffset;
    if (lo + 30 > zip.length || u32(zip, lo) !== 0x04034b50) return err(`zip entry "${e.name}" has no local header where the directory says`);
    const start = lo + 30 + u16(zip, lo + 26) + u16(zip, lo + 28);
    const end = start + e.compressedSize;
    if (end > zip.length) return err(`zip entry "${e.name}" runs past the end of the archive`);
    spans.push({ e, lo, start, end });
  }
  const byOffset = [...spans].sort((a, b) => a.lo - b.lo);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1]!;
    const cur = byOffset[i]!;
    if (cur.lo < prev.end) return err(`zip entry "${cur.e.name}" overlaps the data of zip entry "${prev.e.name}": refusing a possible zip bomb`);
  }
  const files = new Map<string, Uint8Array>();
  for (const { e, start, end } of spans) {
    const raw = zip.subarray(start, end);
    let bytes: Uint8Array;
    if (e.method === 0) bytes = raw.slice();
    else {
      try {
        // One byte of headroom reveals a stream that inflates to more than it declared, while bounding the output.
        bytes = inflateSync(raw, { out: new Uint8Array(e.size + 1) });
      } catch (error: unknown) {
        return err(`zip entry "${e.name}" cannot be inflated: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (bytes.length !== e.size) return err(`zip entry "${e.name}" inflates to a different size than the ${e.size} bytes it declares`);
    files.set(e.name, bytes);
  }
  return ok({ files });
}

/** Opens an unzipped folder's files as a bag, with the same path, link, duplicate and size checks as a zip; returns an error naming the file. */
export function openBagFolder(folder: FolderInput): Result<OpenedBag> {
  const link = folder.links?.[0];
  if (link !== undefined) return err(`"${link}" is a symbolic link or special file; packets hold regular files only`);
  if (folder.files.size > MAX_BAG_ENTRIES) return err(`the folder has ${folder.files.size} files, more than the limit of ${MAX_BAG_ENTRIES}`);
  const seen = new Map<string, string>();
  let total = 0;
  for (const [path, bytes] of folder.files) {
    const problem = checkEntryPath(path, 'file', seen);
    if (problem) return err(problem);
    if (bytes.length > MAX_BAG_ENTRY_BYTES) return err(`file "${path}" has ${bytes.length} bytes, more than the limit of ${MAX_BAG_ENTRY_BYTES}`);
    total += bytes.length;
    if (total > MAX_BAG_TOTAL_BYTES) return err(`file "${path}" takes the total past the limit of ${MAX_BAG_TOTAL_BYTES} bytes`);
  }
  return ok({ files: new Map(folder.files) });
}

// ---------------------------------------------------------------------------------------------------
// Validating (RFC 8493 §3): structure, completeness and fixity

/** A manifest entry: the checksum a file must have. */
export interface ManifestEntry {
  /** Bag-relative path, decoded. */
  path: string;
  /** Lowercase hex checksum. */
  checksum: string;
}

/** A bag that passed validation, with its warnings. */
export interface ValidBag {
  /** BagIt-Version from bagit.txt. */
  version: string;
  /** Tag-File-Character-Encoding from bagit.txt. */
  encoding: string;
  /** bag-info.txt labels and values in order (empty when the file is absent). */
  info: [label: string, value: string][];
  /** Payload manifests by algorithm. */
  manifests: Map<string, ManifestEntry[]>;
  /** Tag manifests by algorithm. */
  tagManifests: Map<string, ManifestEntry[]>;
  /** Every file, by path. */
  files: Map<string, Uint8Array>;
  /** Things a person should know that do not make the bag invalid. */
  warnings: string[];
}

/** Options of validateBag. */
export interface ValidateBagOptions {
  /** bag-info.txt labels the caller expects besides the reserved ones (no warning for them). */
  knownInfoLabels?: readonly string[];
  /** Reject fetch.txt (a packet must be complete; it never fetches over the network). Default false. */
  forbidFetch?: boolean;
  /** The SHA-256 that sha256 manifests are checked with (default @noble/hashes; Node callers may pass a native one, see Sha256Function). */
  sha256?: Sha256Function;
}

/** Outcome of validateBag: the bag, or every error found, with the warnings either way. */
export type BagValidation = { ok: true; bag: ValidBag } | { ok: false; errors: string[]; warnings: string[] };

function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function decodeTag(bytes: Uint8Array, encoding: string, name: string): Result<string> {
  if (bytes.length > MAX_TAG_FILE_BYTES) return err(`${name} has ${bytes.length} bytes, more than the tag-file limit of ${MAX_TAG_FILE_BYTES}`);
  let decoder: { decode(input: Uint8Array): string };
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    return err(`${name}: unknown Tag-File-Character-Encoding "${encoding}"`);
  }
  try {
    return ok(decoder.decode(bytes));
  } catch {
    return err(`${name} is not valid ${encoding}`);
  }
}

function parseBagitTxt(bytes: Uint8Array): Result<{ version: string; encoding: string }> {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return err('bagit.txt starts with a byte-order mark, which RFC 8493 forbids');
  if (bytes.length > MAX_TAG_FILE_BYTES) return err('bagit.txt is too large');
  let text: string;
  try {
    text = decoderUtf8.decode(bytes);
  } catch {
    return err('bagit.txt is not valid UTF-8');
  }
  const lines = splitLines(text);
  const versionLine = /^BagIt-Version: ([0-9]+)\.([0-9]+)$/.exec(lines[0] ?? '');
  if (!versionLine) return err(`bagit.txt line 1 must be "BagIt-Version: M.N", found "${(lines[0] ?? '').slice(0, 80)}"`);
  const encodingLine = /^Tag-File-Character-Encoding: (\S+)$/.exec(lines[1] ?? '');
  if (!encodingLine) return err(`bagit.txt line 2 must be "Tag-File-Character-Encoding: ENCODING", found "${(lines[1] ?? '').slice(0, 80)}"`);
  if (lines.length > 2) return err(`bagit.txt has ${lines.length} lines; it must have exactly two`);
  const version = `${versionLine[1]}.${versionLine[2]}`;
  if (!ACCEPTED_BAGIT_VERSIONS.includes(version)) {
    return err(`bagit.txt: unsupported BagIt version ${version} (this reader accepts ${ACCEPTED_BAGIT_VERSIONS.join(', ')})`);
  }
  return ok({ version, encoding: encodingLine[1]! });
}

function parseManifest(text: string, name: string, algorithm: string, errors: string[], warnings: string[]): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  const byPath = new Map<string, string>();
  const byFolded = new Map<string, string>();
  const hexLength = (BAG_CHECKSUMS[algorithm]?.(new Uint8Array(0)).length ?? 0) * 2;
  let binaryMarkerWarned = false;
  splitLines(text).forEach((line, i) => {
    if (line.trim() === '') return;
    const m = /^([0-9a-fA-F]+)[ \t]+(.+)$/.exec(line);
    if (!m) {
      errors.push(`${name} line ${i + 1} is not "CHECKSUM FILEPATH"`);
      return;
    }
    const checksum = m[1]!.toLowerCase();
    let rawPath = m[2]!;
    if (hexLength > 0 && checksum.length !== hexLength) {
      errors.push(`${name} line ${i + 1}: a ${algorithm} checksum has ${hexLength} hex digits, found ${checksum.length}`);
      return;
    }
    if (rawPath.startsWith('*')) {
      if (!binaryMarkerWarned) warnings.push(`${name} uses md5sum's "*" binary-mode marker (line ${i + 1}); it is not part of the path`);
      binaryMarkerWarned = true;
      rawPath = rawPath.slice(1);
    }
    if (rawPath.startsWith('./')) {
      warnings.push(`${name} line ${i + 1}: path "${rawPath}" starts with "./"`);
      rawPath = rawPath.slice(2);
    }
    const path = decodeBagPath(rawPath);
    const reason = unsafePathReason(path);
    if (reason) {
      errors.push(`${name} line ${i + 1}: path "${rawPath}" ${reason}`);
      return;
    }
    if (byPath.has(path)) {
      errors.push(`${name} lists "${path}" more than once${byPath.get(path) === checksum ? '' : ' with different checksums'}`);
      return;
    }
    const folded = path.normalize('NFC').toLowerCase();
    const prior = byFolded.get(folded);
    if (prior !== undefined) warnings.push(`${name} lists "${path}" and "${prior}", which differ only in case or Unicode normalization`);
    byFolded.set(folded, path);
    byPath.set(path, checksum);
    entries.push({ path, checksum });
  });
  return entries;
}

function parseBagInfo(text: string, errors: string[]): [string, string][] {
  const out: [string, string][] = [];
  splitLines(text).forEach((line, i) => {
    if (/^[ \t]/.test(line)) {
      const last = out[out.length - 1];
      if (!last) errors.push(`bag-info.txt line ${i + 1} continues a value but no label precedes it`);
      else last[1] += ` ${line.trim()}`;
      return;
    }
    const m = /^([^:\s][^:]*?):[ \t]*(.*)$/.exec(line);
    if (!m || /\s$/.test(m[1]!)) {
      errors.push(`bag-info.txt line ${i + 1} is not "Label: value"`);
      return;
    }
    out.push([m[1]!, m[2]!]);
  });
  return out;
}

/** Validates an opened bag (RFC 8493 §3: bagit.txt, manifests, completeness, fixity, Payload-Oxum, fetch.txt); collects every error naming the file, never throws. */
export function validateBag(opened: OpenedBag, options: ValidateBagOptions = {}): BagValidation {
  const errors: string[] = [];
  const warnings: string[] = [];
  const fail = (): BagValidation => ({ ok: false, errors, warnings });
  const files = opened.files;
  const bagitBytes = files.get('bagit.txt');
  if (!bagitBytes) {
    errors.push('bagit.txt is missing: this is not a bag');
    return fail();
  }
  const declared = parseBagitTxt(bagitBytes);
  if (!declared.ok) {
    errors.push(declared.error);
    return fail();
  }
  const { version, encoding } = declared.value;
  if (encoding.toUpperCase() !== 'UTF-8') warnings.push(`bagit.txt declares tag files in ${encoding}; UTF-8 is recommended`);

  const manifests = new Map<string, ManifestEntry[]>();
  const tagManifests = new Map<string, ManifestEntry[]>();
  for (const [path, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const m = /^(tag)?manifest-([^/]+)\.txt$/.exec(path);
    if (!m) continue;
    const algorithm = m[2]!;
    if (!BAG_CHECKSUMS[algorithm]) {
      warnings.push(`${path}: unknown checksum algorithm "${algorithm}"; its entries are not checked`);
      continue;
    }
    const text = decodeTag(bytes, encoding, path);
    if (!text.ok) {
      errors.push(text.error);
      continue;
    }
    const entries = parseManifest(text.value, path, algorithm, errors, warnings);
    (m[1] ? tagManifests : manifests).set(algorithm, entries);
  }
  if (manifests.size === 0) errors.push('no payload manifest (manifest-ALGORITHM.txt) with a known algorithm');
  if (tagManifests.size === 0) warnings.push('no tag manifest (tagmanifest-ALGORITHM.txt): tag files are not protected by checksums');
  const algorithms = [...manifests.keys(), ...tagManifests.keys()];
  if (algorithms.length > 0 && algorithms.every((a) => WEAK_BAG_CHECKSUMS.includes(a))) {
    warnings.push(`manifests use only ${[...new Set(algorithms)].join(' and ')}, which no longer resist forgery; sha256 or sha512 is recommended`);
  }

  // fetch.txt: files to be fetched may be absent (a "holey" bag), but their paths must be safe.
  const fetchable = new Set<string>();
  const fetchBytes = files.get('fetch.txt');
  if (fetchBytes) {
    if (options.forbidFetch) errors.push('fetch.txt is present: this bag must be complete and is never fetched over the network');
    const text = decodeTag(fetchBytes, encoding, 'fetch.txt');
    if (!text.ok) errors.push(text.error);
    else {
      splitLines(text.value).forEach((line, i) => {
        const m = /^(\S+)[ \t]+(\d+|-)[ \t]+(.+)$/.exec(line);
        if (!m) {
          errors.push(`fetch.txt line ${i + 1} is not "URL LENGTH FILEPATH"`);
          return;
        }
        const path = decodeBagPath(m[3]!);
        const reason = unsafePathReason(path);
        if (reason) errors.push(`fetch.txt line ${i + 1}: path "${m[3]}" ${reason}`);
        else if (!path.startsWith('data/')) errors.push(`fetch.txt line ${i + 1}: path "${path}" is outside data/`);
        else fetchable.add(path);
      });
      if (fetchable.size > 0) warnings.push(`the bag is incomplete until the ${fetchable.size} file(s) in fetch.txt are fetched`);
    }
  }

  // Completeness: every payload file in every payload manifest; every listed file present.
  const payloadFiles = [...files.keys()].filter((p) => p.startsWith('data/'));
  for (const [algorithm, entries] of manifests) {
    const name = `manifest-${algorithm}.txt`;
    const listed = new Set(entries.map((e) => e.path));
    for (const e of entries) {
      if (!e.path.startsWith('data/')) errors.push(`${name} lists "${e.path}", which is outside the payload folder data/`);
    }
    for (const p of payloadFiles) if (!listed.has(p)) errors.push(`payload file "${p}" is not listed in ${name}`);
  }
  for (const [algorithm, entries] of tagManifests) {
    for (const e of entries) {
      if (e.path.startsWith('data/')) errors.push(`tagmanifest-${algorithm}.txt lists payload file "${e.path}"`);
    }
  }

  // Fixity.
  for (const [kind, set] of [['manifest', manifests], ['tagmanifest', tagManifests]] as const) {
    for (const [algorithm, entries] of set) {
      const hash = algorithm === 'sha256' && options.sha256 ? options.sha256 : BAG_CHECKSUMS[algorithm]!;
      for (const e of entries) {
        const bytes = files.get(e.path);
        if (!bytes) {
          if (!fetchable.has(e.path)) errors.push(`"${e.path}" is listed in ${kind}-${algorithm}.txt but missing from the bag`);
          continue;
        }
        const actual = bytesToHex(hash(bytes));
        if (actual !== e.checksum) errors.push(`"${e.path}" does not match its ${algorithm} checksum in ${kind}-${algorithm}.txt`);
      }
    }
  }

  // bag-info.txt: optional; labels parsed, Payload-Oxum checked.
  let info: [string, string][] = [];
  const infoBytes = files.get('bag-info.txt');
  if (infoBytes) {
    const text = decodeTag(infoBytes, encoding, 'bag-info.txt');
    if (!text.ok) errors.push(text.error);
    else {
      info = parseBagInfo(text.value, errors);
      const known = new Set([...RESERVED_BAG_INFO_LABELS, ...(options.knownInfoLabels ?? [])].map((l) => l.toLowerCase()));
      const counts = new Map<string, number>();
      for (const [label] of info) counts.set(label.toLowerCase(), (counts.get(label.toLowerCase()) ?? 0) + 1);
      for (const [label, count] of counts) {
        if (!known.has(label)) warnings.push(`bag-info.txt: unknown label "${label}"`);
        if (count > 1 && NON_REPEATABLE_LABELS.some((l) => l.toLowerCase() === label)) warnings.push(`bag-info.txt: "${label}" appears ${count} times but must not repeat`);
      }
      const oxum = info.find(([label]) => label.toLowerCase() === 'payload-oxum');
      if (oxum && fetchable.size === 0) {
        const m = /^(\d+)\.(\d+)$/.exec(oxum[1].trim());
        const octets = payloadFiles.reduce((n, p) => n + (files.get(p)?.length ?? 0), 0);
        if (!m) errors.push(`bag-info.txt: Payload-Oxum "${oxum[1]}" is not OCTETS.FILES`);
        else if (Number(m[1]) !== octets || Number(m[2]) !== payloadFiles.length) {
          errors.push(`bag-info.txt: Payload-Oxum says ${m[1]} bytes in ${m[2]} files, the payload has ${octets} bytes in ${payloadFiles.length} files`);
        }
      }
    }
  }
  if (errors.length > 0) return fail();
  return { ok: true, bag: { version, encoding, info, manifests, tagManifests, files, warnings } };
}

/** Opens (zip bytes or a folder) and validates a bag; returns the valid bag with warnings, or one message listing every error. */
export function readBag(source: Uint8Array | FolderInput, options: ValidateBagOptions = {}): Result<ValidBag> {
  const opened = source instanceof Uint8Array ? openBagZip(source) : openBagFolder(source);
  if (!opened.ok) return opened;
  const validation = validateBag(opened.value, options);
  if (!validation.ok) return err(validation.errors.join('; '));
  return ok(validation.bag);
}
