// `npm run fuzz -- [--count N] [--seed S] [--time-limit SECONDS] [--only IMPORTER[,IMPORTER]] [--out DIR] [--no-store]`
// Runs the bad-input campaign over every importer that exists, prints one table row per importer, the
// first crashes, hangs and losses with a reproducer, and ends with the line
// `fuzz: N inputs, N rejected cleanly, N crashes, N hangs, N lost`. Exit 1 on any crash, hang or loss,
// 2 on bad usage.
import os from 'node:os';
import path from 'node:path';
import { runCampaign, summaryLine, type CampaignReport } from './campaign.ts';
import { importerSpecs } from './importers/index.ts';

/** Inputs tried when --count is not given. */
export const DEFAULT_COUNT = 10_000;
/** Seed used when --seed is not given. */
export const DEFAULT_SEED = 1;

interface Args {
  count: number;
  seed: number;
  timeLimit?: number;
  only: string[] | null;
  out?: string;
  store: boolean;
  verbose: boolean;
}

function usage(message: string): never {
  process.stderr.write(`fuzz: ${message}\nusage: npm run fuzz -- [--count N] [--seed S] [--time-limit SECONDS] [--only IMPORTER[,…]] [--out DIR] [--no-store] [--verbose]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { count: DEFAULT_COUNT, seed: DEFAULT_SEED, only: null, store: true, verbose: false };
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < 0) usage(`${flag} needs a non-negative integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--count') args.count = num(flag, value());
    else if (flag === '--seed') args.seed = num(flag, value());
    else if (flag === '--time-limit') args.timeLimit = num(flag, value());
    else if (flag === '--only') args.only = (value() ?? usage('--only needs an importer name')).split(',').filter(Boolean);
    else if (flag === '--out') args.out = value() ?? usage('--out needs a directory');
    else if (flag === '--no-store') args.store = false;
    else if (flag === '--verbose') args.verbose = true;
    else usage(`unknown argument ${a}`);
  }
  return args;
}

function table(report: CampaignReport, entries: Map<string, string>): string {
  const head = ['importer', 'inputs', 'accepted', 'rejected cleanly', 'crashes', 'hangs', 'lost', 'avg ms'];
  const rows = [...report.tallies].map(([name, t]) => [name, t.inputs, t.accepted, t.rejected, t.crash, t.hang, t.lost, t.inputs ? (t.ms / t.inputs).toFixed(1) : '-'].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  out.push('', 'entry points:', ...[...entries].map(([n, e]) => `  ${n}: ${e}`));
  out.push('', 'input kinds per importer:');
  for (const [name, t] of report.tallies) out.push(`  ${name}: ${Object.entries(t.byKind).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  return out.join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const all = importerSpecs();
  const missing = all.filter((s) => !s.available);
  let chosen = all.filter((s) => s.available);
  if (args.only !== null) {
    const unknown = args.only.filter((n) => !all.some((s) => s.name === n));
    if (unknown.length > 0) usage(`unknown importer ${unknown.join(', ')}; known: ${all.map((s) => s.name).join(', ')}`);
    chosen = chosen.filter((s) => args.only!.includes(s.name));
  }
  if (chosen.length === 0) usage('no importer to run');
  for (const m of missing) process.stderr.write(`fuzz: skipping ${m.name}: its module does not exist yet\n`);
  const outDir = args.out ?? path.join(os.tmpdir(), `provenance-fuzz-seed${args.seed}`);
  process.stderr.write(`fuzz: seed ${args.seed}, up to ${args.count} inputs${args.timeLimit !== undefined ? `, ${args.timeLimit} s` : ''}, importers ${chosen.map((c) => c.name).join(', ')}; offending inputs go to ${outDir}\n`);
  const report = await runCampaign(chosen, {
    count: args.count,
    seed: args.seed,
    ...(args.timeLimit !== undefined ? { timeLimitSeconds: args.timeLimit } : {}),
    outDir,
    storeCheck: args.store,
    onResult(r, done) {
      if (args.verbose) process.stderr.write(`${r.index} ${r.importer} ${r.kind} ${r.verdict} ${r.ms.toFixed(0)}ms ${r.detail.slice(0, 160)}\n`);
      else if (done % 250 === 0) process.stderr.write(`fuzz: ${done} inputs\n`);
      if (r.verdict === 'crash' || r.verdict === 'hang' || r.verdict === 'lost') process.stderr.write(`fuzz: ${r.verdict} in ${r.importer} at index ${r.index} (${r.label}): ${r.detail.slice(0, 300)}\n`);
    },
  });
  const out: string[] = [table(report, new Map(chosen.map((c) => [c.name, c.entry])))];
  if (report.timedOut) out.push('', `stopped by the time limit after ${report.count} of ${args.count} inputs`);
  const bad = report.examples.filter((e) => e.verdict !== 'accepted' && e.verdict !== 'rejected');
  if (bad.length > 0) {
    out.push('', 'first crashes, hangs and losses (reproduce: npm run fuzz -- --seed S --count INDEX+1 --only IMPORTER, or feed the saved file):');
    for (const e of bad) {
      out.push(`  ${e.verdict} ${e.importer} seed ${report.seed} index ${e.index}: ${e.label}, ${e.name} (${e.size} bytes)`, `    ${e.detail.slice(0, 600)}`, `    input: ${e.savedAt ?? '(not saved)'}`);
    }
  }
  out.push('', `${report.seconds.toFixed(0)} s`, summaryLine(report));
  process.stdout.write(out.join('\n') + '\n');
  const failed = [...report.tallies.values()].some((t) => t.crash + t.hang + t.lost > 0);
  process.exitCode = failed ? 1 : 0;
}

await main();
