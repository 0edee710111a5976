// The local web server (scripts/serve-web.ts) serves the built renderer the way the app: protocol does:
// only files inside the root, only known types, the app's CSP on every response. Requests are sent raw
// (node:http, not fetch) so that `..`, encoded dots and backslashes reach the server exactly as written.
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVED_TYPES, resolveRequestPath, startWebServer } from '../../../scripts/serve-web.ts';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp.ts';

let sandbox: string;
let root: string;
let server: Server;
let port: number;

beforeAll(async () => {
  sandbox = await realpath(await mkdtemp(path.join(tmpdir(), 'desk-serve-web-')));
  root = path.join(sandbox, 'web');
  await mkdir(path.join(root, 'assets', 'folder.js'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Desk</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log("app")');
  await writeFile(path.join(root, 'assets', 'tool.exe'), 'MZ');
  await writeFile(path.join(root, '.env'), 'SECRET=1');
  await writeFile(path.join(sandbox, 'secret.js'), 'outside the root');
  await writeFile(path.join(sandbox, 'web-sibling.js'), 'outside the root, sharing its name as a prefix');
  await symlink(path.join(sandbox, 'secret.js'), path.join(root, 'assets', 'link.js'));
  await symlink(sandbox, path.join(root, 'escape'));
  await symlink(path.join(root, 'assets', 'tool.exe'), path.join(root, 'assets', 'exe-link.js'));
  await symlink(path.join(root, 'assets', 'app.js'), path.join(root, 'assets', 'alias.js'));
  ({ server } = await startWebServer(root, 0));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(sandbox, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends `rawPath` verbatim as the request target. */
function send(rawPath: string, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const inside = (file: string | null): boolean => file !== null && file.startsWith(root + path.sep);

// Request paths that must never be served: traversal (plain, percent-encoded in any case, mixed), the
// sibling directory that shares the root's name as a prefix, backslashes, NUL, broken escapes, unknown types.
const REFUSED = [
  '/../secret.js',
  '/assets/../../secret.js',
  '/%2e%2e/secret.js',
  '/%2E%2E/secret.js',
  '/.%2e/secret.js',
  '/%2e%2e%2fsecret.js',
  '/assets/%2e%2e%2f%2e%2e%2fsecret.js',
  '/..%2F..%2F..%2Fetc%2Fpasswd',
  '/../web-sibling.js',
  '/%2e%2e/web-sibling.js',
  '/..\\secret.js',
  '/%5c..%5csecret.js',
  '/assets%5capp.js',
  '/assets\\app.js',
  '/index.html%00.js',
  '/assets/app.js%00',
  '/%00',
  '/%',
  '/%E0%A4%A',
  '/assets/tool.exe',
  '/.env',
  '/assets/',
];

describe('resolveRequestPath', () => {
  it.each(REFUSED)('refuses %s', (p) => {
    expect(resolveRequestPath(root, p)).toBeNull();
  });

  it('maps / to index.html and ignores the query and fragment', () => {
    expect(resolveRequestPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveRequestPath(root, '')).toBe(path.join(root, 'index.html'));
    expect(resolveRequestPath(root, '/assets/app.js?v=2#top')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveRequestPath(root, '/assets/app%2Ejs')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it('refuses hidden files and folders, as the app:// protocol does', () => {
    for (const p of ['/.env.json', '/.x.json', '/assets/.hidden.js', '/.git/config.txt', '/%2Eenv.json']) expect(resolveRequestPath(root, p), p).toBeNull();
    expect(resolveRequestPath(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it('keeps an absolute path inside the root instead of opening it', () => {
    for (const p of ['//etc/passwd.txt', `/${path.join(sandbox, 'secret.js')}`, `//${sandbox.slice(1)}/secret.js`]) {
      const resolved = resolveRequestPath(root, p);
      expect(inside(resolved), `${p} → ${resolved}`).toBe(true);
    }
  });

  it('never resolves outside the root, whatever the path (property)', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E.', '.%2e', '', 'assets', 'index.html', 'app.js', '%2f', '%5c', '\\', '%00', '//', 'web-sibling.js', '..%2f'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), fc.constantFrom('', '.js', '.html', '.json', '.txt'), (segments, ext) => {
        const resolved = resolveRequestPath(root, `/${segments.join('/')}${ext}`);
        if (resolved === null) return;
        expect(inside(resolved)).toBe(true);
        expect(path.relative(root, resolved).split(path.sep)).not.toContain('..');
        expect(path.extname(resolved).toLowerCase() in SERVED_TYPES).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('startWebServer', () => {
  it('serves index.html and an asset with their type, the CSP, nosniff and no caching of stale builds', async () => {
    const index = await send('/');
    expect(index.status).toBe(200);
    expect(index.body).toBe('<!doctype html><title>Desk</title>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const app = await send('/assets/app.js?v=1');
    expect(app).toMatchObject({ status: 200, body: 'console.log("app")' });
    expect(app.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(app.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each(REFUSED.filter((p) => !p.includes('\\')))('answers 404 with the CSP, and nothing of the file, to %s', async (p) => {
    const reply = await send(p);
    expect(reply.status).toBe(404);
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.body).not.toMatch(/outside the root|SECRET|MZ|root:/);
  });

  it('answers 404 with the CSP to a missing file and to a directory named like a file', async () => {
    for (const p of ['/missing.js', '/assets/folder.js']) {
      const reply = await send(p);
      expect(reply.status, p).toBe(404);
      expect(reply.headers['content-security-policy'], p).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('does not follow a symbolic link out of the root', async () => {
    for (const p of ['/assets/link.js', '/escape/secret.js', '/escape/web-sibling.js']) {
      const reply = await send(p);
      expect(reply.status, p).toBe(404);
      expect(reply.body, p).not.toMatch(/outside the root/);
      expect(reply.headers['content-security-policy'], p).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('follows a link inside the root only to a file of a served type', async () => {
    const exe = await send('/assets/exe-link.js');
    expect(exe.status).toBe(404);
    expect(exe.body).not.toContain('MZ');
    const alias = await send('/assets/alias.js');
    expect(alias).toMatchObject({ status: 200, body: 'console.log("app")' });
    expect(alias.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('answers HEAD with the headers only, and 405 with the CSP to other methods', async () => {
    const head = await send('/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const reply = await send('/index.html', method);
      expect(reply.status, method).toBe(405);
      expect(reply.headers['content-security-policy'], method).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('listens on loopback only', () => {
    const address = server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
  });
});
