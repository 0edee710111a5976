import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.ts'));

import { bootstrap } from '../../../electron/main/app.ts';
import { IPC_CHANNELS } from '../../../shared/ipc/channels.ts';
import { app, BrowserWindow, FakeWebContents, ipcMain, Menu, protocol, resetFakeElectron, session } from './fake-electron.ts';

const PATHS = { rendererRoot: '/app/out/renderer', preloadPath: '/app/out/preload/index.cjs' };

async function started(env: Record<string, string | undefined> = {}): Promise<void> {
  const done = bootstrap(PATHS, env);
  app.markReady();
  await done;
}

describe('bootstrap', () => {
  beforeEach(() => {
    resetFakeElectron();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });

  it('enables the sandbox for every renderer before the app is ready', () => {
    void bootstrap(PATHS, {});
    expect(app.isReady()).toBe(false);
    expect(app.sandboxEnabled).toBe(true);
  });

  it('registers the app: scheme as privileged before the app is ready', () => {
    void bootstrap(PATHS, {});
    expect(protocol.privileged.map((registration) => registration.scheme)).toEqual(['app']);
  });

  it('once ready, serves app:, hardens the session, registers every channel and installs the menu', async () => {
    await started();
    expect([...protocol.handlers.keys()]).toEqual(['app']);
    expect(session.defaultSession.permissionRequestHandler).toBeTypeOf('function');
    expect(session.defaultSession.permissionCheckHandler).toBeTypeOf('function');
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...IPC_CHANNELS].sort());
    expect(Menu.applicationMenu).not.toBeNull();
  });

  it('opens one window with the built preload and loads app://desk/index.html, not file://', async () => {
    await started();
    const windows = BrowserWindow.getAllWindows();
    expect(windows).toHaveLength(1);
    expect((windows[0]?.options['webPreferences'] as Record<string, unknown>)['preload']).toBe(PATHS.preloadPath);
    expect(windows[0]?.loaded).toEqual(['app://desk/index.html']);
  });

  it('hardens every web contents the app creates, not only the main window', async () => {
    await started();
    const other = new FakeWebContents(session.defaultSession);
    app.emit('web-contents-created', {}, other);
    expect(other.attempt('will-navigate', 'https://example.com/')).toBe(true);
    expect(other.windowOpenHandler?.({ url: 'https://example.com/', frameName: '', features: '', disposition: 'new-window' })).toEqual({ action: 'deny' });
  });

  it('ignores a dev server URL in a packaged build', async () => {
    app.isPackaged = true;
    await started({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' });
    expect(BrowserWindow.getAllWindows()[0]?.loaded).toEqual(['app://desk/index.html']);
    expect((BrowserWindow.getAllWindows()[0]?.options['webPreferences'] as Record<string, unknown>)['devTools']).toBe(false);
  });

  it('loads a loopback dev server in development and trusts its origin for navigation', async () => {
    await started({ ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    const window = BrowserWindow.getAllWindows()[0];
    expect(window?.loaded).toEqual(['http://localhost:5173/']);
    expect(window?.webContents.attempt('will-navigate', 'http://localhost:5173/index.html')).toBe(false);
    expect(window?.webContents.attempt('will-navigate', 'http://localhost:5174/')).toBe(true);
  });

  it('refuses to start against a remote dev server URL', () => {
    expect(() => bootstrap(PATHS, { ELECTRON_RENDERER_URL: 'https://example.com/' })).toThrow(/ELECTRON_RENDERER_URL/);
  });

  it('quits when the last window closes (outside macOS)', async () => {
    await started();
    app.emit('window-all-closed');
    expect(app.quitCalled).toBe(process.platform !== 'darwin');
  });
});
