// The renderer's one narrow pdf.js adapter (DESIGN.md, Layers): every pdf.js document the renderer opens,
// in the viewer and in the extraction worker, is opened here with the same hardened parameters. The modern
// build runs in Chromium and Electron's Chromium; the worker module is served from 'self' (Vite `?url`).
import { getDocument, GlobalWorkerOptions, VerbosityLevel, type PDFDocumentProxy } from 'pdfjs-dist';
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api.js';
import pdfWorkerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

/** Largest PDF the renderer opens, in bytes (a named limit: DESIGN.md, House style). */
export const MAX_PDF_BYTES = 512 * 1024 * 1024;

/** Where pdf.js finds its CMaps, standard fonts and wasm decoders (absolute URLs with a trailing slash). */
export interface PdfjsAssetUrls {
  /** Adobe CMaps (binary packed). */
  cMapUrl: string;
  /** The 14 standard fonts and their Foxit replacements. */
  standardFontDataUrl: string;
  /** OpenJPEG, JBIG2 and QCMS wasm modules. */
  wasmUrl: string;
}

/** The asset URLs for an app served from `baseUri` (the page's `document.baseURI`), per vite-plugin-pdfjs-assets; never throws for a valid URL. */
export function pdfjsAssetUrls(baseUri: string): PdfjsAssetUrls {
  const base = new URL(`${import.meta.env.BASE_URL}pdfjs/`, baseUri);
  return {
    cMapUrl: new URL('cmaps/', base).href,
    standardFontDataUrl: new URL('standard_fonts/', base).href,
    wasmUrl: new URL('wasm/', base).href,
  };
}

/** Why pdf.js wants a password: none was given, or the given one is wrong. */
export type PasswordReason = 'needed' | 'incorrect';

/** Thrown when a PDF is encrypted with a user password; the UI asks for it and opens the file again with it. */
export class PdfPasswordError extends Error {
  override name = 'PdfPasswordError';
  /** The file that asked. */
  readonly fileName: string;
  /** Whether a password was missing or wrong. */
  readonly reason: PasswordReason;
  constructor(fileName: string, reason: PasswordReason) {
    super(reason === 'needed' ? `${fileName} is protected by a password.` : `The password for ${fileName} is not correct.`);
    this.fileName = fileName;
    this.reason = reason;
  }
}

/** Thrown when a PDF cannot be opened or read (corrupt, not a PDF, too large); the message names the file. */
export class PdfLoadError extends Error {
  override name = 'PdfLoadError';
  /** The file that failed. */
  readonly fileName: string;
  constructor(fileName: string, message: string) {
    super(message);
    this.fileName = fileName;
  }
}

// pdf.js's PasswordResponses.INCORRECT_PASSWORD (NEED_PASSWORD is 1).
const INCORRECT_PASSWORD = 2;

/** Converts anything pdf.js threw into PdfPasswordError or PdfLoadError naming the file; passes AbortError through; never throws. */
export function toPdfError(error: unknown, fileName: string): Error {
  if (error instanceof PdfPasswordError || error instanceof PdfLoadError) return error;
  const e = error as { name?: unknown; code?: unknown; message?: unknown } | null;
  const name = typeof e?.name === 'string' ? e.name : '';
  const detail = typeof e?.message === 'string' && e.message !== '' ? e.message : String(error);
  if (name === 'AbortError') return error as Error;
  if (name === 'PasswordException') return new PdfPasswordError(fileName, e?.code === INCORRECT_PASSWORD ? 'incorrect' : 'needed');
  if (name === 'InvalidPDFException') return new PdfLoadError(fileName, `${fileName} is not a readable PDF (${detail}).`);
  return new PdfLoadError(fileName, `${fileName} could not be read: ${detail}`);
}

/** Options for opening a PDF. */
export interface OpenPdfOptions {
  /** The file name, for error messages. */
  fileName: string;
  /** The user password, when the PDF asked for one. */
  password?: string;
  /** Asset URLs; defaults to those of the current page (main thread only). */
  assets?: PdfjsAssetUrls;
}

/** The hardened getDocument parameters (DESIGN.md, Electron shell: no eval, no scripting, no XFA); never throws. */
export function documentParams(data: Uint8Array, assets: PdfjsAssetUrls, password?: string): DocumentInitParameters {
  // isEvalSupported and enableScripting no longer exist in this pdf.js (it has no eval path, and scripting
  // is a viewer feature we do not load); they are passed anyway so that an older copy would be hardened too.
  const hardening = { isEvalSupported: false, enableScripting: false };
  const params: DocumentInitParameters = {
    data,
    enableXfa: false,
    cMapUrl: assets.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: assets.standardFontDataUrl,
    wasmUrl: assets.wasmUrl,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: VerbosityLevel.ERRORS,
    ...(password === undefined ? {} : { password }),
  };
  return Object.assign(params, hardening);
}

/** The PDF's magic bytes; files without them are rejected before pdf.js sees them. */
const PDF_MAGIC = '%PDF-';
/** How far into a file the `%PDF-` header may start (the spec allows leading junk; Acrobat accepts 1024 bytes). */
export const PDF_HEADER_SEARCH_BYTES = 1024;

/** True when `%PDF-` occurs within the first PDF_HEADER_SEARCH_BYTES bytes; never throws. */
export function hasPdfHeader(data: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(data.subarray(0, PDF_HEADER_SEARCH_BYTES + PDF_MAGIC.length));
  return head.includes(PDF_MAGIC);
}

/** Opens a PDF from bytes (copied: pdf.js takes ownership of what it is given); rejects with PdfPasswordError or PdfLoadError. */
export async function openPdf(data: Uint8Array, options: OpenPdfOptions): Promise<PDFDocumentProxy> {
  const { fileName } = options;
  if (data.byteLength > MAX_PDF_BYTES) throw new PdfLoadError(fileName, `${fileName} is larger than ${MAX_PDF_BYTES / 1024 / 1024} MB.`);
  if (!hasPdfHeader(data)) throw new PdfLoadError(fileName, `${fileName} is not a PDF (no %PDF- header).`);
  if (GlobalWorkerOptions.workerSrc === '') GlobalWorkerOptions.workerSrc = pdfWorkerUrl;
  const assets = options.assets ?? pdfjsAssetUrls(document.baseURI);
  const task = getDocument(documentParams(data.slice(), assets, options.password));
  try {
    return await task.promise;
  } catch (error) {
    void task.destroy();
    throw toPdfError(error, fileName);
  }
}
