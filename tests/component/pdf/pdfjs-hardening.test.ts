// The renderer's pdf.js adapter opens every document with the hardened parameters (DESIGN.md, Electron
// shell; SECURITY.md): no eval, no scripting, no XFA, no system fonts. pdf.js itself is replaced by a spy
// so that the test sees exactly what openPdf hands to getDocument.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const pdfjs = vi.hoisted(() => {
  const destroy = vi.fn(() => Promise.resolve());
  return {
    destroy,
    getDocument: vi.fn((_params: Record<string, unknown>) => ({ promise: Promise.resolve({ numPages: 1 }), destroy })),
    GlobalWorkerOptions: { workerSrc: '', workerPort: null as unknown },
  };
});

vi.mock('pdfjs-dist', () => ({
  getDocument: pdfjs.getDocument,
  GlobalWorkerOptions: pdfjs.GlobalWorkerOptions,
  VerbosityLevel: { ERRORS: 0, WARNINGS: 1, INFOS: 5 },
}));

import { documentParams, openPdf, pdfjsAssetUrls, MAX_PDF_BYTES } from '../../../renderer/src/pdf/pdfjs.ts';

const assets = pdfjsAssetUrls('https://desk.invalid/app/');
const pdfBytes = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');

/** The hardening every document must be opened with. */
const HARDENED = { isEvalSupported: false, enableScripting: false, enableXfa: false, useSystemFonts: false };

beforeEach(() => {
  pdfjs.getDocument.mockClear();
});

describe('documentParams', () => {
  it('turns off eval, scripting, XFA and system fonts', () => {
    const params = documentParams(pdfBytes, assets) as Record<string, unknown>;
    expect(params).toMatchObject(HARDENED);
    // Each one explicitly false, not merely absent (pdf.js defaults some of them to true).
    for (const key of Object.keys(HARDENED)) expect(Object.hasOwn(params, key), key).toBe(true);
  });

  it('keeps the hardening when a password is given, and fetches assets only from the given same-origin URLs', () => {
    const params = documentParams(pdfBytes, assets, 'secret') as Record<string, unknown>;
    expect(params).toMatchObject({ ...HARDENED, password: 'secret' });
    for (const key of ['cMapUrl', 'standardFontDataUrl', 'wasmUrl']) {
      expect(new URL(String(params[key])).origin, key).toBe('https://desk.invalid');
    }
    expect(Object.hasOwn(documentParams(pdfBytes, assets) as object, 'password')).toBe(false);
  });
});

describe('openPdf', () => {
  it('passes the hardened parameters to pdf.js getDocument', async () => {
    await openPdf(pdfBytes, { fileName: 'leak.pdf', assets });
    expect(pdfjs.getDocument).toHaveBeenCalledTimes(1);
    const params = pdfjs.getDocument.mock.calls[0]![0];
    expect(params).toMatchObject(HARDENED);
    // A copy of the bytes: pdf.js takes ownership of what it is given.
    expect(params['data']).toEqual(pdfBytes);
    expect(params['data']).not.toBe(pdfBytes);
  });

  it('passes them with a password too', async () => {
    await openPdf(pdfBytes, { fileName: 'locked.pdf', assets, password: 'pw' });
    expect(pdfjs.getDocument.mock.calls[0]![0]).toMatchObject({ ...HARDENED, password: 'pw' });
  });

  it('never hands pdf.js a file without a %PDF- header or over the size limit', async () => {
    await expect(openPdf(new TextEncoder().encode('<html>not a pdf</html>'), { fileName: 'x.pdf', assets })).rejects.toThrow(/x\.pdf/);
    const huge = { byteLength: MAX_PDF_BYTES + 1 } as Uint8Array;
    await expect(openPdf(huge, { fileName: 'huge.pdf', assets })).rejects.toThrow(/huge\.pdf/);
    expect(pdfjs.getDocument).not.toHaveBeenCalled();
  });
});
