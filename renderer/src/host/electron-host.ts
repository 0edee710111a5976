// The Host over the Electron preload's `window.api` (DESIGN.md, Hosts). The preload already returns
// Results and never rejects, so this adapter only maps the Host interface onto the contract methods.
import type { DeskApi } from '../../../shared/ipc/api.ts';
import type { Host } from './host.ts';

declare global {
  interface Window {
    /** Present only inside Electron, where the preload exposes it; undefined in a browser. */
    readonly api?: DeskApi;
  }
}

/** Creates the Electron Host over the preload API. */
export function createElectronHost(api: DeskApi): Host {
  return {
    kind: 'electron',
    pickFiles: (options) => api.pickFiles(options),
    saveFile: (options) => api.saveFile(options),
    onMenuCommand: (listener) => api.onMenuCommand(listener),
  };
}

/** Returns the preload API when running inside Electron, or null in a plain browser. */
export function findDeskApi(target: { api?: DeskApi | undefined } = globalThis as { api?: DeskApi }): DeskApi | null {
  return target.api ?? null;
}
