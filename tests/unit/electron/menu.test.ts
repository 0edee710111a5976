import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.ts'));

import { buildMenuTemplate, installApplicationMenu, sendMenuCommand, SHORTCUTS_ACCELERATOR } from '../../../electron/main/menu.ts';
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../../../shared/ipc/channels.ts';
import { app, BrowserWindow, Menu, resetFakeElectron, type FakeMenuItem } from './fake-electron.ts';

function roles(items: readonly { role?: string }[]): (string | undefined)[] {
  return items.map((item) => item.role);
}

describe('application menu', () => {
  beforeEach(() => {
    resetFakeElectron();
  });

  it('uses the standard roles, with the app menu on macOS only', () => {
    expect(roles(buildMenuTemplate({ isMac: true, send: () => {} }))).toEqual(['appMenu', 'fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
    expect(roles(buildMenuTemplate({ isMac: false, send: () => {} }))).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
  });

  it('has About in Help outside macOS', () => {
    const help = buildMenuTemplate({ isMac: false, send: () => {} }).at(-1);
    expect(roles((help?.submenu ?? []) as FakeMenuItem[])).toContain('about');
  });

  it('Keyboard Shortcuts sends show-shortcuts', () => {
    const sent: MenuCommand[] = [];
    const help = buildMenuTemplate({ isMac: false, send: (command) => sent.push(command) }).at(-1);
    const item = (help?.submenu as FakeMenuItem[]).find((entry) => entry.label === 'Keyboard Shortcuts');
    expect(item?.accelerator).toBe(SHORTCUTS_ACCELERATOR);
    item?.click?.();
    expect(sent).toEqual(['show-shortcuts']);
  });

  it('delivers a command to the focused window on the menu channel', () => {
    app.markReady();
    const first = new BrowserWindow({});
    const focused = new BrowserWindow({});
    BrowserWindow.focused = focused;
    sendMenuCommand('show-shortcuts');
    expect(focused.webContents.sent).toEqual([{ channel: MENU_COMMAND_CHANNEL, args: ['show-shortcuts'] }]);
    expect(first.webContents.sent).toEqual([]);
  });

  it('sends nothing when there is no window', () => {
    expect(() => sendMenuCommand('show-shortcuts')).not.toThrow();
  });

  it('installs the menu as the application menu', () => {
    installApplicationMenu(false);
    expect(roles(Menu.applicationMenu?.template ?? [])).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
  });
});
