import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../../cli/check/pipeline.ts';
import { bindReferences, isCslJsonShape } from '../../../cli/check/references.ts';
import type { CslItem } from '../../../shared/references/csl.ts';
import type { Source } from '../../../shared/types/domain.ts';
import { scanSources } from '../../../cli/check/scan.ts';
import { openBagZip } from '../../../shared/packet/bagit.ts';
import { verifyPacket } from '../../../shared/packet/verify.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SAMPLE_SOURCES = path.join(ROOT, 'resources/sample/sources');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-check-refs-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const src = (sha: string, kind: Source['kind'], fileName: string, title = fileName.replace(/\.[^.]+$/, '')): Source => ({
  type: 'source',
  sha256: sha.repeat(64).slice(0, 64),
  kind,
  fileName,
  mediaType: 'application/octet-stream',
  size: 1,
  title,
  author: null,
  unitCount: 0,
  recordingSha256: null,
  replaces: null,
  pageOffset: 0,
  addedAt: '2024-05-01T12:00:00.000Z',
});

describe('bindReferences', () => {
  it('binds by file-name number, prefers the transcript to its recording, and never binds 15 to 150', () => {
    const sources = [src('a', 'recording', '3 - talk.wav'), src('b', 'transcript', '3 - talk.vtt'), src('c', 'pdf', '150.pdf'), src('d', 'pdf', '15 - Abrahamian.pdf')];
    const b = bindReferences(['3', '15', '1'], sources, []);
    expect(b.map((x) => [x.ref, x.sourceSha256?.[0] ?? null, x.via])).toEqual([
      ['3', 'b', 'file name'],
      ['15', 'd', 'file name'],
      ['1', null, null],
    ]);
    expect(b[2]!.detail).toMatch(/no file name starts with it and no reference list has it/);
  });

  it('binds a recording when it is the only file with the number', () => {
    expect(bindReferences(['4'], [src('e', 'recording', '4.mp3')], [])[0]).toMatchObject({ sourceSha256: 'e'.repeat(64), via: 'file name' });
  });

  it('falls back to the reference list item (by citation-number or id) naming one source by title, DOI or file, and keeps the item', () => {
    const sources = [
      src('a', 'pdf', 'Declaration.pdf', 'Declaration of Independence'),
      src('b', 'pdf', 'speech.pdf', 'Untitled'),
      src('c', 'pdf', '9 - one.pdf', 'The Origin of Species'),
      src('d', 'pdf', '9 - two.pdf', 'The Descent of Man'),
      src('e', 'pdf', 'paper.pdf', 'Untitled paper'),
    ];
    const items: CslItem[] = [
      { id: 'decl', 'citation-number': 7, type: 'document', title: 'Declaration of  independence' },
      { id: '8', type: 'speech', title: 'Something else', file: '/home/me/Zotero/speech.pdf' },
      { id: '9', type: 'book', title: 'On the Origin of Species' },
      { id: '11', type: 'article-journal', title: 'Unrelated words', DOI: '10.1000/xyz' },
      { id: '12', type: 'book', title: 'A book that is not here' },
    ];
    const texts = [{ type: 'source-text' as const, sha256: 'e'.repeat(64), kind: 'pdf' as const, text: 'Journal of Things, doi:10.1000/XYZ, 2020', units: [] }];
    const b = bindReferences(['7', '8', '9', '10', '11', '12'], sources, items, texts);
    expect(b[0]).toMatchObject({ ref: '7', sourceSha256: 'a'.repeat(64), via: 'reference list', csl: { id: 'decl' } });
    expect(b[1]).toMatchObject({ ref: '8', sourceSha256: 'b'.repeat(64), via: 'reference list' });
    // Two files start with 9: the list's title decides.
    expect(b[2]).toMatchObject({ ref: '9', sourceSha256: 'c'.repeat(64), via: 'reference list' });
    expect(b[2]!.detail).toMatch(/several files start with 9 \(9 - one\.pdf, 9 - two\.pdf\)/);
    expect(b[3]).toMatchObject({ ref: '10', sourceSha256: null, csl: null });
    expect(b[4]).toMatchObject({ ref: '11', sourceSha256: 'e'.repeat(64), via: 'reference list' });
    expect(b[5]).toMatchObject({ ref: '12', sourceSha256: null, via: null, csl: { id: '12' } });
    expect(b[5]!.detail).toMatch(/names no file in the folder/);
  });

  it('leaves a number unbound, saying why, when two files start with it and nothing decides', () => {
    const b = bindReferences(['2'], [src('a', 'pdf', '2 a.pdf'), src('b', 'transcript', '2 b.srt')], []);
    expect(b[0]).toMatchObject({ sourceSha256: null, via: null });
    expect(b[0]!.detail).toMatch(/several files start with 2 \(2 a\.pdf, 2 b\.srt\)/);
  });
});

describe('reference lists', () => {
  it('tells CSL-JSON from Whisper JSON by shape', () => {
    expect(isCslJsonShape(JSON.parse(fs.readFileSync(path.join(SAMPLE_SOURCES, 'references.json'), 'utf8')))).toBe(true);
    expect(isCslJsonShape({ text: 'hi', segments: [{ id: 0, start: 0, end: 1, text: 'hi' }] })).toBe(false);
    expect(isCslJsonShape([{ id: 0, start: 0, end: 1, text: 'hi' }])).toBe(false);
    expect(isCslJsonShape([])).toBe(false);
    expect(isCslJsonShape([{ type: 'book', title: 'T' }, 'x'])).toBe(false);
  });

});

describe('the sources folder', () => {
  const whisper = JSON.stringify({ text: ' Hello there. We shall fight on the beaches.', segments: [{ id: 0, start: 0, end: 1.5, text: ' Hello there.' }, { id: 1, start: 1.5, end: 4, text: ' We shall fight on the beaches.', words: [['We', 1.6, 1.8], ['shall', 1.8, 2], ['fight', 2, 2.4], ['on', 2.4, 2.5], ['the', 2.5, 2.6], ['beaches.', 2.6, 3.4]].map(([word, start, end]) => ({ word: ` ${String(word)}`, start, end })) }] });
  const folder = path.join(dir, 'sources');
  fs.mkdirSync(folder);
  fs.copyFileSync(path.join(SAMPLE_SOURCES, '1 - Declaration of Independence.pdf'), path.join(folder, 'declaration.pdf'));
  fs.writeFileSync(path.join(folder, '8 - speech.json'), whisper);
  fs.writeFileSync(path.join(folder, 'refs.bib'), '@misc{7, title = {Declaration of Independence}}\n');
  fs.writeFileSync(path.join(folder, '.DS_Store'), 'junk');
  fs.writeFileSync(path.join(folder, 'empty.vtt'), '');

  it('imports Whisper JSON as a transcript, reads the BibTeX list, skips hidden files and names the empty one', async () => {
    const scan = await scanSources(folder, { now: '2024-05-01T12:00:00.000Z' });
    expect(scan.sources.map((s) => [s.source.fileName, s.source.kind, s.source.mediaType])).toEqual([
      ['8 - speech.json', 'transcript', 'application/json'],
      ['declaration.pdf', 'pdf', 'application/pdf'],
    ]);
    expect(scan.sources[1]!.source.title).toBe('Declaration of Independence');
    expect(scan.referenceLists.map((f) => path.basename(f))).toEqual(['refs.bib']);
    expect(scan.skipped.map((s) => s.reason)).toEqual([`${path.join(folder, 'empty.vtt')}: the source is empty (0 bytes)`]);
  });

  it('check binds [7] through the BibTeX list and [8] by name, finds both quotations, and the packet verifies', async () => {
    const draft = path.join(dir, 'draft.md');
    fs.writeFileSync(draft, 'The Declaration says "all men are created equal".[7]: 1\nHe told the House "we shall fight on the beaches".[8]\n');
    const out = path.join(dir, 'out.zip');
    const lines: string[] = [];
    const report = await runCheck({ draft, sources: folder, out, onProgress: (l) => lines.push(l) });
    expect(report.bindings.map((b) => [b.ref, b.via])).toEqual([
      ['7', 'reference list'],
      ['8', 'file name'],
    ]);
    expect(report.claims.map((c) => c.findings)).toEqual([['quote-found'], ['quote-found']]);
    expect(report.claims[1]!.evidence[0]!.units).toMatchObject([{ kind: 'cue', index: 1, time: [1.5, 4], speaker: null }]);
    expect(lines.join('\n')).toMatch(/warning: skipped .*empty\.vtt/);
    const opened = openBagZip(new Uint8Array(fs.readFileSync(out)));
    if (!opened.ok) throw new Error(opened.error);
    const result = await verifyPacket(opened.value);
    expect(result.firstFailure).toBeNull();
    const packet = JSON.parse(new TextDecoder().decode(opened.value.files.get('data/packet.json'))) as {
      drafts: { origin: string }[];
      references: { ref: string; csl: unknown }[];
      passages: { selectors: { quote: { exact: string }; fragment: { value: string } } }[];
    };
    // The speech's words are timed: the passage's media fragment is its words', not the whole segment's.
    expect(packet.passages.find((p) => /beaches/.test(p.selectors.quote.exact))?.selectors.fragment.value).toBe('t=1.6,3.4');
    expect(report.claims[1]!.details.join('\n')).toMatch(/8 - speech\.json, 1\.6–3\.4 s \(cue 2\)/);
    expect(packet.drafts[0]!.origin).toBe('md');
    expect(packet.references.find((r) => r.ref === '7')?.csl).toMatchObject({ id: '7', title: 'Declaration of Independence' });
  });
});

describe('a broken reference list', () => {
  it('is skipped with the shared parser’s message, naming the file and line', async () => {
    const folder = path.join(dir, 'broken-list');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'refs.json'), '[\n  {"id": "1", "type": "book", "title": "Fine"},\n  {"id": "1", "type": "book", "title": "Again"}\n]\n');
    fs.writeFileSync(path.join(folder, 'refs.bib'), '@book{a,\n  title = {never closed\n');
    const scan = await scanSources(folder, { now: '2024-05-01T12:00:00.000Z' });
    expect(scan.referenceLists).toEqual([]);
    expect(scan.sources).toEqual([]);
    expect(scan.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/refs\.bib:\d+: /),
      expect.stringMatching(/refs\.json:3: item 2: id "1" repeats item 1$/),
    ]);
    expect(scan.skipped.every((s) => s.reason.startsWith(folder))).toBe(true);
  });
});
