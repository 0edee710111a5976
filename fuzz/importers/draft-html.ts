// Adapter: a draft pasted as HTML (renderer/src/import/html.ts, htmlToDraftText, then createDraftRows),
// committed through the store when accepted. DOMParser comes from jsdom, as in the component tests.
import { createDraftRows } from '../../shared/draft/rows.ts';
import type { Result } from '../../shared/types/result.ts';
import type { AdapterContext, AdapterOutcome, FuzzInput } from '../protocol.ts';
import { FUZZ_TIME, draftEvent, newId, storeImport, storeUntouched } from '../store.ts';

// html.ts and docx.ts are renderer modules typed against the DOM library, which the Node type-check of
// fuzz/ does not load: they are imported by a computed URL, typed here by the one function used.
/** The URL of renderer/src/import/html.ts. */
export const HTML_MODULE = new URL('../../renderer/src/import/html.ts', import.meta.url).href;
let htmlToDraftText: (html: string) => Result<{ text: string }>;

/** Installs jsdom's DOMParser (and Node) as the globals html.ts uses, then loads it. */
export async function setup(): Promise<void> {
  const jsdom = 'jsdom';
  const { JSDOM } = (await import(jsdom)) as { JSDOM: new (html: string) => { window: Record<string, unknown> } };
  const { window } = new JSDOM('');
  const g = globalThis as Record<string, unknown>;
  g.DOMParser ??= window.DOMParser;
  g.Node ??= window.Node;
  ({ htmlToDraftText } = (await import(HTML_MODULE)) as { htmlToDraftText: typeof htmlToDraftText });
}

/** Converts the bytes (as pasted HTML text) to a draft; a rejection is an error Result. */
export async function run(input: FuzzInput, context: AdapterContext): Promise<AdapterOutcome> {
  const html = htmlToDraftText(new TextDecoder('utf-8').decode(input.bytes));
  if (!html.ok) return reject(html.error, context);
  const rows = createDraftRows({ text: html.value.text, fileName: null, origin: 'html', importedAt: FUZZ_TIME }, newId);
  if (!rows.ok) return reject(rows.error, context);
  return context.storeCheck ? storeImport('the pasted draft', [draftEvent(rows.value)], new Map()) : { kind: 'accepted' };
}

async function reject(message: string, context: AdapterContext): Promise<AdapterOutcome> {
  const lost = context.storeCheck ? await storeUntouched() : null;
  return lost === null ? { kind: 'rejected', message } : { kind: 'lost', detail: lost };
}
