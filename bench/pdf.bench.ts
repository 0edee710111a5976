import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDF_EXTRACT_THREADS, PDF_SPLIT_MIN_PAGES, extractPdf } from '../cli/pdf/extract.ts';
import { figure, type Bench } from './harness.ts';
import { generateTextPdf } from './pdf/generate.ts';

/** Pages in the generated book (issue 5: a 1,000-page text PDF). */
export const BENCH_PDF_PAGES = 1000;
/** Goal: pdf.js extraction in Node within 3× of pdftotext, as a ratio of pages/s. */
export const PDF_EXTRACT_GOAL = '≥ 0.33';

const benches: Bench[] = [
  {
    name: 'pdf-extract',
    summary: `text extraction of a generated ${BENCH_PDF_PAGES}-page PDF: pdf.js in Node vs poppler's pdftotext`,
    async run() {
      const bytes = generateTextPdf(BENCH_PDF_PAGES);
      const dir = mkdtempSync(path.join(tmpdir(), 'pd-bench-pdf-'));
      const file = path.join(dir, 'book.pdf');
      writeFileSync(file, bytes);
      try {
        // Warm-up: starting the worker threads and loading pdf.js in them is a once-per-process cost, not
        // per document; every thread the book is split across is started.
        await extractPdf(generateTextPdf(PDF_SPLIT_MIN_PAGES), { fileName: 'warm-up.pdf', threads: PDF_EXTRACT_THREADS });
        let t0 = performance.now();
        const { info, layout } = await extractPdf(bytes, { fileName: file });
        const nodeSeconds = (performance.now() - t0) / 1000;
        if (info.pageCount !== BENCH_PDF_PAGES || layout.sourceText.units.some((u) => u.kind === 'page' && u.noText)) {
          throw new Error(`${file}: extraction returned ${info.pageCount} pages or empty pages; the generator or extractor is broken`);
        }
        t0 = performance.now();
        const poppler = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
        const popplerSeconds = (performance.now() - t0) / 1000;
        if (!poppler.includes(`Page ${BENCH_PDF_PAGES}.`)) throw new Error(`${file}: pdftotext did not read the last page`);
        return [figure('pdf-extract', `Node pdf.js pages/s, ${PDF_EXTRACT_THREADS} thread(s) (baseline pdftotext pages/s)`, BENCH_PDF_PAGES / nodeSeconds, BENCH_PDF_PAGES / popplerSeconds, PDF_EXTRACT_GOAL)];
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];

export default benches;
