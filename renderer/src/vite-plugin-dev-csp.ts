// Under the Vite dev server (`npm run dev`, or `vite` on the web config) the page gets its scripts and
// styles from Vite's client, which injects inline <style> elements and a React Refresh preamble. The
// app's CSP forbids inline code, so in serve mode only, Vite stamps a per-start nonce on what it injects
// and the page's CSP meta tag accepts that nonce. Builds are untouched: no nonce, no relaxation.
import { randomBytes } from 'node:crypto';
import type { Plugin, UserConfig } from 'vite';

/** A Vite plugin (serve mode only) allowing Vite's injected scripts and styles by a per-start nonce; never throws. */
export function devCspNonce(): Plugin {
  const nonce = randomBytes(18).toString('base64');
  return {
    name: 'provenance-desk:dev-csp-nonce',
    apply: 'serve',
    config(): UserConfig {
      return { html: { cspNonce: nonce } };
    },
    transformIndexHtml(html) {
      return html.replace(/(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/, (_m, open: string, policy: string, close: string) => {
        const withNonce = policy
          .replace(/script-src 'self'/, `script-src 'self' 'nonce-${nonce}'`)
          .replace(/style-src 'self'/, `style-src 'self' 'nonce-${nonce}'`);
        return `${open}${withNonce}${close}`;
      });
    },
  };
}
