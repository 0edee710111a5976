// The implementations of the contract's channels. Each is registered through `handle` (ipc.ts), so
// each receives only a validated argument from the app's own main frame.
import { app, BrowserWindow, dialog, type IpcMainInvokeEvent, type OpenDialogOptions } from 'electron';
import { IPC_CHANNELS, type IpcChannel } from '../../shared/ipc/channels.ts';
import { ok } from '../../shared/types/result.ts';
import { readPickedFiles, writeSavedFile } from './files.ts';
import { handle, type IpcHandler } from './ipc.ts';

function ownerWindow(event: IpcMainInvokeEvent): BrowserWindow | null {
  return BrowserWindow.fromWebContents(event.sender);
}

const pickFiles: IpcHandler<'dialog:pick-files'> = async (options, event) => {
  const properties: OpenDialogOptions['properties'] = options.multiple ? ['openFile', 'multiSelections'] : ['openFile'];
  const dialogOptions: OpenDialogOptions = { title: options.title, filters: options.filters, properties };
  const owner = ownerWindow(event);
  const chosen = owner === null ? await dialog.showOpenDialog(dialogOptions) : await dialog.showOpenDialog(owner, dialogOptions);
  if (chosen.canceled || chosen.filePaths.length === 0) return ok([]);
  return readPickedFiles(chosen.filePaths);
};

const saveFile: IpcHandler<'dialog:save-file'> = async (options, event) => {
  const owner = ownerWindow(event);
  const dialogOptions = { defaultPath: options.suggestedName };
  const chosen = owner === null ? await dialog.showSaveDialog(dialogOptions) : await dialog.showSaveDialog(owner, dialogOptions);
  if (chosen.canceled || chosen.filePath === undefined || chosen.filePath === '') return ok(null);
  return writeSavedFile(chosen.filePath, options.bytes);
};

const appInfo: IpcHandler<'app:info'> = () =>
  ok({
    name: app.getName(),
    version: app.getVersion(),
    electron: process.versions.electron ?? '',
    chrome: process.versions.chrome ?? '',
    platform: process.platform,
  });

/** Every channel's implementation; the type makes a channel without one a compile error. */
export const IPC_HANDLERS: { readonly [C in IpcChannel]: IpcHandler<C> } = {
  'dialog:pick-files': pickFiles,
  'dialog:save-file': saveFile,
  'app:info': appInfo,
};

/** Registers every contract channel with its implementation; throws if one is already registered. */
export function registerIpcHandlers(trustedOrigins: readonly string[]): void {
  for (const channel of IPC_CHANNELS) registerOne(channel, trustedOrigins);
}

function registerOne<C extends IpcChannel>(channel: C, trustedOrigins: readonly string[]): void {
  handle(channel, IPC_HANDLERS[channel], trustedOrigins);
}
