// Denials applied to every web contents and to the session (Electron security checklist 5, 12, 13, 14):
// no navigation away from the app, no new windows, no <webview>, no permission ever granted, and in a
// packaged build no devtools.
import type { Session, WebContents } from 'electron';
import { isTrustedUrl } from './origin.ts';

/** What the hardening needs to know about the running app. */
export interface HardeningOptions {
  /** Origins the app's own pages come from (see origin.ts). */
  trustedOrigins: readonly string[];
  /** Whether this is a packaged build, in which devtools stay closed. */
  isPackaged: boolean;
}

/**
 * Installs the navigation, window-open, webview and devtools guards on one web contents. Called for
 * every web contents the app creates (`web-contents-created`), so no window can miss them.
 */
export function hardenWebContents(contents: WebContents, options: HardeningOptions): void {
  const { trustedOrigins, isPackaged } = options;
  const denyUntrusted = (event: { url: string; preventDefault(): void }): void => {
    if (!isTrustedUrl(event.url, trustedOrigins)) {
      event.preventDefault();
      console.warn(`Blocked navigation to ${event.url}`);
    }
  };
  contents.on('will-navigate', denyUntrusted);
  contents.on('will-frame-navigate', denyUntrusted);
  contents.on('will-redirect', denyUntrusted);
  contents.setWindowOpenHandler((details) => {
    console.warn(`Blocked a new window for ${details.url}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  if (isPackaged) {
    contents.on('devtools-opened', () => {
      contents.closeDevTools();
    });
  }
}

/**
 * Denies every permission request and check, and every device (HID, serial, USB) permission, in a
 * session. The app needs none of them: files come through dialogs, media plays from blobs.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
