// The one door for IPC (Electron security checklist 17). Every channel is registered through `handle`,
// which checks who is calling, validates the payload against the contract's schema, and turns every
// failure into a Result with a readable message instead of an exception crossing the bridge.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import type { IpcChannel } from '../../shared/ipc/channels.ts';
import { IPC_CONTRACT, type IpcArg, type IpcResult } from '../../shared/ipc/contract.ts';
import { err, type Result } from '../../shared/types/result.ts';
import { isTrustedUrl } from './origin.ts';

/** Most schema problems listed in one error message. */
export const MAX_REPORTED_ISSUES = 5;

/** A channel's implementation: the validated argument in, a Result out. */
export type IpcHandler<C extends IpcChannel> = (
  arg: IpcArg<C>,
  event: IpcMainInvokeEvent,
) => Promise<Result<IpcResult<C>>> | Result<IpcResult<C>>;

/**
 * Checks that an IPC call comes from the main frame of one of the app's own pages. Returns null when
 * it does, otherwise a message saying why not (no sender frame, a subframe, or a foreign origin).
 */
export function checkSender(event: IpcMainInvokeEvent, trustedOrigins: readonly string[]): string | null {
  const frame = event.senderFrame;
  if (frame === null || frame === undefined) return 'the calling frame is gone';
  if (frame.parent !== null) return 'calls from subframes are not accepted';
  if (!isTrustedUrl(frame.url, trustedOrigins)) return `calls from ${JSON.stringify(frame.url)} are not accepted`;
  return null;
}

function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => {
    const where = issue.path.length === 0 ? 'argument' : issue.path.map(String).join('.');
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/**
 * Runs one IPC call: sender check, payload validation (exactly one argument, or none for a `void`
 * channel), then `fn`. Never throws; every failure is `{ ok: false, error }` naming the channel.
 */
export async function dispatch<C extends IpcChannel>(
  channel: C,
  fn: IpcHandler<C>,
  trustedOrigins: readonly string[],
  event: IpcMainInvokeEvent,
  args: readonly unknown[],
): Promise<Result<IpcResult<C>>> {
  const refused = checkSender(event, trustedOrigins);
  if (refused !== null) return err(`${channel} refused: ${refused}.`);
  if (args.length > 1) return err(`${channel} takes at most one argument; got ${args.length}.`);
  const schema: z.ZodType = IPC_CONTRACT[channel].args;
  const parsed = schema.safeParse(args[0]);
  if (!parsed.success) return err(`${channel} was called with an invalid argument: ${describeIssues(parsed.error)}.`);
  try {
    return await fn(parsed.data as IpcArg<C>, event);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${channel} failed`, error);
    return err(`${channel} failed: ${message}`);
  }
}

/** Registers the handler of one contract channel behind the sender check and schema validation. */
export function handle<C extends IpcChannel>(channel: C, fn: IpcHandler<C>, trustedOrigins: readonly string[]): void {
  ipcMain.handle(channel, (event, ...args: unknown[]) => dispatch(channel, fn, trustedOrigins, event, args));
}
