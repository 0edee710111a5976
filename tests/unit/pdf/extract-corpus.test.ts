import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findAll, matchQuote } from '../../../shared/anchor/match.ts';
import { PdfLimitError, PdfPasswordError, UnreadablePdfError } from '../../../shared/text/pdf-errors.ts';
import { extractPdf } from '../../../cli/pdf/extract.ts';
import { CORPUS, corpusBytes, extractCorpus } from './corpus.ts';

// What each corpus file does, determined by running it: most damaged files still extract (pdf.js repairs
// them); these four are refused with UnreadablePdfError, and pr6531_1.pdf is encrypted (password asdfasdf).
const UNREADABLE: Record<string, RegExp> = {
  'REDHAT-1531897-0.pdf': /Invalid Root reference/,
  'poppler-395-0-fuzzed.pdf': /Invalid Root reference/,
  'poppler-742-0-fuzzed.pdf': /Illegal character/,
  'poppler-937-0-fuzzed.pdf': /End of file inside array/,
};
const ENCRYPTED = 'pr6531_1.pdf';
// Text each readable file must yield (a fragment), or null for files with no text layer.
const EXPECTED: Record<string, string | null> = {
  '160F-2019.pdf': "n° d'identification national",
  'ArabicCIDTrueType.pdf': 'العربية',
  'GHOSTSCRIPT-698804-1-fuzzed.pdf': null,
  'S2.pdf': '10-7',
  'TAMReview.pdf': 'Overview of the Technology Acceptance Model',
  'Type3WordSpacing.pdf': 'ab ba abba',
  'copy_paste_ligatures.pdf': 'abcdef',
  'evaljs.pdf': null,
  'hello_world_rotated.pdf': 'Hello world',
  'helloworld-bad.pdf': 'Hello, world!',
  'issue16176.pdf': '𠮷',
  'rotation.pdf': 'This is my first page with normal layout.',
  'simpletype3font.pdf': 'ababab',
  'standard_fonts.pdf': 'TCPDF Example 055',
  'text_rise_eol_bug.pdf': 'E = mc2 is the mass-energy equivalence.',
  'tracemonkey.pdf': 'Trace-based Just-in-Time Type Specialization for Dynamic',
  'two_paragraphs.pdf': 'The first paragraph.\nThe second paragraph.',
  'vertical.pdf': 'あいうえお',
  'xref_command_missing.pdf': 'Reduced test-case',
};

describe('extractPdf over the pdf.js corpus', () => {
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.pdf')).sort();

  it('knows what to expect of every corpus PDF', () => {
    expect(files.sort()).toEqual([...Object.keys(EXPECTED), ...Object.keys(UNREADABLE), ENCRYPTED].sort());
  });

  for (const file of Object.keys(EXPECTED)) {
    it(`extracts ${file}`, async () => {
      const { layout, info } = await extractCorpus(file);
      const st = layout.sourceText;
      expect(st.units.length).toBe(info.pageCount);
      expect(info.pageCount).toBeGreaterThan(0);
      const want = EXPECTED[file];
      if (want === null) {
        expect(st.text).toBe('');
        expect(st.units.every((u) => u.kind === 'page' && u.noText === true)).toBe(true);
      } else {
        expect(st.text).toContain(want);
      }
    });
  }

  for (const [file, reason] of Object.entries(UNREADABLE)) {
    it(`refuses ${file} with a clear error naming it`, async () => {
      const error = await extractPdf(corpusBytes(file), { fileName: file }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnreadablePdfError);
      expect((error as Error).message).toMatch(new RegExp(`^${file.replace(/\./g, '\\.')} is not a readable PDF: `));
      expect((error as Error).message).toMatch(reason);
    });
  }

  it('refuses bytes that are not a PDF at all', async () => {
    const error = await extractPdf(new TextEncoder().encode('just some text'), { fileName: 'notes.pdf' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadablePdfError);
    expect((error as Error).message).toMatch(/^notes\.pdf is not a readable PDF: /);
  });

  it('asks for the password of an encrypted PDF, rejects a wrong one, opens with the right one', async () => {
    const bytes = corpusBytes(ENCRYPTED);
    const needed = await extractPdf(bytes, { fileName: ENCRYPTED }).catch((e: unknown) => e);
    expect(needed).toBeInstanceOf(PdfPasswordError);
    expect((needed as PdfPasswordError).reason).toBe('needed');
    expect((needed as Error).message).toContain(ENCRYPTED);
    const wrong = await extractPdf(bytes, { fileName: ENCRYPTED, password: 'wrong' }).catch((e: unknown) => e);
    expect((wrong as PdfPasswordError).reason).toBe('incorrect');
    const opened = await extractPdf(bytes, { fileName: ENCRYPTED, password: 'asdfasdf' });
    expect(opened.info.pageCount).toBe(1);
  });

  it('stops at the time limit and on cancel, with a PdfLimitError naming the file', async () => {
    const bytes = corpusBytes('tracemonkey.pdf');
    const slow = await extractPdf(bytes, { fileName: 'tracemonkey.pdf', timeoutMs: 1 }).catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(PdfLimitError);
    expect((slow as Error).message).toMatch(/^tracemonkey\.pdf: extraction took longer than 1 ms/);
    const ac = new AbortController();
    const cancelled = extractPdf(bytes, { fileName: 'tracemonkey.pdf', signal: ac.signal, onProgress: (done) => done === 2 && ac.abort() });
    await expect(cancelled).rejects.toThrow(/tracemonkey\.pdf: extraction was cancelled/);
    const tooLong = await extractPdf(bytes, { fileName: 'tracemonkey.pdf', maxPages: 5 }).catch((e: unknown) => e);
    expect((tooLong as Error).message).toMatch(/has 14 pages; at most 5/);
  });

  it('gives the same source text for the same bytes, twice', async () => {
    const a = await extractPdf(corpusBytes('tracemonkey.pdf'));
    const b = await extractPdf(corpusBytes('tracemonkey.pdf'));
    expect(b.layout).toEqual(a.layout);
    expect(a.layout.sourceText.sha256).toBe('3662ff519e485810520552bf301d8c3b2b917fd2f83303f4965d7abed367e113');
  });

  it('reads metadata: title, page labels, page count', async () => {
    const tam = await extractCorpus('TAMReview.pdf');
    expect(tam.info.title).toBe('Overview of the Technology Acceptance Model: Origins, Developments and Future Directions');
    expect(tam.info.pageLabels?.slice(0, 3)).toEqual(['1', '2', '3']);
    expect((await extractCorpus('tracemonkey.pdf')).info).toMatchObject({ pageCount: 14, pageLabels: null });
  });

  it('finds ligatures typed as plain letters', async () => {
    const text = (await extractCorpus('copy_paste_ligatures.pdf')).layout.sourceText.text;
    const m = matchQuote(text, { exact: 'fffiflffifflstst' });
    expect(m).toMatchObject({ exact: true });
  });

  it('extracts CJK through the shipped CMaps and fonts (both files give no text without them)', async () => {
    expect((await extractCorpus('vertical.pdf')).layout.sourceText.text).toContain('日本語');
    expect((await extractCorpus('issue16176.pdf')).layout.sourceText.text).toBe('𠮷');
  });

  it('makes right-to-left text searchable, lines in logical order', async () => {
    const text = (await extractCorpus('ArabicCIDTrueType.pdf')).layout.sourceText.text;
    expect(findAll(text, 'العربية').length).toBe(4);
    expect(text.split('\n')[0]).toBe('انواع الخطوط العربية'); // "types of Arabic fonts", as a person types it
    expect(matchQuote(text, { exact: 'انواع الخطوط العربية' })).toMatchObject({ start: 0, exact: true });
  });

  it('runs no script in evaljs.pdf', async () => {
    const g = globalThis as Record<string, unknown>;
    const realEval = globalThis.eval;
    let evalCalls = 0;
    g.eval = (...args: unknown[]) => {
      evalCalls++;
      return (realEval as (...a: unknown[]) => unknown)(...args);
    };
    const touched: string[] = [];
    for (const name of ['app', 'alert', 'print', 'console.println']) {
      Object.defineProperty(globalThis, name, { configurable: true, get: () => (touched.push(name), undefined) });
    }
    try {
      const { layout } = await extractPdf(corpusBytes('evaljs.pdf'), { fileName: 'evaljs.pdf' });
      expect(layout.sourceText.units.length).toBe(2);
    } finally {
      g.eval = realEval;
      for (const name of ['app', 'alert', 'print', 'console.println']) delete g[name];
    }
    expect(evalCalls).toBe(0);
    expect(touched).toEqual([]);
  });
});
