import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, type Session } from './browser.ts';

describe('the web build in Chromium', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('opens, asks who works, creates a workspace with the three regions, no console error and no CSP violation', async () => {
    const { page, problems } = session;
    const csp: string[] = [];
    await page.exposeFunction('__reportCsp', (v: string) => void csp.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __reportCsp(v: string): void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const response = await page.goto(inject('baseURL'));
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.getByRole('textbox', { name: 'Your name' }).fill('Ana Ruiz');
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: 'Workspace name' }).fill('First look');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('region', { name: 'Claims' }).waitFor();
    for (const name of ['Claims', 'Source viewer', 'Evidence']) {
      await expect(page.getByRole('region', { name }).isVisible()).resolves.toBe(true);
    }
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    expect(csp).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('refuses paths outside the build and unknown file types', async () => {
    const base = new URL(inject('baseURL'));
    // Raw request paths: fetch() would normalise `..` away before it reached the server.
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/index.html%00.js', '/secret.env', '/assets']) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({ host: base.hostname, port: base.port, path: p, method: 'GET' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status, p).toBe(404);
    }
  });
});
