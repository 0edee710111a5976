// Issue 3 benchmark. In Node: verify a 100,000-entry ledger (leaves and root; and in full: parse,
// validate, replay) against plain SHA-256 over the same canonical bytes, and time inclusion proofs. In
// real Chromium (Debian's /usr/bin/chromium through playwright-core): append 10,000 entries one
// transaction each and in bulk, verifyWorkspace over 100,000 entries in IndexedDB against plain SHA-256
// in the same page, and inclusion proofs.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { toBase64 } from '../shared/ledger/base64.ts';
import { MerkleTree } from '../shared/ledger/merkle.ts';
import { figure, type Bench, type Figure } from './harness.ts';
import { VERIFY_SIZE, linesOf, measureProofs, measureVerify } from './ledger/core.ts';
import { benchHistory } from './ledger/history.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The browser the benchmark drives. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function nodeFigures(): Promise<Figure[]> {
  const events = await benchHistory(2, VERIFY_SIZE, 'Ana', toBase64(new Uint8Array(32).fill(1)));
  const lines = linesOf(events, 'Ana');
  const m = await measureVerify(lines, () => performance.now());
  const tree = new MerkleTree();
  const enc = new TextEncoder();
  for (const l of lines) tree.appendData(enc.encode(l));
  const proofMs = measureProofs(tree, () => performance.now(), (n) => Math.floor(Math.random() * n));
  return [
    figure('ledger-verify-node', 'leaves+root entries/s (100k) vs plain SHA-256', m.merkle, m.plain, '≥ 0.5'),
    figure('ledger-verify-node', 'full verify entries/s (parse, validate, replay; 100k) vs plain SHA-256', m.full, m.plain, '≥ 0.5'),
    figure('ledger-proof-node', 'inclusion proof ms, median (100k)', proofMs, null, '< 1'),
  ];
}

async function chromiumFigures(): Promise<Figure[]> {
  const work = await mkdtemp(path.join(tmpdir(), 'ledger-bench-'));
  const server = createServer((req, res) => {
    const file = req.url === '/bench.js' ? 'bench.js' : null;
    if (file === null) {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><script src="/bench.js"></script>');
      return;
    }
    readFile(path.join(work, 'out', file)).then(
      (body) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        outDir: path.join(work, 'out'),
        emptyOutDir: true,
        minify: true,
        lib: { entry: path.join(here, 'ledger', 'browser.ts'), name: 'ledgerBench', formats: ['iife'], fileName: () => 'bench.js' },
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const context = await chromium.launchPersistentContext(path.join(work, 'profile'), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    try {
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      const r = await page.evaluate(() => (globalThis as unknown as { ledgerBench: { run(): Promise<Record<string, number>> } }).ledgerBench.run());
      const v = (k: string): number => r[k] ?? Number.NaN;
      return [
        figure('ledger-append', 'entries/s, one transaction each (10k, Chromium IndexedDB)', v('appendEach'), null, '≥ 100'),
        figure('ledger-append', 'entries/s, bulk in one transaction (10k) vs one each', v('appendBulk'), v('appendEach'), '≥ 1'),
        figure('ledger-verify', 'verifyWorkspace entries/s (100k, IndexedDB, full) vs plain SHA-256', v('verifyWorkspace'), v('plain'), '≥ 0.5'),
        figure('ledger-verify', 'leaves+root entries/s (100k, Chromium) vs plain SHA-256', v('merkle'), v('plain'), '≥ 0.5'),
        figure('ledger-verify', 'verifyLedger entries/s (100k in memory, Chromium) vs plain SHA-256', v('full'), v('plain'), '≥ 0.5'),
        figure('ledger-proof', 'inclusion proof ms, median (100k, Chromium)', v('proofMs'), null, '< 1'),
      ];
    } finally {
      await context.close();
    }
  } finally {
    server.close();
    await rm(work, { recursive: true, force: true });
  }
}

const benches: Bench[] = [
  { name: 'ledger', summary: 'Node: verify 100,000 entries vs plain SHA-256 of the same bytes; inclusion proofs', run: nodeFigures },
  {
    name: 'ledger-chromium',
    summary: 'Chromium: append 10,000 entries one by one and in bulk; verifyWorkspace over 100,000 vs plain SHA-256; proofs',
    run: chromiumFigures,
  },
];
export default benches;
