import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Flags every e2e launch uses: headless, no sandbox as root, and no background traffic on this closed network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
];

/** A browser session with its own profile and the console problems seen so far. */
export interface Session {
  /** The persistent context (its IndexedDB survives reloads and new pages). */
  context: BrowserContext;
  /** The first page. */
  page: Page;
  /** Console errors, page errors and CSP violations, as text. */
  problems: string[];
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/** Records console errors, uncaught exceptions and failed requests of a page into problems. */
export function watchProblems(page: Page, problems: string[]): void {
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
}

/** Launches Chromium with a fresh profile, opens one page watched for problems; throws when Chromium is missing. */
export async function openSession(): Promise<Session> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'pd-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  watchProblems(page, problems);
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
