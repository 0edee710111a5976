// Hostile PDFs from the bad-input campaign (issue 9, item 4; seed 2026): each must be refused with a named
// error a person can act on, however pdf.js fails on it. Inputs are generated here, small where possible.
import { deflateRawSync, constants as zlibConstants } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractPdf } from '../../../cli/pdf/extract.ts';
import { describePdfFailure, PdfLimitError, UnreadablePdfError } from '../../../shared/text/pdf-errors.ts';

const enc = new TextEncoder();

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A one-page PDF with the given content stream (optionally filtered) and extra page dictionary entries. */
function pdfWith(content: Uint8Array, filter: string | null = null, extraPage = ''): Uint8Array {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> ${extraPage}>>`,
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const parts: Uint8Array[] = [enc.encode('%PDF-1.7\n')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objs.forEach((o, i) => {
    offsets.push(at);
    const body =
      o === null
        ? concat(enc.encode(`${i + 1} 0 obj\n<< /Length ${content.length}${filter ? ` /Filter /${filter}` : ''} >>\nstream\n`), content, enc.encode('\nendstream\nendobj\n'))
        : enc.encode(`${i + 1} 0 obj\n${o}\nendobj\n`);
    parts.push(body);
    at += body.length;
  });
  const xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`;
  return concat(...parts, enc.encode(xref));
}

/** A zlib stream of `mib` MiB of zeros, about 1 KB per MiB: one byte-aligned deflate block repeated. */
function zerosDeflated(mib: number): Uint8Array {
  const block = deflateRawSync(new Uint8Array(1024 * 1024), { level: 9, finishFlush: zlibConstants.Z_SYNC_FLUSH });
  return concat(Uint8Array.of(0x78, 0x9c), ...Array.from({ length: mib }, () => block), Uint8Array.of(0x03, 0x00));
}

describe('describePdfFailure', () => {
  it('turns engine errors pdf.js passes on into a reason about the file', () => {
    const deep = describePdfFailure('deep.pdf', { name: 'UnknownErrorException', message: 'Maximum call stack size exceeded' });
    expect(deep).toBeInstanceOf(UnreadablePdfError);
    expect(deep.message).toBe('deep.pdf is not a readable PDF: the file nests objects too deeply to read');
    expect(describePdfFailure('big.pdf', new RangeError('Invalid typed array length: 4294967296')).message).toBe('big.pdf is not a readable PDF: the file declares an object too large to read');
    expect(describePdfFailure('x.pdf', new TypeError("Cannot read properties of undefined (reading 'get')")).message).toBe(
      'x.pdf is not a readable PDF: the file is damaged in a way the PDF reader cannot follow',
    );
    expect(describePdfFailure('x.pdf', { name: 'InvalidPDFException', message: 'Invalid PDF structure.' }).message).toBe('x.pdf is not a readable PDF: Invalid PDF structure.');
  });
});

describe('extractPdf on hostile PDFs', () => {
  // Seed 2026 index 809: "deep-dict.pdf is not a readable PDF: Maximum call stack size exceeded".
  it('refuses dictionaries nested 100k deep as too deeply nested', async () => {
    const depth = 100_000;
    const bytes = pdfWith(enc.encode('BT /F1 12 Tf 72 720 Td (Hi) Tj ET'), null, `/X ${'<< /A '.repeat(depth)}1${' >>'.repeat(depth)} `);
    const error = await extractPdf(bytes, { fileName: 'deep-dict.pdf' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadablePdfError);
    expect((error as Error).message).toBe('deep-dict.pdf is not a readable PDF: the file nests objects too deeply to read');
  });

  // Seed 2026 index 5582: pdf.js parsed 100k nested q/BT operators on the calling thread past the deadline.
  it('stops a parse that never yields at the deadline (the worker is terminated)', async () => {
    const depth = 100_000;
    const bytes = pdfWith(enc.encode(`${'q BT '.repeat(depth)}/F1 12 Tf (x) Tj ${'ET Q '.repeat(depth)}`));
    const error = await extractPdf(bytes, { fileName: 'deep-q.pdf', timeoutMs: 1_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfLimitError);
    expect((error as Error).message).toBe('deep-q.pdf: extraction took longer than 1000 ms and was stopped');
    // The next extraction gets a fresh worker and succeeds.
    const fine = await extractPdf(pdfWith(enc.encode('BT /F1 12 Tf 72 720 Td (Hello) Tj ET')), { fileName: 'fine.pdf' });
    expect(fine.layout.sourceText.text).toContain('Hello');
  });

  // Seed 2026 index 3092: a FlateDecode content stream inflating to 1 GiB was decoded in full.
  it('stops a content stream that inflates past the memory limit', async () => {
    const bytes = pdfWith(zerosDeflated(256), 'FlateDecode');
    expect(bytes.length).toBeLessThan(512 * 1024);
    const error = await extractPdf(bytes, { fileName: 'flate-bomb.pdf', maxMemoryMb: 64, timeoutMs: 120_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfLimitError);
    expect((error as Error).message).toBe('flate-bomb.pdf: reading it needs more than 64 MiB of memory, so extraction was stopped');
  });
});
