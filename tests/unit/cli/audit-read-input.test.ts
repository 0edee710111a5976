import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../cli/command.ts';
import { firstInvalidUtf8, readBinaryFile, readTextFile } from '../../../cli/read-input.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'read-input-'));
const write = (name: string, content: string | Uint8Array): string => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};

describe('readTextFile', () => {
  it('reads UTF-8 text and drops a byte-order mark', async () => {
    const file = write('bom.txt', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Iran’s draft.')]));
    expect(await readTextFile(file, { limit: 100, what: 'draft' })).toBe('Iran’s draft.');
  });

  it('accepts a file exactly at the limit and rejects one byte more', async () => {
    const at = write('at.txt', 'abcde');
    expect(await readTextFile(at, { limit: 5, what: 'transcript' })).toBe('abcde');
    await expect(readTextFile(at, { limit: 4, what: 'transcript' })).rejects.toThrow(/at\.txt: the transcript is 5 bytes; the limit is 4 bytes/);
    await expect(readTextFile(at, { limit: 4, what: 'transcript' })).rejects.toBeInstanceOf(UsageError);
  });
});

describe('readBinaryFile', () => {
  it('reads bytes and rejects empty, missing and oversized files', async () => {
    const file = write('b.bin', new Uint8Array([0, 1, 2]));
    expect([...(await readBinaryFile(file, { limit: 3 }))]).toEqual([0, 1, 2]);
    await expect(readBinaryFile(file, { limit: 2, what: 'packet' })).rejects.toThrow(/b\.bin: the packet is 3 bytes; the limit is 2 bytes/);
    await expect(readBinaryFile(write('e.bin', ''), { limit: 2 })).rejects.toThrow(/e\.bin: the file is empty/);
    await expect(readBinaryFile(path.join(dir, 'missing.bin'), { limit: 2 })).rejects.toThrow(/missing\.bin: no such file/);
  });
});

describe('firstInvalidUtf8', () => {
  it('finds the first byte that breaks UTF-8, agreeing with a fatal TextDecoder', () => {
    const cases: [number[], number][] = [
      [[0x61, 0xe2, 0x80, 0x99], -1],
      [[0xf0, 0x9f, 0x98, 0x80], -1],
      [[0x61, 0xc0, 0xaf], 1], // overlong
      [[0xed, 0xa0, 0x80], 0], // surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
      [[0x61, 0x62, 0xe2, 0x80], 2], // truncated
      [[0x80], 0],
    ];
    for (const [bytes, expected] of cases) {
      expect(firstInvalidUtf8(new Uint8Array(bytes))).toBe(expected);
      const decodes = (() => {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
          return true;
        } catch {
          return false;
        }
      })();
      expect(decodes).toBe(expected === -1);
    }
  });
});
