import { describe, expect, it } from 'vitest';
import { ANCHOR_MAX_ERROR_RATIO, anchorPassage } from '../../../shared/anchor/anchor.ts';
import { createSelectors } from '../../../shared/anchor/selectors.ts';
import { extractCorpus, popplerText } from '../pdf/corpus.ts';

const SENTENCES = [
  'Dynamic languages such as JavaScript are more difficult to compile than statically typed ones.',
  'We call such a sequence of instructions a trace.',
  'Nested loops can be difficult to optimize for tracing VMs.',
];

async function tracemonkey() {
  return (await extractCorpus('tracemonkey.pdf')).layout.sourceText;
}

function selectorsFor(text: Awaited<ReturnType<typeof tracemonkey>>, sentence: string) {
  const start = text.text.replace(/\n/g, ' ').indexOf(sentence);
  expect(start, sentence).toBeGreaterThanOrEqual(0);
  return createSelectors(text, start, start + sentence.length);
}

describe('anchorPassage', () => {
  it('anchors at the stored position when the words are still there', async () => {
    const text = await tracemonkey();
    for (const s of SENTENCES) {
      const sel = selectorsFor(text, s);
      expect(anchorPassage(text, sel)).toMatchObject({ status: 'anchored', start: sel.position.start, end: sel.position.end, score: 1 });
    }
  });

  it('re-anchors by exact quote when text before it changed (offsets shifted)', async () => {
    const text = await tracemonkey();
    const edited = 'An erratum inserted at the top of a re-saved copy.\n' + text.text;
    for (const s of SENTENCES) {
      const sel = selectorsFor(text, s);
      const r = anchorPassage(edited, sel);
      expect(r.status).toBe('anchored');
      expect(r.start).toBe(sel.position.start + 51);
      expect(edited.slice(r.start, r.end)).toBe(sel.quote.exact);
    }
  });

  it('re-anchors into an independent extraction of the same PDF (poppler: other line breaks, hyphenation, ligatures)', async () => {
    const text = await tracemonkey();
    const poppler = popplerText('tracemonkey.pdf');
    for (const s of SENTENCES) {
      const sel = selectorsFor(text, s);
      const r = anchorPassage(poppler, sel);
      expect(r.status, s).not.toBe('orphaned');
      expect(poppler.slice(r.start, r.end).replace(/\s+/g, ' ')).toContain(s.slice(5, -5));
    }
  });

  it('re-anchors fuzzily after a re-OCR changed letters inside the quote, placed by context and position', async () => {
    const text = await tracemonkey();
    const sel = selectorsFor(text, SENTENCES[0]!);
    const ocr = 'Dynamic languages such as JavaScrlpt are more dlfficult to cornpile than statically typed ones.';
    // Three OCR-style letter swaps inside the quote: no exact occurrence is left, context and position place it.
    const edited = text.text.slice(0, sel.position.start) + ocr + text.text.slice(sel.position.end);
    const r = anchorPassage(edited, sel);
    expect(r.status).toBe('fuzzy');
    expect(r.score).toBeGreaterThan(0.8);
    expect(r.score).toBeLessThan(1);
    expect(Math.abs(r.start - sel.position.start)).toBeLessThanOrEqual(1);
    expect(edited.slice(r.start, r.end)).toContain('JavaScrlpt are more dlfficult');
  });

  it('orphans a passage whose words are gone, keeping its quote and stored position', async () => {
    const text = await tracemonkey();
    const sel = selectorsFor(text, SENTENCES[1]!);
    const edited = text.text.replace(/We call such a sequence of instructions a trace\./g, 'Completely rewritten in the new edition.');
    const r = anchorPassage(edited, sel);
    expect(r).toEqual({ status: 'orphaned', start: sel.position.start, end: sel.position.end, score: 0, quote: sel.quote });
    expect(ANCHOR_MAX_ERROR_RATIO).toBeLessThan(0.5);
  });
});
