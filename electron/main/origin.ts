// Which URLs are the app's own. Packaged and `npm start` builds load `app://desk/`; `npm run dev` loads
// electron-vite's dev server, which is trusted only when the app is not packaged and the server is on
// the loopback interface.

/** The custom scheme the renderer is served from. */
export const APP_SCHEME = 'app';
/** The host part of every app URL; a standard scheme needs one. */
export const APP_HOST = 'desk';
/** The app's origin. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The renderer's entry page. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Loopback hosts a development server may run on. */
const DEV_SERVER_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Where the renderer comes from and which origins count as the app's own. */
export interface RendererEntry {
  /** The URL the main window loads. */
  url: string;
  /** Origins (`scheme://host[:port]`) whose frames may navigate and call IPC. */
  trustedOrigins: readonly string[];
}

/**
 * Returns `scheme://host[:port]` of a URL, or null when it does not parse or has no host. (Node's
 * `URL.origin` is the string "null" for non-special schemes such as `app:`, so it cannot be used.)
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.host === '' ? null : `${parsed.protocol}//${parsed.host}`;
}

/** Tells whether a URL belongs to one of the trusted origins; false for anything unparseable. */
export function isTrustedUrl(url: string, trustedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && trustedOrigins.includes(origin);
}

/**
 * Chooses the renderer's URL: the dev server when not packaged and `devServerUrl` is a loopback http
 * URL, otherwise `app://desk/index.html`. Throws when a dev server URL is given but is not loopback
 * http, so a stray environment variable cannot point the app at a remote page.
 */
export function resolveRendererEntry(options: { isPackaged: boolean; devServerUrl: string | undefined }): RendererEntry {
  const { isPackaged, devServerUrl } = options;
  if (isPackaged || devServerUrl === undefined || devServerUrl === '') {
    return { url: APP_ENTRY_URL, trustedOrigins: [APP_ORIGIN] };
  }
  let parsed: URL;
  try {
    parsed = new URL(devServerUrl);
  } catch {
    throw new Error(`ELECTRON_RENDERER_URL is not a URL: ${devServerUrl}`);
  }
  if (parsed.protocol !== 'http:' || !DEV_SERVER_HOSTS.has(parsed.hostname)) {
    throw new Error(`ELECTRON_RENDERER_URL must be an http URL on localhost, 127.0.0.1 or [::1]; got ${devServerUrl}`);
  }
  return { url: parsed.href, trustedOrigins: [APP_ORIGIN, `${parsed.protocol}//${parsed.host}`] };
}
