import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.ts'));

import type { DeskApi } from '../../../shared/ipc/api.ts';
import { API_KEY, IPC_METHODS, MENU_COMMAND_CHANNEL, type MenuCommand } from '../../../shared/ipc/channels.ts';

type Fake = typeof import('./fake-electron.ts');

// The module the preload really receives for `electron` (the mock registry keeps it across
// vi.resetModules, so it is reached through the mocked specifier rather than a direct import).
async function fakeElectron(): Promise<Fake> {
  return (await import('electron')) as unknown as Fake;
}

// Loads the preload afresh against the fake, as Electron does for each page, and returns what it exposed.
async function loadPreload(): Promise<Map<string, unknown>> {
  vi.resetModules();
  await import('../../../electron/preload/index.ts');
  return (await fakeElectron()).contextBridge.exposed;
}

async function exposedApi(): Promise<DeskApi> {
  return (await loadPreload()).get(API_KEY) as DeskApi;
}

describe('preload', () => {
  let ipcMain: Fake['ipcMain'];
  let ipcRenderer: Fake['ipcRenderer'];

  beforeEach(async () => {
    const fake = await fakeElectron();
    fake.resetFakeElectron();
    ({ ipcMain, ipcRenderer } = fake);
  });

  it('exposes one object, on window.api only', async () => {
    expect([...(await loadPreload()).keys()]).toEqual([API_KEY]);
  });

  it("exposes exactly one method per contract channel plus onMenuCommand", async () => {
    const api = await exposedApi();
    expect(Object.keys(api).sort()).toEqual([...Object.values(IPC_METHODS), 'onMenuCommand'].sort());
    for (const value of Object.values(api)) expect(value).toBeTypeOf('function');
  });

  it('never exposes ipcRenderer or anything that names a channel', async () => {
    const api = (await exposedApi()) as unknown as Record<string, unknown>;
    for (const value of Object.values(api)) expect(value).not.toBe(ipcRenderer);
    for (const forbidden of ['invoke', 'send', 'sendSync', 'on', 'ipcRenderer', 'postMessage']) expect(api).not.toHaveProperty(forbidden);
  });

  it.each(Object.entries(IPC_METHODS))('%s is reached only through its own method %s', async (channel, method) => {
    ipcMain.handle(channel, () => ({ ok: true, value: 'answer' }));
    const api = (await exposedApi()) as unknown as Record<string, (arg?: unknown) => Promise<unknown>>;
    const argument = channel === 'app:info' ? [] : [{ probe: 1 }];
    await expect(api[method]?.(...argument)).resolves.toEqual({ ok: true, value: 'answer' });
    expect(ipcRenderer.invoked).toEqual([{ channel, args: argument }]);
  });

  it('turns an unreachable main process into a failed Result instead of a rejection', async () => {
    const api = await exposedApi();
    const result = await api.appInfo();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^app:info could not reach the app: .*No handler registered/);
  });

  it('forwards known menu commands without the IPC event, drops unknown ones, and unsubscribes', async () => {
    const api = await exposedApi();
    const received: unknown[][] = [];
    const unsubscribe = api.onMenuCommand((...args: [MenuCommand]) => received.push(args));
    ipcRenderer.deliver(MENU_COMMAND_CHANNEL, 'show-shortcuts');
    ipcRenderer.deliver(MENU_COMMAND_CHANNEL, 'rm -rf');
    ipcRenderer.deliver(MENU_COMMAND_CHANNEL, { command: 'show-shortcuts' });
    expect(received).toEqual([['show-shortcuts']]);
    unsubscribe();
    ipcRenderer.deliver(MENU_COMMAND_CHANNEL, 'show-shortcuts');
    expect(received).toHaveLength(1);
    expect(ipcRenderer.listenerCount(MENU_COMMAND_CHANNEL)).toBe(0);
  });
});
