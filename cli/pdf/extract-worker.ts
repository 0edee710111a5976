// The worker thread extractPdf (extract.ts) runs pdf.js in: one request at a time (one share of a
// document's pages), answered with progress, the pages read or the error (already described:
// PdfPasswordError, UnreadablePdfError or PdfLimitError, each naming the file). The parent terminates it
// on its deadline, a cancel or its memory limit, which stops even a parse that never yields.
import { parentPort } from 'node:worker_threads';
import { PdfLimitError, describePdfFailure } from '../../shared/text/pdf-errors.ts';
import { NATIVE_STREAM_GLOBALS, PDF_MAX_BUFFER_BYTES } from './extract-worker-limits.ts';
import { readPdfPages, type PdfPageShare, type PdfPagesRead } from './extract-direct.ts';

/** One extraction asked of the worker. */
export interface PdfWorkerRequest {
  /** Matches the answers to the request. */
  id: number;
  /** The PDF (transferred). */
  bytes: Uint8Array;
  /** Named in every error message. */
  fileName: string;
  /** The password of an encrypted PDF. */
  password?: string;
  /** Deadline for the pdf.js calls (the parent keeps its own). */
  timeoutMs: number;
  /** Most pages accepted. */
  maxPages?: number;
  /** Which share of the pages to read. */
  share: PdfPageShare;
}

/** A described error as it crosses the thread boundary. */
export interface PdfWorkerError {
  /** PdfPasswordError, UnreadablePdfError or PdfLimitError. */
  name: string;
  /** The message, naming the file. */
  message: string;
  /** For PdfPasswordError: whether a password is needed or was wrong. */
  reason?: 'needed' | 'incorrect';
}

/** What the worker answers. */
export type PdfWorkerMessage =
  | { id: number; kind: 'progress'; done: number; total: number; pageCount?: number }
  | { id: number; kind: 'done'; read: PdfPagesRead }
  | { id: number; kind: 'error'; error: PdfWorkerError };

const port = parentPort;
if (port === null) throw new Error('cli/pdf/extract-worker.ts runs only as a worker thread (extractPdf starts it)');

// No native zlib stream in this thread. pdf.js inflates fonts and images of 1 KiB or more through
// DecompressionStream, which in Node is a native zlib handle, and Node aborts the whole process
// ("close before init", node_zlib.cc) when a worker is terminated between creating such a handle and
// initialising it; the parent terminates this worker on a deadline, a cancel or its memory limit, so that
// race killed a test run. Without DecompressionStream pdf.js catches the failure and inflates in
// JavaScript, which also keeps every decoded buffer under the PDF_MAX_BUFFER_BYTES check below.
for (const name of NATIVE_STREAM_GLOBALS) Reflect.deleteProperty(globalThis, name);

// The size asked for by the first refused allocation of the current request (pdf.js may swallow the
// error and go on with a truncated stream, so the request fails afterwards whatever pdf.js did).
let refusedBytes: number | null = null;
const NativeUint8Array = Uint8Array;
(globalThis as { Uint8Array: Uint8ArrayConstructor }).Uint8Array = new Proxy(NativeUint8Array, {
  construct(target, args: unknown[], newTarget: new (...a: never[]) => unknown) {
    const length = args[0];
    if (typeof length === 'number' && length > PDF_MAX_BUFFER_BYTES) {
      refusedBytes ??= length;
      throw new RangeError(`a decoded stream would need ${length} bytes, over the ${PDF_MAX_BUFFER_BYTES}-byte limit`);
    }
    return Reflect.construct(target, args, newTarget) as object;
  },
});

port.on('message', (request: PdfWorkerRequest) => {
  const { id, bytes, fileName } = request;
  const post = (message: PdfWorkerMessage): void => port.postMessage(message);
  refusedBytes = null;
  const overLimit = (): PdfWorkerError | null =>
    refusedBytes === null
      ? null
      : { name: 'PdfLimitError', message: new PdfLimitError(fileName, `a stream in it decodes to more than ${PDF_MAX_BUFFER_BYTES / 1024 / 1024} MiB (${refusedBytes} bytes asked for), so extraction was stopped`).message };
  readPdfPages(bytes, {
    fileName,
    share: request.share,
    timeoutMs: request.timeoutMs,
    ...(request.password !== undefined ? { password: request.password } : {}),
    ...(request.maxPages !== undefined ? { maxPages: request.maxPages } : {}),
    onProgress: (done, total, pageCount) => post({ id, kind: 'progress', done, total, ...(pageCount !== undefined ? { pageCount } : {}) }),
  }).then(
    (read) => {
      const limit = overLimit();
      post(limit ? { id, kind: 'error', error: limit } : { id, kind: 'done', read });
    },
    (error: unknown) => {
      const limit = overLimit();
      if (limit) return post({ id, kind: 'error', error: limit });
      const e = describePdfFailure(fileName, error);
      post({ id, kind: 'error', error: { name: e.name, message: e.message, ...('reason' in e && (e.reason === 'needed' || e.reason === 'incorrect') ? { reason: e.reason } : {}) } });
    },
  );
});
