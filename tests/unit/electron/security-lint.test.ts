import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// SECURITY.md's lint half: eslint-plugin-electron-security as eslint.config.js configures it. Deliberate
// violations, linted with the project's own config as if they sat at the given paths, must be reported as
// errors by the named rule; the same calls in their one allowed file must not be; and the real electron/
// sources must lint clean. If the config stops applying a rule (or a file moves out of its glob), this fails.
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const eslint = new ESLint({ cwd: repo });
// The first type-checked lint of the preload builds a TypeScript program: seconds on a busy machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

// Build that program first, from the preload as it is on disk: a CI run once saw the first lint of other
// text at the preload's path report the on-disk file's (clean) findings while the program was being built.
beforeAll(async () => {
  const file = path.join(repo, 'electron/preload/index.ts');
  await eslint.lintText(await readFile(file, 'utf8'), { filePath: file });
});

interface Problem {
  rule: string;
  severity: number;
  message: string;
}

async function lint(code: string, file: string): Promise<Problem[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repo, file) });
  const messages = result?.messages ?? [];
  // A parse or configuration failure must not pass as "no findings".
  expect(messages.filter((m) => m.fatal === true || m.ruleId === null).map((m) => m.message)).toEqual([]);
  return messages.filter((m) => m.ruleId?.startsWith('electron-security/')).map((m) => ({ rule: m.ruleId!.replace('electron-security/', ''), severity: m.severity, message: m.message }));
}

async function rules(code: string, file: string): Promise<string[]> {
  const found = await lint(code, file);
  for (const p of found) expect(p.severity, `${p.rule}: ${p.message}`).toBe(2);
  return [...new Set(found.map((p) => p.rule))].sort();
}

const SAFE_PREFS = `{
    contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true,
    allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false,
  }`;

describe('require-factory: each dangerous Electron API has one door', () => {
  it('refuses new BrowserWindow outside electron/main/window.ts, and accepts it there', async () => {
    const code = `import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: ${SAFE_PREFS} });\n`;
    expect(await rules(code, 'electron/main/menu-extra.ts')).toContain('require-factory');
    expect(await rules(code, 'electron/main/window.ts')).toEqual([]);
    // Renaming the import does not evade it.
    const aliased = `import { BrowserWindow as W } from 'electron';\nexport const w = new W({ webPreferences: ${SAFE_PREFS} });\n`;
    expect(await rules(aliased, 'electron/main/app.ts')).toContain('require-factory');
  });

  it('refuses WebContentsView and BrowserView everywhere', async () => {
    for (const api of ['WebContentsView', 'BrowserView']) {
      const code = `import { ${api} } from 'electron';\nexport const v = new ${api}();\n`;
      expect(await rules(code, 'electron/main/window.ts'), api).toContain('require-factory');
    }
  });

  it('refuses ipcMain.handle outside electron/main/ipc.ts, and accepts it there behind dispatch()', async () => {
    const code = `import { ipcMain } from 'electron';
declare function dispatch(event: unknown, args: unknown[]): unknown;
ipcMain.handle('app:info', (event, ...args: unknown[]) => dispatch(event, args));
`;
    expect(await rules(code, 'electron/main/handlers.ts')).toContain('require-factory');
    expect(await rules(code, 'electron/main/ipc.ts')).toEqual([]);
  });

  it('refuses ipcMain.on, .once and .handleOnce everywhere, even in ipc.ts', async () => {
    for (const method of ['on', 'once', 'handleOnce']) {
      const code = `import { ipcMain } from 'electron';\ndeclare function checkSender(e: unknown): void;\nipcMain.${method}('x', (event) => checkSender(event));\n`;
      expect(await rules(code, 'electron/main/ipc.ts'), method).toContain('require-factory');
    }
  });

  it('refuses shell.openExternal anywhere in electron/, even with a constant https URL', async () => {
    const code = `import { shell } from 'electron';\nexport function open(): Promise<void> { return shell.openExternal('https://example.com/help'); }\n`;
    for (const file of ['electron/main/menu.ts', 'electron/main/window.ts', 'electron/main/ipc.ts', 'electron/preload/index.ts']) {
      expect(await rules(code, file), file).toEqual(['require-factory']);
    }
  });

  it('refuses contextBridge.exposeInMainWorld outside electron/preload/index.ts', async () => {
    const code = `import { contextBridge } from 'electron';\ncontextBridge.exposeInMainWorld('api', { ping: () => 1 });\n`;
    // (A new preload file would be linted the same way; here only index.ts exists for the type-checked parse.)
    expect(await rules(code, 'electron/main/app.ts')).toContain('require-factory');
    expect(await rules(code, 'electron/main/window.ts')).toContain('require-factory');
    expect(await rules(code, 'electron/preload/index.ts')).toEqual([]);
  });
});

describe('no-open-external-with-dynamic-url (checklist 15)', () => {
  it('flags shell.openExternal with a URL built at run time, and with a non-https literal', async () => {
    const dynamic = `import { shell } from 'electron';\nexport function open(url: string): Promise<void> { return shell.openExternal(url); }\n`;
    expect(await rules(dynamic, 'electron/main/menu.ts')).toEqual(['no-open-external-with-dynamic-url', 'require-factory']);
    const template = `import { shell } from 'electron';\nexport function open(id: string): Promise<void> { return shell.openExternal(\`https://example.com/\${id}\`); }\n`;
    expect(await rules(template, 'electron/main/menu.ts')).toContain('no-open-external-with-dynamic-url');
    const insecure = `import { shell } from 'electron';\nexport function open(): Promise<void> { return shell.openExternal('http://example.com'); }\n`;
    expect(await rules(insecure, 'electron/main/menu.ts')).toContain('no-open-external-with-dynamic-url');
  });
});

describe('require-ipc-sender-validation (checklist 17)', () => {
  it('flags an ipcMain.handle whose callback never checks the sender, even in ipc.ts', async () => {
    const code = `import { ipcMain } from 'electron';\nipcMain.handle('app:info', (_event, payload: unknown) => payload);\n`;
    expect(await rules(code, 'electron/main/ipc.ts')).toEqual(['require-ipc-sender-validation']);
  });

  it('accepts checkSender(event) as the guard', async () => {
    const code = `import { ipcMain } from 'electron';\ndeclare function checkSender(e: unknown): boolean;\nipcMain.handle('app:info', (event) => (checkSender(event) ? 1 : null));\n`;
    expect(await rules(code, 'electron/main/ipc.ts')).toEqual([]);
  });
});

describe('no-raw-electron-api-exposure (checklist 20, type-checked, on the preload)', () => {
  it('flags exposing ipcRenderer, its members, or shell through contextBridge', async () => {
    const exposures = [
      `contextBridge.exposeInMainWorld('api', { ipcRenderer });`,
      `contextBridge.exposeInMainWorld('api', { on: ipcRenderer.on });`,
      `contextBridge.exposeInMainWorld('api', { shell });`,
    ];
    for (const exposure of exposures) {
      const code = `import { contextBridge, ipcRenderer, shell } from 'electron';\nvoid ipcRenderer;\nvoid shell;\n${exposure}\n`;
      expect(await rules(code, 'electron/preload/index.ts'), exposure).toEqual(['no-raw-electron-api-exposure']);
    }
  });

  it('flags a listener that hands the raw IPC event to the page', async () => {
    const code = `import { contextBridge, ipcRenderer } from 'electron';
contextBridge.exposeInMainWorld('api', {
  onMenu: (cb: (...args: unknown[]) => void) => ipcRenderer.on('menu', (event, ...args) => cb(event, ...args)),
});
`;
    expect(await rules(code, 'electron/preload/index.ts')).toContain('no-raw-electron-api-exposure');
  });

  it('accepts one narrow function bound to its own channel', async () => {
    const code = `import { contextBridge, ipcRenderer } from 'electron';\ncontextBridge.exposeInMainWorld('api', { appInfo: () => ipcRenderer.invoke('app:info') });\n`;
    expect(await rules(code, 'electron/preload/index.ts')).toEqual([]);
  });
});

describe('window and web contents rules (checklist 1–14, 18)', () => {
  const cases: [rule: string, prefs: string][] = [
    ['no-context-isolation-disabled', 'contextIsolation: false'],
    ['no-sandbox-disabled', 'sandbox: false'],
    ['no-web-security-disabled', 'webSecurity: false'],
    ['no-allow-running-insecure-content', 'allowRunningInsecureContent: true'],
    ['no-experimental-features', 'experimentalFeatures: true'],
    ['no-enable-blink-features', "enableBlinkFeatures: 'CSSVariables'"],
  ];
  it.each(cases)('%s fires in electron/main/window.ts for { %s }', async (rule, prefs) => {
    const code = `import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { ${prefs} } });\n`;
    expect(await rules(code, 'electron/main/window.ts')).toEqual([rule]);
  });

  it('no-node-integration-for-remote-content fires for nodeIntegration with a remote page', async () => {
    const code = `import { BrowserWindow } from 'electron';\nconst w = new BrowserWindow({ webPreferences: { nodeIntegration: true } });\nvoid w.loadURL('https://example.com');\n`;
    expect(await rules(code, 'electron/main/window.ts')).toContain('no-node-integration-for-remote-content');
  });

  it('no-insecure-load-url and no-file-protocol-load-url fire for http: and file: pages', async () => {
    const http = `import { BrowserWindow } from 'electron';\nconst w = new BrowserWindow();\nvoid w.loadURL('http://example.com');\n`;
    expect(await rules(http, 'electron/main/window.ts')).toEqual(['no-insecure-load-url']);
    const file = `import { BrowserWindow } from 'electron';\nconst w = new BrowserWindow();\nvoid w.loadURL('file:///opt/desk/index.html');\n`;
    expect(await rules(file, 'electron/main/window.ts')).toEqual(['no-file-protocol-load-url']);
  });

  it('require-window-open-handler, require-navigation-allowlist and require-permission-request-handler fire for permissive handlers', async () => {
    const open = `import type { WebContents } from 'electron';\nexport function h(c: WebContents): void { c.setWindowOpenHandler(() => ({ action: 'allow' })); }\n`;
    expect(await rules(open, 'electron/main/hardening.ts')).toEqual(['require-window-open-handler']);
    const nav = `import type { WebContents } from 'electron';\nexport function h(c: WebContents): void { c.on('will-navigate', (_event, url) => { console.log(url); }); }\n`;
    expect(await rules(nav, 'electron/main/hardening.ts')).toEqual(['require-navigation-allowlist']);
    const perm = `import { session } from 'electron';\nsession.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => { callback(true); });\n`;
    expect(await rules(perm, 'electron/main/hardening.ts')).toEqual(['require-permission-request-handler']);
  });

  it('require-csp fires for a header policy that allows inline script', async () => {
    const code = `export const headers = { 'Content-Security-Policy': ["default-src 'self'; script-src 'self' 'unsafe-inline'"] };\n`;
    expect(await rules(code, 'electron/main/protocol.ts')).toEqual(['require-csp']);
  });
});

describe('require-secure-fuses (checklist 19)', () => {
  it('flags a fuse set the wrong way in scripts/after-pack.ts', async () => {
    const code = `import { FuseV1Options, FuseVersion } from '@electron/fuses';
export const FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};
`;
    expect(await rules(code, 'scripts/after-pack.ts')).toEqual(['require-secure-fuses']);
    expect(await rules(code.replace('[FuseV1Options.RunAsNode]: true', '[FuseV1Options.RunAsNode]: false'), 'scripts/after-pack.ts')).toEqual([]);
  });
});

describe('the shipped shell', () => {
  it('lints clean: no electron-security finding in electron/ or scripts/after-pack.ts', async () => {
    const results = await eslint.lintFiles(['electron/**/*.ts', 'scripts/after-pack.ts']);
    expect(results.length).toBeGreaterThanOrEqual(10);
    const findings = results.flatMap((r) => r.messages.filter((m) => m.ruleId?.startsWith('electron-security/') || m.fatal).map((m) => `${path.relative(repo, r.filePath)}: ${m.ruleId} ${m.message}`));
    expect(findings).toEqual([]);
  });
});
