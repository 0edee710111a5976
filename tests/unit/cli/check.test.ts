import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../../cli/check/pipeline.ts';
import { writeFileAtomic } from '../../../cli/check/atomic.ts';
import { runCli } from '../../../cli/main.ts';
import { openBagZip } from '../../../shared/packet/bagit.ts';
import { verifyPacket } from '../../../shared/packet/verify.ts';
import type { LedgerEntry } from '../../../shared/types/events.ts';
import type { TextUnit } from '../../../shared/types/text.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SAMPLE = path.join(ROOT, 'resources/sample');
const DRAFT = path.join(SAMPLE, 'draft.txt');
const SOURCES = path.join(SAMPLE, 'sources');

interface ExpectedQuote {
  text: string;
  expect: string;
  ref: string;
  page: string | null;
  pageIndex: number | null;
  cue: number | null;
}
interface Expected {
  claims: { index: number; findings: string[]; quotes: ExpectedQuote[] }[];
}
interface CheckJson {
  version: number;
  packet: string;
  claims: { index: number; findings: string[]; evidence: { sha256: string; units: TextUnit[]; exact: boolean; text: string }[] }[];
}

const expected = JSON.parse(fs.readFileSync(path.join(SAMPLE, 'expected.json'), 'utf8')) as Expected;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-check-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out: () => out.join(''), err: () => err.join('') };
}

async function verifyZip(file: string) {
  const opened = openBagZip(new Uint8Array(fs.readFileSync(file)));
  if (!opened.ok) throw new Error(opened.error);
  return { bag: opened.value, result: await verifyPacket(opened.value) };
}

function ledgerOf(bag: { files: Map<string, Uint8Array> }): LedgerEntry[] {
  const text = new TextDecoder().decode(bag.files.get('data/ledger.jsonl'));
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as LedgerEntry);
}

function entriesIn(folder: string): string[] {
  return fs.readdirSync(folder).sort();
}

describe('provenance-desk check on the sample workspace', () => {
  const out1 = path.join(dir, 'sample.zip');
  let json1: CheckJson;

  it('reports, per claim, the findings of expected.json, and attaches evidence where the quotations really are', async () => {
    const c = capture();
    expect(await runCli(['check', DRAFT, '--sources', SOURCES, '--out', out1, '--json'], c.io)).toBe(0);
    json1 = JSON.parse(c.out()) as CheckJson;
    expect(Object.keys(json1)).toEqual(['version', 'packet', 'claims']);
    expect(json1.version).toBe(1);
    expect(json1.packet).toBe(out1);
    expect(json1.claims.map((cl) => cl.index)).toEqual(expected.claims.map((cl) => cl.index));
    for (const want of expected.claims) {
      const got = json1.claims[want.index]!;
      expect(Object.keys(got)).toEqual(['index', 'findings', 'evidence']);
      expect({ index: want.index, findings: got.findings }).toEqual({ index: want.index, findings: want.findings });
      const foundQuotes = want.quotes.filter((q) => q.expect === 'found');
      expect(got.evidence).toHaveLength(foundQuotes.length);
      for (const [i, q] of foundQuotes.entries()) {
        const ev = got.evidence[i]!;
        expect(Object.keys(ev)).toEqual(['sha256', 'units', 'exact', 'text']);
        expect(ev.exact).toBe(true);
        expect(ev.text.replace(/\s+/gu, ' ')).toBe(q.text);
        if (q.pageIndex !== null) expect(ev.units.map((u) => (u.kind === 'page' ? [u.index, u.label] : null))).toContainEqual([q.pageIndex, q.page]);
        if (q.cue !== null) expect(ev.units.map((u) => (u.kind === 'cue' ? u.index : null))).toContain(q.cue);
      }
    }
    expect(c.err()).toMatch(/reference \[3\]: bound to 3 - On the Origin of Species \(closing words\)\.vtt by its file name/);
    expect(c.err()).toMatch(/reference list references\.json: 3 items/);
    expect(c.err()).toMatch(/wrote .*sample\.zip/);
    expect(entriesIn(dir)).toEqual(['sample.zip']);
  });

  it('writes a packet that verifies (verifyPacket and the verify command), with auto-check evidence and flags in the ledger', async () => {
    const { bag, result } = await verifyZip(out1);
    expect(result.firstFailure).toBeNull();
    expect(result.ok).toBe(true);
    const c = capture();
    expect(await runCli(['verify', out1], c.io)).toBe(0);
    expect(c.out()).toMatch(/every check holds/);

    const entries = ledgerOf(bag);
    expect(entries[0]?.type).toBe('workspace.created');
    expect(entries.map((e) => e.type).filter((t) => t === 'source.added')).toHaveLength(4);
    const attached = entries.flatMap((e) => (e.type === 'evidence.attached' ? [e] : []));
    expect(attached).toHaveLength(8);
    for (const e of attached) {
      expect(e.actor).toBe('auto-check');
      expect(e.payload.evidence).toMatchObject({ relation: 'supports', note: 'quote found by auto-check (exact)', actor: 'auto-check' });
    }
    const bound = entries.flatMap((e) => (e.type === 'reference.bound' ? [e.payload.reference] : []));
    expect(bound.map((r) => r.ref)).toEqual(['1', '2', '3']);
    const sources = entries.flatMap((e) => (e.type === 'source.added' ? [e.payload.source] : []));
    const vtt = sources.find((s) => s.fileName.endsWith('.vtt'))!;
    const wav = sources.find((s) => s.fileName.endsWith('.wav'))!;
    expect(bound.find((r) => r.ref === '3')?.sourceSha256).toBe(vtt.sha256);
    expect(vtt.recordingSha256).toBe(wav.sha256);
    expect(bound.find((r) => r.ref === '1')?.csl).toMatchObject({ id: '1', title: 'Declaration of Independence' });
    const notes = entries.flatMap((e) => (e.type === 'claim.note-set' ? [e.payload.to] : []));
    expect(notes).toHaveLength(3);
    expect(notes.join('\n')).toMatch(/page mismatch: \[1\] cites 4, but the quotation is on printed page 2/);
    expect(notes.join('\n')).toMatch(/possible misquote: .*draft has “never”, source has “not”/);
    expect(notes.join('\n')).toMatch(/quotation not found in any source: “bind up the nation’s wounds”/);
    const last = entries[entries.length - 1]!;
    expect(last.type).toBe('packet.exported');
    if (last.type === 'packet.exported') expect(last.payload).toEqual({ fileName: 'sample.zip', checkpointSize: entries.length, claims: 13, evidence: 8, includesSources: false });
    expect([...bag.files.keys()].some((p) => p.startsWith('data/sources/'))).toBe(false);
  });

  it('run twice gives two different packets that each verify (a new workspace and key each time); --include-sources adds the files', async () => {
    const out2 = path.join(dir, 'sample-2.zip');
    const c = capture();
    expect(await runCli(['check', DRAFT, '--sources', SOURCES, '--out', out2, '--include-sources'], c.io)).toBe(0);
    expect(c.out()).toMatch(/13 claims; 10 quotations: 8 found, 1 possible misquote, 1 not found; 1 page mismatch, 2 uncited, 1 flagged; 8 evidence items attached/);
    expect(c.out()).toMatch(/^claim 3: quote-found, page-mismatch/m);
    const first = await verifyZip(out1);
    const second = await verifyZip(out2);
    expect(second.result.ok).toBe(true);
    expect(first.result.ok).toBe(true);
    const ws1 = ledgerOf(first.bag)[0];
    const ws2 = ledgerOf(second.bag)[0];
    if (ws1?.type !== 'workspace.created' || ws2?.type !== 'workspace.created') throw new Error('no workspace.created');
    expect(ws2.payload.workspace.id).not.toBe(ws1.payload.workspace.id);
    expect(ws2.payload.workspace.publicKey).not.toBe(ws1.payload.workspace.publicKey);
    const included = [...second.bag.files.keys()].filter((p) => p.startsWith('data/sources/')).sort();
    expect(included).toHaveLength(4);
    expect(included.some((p) => p.endsWith('.wav'))).toBe(true);
  });
});

describe('provenance-desk check: writing the packet atomically', () => {
  it('leaves neither OUT nor the temp file when writing fails after the temp file is written', async () => {
    const out = path.join(dir, 'atomic', 'packet.zip');
    fs.mkdirSync(path.dirname(out));
    let seenTemp = '';
    await expect(
      runCheck({
        draft: DRAFT,
        sources: SOURCES,
        out,
        beforeRename: (temp) => {
          seenTemp = temp;
          expect(fs.statSync(temp).size).toBeGreaterThan(1000);
          throw new Error('disk unplugged');
        },
      }),
    ).rejects.toThrow(/packet\.zip: the packet could not be written \(disk unplugged\)/);
    expect(path.basename(seenTemp)).toMatch(/^packet\.zip\.tmp-[0-9a-f]{12}$/);
    expect(entriesIn(path.dirname(out))).toEqual([]);
  });

  it('keeps an existing OUT intact when the replacement fails, and replaces it when it succeeds', async () => {
    const folder = path.join(dir, 'replace');
    fs.mkdirSync(folder);
    const out = path.join(folder, 'p.zip');
    fs.writeFileSync(out, 'old packet');
    await expect(writeFileAtomic(out, new Uint8Array([1, 2, 3]), { beforeRename: () => Promise.reject(new Error('boom')) })).rejects.toThrow(/p\.zip: the packet could not be written \(boom\)/);
    expect(fs.readFileSync(out, 'utf8')).toBe('old packet');
    expect(entriesIn(folder)).toEqual(['p.zip']);
    await writeFileAtomic(out, new Uint8Array([1, 2, 3]));
    expect([...fs.readFileSync(out)]).toEqual([1, 2, 3]);
    expect(entriesIn(folder)).toEqual(['p.zip']);
  });
});

describe('provenance-desk check: bad usage and bad input exit 2 naming the file', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['missing --out', () => ['check', DRAFT, '--sources', SOURCES], /--out PACKET is required/],
    ['missing --sources', () => ['check', DRAFT, '--out', path.join(dir, 'x.zip')], /--sources DIR is required/],
    ['no draft', () => ['check', '--sources', SOURCES, '--out', path.join(dir, 'x.zip')], /expects exactly one DRAFT file/],
    ['unknown option', () => ['check', DRAFT, '--sources', SOURCES, '--out', path.join(dir, 'x.zip'), '--fast'], /unknown option --fast/],
    ['missing sources folder', () => ['check', DRAFT, '--sources', path.join(dir, 'nope'), '--out', path.join(dir, 'x.zip')], /nope: no such sources folder/],
    ['sources is a file', () => ['check', DRAFT, '--sources', DRAFT, '--out', path.join(dir, 'x.zip')], /draft\.txt: the sources folder is not a folder/],
    ['missing draft', () => ['check', path.join(dir, 'absent.txt'), '--sources', SOURCES, '--out', path.join(dir, 'x.zip')], /absent\.txt: no such file/],
    ['empty draft', () => ['check', emptyDraft(), '--sources', SOURCES, '--out', path.join(dir, 'x.zip')], /empty\.txt: the draft is empty/],
    ['draft without sentences', () => ['check', markersOnly(), '--sources', SOURCES, '--out', path.join(dir, 'x.zip')], /markers\.txt: the draft has no sentences/],
    ['OUT in a missing folder', () => ['check', DRAFT, '--sources', SOURCES, '--out', path.join(dir, 'no-dir', 'x.zip')], /x\.zip: cannot write the packet there \(its folder does not exist\)/],
    ['OUT is a folder', () => ['check', DRAFT, '--sources', SOURCES, '--out', dir], /is a folder; give a file name/],
  ];
  function emptyDraft(): string {
    const f = path.join(dir, 'empty.txt');
    fs.writeFileSync(f, '');
    return f;
  }
  function markersOnly(): string {
    const f = path.join(dir, 'markers.txt');
    fs.writeFileSync(f, '[1] [2]\n');
    return f;
  }
  for (const [name, argv, message] of cases) {
    it(name, async () => {
      const before = entriesIn(dir);
      const c = capture();
      expect(await runCli(argv(), c.io)).toBe(2);
      expect(c.err()).toMatch(message);
      expect(c.err()).toMatch(/^provenance-desk check: /m);
      expect(c.out()).toBe('');
      expect(entriesIn(dir).filter((n) => !before.includes(n) && !['empty.txt', 'markers.txt'].includes(n))).toEqual([]);
    });
  }
});

describe('provenance-desk check: a bad source is skipped with a warning, not fatal', () => {
  it('skips a corrupt PDF and a stray file, names them on stderr, and still writes a packet that verifies', async () => {
    const sources = path.join(dir, 'mixed');
    fs.mkdirSync(sources);
    for (const name of fs.readdirSync(SOURCES)) fs.copyFileSync(path.join(SOURCES, name), path.join(sources, name));
    fs.writeFileSync(path.join(sources, '4 - broken.pdf'), '%PDF-1.7\nthis is not a PDF body\n');
    fs.writeFileSync(path.join(sources, 'notes.docx'), 'not a source');
    const out = path.join(dir, 'mixed.zip');
    const c = capture();
    expect(await runCli(['check', DRAFT, '--sources', sources, '--out', out, '--json'], c.io)).toBe(0);
    expect(c.err()).toMatch(/warning: skipped .*4 - broken\.pdf/);
    expect(c.err()).toMatch(/warning: skipped .*notes\.docx: neither a PDF nor a transcript/);
    const json = JSON.parse(c.out()) as CheckJson;
    expect(json.claims.map((cl) => cl.findings)).toEqual(expected.claims.map((cl) => cl.findings));
    expect((await verifyZip(out)).result.ok).toBe(true);
  });
});

describe('provenance-desk check: the real CLI', () => {
  it('spawned: prints the check JSON on stdout, progress on stderr, exits 0, and the packet verifies', async () => {
    const out = path.join(dir, 'spawned.zip');
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'cli/main.ts', 'check', 'resources/sample/draft.txt', '--sources', 'resources/sample/sources', '--out', out, '--json'], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    const json = JSON.parse(stdout) as CheckJson;
    expect(json.claims.map((cl) => cl.findings)).toEqual(expected.claims.map((cl) => cl.findings));
    expect(stderr).toMatch(/quotation 10 of 10/);
    const verified = await promisify(execFile)('npx', ['tsx', 'cli/main.ts', 'verify', out, '--json'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, firstFailure: null });
  });

  it('spawned: exits 2 with a one-line message naming the missing folder', async () => {
    const error = await promisify(execFile)('npx', ['tsx', 'cli/main.ts', 'check', 'resources/sample/draft.txt', '--sources', 'no/such/dir', '--out', path.join(dir, 'never.zip')], { cwd: ROOT }).catch(
      (e: unknown) => e as { code: number; stderr: string },
    );
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).toMatch(/^provenance-desk check: no\/such\/dir: no such sources folder$/m);
    expect(fs.existsSync(path.join(dir, 'never.zip'))).toBe(false);
  });
});
