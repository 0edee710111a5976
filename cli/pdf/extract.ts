// PDF text extraction for the CLI (and the fuzzer, tests and benches): pdf.js runs in a worker thread
// (extract-worker.ts → extract-direct.ts), because in Node pdf.js parses on the thread that loads it, and a
// file whose parse never yields (100k nested q/BT operators) or that decodes a gigabyte stream would
// otherwise run past any deadline. The worker is terminated on the deadline, on cancel, or when its memory
// (JS heap plus buffers) passes PDF_WORKER_MAX_MEMORY_MB; each becomes a PdfLimitError naming the file.
// One idle worker is kept for the next call (not keeping the process alive) and replaced after
// PDF_WORKER_REUSE extractions.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MAX_PDF_PAGES, PDF_EXTRACT_TIMEOUT_MS, PdfLimitError, PdfPasswordError, UnreadablePdfError } from '../../shared/text/pdf-errors.ts';
import type { ExtractPdfOptions, PdfExtraction } from './extract-direct.ts';
import type { PdfWorkerError, PdfWorkerMessage, PdfWorkerRequest } from './extract-worker.ts';

export { CMAP_DIR, PDF_PAGE_CONCURRENCY, STANDARD_FONT_DIR, type ExtractPdfOptions, type PdfExtraction, type PdfInfo } from './extract-direct.ts';

/**
 * Most working memory (MiB) one extraction may use beyond the file's own bytes: the worker's JS heap limit,
 * and the bound on its heap plus buffers (decoded streams) as sampled, over twice the file's size (the
 * worker's copy and pdf.js's).
 */
export const PDF_WORKER_MAX_MEMORY_MB = 512;
/** How often the worker's memory is sampled while it extracts (ms). */
export const PDF_MEMORY_SAMPLE_MS = 50;
/** Extractions one worker serves before it is replaced (pdf.js keeps caches between documents). */
export const PDF_WORKER_REUSE = 16;

const WORKER_URL = new URL('./extract-worker.ts', import.meta.url);
// The worker is TypeScript, run through tsx's loader (resolved here, so it works from any directory).
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface PooledWorker {
  worker: Worker;
  uses: number;
}
let idle: PooledWorker | null = null;
let nextId = 0;

function takeWorker(maxMemoryMb: number): PooledWorker {
  if (idle !== null && maxMemoryMb === PDF_WORKER_MAX_MEMORY_MB) {
    const pooled = idle;
    idle = null;
    pooled.worker.ref();
    return pooled;
  }
  const worker = new Worker(WORKER_URL, { execArgv: ['--import', TSX_LOADER], resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb } });
  // A worker with other limits than the default serves one extraction only.
  return { worker, uses: maxMemoryMb === PDF_WORKER_MAX_MEMORY_MB ? 0 : PDF_WORKER_REUSE };
}

function giveBack(pooled: PooledWorker): void {
  pooled.worker.removeAllListeners('message').removeAllListeners('error').removeAllListeners('exit');
  if (idle === null && pooled.uses < PDF_WORKER_REUSE) {
    pooled.worker.on('error', () => undefined);
    pooled.worker.on('exit', () => {
      if (idle === pooled) idle = null;
    });
    pooled.worker.unref();
    idle = pooled;
  } else void pooled.worker.terminate();
}

function fromWorkerError(error: PdfWorkerError, fileName: string): Error {
  if (error.name === 'PdfPasswordError') return new PdfPasswordError(fileName, error.reason ?? 'needed');
  // The worker's messages already name the file; they are kept verbatim.
  const e = error.name === 'PdfLimitError' ? new PdfLimitError(fileName, '') : new UnreadablePdfError(fileName, '');
  e.message = error.message;
  return e;
}

/** Extracts a PDF's text with pdf.js (scripts, XFA and system fonts off) in a worker thread; throws PdfPasswordError, UnreadablePdfError or PdfLimitError, each naming the file. */
export function extractPdf(bytes: Uint8Array, opts: ExtractPdfOptions = {}): Promise<PdfExtraction> {
  const fileName = opts.fileName ?? 'the document';
  const timeoutMs = opts.timeoutMs ?? PDF_EXTRACT_TIMEOUT_MS;
  if (opts.signal?.aborted) return Promise.reject(new PdfLimitError(fileName, 'extraction was cancelled'));
  return new Promise<PdfExtraction>((resolve, reject) => {
    const maxMemoryMb = opts.maxMemoryMb ?? PDF_WORKER_MAX_MEMORY_MB;
    const pooled = takeWorker(maxMemoryMb);
    const { worker } = pooled;
    pooled.uses++;
    const id = nextId++;
    let settled = false;
    const finish = (outcome: { ok: PdfExtraction } | { error: Error }, keepWorker: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(sampler);
      opts.signal?.removeEventListener('abort', onAbort);
      if (keepWorker) giveBack(pooled);
      else {
        worker.removeAllListeners('message');
        void worker.terminate();
      }
      if ('ok' in outcome) resolve(outcome.ok);
      else reject(outcome.error);
    };
    const stop = (message: string): void => finish({ error: new PdfLimitError(fileName, message) }, false);
    const memoryMessage = `reading it needs more than ${maxMemoryMb} MiB of memory, so extraction was stopped`;
    const timer = setTimeout(() => stop(`extraction took longer than ${timeoutMs} ms and was stopped`), timeoutMs);
    const onAbort = (): void => stop('extraction was cancelled');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    // Buffers (a decoded stream) are outside the JS heap limit; sampling the worker bounds them too.
    const memoryLimit = maxMemoryMb * 1024 * 1024 + 2 * bytes.length;
    let sampling = false;
    const sampler = setInterval(() => {
      if (sampling || settled) return;
      sampling = true;
      worker.getHeapStatistics().then(
        (s) => {
          sampling = false;
          if (s.used_heap_size + s.external_memory > memoryLimit) stop(memoryMessage);
        },
        () => {
          sampling = false;
        },
      );
    }, PDF_MEMORY_SAMPLE_MS);
    worker.on('message', (m: PdfWorkerMessage) => {
      if (m.id !== id) return;
      if (m.kind === 'progress') opts.onProgress?.(m.done, m.total);
      else if (m.kind === 'done') finish({ ok: m.extraction }, true);
      else finish({ error: fromWorkerError(m.error, fileName) }, true);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') stop(memoryMessage);
      else finish({ error: new UnreadablePdfError(fileName, `the PDF reader stopped unexpectedly (${error.message.split('\n')[0]?.slice(0, 200) ?? 'no detail'})`) }, false);
    });
    worker.on('exit', (code) => finish({ error: new UnreadablePdfError(fileName, `the PDF reader stopped unexpectedly (exit code ${code})`) }, false));
    const copy = bytes.slice(); // transferred to the worker; the caller keeps theirs
    const request: PdfWorkerRequest = { id, bytes: copy, fileName, timeoutMs, maxPages: opts.maxPages ?? MAX_PDF_PAGES, ...(opts.password !== undefined ? { password: opts.password } : {}) };
    worker.postMessage(request, [copy.buffer]);
  });
}
