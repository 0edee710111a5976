// The whole path in Node: renderer Host → preload's window.api → (cloned) IPC → handle() → handler,
// with the real preload, the real handlers and the fake electron in between.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../electron/fake-electron.ts'));

import { registerIpcHandlers } from '../../../electron/main/handlers.ts';
import { APP_ORIGIN } from '../../../electron/main/origin.ts';
import { createElectronHost, findDeskApi } from '../../../renderer/src/host/electron-host.ts';
import type { DeskApi } from '../../../shared/ipc/api.ts';
import { API_KEY, MENU_COMMAND_CHANNEL } from '../../../shared/ipc/channels.ts';

type Fake = typeof import('../electron/fake-electron.ts');

let fake: Fake;
let api: DeskApi;

beforeEach(async () => {
  vi.resetModules();
  fake = (await import('electron')) as unknown as Fake;
  fake.resetFakeElectron();
  fake.app.markReady();
  registerIpcHandlers([APP_ORIGIN]);
  await import('../../../electron/preload/index.ts');
  api = fake.contextBridge.exposed.get(API_KEY) as DeskApi;
});

describe('Electron host over the preload API', () => {
  it('is the electron kind', () => {
    expect(createElectronHost(api).kind).toBe('electron');
  });

  it('finds window.api when the preload exposed it, and nothing in a plain browser', () => {
    expect(findDeskApi({ api })).toBe(api);
    expect(findDeskApi({})).toBeNull();
  });

  it("passes the application menu's commands to the host's listener until it unsubscribes", () => {
    const got: string[] = [];
    const off = createElectronHost(api).onMenuCommand((command) => got.push(command));
    fake.ipcRenderer.deliver(MENU_COMMAND_CHANNEL, 'show-shortcuts');
    off();
    fake.ipcRenderer.deliver(MENU_COMMAND_CHANNEL, 'show-shortcuts');
    expect(got).toEqual(['show-shortcuts']);
  });

  it('picks files through the dialog', async () => {
    fake.dialog.openAnswers.push({ canceled: true, filePaths: [] });
    const result = await createElectronHost(api).pickFiles({ title: 'Import', filters: [], multiple: false });
    expect(result).toEqual({ ok: true, value: [] });
    expect(fake.dialog.openCalls).toHaveLength(1);
  });

  it('reports a refused payload as a readable error, not a rejection', async () => {
    const result = await createElectronHost(api).saveFile({ suggestedName: '../../.bashrc', bytes: new Uint8Array(1), mediaType: 'text/plain' });
    expect(result).toEqual({ ok: false, error: 'dialog:save-file was called with an invalid argument: suggestedName: the file name must not contain / or \\.' });
    expect(fake.dialog.saveCalls).toHaveLength(0);
  });

  it('is refused when the page is not the app', async () => {
    fake.ipcRenderer.frameUrl = 'https://example.com/';
    const result = await api.appInfo();
    expect(result).toEqual({ ok: false, error: 'app:info refused: calls from "https://example.com/" are not accepted.' });
  });

  it('answers app:info', async () => {
    const result = await api.appInfo();
    expect(result.ok && result.value.name).toBe('Provenance Desk');
  });
});
