// The renderer's one narrow pdf.js adapter (DESIGN.md, Layers): every pdf.js document the renderer opens,
// in the viewer and in the extraction worker, is opened here with the same hardened parameters. The modern
// build runs in Chromium and Electron's Chromium; the worker module is served from 'self' (Vite `?url`).
import { getDocument, GlobalWorkerOptions, VerbosityLevel, type PDFDocumentProxy } from 'pdfjs-dist';
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api.js';
import pdfWorkerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { describePdfFailure, PdfLimitError, UnreadablePdfError } from '../../../shared/text/pdf-errors.ts';
import { pdfjsAssetUrls, type PdfjsAssetUrls } from './pdfjs-assets.ts';

/** Largest PDF the renderer opens, in bytes (a named limit: DESIGN.md, House style). */
export const MAX_PDF_BYTES = 512 * 1024 * 1024;

/** Re-exported: asset URLs live in a module without pdf.js so that light modules can compute them. */
export { pdfjsAssetUrls, type PdfjsAssetUrls } from './pdfjs-assets.ts';

/** Re-exported so the renderer names one set of PDF errors, the same the CLI uses. */
export { PdfLimitError, PdfPasswordError, UnreadablePdfError } from '../../../shared/text/pdf-errors.ts';

/** Converts anything pdf.js threw into PdfPasswordError, UnreadablePdfError or PdfLimitError naming the file; never throws. */
export function toPdfError(error: unknown, fileName: string): Error {
  return describePdfFailure(fileName, error);
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
    // Absolute same-origin URLs, fetched by pdf.js's worker (pdf.js would otherwise consult document.baseURI,
    // which the extraction worker does not have).
    useWorkerFetch: true,
    // Pages render on the main thread; the off-thread renderer would need its own worker module shipped.
    disableWorkerRendering: true,
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

/** In a Web Worker (no `window`, so pdf.js cannot spawn its worker itself): starts pdf.js's worker nested in this one for the next document opened; throws where Worker is unavailable. */
export function startNestedPdfWorker(): void {
  GlobalWorkerOptions.workerPort = new Worker(pdfWorkerUrl, { type: 'module', name: 'pdf.js' });
}

/** Opens a PDF from bytes (copied: pdf.js takes ownership of what it is given); rejects with PdfPasswordError, UnreadablePdfError or PdfLimitError. */
export async function openPdf(data: Uint8Array, options: OpenPdfOptions): Promise<PDFDocumentProxy> {
  const { fileName } = options;
  if (data.byteLength > MAX_PDF_BYTES) throw new PdfLimitError(fileName, `is larger than ${MAX_PDF_BYTES / 1024 / 1024} MB`);
  if (!hasPdfHeader(data)) throw new UnreadablePdfError(fileName, 'no %PDF- header');
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
