import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp.ts';

// Serves the built web renderer (out/web) on 127.0.0.1 with the app's CSP, the way the Electron
// protocol handler serves it: only files inside the root, only known types, nothing listed.

/** Port used when PORT is not set. */
export const DEFAULT_PORT = 5317;

/** Media types of the files the renderer build contains; anything else is refused. */
export const SERVED_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.pfb': 'application/octet-stream',
  '.bcmap': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.vtt': 'text/vtt; charset=utf-8',
  '.wav': 'audio/wav',
};

/** Maps a request path to a file inside root; returns null for traversal, odd encodings or unknown types. */
export function resolveRequestPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  // No hidden files or folders (`.env.json`, `.git/…`), as the app:// protocol refuses them.
  if (relative.split('/').some((segment) => segment.startsWith('.') && segment !== '..' && segment !== '.')) return null;
  const full = path.resolve(root, relative);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  if (!(path.extname(full).toLowerCase() in SERVED_TYPES)) return null;
  return full;
}

/** Starts the static server; resolves with the server and its URL once listening, rejects if the port is taken. */
export function startWebServer(root: string, port: number): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    const send = (status: number, text: string) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
      res.end(text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    const requested = resolveRequestPath(root, req.url ?? '/');
    if (!requested) return send(404, 'not found');
    try {
      // Follow links, then check again: a link inside the root must not reach outside it (as protocol.ts does).
      const [rootPath, file] = await Promise.all([realpath(root), realpath(requested)]);
      if (!file.startsWith(rootPath + path.sep)) return send(404, 'not found');
      const info = await stat(file);
      const type = SERVED_TYPES[path.extname(file).toLowerCase()];
      if (!info.isFile() || type === undefined) return send(404, 'not found');
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': info.size,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cache-Control': 'no-cache',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    } catch {
      send(404, 'not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve({ server, url: `http://127.0.0.1:${actual}/` });
    });
  });
}

const isEntry = process.argv[1] !== undefined && /serve-web\.ts$/.test(process.argv[1]);
if (isEntry) {
  const root = fileURLToPath(new URL('../out/web', import.meta.url));
  const raw = process.env['PORT'];
  const port = raw === undefined || raw === '' ? DEFAULT_PORT : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`serve-web: PORT must be a number from 0 to 65535, not "${raw}"\n`);
    process.exit(2);
  }
  try {
    await stat(path.join(root, 'index.html'));
  } catch {
    process.stderr.write(`serve-web: ${root}/index.html is missing; run "npm run build:web" first (npm run web does both)\n`);
    process.exit(2);
  }
  startWebServer(root, port).then(
    ({ url }) => process.stdout.write(`Provenance Desk is served at ${url} (Ctrl+C stops it)\n`),
    (error: unknown) => {
      process.stderr.write(`serve-web: cannot listen on 127.0.0.1:${port}: ${error instanceof Error ? error.message : String(error)}; set PORT to another port\n`);
      process.exit(2);
    },
  );
}
