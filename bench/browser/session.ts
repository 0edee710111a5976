// The app in real Chromium for the browser benchmarks: the web renderer built once per process (into a
// temporary folder, so parallel e2e runs building out/web are not disturbed), served with the app's CSP
// by scripts/serve-web.ts, and driven through its UI the way the e2e helpers do.
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { build } from 'vite';
import { startWebServer } from '../../scripts/serve-web.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/e2e/browser.ts';
import { INSTRUMENT_SCRIPT } from './page-scripts.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let served: Promise<string> | null = null;

/** Builds the web renderer (once per process) and serves it on a free port; resolves to its URL. */
export function appUrl(): Promise<string> {
  served ??= (async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'pd-bench-web-'));
    process.on('exit', () => rmSync(out, { recursive: true, force: true }));
    const t0 = performance.now();
    await build({ configFile: path.join(REPO, 'vite.web.config.ts'), logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
    process.stderr.write(`browser benches: web renderer built in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    const { server, url } = await startWebServer(out, 0);
    server.unref();
    return url;
  })();
  return served;
}

/** A Chromium with its own profile, the app open, and its instrumentation installed. */
export interface BenchSession {
  /** The browser context (persistent profile). */
  context: BrowserContext;
  /** The page the app runs in. */
  page: Page;
  /** A DevTools session on the page (garbage collection, heap usage). */
  cdp: CDPSession;
  /** The served app's URL. */
  url: string;
  /** Page errors and console errors seen. */
  problems: string[];
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/** Launches Debian's Chromium with precise heap figures and the worker/gap instrumentation; throws when Chromium is missing. */
export async function openBench(): Promise<BenchSession> {
  const url = await appUrl();
  const profile = await mkdtemp(path.join(tmpdir(), 'pd-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
    viewport: { width: 1400, height: 900 },
  });
  await context.addInitScript(INSTRUMENT_SCRIPT);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  const cdp = await context.newCDPSession(page);
  return {
    context,
    page,
    cdp,
    url,
    problems,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Forces a full garbage collection in the page and resolves to `performance.memory.usedJSHeapSize` after it. */
export async function heapAfterGc(s: BenchSession): Promise<number> {
  await s.cdp.send('HeapProfiler.collectGarbage');
  return (await s.page.evaluate('performance.memory.usedJSHeapSize')) as number;
}

/** Answers the first-use prompt and creates a workspace; resolves when the desk shows (as tests/e2e/app-helpers.ts). */
export async function createWorkspace(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('textbox', { name: 'Your name' }).fill('Ana Ruiz');
  await page.keyboard.press('Enter');
  await page.getByRole('textbox', { name: 'Workspace name' }).fill(name);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.getByRole('region', { name: 'Claims' }).waitFor();
}

/** The Sources list's buttons whose name matches. */
export function sourceButtons(page: Page, name: RegExp) {
  return page.getByRole('list', { name: 'Source files' }).getByRole('button', { name });
}

/** Adds files through the Add sources… file chooser; resolves once `count` sources matching `listedAs` are listed. */
export async function addSources(page: Page, files: string[], listedAs: RegExp, count: number, timeout = 120_000): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('navigation', { name: 'Workspace actions' }).getByRole('button', { name: 'Add sources…' }).click();
  await (await chooser).setFiles(files);
  await sourceButtons(page, listedAs).nth(count - 1).waitFor({ timeout });
}

/** Opens the draft import dialog and chooses a file; resolves to a function that clicks Import (the caller times it). */
export async function prepareDraftImport(page: Page, file: string): Promise<() => Promise<void>> {
  await page.getByRole('navigation', { name: 'Workspace actions' }).getByRole('button', { name: 'Import draft…' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose file…' }).click();
  await (await chooser).setFiles(file);
  return () => page.getByRole('button', { name: 'Import', exact: true }).click();
}
