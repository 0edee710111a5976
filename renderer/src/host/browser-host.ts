import { err, ok, type Result } from '../../../shared/types/result.ts';
import type { Host, PickOptions, PickedFile, SaveOptions } from './host.ts';

/** Largest file the browser host reads into memory at once (bytes); larger files are refused with a message. */
export const MAX_PICKED_FILE_BYTES = 1024 * 1024 * 1024;

/** Reads user-chosen File objects into PickedFiles; fails naming the first file that cannot be read or is too large. */
export async function readPickedFiles(files: readonly File[]): Promise<Result<PickedFile[]>> {
  const out: PickedFile[] = [];
  for (const file of files) {
    if (file.size > MAX_PICKED_FILE_BYTES) {
      return err(`${file.name} is ${(file.size / 1024 / 1024).toFixed(0)} MB; files over ${MAX_PICKED_FILE_BYTES / 1024 / 1024} MB cannot be opened.`);
    }
    try {
      out.push({ name: file.name, mediaType: file.type, bytes: new Uint8Array(await file.arrayBuffer()) });
    } catch (error: unknown) {
      return err(`${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return ok(out);
}

/** The `accept` attribute for a file input from pick filters; '' accepts anything. */
export function acceptFor(options: PickOptions): string {
  return options.filters.flatMap((f) => f.extensions.filter((e) => e !== '*').map((e) => `.${e}`)).join(',');
}

/** A Host for an ordinary browser: the File API to pick, a download to save. */
export function createBrowserHost(doc: Document = document): Host {
  return {
    kind: 'browser',
    // A browser page has no application menu; its commands have keyboard shortcuts and buttons instead.
    onMenuCommand: () => () => undefined,
    pickFiles(options: PickOptions): Promise<Result<PickedFile[]>> {
      return new Promise((resolve) => {
        const input = doc.createElement('input');
        input.type = 'file';
        input.multiple = options.multiple;
        input.accept = acceptFor(options);
        input.hidden = true;
        let settled = false;
        const finish = (value: Result<PickedFile[]>) => {
          if (settled) return;
          settled = true;
          input.remove();
          resolve(value);
        };
        input.addEventListener('change', () => {
          void readPickedFiles(Array.from(input.files ?? [])).then(finish);
        });
        input.addEventListener('cancel', () => finish(ok([])));
        doc.body.append(input);
        input.click();
      });
    },
    async saveFile(options: SaveOptions): Promise<Result<{ savedAs: string } | null>> {
      try {
        const blob = new Blob([options.bytes as Uint8Array<ArrayBuffer>], { type: options.mediaType });
        const url = URL.createObjectURL(blob);
        const a = doc.createElement('a');
        a.href = url;
        a.download = options.suggestedName;
        a.hidden = true;
        doc.body.append(a);
        a.click();
        a.remove();
        // Revoke later: the download starts asynchronously and needs the URL until then.
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        return ok({ savedAs: options.suggestedName });
      } catch (error: unknown) {
        return err(`${options.suggestedName} could not be saved: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
