import { readdir } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatFigure, type Bench } from './harness.ts';

// Every file bench/*.bench.ts default-exports an array of Bench; adding a benchmark is adding a file.
const here = path.dirname(fileURLToPath(import.meta.url));

async function loadBenches(): Promise<Bench[]> {
  const files = (await readdir(here)).filter((f) => f.endsWith('.bench.ts')).sort();
  const all: Bench[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { default: Bench[] };
    all.push(...mod.default);
  }
  return all;
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const names = args.filter((a) => !a.startsWith('--'));
const benches = await loadBenches();
if (args.includes('--list')) {
  for (const b of benches) process.stdout.write(`${b.name}: ${b.summary}\n`);
  process.exit(0);
}
const unknown = names.filter((n) => !benches.some((b) => b.name === n));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown benchmark ${unknown.join(', ')}; known: ${benches.map((b) => b.name).join(', ')}\n`);
  process.exit(2);
}
let failed = 0;
for (const b of benches.filter((x) => names.length === 0 || names.includes(x.name))) {
  process.stderr.write(`bench ${b.name}: ${b.summary}\n`);
  try {
    for (const f of await b.run()) process.stdout.write((json ? JSON.stringify(f) : formatFigure(f)) + '\n');
  } catch (error: unknown) {
    failed++;
    process.stderr.write(`bench ${b.name} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
}
process.exit(failed > 0 ? 1 : 0);
