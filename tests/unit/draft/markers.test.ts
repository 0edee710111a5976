import { describe, expect, it } from 'vitest';
import { findMarkers, isKnownFlag, isPageFlag, stripMarkers } from '../../../shared/draft/markers.ts';

const raws = (text: string): string[] => findMarkers(text).map((m) => m.raw);

describe('findMarkers', () => {
  it('reads a reference number and its page locator', () => {
    expect(findMarkers('Text.[15]: 218 Next')).toEqual([{ raw: '[15]: 218', ref: '15', locator: '218', flag: null, offset: 5 }]);
    expect(findMarkers('Text.[15]:218')[0]).toMatchObject({ raw: '[15]:218', locator: '218' });
  });

  it('reads page ranges with an en dash or a hyphen, and lists', () => {
    expect(findMarkers('x.[8]: 81–83 Y')[0]).toMatchObject({ ref: '8', locator: '81–83' });
    expect(findMarkers('x.[8]: 81-83 Y')[0]).toMatchObject({ ref: '8', locator: '81-83' });
    expect(findMarkers('x.[24]: 234, 239 Beginning in 1980')[0]).toMatchObject({ ref: '24', locator: '234, 239', raw: '[24]: 234, 239' });
    expect(findMarkers('x.[3]: xii–xiv.')[0]).toMatchObject({ locator: 'xii–xiv' });
    expect(findMarkers('x.[3]: p. 12')[0]).toMatchObject({ locator: 'p. 12' });
  });

  it('does not take a following word or a colon used as punctuation for a locator', () => {
    expect(findMarkers('He said[4]: the rest')[0]).toMatchObject({ raw: '[4]', locator: null });
    expect(findMarkers('At 10:30[4]: 218abc')[0]).toMatchObject({ raw: '[4]', locator: null });
  });

  it('reads runs of markers and flags attached to them', () => {
    expect(raws('a claim.[34][35] Next')).toEqual(['[34]', '[35]']);
    const run = findMarkers('a claim.[8][page needed][45]');
    expect(run.map((m) => [m.ref, m.flag])).toEqual([['8', null], [null, 'page needed'], ['45', null]]);
    expect(raws('done.[15]: 220 [when?]')).toEqual(['[15]: 220', '[when?]']);
  });

  it('knows Wikipedia maintenance flags', () => {
    for (const flag of ['citation needed', 'page needed', 'when?', 'who?', 'according to whom?', 'clarification needed', 'better source needed', 'failed verification', 'dubious – discuss', 'year needed', 'by whom?', 'full citation needed']) {
      expect(isKnownFlag(flag)).toBe(true);
      // Known flags are markers wherever they stand, even between spaces before a word.
      expect(findMarkers(`Some text [${flag}] more text.`)).toEqual([{ raw: `[${flag}]`, ref: null, locator: null, flag, offset: 10 }]);
    }
    expect(isKnownFlag('dubious - discuss')).toBe(true);
    expect(isPageFlag('page needed')).toBe(true);
    expect(isPageFlag('citation needed')).toBe(false);
  });

  it('takes unknown lowercase flags by their position', () => {
    expect(findMarkers('The figure rose.[needs better wording]')[0]).toMatchObject({ flag: 'needs better wording' });
    expect(findMarkers('The figure rose[original synthesis?] sharply.')[0]).toMatchObject({ flag: 'original synthesis?' });
    // Between spaces before a word: an editor's insertion.
    expect(raws('someone [was] charged')).toEqual([]);
    expect(raws('he [the minister] said')).toEqual([]);
  });

  it('reads letter notes and note labels', () => {
    expect(findMarkers('in 1988.[a] The next')[0]).toMatchObject({ raw: '[a]', ref: 'a', flag: null });
    expect(findMarkers('in 1988[b] and more')[0]).toMatchObject({ ref: 'b' });
    expect(findMarkers('a claim [note 3] more')[0]).toMatchObject({ ref: 'note 3' });
    expect(findMarkers('a claim.[n 2]')[0]).toMatchObject({ ref: 'n 2' });
  });

  it('decides [a] by context: a note when attached or at a sentence boundary, editorial inside running text', () => {
    expect(raws('"launch [a] fact-finding mission"')).toEqual([]);
    expect(raws('asked them to launch [a] mission')).toEqual([]);
    expect(raws('It ended.[a]')).toEqual(['[a]']);
    expect(raws('It ended[a] in 1988.')).toEqual(['[a]']);
    expect(raws('It ended. [a] The next one.')).toEqual(['[a]']);
    expect(raws('It ended.\n[a] The next one.')).toEqual(['[a]']);
    expect(raws('It ended.[12] [a] The next.')).toEqual(['[12]', '[a]']);
    expect(raws('It ended [a].')).toEqual(['[a]']);
  });

  it('never takes capitalised or long editorial brackets, or [sic], for markers', () => {
    expect(raws('the Monafeqin [Hypocrites] do not')).toEqual([]);
    expect(raws('reads: [In the Name of God, The Compassionate, the Merciful,] As')).toEqual([]);
    expect(raws('he wrote teh[sic] word')).toEqual([]);
    expect(raws(`x.[${'a'.repeat(70)}]`)).toEqual([]);
    expect(raws('[]')).toEqual([]);
    expect(raws('x [ 5 ] y')).toEqual([]);
  });
});

describe('stripMarkers', () => {
  it('takes markers out and closes up the space they leave', () => {
    const text = 'condemned by Montazeri;[18] the UN;[19] and Italy.[citation needed]';
    const ms = findMarkers(text);
    expect(stripMarkers(text, 0, text.length, ms)).toBe('condemned by Montazeri; the UN; and Italy.');
    const spaced = 'as reported [15], and denied [16].';
    expect(stripMarkers(spaced, 0, spaced.length, findMarkers(spaced))).toBe('as reported, and denied.');
  });
});

describe('findMarkers in Markdown drafts', () => {
  it('reads footnote references, not footnote definitions or links', () => {
    const text = 'See the [full report](https://example.org) for details.[8] Footnote text[^1] and more.[^note]\n[^1]: Definition.';
    expect(findMarkers(text).map((m) => [m.raw, m.ref])).toEqual([['[8]', '8'], ['[^1]', '^1'], ['[^note]', '^note']]);
  });
});
