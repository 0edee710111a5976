import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_LOCATOR_CHARS,
  checkCitedPages,
  formatPageSpans,
  fromRoman,
  hasRealPageLabels,
  parseLocator,
  printedPages,
  toRoman,
  type EvidenceLocation,
} from '../../../shared/check/page-check.ts';
import type { Marker } from '../../../shared/types/domain.ts';
import { pdfText, transcriptText } from './fixtures.ts';

const spans = (locator: string) => {
  const r = parseLocator(locator);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('parseLocator', () => {
  it.each([
    ['218', [{ kind: 'arabic', from: 218, to: 218 }]],
    ['81–83', [{ kind: 'arabic', from: 81, to: 83 }]],
    ['81-83', [{ kind: 'arabic', from: 81, to: 83 }]],
    ['81—83', [{ kind: 'arabic', from: 81, to: 83 }]],
    ['81 to 83', [{ kind: 'arabic', from: 81, to: 83 }]],
    ['81–3', [{ kind: 'arabic', from: 81, to: 83 }]],
    ['218–24', [{ kind: 'arabic', from: 218, to: 224 }]],
    ['234, 239', [{ kind: 'arabic', from: 234, to: 234 }, { kind: 'arabic', from: 239, to: 239 }]],
    ['12; 14 and 16', [{ kind: 'arabic', from: 12, to: 12 }, { kind: 'arabic', from: 14, to: 14 }, { kind: 'arabic', from: 16, to: 16 }]],
    ['xii', [{ kind: 'roman', from: 12, to: 12 }]],
    ['XIV', [{ kind: 'roman', from: 14, to: 14 }]],
    ['xii–xv', [{ kind: 'roman', from: 12, to: 15 }]],
    ['218n4', [{ kind: 'arabic', from: 218, to: 218 }]],
    ['218 n. 4', [{ kind: 'arabic', from: 218, to: 218 }]],
    ['218nn4–5', [{ kind: 'arabic', from: 218, to: 218 }]],
    ['218 note 4', [{ kind: 'arabic', from: 218, to: 218 }]],
    ['218 f.', [{ kind: 'arabic', from: 218, to: 219 }]],
    ['218 ff.', [{ kind: 'arabic', from: 218, to: null }]],
    ['218ff', [{ kind: 'arabic', from: 218, to: null }]],
    ['p. 218', [{ kind: 'arabic', from: 218, to: 218 }]],
    ['pp. 81–83, xii', [{ kind: 'arabic', from: 81, to: 83 }, { kind: 'roman', from: 12, to: 12 }]],
  ])('understands %s', (locator, expected) => {
    expect(parseLocator(locator)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['passim', /passim/],
    ['A-3', /A-3/],
    ['218–200', /ends before it starts/],
    ['xii–15', /mixes roman and arabic/],
    ['iiii', /iiii/],
    ['', /empty/],
    ['0', /"0"/],
    ['1'.repeat(MAX_LOCATOR_CHARS + 1), /longer than/],
  ])('reports %s as unparseable', (locator, message) => {
    const r = parseLocator(locator);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('formats spans back', () => {
    expect(formatPageSpans(spans('pp. 81-3, 218 ff., xii–xv, 7'))).toBe('81–83, 218ff., xii–xv, 7');
  });

  it('round-trips roman numerals and never throws on any text', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 3999 }), (n) => fromRoman(toRoman(n)) === n));
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const r = parseLocator(s);
        if (r.ok) for (const span of r.value) expect(span.to === null || span.to >= span.from).toBe(true);
      }),
    );
  });
});

const pages = Array.from({ length: 12 }, (_, i) => `Text of PDF page ${i + 1}.`);
// A book whose PDF declares labels: four roman front-matter pages, then 215…222.
const labelled = pdfText('1'.repeat(64), pages, ['i', 'ii', 'iii', 'iv', ...Array.from({ length: 8 }, (_, i) => String(215 + i))]);
// A scan without labels: PDF page 1 is printed page 211 (offset 210).
const unlabelled = pdfText('2'.repeat(64), pages);
const transcript = transcriptText('3'.repeat(64), [[0, 'A', 'hello there']]);
const sources = new Map([
  [labelled.sha256, { pageOffset: 0 }],
  [unlabelled.sha256, { pageOffset: 210 }],
  [transcript.sha256, { pageOffset: 0 }],
]);
const texts = new Map([labelled, unlabelled, transcript].map((t) => [t.sha256, t]));
const onPage = (t: typeof labelled, index: number, id = `e${index}`): EvidenceLocation => {
  const u = t.units[index]!;
  return { id, sourceSha256: t.sha256, range: [u.range[0] + 2, u.range[1] - 2] };
};
const marker = (ref: string, locator: string | null): Marker => ({ raw: `[${ref}]${locator ? `: ${locator}` : ''}`, ref, locator, flag: null, offset: 0 });

describe('printed pages', () => {
  it('uses real labels when the PDF has them, else page number plus offset', () => {
    expect(hasRealPageLabels(labelled)).toBe(true);
    expect(hasRealPageLabels(unlabelled)).toBe(false);
    expect(printedPages({ pageOffset: 99 }, labelled, onPage(labelled, 7).range)).toEqual([{ index: 7, label: '218', value: { kind: 'arabic', n: 218 } }]);
    expect(printedPages({ pageOffset: 210 }, unlabelled, onPage(unlabelled, 7).range)).toEqual([{ index: 7, label: '218', value: { kind: 'arabic', n: 218 } }]);
    expect(printedPages({ pageOffset: 0 }, labelled, onPage(labelled, 2).range)[0]?.value).toEqual({ kind: 'roman', n: 3 });
  });
});

describe('checkCitedPages', () => {
  const bindings = new Map<string, string | null>([
    ['15', labelled.sha256],
    ['8', unlabelled.sha256],
    ['3', transcript.sha256],
  ]);
  const check = (markers: Marker[], evidence: EvidenceLocation[]) => checkCitedPages({ markers, bindings, evidence, sources, texts });

  it('accepts evidence on the cited page by label, and flags evidence elsewhere', () => {
    expect(check([marker('15', '218')], [onPage(labelled, 7)])).toEqual([]);
    expect(check([marker('15', '218')], [onPage(labelled, 9)])).toEqual([
      { type: 'page-mismatch', evidenceId: 'e9', ref: '15', locators: ['218'], expected: '218', actual: ['220'] },
    ]);
  });

  it('uses the page offset for a PDF without labels', () => {
    expect(check([marker('8', '81–83, 218')], [onPage(unlabelled, 7)])).toEqual([]);
    expect(check([marker('8', '218')], [onPage(unlabelled, 6)])).toMatchObject([{ type: 'page-mismatch', actual: ['217'] }]);
  });

  it('checks ranges, lists, roman pages, notes and ff.', () => {
    expect(check([marker('15', '216–218')], [onPage(labelled, 5)])).toEqual([]);
    expect(check([marker('15', '234, 216')], [onPage(labelled, 5)])).toEqual([]);
    expect(check([marker('15', 'ii–iv')], [onPage(labelled, 2)])).toEqual([]);
    expect(check([marker('15', 'ii')], [onPage(labelled, 2)])).toMatchObject([{ type: 'page-mismatch', expected: 'ii', actual: ['iii'] }]);
    expect(check([marker('15', '218n4')], [onPage(labelled, 7)])).toEqual([]);
    expect(check([marker('15', '218 ff.')], [onPage(labelled, 11)])).toEqual([]);
    expect(check([marker('15', '218 ff.')], [onPage(labelled, 5)])).toMatchObject([{ type: 'page-mismatch', expected: '218ff.' }]);
    // Roman iii is not arabic 3.
    expect(check([marker('15', '3')], [onPage(labelled, 2)])).toMatchObject([{ type: 'page-mismatch' }]);
  });

  it('counts a passage spanning pages as inside when any page is', () => {
    const span: EvidenceLocation = { id: 'x', sourceSha256: labelled.sha256, range: [labelled.units[6]!.range[0] + 1, labelled.units[8]!.range[0] + 3] };
    expect(check([marker('15', '222')], [span])).toMatchObject([{ type: 'page-mismatch', actual: ['217', '218', '219'] }]);
    expect(check([marker('15', '219')], [span])).toEqual([]);
  });

  it('reports unparseable locators once, ignores evidence from sources the markers do not cite, and skips markers without pages', () => {
    expect(check([marker('15', 'passim')], [onPage(labelled, 9)])).toMatchObject([{ type: 'locator-unparseable', ref: '15', locator: 'passim' }]);
    expect(check([marker('8', '1')], [onPage(labelled, 9)])).toEqual([]);
    expect(check([marker('15', '218'), marker('15', null)], [onPage(labelled, 9)])).toEqual([]);
    expect(check([marker('15', '218'), marker('15', '220')], [onPage(labelled, 9)])).toEqual([]);
  });

  it('reports transcript evidence as unverifiable', () => {
    expect(check([marker('3', '12')], [{ id: 't', sourceSha256: transcript.sha256, range: [0, 5] }])).toMatchObject([
      { type: 'page-unverifiable', evidenceId: 't', reason: expect.stringMatching(/transcript/) },
    ]);
  });
});
