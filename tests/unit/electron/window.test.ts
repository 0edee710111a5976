import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.ts'));

import { createMainWindow } from '../../../electron/main/window.ts';
import { app, BrowserWindow, resetFakeElectron } from './fake-electron.ts';

// The exact preferences every window must get. Each entry is also checked on its own below, so a
// flipped switch fails a test that names it.
const EXPECTED_PREFERENCES = {
  preload: '/app/out/preload/index.cjs',
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  disableBlinkFeatures: 'Auxclick',
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: true,
  devTools: true,
};

function openWindow(isPackaged: boolean): InstanceType<typeof BrowserWindow> {
  app.markReady();
  createMainWindow({ preloadPath: '/app/out/preload/index.cjs', isPackaged, title: 'Provenance Desk' });
  const [window] = BrowserWindow.getAllWindows();
  if (window === undefined) throw new Error('no window was created');
  return window;
}

function preferencesOf(window: InstanceType<typeof BrowserWindow>): Record<string, unknown> {
  return window.options['webPreferences'] as Record<string, unknown>;
}

describe('createMainWindow', () => {
  beforeEach(() => {
    resetFakeElectron();
  });

  it('passes exactly the hardened webPreferences', () => {
    expect(preferencesOf(openWindow(false))).toStrictEqual(EXPECTED_PREFERENCES);
  });

  it.each(Object.entries(EXPECTED_PREFERENCES).filter(([key]) => key !== 'preload' && key !== 'devTools'))(
    'sets %s to %s explicitly',
    (key, value) => {
      const preferences = preferencesOf(openWindow(false));
      expect(Object.hasOwn(preferences, key)).toBe(true);
      expect(preferences[key]).toBe(value);
    },
  );

  it('sets no enableBlinkFeatures and no additional arguments', () => {
    const preferences = preferencesOf(openWindow(false));
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
    expect(preferences).not.toHaveProperty('additionalArguments');
  });

  it('disables devtools in a packaged build', () => {
    expect(preferencesOf(openWindow(true))['devTools']).toBe(false);
  });

  it('keeps devtools available in a development build', () => {
    expect(preferencesOf(openWindow(false))['devTools']).toBe(true);
  });

  it('stays hidden until the renderer is ready to show', () => {
    const window = openWindow(false);
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });
});
