import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addSources, createWorkspace, SHARED } from './app-helpers.ts';
import { openSession, type Session } from './browser.ts';
import { CANARY_PAYLOAD, fontMatrixInjectionPdf } from './fixtures/make-pdf.ts';

// Issue 9, item 3: hostile PDFs execute nothing. pdf.js's evaljs.pdf (document JavaScript calling
// app.alert, print and eval) and a canary PDF made here in the CVE-2024-4367 shape (JavaScript smuggled
// through a Type1 font's /FontMatrix) are imported, extracted and rendered; a canary global set before the
// app loads stays untouched, hooks on every eval-like and dialog API record no call, and the page reports
// no CSP violation (an eval that got as far as the engine would be one: the CSP has no 'unsafe-eval').
const EVALJS = path.join(SHARED, 'conformance/pdfjs-corpus/evaljs.pdf');

declare global {
  interface Window {
    __canary: string;
    __reportCsp(v: string): void;
  }
}

// The canary is an accessor: whatever sets `window.__canary` (the payload, or a hook) also writes it to the
// <html> element's data-canary attribute, which the test reads from Playwright's isolated world. The test
// never evaluates code in the app page's main world: Playwright's page.evaluate itself calls that world's
// eval (and DevTools evaluation is exempt from the CSP), which would trip the hook.
/** Installs the canary and the hooks in every document of the page, before any of its scripts. */
async function armCanary(page: Page, csp: string[]): Promise<void> {
  await page.exposeFunction('__reportCsp', (v: string) => void csp.push(v));
  await page.addInitScript(() => {
    let value = 'untouched';
    const show = () => {
      document.documentElement?.setAttribute('data-canary', value);
    };
    Object.defineProperty(window, '__canary', {
      get: () => value,
      set: (v: unknown) => {
        value = String(v);
        show();
      },
      configurable: false,
    });
    show();
    document.addEventListener('DOMContentLoaded', show);
    const flip = (what: string) => {
      const stack = new Error('canary').stack ?? '';
      // Playwright's own machinery (its UtilityScript, run by DevTools, which the CSP exempts) evaluates
      // through the main world's eval when it reads element state; those calls are the test's, not the page's.
      if (value !== 'untouched' || /^\s+at UtilityScript\.evaluate \(<anonymous>:/m.test(stack)) return;
      window.__canary = `${what} was called`;
      document.documentElement?.setAttribute('data-canary-stack', stack);
    };
    const hook = <T extends object>(target: T, name: string) =>
      new Proxy(target, {
        apply(fn, self, args) {
          flip(name);
          return Reflect.apply(fn as (...a: unknown[]) => unknown, self, args);
        },
        construct(fn, args, newTarget) {
          flip(name);
          return Reflect.construct(fn as new (...a: unknown[]) => object, args, newTarget);
        },
      });
    const w = window as unknown as Record<string, unknown>;
    for (const name of ['eval', 'alert', 'confirm', 'prompt', 'print', 'open']) {
      const original = w[name];
      if (typeof original === 'function') w[name] = hook(original, name);
    }
    // `Function` and its spelling through any function's constructor (the CVE compiled glyph paths with it).
    const hookedFunction = hook(Function, 'Function');
    w['Function'] = hookedFunction;
    Object.defineProperty(Function.prototype, 'constructor', { value: hookedFunction, writable: true, configurable: true });
    for (const name of ['setTimeout', 'setInterval']) {
      // A string handler is an eval.
      const original = w[name] as (handler: unknown, ...rest: unknown[]) => number;
      w[name] = function (this: unknown, handler: unknown, ...rest: unknown[]) {
        if (typeof handler === 'string') flip(`${name} with a string`);
        return original.call(this, handler, ...rest);
      };
    }
    // Acrobat's JavaScript API, which evaljs.pdf calls (app.alert): present here only to be tripped.
    if (!('app' in w)) w['app'] = { alert: () => flip('app.alert'), launchURL: () => flip('app.launchURL') };
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportCsp(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

/** The canary as the page's <html> shows it, with the stack of the call that flipped it, if any. */
async function canary(page: Page): Promise<string> {
  const html = page.locator('html');
  const value = await html.getAttribute('data-canary');
  const stack = await html.getAttribute('data-canary-stack');
  return stack === null ? String(value) : `${value}\n${stack}`;
}

/** Goes to every page of the open PDF and resolves when each one's canvas and text layer are done. */
async function renderEveryPage(page: Page): Promise<number> {
  const viewer = page.locator('[data-rendered-pages]');
  await page.waitForSelector('[data-page-index="0"][data-text-layer="ready"]', { timeout: 60_000 });
  const count = Number(await viewer.getAttribute('data-page-count'));
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await page.getByRole('textbox', { name: 'Page' }).fill(String(i + 1));
    await page.getByRole('textbox', { name: 'Page' }).press('Enter');
    await expect
      .poll(async () => (await viewer.getAttribute('data-rendered-pages'))?.split(',').includes(String(i)), { timeout: 30_000 })
      .toBe(true);
  }
  return count;
}

describe('hostile PDFs in Chromium', () => {
  let session: Session;
  let dir: string;
  const csp: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pd-hostile-'));
    session = await openSession();
    await armCanary(session.page, csp);
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the hooks work: an eval the test makes itself is caught by them and refused by the CSP', async () => {
    // A probe in a throwaway page of the same context, so that the canary of the app's page stays clean.
    const probe = await session.context.newPage();
    const probeCsp: string[] = [];
    await armCanary(probe, probeCsp);
    // After the app loaded, the probe page's own timer calls eval: page code, not DevTools' evaluation (which
    // the CSP exempts), exactly as a payload would.
    await probe.addInitScript(() => {
      window.addEventListener('load', () => {
        window.setTimeout(() => {
          let outcome: string;
          try {
            outcome = String(window.eval('1 + 1'));
          } catch (e) {
            outcome = (e as Error).name;
          }
          document.documentElement.setAttribute('data-probe', outcome);
        }, 0);
      });
    });
    await probe.goto(inject('baseURL'));
    await probe.locator('html[data-probe]').waitFor({ state: 'attached' });
    await expect(probe.locator('html').getAttribute('data-probe')).resolves.toBe('EvalError');
    await expect(canary(probe)).resolves.toMatch(/^eval was called/);
    await expect.poll(() => probeCsp.join('\n')).toMatch(/^script-src(-elem)? eval /);
    await probe.close();
  });

  it("evaljs.pdf: imported, every page rendered, none of its JavaScript runs", async () => {
    const { page, problems } = session;
    await createWorkspace(page, inject('baseURL'), 'Hostile PDFs');
    await addSources(page, [EVALJS], [/^PDF /]);
    const pages = await renderEveryPage(page);
    expect(pages).toBeGreaterThanOrEqual(1);
    await expect(canary(page)).resolves.toBe('untouched');
    expect(csp).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('a CVE-2024-4367 font-matrix injection: imported, rendered with the hostile font, the canary stays untouched', async () => {
    const { page, problems } = session;
    const file = path.join(dir, 'font-matrix-canary.pdf');
    const bytes = fontMatrixInjectionPdf();
    expect(bytes.toString('latin1')).toContain(`/FontMatrix [1 0 0 1 0 (\\); ${CANARY_PAYLOAD}; //)]`);
    writeFileSync(file, bytes);
    await addSources(page, [file], [/^PDF font-matrix-canary/]);
    await page.getByRole('list', { name: 'Source files' }).getByRole('button', { name: /^PDF font-matrix-canary/ }).click();
    await renderEveryPage(page);
    // The glyphs drawn with the hostile font were extracted and laid out (so pdf.js did load and use it).
    await expect(page.locator('[data-page-index="0"]').textContent()).resolves.toContain('Canary font matrix filled');
    await expect(canary(page)).resolves.toBe('untouched');
    // The extraction ran in workers (no init script there): the payload did not run in them either.
    for (const worker of page.workers()) {
      await expect(worker.evaluate(() => (self as unknown as { __canary?: string }).__canary ?? 'untouched').catch(() => 'untouched')).resolves.toBe('untouched');
    }
    // A reload renders it again from storage, still executing nothing.
    await page.reload();
    await page.getByRole('list', { name: 'Source files' }).getByRole('button', { name: /^PDF font-matrix-canary/ }).click();
    await renderEveryPage(page);
    await expect(canary(page)).resolves.toBe('untouched');
    expect(csp).toEqual([]);
    expect(problems).toEqual([]);
  });
});
