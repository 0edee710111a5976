// Adapter: the CLI's draft reading path (`audit DRAFT`): the bytes written to a temporary file, read with
// readTextFile (size limit, empty, binary, UTF-16, invalid UTF-8 → UsageError naming the file), then
// the same checks as the audit command and createDraftRows.
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AUDIT_MAX_DRAFT_BYTES } from '../../cli/commands/audit.ts';
import { UsageError } from '../../cli/command.ts';
import { readTextFile } from '../../cli/read-input.ts';
import { createDraftRows } from '../../shared/draft/rows.ts';
import type { AdapterContext, AdapterOutcome, FuzzInput } from '../protocol.ts';
import { FUZZ_TIME, newId } from '../store.ts';

let counter = 0;

/** Reads the input as the CLI reads a draft; UsageError is the clean rejection. */
export async function run(input: FuzzInput, context: AdapterContext): Promise<AdapterOutcome> {
  const file = path.join(context.tempDir, `${process.pid}-${counter++}-${path.basename(input.name)}`);
  await writeFile(file, input.bytes);
  try {
    const text = await readTextFile(file, { limit: AUDIT_MAX_DRAFT_BYTES, what: 'draft' });
    const rows = createDraftRows({ text, fileName: file, origin: 'txt', importedAt: FUZZ_TIME }, newId);
    if (!rows.ok) throw new UsageError(rows.error);
    return { kind: 'accepted' };
  } catch (error: unknown) {
    // The message names the temporary path; the classifier looks for the input's base name in it.
    if (error instanceof UsageError) return { kind: 'rejected', message: error.message.replaceAll(file, input.name), errorName: error.name };
    throw error;
  } finally {
    await rm(file, { force: true });
  }
}
