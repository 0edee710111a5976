import { createBrowserHost } from './browser-host.ts';
import { createElectronHost, findDeskApi } from './electron-host.ts';
import type { Host } from './host.ts';

/** The Electron host when the preload exposed `window.api`, otherwise the browser host; never throws. */
export function selectHost(): Host {
  const api = findDeskApi();
  return api ? createElectronHost(api) : createBrowserHost();
}
