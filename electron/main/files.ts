// Reading the files a user picked and writing the file a user chose to save, with the contract's size
// limits checked before anything is read into memory. A saved file is written atomically: the bytes go
// to a temp file beside it, are flushed, and the temp file is renamed over the target, so the target is
// never half-written (a packet is either the old one or the whole new one).
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_PICK_FILE_BYTES, MAX_PICK_FILES, MAX_PICK_TOTAL_BYTES, type PickedFile } from '../../shared/ipc/contract.ts';
import { err, ok, type Result } from '../../shared/types/result.ts';

/** Media types by extension for the files the app imports; others are reported as ''. */
export const PICKED_MEDIA_TYPES: ReadonlyMap<string, string> = new Map([
  ['.pdf', 'application/pdf'],
  ['.txt', 'text/plain'],
  ['.md', 'text/markdown'],
  ['.html', 'text/html'],
  ['.htm', 'text/html'],
  ['.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['.vtt', 'text/vtt'],
  ['.srt', 'application/x-subrip'],
  ['.json', 'application/json'],
  ['.jsonld', 'application/ld+json'],
  ['.csv', 'text/csv'],
  ['.bib', 'application/x-bibtex'],
  ['.ris', 'application/x-research-info-systems'],
  ['.zip', 'application/zip'],
  ['.mp3', 'audio/mpeg'],
  ['.m4a', 'audio/mp4'],
  ['.wav', 'audio/wav'],
  ['.ogg', 'audio/ogg'],
  ['.opus', 'audio/ogg'],
  ['.flac', 'audio/flac'],
  ['.webm', 'video/webm'],
  ['.mp4', 'video/mp4'],
]);

/** Guesses a picked file's media type from its extension; '' when unknown. */
export function mediaTypeOf(fileName: string): string {
  return PICKED_MEDIA_TYPES.get(path.extname(fileName).toLowerCase()) ?? '';
}

/**
 * Reads the files at `paths` (chosen in a dialog). Fails, reading nothing, when there are more than
 * MAX_PICK_FILES, one is not a regular file or exceeds MAX_PICK_FILE_BYTES, or together they exceed
 * MAX_PICK_TOTAL_BYTES; read errors fail with the file's name.
 */
export async function readPickedFiles(paths: readonly string[]): Promise<Result<PickedFile[]>> {
  if (paths.length > MAX_PICK_FILES) {
    return err(`${paths.length} files were chosen; at most ${MAX_PICK_FILES} can be opened at once.`);
  }
  let total = 0;
  for (const file of paths) {
    const name = path.basename(file);
    let size: number;
    try {
      const info = await stat(file);
      if (!info.isFile()) return err(`${name} is not a regular file.`);
      size = info.size;
    } catch (error) {
      return err(`${name} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (size > MAX_PICK_FILE_BYTES) return err(`${name} is ${size} bytes; the limit is ${MAX_PICK_FILE_BYTES} bytes.`);
    total += size;
    if (total > MAX_PICK_TOTAL_BYTES) return err(`The chosen files together exceed ${MAX_PICK_TOTAL_BYTES} bytes; choose fewer.`);
  }
  const picked: PickedFile[] = [];
  for (const file of paths) {
    const name = path.basename(file);
    try {
      const bytes = await readFile(file);
      // A file that grew between stat and read is held to the same limit.
      if (bytes.byteLength > MAX_PICK_FILE_BYTES) return err(`${name} is larger than ${MAX_PICK_FILE_BYTES} bytes.`);
      picked.push({ name, mediaType: mediaTypeOf(name), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    } catch (error) {
      return err(`${name} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return ok(picked);
}

/** Options of writeSavedFile. */
export interface SaveWriteOptions {
  /** Called with the flushed temp file's path just before the rename (tests inject failures here). */
  beforeRename?(tempPath: string): void | Promise<void>;
}

/** Writes `bytes` to `filePath` (chosen in a save dialog) through a flushed temp file and a rename; fails with a message naming the file, leaving neither a half-written target nor the temp file. */
export async function writeSavedFile(filePath: string, bytes: Uint8Array, options: SaveWriteOptions = {}): Promise<Result<{ savedAs: string }>> {
  const temp = path.join(path.dirname(filePath), `.${path.basename(filePath)}.tmp-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.(temp);
    await rename(temp, filePath);
    return ok({ savedAs: filePath });
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    return err(`${path.basename(filePath)} could not be saved: ${error instanceof Error ? error.message : String(error)}`);
  }
}
