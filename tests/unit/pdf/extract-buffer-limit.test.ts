import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractPdf } from '../../../cli/pdf/extract.ts';
import { PDF_MAX_BUFFER_BYTES } from '../../../cli/pdf/extract-worker-limits.ts';
import { PdfLimitError } from '../../../shared/text/pdf-errors.ts';

/** A one-page PDF whose content stream inflates to `inflated` bytes (a text line, then spaces). */
function bombPdf(inflated: number): Uint8Array {
  const text = Buffer.alloc(inflated, 0x20);
  Buffer.from('BT /F1 12 Tf 72 720 Td (Hello bomb) Tj ET\n').copy(text);
  const stream = deflateSync(text, { level: 9 });
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (b: Buffer) => {
    parts.push(b);
    length += b.length;
  };
  push(Buffer.from('%PDF-1.7\n'));
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Count 1 /Kids [3 0 R] >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>'),
    Buffer.concat([Buffer.from(`<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`), stream, Buffer.from('\nendstream')]),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
  ];
  objects.forEach((body, i) => {
    offsets.push(length);
    push(Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]));
  });
  const xref = length;
  push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n\r\n`).join('')}`));
  push(Buffer.from(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts, length));
}

describe('one decoded stream is bounded in size', () => {
  it(`stops a content stream that inflates past ${PDF_MAX_BUFFER_BYTES / 2 ** 20} MiB with a PdfLimitError naming the file, and reads one below it`, async () => {
    const error = await extractPdf(bombPdf(PDF_MAX_BUFFER_BYTES + 1024 * 1024), { fileName: 'bomb.pdf' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfLimitError);
    expect((error as Error).message).toMatch(/^bomb\.pdf: a stream in it decodes to more than 128 MiB \(\d+ bytes asked for\), so extraction was stopped$/);
    const fine = await extractPdf(bombPdf(8 * 1024 * 1024), { fileName: 'fine.pdf' });
    expect(fine.layout.sourceText.text).toContain('Hello bomb');
  }, 60_000);
});
