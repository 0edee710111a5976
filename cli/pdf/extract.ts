// PDF text extraction for the CLI (and the fuzzer, tests and benches): pdf.js runs in worker threads
// (extract-worker.ts → extract-direct.ts), because in Node pdf.js parses on the thread that loads it, and a
// file whose parse never yields (100k nested q/BT operators) or that decodes a gigabyte stream would
// otherwise run past any deadline. Each worker is terminated on the deadline, on cancel, or when its memory
// (JS heap plus buffers) passes PDF_WORKER_MAX_MEMORY_MB; each becomes a PdfLimitError naming the file.
// A file of PDF_SPLIT_MIN_BYTES or more is read by PDF_EXTRACT_THREADS workers at once, each opening the
// document and reading a contiguous share of its pages (a long book is read in about half the time on two
// cores); the pages are joined in order here, so the text is the same as one worker's. When one worker
// fails, the others are stopped and the first failure is reported. Idle workers are kept for the next
// call (not keeping the process alive) and replaced after PDF_WORKER_REUSE extractions.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MAX_PDF_PAGES, PDF_EXTRACT_TIMEOUT_MS, PdfLimitError, PdfPasswordError, UnreadablePdfError } from '../../shared/text/pdf-errors.ts';
import { toHex } from '../../shared/hash.ts';
import { buildPdfSourceText, type PdfPageText } from '../../shared/text/pdf-text.ts';
import { nativeSha256 } from '../native-sha256.ts';
import { PDF_SPLIT_MIN_PAGES, type ExtractPdfOptions, type PdfExtraction, type PdfInfo, type PdfPageShare, type PdfPagesRead } from './extract-direct.ts';
import type { PdfWorkerError, PdfWorkerMessage, PdfWorkerRequest } from './extract-worker.ts';

export {
  CMAP_DIR,
  PDF_PAGE_CONCURRENCY,
  PDF_SPLIT_MIN_PAGES,
  STANDARD_FONT_DIR,
  type ExtractPdfOptions,
  type PdfExtraction,
  type PdfInfo,
} from './extract-direct.ts';

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
/** Most worker threads that read one file's pages at once (fewer when the machine has fewer cores). */
export const PDF_EXTRACT_MAX_THREADS = 4;
/** Worker threads one file's pages are split across: the cores, up to PDF_EXTRACT_MAX_THREADS. */
export const PDF_EXTRACT_THREADS = Math.max(1, Math.min(PDF_EXTRACT_MAX_THREADS, availableParallelism()));
/**
 * Smallest file (bytes) whose pages are split across threads; smaller files are read by one worker, as
 * opening the document again in another thread would cost more than it saves. Each worker still reads
 * the whole file when it has fewer than PDF_SPLIT_MIN_PAGES pages.
 */
export const PDF_SPLIT_MIN_BYTES = 512 * 1024;

const WORKER_URL = new URL('./extract-worker.ts', import.meta.url);
// The worker is TypeScript, run through tsx's loader (resolved here, so it works from any directory).
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface PooledWorker {
  worker: Worker;
  uses: number;
}
const idle: PooledWorker[] = [];
let nextId = 0;

function takeWorker(maxMemoryMb: number): PooledWorker {
  const pooled = maxMemoryMb === PDF_WORKER_MAX_MEMORY_MB ? idle.pop() : undefined;
  if (pooled !== undefined) {
    pooled.worker.ref();
    return pooled;
  }
  const worker = new Worker(WORKER_URL, { execArgv: ['--import', TSX_LOADER], resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb } });
  // A worker with other limits than the default serves one extraction only.
  return { worker, uses: maxMemoryMb === PDF_WORKER_MAX_MEMORY_MB ? 0 : PDF_WORKER_REUSE };
}

function giveBack(pooled: PooledWorker): void {
  pooled.worker.removeAllListeners('message').removeAllListeners('error').removeAllListeners('exit');
  if (idle.length < PDF_EXTRACT_MAX_THREADS && pooled.uses < PDF_WORKER_REUSE) {
    pooled.worker.on('error', () => undefined);
    pooled.worker.on('exit', () => {
      const at = idle.indexOf(pooled);
      if (at >= 0) idle.splice(at, 1);
    });
    pooled.worker.unref();
    idle.push(pooled);
  } else void pooled.worker.terminate();
}

function fromWorkerError(error: PdfWorkerError, fileName: string): Error {
  if (error.name === 'PdfPasswordError') return new PdfPasswordError(fileName, error.reason ?? 'needed');
  // The worker's messages already name the file; they are kept verbatim.
  const e = error.name === 'PdfLimitError' ? new PdfLimitError(fileName, '') : new UnreadablePdfError(fileName, '');
  e.message = error.message;
  return e;
}

/** One worker reading one share of a file's pages. */
interface ShareRun {
  /** Settles with the pages read, or the worker's failure. */
  done: Promise<PdfPagesRead>;
  /** Stops the worker (terminated, not reused) and rejects `done` with a PdfLimitError saying `message`. */
  stop(message: string): void;
}

function readShare(
  bytes: Uint8Array,
  share: PdfPageShare,
  opts: ExtractPdfOptions & { fileName: string; timeoutMs: number; maxMemoryMb: number },
  onProgress: (done: number, total: number, pageCount?: number) => void,
): ShareRun {
  const { fileName, maxMemoryMb } = opts;
  const pooled = takeWorker(maxMemoryMb);
  const { worker } = pooled;
  pooled.uses++;
  const id = nextId++;
  let settled = false;
  let stop: (message: string) => void = () => undefined;
  const done = new Promise<PdfPagesRead>((resolve, reject) => {
    const finish = (outcome: { ok: PdfPagesRead } | { error: Error }, keepWorker: boolean): void => {
      if (settled) return;
      settled = true;
      clearInterval(sampler);
      if (keepWorker) giveBack(pooled);
      else {
        worker.removeAllListeners('message');
        void worker.terminate();
      }
      if ('ok' in outcome) resolve(outcome.ok);
      else reject(outcome.error);
    };
    stop = (message) => finish({ error: new PdfLimitError(fileName, message) }, false);
    const memoryMessage = `reading it needs more than ${maxMemoryMb} MiB of memory, so extraction was stopped`;
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
      if (m.kind === 'progress') onProgress(m.done, m.total, m.pageCount);
      else if (m.kind === 'done') finish({ ok: m.read }, true);
      else finish({ error: fromWorkerError(m.error, fileName) }, true);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') stop(memoryMessage);
      else finish({ error: new UnreadablePdfError(fileName, `the PDF reader stopped unexpectedly (${error.message.split('\n')[0]?.slice(0, 200) ?? 'no detail'})`) }, false);
    });
    worker.on('exit', (code) => finish({ error: new UnreadablePdfError(fileName, `the PDF reader stopped unexpectedly (exit code ${code})`) }, false));
    const copy = bytes.slice(); // transferred to the worker; the caller keeps theirs
    const request: PdfWorkerRequest = {
      id,
      bytes: copy,
      fileName,
      timeoutMs: opts.timeoutMs,
      maxPages: opts.maxPages ?? MAX_PDF_PAGES,
      share,
      ...(opts.password !== undefined ? { password: opts.password } : {}),
    };
    worker.postMessage(request, [copy.buffer]);
  });
  return { done, stop: (message) => stop(message) };
}

/** The shares' pages joined in page order; throws UnreadablePdfError when they do not cover the document exactly once. */
function joinShares(reads: readonly PdfPagesRead[], fileName: string): { pages: PdfPageText[]; info: PdfInfo } {
  const info = reads[0]!.info;
  const pages = reads.flatMap((r) => r.pages);
  if (reads.some((r) => r.info.pageCount !== info.pageCount) || pages.length !== info.pageCount || pages.some((p, i) => p.index !== i)) {
    throw new UnreadablePdfError(fileName, 'the threads reading it disagree about its pages');
  }
  return { pages, info };
}

/**
 * Extracts a PDF's text with pdf.js (scripts, XFA and system fonts off) in worker threads, splitting a
 * large file's pages across them; throws PdfPasswordError, UnreadablePdfError or PdfLimitError, each
 * naming the file.
 */
export async function extractPdf(bytes: Uint8Array, opts: ExtractPdfOptions = {}): Promise<PdfExtraction> {
  const fileName = opts.fileName ?? 'the document';
  const timeoutMs = opts.timeoutMs ?? PDF_EXTRACT_TIMEOUT_MS;
  const maxMemoryMb = opts.maxMemoryMb ?? PDF_WORKER_MAX_MEMORY_MB;
  if (opts.signal?.aborted) throw new PdfLimitError(fileName, 'extraction was cancelled');
  const threads = Math.max(1, Math.min(PDF_EXTRACT_MAX_THREADS, opts.threads ?? (bytes.length >= PDF_SPLIT_MIN_BYTES ? PDF_EXTRACT_THREADS : 1)));
  // Progress: pages done over all shares, out of the document's pages once every share has said its size.
  const shareDone = new Array<number>(threads).fill(0);
  const shareTotal = new Array<number | null>(threads).fill(null);
  const report = (index: number, done: number, total: number): void => {
    shareDone[index] = done;
    shareTotal[index] = total;
    if (shareTotal.some((t) => t === null)) return;
    opts.onProgress?.(
      shareDone.reduce((a, b) => a + b, 0),
      shareTotal.reduce<number>((a, b) => a + (b ?? 0), 0),
    );
  };
  const runs: ShareRun[] = [];
  let stopped = false;
  const stopAll = (message: string): void => {
    stopped = true;
    for (const run of runs) run.stop(message);
  };
  const start = (index: number, onShareProgress: (done: number, total: number, pageCount?: number) => void): Promise<PdfPagesRead> => {
    const run = readShare(bytes, { index, of: threads }, { ...opts, fileName, timeoutMs, maxMemoryMb }, onShareProgress);
    runs.push(run);
    // The first failure stops the other shares (a wrong password, a limit, a corrupt file fail them all alike).
    return run.done.catch((error: unknown) => {
      stopAll('another thread reading it failed');
      throw error;
    });
  };
  // Share 0 starts at once; the other threads only once it has opened the document and found enough pages
  // to split (a short document, a scan, or a file that is mostly one huge stream keeps to one thread).
  let decide: (pageCount: number) => void = () => undefined;
  const decided = new Promise<number>((resolve) => {
    decide = resolve;
  });
  const first = start(0, (done, total, pageCount) => {
    if (pageCount !== undefined) decide(pageCount);
    report(0, done, total);
  });
  const rest = decided.then((pageCount) => {
    if (threads === 1 || pageCount < PDF_SPLIT_MIN_PAGES || stopped) {
      for (let i = 1; i < threads; i++) report(i, 0, 0);
      return [];
    }
    return Promise.all(Array.from({ length: threads - 1 }, (_, i) => start(i + 1, (done, total) => report(i + 1, done, total))));
  });
  const timer = setTimeout(() => stopAll(`extraction took longer than ${timeoutMs} ms and was stopped`), timeoutMs);
  const onAbort = (): void => stopAll('extraction was cancelled');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const [read0, others] = await Promise.all([first, rest]);
    const reads = [read0, ...others];
    const { pages, info } = joinShares(reads, fileName);
    // Node's native SHA-256: the same digest as shared/hash.ts, several times faster on a whole PDF.
    return { layout: buildPdfSourceText(toHex(nativeSha256(bytes)), pages), info };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
