import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../electron/fake-electron.ts'));

import type { IpcMainInvokeEvent } from 'electron';
import { checkSender, dispatch, handle, type IpcHandler } from '../../../electron/main/ipc.ts';
import { APP_ORIGIN } from '../../../electron/main/origin.ts';
import { IPC_CHANNELS, type IpcChannel } from '../../../shared/ipc/channels.ts';
import { MAX_SAVE_BYTES } from '../../../shared/ipc/contract.ts';
import type { Result } from '../../../shared/types/result.ts';
import { invokeEvent, ipcMain, resetFakeElectron } from '../electron/fake-electron.ts';

const TRUSTED = [APP_ORIGIN];

// One valid argument per channel, so each test changes only the thing it is about.
const VALID: { readonly [C in IpcChannel]: unknown[] } = {
  'dialog:pick-files': [{ title: 'Import PDFs', filters: [{ name: 'PDF', extensions: ['pdf'] }], multiple: true }],
  'dialog:save-file': [{ suggestedName: 'packet.zip', bytes: new Uint8Array([1, 2, 3]), mediaType: 'application/zip' }],
  'app:info': [],
};

function event(url: string | null, subframe = false): IpcMainInvokeEvent {
  return invokeEvent(url, { subframe }) as unknown as IpcMainInvokeEvent;
}

// A handler that records whether it ran: a refused call must never reach it.
function probe<C extends IpcChannel>(): { fn: IpcHandler<C>; calls: unknown[] } {
  const calls: unknown[] = [];
  const fn = ((arg: unknown) => {
    calls.push(arg);
    return { ok: true, value: 'ran' };
  }) as unknown as IpcHandler<C>;
  return { fn, calls };
}

async function call(channel: IpcChannel, ipcEvent: IpcMainInvokeEvent, args: unknown[]): Promise<{ result: Result<unknown>; calls: unknown[] }> {
  const { fn, calls } = probe();
  const result = await dispatch(channel, fn, TRUSTED, ipcEvent, args);
  return { result, calls };
}

function errorOf(result: Result<unknown>): string {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result.error;
}

describe('checkSender', () => {
  it('accepts the main frame of the app origin', () => {
    expect(checkSender(event('app://desk/index.html'), TRUSTED)).toBeNull();
  });

  it('refuses a missing sender frame', () => {
    expect(checkSender(event(null), TRUSTED)).toMatch(/frame is gone/);
  });

  it('refuses a subframe even of the app origin', () => {
    expect(checkSender(event('app://desk/frame.html', true), TRUSTED)).toMatch(/subframes/);
  });

  it.each(['https://example.com/', 'file:///app/index.html', 'app://evil/index.html', 'http://localhost:5173/', 'about:blank', 'data:text/html,x'])(
    'refuses the origin of %s',
    (url) => {
      expect(checkSender(event(url), TRUSTED)).toMatch(/not accepted/);
    },
  );
});

describe.each(IPC_CHANNELS)('dispatch on %s', (channel) => {
  it('runs the handler for a valid call from the app', async () => {
    const { result, calls } = await call(channel, event('app://desk/index.html'), VALID[channel]);
    expect(result).toEqual({ ok: true, value: 'ran' });
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['a wrong origin', 'https://example.com/index.html', false, /refused: calls from "https:\/\/example.com\/index.html" are not accepted/],
    ['a file:// page', 'file:///tmp/index.html', false, /refused: calls from/],
    ['a subframe', 'app://desk/index.html', true, /refused: calls from subframes are not accepted/],
    ['a missing sender frame', null, false, /refused: the calling frame is gone/],
  ] as const)('refuses %s without running the handler', async (_why, url, subframe, message) => {
    const { result, calls } = await call(channel, event(url, subframe), VALID[channel]);
    expect(errorOf(result)).toMatch(new RegExp(`^${channel} ${message.source}`));
    expect(calls).toHaveLength(0);
  });

  it('refuses extra arguments', async () => {
    const { result, calls } = await call(channel, event('app://desk/index.html'), [...VALID[channel], 'extra', 'more']);
    expect(errorOf(result)).toMatch(/takes at most one argument/);
    expect(calls).toHaveLength(0);
  });

  it('refuses arbitrary malformed payloads with a readable message (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything({ withTypedArray: true, withMap: true, withSet: true, withDate: true, withNullPrototype: true }), async (payload) => {
        // Skip the rare generated value that happens to be valid (undefined for app:info).
        fc.pre(!(channel === 'app:info' && payload === undefined));
        const { result, calls } = await call(channel, event('app://desk/index.html'), [payload]);
        expect(errorOf(result)).toMatch(new RegExp(`^${channel} was called with an invalid argument: .+\\.$`));
        expect(calls).toHaveLength(0);
      }),
      { numRuns: 300 },
    );
  });

  it('turns a throwing handler into a failed Result naming the channel', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const fn = (() => {
      throw new Error('disk on fire');
    }) as unknown as IpcHandler<typeof channel>;
    const result = await dispatch(channel, fn, TRUSTED, event('app://desk/index.html'), VALID[channel]);
    expect(result).toEqual({ ok: false, error: `${channel} failed: disk on fire` });
  });
});

describe('malformed payloads, per channel (property)', () => {
  const app = event('app://desk/index.html');
  const validPick = VALID['dialog:pick-files'][0] as Record<string, unknown>;
  const validSave = VALID['dialog:save-file'][0] as Record<string, unknown>;
  const anything = fc.anything({ withTypedArray: true, withMap: true, withSet: true, withDate: true, withNullPrototype: true });
  // The valid payload with one field replaced by a value of the wrong type.
  const wrongType = (key: string, isWrong: (value: unknown) => boolean, base = validPick): fc.Arbitrary<Record<string, unknown>> =>
    anything.filter(isWrong).map((value) => ({ ...base, [key]: value }));

  it('dialog:pick-files refuses any field of the wrong type, missing, or extra', async () => {
    const broken = fc.oneof(
      wrongType('title', (v) => typeof v !== 'string'),
      wrongType('multiple', (v) => typeof v !== 'boolean'),
      wrongType('filters', (v) => !Array.isArray(v)),
      fc.constantFrom('title', 'filters', 'multiple').map((key) => Object.fromEntries(Object.entries(validPick).filter(([k]) => k !== key))),
      fc.string({ minLength: 1 }).filter((key) => !['title', 'filters', 'multiple'].includes(key) && key !== '__proto__').map((key) => ({ ...validPick, [key]: 1 })),
    );
    await fc.assert(
      fc.asyncProperty(broken, async (payload) => {
        const { result, calls } = await call('dialog:pick-files', app, [payload]);
        expect(errorOf(result)).toMatch(/^dialog:pick-files was called with an invalid argument/);
        expect(calls).toHaveLength(0);
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    ['an extension with a dot', { ...validPick, filters: [{ name: 'PDF', extensions: ['.pdf'] }] }, /filters\.0\.extensions\.0/],
    ['a wildcard extension', { ...validPick, filters: [{ name: 'All', extensions: ['*'] }] }, /extensions/],
    ['a traversal in an extension', { ...validPick, filters: [{ name: 'x', extensions: ['../x'] }] }, /extensions/],
    ['too many filters', { ...validPick, filters: Array.from({ length: 21 }, () => ({ name: 'PDF', extensions: ['pdf'] })) }, /filters/],
    ['a huge title', { ...validPick, title: 'x'.repeat(201) }, /title/],
  ])('dialog:pick-files refuses %s', async (_why, payload, where) => {
    const { result } = await call('dialog:pick-files', app, [payload]);
    expect(errorOf(result)).toMatch(where);
  });

  it('dialog:save-file refuses any field of the wrong type, missing, or extra', async () => {
    const broken = fc.oneof(
      wrongType('suggestedName', (v) => typeof v !== 'string', validSave),
      wrongType('bytes', (v) => !(v instanceof Uint8Array), validSave),
      wrongType('mediaType', (v) => typeof v !== 'string', validSave),
      fc.constantFrom('suggestedName', 'bytes', 'mediaType').map((key) => Object.fromEntries(Object.entries(validSave).filter(([k]) => k !== key))),
      fc.string({ minLength: 1 }).filter((key) => !['suggestedName', 'bytes', 'mediaType'].includes(key) && key !== '__proto__').map((key) => ({ ...validSave, [key]: 1 })),
    );
    await fc.assert(
      fc.asyncProperty(broken, async (payload) => {
        const { result, calls } = await call('dialog:save-file', app, [payload]);
        expect(errorOf(result)).toMatch(/^dialog:save-file was called with an invalid argument/);
        expect(calls).toHaveLength(0);
      }),
      { numRuns: 400 },
    );
  });

  it('dialog:save-file refuses any suggested name with a directory part (property)', async () => {
    const withSeparator = fc
      .tuple(fc.string({ maxLength: 20 }), fc.constantFrom('/', '\\'), fc.string({ maxLength: 20 }))
      .map(([before, separator, after]) => `${before}${separator}${after}`);
    await fc.assert(
      fc.asyncProperty(withSeparator, async (suggestedName) => {
        const { result, calls } = await call('dialog:save-file', app, [{ ...validSave, suggestedName }]);
        expect(errorOf(result)).toMatch(/suggestedName/);
        expect(calls).toHaveLength(0);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['..', /suggestedName: the file name must not be \. or \.\./],
    ['', /suggestedName: the file name is empty/],
    ['a\u0000b.zip', /control characters/],
    ['x'.repeat(256), /suggestedName/],
  ])('dialog:save-file refuses the name %j', async (suggestedName, message) => {
    const { result } = await call('dialog:save-file', app, [{ ...validSave, suggestedName }]);
    expect(errorOf(result)).toMatch(message);
  });

  it('dialog:save-file refuses more than MAX_SAVE_BYTES', async () => {
    // A view claiming more bytes than the limit without allocating them.
    const huge = new Uint8Array(0);
    Object.defineProperty(huge, 'byteLength', { value: MAX_SAVE_BYTES + 1 });
    const { result, calls } = await call('dialog:save-file', app, [{ ...validSave, bytes: huge }]);
    expect(errorOf(result)).toMatch(/bytes: the file is larger than/);
    expect(calls).toHaveLength(0);
  });

  it.each([[[1, 2, 3]], ['AQID'], [new ArrayBuffer(3)], [{ 0: 1, length: 1 }]])('dialog:save-file refuses bytes given as %j', async (bytes) => {
    const { result } = await call('dialog:save-file', app, [{ ...validSave, bytes }]);
    expect(errorOf(result)).toMatch(/bytes: bytes must be a Uint8Array/);
  });

  it('app:info refuses any argument at all (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything().filter((value) => value !== undefined), async (payload) => {
        const { result } = await call('app:info', app, [payload]);
        expect(errorOf(result)).toMatch(/^app:info was called with an invalid argument: argument: app:info takes no argument\.$/);
      }),
      { numRuns: 200 },
    );
  });
});

describe('handle', () => {
  beforeEach(() => {
    resetFakeElectron();
  });

  it('registers the channel on ipcMain behind the checks', async () => {
    const { fn, calls } = probe<'app:info'>();
    handle('app:info', fn, TRUSTED);
    await expect(ipcMain.invoke('app:info', invokeEvent('app://desk/index.html'))).resolves.toEqual({ ok: true, value: 'ran' });
    const refused = (await ipcMain.invoke('app:info', invokeEvent('https://example.com/'))) as Result<unknown>;
    expect(errorOf(refused)).toMatch(/^app:info refused/);
    expect(calls).toHaveLength(1);
  });

  it('refuses to register a channel twice', () => {
    handle('app:info', probe<'app:info'>().fn, TRUSTED);
    expect(() => handle('app:info', probe<'app:info'>().fn, TRUSTED)).toThrow(/second handler/);
  });
});
