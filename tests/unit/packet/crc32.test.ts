import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { nativeCrc32 } from '../../../cli/native-crc32.ts';
import { zipFiles } from '../../../shared/packet/bagit.ts';
import { crc32 } from '../../../shared/packet/crc32.ts';
import { mulberry32 } from '../../../shared/seeded-random.ts';

function bytesOf(random: () => number, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

describe('crc32 (slicing-by-8)', () => {
  it('gives the check value of the CRC-32/ISO-HDLC catalogue entry and 0 for no bytes', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it("equals zlib's crc32 for every length 0–100, unaligned views and a megabyte", () => {
    const random = mulberry32(8785);
    for (let length = 0; length <= 100; length++) {
      const bytes = bytesOf(random, length);
      expect(crc32(bytes), `length ${length}`).toBe(zlibCrc32(bytes));
    }
    const big = bytesOf(random, 1024 * 1024 + 13);
    for (const offset of [0, 1, 3, 7]) {
      const view = big.subarray(offset, big.length - offset);
      expect(crc32(view), `offset ${offset}`).toBe(zlibCrc32(view));
    }
    expect(crc32(new Uint8Array(4096).fill(0xff))).toBe(zlibCrc32(new Uint8Array(4096).fill(0xff)));
  });
});

describe('zipFiles checksums', () => {
  const random = mulberry32(6962);
  const files = [
    { path: 'data/a.txt', bytes: new TextEncoder().encode('a text file, deflated\n'.repeat(50)) },
    { path: 'data/sources/b.pdf', bytes: bytesOf(random, 70_001), compress: false },
    { path: 'data/empty.txt', bytes: new Uint8Array(0) },
  ];

  it('writes entries that fflate unzips with their CRC-32 checked, stored and deflated alike', () => {
    const zip = zipFiles(files);
    const out = unzipSync(zip);
    for (const f of files) expect(out[f.path], f.path).toEqual(f.bytes);
  });

  it("gives the same bytes with zlib's CRC-32 as with the pure-JS one", () => {
    expect(Buffer.compare(zipFiles(files, undefined, nativeCrc32), zipFiles(files))).toBe(0);
  });

  it("passes the system unzip's CRC test, and fails it when a checksum is wrong (the checksum is really written)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pd-crc-'));
    try {
      const good = path.join(dir, 'good.zip');
      const bad = path.join(dir, 'bad.zip');
      writeFileSync(good, zipFiles(files));
      writeFileSync(bad, zipFiles(files, undefined, (b) => (crc32(b) ^ 1) >>> 0));
      expect(execFileSync('unzip', ['-t', good], { encoding: 'utf8' })).toMatch(/No errors detected/);
      expect(() => execFileSync('unzip', ['-t', bad], { stdio: 'pipe' })).toThrow(/bad CRC|CRC error|Command failed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
