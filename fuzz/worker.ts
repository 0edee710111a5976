// The worker that runs importers, one input at a time, so that the campaign can kill it when an input
// hangs or blows up memory and count that input instead of hanging itself. It also checks that the
// importer left its input bytes untouched (the "lost" rule for pure importers).
import { parentPort, workerData } from 'node:worker_threads';
import type { AdapterContext, AdapterModule, RunAnswer, RunRequest } from './protocol.ts';

const context = workerData as AdapterContext;
const modules = new Map<string, Promise<AdapterModule>>();

async function load(url: string): Promise<AdapterModule> {
  let m = modules.get(url);
  if (m === undefined) {
    m = (async () => {
      const mod = (await import(url)) as AdapterModule;
      await mod.setup?.(context);
      return mod;
    })();
    modules.set(url, m);
  }
  return m;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

parentPort!.on('message', (request: RunRequest) => {
  void (async () => {
    const { id, input } = request;
    const original = input.bytes.slice();
    const started = performance.now();
    let answer: RunAnswer;
    try {
      const adapter = await load(request.module);
      const outcome = await adapter.run(input, context);
      answer = { id, type: 'outcome', outcome, mutated: !sameBytes(original, input.bytes), ms: performance.now() - started };
    } catch (error: unknown) {
      const isError = error instanceof Error;
      answer = {
        id,
        type: 'threw',
        name: isError ? error.name : typeof error,
        message: isError ? error.message : String(error),
        stack: isError ? String(error.stack ?? '') : '',
        isError,
        mutated: !sameBytes(original, input.bytes),
        ms: performance.now() - started,
      };
    }
    parentPort!.postMessage(answer);
  })();
});
