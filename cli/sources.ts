// Reading a source file for the CLI: PDFs by their `%PDF-` header, transcripts by the transcript importer.
// Every failure is a UsageError (exit 2) with one line naming the file.

import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { sha256Hex } from '../shared/hash.ts';
import { PdfPasswordError } from '../shared/text/pdf-errors.ts';
import { formatTimeRange, isTranscriptFileName, parseTranscript, type TranscriptFormat } from '../shared/transcript/index.ts';
import type { SourceKind, SourceText, TextUnit } from '../shared/types/text.ts';
import { UsageError } from './command.ts';
import { extractPdf, type PdfInfo } from './pdf/extract.ts';

/** Largest source file the CLI reads, in bytes. */
export const MAX_SOURCE_BYTES = 1024 * 1024 * 1024;
/** How far into a file the `%PDF-` header may start (the PDF spec tolerates leading bytes; pdf.js reads them). */
export const PDF_HEADER_WINDOW = 1024;

/** A source file read into the text model. */
export interface LoadedSource {
  /** The path as the user gave it. */
  file: string;
  /** SHA-256 of the file's bytes. */
  sha256: string;
  /** PDF or transcript. */
  kind: SourceKind;
  /** The extracted text with its units. */
  sourceText: SourceText;
  /** PDF metadata, for PDFs. */
  pdf?: PdfInfo;
  /** The transcript's format, for transcripts. */
  format?: TranscriptFormat;
}

/** Options for loadSourceText. */
export interface LoadSourceOptions {
  /** Password for an encrypted PDF. */
  password?: string;
  /** Progress of PDF extraction: pages done and total. */
  onProgress?(done: number, total: number): void;
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** True when `%PDF-` occurs within the first PDF_HEADER_WINDOW bytes; never throws. */
export function hasPdfHeader(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length - PDF_MAGIC.length, PDF_HEADER_WINDOW);
  for (let i = 0; i <= limit; i++) {
    if (PDF_MAGIC.every((b, k) => bytes[i + k] === b)) return true;
  }
  return false;
}

async function readSource(file: string): Promise<Uint8Array> {
  let size: number;
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new UsageError(`${file}: not a file`);
    size = s.size;
  } catch (error: unknown) {
    if (error instanceof UsageError) throw error;
    const code = (error as { code?: string }).code;
    throw new UsageError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${code ?? String(error)})`);
  }
  if (size > MAX_SOURCE_BYTES) throw new UsageError(`${file}: ${size} bytes is more than the ${MAX_SOURCE_BYTES} bytes a source may have`);
  try {
    return new Uint8Array(await readFile(file));
  } catch (error: unknown) {
    throw new UsageError(`${file}: cannot be read (${(error as { code?: string }).code ?? String(error)})`);
  }
}

/** Reads a PDF or transcript into its source text, dispatching on content; throws UsageError naming the file when it is missing, too large, unreadable, password-protected or neither kind. */
export async function loadSourceText(file: string, opts: LoadSourceOptions = {}): Promise<LoadedSource> {
  const bytes = await readSource(file);
  const name = path.basename(file);
  const sha256 = sha256Hex(bytes);
  if (hasPdfHeader(bytes)) {
    try {
      const { layout, info } = await extractPdf(bytes, { fileName: file, password: opts.password, onProgress: opts.onProgress });
      return { file, sha256, kind: 'pdf', sourceText: layout.sourceText, pdf: info };
    } catch (error: unknown) {
      if (error instanceof PdfPasswordError) {
        throw new UsageError(error.reason === 'needed' ? `${file} is password-protected; give its password with --password` : `${file}: the password given with --password is incorrect`);
      }
      throw new UsageError(error instanceof Error ? error.message : `${file}: ${String(error)}`);
    }
  }
  if (/\.pdf$/iu.test(name)) throw new UsageError(`${file} is not a readable PDF: it has no %PDF- header`);
  if (!isTranscriptFileName(name)) {
    throw new UsageError(`${file}: neither a PDF nor a transcript (.vtt, .srt, .json, .txt)`);
  }
  const parsed = parseTranscript(file, bytes);
  if (!parsed.ok) throw new UsageError(parsed.error);
  return { file, sha256, kind: 'transcript', sourceText: parsed.value.sourceText, format: parsed.value.format };
}

/** One human-readable line naming a unit: `page 3 (label iv)` or `00:00:01.000–00:00:02.500 Alice`; never throws. */
export function describeUnit(unit: TextUnit): string {
  if (unit.kind === 'page') {
    const label = unit.label === String(unit.index + 1) ? '' : ` (label ${unit.label})`;
    return `page ${unit.index + 1}${label}${unit.noText ? ' [no text: needs OCR]' : ''}`;
  }
  return `${formatTimeRange(unit.time)}${unit.speaker ? ` ${unit.speaker}` : ''}`;
}

/** Splits CLI arguments into positionals, `--json` and `--password PW`; throws UsageError for unknown options. */
export function parseSourceArgs(args: string[]): { positionals: string[]; json: boolean; password?: string } {
  const positionals: string[] = [];
  let json = false;
  let password: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--json') json = true;
    else if (a === '--password') {
      const v = args[++i];
      if (v === undefined) throw new UsageError('--password needs a value');
      password = v;
    } else if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else positionals.push(a);
  }
  return password === undefined ? { positionals, json } : { positionals, json, password };
}
