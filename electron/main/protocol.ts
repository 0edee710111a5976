// Serves the built renderer from `app://desk/` instead of `file://` (Electron security checklist 18).
// Only files inside the renderer root with a known extension are served; every other request, and every
// error, is a 404. Every response carries the app's Content-Security-Policy.
import { realpath, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { protocol, type CustomScheme } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp.ts';
import { APP_HOST, APP_SCHEME } from './origin.ts';

/** Largest file the protocol serves (bytes); the renderer's own assets are far smaller. */
export const MAX_APP_FILE_BYTES = 64 * 1024 * 1024;

/** Longest request path the protocol considers (characters). */
export const MAX_APP_PATH_LENGTH = 1024;

/** The file extensions the protocol serves and their media types; anything else is a 404. */
export const APP_FILE_TYPES: ReadonlyMap<string, string> = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.ico', 'image/x-icon'],
  ['.woff2', 'font/woff2'],
  ['.woff', 'font/woff'],
  ['.ttf', 'font/ttf'],
  ['.wasm', 'application/wasm'],
  // pdf.js: CMaps and standard fonts.
  ['.bcmap', 'application/octet-stream'],
  ['.pfb', 'application/octet-stream'],
  // The sample workspace shipped under sample/.
  ['.pdf', 'application/pdf'],
  ['.vtt', 'text/vtt; charset=utf-8'],
  ['.wav', 'audio/wav'],
  ['.txt', 'text/plain; charset=utf-8'],
]);

/** Headers every response of the app protocol carries. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/** The privileges `app:` is registered with: standard (relative URLs, origin) and secure (like https). */
export const APP_SCHEME_PRIVILEGES: CustomScheme['privileges'] = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: false,
  bypassCSP: false,
  allowServiceWorkers: false,
  stream: false,
  codeCache: true,
};

/** Registers `app:` as a privileged scheme; Electron requires this before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
}

/**
 * Maps an `app://desk/...` URL to a file under `root`, or returns null when the URL is not the app's,
 * its path as written has `.` or `..` segments (plain or percent-encoded), its decoded path has `.`/`..`/empty/hidden segments, backslashes, colons or control characters, the
 * extension is not in APP_FILE_TYPES, or the result would leave `root`. `/` maps to `index.html`.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  // URL parsing silently resolves `..` and `%2e%2e`; a request that contains them is refused instead of
  // repaired, so look at the path as written first.
  const rawPath = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/.exec(requestUrl)?.[1] ?? '';
  if (rawPath.split(/\/|%2f|%5c|\\/i).some((segment) => /^(\.|%2e){1,2}$/i.test(segment))) return null;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  if (url.pathname.length > MAX_APP_PATH_LENGTH) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded === '/' || decoded === '') decoded = '/index.html';
  if (!decoded.startsWith('/')) return null;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is rejected here
  if (/[\\:\u0000-\u001f\u007f]/.test(decoded)) return null;
  const segments = decoded.slice(1).split('/');
  if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return null;
  const last = segments[segments.length - 1] ?? '';
  if (!APP_FILE_TYPES.has(path.extname(last).toLowerCase())) return null;
  const base = path.resolve(root);
  const resolved = path.resolve(base, ...segments);
  return isInside(base, resolved) ? resolved : null;
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function reply(status: number, body: ConstructorParameters<typeof Response>[0], contentType: string): Response {
  return new Response(body, { status, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': contentType } });
}

/** A 404 with the app's headers. */
function notFound(): Response {
  return reply(404, 'Not found', 'text/plain; charset=utf-8');
}

/**
 * Builds the `app:` request handler serving files under `root`. It never throws: bad paths, missing
 * files, symbolic links leading out of `root`, oversized files and read errors all give a 404;
 * methods other than GET and HEAD give a 405.
 */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return reply(405, 'Method not allowed', 'text/plain; charset=utf-8');
    }
    const file = resolveAppPath(root, request.url);
    if (file === null) return notFound();
    try {
      // Follow links, then check again: a link inside the root must not reach outside it.
      const [rootPath, filePath] = await Promise.all([realpath(path.resolve(root)), realpath(file)]);
      if (!isInside(rootPath, filePath)) return notFound();
      const info = await stat(filePath);
      if (!info.isFile() || info.size > MAX_APP_FILE_BYTES) return notFound();
      const type = APP_FILE_TYPES.get(path.extname(filePath).toLowerCase());
      if (type === undefined) return notFound();
      const bytes = request.method === 'HEAD' ? null : new Uint8Array(await readFile(filePath));
      return reply(200, bytes, type);
    } catch {
      return notFound();
    }
  };
}

/** Serves `root` on `app://desk/` in the default session; call once the app is ready. */
export function registerAppProtocol(root: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(root));
}
