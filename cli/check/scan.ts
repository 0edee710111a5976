// The sources folder of `check`: every PDF, transcript and recording in it becomes a source (what the app's
// importer would record), reference lists (CSL-JSON, BibTeX) are read for binding, and a file that cannot
// be read is skipped with a warning naming it, so one bad file does not stop the check of the others.
import fs from 'node:fs/promises';
import path from 'node:path';
import { sha256Hex } from '../../shared/hash.ts';
import type { Source, SourceFileKind } from '../../shared/types/domain.ts';
import type { SourceText } from '../../shared/types/text.ts';
import { UsageError } from '../command.ts';
import { readBinaryFile, readTextFile } from '../read-input.ts';
import { MAX_SOURCE_BYTES, loadSourceText } from '../sources.ts';
import { parseBibtex } from '../../shared/references/bibtex.ts';
import { MAX_REFERENCE_LIST_CHARS, parseCslJson, type CslItem } from '../../shared/references/csl.ts';
import { isCslJsonShape } from './references.ts';
import { RECORDING_MEDIA_TYPES } from '../../shared/sources/media.ts';

export { RECORDING_MEDIA_TYPES };

/** Most files `check` looks at in one sources folder. */
export const MAX_SOURCE_FILES = 10_000;
/** Largest reference list read, in bytes (UTF-8 needs at most 3 bytes for each character the parsers accept). */
export const MAX_REFERENCE_LIST_BYTES = 3 * MAX_REFERENCE_LIST_CHARS;


const TRANSCRIPT_MEDIA_TYPES: Readonly<Record<string, string>> = { webvtt: 'text/vtt', srt: 'application/x-subrip', 'whisper-json': 'application/json', plain: 'text/plain' };

/** A source file read from the folder, ready to be recorded with `source.added`. */
export interface ScannedSource {
  /** The file's path. */
  file: string;
  /** The file's bytes (for `--include-sources`). */
  bytes: Uint8Array;
  /** The source row. */
  source: Source;
  /** Its text, or null for a recording. */
  text: SourceText | null;
}

/** A file that was not imported, and why. */
export interface SkippedFile {
  /** The file's path. */
  file: string;
  /** Why, one line. */
  reason: string;
}

/** What the folder holds. */
export interface ScanResult {
  /** Sources, recordings first, then by file name. */
  sources: ScannedSource[];
  /** Items of every reference list, in file-name order. */
  referenceItems: CslItem[];
  /** The reference lists read. */
  referenceLists: string[];
  /** Files not imported (unreadable, corrupt, of no known kind, duplicates). */
  skipped: SkippedFile[];
}

/** Options of scanSources. */
export interface ScanOptions {
  /** ISO 8601 time recorded as each source's addedAt. */
  now: string;
  /** Progress lines (for stderr). */
  onProgress?(line: string): void;
}

function extension(name: string): string {
  return /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
}

function stemOf(name: string): string {
  return name.replace(/\.[^.]+$/, '');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function listFiles(dir: string): Promise<string[]> {
  let stat;
  try {
    stat = await fs.stat(dir);
  } catch (error: unknown) {
    const code = (error as { code?: string }).code;
    throw new UsageError(code === 'ENOENT' ? `${dir}: no such sources folder` : `${dir}: cannot read the sources folder (${code ?? messageOf(error)})`);
  }
  if (!stat.isDirectory()) throw new UsageError(`${dir}: the sources folder is not a folder`);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error: unknown) {
    throw new UsageError(`${dir}: cannot list the sources folder (${(error as { code?: string }).code ?? messageOf(error)})`);
  }
  // Hidden files (.DS_Store, editors' swap files) are no sources.
  const visible = names.filter((n) => !n.startsWith('.')).sort();
  if (visible.length > MAX_SOURCE_FILES) throw new UsageError(`${dir}: more than ${MAX_SOURCE_FILES} files in the sources folder`);
  return visible;
}

async function readReferenceList(file: string, name: string): Promise<CslItem[]> {
  const text = await readTextFile(file, { limit: MAX_REFERENCE_LIST_BYTES, what: 'reference list' });
  const parsed = extension(name) === 'bib' ? parseBibtex(name, text) : parseCslJson(name, text);
  if (!parsed.ok) throw new UsageError(parsed.error.startsWith(name) ? `${file}${parsed.error.slice(name.length)}` : `${file}: ${parsed.error}`);
  return parsed.value;
}

// A .json file is a reference list when it has CSL-JSON's shape, else a (Whisper) transcript.
async function isCslJsonFile(file: string): Promise<boolean> {
  const bytes = await readBinaryFile(file, { limit: MAX_SOURCE_BYTES, what: 'source' });
  if (bytes.length > MAX_REFERENCE_LIST_BYTES) return false;
  try {
    return isCslJsonShape(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')));
  } catch {
    return false;
  }
}

async function readSource(file: string, name: string, now: string, onProgress: ScanOptions['onProgress']): Promise<ScannedSource> {
  const base = { type: 'source' as const, fileName: name, recordingSha256: null, replaces: null, pageOffset: 0, addedAt: now };
  const bytes = await readBinaryFile(file, { limit: MAX_SOURCE_BYTES, what: 'source' });
  const sha256 = sha256Hex(bytes);
  const ext = extension(name);
  const recordingType = RECORDING_MEDIA_TYPES[ext];
  if (recordingType !== undefined) {
    const source: Source = { ...base, sha256, kind: 'recording', mediaType: recordingType, size: bytes.length, title: stemOf(name), author: null, unitCount: 0 };
    return { file, bytes, source, text: null };
  }
  const loaded = await loadSourceText(file, {
    onProgress: (done, total) => {
      if (done === total || done % 100 === 0) onProgress?.(`  ${name}: page ${done} of ${total}`);
    },
  });
  if (loaded.sha256 !== sha256) throw new UsageError(`${file}: the file changed while it was being read`);
  const text = loaded.sourceText;
  if (loaded.kind === 'pdf') {
    const title = loaded.pdf?.title?.trim() || name.replace(/\.pdf$/i, '');
    const source: Source = { ...base, sha256, kind: 'pdf', mediaType: 'application/pdf', size: bytes.length, title, author: loaded.pdf?.author?.trim() || null, unitCount: text.units.length };
    return { file, bytes, source, text };
  }
  const mediaType = TRANSCRIPT_MEDIA_TYPES[loaded.format ?? 'plain'] ?? 'text/plain';
  const source: Source = { ...base, sha256, kind: 'transcript', mediaType, size: bytes.length, title: stemOf(name), author: null, unitCount: text.units.length };
  return { file, bytes, source, text };
}

const KIND_ORDER: Record<SourceFileKind, number> = { recording: 0, pdf: 1, transcript: 1 };

/**
 * Reads every file of the sources folder: PDFs and transcripts with their text, recordings as they are,
 * CSL-JSON and BibTeX reference lists; a transcript is linked to the recording of the same name. Throws
 * UsageError when the folder is missing or unreadable; a bad file is skipped and listed, never fatal.
 */
export async function scanSources(dir: string, options: ScanOptions): Promise<ScanResult> {
  const names = await listFiles(dir);
  const result: ScanResult = { sources: [], referenceItems: [], referenceLists: [], skipped: [] };
  const bySha = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    let stat;
    try {
      stat = await fs.stat(file);
    } catch (error: unknown) {
      result.skipped.push({ file, reason: `${file}: cannot be read (${(error as { code?: string }).code ?? messageOf(error)})` });
      continue;
    }
    if (stat.isDirectory()) continue;
    if (!stat.isFile()) {
      result.skipped.push({ file, reason: `${file}: not a regular file` });
      continue;
    }
    const ext = extension(name);
    try {
      if (ext === 'bib' || (ext === 'json' && (await isCslJsonFile(file)))) {
        const items = await readReferenceList(file, name);
        result.referenceItems.push(...items);
        result.referenceLists.push(file);
        options.onProgress?.(`reference list ${name}: ${items.length} item${items.length === 1 ? '' : 's'}`);
        continue;
      }
      options.onProgress?.(`importing ${name}`);
      const scanned = await readSource(file, name, options.now, options.onProgress);
      const twin = bySha.get(scanned.source.sha256);
      if (twin !== undefined) {
        result.skipped.push({ file, reason: `${file}: the same bytes as ${twin}, imported once` });
        continue;
      }
      bySha.set(scanned.source.sha256, name);
      result.sources.push(scanned);
    } catch (error: unknown) {
      const message = error instanceof UsageError ? error.message : `${file}: ${messageOf(error)}`;
      // check has no --password: an encrypted PDF is skipped with advice that fits it.
      const reason = /password-protected/.test(message) ? `${file} is password-protected; save a decrypted copy in the folder to check it` : message;
      result.skipped.push({ file, reason });
    }
  }
  const recordings = new Map(result.sources.filter((s) => s.source.kind === 'recording').map((s) => [stemOf(s.source.fileName), s.source.sha256]));
  for (const s of result.sources) {
    if (s.source.kind === 'transcript') s.source.recordingSha256 = recordings.get(stemOf(s.source.fileName)) ?? null;
  }
  // Stable sort: recordings are recorded before the transcripts that point to them.
  result.sources.sort((a, b) => KIND_ORDER[a.source.kind] - KIND_ORDER[b.source.kind]);
  return result;
}
