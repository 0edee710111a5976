import path from 'node:path';
import { readFileSync } from 'node:fs';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from './app-helpers.ts';
import { openSession, type Session } from './browser.ts';

// Developers run the renderer under Vite's dev server (`npm run dev` in Electron). Vite injects inline
// styles and a React Refresh preamble, which the app's CSP would block; in serve mode only, a per-start
// nonce lets them in. The production build must carry no nonce.
describe('the renderer under Vite\'s dev server', () => {
  let server: ViteDevServer;
  let session: Session;
  beforeAll(async () => {
    server = await createServer({ configFile: path.join(REPO, 'vite.web.config.ts'), server: { host: '127.0.0.1', port: 0 }, logLevel: 'silent' });
    await server.listen();
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('renders with no CSP violation, while the built page keeps the strict policy', async () => {
    const { page, problems } = session;
    const csp: string[] = [];
    await page.exposeFunction('__reportCsp', (v: string) => void csp.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __reportCsp(v: string): void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const url = server.resolvedUrls?.local[0];
    expect(url).toBeTruthy();
    await page.goto(url!);
    await page.getByRole('textbox', { name: 'Your name' }).waitFor({ timeout: 60_000 });
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(policy).not.toContain('unsafe-inline');
    expect(csp).toEqual([]);
    expect(problems.filter((p) => !p.includes('[vite]'))).toEqual([]);
    // The e2e global setup built out/web: no nonce there.
    expect(readFileSync(path.join(REPO, 'out/web/index.html'), 'utf8')).not.toContain('nonce');
  });
});
