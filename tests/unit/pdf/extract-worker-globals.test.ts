import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { NATIVE_STREAM_GLOBALS } from '../../../cli/pdf/extract-worker-limits.ts';

const WORKER_URL = new URL('../../../cli/pdf/extract-worker.ts', import.meta.url).href;
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Loads the real extraction worker module in a worker thread and reports which of `names` are then defined there. */
function definedInWorker(names: readonly string[]): Promise<Record<string, boolean>> {
  const code = `
    const { parentPort } = require('node:worker_threads');
    const names = ${JSON.stringify(names)};
    const before = Object.fromEntries(names.map((n) => ['before:' + n, typeof globalThis[n] !== 'undefined']));
    import(${JSON.stringify(WORKER_URL)}).then(() => {
      parentPort.postMessage({ ...before, ...Object.fromEntries(names.map((n) => [n, typeof globalThis[n] !== 'undefined'])) });
    }, (e) => parentPort.postMessage({ error: String(e) }));
  `;
  const worker = new Worker(code, { eval: true, execArgv: ['--import', TSX_LOADER] });
  return new Promise<Record<string, boolean>>((resolve, reject) => {
    worker.once('message', (m: Record<string, boolean>) => resolve(m));
    worker.once('error', reject);
  }).finally(() => void worker.terminate());
}

describe('the PDF extraction worker has no native zlib stream', () => {
  // Node aborts the process ("close before init", node_zlib.cc) when a worker is terminated while a zlib
  // handle is being set up, and extractPdf terminates workers on deadlines, cancels and memory limits.
  it(`removes ${NATIVE_STREAM_GLOBALS.join(' and ')} from its thread, which Node otherwise defines`, async () => {
    const seen = await definedInWorker(NATIVE_STREAM_GLOBALS);
    expect(seen).not.toHaveProperty('error');
    for (const name of NATIVE_STREAM_GLOBALS) {
      expect(seen[`before:${name}`], `${name} before the worker module loads`).toBe(true);
      expect(seen[name], `${name} after the worker module loads`).toBe(false);
    }
  }, 30_000);
});
