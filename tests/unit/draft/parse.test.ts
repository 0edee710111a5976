import { describe, expect, it } from 'vitest';
import { DRAFT_MAX_CHARS, DraftTooLargeError, parseDraft } from '../../../shared/draft/parse.ts';

const texts = (draft: string): string[] => parseDraft(draft).claims.map((c) => c.text);
const slice = (draft: string, r: [number, number]): string => draft.slice(r[0], r[1]);

describe('parseDraft: sentences', () => {
  it('splits a paragraph-per-line draft into sentences and gives markers between them to the one before', () => {
    const draft = 'First claim here.[1] Second claim, with detail.[2][3] Third one.\nA new paragraph.[4]: 12 Its second sentence.';
    const p = parseDraft(draft);
    expect(p.claims.map((c) => c.text)).toEqual(['First claim here.', 'Second claim, with detail.', 'Third one.', 'A new paragraph.', 'Its second sentence.']);
    expect(p.claims.map((c) => c.markers.map((m) => m.raw))).toEqual([['[1]'], ['[2]', '[3]'], [], ['[4]: 12'], []]);
    for (const c of p.claims) expect(slice(draft, c.range)).toBe(c.text);
  });

  it('handles Windows line endings and carries a line-start marker over the CRLF', () => {
    const draft = 'One sentence here.\r\n[7] Another sentence there.\r\n[citation needed] Third.\r\n';
    const p = parseDraft(draft);
    expect(p.claims.map((c) => c.text)).toEqual(['One sentence here.', 'Another sentence there.', 'Third.']);
    expect(p.claims.map((c) => c.markers.map((m) => m.raw))).toEqual([['[7]'], ['[citation needed]'], []]);
    for (const c of p.claims) expect(slice(draft, c.range)).not.toMatch(/[\r\n]/);
  });

  it('handles a draft with no trailing newline and a final marker', () => {
    const p = parseDraft('Only one sentence.[12]: 3–4');
    expect(p.claims).toHaveLength(1);
    expect(p.claims[0]!.markers[0]).toMatchObject({ ref: '12', locator: '3–4' });
    expect(parseDraft('No ending punctuation[5]').claims[0]).toMatchObject({ text: 'No ending punctuation', range: [0, 21] });
  });

  it('handles markers before punctuation', () => {
    const draft = 'Prices rose[3]. They fell again[4][citation needed], then recovered[5]; nobody knows why [6]!';
    const p = parseDraft(draft);
    expect(p.claims.map((c) => c.text)).toEqual(['Prices rose.', 'They fell again, then recovered; nobody knows why!']);
    expect(p.claims[1]!.markers.map((m) => m.raw)).toEqual(['[4]', '[citation needed]', '[5]', '[6]']);
    expect(p.claims[0]!.range).toEqual([0, 15]);
  });

  it('splits sentences even when a marker glues them together', () => {
    expect(texts('It happened in 1988.[1]Then it stopped.')).toEqual(['It happened in 1988.', 'Then it stopped.']);
  });

  it('does not end sentences at abbreviations or initials', () => {
    expect(texts('Dr. Smith met Mr. Jones in St. Petersburg. They talked.')).toEqual(['Dr. Smith met Mr. Jones in St. Petersburg.', 'They talked.']);
    expect(texts('J. R. R. Tolkien wrote it. See p. 12 and No. 5 for more.')).toEqual(['J. R. R. Tolkien wrote it.', 'See p. 12 and No. 5 for more.']);
    expect(texts('He joined the U.S. Senate in 1990. He left in the U.S. The end came later.')).toEqual([
      'He joined the U.S. Senate in 1990.',
      'He left in the U.S.',
      'The end came later.',
    ]);
  });

  it('does not end a sentence inside a quotation, at an ellipsis or a full stop', () => {
    expect(texts('He asked about "policies... in a manner amounting to espionage". Next.')).toHaveLength(2);
    expect(texts('She said "It is over. We lost." and left. Then rain.')).toEqual(['She said "It is over. We lost." and left.', 'Then rain.']);
  });

  it('reports markers before the first sentence as orphans, and skips lines of markers only', () => {
    const p = parseDraft('[1][2]: 5\n\nA sentence.\n[3]\n\nAnother.');
    expect(p.orphans.map((m) => m.raw)).toEqual(['[1]', '[2]: 5']);
    expect(p.claims.map((c) => c.markers.map((m) => m.raw))).toEqual([['[3]'], []]);
  });

  it('returns nothing for empty or marker-only drafts', () => {
    expect(parseDraft('')).toEqual({ claims: [], orphans: [], references: [] });
    expect(parseDraft('  \n [4] ')).toEqual({ claims: [], orphans: [expect.objectContaining({ raw: '[4]' })], references: ['4'] });
  });

  it('lists distinct numbered references in numeric order, without notes or flags', () => {
    expect(parseDraft('A.[10] B.[9][a][citation needed] C.[10][09]').references).toEqual(['9', '10']);
  });

  it('throws a named error above the size limit', () => {
    expect(() => parseDraft('a'.repeat(DRAFT_MAX_CHARS + 1))).toThrow(DraftTooLargeError);
  });
});

describe('parseDraft: quotations', () => {
  const quotes = (draft: string): string[] => parseDraft(draft).claims.flatMap((c) => c.quotes.map((q) => q.text));

  it('records straight and curly double quotes without the marks, with draft ranges', () => {
    const draft = 'He called it "a glue" and “a purge”.';
    const p = parseDraft(draft);
    expect(p.claims[0]!.quotes).toEqual([
      { text: 'a glue', range: [14, 20] },
      { text: 'a purge', range: [27, 34] },
    ]);
    for (const q of p.claims[0]!.quotes) expect(slice(draft, q.range)).toBe(q.text);
  });

  it('does not take apostrophes for quotation marks', () => {
    expect(quotes('Iran’s leaders and the students’ union met at Khomeini\'s house.')).toEqual([]);
    expect(quotes('In Why Iran’s 1988 prison massacres, they said ‘never’.')).toEqual(['never']);
  });

  it('keeps nested quotes inside the outer quotation', () => {
    expect(quotes('She wrote “he told me ‘no’ twice” in 1990.')).toEqual(['he told me ‘no’ twice']);
    expect(quotes('She wrote "he told me \'no\' twice" in 1990.')).toEqual(["he told me 'no' twice"]);
    expect(quotes('Outer “a “inner” b” end.')).toEqual(['a “inner” b']);
  });

  it('takes markers out of quoted text', () => {
    expect(quotes('It was "a decision[4] of the state".')).toEqual(['a decision of the state']);
  });

  it('records a block quotation after a colon introduced by a verb of saying', () => {
    expect(quotes('The letter reads:[3] As the enemies wage war, they are condemned.')).toEqual(['As the enemies wage war, they are condemned.']);
    expect(quotes('The commission included: Khomeini, the president and the prosecutor.')).toEqual([]);
    expect(quotes('It began at 10:30 and he said it.')).toEqual([]);
    const p = parseDraft('The statement said:\nWe demand justice for the victims.[2]\nAfterwards nothing happened.');
    expect(p.claims.map((c) => c.quotes.map((q) => q.text))).toEqual([[], ['We demand justice for the victims.'], []]);
  });

  it('ignores unpaired marks and never pairs across a line break', () => {
    expect(quotes('A 5" screen.\nAnother "line.')).toEqual([]);
  });
});
