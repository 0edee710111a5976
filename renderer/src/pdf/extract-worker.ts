// The renderer's PDF extraction worker: reads the bytes with pdf.js (whose own worker is nested in this
// one, so terminating this worker stops everything) and hands the text items to the shared text model,
// exactly as the CLI's extractor does, so the same bytes give the same text in both runtimes.
import { MAX_PDF_PAGES, PdfLimitError, PdfPasswordError, describePdfFailure } from '../../../shared/text/pdf-errors.ts';
import { buildPdfSourceText, pdfTextItemsOf, type PdfPageText } from '../../../shared/text/pdf-text.ts';
import type { ExtractRequest, ExtractResponse, PdfInfo, SerializedPdfError } from './extract-protocol.ts';
import { openPdf, startNestedPdfWorker } from './pdfjs.ts';

function post(message: ExtractResponse): void {
  self.postMessage(message);
}

/** Lowercase hex SHA-256 of the bytes, by WebCrypto. */
async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

function metadataString(info: unknown, key: string): string | null {
  if (typeof info !== 'object' || info === null) return null;
  const v = (info as Record<string, unknown>)[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

function serialize(error: Error): SerializedPdfError {
  const out: SerializedPdfError = { name: error.name, message: error.message };
  if (error instanceof PdfPasswordError) out.reason = error.reason;
  return out;
}

async function extract(request: ExtractRequest): Promise<void> {
  const { fileName } = request;
  const bytes = new Uint8Array(request.bytes);
  const sha256 = await sha256Hex(bytes);
  startNestedPdfWorker();
  const doc = await openPdf(bytes, { fileName, assets: request.assets, ...(request.password === undefined ? {} : { password: request.password }) });
  try {
    const pageCount = doc.numPages;
    if (pageCount > MAX_PDF_PAGES) throw new PdfLimitError(fileName, `has ${pageCount} pages; at most ${MAX_PDF_PAGES} are supported`);
    const [labels, metadata, outline] = await Promise.all([
      doc.getPageLabels().catch(() => null),
      doc.getMetadata().catch(() => null),
      doc.getOutline().catch(() => null),
    ]);
    const pageLabels = labels !== null && labels.length === pageCount ? labels : null;
    post({ type: 'progress', done: 0, total: pageCount });
    const pages: PdfPageText[] = [];
    for (let i = 0; i < pageCount; i++) {
      const page = await doc.getPage(i + 1);
      // disableNormalization: the shared text model normalises; the viewer's text layer asks for the same.
      const content = await page.getTextContent({ disableNormalization: true });
      pages.push({ index: i, label: pageLabels?.[i] ?? null, items: pdfTextItemsOf(content.items) });
      page.cleanup();
      post({ type: 'progress', done: i + 1, total: pageCount });
    }
    const info: PdfInfo = {
      sha256,
      title: metadataString(metadata?.info, 'Title'),
      author: metadataString(metadata?.info, 'Author'),
      pageCount,
      pageLabels,
      outline: Array.isArray(outline) && outline.length > 0,
    };
    post({ type: 'done', result: { layout: buildPdfSourceText(sha256, pages), info } });
  } finally {
    await doc.loadingTask.destroy().catch(() => undefined);
  }
}

self.addEventListener('message', (event: MessageEvent<ExtractRequest>) => {
  if (event.data?.type !== 'extract') return;
  extract(event.data).catch((error: unknown) => {
    post({ type: 'error', error: serialize(describePdfFailure(event.data.fileName, error)) });
  });
});
