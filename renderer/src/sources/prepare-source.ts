// Turns a file the user chose into what the store records: the Source row, its extracted text and its
// bytes. PDFs are extracted in a worker (progress, cancel, deadline); transcripts are parsed by the
// shared importer; recordings are hashed and kept as they are.
import { RECORDING_MEDIA_TYPES } from '../../../shared/sources/media.ts';
import { isTranscriptFileName } from '../../../shared/transcript/index.ts';
import { parseTranscriptInWorker } from '../transcript/parse-client.ts';
import type { Source, SourceFileKind } from '../../../shared/types/domain.ts';
import type { SourceText } from '../../../shared/types/text.ts';
import type { CharRange } from '../../../shared/types/text.ts';
import type { PickedFile } from '../host/host.ts';
import { extractPdfInWorker } from '../pdf/extract-client.ts';
import { hasPdfHeader } from '../pdf/pdfjs.ts';

/** Largest recording accepted (bytes). */
export const MAX_RECORDING_BYTES = 2 * 1024 * 1024 * 1024;

/** File extensions taken as recordings, with their media types (one list with the CLI's). */
export const RECORDING_TYPES: Readonly<Record<string, string>> = RECORDING_MEDIA_TYPES;

/** Thrown when a file is of no kind the app imports; the message names the file. */
export class UnsupportedFileError extends Error {
  override name = 'UnsupportedFileError';
}

/** A file ready to be recorded as a source. */
export interface PreparedSource {
  /** The source row (addedAt set by the caller's clock). */
  source: Source;
  /** Its extracted text, or null for a recording. */
  text: SourceText | null;
  /** The file's bytes, stored once per SHA-256. */
  bytes: Uint8Array;
  /** For PDFs: each text item's range per page, for the viewer's selection mapping. */
  itemRanges: (CharRange | null)[][] | null;
}

/** Options of prepareSource. */
export interface PrepareOptions {
  /** Cancels a long extraction. */
  signal?: AbortSignal;
  /** Pages (or steps) done of total. */
  onProgress?(done: number, total: number): void;
  /** The password of an encrypted PDF. */
  password?: string;
  /** The time to record as addedAt. */
  now: string;
}

/** The kind of a file by its content and name: pdf, transcript or recording; returns null when it is none of them. */
export function detectSourceKind(file: PickedFile): SourceFileKind | null {
  if (hasPdfHeader(file.bytes)) return 'pdf';
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  if (ext in RECORDING_TYPES || file.mediaType.startsWith('audio/') || file.mediaType.startsWith('video/')) return 'recording';
  if (isTranscriptFileName(file.name)) return 'transcript';
  return null;
}

/** SHA-256 of bytes with WebCrypto, as lowercase hex; never throws for valid input. */
export async function digestHex(bytes: Uint8Array): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}

const TRANSCRIPT_MEDIA: Record<string, string> = { webvtt: 'text/vtt', srt: 'application/x-subrip', 'whisper-json': 'application/json', plain: 'text/plain' };

/** Prepares one file; rejects with PdfPasswordError (ask and retry), UnsupportedFileError or a named extraction error, each naming the file. */
export async function prepareSource(file: PickedFile, options: PrepareOptions): Promise<PreparedSource> {
  const kind = detectSourceKind(file);
  const base = { type: 'source' as const, fileName: file.name, size: file.bytes.length, recordingSha256: null, replaces: null, pageOffset: 0, addedAt: options.now };
  if (kind === 'pdf') {
    const extraction = await extractPdfInWorker(file.bytes, {
      fileName: file.name,
      ...(options.password !== undefined ? { password: options.password } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    const { info, layout } = extraction;
    return {
      source: {
        ...base,
        sha256: info.sha256,
        kind: 'pdf',
        mediaType: 'application/pdf',
        title: info.title?.trim() || file.name.replace(/\.pdf$/i, ''),
        author: info.author?.trim() || null,
        unitCount: info.pageCount,
      },
      text: layout.sourceText,
      bytes: file.bytes,
      itemRanges: layout.itemRanges,
    };
  }
  if (kind === 'transcript') {
    options.onProgress?.(0, 1);
    const parsed = await parseTranscriptInWorker(file.name, file.bytes, options.signal);
    if (!parsed.ok) throw new UnsupportedFileError(parsed.error);
    options.onProgress?.(1, 1);
    const { sourceText, format } = parsed.value;
    return {
      source: {
        ...base,
        sha256: sourceText.sha256,
        kind: 'transcript',
        mediaType: TRANSCRIPT_MEDIA[format] ?? 'text/plain',
        title: file.name.replace(/\.[^.]+$/, ''),
        author: null,
        unitCount: sourceText.units.length,
      },
      text: sourceText,
      bytes: file.bytes,
      itemRanges: null,
    };
  }
  if (kind === 'recording') {
    if (file.bytes.length > MAX_RECORDING_BYTES) throw new UnsupportedFileError(`${file.name} is larger than ${MAX_RECORDING_BYTES / 1024 ** 3} GB.`);
    const ext = file.name.toLowerCase().split('.').pop() ?? '';
    return {
      source: {
        ...base,
        sha256: await digestHex(file.bytes),
        kind: 'recording',
        mediaType: file.mediaType || RECORDING_TYPES[ext] || 'application/octet-stream',
        title: file.name.replace(/\.[^.]+$/, ''),
        author: null,
        unitCount: 0,
      },
      text: null,
      bytes: file.bytes,
      itemRanges: null,
    };
  }
  throw new UnsupportedFileError(
    `${file.name} is not a PDF, a transcript (.vtt, .srt, Whisper .json, timestamped .txt) or a recording (${Object.keys(RECORDING_TYPES).join(', ')}).`,
  );
}
