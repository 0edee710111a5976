import { describe, expect, it } from 'vitest';
import { PDF_SPLIT_MIN_PAGES, extractPdf } from '../../../cli/pdf/extract.ts';
import { pdfPageShare } from '../../../cli/pdf/extract-direct.ts';
import { PdfPasswordError } from '../../../shared/text/pdf-errors.ts';
import { corpusBytes } from './corpus.ts';

/** A PDF of `pageCount` pages, each saying "Page N of the book." in Helvetica, with roman labels for the first 10 pages and a title. */
function book(pageCount: number): Uint8Array {
  const objects: string[] = [
    '<< /Type /Catalog /Pages 2 0 R /PageLabels << /Nums [0 << /S /r >> 10 << /S /D >>] >> >>',
    `<< /Type /Pages /Count ${pageCount} /Kids [${Array.from({ length: pageCount }, (_, k) => `${5 + 2 * k} 0 R`).join(' ')}] >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    '<< /Title (Threads test book) >>',
  ];
  for (let k = 0; k < pageCount; k++) {
    const content = `BT /F1 12 Tf 72 720 Td (Page ${k + 1} of the book.) Tj ET`;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${6 + 2 * k} 0 R >>`);
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  }
  let out = '%PDF-1.7\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n\r\n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

describe('extraction split across worker threads', () => {
  it('shares cover every page once, in order, and a short document is read whole by share 0', () => {
    for (const [pages, of] of [
      [PDF_SPLIT_MIN_PAGES, 2],
      [1000, 2],
      [1001, 3],
      [PDF_SPLIT_MIN_PAGES + 5, 4],
    ] as const) {
      const ranges = Array.from({ length: of }, (_, index) => pdfPageShare(pages, { index, of }));
      expect(ranges[0]![0]).toBe(0);
      expect(ranges.at(-1)![1]).toBe(pages);
      for (let i = 1; i < of; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1]);
      for (const [a, b] of ranges) expect(b - a).toBeGreaterThanOrEqual(Math.floor(pages / of));
    }
    expect(pdfPageShare(PDF_SPLIT_MIN_PAGES - 1, { index: 0, of: 2 })).toEqual([0, PDF_SPLIT_MIN_PAGES - 1]);
    expect(pdfPageShare(PDF_SPLIT_MIN_PAGES - 1, { index: 1, of: 2 })).toEqual([0, 0]);
  });

  it('gives exactly the text, units, labels and metadata of one thread when 2 or 3 threads read the pages', async () => {
    const bytes = book(PDF_SPLIT_MIN_PAGES * 2 + 7);
    const progress: Array<[number, number]> = [];
    const one = await extractPdf(bytes, { fileName: 'book.pdf', threads: 1 });
    const two = await extractPdf(bytes, { fileName: 'book.pdf', threads: 2, onProgress: (done, total) => progress.push([done, total]) });
    const three = await extractPdf(bytes, { fileName: 'book.pdf', threads: 3 });
    expect(two).toEqual(one);
    expect(three).toEqual(one);
    expect(one.info).toMatchObject({ title: 'Threads test book', pageCount: PDF_SPLIT_MIN_PAGES * 2 + 7 });
    expect(one.info.pageLabels?.slice(0, 3)).toEqual(['i', 'ii', 'iii']);
    const units = one.layout.sourceText.units.flatMap((u) => (u.kind === 'page' ? [u] : []));
    expect(units.map((u) => u.label).slice(9, 12)).toEqual(['x', '1', '2']);
    const [start, end] = units.at(-1)!.range;
    expect(one.layout.sourceText.text.slice(start, end)).toContain(`Page ${PDF_SPLIT_MIN_PAGES * 2 + 7} of the book.`);
    // Progress counts every page of every share, ending at the document's page count.
    expect(progress.at(-1)).toEqual([PDF_SPLIT_MIN_PAGES * 2 + 7, PDF_SPLIT_MIN_PAGES * 2 + 7]);
    expect(progress.every(([d, t], i) => t === PDF_SPLIT_MIN_PAGES * 2 + 7 && (i === 0 || d >= progress[i - 1]![0]))).toBe(true);
  });

  it('reports one failure when every thread fails alike (an encrypted file without its password)', async () => {
    const error = await extractPdf(corpusBytes('pr6531_1.pdf'), { fileName: 'locked.pdf', threads: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfPasswordError);
    expect((error as Error).message).toMatch(/^locked\.pdf is password-protected/);
    const opened = await extractPdf(corpusBytes('pr6531_1.pdf'), { fileName: 'locked.pdf', threads: 2, password: 'asdfasdf' });
    expect(opened.info.pageCount).toBe(1);
  });

  it('stops every thread on cancel, naming the file', async () => {
    const ac = new AbortController();
    const run = extractPdf(book(PDF_SPLIT_MIN_PAGES * 2), { fileName: 'book.pdf', threads: 2, signal: ac.signal, onProgress: (done) => done >= 3 && ac.abort() });
    await expect(run).rejects.toThrow(/^book\.pdf: extraction was cancelled/);
    // The pool still serves the next extraction.
    const after = await extractPdf(book(PDF_SPLIT_MIN_PAGES * 2), { fileName: 'book.pdf', threads: 2 });
    expect(after.info.pageCount).toBe(PDF_SPLIT_MIN_PAGES * 2);
  });
});
