// Adapter: a .docx draft (renderer/src/import/docx.ts: mammoth, then htmlToDraftText), then createDraftRows,
// committed through the store when accepted.
import { createDraftRows } from '../../shared/draft/rows.ts';
import type { Result } from '../../shared/types/result.ts';
import type { AdapterOutcome, AdapterContext, FuzzInput } from '../protocol.ts';
import { FUZZ_TIME, draftEvent, newId, storeImport, storeUntouched } from '../store.ts';
import { setup as setupDom } from './draft-html.ts';

// Imported by URL for the reason given in draft-html.ts (a renderer module typed against the DOM).
let docxToDraftText: (data: ArrayBuffer, fileName?: string) => Promise<Result<{ text: string }>>;

/** Installs the DOM globals and loads renderer/src/import/docx.ts. */
export async function setup(): Promise<void> {
  await setupDom();
  ({ docxToDraftText } = (await import(new URL('../../renderer/src/import/docx.ts', import.meta.url).href)) as { docxToDraftText: typeof docxToDraftText });
}

/** Converts the bytes as a .docx; a rejection is an error Result naming the file. */
export async function run(input: FuzzInput, context: AdapterContext): Promise<AdapterOutcome> {
  // The app hands over the File's own ArrayBuffer: pass the input's, so a mutation of it is seen.
  const b = input.bytes;
  const buffer = b.byteOffset === 0 && b.buffer.byteLength === b.length ? (b.buffer as ArrayBuffer) : b.slice().buffer;
  const docx = await docxToDraftText(buffer, input.name);
  if (!docx.ok) return reject(docx.error, context);
  const rows = createDraftRows({ text: docx.value.text, fileName: input.name, origin: 'docx', importedAt: FUZZ_TIME }, newId);
  if (!rows.ok) return reject(rows.error, context);
  return context.storeCheck ? storeImport(input.name, [draftEvent(rows.value)], new Map()) : { kind: 'accepted' };
}

async function reject(message: string, context: AdapterContext): Promise<AdapterOutcome> {
  const lost = context.storeCheck ? await storeUntouched() : null;
  return lost === null ? { kind: 'rejected', message } : { kind: 'lost', detail: lost };
}
