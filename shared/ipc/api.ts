// The type of the preload API (`api` on the page's global object) as the preload exposes it: one method per contract channel plus the menu
// subscription. Type-only, so the renderer pulls in no zod and no Electron.
import type { Result } from '../types/result.ts';
import type { IPC_METHODS, IpcChannel, MenuCommand } from './channels.ts';
import type { IpcArgInput, IpcResult } from './contract.ts';

/** The the preload API (`api` on the page's global object) method for one channel: its contract argument (none for `void`) to a Result. */
export type ApiMethod<C extends IpcChannel> = [IpcArgInput<C>] extends [undefined]
  ? () => Promise<Result<IpcResult<C>>>
  : (arg: IpcArgInput<C>) => Promise<Result<IpcResult<C>>>;

/** What the preload exposes on the preload API (`api` on the page's global object); every method resolves to a Result and never rejects for a handled failure. */
export type DeskApi = { readonly [C in IpcChannel as (typeof IPC_METHODS)[C]]: ApiMethod<C> } & {
  /** Calls `listener` for each application-menu command; returns a function that unsubscribes it. */
  readonly onMenuCommand: (listener: (command: MenuCommand) => void) => () => void;
};
