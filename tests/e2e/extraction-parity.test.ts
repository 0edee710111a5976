import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { extractPdf } from '../../cli/pdf/extract.ts';
import { toHex } from '../../shared/hash.ts';
import { nativeSha256 } from '../../cli/native-sha256.ts';
import type { SourceText } from '../../shared/types/text.ts';
import { addSources, createWorkspace, REPO, SHARED } from './app-helpers.ts';
import { openSession, type Session } from './browser.ts';
import { manyPagesPdf, writePdf } from './fixtures/make-pdf.ts';

// DESIGN.md, Text model and anchoring: "the same bytes give the same text in the renderer and in Node".
// The app extracts with pdf.js's modern build in a Web Worker (assets fetched from the served app) and
// stores the source text in the workspace's IndexedDB; the CLI extracts with the legacy build in worker
// threads (assets read from disk) and builds packets the app imports. A passage made in one resolves in
// the other only if both give the same text and units, so every PDF below is added through the app's UI
// and its stored source text is compared, deep-equal, with extractPdf's for the same bytes.
const CORPUS = path.join(SHARED, 'conformance/pdfjs-corpus');
// Every corpus PDF that extracts without a password (the damaged ones pdf.js refuses are left out; the
// encrypted one is added on its own, below):
// two-column Latin text, Arabic CID TrueType, CJK (CMaps, vertical), an astral-plane character, ligatures,
// Type 3 fonts, the 14 standard fonts (standard font data), rotated pages, page labels, no text at all.
const CORPUS_FILES = [
  '160F-2019.pdf',
  'ArabicCIDTrueType.pdf',
  'GHOSTSCRIPT-698804-1-fuzzed.pdf',
  'S2.pdf',
  'TAMReview.pdf',
  'Type3WordSpacing.pdf',
  'copy_paste_ligatures.pdf',
  'evaljs.pdf',
  'hello_world_rotated.pdf',
  'helloworld-bad.pdf',
  'issue16176.pdf',
  'rotation.pdf',
  'simpletype3font.pdf',
  'standard_fonts.pdf',
  'text_rise_eol_bug.pdf',
  'tracemonkey.pdf',
  'two_paragraphs.pdf',
  'vertical.pdf',
  'xref_command_missing.pdf',
].map((f) => path.join(CORPUS, f));
const SAMPLE_FILES = ['1 - Declaration of Independence.pdf', '2 - Gettysburg Address.pdf'].map((f) => path.join(REPO, 'resources/sample/sources', f));
/** Encrypted (RC4); the app asks for its user password at import. */
const ENCRYPTED = path.join(CORPUS, 'pr6531_1.pdf');
const ENCRYPTED_PASSWORD = 'asdfasdf';

/** A content stream object for writePdf. */
function stream(content: string): string {
  return `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
}

/**
 * Six pages labelled i, ii, A-7 … A-10 (roman, then decimal with a prefix and a start), the fifth page empty,
 * a word hyphenated across the break between the third and fourth, and a soft hyphen and a no-break space
 * (WinAnsi) inside a line: none of the corpus files declares labels other than 1, 2, 3 ….
 */
function labelledPdf(): Buffer {
  const pages = [
    ['Preface', 'This packet records where every quoted sentence came from.'],
    ['Contents', '1 Method 2 Ledger'],
    ['Method', 'Every passage points into one source text, kept in a tamper-evident led-'],
    ['ger that anyone can verify with their own tools.', 'A pro\xadvenance\xa0record names its page.'],
    [],
    ['Last page', 'The end.'],
  ];
  const objects: string[] = [
    '<< /Type /Catalog /Pages 2 0 R /PageLabels << /Nums [0 << /S /r >> 2 << /S /D /P (A-) /St 7 >>] >> >>',
    '',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>',
  ];
  const kids: string[] = [];
  for (const lines of pages) {
    const shown = lines.map((l) => `(${l.replace(/[\\()]/g, (c) => `\\${c}`)}) '`);
    const content = lines.length === 0 ? '' : ['BT /F1 12 Tf 14 TL 72 720 Td', ...shown, 'ET'].join('\n');
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length + 2} 0 R >>`);
    kids.push(`${objects.length} 0 R`);
    objects.push(stream(content));
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages.length} >>`;
  return writePdf(objects);
}

/** Where two strings first differ, with some context either side, for a failure message. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return 'texts are equal';
  const show = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 40), i + 40));
  return `texts differ at ${i} (lengths ${a.length} and ${b.length}): app ${show(a)} vs node ${show(b)}`;
}

describe('PDF extraction parity: the app in Chromium and the CLI in Node', () => {
  let session: Session;
  let dir: string;
  let files: string[];
  let long: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pd-parity-'));
    const labelled = path.join(dir, 'labelled.pdf');
    writeFileSync(labelled, labelledPdf());
    // 80 pages and over 512 KiB: extractPdf splits its pages across worker threads (PDF_SPLIT_MIN_BYTES,
    // PDF_SPLIT_MIN_PAGES; two asked for below, whatever the machine's cores) and joins them, while the app
    // reads it in one worker.
    long = path.join(dir, 'long.pdf');
    writeFileSync(long, manyPagesPdf(80, 30, 600 * 1024));
    files = [...CORPUS_FILES, ...SAMPLE_FILES, labelled, long];
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores, for every PDF added through the app, the same source text extractPdf gives for its bytes', async () => {
    const { page, problems } = session;
    // The Node side first, one file at a time (two cores are shared with the browser).
    const expected = new Map<string, { file: string; text: SourceText }>();
    for (const file of [...files, ENCRYPTED]) {
      const bytes = new Uint8Array(readFileSync(file));
      const options = file === ENCRYPTED ? { password: ENCRYPTED_PASSWORD } : file === long ? { threads: 2 } : {};
      const { layout } = await extractPdf(bytes, { fileName: path.basename(file), ...options });
      expect(layout.sourceText.sha256).toBe(toHex(nativeSha256(bytes)));
      expected.set(layout.sourceText.sha256, { file: path.basename(file), text: layout.sourceText });
    }
    expect(expected.size).toBe(files.length + 1);
    // The generated file declares its labels; pdf.js reads them the same way in both runtimes.
    const labelled = [...expected.values()].find((e) => e.file === 'labelled.pdf')!.text;
    expect(labelled.units.map((u) => (u.kind === 'page' ? u.label : null))).toEqual(['i', 'ii', 'A-7', 'A-8', 'A-9', 'A-10']);
    expect(labelled.text).toContain('tamper-evident ledger that anyone');

    await createWorkspace(page, inject('baseURL'), 'Extraction parity');
    await addSources(page, files, []);
    // The encrypted file on its own: the import asks for the password, then extracts as any other.
    await addSources(page, [ENCRYPTED], []);
    const box = page.getByRole('list', { name: 'Imports' }).getByLabel('Password for pr6531_1.pdf', { exact: true }).and(page.locator('input'));
    await box.waitFor({ timeout: 90_000 });
    await box.fill(ENCRYPTED_PASSWORD);
    await box.press('Enter');
    // Each source is listed with its SHA-256 (as the muted span's title) once its text is stored.
    const list = page.getByRole('list', { name: 'Source files' });
    for (const sha256 of expected.keys()) await list.getByTitle(sha256, { exact: true }).waitFor({ timeout: 90_000 });

    const id = await page.evaluate(() => localStorage.getItem('provenance-desk.last-workspace'));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // Read straight from IndexedDB (not through the app): the rows as the app stored them.
    const stored = await page.evaluate(
      (name) =>
        new Promise<unknown[]>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const req = db.transaction('sourceTexts', 'readonly').objectStore('sourceTexts').getAll();
            req.onerror = () => reject(req.error);
            req.onsuccess = () => {
              db.close();
              resolve(req.result as unknown[]);
            };
          };
        }),
      `provenance-desk-workspace-${id}`,
    );
    const byHash = new Map((stored as SourceText[]).map((t) => [t.sha256, t]));
    expect([...byHash.keys()].sort()).toEqual([...expected.keys()].sort());

    const compared: string[] = [];
    for (const [sha256, { file, text }] of expected) {
      const app = byHash.get(sha256)!;
      expect(app.text, `${file}: ${firstDifference(app.text, text.text)}`).toBe(text.text);
      expect(app, `${file}: the stored source text (units, labels, ranges)`).toStrictEqual(text);
      compared.push(`${file}: ${text.units.length} page(s), ${text.text.length} chars`);
    }
    expect(compared).toHaveLength(files.length + 1);
    console.info(`extraction parity held for ${compared.length} PDFs:\n  ${compared.join('\n  ')}`);
    expect(problems).toEqual([]);
  });
});
