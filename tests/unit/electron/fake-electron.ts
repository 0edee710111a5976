// A faithful fake of the pieces of `electron` the main process and preload use, for Node tests via
// `vi.mock('electron', () => import('./fake-electron.ts'))`. It keeps Electron's ordering rules (things
// that must happen before or after `ready` throw otherwise, a channel has at most one handler, a
// contextBridge key can be exposed once), emits `web-contents-created` for every new window, and passes
// IPC arguments through structuredClone as Electron's serialisation does.
import { EventEmitter } from 'node:events';

/** An event as Electron passes to will-navigate and friends. */
export interface FakeEvent {
  url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

function makeEvent(url = ''): FakeEvent {
  const event: FakeEvent = {
    url,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** Permission handlers installed on a session. */
export class FakeSession {
  permissionRequestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null = null;
  permissionCheckHandler: ((contents: unknown, permission: string, origin: string, details: unknown) => boolean) | null = null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermissionHandler']): void {
    this.devicePermissionHandler = handler;
  }
}

let nextId = 1;

/** A web contents: events, the window-open handler, devtools state and messages sent to the renderer. */
export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly session: FakeSession;
  windowOpenHandler: ((details: { url: string; frameName: string; features: string; disposition: string }) => { action: 'allow' | 'deny' }) | null = null;
  devToolsOpen = false;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  url = '';
  constructor(session: FakeSession) {
    super();
    this.session = session;
  }
  setWindowOpenHandler(handler: FakeWebContents['windowOpenHandler']): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args: structuredClone(args) });
  }
  openDevTools(): void {
    this.devToolsOpen = true;
    this.emit('devtools-opened');
  }
  closeDevTools(): void {
    this.devToolsOpen = false;
    this.emit('devtools-closed');
  }
  isDevToolsOpened(): boolean {
    return this.devToolsOpen;
  }
  getURL(): string {
    return this.url;
  }
  /** Emits a navigation-type event (`will-navigate`, `will-frame-navigate`, `will-redirect`) and says whether a listener prevented it. */
  attempt(eventName: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string): boolean {
    const event = makeEvent(url);
    this.emit(eventName, event, url);
    return event.defaultPrevented;
  }
  /** Emits `will-attach-webview` and says whether a listener prevented it. */
  attachWebview(webPreferences: Record<string, unknown>, params: Record<string, string>): boolean {
    const event = makeEvent();
    this.emit('will-attach-webview', event, webPreferences, params);
    return event.defaultPrevented;
  }
}

/** A window: records its constructor options and loaded URLs. */
export class FakeBrowserWindow extends EventEmitter {
  static windows: FakeBrowserWindow[] = [];
  static focused: FakeBrowserWindow | null = null;
  readonly options: Record<string, unknown>;
  readonly webContents: FakeWebContents;
  readonly loaded: string[] = [];
  visible = false;
  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents(session.defaultSession);
    FakeBrowserWindow.windows.push(this);
    app.emit('web-contents-created', { preventDefault() {} }, this.webContents);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return [...FakeBrowserWindow.windows];
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.focused;
  }
  static fromWebContents(contents: unknown): FakeBrowserWindow | null {
    return FakeBrowserWindow.windows.find((window) => window.webContents === contents) ?? null;
  }
  async loadURL(url: string): Promise<void> {
    if (!state.ready) throw new Error('Cannot load a URL before the app is ready');
    this.loaded.push(url);
    this.webContents.url = url;
  }
  show(): void {
    this.visible = true;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  sandboxEnabled = false;
  quitCalled = false;
  private readyPromise: Promise<void>;
  private resolveReady: () => void = () => {};
  constructor() {
    super();
    this.readyPromise = new Promise((resolve) => {
      this.resolveReady = resolve;
    });
  }
  enableSandbox(): void {
    if (state.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    this.sandboxEnabled = true;
  }
  isReady(): boolean {
    return state.ready;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  getName(): string {
    return 'Provenance Desk';
  }
  getVersion(): string {
    return '0.1.0';
  }
  quit(): void {
    this.quitCalled = true;
  }
  exit(): void {
    this.quitCalled = true;
  }
  /** Test control: fires `ready`. */
  markReady(): void {
    state.ready = true;
    this.emit('ready');
    this.resolveReady();
  }
  /** Test control: back to a fresh, not-ready app. */
  resetApp(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.sandboxEnabled = false;
    this.quitCalled = false;
    this.readyPromise = new Promise((resolve) => {
      this.resolveReady = resolve;
    });
  }
}

const state = { ready: false };

/** The fake `app`. */
export const app = new FakeApp();

/** The fake `session` module: only the default session. */
export const session = { defaultSession: new FakeSession() };

/** A privileged scheme registration as the app made it. */
export interface SchemeRegistration {
  scheme: string;
  privileges?: Record<string, boolean>;
}

/** The fake `protocol` module. */
export const protocol = {
  privileged: [] as SchemeRegistration[],
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: SchemeRegistration[]): void {
    if (state.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    if (!state.ready) throw new Error('The protocol module can only be used after the app is ready');
    if (protocol.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    protocol.handlers.set(scheme, handler);
  },
};

/** What a main-process handler receives as `event`. */
export interface FakeInvokeEvent {
  sender: FakeWebContents;
  senderFrame: { url: string; parent: unknown; top: unknown } | null;
  frameId: number;
  processId: number;
}

/** Builds an invoke event from a frame at `url`: the main frame unless `subframe`, no frame at all if `url` is null. */
export function invokeEvent(url: string | null, options: { subframe?: boolean; sender?: FakeWebContents } = {}): FakeInvokeEvent {
  const sender = options.sender ?? new FakeWebContents(session.defaultSession);
  if (url === null) return { sender, senderFrame: null, frameId: 1, processId: 1 };
  const top: { url: string; parent: unknown; top: unknown } = { url: options.subframe ? 'app://desk/index.html' : url, parent: null, top: null };
  top.top = top;
  const frame = options.subframe ? { url, parent: top, top } : top;
  return { sender, senderFrame: frame, frameId: options.subframe ? 2 : 1, processId: 1 };
}

type MainHandler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;

/** The fake `ipcMain`. */
export const ipcMain = {
  handlers: new Map<string, MainHandler>(),
  handle(channel: string, handler: MainHandler): void {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    ipcMain.handlers.delete(channel);
  },
  /** Test control: calls a channel's handler as Electron would, with cloned arguments. */
  async invoke(channel: string, event: FakeInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const handler = ipcMain.handlers.get(channel);
    if (handler === undefined) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    return structuredClone(await handler(event, ...structuredClone(args)));
  },
};

class FakeIpcRenderer extends EventEmitter {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  /** The frame the renderer runs in; its invoke calls reach ipcMain as from this URL. */
  frameUrl = 'app://desk/index.html';
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return ipcMain.invoke(channel, invokeEvent(this.frameUrl), ...args);
  }
  /** Test control: delivers a message from the main process as Electron does (event first). */
  deliver(channel: string, ...args: unknown[]): void {
    this.emit(channel, { sender: this, senderId: 0 }, ...structuredClone(args));
  }
}

/** The fake `ipcRenderer`. */
export const ipcRenderer = new FakeIpcRenderer();

/** The fake `contextBridge`: records what was exposed. */
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    if (contextBridge.exposed.has(key)) throw new Error('Cannot bind an API on top of an existing property on the window object');
    contextBridge.exposed.set(key, api);
  },
};

/** An open-dialog answer. */
export interface OpenDialogAnswer {
  canceled: boolean;
  filePaths: string[];
}
/** A save-dialog answer. */
export interface SaveDialogAnswer {
  canceled: boolean;
  filePath?: string;
}

/** The fake `dialog`: answers with whatever the test queued, records what it was asked. */
export const dialog = {
  openAnswers: [] as OpenDialogAnswer[],
  saveAnswers: [] as SaveDialogAnswer[],
  openCalls: [] as { window: unknown; options: Record<string, unknown> }[],
  saveCalls: [] as { window: unknown; options: Record<string, unknown> }[],
  async showOpenDialog(windowOrOptions: unknown, maybeOptions?: Record<string, unknown>): Promise<OpenDialogAnswer> {
    const [window, options] = maybeOptions === undefined ? [null, windowOrOptions as Record<string, unknown>] : [windowOrOptions, maybeOptions];
    dialog.openCalls.push({ window, options });
    return dialog.openAnswers.shift() ?? { canceled: true, filePaths: [] };
  },
  async showSaveDialog(windowOrOptions: unknown, maybeOptions?: Record<string, unknown>): Promise<SaveDialogAnswer> {
    const [window, options] = maybeOptions === undefined ? [null, windowOrOptions as Record<string, unknown>] : [windowOrOptions, maybeOptions];
    dialog.saveCalls.push({ window, options });
    return dialog.saveAnswers.shift() ?? { canceled: true };
  },
};

/** A menu item template as the app builds it. */
export interface FakeMenuItem {
  role?: string;
  label?: string;
  type?: string;
  accelerator?: string;
  click?: () => void;
  submenu?: FakeMenuItem[];
}

/** The fake `Menu`. */
export const Menu = {
  applicationMenu: null as { template: FakeMenuItem[] } | null,
  buildFromTemplate(template: FakeMenuItem[]): { template: FakeMenuItem[] } {
    return { template };
  },
  setApplicationMenu(menu: { template: FakeMenuItem[] } | null): void {
    Menu.applicationMenu = menu;
  },
};

export { FakeBrowserWindow as BrowserWindow };

/** Resets every piece of fake state, as if Electron had just started. */
export function resetFakeElectron(): void {
  state.ready = false;
  app.resetApp();
  session.defaultSession = new FakeSession();
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoked.length = 0;
  ipcRenderer.frameUrl = 'app://desk/index.html';
  contextBridge.exposed.clear();
  dialog.openAnswers.length = 0;
  dialog.saveAnswers.length = 0;
  dialog.openCalls.length = 0;
  dialog.saveCalls.length = 0;
  Menu.applicationMenu = null;
  FakeBrowserWindow.windows = [];
  FakeBrowserWindow.focused = null;
}
