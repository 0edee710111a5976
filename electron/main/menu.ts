// The standard application menu: Electron's roles for the usual menus, About, and a Keyboard Shortcuts
// item that asks the renderer to show its shortcut list.
import { BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../../shared/ipc/channels.ts';

/** The accelerator of the Keyboard Shortcuts item. */
export const SHORTCUTS_ACCELERATOR = 'CmdOrCtrl+/';

/** Builds the menu template; `send` delivers a command to the focused window's renderer. */
export function buildMenuTemplate(options: { isMac: boolean; send: (command: MenuCommand) => void }): MenuItemConstructorOptions[] {
  const { isMac, send } = options;
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'Keyboard Shortcuts', accelerator: SHORTCUTS_ACCELERATOR, click: () => send('show-shortcuts') },
      // On macOS About lives in the app menu.
      ...(isMac ? [] : [{ type: 'separator' as const }, { role: 'about' as const }]),
    ],
  };
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    help,
  ];
}

/** Sends a menu command to the focused window, or to the first window when none has focus; a no-op with no window. */
export function sendMenuCommand(command: MenuCommand): void {
  const target = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  target?.webContents.send(MENU_COMMAND_CHANNEL, command);
}

/** Installs the application menu. */
export function installApplicationMenu(isMac: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ isMac, send: sendMenuCommand })));
}
