// Runs parseTranscript (shared/transcript) in a Web Worker, so importing a long transcript never blocks the
// UI; where Web Workers do not exist (tests in jsdom) it parses in place. The result is the same either
// way: the worker runs the very same function on a copy of the bytes.
import { parseTranscript, type TranscriptFormat } from '../../../shared/transcript/index.ts';
import type { Result } from '../../../shared/types/result.ts';
import type { SourceText } from '../../../shared/types/text.ts';

/** What the worker is asked. */
export interface ParseRequest {
  /** Named in every message. */
  fileName: string;
  /** The transcript file (a copy; the caller keeps its bytes). */
  bytes: Uint8Array;
}

/** What the worker answers: parseTranscript's result. */
export type ParseResponse = Result<{ sourceText: SourceText; format: TranscriptFormat }>;

/** Parses a transcript in a worker; resolves to parseTranscript's result (an error naming the file, never a rejection for bad input); rejects with the signal's reason when cancelled. */
export function parseTranscriptInWorker(fileName: string, bytes: Uint8Array, signal?: AbortSignal): Promise<ParseResponse> {
  if (typeof Worker === 'undefined') return Promise.resolve(parseTranscript(fileName, bytes));
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<ParseResponse>((resolve, reject) => {
    const worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module', name: `parse ${fileName}` });
    const done = () => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      done();
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener('message', (event: MessageEvent<ParseResponse>) => {
      done();
      resolve(event.data);
    });
    worker.addEventListener('error', (event) => {
      done();
      resolve({ ok: false, error: `${fileName}: the transcript reader stopped (${event.message || 'no detail'})` });
    });
    const request: ParseRequest = { fileName, bytes: bytes.slice() };
    worker.postMessage(request, [request.bytes.buffer]);
  });
}
