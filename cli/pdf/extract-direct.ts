// The Node half of "extraction is one function" (DESIGN.md, Layers): pdf.js's legacy build reads the
// bytes, and the shared assembly (shared/text/pdf-text.ts) turns its text items into the source text, so
// the CLI and the renderer's worker give the same text for the same bytes.
//
// This runs pdf.js on the calling thread (in Node pdf.js parses on the thread that loads it), so a file
// that makes the parser spin or allocate cannot be stopped from here: extractPdf (extract.ts) runs this
// in a worker thread that its deadline and memory limit terminate. Call it directly only from that worker.

import { createRequire } from 'node:module';
import path from 'node:path';
import { toHex } from '../../shared/hash.ts';
import { nativeSha256 } from '../native-sha256.ts';
import {
  MAX_PDF_PAGES,
  PDF_EXTRACT_TIMEOUT_MS,
  PdfLimitError,
  describePdfFailure,
} from '../../shared/text/pdf-errors.ts';
import { buildPdfSourceText, pdfTextItemsOf, type PdfPageText, type PdfTextLayout } from '../../shared/text/pdf-text.ts';

/** Options for extractPdf. */
export interface ExtractPdfOptions {
  /** The file's name, used in every error message. */
  fileName?: string;
  /** The password of an encrypted PDF. */
  password?: string;
  /** Cancels the extraction (throws PdfLimitError). */
  signal?: AbortSignal;
  /** Called after each page with the number of pages done and the total. */
  onProgress?(done: number, total: number, pageCount?: number): void;
  /** Overrides PDF_EXTRACT_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Overrides MAX_PDF_PAGES. */
  maxPages?: number;
  /** Overrides PDF_WORKER_MAX_MEMORY_MB (extractPdf only: the worker's working memory, MiB). */
  maxMemoryMb?: number;
  /** Worker threads that share the pages of one file (extractPdf only; at most PDF_EXTRACT_MAX_THREADS): by default PDF_EXTRACT_THREADS for a file of PDF_SPLIT_MIN_BYTES or more, else 1. */
  threads?: number;
}

/** Which part of a document's pages one reader takes: share `index` of `of`. */
export interface PdfPageShare {
  /** This reader's share, 0 … of − 1; share 0 also reads the metadata, labels and outline. */
  index: number;
  /** How many readers split the pages. */
  of: number;
}

/** The pages one reader read, with the document's metadata (from share 0; the others report only the page count). */
export interface PdfPagesRead {
  /** The pages of this reader's share, in order. */
  pages: PdfPageText[];
  /** Title, author, labels and outline (share 0), or only the page count (other shares). */
  info: PdfInfo;
}

/** Fewest pages a document must have before readers split its pages; smaller ones are read whole by share 0. */
export const PDF_SPLIT_MIN_PAGES = 64;

/**
 * The pages [start, end) of `share` in a document of `pageCount` pages: contiguous, near-equal ranges
 * that together cover every page once; all of them for share 0 when the document is too short to split.
 */
export function pdfPageShare(pageCount: number, share: PdfPageShare): [number, number] {
  if (share.of <= 1 || pageCount < PDF_SPLIT_MIN_PAGES) return share.index === 0 ? [0, pageCount] : [0, 0];
  return [Math.floor((pageCount * share.index) / share.of), Math.floor((pageCount * (share.index + 1)) / share.of)];
}

/** Document metadata read alongside the text. */
export interface PdfInfo {
  /** The document's Title entry, or null. */
  title: string | null;
  /** The document's Author entry, or null. */
  author: string | null;
  /** Number of pages. */
  pageCount: number;
  /** The page labels the PDF declares, one per page, or null when it declares none. */
  pageLabels: string[] | null;
  /** True when the PDF has an outline (bookmarks). */
  outline: boolean;
}

/** A PDF's text layout and metadata. */
export interface PdfExtraction {
  /** The source text and where each pdf.js item landed in it. */
  layout: PdfTextLayout;
  /** Title, author, page count, labels, outline. */
  info: PdfInfo;
}

/** Pages whose text is requested from pdf.js at once. */
export const PDF_PAGE_CONCURRENCY = 8;

const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/** pdfjs-dist's shipped base-14 font data, read from disk (no network). */
export const STANDARD_FONT_DIR = path.join(pdfjsRoot, 'standard_fonts') + path.sep;
/** pdfjs-dist's shipped CMaps, so CJK text extracts offline. */
export const CMAP_DIR = path.join(pdfjsRoot, 'cmaps') + path.sep;

type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsModule: Promise<PdfjsModule> | null = null;
function loadPdfjs(): Promise<PdfjsModule> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsModule;
}

function metadataString(info: unknown, key: string): string | null {
  if (typeof info !== 'object' || info === null) return null;
  const v = (info as Record<string, unknown>)[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/** Extracts a PDF's text with pdf.js on this thread (scripts, XFA and system fonts off); throws PdfPasswordError, UnreadablePdfError or PdfLimitError, each naming the file. */
export async function extractPdfDirect(bytes: Uint8Array, opts: ExtractPdfOptions = {}): Promise<PdfExtraction> {
  // Node's native SHA-256: the same digest as shared/hash.ts, several times faster on a whole PDF.
  const sha256 = toHex(nativeSha256(bytes));
  const { pages, info } = await readPdfPages(bytes, opts);
  return { layout: buildPdfSourceText(sha256, pages), info };
}

/**
 * Reads the text items of one share of a PDF's pages with pdf.js on this thread (every page when no
 * share is given), with its metadata; throws as extractPdfDirect does. Page progress counts this share's pages.
 */
export async function readPdfPages(bytes: Uint8Array, opts: ExtractPdfOptions & { share?: PdfPageShare } = {}): Promise<PdfPagesRead> {
  const fileName = opts.fileName ?? 'the document';
  const timeoutMs = opts.timeoutMs ?? PDF_EXTRACT_TIMEOUT_MS;
  const maxPages = opts.maxPages ?? MAX_PDF_PAGES;
  const share = opts.share ?? { index: 0, of: 1 };
  if (opts.signal?.aborted) throw new PdfLimitError(fileName, 'extraction was cancelled');
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    data: bytes.slice(), // pdf.js may take ownership of its buffer; the caller keeps theirs
    password: opts.password,
    standardFontDataUrl: STANDARD_FONT_DIR,
    cMapUrl: CMAP_DIR,
    cMapPacked: true,
    // No eval-compiled glyphs (pdf.js ≥ 5 dropped the option; kept explicit for older builds), no XFA
    // forms, no system fonts. Scripting needs a viewer-side sandbox that Node never creates.
    isEvalSupported: false,
    enableXfa: false,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  } as Parameters<PdfjsModule['getDocument']>[0]);

  // One deadline and one cancel for the whole document: whichever comes first destroys the task, which
  // rejects whatever pdf.js call is pending.
  let stop: ((e: Error) => void) | null = null;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  stopped.catch(() => undefined);
  const fail = (message: string): void => {
    stop?.(new PdfLimitError(fileName, message));
    void task.destroy();
  };
  const timer = setTimeout(() => fail(`extraction took longer than ${timeoutMs} ms and was stopped`), timeoutMs);
  const onAbort = (): void => fail('extraction was cancelled');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const bounded = <T>(p: Promise<T>): Promise<T> => Promise.race([p, stopped]);

  try {
    const doc = await bounded(task.promise);
    const pageCount = doc.numPages;
    if (pageCount > maxPages) throw new PdfLimitError(fileName, `has ${pageCount} pages; at most ${maxPages} are supported`);
    // Labels are read by every share (each page carries its label); metadata and outline by share 0 only.
    const first = share.index === 0;
    const [labels, metadata, outline] = await bounded(
      Promise.all([
        doc.getPageLabels().catch(() => null),
        first ? doc.getMetadata().catch(() => null) : null,
        first ? doc.getOutline().catch(() => null) : null,
      ]),
    );
    const pageLabels = labels !== null && labels.length === pageCount ? labels : null;
    const [start, end] = pdfPageShare(pageCount, share);
    // Several pages in flight keep pdf.js's worker side busy between message round trips; order is kept
    // by index, so the text is the same as one page at a time.
    opts.onProgress?.(0, end - start, pageCount); // the size of this share, also when it is empty, and the document's
    const pages: PdfPageText[] = new Array<PdfPageText>(end - start);
    let nextPage = start;
    let done = 0;
    const readPages = async (): Promise<void> => {
      while (nextPage < end) {
        const i = nextPage++;
        const page = await bounded(doc.getPage(i + 1));
        const content = await bounded(page.getTextContent({ disableNormalization: true }));
        const items = pdfTextItemsOf(content.items);
        page.cleanup();
        pages[i - start] = { index: i, label: pageLabels?.[i] ?? null, items };
        opts.onProgress?.(++done, end - start);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PDF_PAGE_CONCURRENCY, end - start) }, readPages));
    const info = metadata?.info;
    return {
      pages,
      info: {
        title: metadataString(info, 'Title'),
        author: metadataString(info, 'Author'),
        pageCount,
        pageLabels,
        outline: Array.isArray(outline) && outline.length > 0,
      },
    };
  } catch (error: unknown) {
    throw describePdfFailure(fileName, error);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    await task.destroy().catch(() => undefined);
  }
}
