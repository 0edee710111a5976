// A stand-in for Electron's binary that @electron/fuses can really read and flip: some bytes, the fuse
// sentinel, the wire version (1), the wire length, one byte per fuse ('0' off, '1' on), more bytes.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * Electron's own defaults for the nine V1 fuses (RunAsNode on, cookie encryption off, NODE_OPTIONS on,
 * --inspect on, ASAR integrity off, only-ASAR off, browser V8 snapshot off, file: privileges on, Wasm
 * trap handlers on): what an unflipped binary carries.
 */
export const ELECTRON_DEFAULT_WIRE = '101100011';

export function fakeElectronBytes(wire: string = ELECTRON_DEFAULT_WIRE): Buffer {
  return Buffer.concat([
    Buffer.from('\x7fELF fake electron\n'),
    Buffer.alloc(4096, 0x2a),
    Buffer.from(SENTINEL, 'latin1'),
    Buffer.from([1, wire.length]),
    Buffer.from(wire, 'latin1'),
    Buffer.alloc(4096, 0x2a),
  ]);
}

export async function writeFakeElectron(file: string, wire?: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, fakeElectronBytes(wire), { mode: 0o755 });
  return file;
}

/** The wire bytes after the sentinel, as a '0'/'1' string. */
export function readWire(bytes: Buffer): string {
  const at = bytes.indexOf(Buffer.from(SENTINEL, 'latin1'));
  if (at < 0) throw new Error('no fuse sentinel');
  const length = bytes[at + SENTINEL.length + 1] ?? 0;
  const start = at + SENTINEL.length + 2;
  return bytes.subarray(start, start + length).toString('latin1');
}
