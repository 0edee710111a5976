import { describe, expect, it } from 'vitest';
import { PdfLimitError, PdfPasswordError, UnreadablePdfError } from '../../../shared/text/pdf-errors.ts';
import { extractPdfInWorker, fromSerializedError } from '../../../renderer/src/pdf/extract-client.ts';

describe('extract client', () => {
  it('rebuilds the named errors the worker flattened, keeping their messages', () => {
    const pw = fromSerializedError({ name: 'PdfPasswordError', message: 'x', reason: 'incorrect' }, 'a.pdf');
    expect(pw).toBeInstanceOf(PdfPasswordError);
    expect((pw as PdfPasswordError).reason).toBe('incorrect');
    expect(pw.message).toContain('a.pdf');
    const bad = fromSerializedError({ name: 'UnreadablePdfError', message: 'a.pdf is not a readable PDF: Invalid Root reference' }, 'a.pdf');
    expect(bad).toBeInstanceOf(UnreadablePdfError);
    expect(bad.message).toBe('a.pdf is not a readable PDF: Invalid Root reference');
    const limit = fromSerializedError({ name: 'PdfLimitError', message: 'a.pdf: has 30000 pages' }, 'a.pdf');
    expect(limit).toBeInstanceOf(PdfLimitError);
    expect(limit.message).toBe('a.pdf: has 30000 pages');
  });

  it('rejects with the abort reason, without starting a worker, when already cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(extractPdfInWorker(new Uint8Array([1, 2, 3]), { fileName: 'a.pdf', signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('pdfjsAssetUrls', () => {
  it('puts CMaps, fonts and wasm under pdfjs/ beside the app, with trailing slashes', async () => {
    const { pdfjsAssetUrls } = await import('../../../renderer/src/pdf/pdfjs-assets.ts');
    expect(pdfjsAssetUrls('http://127.0.0.1:4173/index.html')).toEqual({
      cMapUrl: 'http://127.0.0.1:4173/pdfjs/cmaps/',
      standardFontDataUrl: 'http://127.0.0.1:4173/pdfjs/standard_fonts/',
      wasmUrl: 'http://127.0.0.1:4173/pdfjs/wasm/',
    });
  });
});
