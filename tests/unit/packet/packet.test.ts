import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toHex, toUtf8 } from '../../../shared/hash.ts';
import { toCanonicalJson } from '../../../shared/ledger/canonical.ts';
import { openBagZip, zipFiles } from '../../../shared/packet/bagit.ts';
import { PACKET_PATHS, openPacket, readPacket } from '../../../shared/packet/packet.ts';
import { PACKET_CHECKS, verifyPacket } from '../../../shared/packet/verify.ts';
import { fixturePacket, recomputeManifests, signLines } from './build.ts';
import { makeKey } from './fixture.ts';

const decoder = new TextDecoder();

function filesOf(zip: Uint8Array): Map<string, Uint8Array> {
  const opened = openBagZip(zip);
  if (!opened.ok) throw new Error(opened.error);
  return opened.value.files;
}

describe('buildPacket and readPacket', () => {
  it('lays out exactly the DESIGN.md packet', async () => {
    const { zip, fixture } = await fixturePacket({ includeSources: true });
    const sha = fixture.sources[0]!.sha256;
    expect([...filesOf(zip).keys()].sort()).toEqual(
      [
        'bag-info.txt', 'bagit.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt', 'verify.html',
        'data/annotations.jsonld', 'data/checkpoint.json', 'data/claims.csv', 'data/ledger.jsonl', 'data/packet.json',
        'data/report.html', 'data/report.md', `data/sources/${sha}.pdf`, `data/texts/${sha}.json`,
      ].sort(),
    );
  });
  it('reads back with validated contents and no warnings', async () => {
    const { zip, lines, checkpoint } = await fixturePacket();
    const r = readPacket(zip);
    expect(r.ok ? r.value.warnings : r.error).toEqual([]);
    if (!r.ok) return;
    expect(r.value.packet.type).toBe('provenance-desk-packet');
    expect(r.value.packet.version).toBe(1);
    expect(r.value.ledger.lines).toEqual(lines);
    expect(decoder.decode(r.value.bag.files.get(PACKET_PATHS.ledger))).toBe(lines.join('\n') + '\n');
    expect(r.value.checkpoint.root).toBe(checkpoint.root);
    expect(r.value.checkpoint.inclusion.map((p) => p.index)).toEqual([6, 7]);
    expect(r.value.texts.size).toBe(1);
    expect(r.value.sourceFiles.size).toBe(0);
  });
  it('gives the same bytes for the same state', async () => {
    const key = await makeKey();
    const a = await fixturePacket({ key });
    const b = await fixturePacket({ key });
    // Ed25519 signatures are deterministic (RFC 8032), so the whole zip is.
    expect(toHex(a.zip)).toBe(toHex(b.zip));
  });
  it('reports progress', async () => {
    const seen: number[] = [];
    await fixturePacket({ onProgress: (p) => seen.push(p.done / p.total) });
    expect(seen.length).toBeGreaterThan(4);
    expect(seen.at(-1)).toBe(1);
  });
  it('passes sha256sum -c on both manifests once unzipped by the system unzip', async () => {
    const { zip } = await fixturePacket({ includeSources: true });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packet-'));
    try {
      fs.writeFileSync(path.join(dir, 'p.zip'), zip);
      fs.mkdirSync(path.join(dir, 'bag'));
      execFileSync('unzip', ['-q', path.join(dir, 'p.zip'), '-d', path.join(dir, 'bag')]);
      const bag = path.join(dir, 'bag');
      const m = execFileSync('sha256sum', ['-c', 'manifest-sha256.txt'], { cwd: bag, encoding: 'utf8' });
      const t = execFileSync('sha256sum', ['-c', 'tagmanifest-sha256.txt'], { cwd: bag, encoding: 'utf8' });
      expect(m).toContain('data/packet.json: OK');
      expect(t).toContain('verify.html: OK');
      expect(`${m}${t}`).not.toMatch(/FAILED/);
      // And a tampered file is caught by the same standard tool.
      fs.appendFileSync(path.join(bag, 'data/ledger.jsonl'), ' ');
      expect(() => execFileSync('sha256sum', ['-c', '--quiet', 'manifest-sha256.txt'], { cwd: bag, stdio: 'pipe' })).toThrow();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('rejects unknown packet versions and unexpected payload files, naming them', async () => {
    const { zip } = await fixturePacket();
    const files = filesOf(zip);
    const pj = JSON.parse(decoder.decode(files.get(PACKET_PATHS.packet))) as Record<string, unknown>;
    const v2 = recomputeManifests(new Map(files).set(PACKET_PATHS.packet, toUtf8(toCanonicalJson({ ...pj, version: 2 }))));
    const r = readPacket({ files: v2 });
    expect(r.ok ? 'accepted' : r.error).toMatch(/data\/packet\.json: unknown packet version 2/);
    const extra = recomputeManifests(new Map(files).set('data/other.bin', toUtf8('x')));
    const e = readPacket({ files: extra });
    expect(e.ok ? 'accepted' : e.error).toMatch(/data\/other\.bin is not a file a packet holds/);
  });
  it('rejects a packet zip with an unsafe or duplicate entry before reading anything', async () => {
    const { zip } = await fixturePacket();
    const files = [...filesOf(zip)].map(([p, bytes]) => ({ path: p, bytes }));
    const evil = zipFiles([...files, { path: '../../escape.txt', bytes: toUtf8('x') }]);
    const r = readPacket(evil);
    expect(r.ok ? 'accepted' : r.error).toMatch(/"\.\.\/\.\.\/escape\.txt"/);
    const dup = zipFiles([...files, { path: 'DATA/packet.json', bytes: toUtf8('{}') }]);
    const d = readPacket(dup);
    expect(d.ok ? 'accepted' : d.error).toMatch(/"DATA\/packet\.json" duplicates "data\/packet\.json"/);
  });
});

describe('verifyPacket', () => {
  it('passes every check on a fresh packet (with and without sources)', async () => {
    for (const includeSources of [false, true]) {
      const { zip } = await fixturePacket({ includeSources });
      const v = await verifyPacket({ files: filesOf(zip) });
      expect(v.firstFailure).toBeNull();
      expect(v.ok).toBe(true);
      expect(v.version).toBe(1);
      expect(v.checks.map((c) => c.name)).toEqual(PACKET_CHECKS.filter((n) => n !== 'previous-packet'));
    }
  });

  const targets = [PACKET_PATHS.ledger, PACKET_PATHS.packet, PACKET_PATHS.checkpoint];
  it('fails when any single byte of ledger.jsonl, packet.json or checkpoint.json is flipped (exhaustive)', async () => {
    const { zip } = await fixturePacket();
    const files = filesOf(zip);
    let flips = 0;
    for (const target of targets) {
      const original = files.get(target)!;
      for (let i = 0; i < original.length; i++) {
        const bytes = original.slice();
        bytes[i] = bytes[i]! ^ 0x01;
        const v = await verifyPacket({ files: new Map(files).set(target, bytes) }, { failFast: true });
        if (v.ok) throw new Error(`flipping byte ${i} of ${target} was not detected`);
        expect(v.firstFailure?.name).toBe('bag');
        flips++;
      }
    }
    expect(flips).toBeGreaterThan(3000);
  });
  const firstFailures = new Map<string, number>();
  for (const target of targets) {
    it(`still fails, on the ledger, signature or contents, when ${target} has a byte flipped and the manifests are recomputed (exhaustive)`, async () => {
      const { zip } = await fixturePacket();
      const files = filesOf(zip);
      const original = files.get(target)!;
      for (let i = 0; i < original.length; i++) {
        const bytes = original.slice();
        bytes[i] = bytes[i]! ^ 0x01;
        const forged = recomputeManifests(new Map(files).set(target, bytes));
        const v = await verifyPacket({ files: forged }, { failFast: true });
        if (v.ok) throw new Error(`flipping byte ${i} of ${target} (manifests recomputed) was not detected`);
        if (v.firstFailure?.name === 'bag') throw new Error(`recomputed manifests still failed the bag check at byte ${i}: ${v.firstFailure.detail}`);
        firstFailures.set(v.firstFailure!.name, (firstFailures.get(v.firstFailure!.name) ?? 0) + 1);
      }
    });
  }
  it('caught those forgeries with the parsers, the ledger root, the signature and the ledger comparison', () => {
    expect([...firstFailures.keys()]).toEqual(expect.arrayContaining(['packet.json', 'ledger.jsonl', 'checkpoint.json', 'ledger-root', 'packet-vs-ledger']));
  });
  it('fails when the ledger is rewritten and re-signed with another key', async () => {
    const { zip, lines } = await fixturePacket();
    const files = filesOf(zip);
    const forger = await makeKey();
    const cp = await signLines(lines, 'ws-test-1', forger);
    const old = JSON.parse(decoder.decode(files.get(PACKET_PATHS.checkpoint))) as Record<string, unknown>;
    const forged = recomputeManifests(new Map(files).set(PACKET_PATHS.checkpoint, toUtf8(toCanonicalJson({ ...old, ...cp }))));
    const v = await verifyPacket({ files: forged });
    expect(v.firstFailure?.name).toBe('checkpoint-signature');
    expect(v.firstFailure?.detail).toMatch(/not the workspace's|key/);
  });
  it('fails on a tampered source file, a changed report, or a quote moved in its text', async () => {
    const { zip, fixture } = await fixturePacket({ includeSources: true });
    const files = filesOf(zip);
    const sha = fixture.sources[0]!.sha256;
    const src = recomputeManifests(new Map(files).set(`data/sources/${sha}.pdf`, toUtf8('other bytes')));
    expect((await verifyPacket({ files: src })).firstFailure).toMatchObject({ name: 'source-files' });
    const report = recomputeManifests(new Map(files).set(PACKET_PATHS.reportHtml, toUtf8('<p>all fine</p>')));
    expect((await verifyPacket({ files: report })).firstFailure).toMatchObject({ name: 'derived-files', detail: expect.stringContaining('data/report.html') });
    const textPath = `data/texts/${sha}.json`;
    const text = JSON.parse(decoder.decode(files.get(textPath))) as { text: string };
    const moved = recomputeManifests(new Map(files).set(textPath, toUtf8(toCanonicalJson({ ...text, text: ' ' + text.text.slice(1) }))));
    expect((await verifyPacket({ files: moved })).firstFailure).toMatchObject({ name: 'texts' });
  });
  it('names the first failure and lists every check when not failing fast', async () => {
    const { zip } = await fixturePacket();
    const files = filesOf(zip);
    const bytes = files.get(PACKET_PATHS.ledger)!.slice();
    bytes[10] = bytes[10]! ^ 0x01;
    const v = await verifyPacket({ files: new Map(files).set(PACKET_PATHS.ledger, bytes) });
    expect(v.ok).toBe(false);
    expect(v.firstFailure?.name).toBe('bag');
    expect(v.firstFailure?.detail).toMatch(/data\/ledger\.jsonl/);
    expect(v.checks.length).toBeGreaterThan(5);
  });
});

describe('verifyPacket with a previous packet', () => {
  it('proves that the newer ledger only appended to the older one', async () => {
    const key = await makeKey();
    const older = await fixturePacket({ key, count: 7 });
    const newer = await fixturePacket({ key });
    const prev = openPacket(older.zip);
    if (!prev.ok) throw new Error(prev.error);
    const v = await verifyPacket({ files: filesOf(newer.zip) }, { previous: prev.value });
    expect(v.firstFailure).toBeNull();
    expect(v.checks.at(-1)).toMatchObject({ name: 'previous-packet', ok: true });
  });
  it('fails when the packets are swapped (the "newer" one is shorter)', async () => {
    const key = await makeKey();
    const older = await fixturePacket({ key, count: 7 });
    const newer = await fixturePacket({ key });
    const v = await verifyPacket({ files: filesOf(older.zip) }, { previous: { files: filesOf(newer.zip) } });
    expect(v.firstFailure).toMatchObject({ name: 'previous-packet', detail: expect.stringMatching(/longer/) });
  });
  it('fails when history was rewritten and re-signed by the same key', async () => {
    const key = await makeKey();
    const older = await fixturePacket({ key, count: 7 });
    const rewritten = await fixturePacket({
      key,
      mutate: (entries) => entries.map((e) => (e.seq === 3 ? { ...e, time: '2025-03-01T10:03:30.000Z' } : e)),
    });
    expect((await verifyPacket({ files: filesOf(rewritten.zip) })).ok).toBe(true);
    const v = await verifyPacket({ files: filesOf(rewritten.zip) }, { previous: { files: filesOf(older.zip) } });
    expect(v.firstFailure).toMatchObject({ name: 'previous-packet', detail: expect.stringMatching(/entry 3 differs/) });
  });
  it('fails when the older packet belongs to another workspace key', async () => {
    const older = await fixturePacket({ count: 7 });
    const newer = await fixturePacket();
    const v = await verifyPacket({ files: filesOf(newer.zip) }, { previous: { files: filesOf(older.zip) } });
    expect(v.firstFailure?.name).toBe('previous-packet');
  });
});
