// The one place a BrowserWindow is created. Every security switch is written out explicitly, even where
// it equals Electron's default, so a changed default or a careless edit shows up here and in the tests.
import { BrowserWindow } from 'electron';

/** The main window's initial size (pixels). */
export const MAIN_WINDOW_SIZE = { width: 1280, height: 800, minWidth: 800, minHeight: 500 } as const;

/** What the main window needs to know. */
export interface MainWindowOptions {
  /** Absolute path of the built CommonJS preload. */
  preloadPath: string;
  /** Whether this is a packaged build (devtools disabled). */
  isPackaged: boolean;
  /** The title until the renderer sets its own. */
  title: string;
}

/** Creates the workspace window with the hardened web preferences; the caller loads its URL. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...MAIN_WINDOW_SIZE,
    title: options.title,
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Middle-click (auxclick) would otherwise try to open links in new windows (Electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      devTools: !options.isPackaged,
    },
  });
  window.once('ready-to-show', () => {
    window.show();
  });
  return window;
}
