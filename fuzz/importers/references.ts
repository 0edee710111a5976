// Adapter: a reference list file (shared/references: parseCslJson for .json, parseBibtex for .bib), read
// as text the way a picked file is (File.text(): bad bytes become U+FFFD).
import { parseBibtex } from '../../shared/references/bibtex.ts';
import { parseCslJson } from '../../shared/references/csl.ts';
import type { AdapterOutcome, FuzzInput } from '../protocol.ts';

/** Parses the bytes as CSL-JSON or BibTeX by extension; a rejection is the parser's error Result. */
export function run(input: FuzzInput): Promise<AdapterOutcome> {
  const text = new TextDecoder('utf-8').decode(input.bytes);
  const parsed = /\.bib$/i.test(input.name) ? parseBibtex(input.name, text) : parseCslJson(input.name, text);
  return Promise.resolve(parsed.ok ? { kind: 'accepted', detail: `${parsed.value.length} items` } : { kind: 'rejected', message: parsed.error });
}
