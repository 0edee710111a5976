// Adapter: a draft text file as the app imports it (bytes decoded as File.text() does, then
// createDraftRows, which runs parseDraft), committed through the store when accepted.
import { createDraftRows } from '../../shared/draft/rows.ts';
import type { AdapterContext, AdapterOutcome, FuzzInput } from '../protocol.ts';
import { FUZZ_TIME, draftEvent, newId, storeImport, storeUntouched } from '../store.ts';

/** Imports the bytes as a .txt draft; a rejection is createDraftRows' error Result. */
export async function run(input: FuzzInput, context: AdapterContext): Promise<AdapterOutcome> {
  const text = new TextDecoder('utf-8').decode(input.bytes); // what Blob.text() gives: bad bytes become U+FFFD
  const rows = createDraftRows({ text, fileName: input.name, origin: 'txt', importedAt: FUZZ_TIME }, newId);
  if (!context.storeCheck) return rows.ok ? { kind: 'accepted' } : { kind: 'rejected', message: rows.error };
  if (!rows.ok) {
    const lost = await storeUntouched();
    return lost === null ? { kind: 'rejected', message: rows.error } : { kind: 'lost', detail: lost };
  }
  return storeImport(input.name, [draftEvent(rows.value)], new Map());
}
