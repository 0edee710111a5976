// Adapter: PDF extraction in Node (cli/pdf/extract.ts, extractPdf with its own deadline), committed through
// the store as a source when accepted. The worker it runs in is killed by the campaign on a real hang.
import { extractPdf } from '../../cli/pdf/extract.ts';
import type { AdapterContext, AdapterOutcome, FuzzInput } from '../protocol.ts';
import { sourceRow, storeImport, storeUntouched } from '../store.ts';

/** The extractor's own deadline in the campaign (below the campaign's hang limit for PDFs). */
export const PDF_FUZZ_DEADLINE_MS = 8_000;

/** Extracts the bytes' text; PdfPasswordError, UnreadablePdfError and PdfLimitError are the clean rejections. */
export async function run(input: FuzzInput, context: AdapterContext): Promise<AdapterOutcome> {
  let extraction;
  try {
    extraction = await extractPdf(input.bytes, { fileName: input.name, timeoutMs: PDF_FUZZ_DEADLINE_MS });
  } catch (error: unknown) {
    if (context.storeCheck) {
      const lost = await storeUntouched();
      if (lost !== null) return { kind: 'lost', detail: lost };
    }
    throw error;
  }
  if (!context.storeCheck) return { kind: 'accepted' };
  const { layout, info } = extraction;
  const source = sourceRow(input.name, input.bytes, 'pdf', 'application/pdf', layout.sourceText, info.title);
  return storeImport(input.name, [{ type: 'source.added', payload: { source, text: layout.sourceText } }], new Map([[source.sha256, input.bytes]]));
}
