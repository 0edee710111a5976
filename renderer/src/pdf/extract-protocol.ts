// Messages between the renderer and its PDF extraction worker (extract-client.ts ↔ extract-worker.ts).
import type { PdfTextLayout } from '../../../shared/text/pdf-text.ts';
import type { PdfjsAssetUrls } from './pdfjs-assets.ts';

/** Document metadata read alongside the text (the same fields the CLI's extractor reports). */
export interface PdfInfo {
  /** SHA-256 (lowercase hex) of the file's bytes: the source's identity. */
  sha256: string;
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

/** What an extraction gives: the source text with each item's range, and the metadata. */
export interface PdfExtractionResult {
  /** The source text (one page unit per page) and per-item ranges (kept for the viewer's selection mapping). */
  layout: PdfTextLayout;
  /** SHA-256, title, author, page count, labels, outline. */
  info: PdfInfo;
}

/** Renderer → worker: extract one file. */
export interface ExtractRequest {
  /** Discriminates messages. */
  type: 'extract';
  /** The file's bytes (a copy; the worker owns it). */
  bytes: Uint8Array;
  /** The file name, for error messages. */
  fileName: string;
  /** The password of an encrypted PDF, when the user gave one. */
  password?: string;
  /** Absolute URLs of pdf.js's CMaps, fonts and wasm (the worker cannot see the page's base URL). */
  assets: PdfjsAssetUrls;
}

/** A failure, flattened for postMessage (Error subclasses do not survive structured cloning). */
export interface SerializedPdfError {
  /** `PdfPasswordError`, `UnreadablePdfError` or `PdfLimitError`. */
  name: string;
  /** The message, naming the file. */
  message: string;
  /** For PdfPasswordError: whether the password was missing or wrong. */
  reason?: 'needed' | 'incorrect';
}

/** Worker → renderer: progress, the result, or a failure. */
export type ExtractResponse =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: PdfExtractionResult }
  | { type: 'error'; error: SerializedPdfError };
