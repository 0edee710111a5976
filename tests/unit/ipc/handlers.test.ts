import { mkdtemp, readFile, rm, truncate, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../electron/fake-electron.ts'));

import { registerIpcHandlers } from '../../../electron/main/handlers.ts';
import { APP_ORIGIN } from '../../../electron/main/origin.ts';
import { MAX_PICK_FILE_BYTES, MAX_PICK_FILES } from '../../../shared/ipc/contract.ts';
import type { Result } from '../../../shared/types/result.ts';
import { app, BrowserWindow, dialog, invokeEvent, ipcMain, resetFakeElectron } from '../electron/fake-electron.ts';

let dir: string;

const PICK = { title: 'Import sources', filters: [{ name: 'PDF', extensions: ['pdf'] }], multiple: true };

async function invoke(channel: string, ...args: unknown[]): Promise<Result<unknown>> {
  return (await ipcMain.invoke(channel, invokeEvent('app://desk/index.html'), ...args)) as Result<unknown>;
}

beforeEach(async () => {
  resetFakeElectron();
  app.markReady();
  registerIpcHandlers([APP_ORIGIN]);
  dir = await mkdtemp(path.join(tmpdir(), 'desk-ipc-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('dialog:pick-files', () => {
  it('reads the chosen files with their names and media types', async () => {
    await writeFile(path.join(dir, 'report.pdf'), '%PDF-1.7');
    await writeFile(path.join(dir, 'talk.vtt'), 'WEBVTT');
    await writeFile(path.join(dir, 'notes.xyz'), 'x');
    dialog.openAnswers.push({ canceled: false, filePaths: ['report.pdf', 'talk.vtt', 'notes.xyz'].map((name) => path.join(dir, name)) });
    const result = await invoke('dialog:pick-files', PICK);
    expect(result).toEqual({
      ok: true,
      value: [
        { name: 'report.pdf', mediaType: 'application/pdf', bytes: new Uint8Array(Buffer.from('%PDF-1.7')) },
        { name: 'talk.vtt', mediaType: 'text/vtt', bytes: new Uint8Array(Buffer.from('WEBVTT')) },
        { name: 'notes.xyz', mediaType: '', bytes: new Uint8Array(Buffer.from('x')) },
      ],
    });
  });

  it('asks the dialog for what the renderer described', async () => {
    await invoke('dialog:pick-files', PICK);
    expect(dialog.openCalls[0]?.options).toEqual({ title: 'Import sources', filters: PICK.filters, properties: ['openFile', 'multiSelections'] });
    await invoke('dialog:pick-files', { ...PICK, multiple: false });
    expect(dialog.openCalls[1]?.options['properties']).toEqual(['openFile']);
  });

  it('parents the dialog to the calling window', async () => {
    const window = new BrowserWindow({});
    await ipcMain.invoke('dialog:pick-files', invokeEvent('app://desk/index.html', { sender: window.webContents }), PICK);
    expect(dialog.openCalls[0]?.window).toBe(window);
  });

  it('gives an empty list when the user cancels', async () => {
    dialog.openAnswers.push({ canceled: true, filePaths: [] });
    expect(await invoke('dialog:pick-files', PICK)).toEqual({ ok: true, value: [] });
  });

  it('refuses more than MAX_PICK_FILES files', async () => {
    dialog.openAnswers.push({ canceled: false, filePaths: Array.from({ length: MAX_PICK_FILES + 1 }, (_, i) => path.join(dir, `${i}.pdf`)) });
    expect(await invoke('dialog:pick-files', PICK)).toEqual({ ok: false, error: `${MAX_PICK_FILES + 1} files were chosen; at most ${MAX_PICK_FILES} can be opened at once.` });
  });

  it('refuses a file over MAX_PICK_FILE_BYTES without reading it', async () => {
    const big = path.join(dir, 'big.pdf');
    await writeFile(big, '');
    await truncate(big, MAX_PICK_FILE_BYTES + 1); // sparse: no real disk use
    dialog.openAnswers.push({ canceled: false, filePaths: [big] });
    expect(await invoke('dialog:pick-files', PICK)).toEqual({ ok: false, error: `big.pdf is ${MAX_PICK_FILE_BYTES + 1} bytes; the limit is ${MAX_PICK_FILE_BYTES} bytes.` });
  });

  it('names a file that cannot be read', async () => {
    dialog.openAnswers.push({ canceled: false, filePaths: [path.join(dir, 'gone.pdf')] });
    const result = await invoke('dialog:pick-files', PICK);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^gone\.pdf cannot be read: /);
  });

  it('refuses a directory', async () => {
    await mkdir(path.join(dir, 'folder.pdf'));
    dialog.openAnswers.push({ canceled: false, filePaths: [path.join(dir, 'folder.pdf')] });
    expect(await invoke('dialog:pick-files', PICK)).toEqual({ ok: false, error: 'folder.pdf is not a regular file.' });
  });
});

describe('dialog:save-file', () => {
  const bytes = new Uint8Array([80, 75, 3, 4]);

  it('writes the bytes where the user chose and says where', async () => {
    const target = path.join(dir, 'chosen.zip');
    dialog.saveAnswers.push({ canceled: false, filePath: target });
    expect(await invoke('dialog:save-file', { suggestedName: 'packet.zip', bytes, mediaType: 'application/zip' })).toEqual({ ok: true, value: { savedAs: target } });
    expect(new Uint8Array(await readFile(target))).toEqual(bytes);
    expect(dialog.saveCalls[0]?.options).toEqual({ defaultPath: 'packet.zip' });
  });

  it('gives null when the user cancels, writing nothing', async () => {
    dialog.saveAnswers.push({ canceled: true });
    expect(await invoke('dialog:save-file', { suggestedName: 'packet.zip', bytes, mediaType: 'application/zip' })).toEqual({ ok: true, value: null });
  });

  it('names the file when it cannot be written', async () => {
    dialog.saveAnswers.push({ canceled: false, filePath: path.join(dir, 'missing-dir', 'packet.zip') });
    const result = await invoke('dialog:save-file', { suggestedName: 'packet.zip', bytes, mediaType: 'application/zip' });
    expect(!result.ok && result.error).toMatch(/^packet\.zip could not be saved: /);
  });
});

describe('app:info', () => {
  it('describes the app', async () => {
    expect(await invoke('app:info')).toEqual({
      ok: true,
      value: { name: 'Provenance Desk', version: '0.1.0', electron: process.versions['electron'] ?? '', chrome: process.versions['chrome'] ?? '', platform: process.platform },
    });
  });
});
