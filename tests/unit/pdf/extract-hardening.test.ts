// The Node extractor opens every PDF with the hardened pdf.js options (DESIGN.md, Electron shell; SECURITY.md):
// no eval-compiled glyphs, no XFA, no system fonts, no scripting. pdf.js's legacy build is wrapped by a spy
// that still calls the real getDocument, so the extraction really runs with the options the spy records.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const spy = vi.hoisted(() => ({ calls: [] as Record<string, unknown>[] }));

vi.mock('pdfjs-dist/legacy/build/pdf.mjs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('pdfjs-dist/legacy/build/pdf.mjs')>();
  return {
    ...actual,
    getDocument: (params: Parameters<typeof actual.getDocument>[0]) => {
      spy.calls.push({ ...(params as Record<string, unknown>) });
      return actual.getDocument(params);
    },
  };
});

import { CMAP_DIR, STANDARD_FONT_DIR, extractPdfDirect, readPdfPages } from '../../../cli/pdf/extract-direct.ts';
import { PdfPasswordError } from '../../../shared/text/pdf-errors.ts';
import { corpusBytes } from './corpus.ts';

const repo = path.resolve(import.meta.dirname, '../../..');

function expectHardened(options: Record<string, unknown> | undefined): void {
  expect(options).toBeDefined();
  expect(options).toMatchObject({ isEvalSupported: false, enableXfa: false, useSystemFonts: false });
  // Scripting is never asked for (pdf.js's Node build has no scripting sandbox; the option must not be true).
  expect(options?.['enableScripting'] ?? false).toBe(false);
  // Fonts and CMaps come from pdfjs-dist on disk, never from a URL.
  expect(options).toMatchObject({ standardFontDataUrl: STANDARD_FONT_DIR, cMapUrl: CMAP_DIR });
  expect(String(options?.['standardFontDataUrl'])).not.toMatch(/^[a-z]+:\/\//i);
}

beforeEach(() => {
  spy.calls.length = 0;
});

describe('the Node extractor opens PDFs with hardened pdf.js options', () => {
  it('extractPdfDirect: a real extraction goes through getDocument with eval, XFA, system fonts and scripting off', async () => {
    const { layout, info } = await extractPdfDirect(corpusBytes('two_paragraphs.pdf'), { fileName: 'two_paragraphs.pdf' });
    expect(info.pageCount).toBeGreaterThan(0);
    expect(layout.sourceText.text).toMatch(/\w/);
    expect(spy.calls).toHaveLength(1);
    expectHardened(spy.calls[0]);
  });

  it('readPdfPages: the same for one share of the pages, and with a password', async () => {
    await readPdfPages(corpusBytes('hello_world_rotated.pdf'), { fileName: 'h.pdf', share: { index: 1, of: 2 }, password: 'pw' });
    expect(spy.calls).toHaveLength(1);
    expectHardened(spy.calls[0]);
    expect(spy.calls[0]).toMatchObject({ password: 'pw' });
  });

  it('a PDF with JavaScript is read as text and the options stay hardened', async () => {
    // evaljs.pdf carries JavaScript (pdf.js's eval test file); extraction must only read text.
    const { info } = await extractPdfDirect(corpusBytes('evaljs.pdf'), { fileName: 'evaljs.pdf' });
    expect(info.pageCount).toBeGreaterThan(0);
    expectHardened(spy.calls[0]);
  });

  it('an encrypted PDF is opened with the same options, with and without its password', async () => {
    // pr6531_1.pdf is encrypted (password asdfasdf; see extract-corpus.test.ts).
    const bytes = corpusBytes('pr6531_1.pdf');
    await expect(extractPdfDirect(bytes, { fileName: 'pr6531_1.pdf' })).rejects.toBeInstanceOf(PdfPasswordError);
    const { info } = await extractPdfDirect(bytes, { fileName: 'pr6531_1.pdf', password: 'asdfasdf' });
    expect(info.pageCount).toBeGreaterThan(0);
    expect(spy.calls).toHaveLength(2);
    for (const call of spy.calls) expectHardened(call);
    expect(spy.calls[1]).toMatchObject({ password: 'asdfasdf' });
  });
});

describe('every pdf.js document is opened by one of the two adapters', () => {
  it('getDocument is called only in renderer/src/pdf/pdfjs.ts and cli/pdf/extract-direct.ts', () => {
    const callers: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(path.join(repo, dir), { withFileTypes: true })) {
        const rel = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(rel);
        else if (/\.(ts|tsx|mjs)$/.test(entry.name) && /\bgetDocument\s*\(/.test(readFileSync(path.join(repo, rel), 'utf8'))) callers.push(rel.split(path.sep).join('/'));
      }
    };
    for (const dir of ['renderer', 'cli', 'electron', 'shared']) walk(dir);
    expect(callers.sort()).toEqual(['cli/pdf/extract-direct.ts', 'renderer/src/pdf/pdfjs.ts']);
  });
});
