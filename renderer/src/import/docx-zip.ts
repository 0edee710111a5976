// The checks a .docx passes before mammoth (through JSZip) reads it: mammoth inflates whatever part the
// document's relationships name, in full, and parses its XML recursively, so a small file could make it
// hold gigabytes (a part whose stream inflates to 1 GiB, with true or lying size headers) or overflow the
// stack (elements nested 100k deep). Here the zip's central directory is read directly, every entry's
// declared size is bounded, every entry is inflated once with a cap (a stream producing more than it
// declares is refused as soon as it does), and every XML part's element nesting is measured iteratively.
import { Inflate } from 'fflate';

/** Largest inflated size (bytes) of one part of a .docx (a 1,000-page document.xml is about 20 MB). */
export const DOCX_MAX_PART_BYTES = 128 * 1024 * 1024;
/** Largest inflated size (bytes) of all parts of a .docx together. */
export const DOCX_MAX_INFLATED_BYTES = 256 * 1024 * 1024;
/** Deepest element nesting accepted in an XML part (real documents nest tables a few levels: tens). */
export const DOCX_MAX_XML_DEPTH = 256;
/** Most entries a .docx zip may have. */
export const DOCX_MAX_ENTRIES = 10_000;
/** Compressed bytes fed to the inflater at once (bounds the output produced per step to about 1,000×). */
const INFLATE_STEP_BYTES = 4 * 1024;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const u16 = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;
const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

function centralDirectory(zip: Uint8Array, fileName: string): Entry[] | string {
  // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (u32(zip, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return `${fileName} is not a .docx file: its zip directory is missing (the file is truncated or damaged).`;
  const count = u16(zip, eocd + 10);
  if (count > DOCX_MAX_ENTRIES) return `${fileName} has ${count} zip entries; a .docx may have at most ${DOCX_MAX_ENTRIES}.`;
  let at = u32(zip, eocd + 16);
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || u32(zip, at) !== 0x02014b50) return `${fileName} is not a readable .docx: its zip directory is damaged (entry ${n + 1}).`;
    const flags = u16(zip, at + 8);
    const nameLength = u16(zip, at + 28);
    const nameBytes = zip.subarray(at + 46, at + 46 + nameLength);
    const name = (flags & 0x800 ? utf8 : latin1).decode(nameBytes).slice(0, 200);
    entries.push({ name, method: u16(zip, at + 10), compressedSize: u32(zip, at + 20), size: u32(zip, at + 24), localOffset: u32(zip, at + 42) });
    at += 46 + nameLength + u16(zip, at + 30) + u16(zip, at + 32);
  }
  return entries;
}

/** The deepest element nesting of an XML document (bytes), scanned iteratively; stops counting past `limit`. */
export function xmlDepth(xml: Uint8Array, limit: number): number {
  let depth = 0;
  let max = 0;
  const n = xml.length;
  for (let i = 0; i < n; i++) {
    if (xml[i] !== 0x3c) continue; // '<'
    const next = xml[i + 1];
    if (next === 0x21) {
      // '<!': a comment, CDATA section or declaration: skip to its end.
      const isComment = xml[i + 2] === 0x2d && xml[i + 3] === 0x2d;
      const isCdata = xml[i + 2] === 0x5b;
      const end = isComment ? indexOf(xml, [0x2d, 0x2d, 0x3e], i + 4) : isCdata ? indexOf(xml, [0x5d, 0x5d, 0x3e], i + 3) : indexOf(xml, [0x3e], i + 2);
      if (end < 0) break;
      i = end;
    } else if (next === 0x3f) {
      const end = indexOf(xml, [0x3f, 0x3e], i + 2); // '?>'
      if (end < 0) break;
      i = end;
    } else if (next === 0x2f) {
      depth = Math.max(0, depth - 1); // '</'
    } else {
      // A start tag: find its '>' outside quoted attribute values; '/>' closes it at once.
      let quote = 0;
      let j = i + 1;
      for (; j < n; j++) {
        const c = xml[j]!;
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) quote = c;
        else if (c === 0x3e) break;
      }
      if (j >= n) break;
      if (xml[j - 1] !== 0x2f && ++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
      i = j;
    }
  }
  return max;
}

function indexOf(b: Uint8Array, pattern: number[], from: number): number {
  for (let i = b.indexOf(pattern[0]!, from); i >= 0; i = b.indexOf(pattern[0]!, i + 1)) {
    if (pattern.every((p, k) => b[i + k] === p)) return i;
  }
  return -1;
}

/** Inflates a raw deflate stream, refusing (returning null) as soon as it produces more than `cap` bytes. */
function inflateCapped(raw: Uint8Array, cap: number, keep: boolean): { bytes: Uint8Array | null; size: number } | null {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    if (size > cap) over = true;
    else if (keep) chunks.push(chunk);
  });
  for (let at = 0; at < raw.length && !over; at += INFLATE_STEP_BYTES) {
    const end = Math.min(raw.length, at + INFLATE_STEP_BYTES);
    inflater.push(raw.subarray(at, end), end === raw.length);
  }
  if (over) return null;
  if (!keep) return { bytes: null, size };
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return { bytes: out, size };
}

/** Why mammoth must not be given this .docx (sizes, a bomb, nesting), naming the file and the part; null when it may. */
export function docxZipProblem(zip: Uint8Array, fileName: string): string | null {
  const entries = centralDirectory(zip, fileName);
  if (typeof entries === 'string') return entries;
  let declared = 0;
  let compressed = 0;
  for (const e of entries) {
    if (e.size > DOCX_MAX_PART_BYTES) return `${fileName}: part "${e.name}" declares ${e.size} bytes; a part of a .docx may have at most ${DOCX_MAX_PART_BYTES}.`;
    declared += e.size;
    if (declared > DOCX_MAX_INFLATED_BYTES) return `${fileName}: its parts add up to more than the ${DOCX_MAX_INFLATED_BYTES} bytes a .docx may hold (at "${e.name}").`;
    compressed += e.compressedSize;
    if (compressed > zip.length) return `${fileName}: part "${e.name}" overlaps other parts of the zip (a possible zip bomb); the file is not a normal .docx.`;
  }
  let inflated = 0;
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const lo = e.localOffset;
    if (lo + 30 > zip.length || u32(zip, lo) !== 0x04034b50) return `${fileName} is not a readable .docx: part "${e.name}" is not where its zip directory says.`;
    const start = lo + 30 + u16(zip, lo + 26) + u16(zip, lo + 28);
    const raw = zip.subarray(start, Math.min(zip.length, start + e.compressedSize));
    const isXml = /\.(?:xml|rels)$/i.test(e.name);
    // The part may inflate to what it declares (and no more), within both limits.
    const cap = Math.min(e.size, DOCX_MAX_PART_BYTES, DOCX_MAX_INFLATED_BYTES - inflated);
    let content: { bytes: Uint8Array | null; size: number } | null;
    if (e.method === 0) content = { bytes: isXml ? raw : null, size: raw.length };
    else if (e.method === 8) {
      try {
        content = inflateCapped(raw, cap, isXml);
      } catch {
        return `${fileName} is not a readable .docx: part "${e.name}" is damaged (its compressed data does not inflate).`;
      }
    } else continue; // an unknown method: mammoth will report it if it needs the part
    if (content === null || content.size > cap) {
      return `${fileName}: part "${e.name}" inflates to more than the ${e.size} bytes it declares or past the limits of a .docx (a possible zip bomb).`;
    }
    inflated += content.size;
    if (content.bytes !== null && xmlDepth(content.bytes, DOCX_MAX_XML_DEPTH) > DOCX_MAX_XML_DEPTH) {
      return `${fileName}: part "${e.name}" nests XML elements more than ${DOCX_MAX_XML_DEPTH} deep; a document this deeply nested cannot be read (re-save it from a word processor).`;
    }
  }
  return null;
}
