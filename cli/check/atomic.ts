// Writing the packet atomically (issue 8 item 1): the bytes go to `OUT.tmp-<random>` beside OUT, are
// flushed, and the temp file is renamed over OUT; on any failure the temp file is removed. Readers see
// the old OUT or the whole new one, never half a packet.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../command.ts';

/** Options of writeFileAtomic. */
export interface AtomicWriteOptions {
  /** Called with the temp file's path once it is written and flushed, before the rename (tests inject failures here). */
  beforeRename?(tempPath: string): void | Promise<void>;
}

function describe(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EISDIR') return 'it is a folder';
  return error instanceof Error ? error.message : String(error);
}

/** Checks, before any work, that OUT can be written: its folder exists and OUT is not a folder; throws UsageError naming OUT. */
export async function checkWritableTarget(out: string): Promise<void> {
  const dir = path.dirname(path.resolve(out));
  try {
    const d = await fs.stat(dir);
    if (!d.isDirectory()) throw new UsageError(`${out}: cannot write the packet there (${dir} is not a folder)`);
  } catch (error: unknown) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${out}: cannot write the packet there (${describe(error)})`);
  }
  try {
    if ((await fs.stat(out)).isDirectory()) throw new UsageError(`${out}: is a folder; give a file name for the packet, e.g. ${path.join(out, 'packet.zip')}`);
  } catch (error: unknown) {
    if (error instanceof UsageError) throw error;
  }
}

/** Writes bytes to `out` through a temp file and a rename (replacing an existing file); throws UsageError naming `out`, leaving neither it half-written nor the temp file behind. */
export async function writeFileAtomic(out: string, bytes: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const temp = `${out}.tmp-${randomBytes(6).toString('hex')}`;
  try {
    const handle = await fs.open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.(temp);
    await fs.rename(temp, out);
  } catch (error: unknown) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${out}: the packet could not be written (${describe(error)}); nothing was left behind`);
  }
}
