import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.ts'));

import type { Session, WebContents } from 'electron';
import { hardenSession, hardenWebContents } from '../../../electron/main/hardening.ts';
import { APP_ORIGIN } from '../../../electron/main/origin.ts';
import { FakeSession, FakeWebContents, resetFakeElectron } from './fake-electron.ts';

function hardened(isPackaged = false): FakeWebContents {
  const contents = new FakeWebContents(new FakeSession());
  hardenWebContents(contents as unknown as WebContents, { trustedOrigins: [APP_ORIGIN], isPackaged });
  return contents;
}

const FOREIGN_URLS = [
  'https://example.com/',
  'http://127.0.0.1:5173/',
  'file:///etc/passwd',
  'app://evil/index.html',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'about:blank',
  'not a url',
];

describe('hardenWebContents', () => {
  beforeEach(() => {
    resetFakeElectron();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });

  for (const eventName of ['will-navigate', 'will-frame-navigate', 'will-redirect'] as const) {
    it.each(FOREIGN_URLS)(`${eventName} is denied for %s`, (url) => {
      expect(hardened().attempt(eventName, url)).toBe(true);
    });

    it(`${eventName} within the app origin is allowed`, () => {
      expect(hardened().attempt(eventName, 'app://desk/index.html#claims')).toBe(false);
    });
  }

  it.each(['https://example.com/', 'app://desk/index.html', 'about:blank'])('window.open of %s is denied', (url) => {
    const contents = hardened();
    expect(contents.windowOpenHandler).not.toBeNull();
    expect(contents.windowOpenHandler?.({ url, frameName: '', features: '', disposition: 'new-window' })).toEqual({ action: 'deny' });
  });

  it('prevents attaching a webview', () => {
    expect(hardened().attachWebview({ nodeIntegration: true }, { src: 'https://example.com/' })).toBe(true);
  });

  it('closes devtools as soon as they open in a packaged build', () => {
    const contents = hardened(true);
    contents.openDevTools();
    expect(contents.isDevToolsOpened()).toBe(false);
  });

  it('leaves devtools alone in a development build', () => {
    const contents = hardened(false);
    contents.openDevTools();
    expect(contents.isDevToolsOpened()).toBe(true);
  });
});

describe('hardenSession', () => {
  const PERMISSIONS = ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'pointerLock', 'display-capture', 'unknown'];

  it.each(PERMISSIONS)('denies a request for %s', (permission) => {
    const session = new FakeSession();
    hardenSession(session as unknown as Session);
    let granted: boolean | undefined;
    session.permissionRequestHandler?.({}, permission, (answer) => {
      granted = answer;
    }, { requestingUrl: 'app://desk/index.html' });
    expect(granted).toBe(false);
  });

  it.each(PERMISSIONS)('answers a check for %s with false', (permission) => {
    const session = new FakeSession();
    hardenSession(session as unknown as Session);
    expect(session.permissionCheckHandler?.({}, permission, APP_ORIGIN, {})).toBe(false);
  });

  it('denies device permissions (HID, serial, USB)', () => {
    const session = new FakeSession();
    hardenSession(session as unknown as Session);
    expect(session.devicePermissionHandler?.({ deviceType: 'usb', origin: APP_ORIGIN })).toBe(false);
  });

  it('installs all three handlers', () => {
    const session = new FakeSession();
    hardenSession(session as unknown as Session);
    expect(session.permissionRequestHandler).toBeTypeOf('function');
    expect(session.permissionCheckHandler).toBeTypeOf('function');
    expect(session.devicePermissionHandler).toBeTypeOf('function');
  });
});
