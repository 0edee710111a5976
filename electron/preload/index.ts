// The preload (built to out/preload/index.cjs, CommonJS because a sandboxed preload cannot be an ES
// module). It exposes exactly one method per contract channel on `window.api`, each bound to its own
// channel, and the menu subscription; never ipcRenderer itself, never a way to name a channel.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DeskApi } from '../../shared/ipc/api.ts';
import { API_KEY, MENU_COMMAND_CHANNEL, isMenuCommand, type IpcChannel, type MenuCommand } from '../../shared/ipc/channels.ts';
import { err, type Result } from '../../shared/types/result.ts';

// Every method resolves to a Result: should the main process not answer (no handler, window closing),
// the rejection becomes a readable error too.
async function invoke<T>(channel: IpcChannel, ...args: unknown[]): Promise<Result<T>> {
  try {
    return (await ipcRenderer.invoke(channel, ...args)) as Result<T>;
  } catch (error) {
    return err(`${channel} could not reach the app: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const api: DeskApi = {
  pickFiles: (options) => invoke('dialog:pick-files', options),
  saveFile: (options) => invoke('dialog:save-file', options),
  appInfo: () => invoke('app:info'),
  onMenuCommand: (listener: (command: MenuCommand) => void) => {
    // The renderer gets the command only, never the IPC event (which carries `sender`).
    const forward = (_event: IpcRendererEvent, command: unknown): void => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld(API_KEY, api);
