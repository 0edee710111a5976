// Shared access to the read-only pdf.js conformance corpus for the PDF, anchor and CLI tests.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractPdf, type PdfExtraction } from '../../../cli/pdf/extract.ts';

/** The corpus directory, resolved from this file (the repo's sibling `shared/`). */
export const CORPUS = path.resolve(import.meta.dirname, '../../../../shared/conformance/pdfjs-corpus');

/** Bytes of a corpus file. */
export function corpusBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(CORPUS, name)));
}

const extracted = new Map<string, Promise<PdfExtraction>>();
/** The pdf.js extraction of a corpus file, computed once per test file. */
export function extractCorpus(name: string): Promise<PdfExtraction> {
  let p = extracted.get(name);
  if (!p) {
    p = extractPdf(corpusBytes(name), { fileName: name });
    extracted.set(name, p);
  }
  return p;
}

/** Poppler's text of a corpus file (a second, independent extraction of the same PDF). */
export function popplerText(name: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(CORPUS, name), '-'], { encoding: 'utf8' });
}
