// Wires the shell together in the order Electron requires: sandbox and privileged scheme before ready;
// session hardening, protocol, IPC, menu and window after.
import { app, BrowserWindow, session } from 'electron';
import { registerIpcHandlers } from './handlers.ts';
import { hardenSession, hardenWebContents } from './hardening.ts';
import { installApplicationMenu } from './menu.ts';
import { resolveRendererEntry, type RendererEntry } from './origin.ts';
import { registerAppProtocol, registerAppScheme } from './protocol.ts';
import { createMainWindow } from './window.ts';

/** Where the built parts of the app are. */
export interface DeskPaths {
  /** The built renderer (`out/renderer`), served on `app://desk/`. */
  rendererRoot: string;
  /** The built CommonJS preload (`out/preload/index.cjs`). */
  preloadPath: string;
}

/** Opens the workspace window and loads the renderer into it. */
export async function openMainWindow(paths: DeskPaths, entry: RendererEntry): Promise<BrowserWindow> {
  const window = createMainWindow({ preloadPath: paths.preloadPath, isPackaged: app.isPackaged, title: app.getName() });
  await window.loadURL(entry.url);
  return window;
}

/**
 * Starts the app. Must run before the app is ready (it enables the sandbox for all renderers and
 * registers the `app:` scheme, which Electron allows only then); throws when the dev-server URL in
 * ELECTRON_RENDERER_URL is not a loopback http URL.
 */
export function bootstrap(paths: DeskPaths, env: Readonly<Record<string, string | undefined>>): Promise<void> {
  app.enableSandbox();
  registerAppScheme();
  const entry = resolveRendererEntry({ isPackaged: app.isPackaged, devServerUrl: env['ELECTRON_RENDERER_URL'] });
  const hardening = { trustedOrigins: entry.trustedOrigins, isPackaged: app.isPackaged };
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, hardening);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  return app.whenReady().then(async () => {
    hardenSession(session.defaultSession);
    registerAppProtocol(paths.rendererRoot);
    registerIpcHandlers(entry.trustedOrigins);
    installApplicationMenu(process.platform === 'darwin');
    app.on('activate', () => {
      // macOS: clicking the dock icon with no window open reopens the workspace.
      if (BrowserWindow.getAllWindows().length === 0) void openMainWindow(paths, entry);
    });
    await openMainWindow(paths, entry);
  });
}
