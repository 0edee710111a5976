import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main.ts';
import { toUtf8 } from '../../../shared/hash.ts';
import { openBagZip, zipFiles } from '../../../shared/packet/bagit.ts';
import { fixturePacket } from '../packet/build.ts';
import { makeKey } from '../packet/fixture.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out: () => out.join(''), err: () => err.join('') };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-verify-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function packetFile(name: string, options: Parameters<typeof fixturePacket>[0] = {}): Promise<string> {
  const { zip } = await fixturePacket(options);
  const file = path.join(dir, name);
  fs.writeFileSync(file, zip);
  return file;
}

describe('provenance-desk verify', () => {
  it('exits 0 and prints every check for a good packet zip', async () => {
    const file = await packetFile('good.zip');
    const c = capture();
    expect(await runCli(['verify', file], c.io)).toBe(0);
    expect(c.out()).toMatch(/ok +ledger-root: /);
    expect(c.out()).toMatch(/every check holds/);
    expect(c.err()).toMatch(/checking checkpoint-signature/);
  });
  it('prints the DESIGN.md JSON shape with --json', async () => {
    const file = await packetFile('good-json.zip');
    const c = capture();
    expect(await runCli(['verify', file, '--json'], c.io)).toBe(0);
    const doc = JSON.parse(c.out()) as { version: number; ok: boolean; checks: { name: string; ok: boolean; detail: string }[]; firstFailure: unknown };
    expect(Object.keys(doc)).toEqual(['version', 'ok', 'checks', 'firstFailure']);
    expect(doc).toMatchObject({ version: 1, ok: true, firstFailure: null });
    expect(doc.checks.every((ch) => Object.keys(ch).join() === 'name,ok,detail' && ch.ok)).toBe(true);
  });
  it('verifies an unzipped packet folder', async () => {
    const file = await packetFile('folder.zip', { includeSources: true });
    const out = path.join(dir, 'unzipped');
    execFileSync('unzip', ['-q', file, '-d', out]);
    const c = capture();
    expect(await runCli(['verify', out], c.io)).toBe(0);
    fs.appendFileSync(path.join(out, 'data', 'claims.csv'), 'x');
    const t = capture();
    expect(await runCli(['verify', out, '--json'], t.io)).toBe(1);
    expect(JSON.parse(t.out())).toMatchObject({ ok: false, firstFailure: { name: 'bag', detail: expect.stringContaining('data/claims.csv') } });
  });
  it('exits 1 naming the first failure for a tampered packet', async () => {
    const { zip } = await fixturePacket();
    const opened = openBagZip(zip);
    if (!opened.ok) throw new Error(opened.error);
    const files = [...opened.value.files].map(([p, bytes]) => ({ path: p, bytes: p === 'data/packet.json' ? toUtf8(new TextDecoder().decode(bytes).replace('supports', 'contradicts')) : bytes }));
    const file = path.join(dir, 'tampered.zip');
    fs.writeFileSync(file, zipFiles(files));
    const c = capture();
    expect(await runCli(['verify', file], c.io)).toBe(1);
    expect(c.out()).toMatch(/verification FAILED at bag: "data\/packet\.json" does not match/);
  });
  it('checks --previous: 0 when the new packet extends the old, 1 when swapped', async () => {
    const key = await makeKey();
    const older = await packetFile('older.zip', { key, count: 7 });
    const newer = await packetFile('newer.zip', { key });
    const ok = capture();
    expect(await runCli(['verify', newer, '--previous', older], ok.io)).toBe(0);
    expect(ok.out()).toMatch(/ok +previous-packet/);
    const bad = capture();
    expect(await runCli(['verify', older, '--previous', newer], bad.io)).toBe(1);
  });
  it('exits 2 for bad usage, a missing file, and an unsafe archive, naming the file', async () => {
    const a = capture();
    expect(await runCli(['verify'], a.io)).toBe(2);
    expect(a.err()).toMatch(/exactly one PACKET/);
    const b = capture();
    expect(await runCli(['verify', path.join(dir, 'nope.zip')], b.io)).toBe(2);
    expect(b.err()).toMatch(/nope\.zip: no such file/);
    const evil = path.join(dir, 'evil.zip');
    fs.writeFileSync(evil, zipFiles([{ path: 'bagit.txt', bytes: toUtf8('x') }, { path: '../../etc/cron.d/x', bytes: toUtf8('x') }]));
    const c = capture();
    expect(await runCli(['verify', evil], c.io)).toBe(2);
    expect(c.err()).toMatch(/evil\.zip: zip entry "\.\.\/\.\.\/etc\/cron\.d\/x"/);
    const d = capture();
    expect(await runCli(['verify', evil, '--previous'], d.io)).toBe(2);
    const notZip = path.join(dir, 'text.zip');
    fs.writeFileSync(notZip, 'hello');
    const e = capture();
    expect(await runCli(['verify', notZip], e.io)).toBe(2);
    expect(e.err()).toMatch(/text\.zip: the file is not a zip/);
  });
  it('exits 2 for a folder holding a symbolic link', async () => {
    const file = await packetFile('link.zip');
    const out = path.join(dir, 'linked');
    execFileSync('unzip', ['-q', file, '-d', out]);
    fs.symlinkSync('/etc/passwd', path.join(out, 'data', 'passwd'));
    const c = capture();
    expect(await runCli(['verify', out], c.io)).toBe(2);
    expect(c.err()).toMatch(/"data\/passwd" is a symbolic link/);
  });
});
