// The bad-input campaign (issue 9, item 4): a seeded, bounded run that feeds importers their corpora as
// they are, then mutated and hostile inputs, each in a worker thread that is killed on a hang or a memory
// blow-up, and classifies every outcome (see classify.ts for the rule).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { messageProblem, type Verdict } from './classify.ts';
import { flipBits, hugeLine, insertDelete, randomBytes, truncate } from './mutate.ts';
import { Rng } from './prng.ts';
import type { ImporterSpec } from './importers/index.ts';
import type { AdapterOutcome, FuzzInput, InputKind, RunAnswer, RunRequest } from './protocol.ts';

/** Growth of the process's resident memory over its level before an input beyond which the input is a crash. */
export const MEMORY_GROWTH_LIMIT_BYTES = 1024 * 1024 * 1024;
/** How often memory is sampled while an input runs (ms). */
export const MEMORY_SAMPLE_MS = 25;
/** Heap limit of the importer worker (MB); exceeding it kills the worker, which counts as a crash. */
export const WORKER_HEAP_MB = 1536;
/** Inputs after which the worker is replaced anyway, so slow leaks in importers do not add up. */
export const WORKER_RECYCLE_EVERY = 400;
/** Examples kept per verdict and importer for the report. */
export const EXAMPLES_KEPT = 5;

/** What the campaign needs to know of an importer: its spec without the report-only entry point (tests pass fakes). */
export type CampaignImporter = Omit<ImporterSpec, 'entry'>;

/** Options of a campaign. */
export interface CampaignOptions {
  /** Inputs to try (at most). */
  count: number;
  /** The seed: the same seed, count and importers give the same inputs. */
  seed: number;
  /** Stop generating inputs after this many seconds (the running input finishes or times out). */
  timeLimitSeconds?: number;
  /** Where offending inputs are written. */
  outDir?: string;
  /** Run the store-level loss check (fake-indexeddb) in the adapters that have one. */
  storeCheck?: boolean;
  /** Called after each input. */
  onResult?(result: InputResult, done: number): void;
}

/** The verdict on one input. */
export interface InputResult {
  importer: string;
  index: number;
  kind: InputKind;
  label: string;
  name: string;
  size: number;
  verdict: Verdict;
  /** The rejection message, or why it is a crash, hang or loss. */
  detail: string;
  ms: number;
  /** Where the input was written (crash, hang, lost only). */
  savedAt?: string;
}

/** Counts of one importer. */
export interface ImporterTally {
  inputs: number;
  accepted: number;
  rejected: number;
  crash: number;
  hang: number;
  lost: number;
  ms: number;
  byKind: Partial<Record<InputKind, number>>;
}

/** What a campaign found. */
export interface CampaignReport {
  seed: number;
  count: number;
  tallies: Map<string, ImporterTally>;
  /** The first EXAMPLES_KEPT crashes, hangs and losses of each importer, and a few rejections. */
  examples: InputResult[];
  /** True when the time limit stopped generation before `count`. */
  timedOut: boolean;
  seconds: number;
}

interface Prepared {
  importer: CampaignImporter;
  seeds: FuzzInput[];
}

/** Input `index` of the campaign: the corpora as they are first (round-robin), then mutated and hostile inputs. */
export function makeInput(prepared: readonly Prepared[], seed: number, index: number): { importer: CampaignImporter; kind: InputKind; label: string; input: FuzzInput } {
  const corpus = prepared.flatMap((p) => p.seeds.map((s) => ({ p, s })));
  if (index < corpus.length) {
    const { p, s } = corpus[index]!;
    return { importer: p.importer, kind: 'corpus', label: 'corpus file as is', input: { name: s.name, bytes: s.bytes } };
  }
  const rng = Rng.forInput(seed, index);
  const p = prepared[rng.weighted(prepared.map((x) => x.importer.weight))]!;
  const imp = p.importer;
  const base: FuzzInput = p.seeds.length > 0 ? rng.pick(p.seeds) : { name: 'input.bin', bytes: new Uint8Array(0) };
  const rename = (name: string): string => (imp.names && imp.names.length > 0 && rng.chance(0.25) ? rng.pick(imp.names) : name);
  const choice = rng.weighted([4, 24, 24, 24, 12, 3, imp.special.length > 0 ? (imp.specialWeight ?? 6) : 0]);
  switch (choice) {
    case 0:
      return { importer: imp, kind: 'corpus', label: 'corpus file as is', input: { name: rename(base.name), bytes: base.bytes } };
    case 1:
      return { importer: imp, kind: 'truncated', label: 'truncated copy', input: { name: rename(base.name), bytes: truncate(rng, base.bytes) } };
    case 2:
      return { importer: imp, kind: 'bit-flipped', label: 'bit-flipped copy', input: { name: rename(base.name), bytes: flipBits(rng, base.bytes) } };
    case 3:
      return { importer: imp, kind: 'insert-delete', label: 'bytes inserted/deleted', input: { name: rename(base.name), bytes: insertDelete(rng, base.bytes, imp.tokens) } };
    case 4:
      return { importer: imp, kind: 'random-bytes', label: 'random bytes', input: { name: rename(base.name), bytes: randomBytes(rng, imp.magic) } };
    case 5:
      return { importer: imp, kind: 'huge-line', label: 'huge line (5 MB, no newline)', input: { name: rename(base.name), bytes: hugeLine(rng, base.bytes, imp.hugeUnits) } };
    default: {
      const maker = rng.pick(imp.special);
      return { importer: imp, kind: maker.kind, label: maker.label, input: maker.make(rng, p.seeds) };
    }
  }
}

type HostAnswer = RunAnswer | { type: 'hang' } | { type: 'died'; reason: string } | { type: 'memory'; bytes: number };

/** The importer worker, replaced after a hang, a death or WORKER_RECYCLE_EVERY inputs. */
class WorkerHost {
  private worker: Worker | null = null;
  private used = 0;
  private nextId = 0;
  private stderrTail = '';
  constructor(private readonly data: { tempDir: string; seed: number; storeCheck: boolean }) {}

  private spawn(): Worker {
    const w = new Worker(new URL('./worker.ts', import.meta.url), {
      execArgv: ['--import', 'tsx'],
      workerData: this.data,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      stdout: true,
      stderr: true,
    });
    // Importers' console noise is dropped; the tail of stderr is kept for crash reports.
    w.stdout.on('data', () => undefined);
    w.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2000);
    });
    w.unref();
    return w;
  }

  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  async run(module: string, input: FuzzInput, timeoutMs: number): Promise<HostAnswer> {
    if (this.worker !== null && this.used >= WORKER_RECYCLE_EVERY) await this.stop();
    if (this.worker === null) {
      this.worker = this.spawn();
      this.used = 0;
    }
    this.used++;
    const worker = this.worker;
    const id = this.nextId++;
    const baseline = process.memoryUsage.rss();
    this.stderrTail = '';
    const answer = await new Promise<HostAnswer>((resolve) => {
      const done = (a: HostAnswer): void => {
        clearTimeout(timer);
        clearInterval(sampler);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(a);
      };
      const onMessage = (m: RunAnswer): void => {
        if (m.id === id) done(m);
      };
      const onError = (e: Error): void => done({ type: 'died', reason: `${e.name}: ${e.message}` });
      const onExit = (code: number): void => done({ type: 'died', reason: `the worker exited with code ${code}${this.stderrTail ? `; stderr: ${this.stderrTail.trim().slice(-300)}` : ''}` });
      const timer = setTimeout(() => done({ type: 'hang' }), timeoutMs);
      const sampler = setInterval(() => {
        const rss = process.memoryUsage.rss();
        if (rss - baseline > MEMORY_GROWTH_LIMIT_BYTES) done({ type: 'memory', bytes: rss - baseline });
      }, MEMORY_SAMPLE_MS);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      const request: RunRequest = { id, module, input };
      worker.postMessage(request);
    });
    if (answer.type === 'hang' || answer.type === 'died' || answer.type === 'memory') await this.stop();
    return answer;
  }
}

function classify(importer: CampaignImporter, input: FuzzInput, answer: HostAnswer, timeoutMs: number): { verdict: Verdict; detail: string } {
  if (answer.type === 'hang') return { verdict: 'hang', detail: `no answer within ${timeoutMs} ms; the worker was killed` };
  if (answer.type === 'memory') return { verdict: 'crash', detail: `memory grew by ${(answer.bytes / 2 ** 20).toFixed(0)} MiB (limit ${MEMORY_GROWTH_LIMIT_BYTES / 2 ** 20} MiB); the worker was killed` };
  if (answer.type === 'died') return { verdict: 'crash', detail: `the worker died: ${answer.reason}` };
  if (answer.mutated) return { verdict: 'lost', detail: 'the importer changed the input bytes it was given' };
  if (answer.type === 'threw') {
    const what = `${answer.name}: ${answer.message}`;
    if (!answer.isError || !importer.namedErrors.includes(answer.name)) {
      const frame = answer.stack.split('\n').find((l) => /^\s+at /.test(l))?.trim() ?? '';
      return { verdict: 'crash', detail: `${what.slice(0, 400)}${frame ? ` (${frame})` : ''}` };
    }
    const problem = messageProblem(answer.message, importer.rule, input.name);
    return problem === null ? { verdict: 'rejected', detail: what } : { verdict: 'crash', detail: `${answer.name} with a bad message: ${problem}` };
  }
  const outcome: AdapterOutcome = answer.outcome;
  if (outcome.kind === 'accepted') return { verdict: 'accepted', detail: outcome.detail ?? '' };
  if (outcome.kind === 'lost') return { verdict: 'lost', detail: outcome.detail };
  const problem = messageProblem(outcome.message, importer.rule, input.name);
  return problem === null ? { verdict: 'rejected', detail: outcome.message } : { verdict: 'crash', detail: `rejected with a bad message: ${problem}` };
}

/** Runs a campaign over the importers; resolves to its report (never rejects for an importer's failure). */
export async function runCampaign(importers: readonly CampaignImporter[], options: CampaignOptions): Promise<CampaignReport> {
  const started = performance.now();
  const outDir = options.outDir ?? path.join(os.tmpdir(), `provenance-fuzz-${options.seed}`);
  const tempDir = path.join(outDir, 'tmp');
  mkdirSync(tempDir, { recursive: true });
  const prepared: Prepared[] = [];
  for (const importer of importers) prepared.push({ importer, seeds: await importer.seeds() });
  const host = new WorkerHost({ tempDir, seed: options.seed, storeCheck: options.storeCheck ?? true });
  const tallies = new Map<string, ImporterTally>(importers.map((i) => [i.name, { inputs: 0, accepted: 0, rejected: 0, crash: 0, hang: 0, lost: 0, ms: 0, byKind: {} }]));
  const examples: InputResult[] = [];
  const deadline = options.timeLimitSeconds === undefined ? Infinity : started + options.timeLimitSeconds * 1000;
  let timedOut = false;
  let index = 0;
  try {
    for (; index < options.count; index++) {
      if (performance.now() > deadline) {
        timedOut = true;
        break;
      }
      const { importer, kind, label, input } = makeInput(prepared, options.seed, index);
      const answer = await host.run(importer.module, input, importer.timeoutMs);
      const { verdict, detail } = classify(importer, input, answer, importer.timeoutMs);
      const ms = 'ms' in answer ? answer.ms : importer.timeoutMs;
      const result: InputResult = { importer: importer.name, index, kind, label, name: input.name, size: input.bytes.length, verdict, detail, ms };
      const t = tallies.get(importer.name)!;
      t.inputs++;
      t[verdict]++;
      t.ms += ms;
      t.byKind[kind] = (t.byKind[kind] ?? 0) + 1;
      if (verdict === 'crash' || verdict === 'hang' || verdict === 'lost') {
        const kept = examples.filter((e) => e.importer === importer.name && e.verdict === verdict).length;
        if (kept < EXAMPLES_KEPT) {
          result.savedAt = path.join(outDir, `${importer.name}-seed${options.seed}-index${index}-${verdict}${path.extname(input.name) || '.bin'}`);
          writeFileSync(result.savedAt, input.bytes);
          examples.push(result);
        }
      }
      options.onResult?.(result, index + 1);
    }
  } finally {
    await host.stop();
  }
  return { seed: options.seed, count: index, tallies, examples, timedOut, seconds: (performance.now() - started) / 1000 };
}

/** The final line (issue 9): `fuzz: N inputs, N rejected cleanly, N crashes, N hangs, N lost`. */
export function summaryLine(report: CampaignReport): string {
  let inputs = 0, rejected = 0, crash = 0, hang = 0, lost = 0;
  for (const t of report.tallies.values()) {
    inputs += t.inputs;
    rejected += t.rejected;
    crash += t.crash;
    hang += t.hang;
    lost += t.lost;
  }
  return `fuzz: ${inputs} inputs, ${rejected} rejected cleanly, ${crash} crashes, ${hang} hangs, ${lost} lost`;
}
