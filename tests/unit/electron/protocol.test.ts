import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.ts'));

import {
  APP_FILE_TYPES,
  createAppProtocolHandler,
  registerAppProtocol,
  registerAppScheme,
  resolveAppPath,
} from '../../../electron/main/protocol.ts';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp.ts';
import { app, protocol, resetFakeElectron } from './fake-electron.ts';

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self' blob: data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

let sandbox: string;
let root: string;

beforeAll(async () => {
  sandbox = await mkdtemp(path.join(tmpdir(), 'desk-protocol-'));
  root = path.join(sandbox, 'renderer');
  await mkdir(path.join(root, 'assets', 'folder.js'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Desk</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'app.css'), 'body{}');
  await writeFile(path.join(root, 'assets', 'tool.exe'), 'MZ');
  await writeFile(path.join(root, '.env'), 'SECRET=1');
  await writeFile(path.join(sandbox, 'secret.js'), 'outside');
  await writeFile(path.join(sandbox, 'renderer-sibling.js'), 'outside');
  await symlink(path.join(sandbox, 'secret.js'), path.join(root, 'assets', 'link.js'));
});

afterAll(async () => {
  await rm(sandbox, { recursive: true, force: true });
});

async function get(url: string, method = 'GET'): Promise<Response> {
  return createAppProtocolHandler(root)(new Request(url, { method }));
}

describe('resolveAppPath', () => {
  it('maps app URLs to files under the root', () => {
    expect(resolveAppPath('/r', 'app://desk/assets/app.js')).toBe(path.resolve('/r', 'assets', 'app.js'));
    expect(resolveAppPath('/r', 'app://desk/')).toBe(path.resolve('/r', 'index.html'));
    expect(resolveAppPath('/r', 'app://desk/index.html?x=1#y')).toBe(path.resolve('/r', 'index.html'));
  });

  it.each([
    ['a parent segment', 'app://desk/../secret.js'],
    ['an encoded parent segment', 'app://desk/%2e%2e/secret.js'],
    ['an encoded parent with an encoded slash', 'app://desk/%2e%2e%2fsecret.js'],
    ['a parent segment behind an encoded slash', 'app://desk/assets/..%2f..%2fsecret.js'],
    ['an encoded backslash', 'app://desk/..%5csecret.js'],
    ['an absolute path after a double slash', 'app://desk//etc/passwd.js'],
    ['an encoded absolute path', 'app://desk/%2fetc%2fpasswd.js'],
    ['a drive letter', 'app://desk/C:/Windows/win.ini.js'],
    ['a NUL byte', 'app://desk/index.html%00.js'],
    ['bad percent-encoding', 'app://desk/%E0%A4%A.js'],
    ['a hidden file', 'app://desk/.env'],
    ['an unknown extension', 'app://desk/assets/tool.exe'],
    ['no extension', 'app://desk/assets/app'],
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///r/index.html'],
    ['an unparseable URL', 'app://'],
  ])('rejects %s', (_why, url) => {
    expect(resolveAppPath('/r', url)).toBeNull();
  });

  it('never resolves outside the root, whatever the path (property)', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E%2e', '%2f', '%5c', '', 'assets', 'index.html', 'a.js', '%00', 'C:', '~'),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const resolved = resolveAppPath('/r', `app://desk/${segments.join('/')}`);
        if (resolved === null) return true;
        const relative = path.relative(path.resolve('/r'), resolved);
        return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) && APP_FILE_TYPES.has(path.extname(resolved).toLowerCase());
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the app: protocol handler', () => {
  it('serves index.html with the CSP, nosniff and its content type', async () => {
    const response = await get('app://desk/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe('<!doctype html><title>Desk</title>');
  });

  it('serves / as index.html', async () => {
    expect(await (await get('app://desk/')).text()).toContain('<title>Desk</title>');
  });

  it('serves scripts and styles with their types', async () => {
    expect((await get('app://desk/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://desk/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it.each([
    'app://desk/../secret.js',
    'app://desk/%2e%2e/secret.js',
    'app://desk/%2e%2e%2fsecret.js',
    'app://desk/..%2frenderer-sibling.js',
    'app://desk/%2ftmp%2fsecret.js',
    'app://desk/.env',
    'app://desk/assets/tool.exe',
    'app://desk/missing.js',
    'app://desk/assets/folder.js',
    'app://desk/assets/link.js',
    'app://other/index.html',
  ])('answers 404, with the CSP, for %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    expect(await response.text()).toBe('Not found');
  });

  it('answers 405 to methods other than GET and HEAD', async () => {
    const response = await get('app://desk/index.html', 'POST');
    expect(response.status).toBe(405);
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://desk/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('answers 404 when the root itself is missing', async () => {
    const response = await createAppProtocolHandler(path.join(sandbox, 'nope'))(new Request('app://desk/index.html'));
    expect(response.status).toBe(404);
  });
});

describe('scheme registration', () => {
  beforeEach(() => {
    resetFakeElectron();
  });

  it('registers app: as standard and secure, without bypassing CSP or enabling CORS', () => {
    registerAppScheme();
    expect(protocol.privileged).toHaveLength(1);
    const [registration] = protocol.privileged;
    expect(registration?.scheme).toBe('app');
    expect(registration?.privileges).toMatchObject({ standard: true, secure: true, bypassCSP: false, corsEnabled: false, allowServiceWorkers: false });
  });

  it('serves the root through protocol.handle once the app is ready', async () => {
    app.markReady();
    registerAppProtocol(root);
    const handler = protocol.handlers.get('app');
    expect(handler).toBeTypeOf('function');
    const response = await handler?.(new Request('app://desk/index.html'));
    expect(response?.status).toBe(200);
  });

  it('shares the one CSP string with the web server', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(EXPECTED_CSP);
  });
});
