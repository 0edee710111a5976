import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLatex, normalizeDoi, parseBibtex, parseNames } from '../../../shared/references/bibtex.ts';
import { MAX_QUOTED_TOKEN_CHARS, MAX_REFERENCE_ITEMS, parseCslJson, type CslItem } from '../../../shared/references/csl.ts';
import { bindByFileName, fileNameCites, itemForReference, matchReferences, titleSimilarity } from '../../../shared/references/match.ts';
import type { Source } from '../../../shared/types/domain.ts';
import type { SourceText } from '../../../shared/types/text.ts';

// As Zotero 7 exports it (File → Export Library → CSL JSON), trimmed to three items.
const zotero = `[
  {
    "id": "http://zotero.org/users/1234567/items/7QJ2ZK4M",
    "type": "book",
    "title": "Iran Between Two Revolutions",
    "publisher": "Princeton University Press",
    "publisher-place": "Princeton, NJ",
    "number-of-pages": "561",
    "ISBN": "978-0-691-10134-7",
    "author": [{ "family": "Abrahamian", "given": "Ervand" }],
    "issued": { "date-parts": [["1982"]] },
    "citation-key": "abrahamianIranTwoRevolutions1982"
  },
  {
    "id": "http://zotero.org/users/1234567/items/B8M2VQ7T",
    "type": "article-journal",
    "container-title": "Journal of Public Economics",
    "DOI": "10.1016/j.jpubeco.2019.104085",
    "page": "104085",
    "title": "Harbour privatisation and port efficiency: evidence from forty countries",
    "URL": "https://www.sciencedirect.com/science/article/pii/S0047272719301574",
    "volume": "181",
    "author": [{ "family": "Okafor", "given": "Chidi" }, { "family": "de Vries", "given": "Anneke" }],
    "issued": { "date-parts": [["2020", 1]] },
    "note": "[15]"
  },
  {
    "id": "http://zotero.org/users/1234567/items/ZZ4K9PLQ",
    "type": "report",
    "title": "Annual report of the harbour authority 2019",
    "author": [{ "literal": "Harbour Authority of Westport" }],
    "issued": { "date-parts": [["2019"]] }
  }
]`;

const bib = String.raw`% Exported by Better BibTeX for Zotero
@string{jpe = "Journal of Public Economics"}
@comment{jabref-meta: databaseType:bibtex;}

Free text between entries is a comment too.

@article{okafor2020,
  title = {Harbour Privatisation and Port Efficiency: {Evidence} from Forty Countries},
  author = {Okafor, Chidi and de Vries, Anneke},
  journal = jpe,
  year = 2020,
  month = jan,
  volume = {181},
  pages = {104085--104099},
  doi = {https://doi.org/10.1016/j.jpubeco.2019.104085},
  file = {Full Text:files/15/15 - Okafor.pdf:application/pdf}
}

@book(abrahamian1982,
  title = "Iran Between Two {Revolutions}",
  author = "Ervand Abrahamian",
  publisher = {Princeton University Press},
  address = {Princeton, {NJ}},
  year = {1982},
)

@techreport{westport2019,
  title = {Annual Report of the Harbour Authority } # "2019",
  author = {{Harbour Authority of Westport}},
  institution = {Westport},
  year = {2019},
  note = {Caf\'{e} prices rose by 5\% --- Jos\'e M\"uller \& G\"{o}del~said}
}`;

describe('parseCslJson', () => {
  it('reads a Zotero CSL-JSON export', () => {
    const r = parseCslJson('library.json', zotero);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(3);
    expect(r.value[1]).toMatchObject({ DOI: '10.1016/j.jpubeco.2019.104085', note: '[15]', author: [{ family: 'Okafor' }, { family: 'de Vries' }] });
    // Fields the app does not read are kept.
    expect(r.value[0]?.ISBN).toBe('978-0-691-10134-7');
  });

  it.each([
    ['[\n  {"id": "a", "title": "x"},\n  {"id": "b", "title": 5}\n]', 'refs.json:3: item 2: field "title"'],
    ['[\n  {"id": "a"},\n\n  {"title": "no id"}\n]', 'refs.json:4: item 2: field "id"'],
    ['[\n  {"id": "a"},\n  {"id": "a"}\n]', 'refs.json:3: item 2: id "a" repeats item 1'],
    ['[\n  {"id": "a",\n   "author": [{"family": 3}]}\n]', 'refs.json:2: item 1: field "author.0.family"'],
    ['{"id": "a"}', 'refs.json:1: CSL-JSON must be an array'],
    ['[\n  {"id": "a",}\n]', 'refs.json:2: not valid JSON'],
  ])('rejects malformed input naming file and line: %#', (source, message) => {
    const r = parseCslJson('refs.json', source);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.startsWith(message)).toBe(true);
  });

  it('enforces the item limit', () => {
    const r = parseCslJson('big.json', JSON.stringify(Array.from({ length: MAX_REFERENCE_ITEMS + 1 }, (_, i) => ({ id: String(i) }))));
    expect(r).toEqual({ ok: false, error: `big.json: more than ${MAX_REFERENCE_ITEMS} items` });
  });
});

describe('parseBibtex', () => {
  it('reads entries with braces, quotes, macros, concatenation, comments and parentheses', () => {
    const r = parseBibtex('library.bib', bib);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [okafor, abrahamian, westport] = r.value;
    expect(okafor).toMatchObject({
      id: 'okafor2020',
      'citation-key': 'okafor2020',
      type: 'article-journal',
      title: 'Harbour Privatisation and Port Efficiency: Evidence from Forty Countries',
      author: [{ family: 'Okafor', given: 'Chidi' }, { family: 'de Vries', given: 'Anneke' }],
      'container-title': 'Journal of Public Economics',
      issued: { 'date-parts': [[2020, 1]] },
      page: '104085–104099',
      DOI: '10.1016/j.jpubeco.2019.104085',
      file: 'Full Text:files/15/15 - Okafor.pdf:application/pdf',
    });
    expect(abrahamian).toMatchObject({ type: 'book', title: 'Iran Between Two Revolutions', author: [{ family: 'Abrahamian', given: 'Ervand' }], 'publisher-place': 'Princeton, NJ' });
    expect(westport).toMatchObject({ type: 'report', title: 'Annual Report of the Harbour Authority 2019', author: [{ literal: 'Harbour Authority of Westport' }] });
    expect(westport?.note).toBe('Café prices rose by 5% — José Müller & Gödel said');
  });

  it.each([
    ['@article{a,\n  title = {x},\n  year = {2019}\n\n', 'x.bib:1: @article{a is not closed'],
    ['@article{a,\n  title = {x},\n  journal = nosuchmacro\n}', 'x.bib:3: unknown @string macro "nosuchmacro"'],
    ['@article{a,\n  title = {x}\n  year = 2019\n}', 'x.bib:3: expected ","'],
    ['@article{a,\n  title = "x\n}', 'x.bib:2: unclosed \'"\''],
    ['@article{a, title = {x}}\n\n@book{a, title = {y}}', 'x.bib:3: citation key "a" repeats the entry on line 1'],
    ['@article{a,\n  title = {x},\n  title = {y}\n}', 'x.bib:3: field "title" repeats'],
    ['@article\n', 'x.bib:2: expected "{" or "("'],
  ])('rejects malformed input naming file and line: %#', (source, message) => {
    const r = parseBibtex('x.bib', source);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.startsWith(message), r.error).toBe(true);
  });

  // Fuzz finding (issue 9, references): a 5 MB "@@@…" token was quoted whole, a 5,242,916-character message.
  it('cuts long tokens from the file in messages to MAX_QUOTED_TOKEN_CHARS', () => {
    const token = '@'.repeat(5 * 1024 * 1024);
    const cases = [
      `@${token}`,
      `@article{k,\n  journal = ${'x'.repeat(1_000_000)}\n}`,
      `@${'a'.repeat(200_000)}{${'k'.repeat(200_000)}, t = {x}, t = {y}}`,
      `@article{${'k'.repeat(200_000)}, t = {x}}\n@book{${'k'.repeat(200_000)}, t = {y}}`,
    ];
    for (const source of cases) {
      const r = parseBibtex('huge.bib', source);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.length).toBeLessThan(4 * MAX_QUOTED_TOKEN_CHARS + 200);
        expect(r.error).toMatch(/^huge\.bib:\d+: .*… \(\d+ characters\)/);
      }
    }
    const json = parseCslJson('huge.json', `[{"id": "${'i'.repeat(90_000)}"}, {"id": "${'i'.repeat(90_000)}"}]`);
    expect(json.ok).toBe(false);
    if (!json.ok) expect(json.error).toMatch(new RegExp(`^huge\\.json:1: item 2: id "i{${MAX_QUOTED_TOKEN_CHARS}}… \\(90000 characters\\)" repeats item 1$`));
  });

  it('decodes LaTeX and names', () => {
    expect(decodeLatex(String.raw`{\"O}zt{\"u}rk \c{C}elik \ss{} {\'\i}`)).toBe('Öztürk Çelik ß í');
    expect(parseNames('Ludwig van Beethoven and {World Health Organization} and Smith, Jr., John and Plato')).toEqual([
      { family: 'van Beethoven', given: 'Ludwig' },
      { literal: 'World Health Organization' },
      { family: 'Smith', given: 'John' },
      { family: 'Plato' },
    ]);
    expect(normalizeDoi('doi:10.1000/xyz')).toBe('10.1000/xyz');
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => void parseBibtex('f.bib', `@article{k, title = ${s}}`)));
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => void parseCslJson('f.json', s)));
  });
});

const source = (sha: string, fileName: string, title: string): Source => ({
  type: 'source', sha256: sha.repeat(64), kind: 'pdf', fileName, mediaType: 'application/pdf', size: 1, title, author: null,
  unitCount: 1, recordingSha256: null, replaces: null, pageOffset: 0, addedAt: '2025-01-01T00:00:00Z',
});
const text = (sha: string, t: string): SourceText => ({ type: 'source-text', sha256: sha.repeat(64), kind: 'pdf', text: t, units: [{ kind: 'page', index: 0, label: '1', range: [0, t.length] }] });

describe('matching references to sources', () => {
  const items = (parseCslJson('library.json', zotero) as { ok: true; value: CslItem[] }).value;
  const sources = [
    source('a', 'scan_0042.pdf', 'scan_0042'),
    source('b', '8 - Abrahamian 1982.pdf', 'Microsoft Word - book.docx'),
    source('c', 'westport-annual-2019.pdf', 'Annual Report of the Harbour Authority, 2019'),
  ];
  const texts = [text('a', 'Journal of Public Economics 181 (2020) 104085\nhttps://doi.org/10.1016/J.JPUBECO.2019.104085\nHarbour privatisation …')];

  it('finds the item a reference names, by note or by position in an unnumbered list', () => {
    expect(itemForReference('15', items)).toMatchObject({ by: 'note', item: { DOI: '10.1016/j.jpubeco.2019.104085' } });
    // The list has a numbered item, so positions are not used.
    expect(itemForReference('1', items)).toBeNull();
    const unnumbered = items.map(({ note: _note, ...rest }) => rest as CslItem);
    expect(itemForReference('3', unnumbered)).toMatchObject({ by: 'position', item: { type: 'report' } });
  });

  it('proposes sources with scores and reasons', () => {
    const [r15, r8, r3] = matchReferences(['15', '8', '3'], [...items, { id: '8', title: 'Iran Between Two Revolutions', author: [{ family: 'Abrahamian' }], issued: { 'date-parts': [[1982]] } }], sources, texts);
    expect(r15?.proposals[0]).toMatchObject({ sha256: 'a'.repeat(64), score: 1, reasons: [{ kind: 'doi', where: 'text' }] });
    expect(r8?.itemBy).toBe('id');
    expect(r8?.proposals[0]?.sha256).toBe('b'.repeat(64));
    expect(r8?.proposals[0]?.reasons.map((r) => r.kind)).toEqual(['file-number', 'author-year']);
    expect(r8?.proposals[0]?.score).toBeGreaterThan(0.9);
    // Reference 3 is not numbered anywhere in this list (positions are off), so nothing is proposed from bibliographic data.
    expect(r3).toMatchObject({ item: null, proposals: [] });
  });

  it('proposes by title similarity', () => {
    const unnumbered = items.map(({ note: _note, ...rest }) => rest as CslItem);
    const [r3] = matchReferences(['3'], unnumbered, sources);
    expect(r3?.proposals[0]).toMatchObject({ sha256: 'c'.repeat(64), reasons: [{ kind: 'title', where: 'metadata' }] });
    expect(titleSimilarity('Annual report of the harbour authority 2019', 'ANNUAL REPORT — of the Harbour Authority, 2019')).toBe(1);
    expect(titleSimilarity('Iran', 'Iraq')).toBe(0);
  });

  it('binds by file name: the number followed by a non-digit', () => {
    expect(fileNameCites('15', '15.pdf')).toBe(true);
    expect(fileNameCites('15', 'sources/15 - Abrahamian.pdf')).toBe(true);
    expect(fileNameCites('15', '150.pdf')).toBe(false);
    expect(fileNameCites('15', '15')).toBe(false);
    expect(fileNameCites('a', 'abrahamian.pdf')).toBe(false);
    expect(fileNameCites('a', 'a - notes.pdf')).toBe(true);
    const r = bindByFileName(['15', '8', '1', '2'], ['15 - Okafor.pdf', '8.pdf', '8_b.pdf', '150.pdf', '1.vtt']);
    expect(r.bound).toEqual(new Map([['15', '15 - Okafor.pdf'], ['1', '1.vtt']]));
    expect(r.ambiguous).toEqual(new Map([['8', ['8.pdf', '8_b.pdf']]]));
    expect(r.unbound).toEqual(['2']);
  });
});
