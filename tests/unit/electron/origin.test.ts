import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, isTrustedUrl, originOf, resolveRendererEntry } from '../../../electron/main/origin.ts';

describe('originOf', () => {
  it('gives scheme://host for the app scheme, where URL.origin would say "null"', () => {
    expect(originOf('app://desk/index.html')).toBe('app://desk');
  });

  it('keeps the port', () => {
    expect(originOf('http://localhost:5173/x')).toBe('http://localhost:5173');
  });

  it.each(['not a url', 'file:///etc/passwd', 'about:blank', 'data:text/html,x'])('is null for %s', (url) => {
    expect(originOf(url)).toBeNull();
  });
});

describe('isTrustedUrl', () => {
  it('accepts the app origin only', () => {
    expect(isTrustedUrl('app://desk/a.html', [APP_ORIGIN])).toBe(true);
    expect(isTrustedUrl('app://desk.evil/a.html', [APP_ORIGIN])).toBe(false);
    expect(isTrustedUrl('app://evil@desk.example/', [APP_ORIGIN])).toBe(false);
    expect(isTrustedUrl('https://desk/', [APP_ORIGIN])).toBe(false);
  });
});

describe('resolveRendererEntry', () => {
  it('loads app://desk/index.html when packaged, whatever the environment says', () => {
    expect(resolveRendererEntry({ isPackaged: true, devServerUrl: 'http://localhost:5173/' })).toEqual({ url: APP_ENTRY_URL, trustedOrigins: [APP_ORIGIN] });
  });

  it('loads app://desk/index.html without a dev server', () => {
    expect(resolveRendererEntry({ isPackaged: false, devServerUrl: undefined })).toEqual({ url: APP_ENTRY_URL, trustedOrigins: [APP_ORIGIN] });
  });

  it('trusts a loopback dev server in development', () => {
    expect(resolveRendererEntry({ isPackaged: false, devServerUrl: 'http://localhost:5173' })).toEqual({
      url: 'http://localhost:5173/',
      trustedOrigins: [APP_ORIGIN, 'http://localhost:5173'],
    });
  });

  it.each(['https://example.com/', 'http://192.168.1.2:5173/', 'file:///tmp/index.html', 'nonsense'])('refuses the dev server URL %s', (url) => {
    expect(() => resolveRendererEntry({ isPackaged: false, devServerUrl: url })).toThrow(/ELECTRON_RENDERER_URL/);
  });
});
