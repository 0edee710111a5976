// The save handler's write (issue 8 item 1): a saved packet is written through a flushed temp file and a
// rename, so the target is either the old file or the whole new one, and no temp file is left behind.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSavedFile } from '../../../electron/main/files.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pd-save-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeSavedFile', () => {
  it('writes the bytes and replaces an existing file, leaving only the target', async () => {
    const target = path.join(dir, 'packet.zip');
    await writeFile(target, 'old');
    const result = await writeSavedFile(target, new TextEncoder().encode('new packet'));
    expect(result).toEqual({ ok: true, value: { savedAs: target } });
    expect(await readFile(target, 'utf8')).toBe('new packet');
    expect(await readdir(dir)).toEqual(['packet.zip']);
  });

  it('writes to a temp file in the same folder before renaming it over the target', async () => {
    const target = path.join(dir, 'packet.zip');
    await writeFile(target, 'old');
    let seen: { temp: string; target: string; tempBytes: string } | null = null;
    await writeSavedFile(target, new TextEncoder().encode('whole'), {
      beforeRename: async (temp) => {
        seen = { temp, target: await readFile(target, 'utf8'), tempBytes: await readFile(temp, 'utf8') };
      },
    });
    expect(seen).not.toBeNull();
    expect(path.dirname(seen!.temp)).toBe(dir);
    expect(seen!.target).toBe('old');
    expect(seen!.tempBytes).toBe('whole');
  });

  it('on a failure before the rename keeps the old file untouched and removes the temp file', async () => {
    const target = path.join(dir, 'packet.zip');
    await writeFile(target, 'old');
    const result = await writeSavedFile(target, new TextEncoder().encode('new'), {
      beforeRename: () => {
        throw new Error('disk pulled');
      },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBe('packet.zip could not be saved: disk pulled');
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['packet.zip']);
  });

  it('names the file when its folder does not exist', async () => {
    const result = await writeSavedFile(path.join(dir, 'missing', 'p.zip'), new Uint8Array([1]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^p\.zip could not be saved: /);
    expect(await readdir(dir)).toEqual([]);
  });
});
