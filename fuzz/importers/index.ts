// The importers the campaign feeds (parent side): where each adapter is, its seeds (the conformance
// corpora and fixtures as they are), the tokens and magic prefixes its mutations use, its format-specific
// bad inputs (deep nesting, zip bombs, zip-in-zip), which thrown error names are clean rejections, and how
// its messages must say where the problem is.
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocatorRule } from '../classify.ts';
import { unzipSync } from 'fflate';
import { recomputeManifests } from '../../tests/unit/packet/build.ts';
import { DEEP_NESTING, concat, flipBits, insertDelete, nested, repeatTo, truncate, utf8 } from '../mutate.ts';
import type { Rng } from '../prng.ts';
import type { FuzzInput, InputKind } from '../protocol.ts';
import { fuzzPacket, relatedPackets } from '../packets.ts';
import { deflatedEntry, rawZip, zeroEntry, zerosCrc, zerosDeflated, zipFiles, type RawEntry } from '../zip.ts';

/** Where the shared read-only corpora are. */
export const SHARED_DIR = process.env.PROVENANCE_SHARED_DIR ?? path.resolve(fileURLToPath(new URL('../../../shared', import.meta.url)));
/** Per-input hang limit: an input whose importer has not answered by then is a hang (the worker is killed). */
export const HANG_TIMEOUT_MS = 10_000;
/** Hang limit for PDFs: above the extractor's own deadline (PDF_FUZZ_DEADLINE_MS in pdf.ts). */
export const PDF_HANG_TIMEOUT_MS = 15_000;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A format-specific bad-input maker. */
export interface SpecialMaker {
  /** The input kind it makes. */
  kind: InputKind;
  /** What it is, for reports. */
  label: string;
  /** Makes the input. */
  make(rng: Rng, seeds: readonly FuzzInput[]): FuzzInput;
}

/** One importer of the campaign. */
export interface ImporterSpec {
  /** Short name (`--only` takes it). */
  name: string;
  /** The public entry point it feeds, for the report. */
  entry: string;
  /** URL of the adapter module the worker runs. */
  module: string;
  /** Relative share of the generated inputs. */
  weight: number;
  /** Hang limit for one input (ms). */
  timeoutMs: number;
  /** Error names that, thrown with a good message, are clean rejections. */
  namedErrors: readonly string[];
  /** How a rejection must say where. */
  rule: LocatorRule;
  /** Loads the seeds (the corpora as they are). */
  seeds(): Promise<FuzzInput[]>;
  /** Tokens the insert/delete mutation splices in. */
  tokens: readonly string[];
  /** Magic prefixes for random bytes. */
  magic: readonly string[];
  /** Units repeated to make a huge line. */
  hugeUnits: readonly string[];
  /** Format-specific bad inputs. */
  special: readonly SpecialMaker[];
  /** File names the input may be given (besides the seed's own); empty keeps the seed's. */
  names?: readonly string[];
  /** Weight of the format-specific makers (campaign.ts; 6 when absent). */
  specialWeight?: number;
}

async function filesIn(dir: string, pattern: RegExp): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir)).filter((f) => pattern.test(f)).sort().map((f) => path.join(dir, f));
}

async function readSeeds(files: string[]): Promise<FuzzInput[]> {
  return Promise.all(files.map(async (f) => ({ name: path.basename(f), bytes: new Uint8Array(await readFile(f)) })));
}

const adapter = (file: string): string => new URL(`./${file}`, import.meta.url).href;

// ---------------------------------------------------------------------------------------------------
// Drafts

const DRAFT_SAMPLE = `The levee held until May 1927 [1]. Officials said "it will hold" [2]: 14. The U.S. Army Corps
of Engineers disagreed [3]: 201–203. Dr. J. R. Smith wrote: “the river ‘never’ rose so fast” [citation needed].
The report reads:
The water reached the second floor within an hour [4]: 7.
[5] Nobody was warned.
`;

async function draftSeeds(): Promise<FuzzInput[]> {
  const fixtures = await readSeeds(await filesIn(path.join(SHARED_DIR, 'fixtures/drafts'), /\.(txt|md)$/));
  const readme = await readSeeds(await filesIn(path.join(SHARED_DIR, 'conformance'), /^README\.md$/));
  return [...fixtures, ...readme, { name: 'sample-draft.txt', bytes: utf8(DRAFT_SAMPLE) }];
}

const DRAFT_TOKENS = ['[1]', '[15]: 218', '[citation needed]', '“', '”', '‘', '’', '"', "'", '«', '»', '. ', '.\n', ':\n', ' reads: ', 'U.S. ', 'Dr. ', '\r\n', '\u2028', '\u0000', '\uFEFF', '\uD800', '[', ']', '(', ')'];

const draftSpecial: SpecialMaker[] = [
  { kind: 'deep-nesting', label: 'nested brackets', make: () => ({ name: 'nested-brackets.txt', bytes: nested('[', ']', DEEP_NESTING, '1') }) },
  { kind: 'deep-nesting', label: 'nested quotes', make: () => ({ name: 'nested-quotes.txt', bytes: nested('“‘', '’”', DEEP_NESTING / 2, 'Said. He.') }) },
  { kind: 'deep-nesting', label: 'unbalanced quotes', make: (rng) => ({ name: 'open-quotes.txt', bytes: nested(rng.pick(['"', '“', '‘', "'", '«']), '', DEEP_NESTING, ' x. ', true) }) },
  { kind: 'deep-nesting', label: 'nested parentheses', make: () => ({ name: 'nested-parens.txt', bytes: nested('(', ')', DEEP_NESTING, 'A claim [2].') }) },
  { kind: 'structural', label: 'many quoted sentences', make: () => ({ name: 'quoted-sentences.txt', bytes: repeatTo(utf8('"A b." '), 1_750_000) }) },
  { kind: 'structural', label: 'many markers', make: () => ({ name: 'markers.txt', bytes: concat(utf8('A claim'), repeatTo(utf8(' [1]: 2'), 1_400_000)) }) },
  { kind: 'structural', label: 'many sentences', make: () => ({ name: 'sentences.txt', bytes: repeatTo(utf8('Go. '), 1_600_000) }) },
  { kind: 'structural', label: 'many block quotes', make: () => ({ name: 'blocks.txt', bytes: repeatTo(utf8('It reads:\nA b [1].\n'), 1_800_000) }) },
  { kind: 'structural', label: 'over the size limit', make: () => ({ name: 'too-long.txt', bytes: repeatTo(utf8('Word. '), 8_500_000) }) },
  { kind: 'structural', label: 'empty', make: (rng) => ({ name: 'empty.txt', bytes: utf8(rng.pick(['', ' ', '\n\n\t', '\uFEFF', '[1] [2]', '...'])) }) },
  { kind: 'structural', label: 'UTF-16', make: (rng, seeds) => ({ name: 'utf16.txt', bytes: concat(Uint8Array.of(0xff, 0xfe), new Uint8Array(Buffer.from(new TextDecoder().decode(rng.pick(seeds).bytes), 'utf16le'))) }) },
];

const draftCommon = {
  timeoutMs: HANG_TIMEOUT_MS,
  tokens: DRAFT_TOKENS,
  magic: ['\uFEFF', 'The ', '[1] '],
  hugeUnits: ['a', 'Go. ', '[1]', '“', 'x [1]: 2 ', '"A." '],
};

// ---------------------------------------------------------------------------------------------------
// HTML and .docx drafts

const HTML_SAMPLE = `<p>The levee held<sup class="reference"><a href="#cite_note-1">[1]</a></sup>. Officials said "it will hold"<sup><a href="#fn2">2</a></sup>.</p>
<div><p>Nobody was warned.<script>alert(1)</script></p></div>
<ol class="references"><li id="cite_note-1">Report, p. 2.</li><li id="fn2">Interview.</li></ol>`;

const htmlSpecial: SpecialMaker[] = [
  { kind: 'deep-nesting', label: 'nested divs', make: () => ({ name: 'nested.html', bytes: nested('<div>', '</div>', DEEP_NESTING, 'Deep [1].') }) },
  { kind: 'deep-nesting', label: 'unclosed sups', make: () => ({ name: 'sups.html', bytes: nested('<sup><a href="#fn1">', '', DEEP_NESTING / 4, '1', true) }) },
  { kind: 'structural', label: 'many footnotes', make: () => ({ name: 'notes.html', bytes: repeatTo(utf8('<p>A<sup><a href="#fn1">1</a></sup>.</p><li id="fn1">n</li>'), 5_000_000) }) },
];

async function docxSeeds(): Promise<FuzzInput[]> {
  const dir = path.join(ROOT, 'node_modules/mammoth/test/test-data');
  return readSeeds(await filesIn(dir, /^(footnotes|endnotes|simple-list|single-paragraph|tables|comments|hyperlinks|empty|utf8-bom|strict-format)\.docx$/));
}

const DOCX_CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const DOCX_RELS = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const docxDocument = (body: string): string =>
  `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;

function docxParts(document: RawEntry): RawEntry[] {
  return [deflatedEntry('[Content_Types].xml', utf8(DOCX_CONTENT_TYPES)), deflatedEntry('_rels/.rels', utf8(DOCX_RELS)), document];
}

/** Size of the zero-filled entries of the zip bombs (MiB): 1 GiB inflated from about 1 MB. */
export const BOMB_MIB = 1024;

const docxSpecial: SpecialMaker[] = [
  { kind: 'zip-bomb', label: 'docx: document.xml inflates to 1 GiB', make: () => ({ name: 'bomb.docx', bytes: rawZip(docxParts(zeroEntry('word/document.xml', BOMB_MIB))) }) },
  {
    kind: 'zip-bomb',
    label: 'docx: headers claim 100 bytes, stream inflates to 1 GiB',
    make: () => ({ name: 'lying.docx', bytes: rawZip(docxParts({ ...zeroEntry('word/document.xml', BOMB_MIB), size: 100 })) }),
  },
  {
    kind: 'zip-bomb',
    label: 'docx: 40 overlapping entries of 256 MiB',
    make: () => {
      const kernel = zeroEntry('word/media/k0.bin', 256);
      const extra: RawEntry[] = Array.from({ length: 39 }, (_, i) => ({ ...kernel, name: `word/media/k${i + 1}.bin`, shareLocalOf: 3 }));
      return { name: 'overlap.docx', bytes: rawZip([...docxParts(deflatedEntry('word/document.xml', utf8(docxDocument('<w:p><w:r><w:t>Hi [1].</w:t></w:r></w:p>')))), kernel, ...extra]) };
    },
  },
  {
    kind: 'deep-nesting',
    label: 'docx: 100k nested elements',
    make: () => ({ name: 'deep.docx', bytes: rawZip(docxParts(deflatedEntry('word/document.xml', utf8(docxDocument(`<w:p><w:r>${'<w:t>'.repeat(DEEP_NESTING)}x${'</w:t>'.repeat(DEEP_NESTING)}</w:r></w:p>`))))) }),
  },
  {
    kind: 'zip-in-zip',
    label: 'docx: nested docx 20 levels deep',
    make: (rng, seeds) => {
      let inner = rng.pick(seeds).bytes;
      for (let i = 0; i < 20; i++) inner = zipFiles({ 'word/document.xml': utf8(docxDocument('<w:p><w:r><w:t>Outer [1].</w:t></w:r></w:p>')), '[Content_Types].xml': utf8(DOCX_CONTENT_TYPES), '_rels/.rels': utf8(DOCX_RELS), 'word/embeddings/inner.docx': inner });
      return { name: 'nested.docx', bytes: inner };
    },
  },
];

// ---------------------------------------------------------------------------------------------------
// Transcripts

async function transcriptSeeds(): Promise<FuzzInput[]> {
  const dir = path.join(SHARED_DIR, 'conformance/webvtt-file-parsing/support');
  const out: FuzzInput[] = [];
  for (const f of await filesIn(dir, /\.(vtt|test)$/)) {
    const text = await readFile(f, 'utf8');
    const body = f.endsWith('.test') ? text.slice(text.indexOf('===\n') + 4) : text;
    out.push({ name: path.basename(f).replace(/\.test$/, '.vtt'), bytes: utf8(body) });
  }
  out.push(
    { name: 'interview.srt', bytes: utf8('1\n00:00:00,000 --> 00:00:02,500\nThe levee held.\n\n2\n00:00:02,500 --> 00:00:05,000\n<i>It did not.</i>\n') },
    { name: 'whisper.json', bytes: utf8(JSON.stringify({ text: ' The levee held. It did not.', segments: [{ id: 0, start: 0, end: 2.5, text: ' The levee held.' }, { id: 1, start: 2.5, end: 5, text: ' It did not.' }] })) },
    { name: 'notes.txt', bytes: utf8('[00:00:00] Ana: The levee held.\n[00:00:02] Bo: It did not.\n(00:01:10) Ana: Are you sure?\n') },
    // Word timings: Whisper's words (one untimed, one not in the text) and WebVTT inline timestamps.
    {
      name: 'whisper-words.json',
      bytes: utf8(
        JSON.stringify({
          segments: [
            { id: 0, start: 0, end: 2.5, text: ' The levee held.', words: [{ word: ' The', start: 0, end: 0.4 }, { word: ' levee', start: 0.4, end: 1.1 }, { word: ' held.', start: 1.1, end: 2.4 }] },
            { id: 1, start: 2.5, end: 5, text: ' It did not.', words: [{ word: ' It', start: null, end: 2.8 }, { word: ' never', start: 2.8, end: 3 }, { word: ' did', start: 3, end: 3.6 }, { word: ' not.', start: 3.6, end: 4.9 }] },
          ],
        }),
      ),
    },
    { name: 'karaoke.vtt', bytes: utf8('WEBVTT\n\n00:00:00.000 --> 00:00:02.500\n<v Ana>The <00:00:00.400>levee <00:00:01.100>held.\n\n00:00:02.500 --> 00:00:05.000\nIt <00:00:02.800><c>did</c> <00:00:03.600>not.\n') },
  );
  return out;
}

const transcriptSpecial: SpecialMaker[] = [
  { kind: 'deep-nesting', label: 'JSON arrays 100k deep', make: (rng) => ({ name: rng.pick(['deep.json', 'deep.txt']), bytes: nested('[', ']', DEEP_NESTING) }) },
  { kind: 'deep-nesting', label: 'JSON objects 100k deep', make: () => ({ name: 'deep-objects.json', bytes: nested('{"segments":', '}', DEEP_NESTING, '[]') }) },
  { kind: 'deep-nesting', label: 'nested WebVTT tags', make: () => ({ name: 'tags.vtt', bytes: concat(utf8('WEBVTT\n\n00:00.000 --> 00:01.000\n'), nested('<b><i><u><c.x><v A>', '</v></c></u></i></b>', DEEP_NESTING / 5, 'x')) }) },
  { kind: 'structural', label: 'more cues than the limit', make: () => ({ name: 'many.vtt', bytes: concat(utf8('WEBVTT\n\n'), repeatTo(utf8('00:00.000 --> 00:00.001\nx\n\n'), 28 * 520_000)) }) },
  { kind: 'structural', label: 'SRT with huge numbers', make: (rng) => ({ name: 'huge.srt', bytes: utf8(`${'9'.repeat(rng.range(20, 400))}\n99999999999:59:59,999 --> 99999999999:59:60,999\nx\n`) }) },
  { kind: 'structural', label: 'Whisper JSON with odd values', make: (rng) => ({ name: 'odd.json', bytes: utf8(JSON.stringify({ segments: [{ start: rng.pick([-1, 1e308, null, '1', NaN]), end: rng.pick([0, Infinity, -0, [], {}]), text: rng.pick([null, 5, '', 'x'.repeat(1000)]) }] }).replace('null', rng.pick(['null', '1e999', '-1e999']))) }) },
  { kind: 'structural', label: 'UTF-16 with bad surrogates', make: () => ({ name: 'bad16.vtt', bytes: Uint8Array.of(0xff, 0xfe, 0x57, 0, 0x45, 0, 0x00, 0xd8, 0x41, 0) }) },
];

// ---------------------------------------------------------------------------------------------------
// PDFs

async function pdfSeeds(): Promise<FuzzInput[]> {
  return readSeeds(await filesIn(path.join(SHARED_DIR, 'conformance/pdfjs-corpus'), /\.pdf$/i));
}

/** A one-page PDF whose page content is `content` (uncompressed unless `filter` is given), xref offsets correct. */
export function pdfWith(content: Uint8Array, filter: string | null = null, extraPage = ''): Uint8Array {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [3 0 R] /Count 1 >>`,
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> ${extraPage}>>`,
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const parts: Uint8Array[] = [utf8('%PDF-1.7\n')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objs.forEach((o, i) => {
    offsets.push(at);
    const body = o === null ? concat(utf8(`${i + 1} 0 obj\n<< /Length ${content.length}${filter ? ` /Filter /${filter}` : ''} >>\nstream\n`), content, utf8('\nendstream\nendobj\n')) : utf8(`${i + 1} 0 obj\n${o}\nendobj\n`);
    parts.push(body);
    at += body.length;
  });
  const xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`;
  return concat(...parts, utf8(xref));
}

const pdfSpecial: SpecialMaker[] = [
  { kind: 'deep-nesting', label: 'PDF: arrays 100k deep in a content stream', make: () => ({ name: 'deep-array.pdf', bytes: pdfWith(concat(utf8('BT /F1 12 Tf 72 720 Td '), nested('[', ']', DEEP_NESTING, '(x)'), utf8(' TJ ET'))) }) },
  { kind: 'deep-nesting', label: 'PDF: dictionaries 100k deep in a page', make: () => ({ name: 'deep-dict.pdf', bytes: pdfWith(utf8('BT /F1 12 Tf 72 720 Td (Hi) Tj ET'), null, `/X ${'<< /A '.repeat(DEEP_NESTING)}1${' >>'.repeat(DEEP_NESTING)} `) }) },
  { kind: 'deep-nesting', label: 'PDF: 100k nested q/BT operators', make: () => ({ name: 'deep-q.pdf', bytes: pdfWith(nested('q BT ', 'ET Q ', DEEP_NESTING, '/F1 12 Tf (x) Tj ')) }) },
  { kind: 'zip-bomb', label: 'PDF: FlateDecode content stream inflating to 1 GiB', make: () => ({ name: 'flate-bomb.pdf', bytes: pdfWith(concat(Uint8Array.of(0x78, 0x9c), zerosDeflated(BOMB_MIB)), 'FlateDecode') }) },
  { kind: 'structural', label: 'PDF: page tree claiming a billion pages', make: () => ({ name: 'pages.pdf', bytes: utf8(new TextDecoder().decode(pdfWith(utf8('BT (x) Tj ET'))).replace('/Count 1', '/Count 1000000000')) }) },
  { kind: 'structural', label: 'PDF: text of a million Tj operators', make: () => ({ name: 'many-tj.pdf', bytes: pdfWith(concat(utf8('BT /F1 1 Tf '), repeatTo(utf8('(ab) Tj '), 8_000_000), utf8('ET'))) }) },
];

// ---------------------------------------------------------------------------------------------------
// Packets and ledgers

interface PacketFixture {
  zip: Uint8Array;
  files: Map<string, Uint8Array>;
  lines: string[];
}
let packetFixture: Promise<PacketFixture[]> | null = null;

/** Two real packets (with and without source files), built with the packet tests' fixture under the fixed fuzz key (fuzz/packets.ts); cached. */
export function packetFixtures(): Promise<PacketFixture[]> {
  packetFixture ??= (async () => {
    const out: PacketFixture[] = [];
    for (const includeSources of [false, true]) {
      const p = await fuzzPacket({ includeSources });
      out.push({ zip: p.zip, files: new Map(Object.entries(unzipSync(p.zip))), lines: p.lines });
    }
    return out;
  })();
  return packetFixture;
}

function forge(files: Map<string, Uint8Array>): Uint8Array {
  return zipFiles(Object.fromEntries(recomputeManifests(files)));
}

let forged: Promise<Record<string, Uint8Array>> | null = null;

/** Packets whose manifests are recomputed after a bad file was put in (so the bad file reaches its parser). */
function forgedPackets(): Promise<Record<string, Uint8Array>> {
  forged ??= (async () => {
    const [base] = await packetFixtures();
    const files = base!.files;
    const out: Record<string, Uint8Array> = {};
    const put = (name: string, file: string, bytes: Uint8Array): void => {
      out[name] = forge(new Map([...files, [file, bytes]]));
    };
    put('deep-packet-json', 'data/packet.json', nested('[', ']', DEEP_NESTING));
    put('deep-ledger-line', 'data/ledger.jsonl', concat(nested('{"a":', '}', DEEP_NESTING, '1'), utf8('\n')));
    put('deep-checkpoint', 'data/checkpoint.json', nested('{"x":', '}', DEEP_NESTING, '[]'));
    put('huge-ledger-line', 'data/ledger.jsonl', concat(utf8('{"actor":"'), repeatTo(utf8('a'), 5 * 1024 * 1024), utf8('"}\n')));
    const inner = rawZip([zeroEntry('data/bomb.bin', BOMB_MIB)]);
    let nestedZip = base!.zip;
    for (let i = 0; i < 10; i++) nestedZip = zipFiles({ 'bagit.txt': utf8('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'), 'data/inner.zip': nestedZip, 'data/bomb.zip': inner });
    put('zip-in-zip', `data/sources/${'0'.repeat(64)}.zip`, nestedZip);
    return out;
  })();
  return forged;
}

async function packetSeeds(): Promise<FuzzInput[]> {
  const out: FuzzInput[] = (await packetFixtures()).map((p, i) => ({ name: `packet-${i}.zip`, bytes: p.zip }));
  for (const version of ['v1.0', 'v0.97']) {
    for (const group of ['valid', 'invalid', 'warning']) {
      const dir = path.join(SHARED_DIR, 'conformance/bagit-conformance', version, group);
      if (!existsSync(dir)) continue;
      for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (!entry.isDirectory()) continue;
        const bag = entry.name;
        const files: Record<string, Uint8Array> = {};
        const walk = async (d: string, prefix: string): Promise<void> => {
          for (const e of await readdir(d, { withFileTypes: true })) {
            if (e.isDirectory()) await walk(path.join(d, e.name), `${prefix}${e.name}/`);
            else if (e.isFile()) files[`${prefix}${e.name}`] = new Uint8Array(await readFile(path.join(d, e.name)));
          }
        };
        await walk(path.join(dir, bag), '');
        out.push({ name: `bagit-${version}-${group}-${bag}.zip`, bytes: zipFiles(files) });
      }
    }
  }
  for (const [name, bytes] of Object.entries(await forgedPackets())) out.push({ name: `${name}.zip`, bytes });
  return out;
}

/**
 * Seeds of the store import: the real packets only (the fixture's, the ones that are held by, diverge
 * from or extend the existing workspace, and the forged ones), so that mutations start from packets that
 * can reach the store; the BagIt conformance bags stop at readPacket and are the packet importer's.
 */
async function packetStoreSeeds(): Promise<FuzzInput[]> {
  const out: FuzzInput[] = (await packetFixtures()).map((p, i) => ({ name: `packet-${i}.zip`, bytes: p.zip }));
  for (const [name, bytes] of Object.entries(await relatedPackets())) out.push({ name: `${name}.zip`, bytes });
  for (const [name, bytes] of Object.entries(await forgedPackets())) out.push({ name: `${name}.zip`, bytes });
  return out;
}

/** Tokens spliced into a packet's data files by the forging maker. */
const PACKET_FILE_TOKENS = ['{', '}', '[', ']', '"', ',', '\n', '"seq":', '"size":', '"type":"workspace.created"', '"workspace":', '"sha256":', '-1', '1e400', '\u0000', '\\u0000'];

/** A real packet with one of its files mutated and its manifests recomputed, as a forger would: the mutation reaches verification (and the store, when it survives it). */
function forgedMutation(rng: Rng, seeds: readonly FuzzInput[]): FuzzInput {
  const seed = rng.pick(seeds);
  let files: Map<string, Uint8Array>;
  try {
    files = new Map(Object.entries(unzipSync(seed.bytes)));
  } catch {
    return { name: seed.name, bytes: seed.bytes };
  }
  const names = [...files.keys()].filter((n) => n.startsWith('data/') || n === 'bag-info.txt').sort();
  if (names.length === 0) return { name: seed.name, bytes: seed.bytes };
  const target = rng.pick(names);
  const bytes = files.get(target)!;
  const how = rng.int(3);
  files.set(target, how === 0 ? flipBits(rng, bytes) : how === 1 ? truncate(rng, bytes) : insertDelete(rng, bytes, PACKET_FILE_TOKENS));
  return { name: `forged-${target.replace(/[^A-Za-z0-9.]+/g, '-')}.zip`, bytes: forge(files) };
}

/** How a packet rejection must say where: the zip, an entry, a bag file, the packet, its ledger or checkpoint. */
const PACKET_RULE: LocatorRule = { fileName: false, locator: /zip|archive|entry|bagit\.txt|bag-info\.txt|manifest|fetch\.txt|data\/|\bbag\b|"[^"]+"|packet|ledger|checkpoint/i };

const packetSpecial: SpecialMaker[] = [
  { kind: 'zip-bomb', label: 'packet: entry of 1 GiB of zeros (honest headers)', make: () => ({ name: 'bomb.zip', bytes: rawZip([deflatedEntry('bagit.txt', utf8('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n')), zeroEntry('data/zeros.bin', BOMB_MIB)]) }) },
  {
    kind: 'zip-bomb',
    label: 'packet: headers claim 100 bytes, stream inflates to 1 GiB',
    make: () => ({ name: 'lying-small.zip', bytes: rawZip([{ ...zeroEntry('data/zeros.bin', BOMB_MIB), size: 100 }]) }),
  },
  {
    kind: 'zip-bomb',
    label: 'packet: headers claim 3.9 GB',
    make: (rng) => ({ name: 'lying-big.zip', bytes: rawZip([{ ...deflatedEntry('data/x.bin', utf8('tiny')), size: rng.pick([0xfffffffe, 0xf0000000, 0x7fffffff, 0x40000001]) }]) }),
  },
  {
    kind: 'zip-bomb',
    label: 'packet: 20 overlapping entries of 199 MiB (ratio below the limit)',
    make: () => {
      // One kernel of zeros whose declared compressed size is padded to keep the ratio under 200:1; 20
      // central records point at its one local header. Honest per entry, 3.9 GiB in all.
      const mib = 199;
      const deflated = zerosDeflated(mib);
      const declared = Math.ceil((mib * 1024 * 1024) / 199);
      const data = concat(deflated, new Uint8Array(declared - deflated.length));
      const kernel: RawEntry = { name: 'data/k00.bin', data, method: 8, crc: zerosCrc(mib), size: mib * 1024 * 1024, compressedSize: declared };
      const rest: RawEntry[] = Array.from({ length: 19 }, (_, i) => ({ ...kernel, name: `data/k${String(i + 1).padStart(2, '0')}.bin`, shareLocalOf: 0 }));
      return { name: 'overlap.zip', bytes: rawZip([kernel, ...rest]) };
    },
  },
  {
    kind: 'zip-bomb',
    label: 'packet: directory claims 65535 entries',
    make: (rng, seeds) => {
      const z = rng.pick(seeds).bytes.slice();
      const eocd = z.length - 22;
      if (eocd > 0) z.set([0xff, 0xfe, 0xff, 0xfe], eocd + 8);
      return { name: 'count.zip', bytes: z };
    },
  },
  {
    kind: 'zip-in-zip',
    label: 'packet: zip inside a zip, 30 levels',
    make: (rng, seeds) => {
      let z = rng.pick(seeds).bytes;
      for (let i = 0; i < 30; i++) z = zipFiles({ 'data/inner.zip': z });
      return { name: 'nested.zip', bytes: z };
    },
  },
  {
    kind: 'structural',
    label: 'packet: path traversal and links',
    make: (rng) => ({
      name: 'paths.zip',
      bytes: rawZip([deflatedEntry(rng.pick(['../evil.txt', '/etc/passwd', 'data/../../x', 'C:\\x', 'data//x', 'data/\u0000x', 'DATA/X', '~/x', 'data/' + 'a'.repeat(2000)]), utf8('x'))]),
    }),
  },
];

const packetStoreSpecial: SpecialMaker[] = [
  ...packetSpecial,
  // As many forged mutations as hostile zips: they are what gets past the zip layer to verification and the store.
  ...packetSpecial.map((): SpecialMaker => ({ kind: 'structural', label: 'packet: a data file mutated, manifests recomputed', make: forgedMutation })),
];

async function ledgerSeeds(): Promise<FuzzInput[]> {
  const out: FuzzInput[] = (await packetFixtures()).slice(0, 1).map((p) => ({ name: 'ledger.jsonl', bytes: utf8(p.lines.join('\n') + '\n') }));
  for (const f of await filesIn(path.join(SHARED_DIR, 'conformance/rfc8785-jcs/output'), /\.json$/)) {
    out.push({ name: `jcs-${path.basename(f)}l`, bytes: concat(new Uint8Array(await readFile(f)), utf8('\n')) });
  }
  return out;
}

const ledgerSpecial: SpecialMaker[] = [
  { kind: 'deep-nesting', label: 'ledger: arrays 100k deep', make: () => ({ name: 'deep.jsonl', bytes: concat(nested('[', ']', DEEP_NESTING), utf8('\n')) }) },
  { kind: 'deep-nesting', label: 'ledger: payload 100k deep', make: () => ({ name: 'deep-payload.jsonl', bytes: utf8(`{"actor":"a","payload":${'{"a":'.repeat(DEEP_NESTING)}1${'}'.repeat(DEEP_NESTING)},"seq":0,"time":"2025-01-01T00:00:00Z","type":"workspace.renamed"}\n`) }) },
  { kind: 'structural', label: 'ledger: a million empty lines', make: () => ({ name: 'lines.jsonl', bytes: repeatTo(utf8('\n'), 1_000_000) }) },
  {
    kind: 'structural',
    label: 'ledger: out-of-order and duplicate seqs',
    make: (rng, seeds) => {
      const lines = new TextDecoder().decode(rng.pick(seeds).bytes).split('\n').filter(Boolean);
      for (let i = 0; i < 4; i++) {
        const a = rng.int(lines.length);
        const b = rng.int(lines.length);
        const t = lines[a]!;
        lines[a] = lines[b]!;
        lines[b] = t;
      }
      return { name: 'shuffled.jsonl', bytes: utf8(lines.join('\n') + '\n') };
    },
  },
];

// ---------------------------------------------------------------------------------------------------
// Reference lists

const CSL_SAMPLE = JSON.stringify([
  { id: 'levee1927', type: 'report', title: 'Report on the Mississippi flood', author: [{ family: 'Smith', given: 'J. R.' }], issued: { 'date-parts': [[1927, 5]] }, DOI: '10.1000/xyz123', page: '2-14' },
  { id: 'interview', type: 'interview', title: 'Interview with Ana', author: [{ literal: 'Flood Archive' }], issued: { raw: 'spring 1928' } },
], null, 2);
const BIB_SAMPLE = `@string{ms = "Mississippi"}
% a comment
@report{levee1927,
  author = {Smith, J. R. and {Army Corps of Engineers}},
  title = {Report on the {\\"U}ber-flood of the } # ms,
  year = 1927, month = may, pages = {2--14}, doi = {https://doi.org/10.1000/xyz123},
}
@article{b, title = "A {{nested}} title", journal = {J. Floods}, year = {1928}}
`;

const referenceSpecial: SpecialMaker[] = [
  { kind: 'deep-nesting', label: 'CSL-JSON arrays 100k deep', make: () => ({ name: 'deep.json', bytes: nested('[', ']', DEEP_NESTING) }) },
  { kind: 'deep-nesting', label: 'CSL-JSON objects 100k deep', make: () => ({ name: 'deep-objects.json', bytes: concat(utf8('[{"id":"a","type":"book","title":'), nested('{"a":', '}', DEEP_NESTING, '1'), utf8('}]')) }) },
  { kind: 'deep-nesting', label: 'BibTeX braces 100k deep', make: () => ({ name: 'deep.bib', bytes: concat(utf8('@book{k, title = '), nested('{', '}', DEEP_NESTING, 'x'), utf8('}\n')) }) },
  { kind: 'deep-nesting', label: 'BibTeX unclosed braces', make: () => ({ name: 'open.bib', bytes: concat(utf8('@book{k, title = '), nested('{', '', DEEP_NESTING, 'x', true)) }) },
  { kind: 'structural', label: 'BibTeX macros referring to each other', make: () => ({ name: 'macros.bib', bytes: utf8(Array.from({ length: 12_000 }, (_, i) => `@string{m${i} = m${i > 0 ? i - 1 : 0} # m${i > 0 ? i - 1 : 0}}`).join('\n') + '\n@book{k, title = m11999}\n') }) },
  { kind: 'structural', label: 'CSL-JSON with too many items', make: () => ({ name: 'many.json', bytes: concat(utf8('['), repeatTo(utf8('{"id":"x","type":"book"},'), 25 * 25_000), utf8('{"id":"y","type":"book"}]')) }) },
];

// ---------------------------------------------------------------------------------------------------

const FILE_RULE: LocatorRule = { fileName: true };

/** Every importer the campaign knows; `available` is false for one whose module does not exist yet. */
export function importerSpecs(): (ImporterSpec & { available: boolean })[] {
  const has = (p: string): boolean => existsSync(path.join(ROOT, p));
  return [
    {
      name: 'draft', entry: 'shared/draft/rows.ts createDraftRows → parseDraft (+ store commit)', module: adapter('draft.ts'), weight: 14, ...draftCommon,
      namedErrors: [], rule: FILE_RULE, seeds: draftSeeds, special: draftSpecial, available: has('shared/draft/rows.ts'),
    },
    {
      name: 'draft-file', entry: 'cli/read-input.ts readTextFile → createDraftRows (audit)', module: adapter('draft-file.ts'), weight: 8, ...draftCommon,
      namedErrors: ['UsageError'], rule: FILE_RULE, seeds: draftSeeds, special: draftSpecial, available: has('cli/read-input.ts'),
    },
    {
      name: 'draft-html', entry: 'renderer/src/import/html.ts htmlToDraftText → createDraftRows (+ store)', module: adapter('draft-html.ts'), weight: 5,
      timeoutMs: HANG_TIMEOUT_MS, namedErrors: [], rule: { fileName: false, locator: /pasted (?:HTML|draft)/i },
      seeds: async () => [{ name: 'sample.html', bytes: utf8(HTML_SAMPLE) }, ...(await draftSeeds())],
      tokens: ['<sup>', '</sup>', '<a href="#fn1">', '</a>', '<p>', '<li id="fn1">', '<ol>', '<!--', '<script>', '&amp;', '&#0;', '<![CDATA[', '<br>'],
      magic: ['<!doctype html>', '<html><body>', '<p>'], hugeUnits: ['a', '<b>', '<sup>1</sup>', '&amp;'], special: htmlSpecial, available: has('renderer/src/import/html.ts'),
    },
    {
      name: 'draft-docx', entry: 'renderer/src/import/docx.ts docxToDraftText (mammoth) → createDraftRows (+ store)', module: adapter('draft-docx.ts'), weight: 6,
      timeoutMs: HANG_TIMEOUT_MS, namedErrors: [], rule: FILE_RULE, seeds: docxSeeds,
      tokens: ['PK\u0003\u0004', 'PK\u0001\u0002', 'PK\u0005\u0006', '<w:t>', '</w:p>'], magic: ['PK\u0003\u0004'], hugeUnits: ['PK', 'a'], special: docxSpecial, available: has('renderer/src/import/docx.ts'),
    },
    {
      name: 'pdf', entry: 'cli/pdf/extract.ts extractPdf (+ store commit)', module: adapter('pdf.ts'), weight: 6, timeoutMs: PDF_HANG_TIMEOUT_MS,
      namedErrors: ['PdfPasswordError', 'UnreadablePdfError', 'PdfLimitError'], rule: FILE_RULE, seeds: pdfSeeds,
      tokens: ['obj', 'endobj', 'stream\n', 'endstream', 'xref', 'trailer', 'startxref', '<<', '>>', '[', ']', '/Length 99999999', '/Filter /FlateDecode', 'BT', 'ET', 'Tj', '%%EOF', '/Encrypt', '0 0 R'],
      magic: ['%PDF-1.7\n', '%PDF-2.0\n%\u00e2\u00e3\n'], hugeUnits: ['a', '[', '<<', '(', '0 '], special: pdfSpecial, available: has('cli/pdf/extract.ts'),
    },
    {
      name: 'transcript', entry: 'shared/transcript/index.ts parseTranscript (+ store commit)', module: adapter('transcript.ts'), weight: 22, timeoutMs: HANG_TIMEOUT_MS,
      namedErrors: [], rule: FILE_RULE, seeds: transcriptSeeds,
      tokens: ['WEBVTT', '-->', '\n\n', '00:00:00.000', '99:59:59.999', '<v Ana>', '</v>', '<b>', '&amp;', 'NOTE', 'STYLE', 'REGION', '{', '"segments":', '"start":', '[', ']', ',', '\r'],
      magic: ['WEBVTT\n\n', '1\n00:00:00,000 --> ', '{"segments":[', '[00:00:01] '], hugeUnits: ['a', '<b>', '-->', '00:00.000 ', '[', '{"a":'], special: transcriptSpecial,
      names: ['x.vtt', 'x.srt', 'x.json', 'x.txt', 'x.webvtt', 'X.VTT'], available: has('shared/transcript/index.ts'),
    },
    {
      name: 'references', entry: 'shared/references parseCslJson (.json) / parseBibtex (.bib)', module: adapter('references.ts'), weight: 10, timeoutMs: HANG_TIMEOUT_MS,
      namedErrors: [], rule: FILE_RULE, seeds: () => Promise.resolve([{ name: 'refs.json', bytes: utf8(CSL_SAMPLE) }, { name: 'refs.bib', bytes: utf8(BIB_SAMPLE) }]),
      tokens: ['{', '}', '[', ']', '"', '@string{', '@book{', ' # ', '\\', '"date-parts":', '"author":', ',', '=', '%'], magic: ['[', '@article{'],
      hugeUnits: ['a', '{', '[', '@', ' # '], special: referenceSpecial, names: ['x.json', 'x.bib'],
      available: has('shared/references/csl.ts') && has('shared/references/bibtex.ts'),
    },
    {
      name: 'packet', entry: 'shared/packet readPacket + verifyPacket', module: adapter('packet.ts'), weight: 18, timeoutMs: HANG_TIMEOUT_MS, namedErrors: [],
      rule: PACKET_RULE, seeds: packetSeeds,
      tokens: ['PK\u0003\u0004', 'PK\u0001\u0002', 'PK\u0005\u0006', '../', 'data/', '\u0000'], magic: ['PK\u0003\u0004', 'PK\u0005\u0006'], hugeUnits: ['PK\u0005\u0006', 'a'],
      special: packetSpecial, available: has('shared/packet/packet.ts'),
    },
    {
      name: 'packet-store', entry: 'renderer/src/packet/import.ts importPacket (new workspace) + continueFromPacket (existing workspace), Dexie on fake-indexeddb',
      module: adapter('packet-store.ts'), weight: 12, timeoutMs: HANG_TIMEOUT_MS, namedErrors: [], rule: PACKET_RULE, seeds: packetStoreSeeds,
      tokens: ['PK\u0003\u0004', 'PK\u0001\u0002', 'PK\u0005\u0006', '../', 'data/', '\u0000', '"seq":', '"type":', 'Payload-Oxum: '], magic: ['PK\u0003\u0004', 'PK\u0005\u0006'], hugeUnits: ['PK\u0005\u0006', 'a'],
      special: packetStoreSpecial, specialWeight: 30, available: has('renderer/src/packet/import.ts') && has('renderer/src/store/import-ledger.ts'),
    },
    {
      name: 'ledger', entry: 'shared/packet parseLedger → shared/ledger/entry.ts fromEntryLine', module: adapter('ledger.ts'), weight: 16, timeoutMs: HANG_TIMEOUT_MS, namedErrors: [],
      rule: { fileName: false, locator: /ledger\.jsonl|line \d+|entry \d+/ }, seeds: ledgerSeeds,
      tokens: ['\n', '{', '}', '"seq":', '"type":"draft.imported"', '"payload":', '\\u0000', '1e400', '-0', '"', ','], magic: ['{"actor":'], hugeUnits: ['a', '{"a":', '['],
      special: ledgerSpecial, available: has('shared/packet/packet.ts') && has('shared/ledger/entry.ts'),
    },
  ];
}
