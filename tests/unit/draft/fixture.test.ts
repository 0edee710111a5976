// The facts ../shared/fixtures/README.md says a correct import of the reference draft reproduces.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupOrphans, parseDraft } from '../../../shared/draft/parse.ts';
import { isNumberedRef } from '../../../shared/draft/markers.ts';

const fixture = path.resolve(import.meta.dirname, '../../../../shared/fixtures/drafts/1988-executions-excerpt.txt');
const text = readFileSync(fixture, 'utf8');
const lines = text.split('\n');
const parsed = parseDraft(text);
const allMarkers = [...parsed.orphans, ...parsed.claims.flatMap((c) => c.markers)];
const lineStart = (n: number): number => lines.slice(0, n).reduce((sum, l) => sum + l.length + 1, 0);

describe('the reference draft (1988 executions excerpt)', () => {
  it('has 30 claims, one per line', () => {
    expect(parsed.claims).toHaveLength(30);
    expect(parsed.claims.map((c) => c.index)).toEqual([...Array(30).keys()]);
    // Each claim lies on its own line.
    const linesOfClaims = parsed.claims.map((c) => text.slice(0, c.range[0]).split('\n').length - 1);
    expect(new Set(linesOfClaims).size).toBe(30);
  });

  it('has 19 distinct reference numbers', () => {
    expect(parsed.references).toHaveLength(19);
    expect(parsed.references).toEqual(['8', '15', '17', '18', '19', '20', '21', '23', '24', '33', '34', '35', '36', '37', '45', '51', '60', '63', '78']);
    expect(new Set(allMarkers.filter(isNumberedRef).map((m) => m.ref)).size).toBe(19);
  });

  it('has 8 markers with page locators, including an en-dash range and a list', () => {
    const located = allMarkers.filter((m) => m.locator !== null);
    expect(located).toHaveLength(8);
    expect(located.map((m) => m.raw)).toContain('[8]: 81–83');
    expect(located.map((m) => m.raw)).toContain('[24]: 234, 239');
    expect(located.find((m) => m.raw === '[24]: 234, 239')).toMatchObject({ ref: '24', locator: '234, 239', flag: null });
  });

  it('has 2 [citation needed], 2 [page needed] and 1 [when?]', () => {
    const flags = allMarkers.filter((m) => m.flag !== null).map((m) => m.flag);
    expect(flags.filter((f) => f === 'citation needed')).toHaveLength(2);
    expect(flags.filter((f) => f === 'page needed')).toHaveLength(2);
    expect(flags.filter((f) => f === 'when?')).toHaveLength(1);
    expect(flags).toHaveLength(5);
  });

  it('does not take the 5 editorial insertions for markers', () => {
    const insertions = ['[In the Name of God, The Compassionate, the Merciful,]', '[Hypocrites]', '[a]', '[was]'];
    const count = insertions.reduce((n, s) => n + text.split(s).length - 1, 0);
    expect(count).toBe(5);
    for (const s of insertions) expect(allMarkers.some((m) => m.raw === s)).toBe(false);
    // They stay in the claims' text.
    expect(parsed.claims.some((c) => c.text.includes('launch [a] fact-finding'))).toBe(true);
    expect(parsed.claims.some((c) => c.text.includes('someone [was] charged'))).toBe(true);
    // Every bracket in the draft is either a marker or one of the insertions.
    const brackets = [...text.matchAll(/\[[^\]]*\]/g)].length;
    expect(allMarkers.length + count).toBe(brackets);
  });

  it('reports one orphan group: the locator marker before the first sentence', () => {
    expect(groupOrphans(text, parsed.orphans)).toHaveLength(1);
    expect(parsed.orphans).toEqual([{ raw: '[15]: 218', ref: '15', locator: '218', flag: null, offset: 0 }]);
    expect(parsed.claims[0]!.text.startsWith('According to Iran')).toBe(true);
  });

  it('gives [citation needed] at the start of line 3 to line 2’s claim', () => {
    const flag = allMarkers.find((m) => m.flag === 'citation needed')!;
    expect(flag.offset).toBe(lineStart(2));
    const owner = parsed.claims.find((c) => c.markers.includes(flag))!;
    expect(owner.index).toBe(1);
    expect(owner.text).toBe(
      'They were condemned by Montazeri; the United Nations Human Rights Council; and several countries including Sweden, Canada, and Italy.',
    );
    expect(owner.markers.map((m) => m.raw)).toEqual(['[18]', '[19]', '[20]', '[21]', '[citation needed]']);
    // The range ends at the sentence; the trailing flag is outside it.
    expect(owner.range[1]).toBeLessThanOrEqual(flag.offset);
    expect(text.slice(owner.range[0], owner.range[1]).endsWith('and Italy.')).toBe(true);
  });

  it('keeps markers inside a sentence with their offsets', () => {
    const claim = parsed.claims[1]!;
    const m18 = claim.markers[0]!;
    expect(text.slice(m18.offset, m18.offset + 4)).toBe('[18]');
    expect(text.slice(m18.offset - 10, m18.offset)).toBe('Montazeri;');
  });

  it('records quotations, not apostrophes, and does not end a sentence at an ellipsis inside a quote', () => {
    const quotes = parsed.claims.flatMap((c) => c.quotes.map((q) => q.text));
    expect(quotes).toContain('had been under consideration for several years');
    expect(quotes).toContain('four-man commission');
    expect(quotes.some((q) => q.startsWith('revealing plans, secrets or decisions') && q.includes('policies... in a manner'))).toBe(true);
    expect(quotes.some((q) => q.startsWith('s 1988') || q.startsWith('s '))).toBe(false);
    for (const c of parsed.claims) {
      for (const q of c.quotes) {
        expect(q.range[0]).toBeGreaterThanOrEqual(c.range[0]);
        expect(q.range[1]).toBeLessThanOrEqual(c.range[1]);
      }
    }
  });

  it('records the long letter after "reads:" as a block quotation', () => {
    const letter = parsed.claims.find((c) => c.text.startsWith('In part, the letter reads:'))!;
    expect(letter.markers.map((m) => m.raw)).toEqual(['[34]', '[35]']);
    expect(letter.quotes).toHaveLength(1);
    expect(letter.quotes[0]!.text.startsWith('[In the Name of God, The Compassionate, the Merciful,] As the treacherous Monafeqin [Hypocrites]')).toBe(true);
    expect(letter.quotes[0]!.text.endsWith('are condemned to execution.')).toBe(true);
    const report = parsed.claims.find((c) => c.text.startsWith('In their report'))!;
    expect(report.quotes.map((q) => q.text.slice(0, 40))).toEqual(['Thousands of political dissidents were s']);
  });

  it('finds uncited claims: no marker of their own and none carried over from the next line', () => {
    const uncited = parsed.claims.filter((c) => !c.markers.some((m) => m.ref !== null)).map((c) => c.index);
    expect(uncited).toContain(6); // "In the recording, ..." — line 8 starts with no marker
    expect(uncited).toContain(29); // the last line
    expect(uncited).not.toContain(7); // gets "[15]: 210" from the start of line 9
  });
});
