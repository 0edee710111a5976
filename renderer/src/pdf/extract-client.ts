// Runs one PDF extraction in its own Web Worker, with progress, cancel and a deadline. Cancelling or
// timing out terminates the worker, which stops pdf.js wherever it is.
import { PDF_EXTRACT_TIMEOUT_MS, PdfLimitError, PdfPasswordError, UnreadablePdfError } from '../../../shared/text/pdf-errors.ts';
import type { ExtractRequest, ExtractResponse, PdfExtractionResult, SerializedPdfError } from './extract-protocol.ts';
import { pdfjsAssetUrls } from './pdfjs-assets.ts';

export type { PdfExtractionResult, PdfInfo } from './extract-protocol.ts';

/** Options for extractPdfInWorker. */
export interface ExtractPdfOptions {
  /** The file name, named in every error message. */
  fileName: string;
  /** The password of an encrypted PDF, after PdfPasswordError asked for it. */
  password?: string;
  /** Cancels: the worker is terminated and the promise rejects with the signal's reason (an AbortError). */
  signal?: AbortSignal;
  /** Called with pages done and the page count, first with done = 0 once the page count is known. */
  onProgress?(done: number, total: number): void;
  /** Overrides PDF_EXTRACT_TIMEOUT_MS (the same deadline as the CLI's). */
  timeoutMs?: number;
}

/** Rebuilds the named error the worker flattened; never throws. */
export function fromSerializedError(error: SerializedPdfError, fileName: string): Error {
  if (error.name === 'PdfPasswordError') return new PdfPasswordError(fileName, error.reason ?? 'needed');
  // The worker's messages already name the file; keep them verbatim.
  const e = error.name === 'PdfLimitError' ? new PdfLimitError(fileName, '') : new UnreadablePdfError(fileName, '');
  e.message = error.message;
  return e;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('Extraction was cancelled.', 'AbortError');
}

/** Extracts a PDF's source text and metadata in a worker; rejects with PdfPasswordError, UnreadablePdfError, PdfLimitError (each naming the file) or the abort reason. */
export function extractPdfInWorker(bytes: Uint8Array, options: ExtractPdfOptions): Promise<PdfExtractionResult> {
  const { fileName, signal } = options;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise<PdfExtractionResult>((resolve, reject) => {
    const worker = new Worker(new URL('./extract-worker.ts', import.meta.url), { type: 'module', name: `extract ${fileName}` });
    const timeoutMs = options.timeoutMs ?? PDF_EXTRACT_TIMEOUT_MS;
    const finish = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
    };
    const timer = setTimeout(() => {
      finish();
      reject(new PdfLimitError(fileName, `extraction took longer than ${timeoutMs} ms and was stopped`));
    }, timeoutMs);
    const onAbort = (): void => {
      finish();
      reject(abortReason(signal as AbortSignal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener('message', (event: MessageEvent<ExtractResponse>) => {
      const msg = event.data;
      if (msg.type === 'progress') options.onProgress?.(msg.done, msg.total);
      else if (msg.type === 'done') {
        finish();
        resolve(msg.result);
      } else {
        finish();
        reject(fromSerializedError(msg.error, fileName));
      }
    });
    worker.addEventListener('error', (event: ErrorEvent) => {
      finish();
      reject(new UnreadablePdfError(fileName, `the extraction worker failed (${event.message || 'no detail'})`));
    });
    const request: ExtractRequest = {
      type: 'extract',
      bytes,
      fileName,
      assets: pdfjsAssetUrls(document.baseURI),
      ...(options.password === undefined ? {} : { password: options.password }),
    };
    worker.postMessage(request);
  });
}
