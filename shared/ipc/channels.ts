// The names the preload and the main process agree on. Kept free of any dependency (no zod) because the
// sandboxed preload bundles everything it imports, and it needs only these names.

/** The property of the page's global object the preload exposes the API on. */
export const API_KEY = 'api';

/** Each invoke channel and the one the preload API (`api` on the page's global object) method that calls it. */
export const IPC_METHODS = {
  'dialog:pick-files': 'pickFiles',
  'dialog:save-file': 'saveFile',
  'app:info': 'appInfo',
} as const;

/** A channel the renderer may invoke. */
export type IpcChannel = keyof typeof IPC_METHODS;

/** A the preload API (`api` on the page's global object) method name. */
export type IpcMethod = (typeof IPC_METHODS)[IpcChannel];

/** Every invoke channel, in declaration order. */
export const IPC_CHANNELS = Object.keys(IPC_METHODS) as IpcChannel[];

/** The channel on which the main process sends application-menu commands to the renderer. */
export const MENU_COMMAND_CHANNEL = 'menu:command';

/** Commands the application menu sends to the renderer. */
export const MENU_COMMANDS = ['show-shortcuts'] as const;

/** A command the application menu sends to the renderer. */
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** Tells whether a value received on the menu channel is a known command (anything else is dropped). */
export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
