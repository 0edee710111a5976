import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main.ts';
import { AUDIT_MAX_DRAFT_BYTES } from '../../../cli/commands/audit.ts';
import { auditJsonSchema } from '../../../shared/draft/audit.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const fixture = path.resolve(root, '../shared/fixtures/drafts/1988-executions-excerpt.txt');
const dir = mkdtempSync(path.join(tmpdir(), 'audit-cli-'));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}
function write(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe('provenance-desk audit', () => {
  it('prints the DESIGN.md audit JSON with --json', async () => {
    const c = capture();
    expect(await runCli(['audit', fixture, '--json'], c.io)).toBe(0);
    const out = c.out.join('');
    expect(out.endsWith('\n')).toBe(true);
    expect(out.trimEnd().includes('\n')).toBe(false); // one JSON document on one line
    const json = auditJsonSchema.parse(JSON.parse(out));
    expect(json.claims).toHaveLength(30);
    expect(json.references).toHaveLength(19);
    expect(json.orphans).toEqual([{ raw: '[15]: 218', offset: 0 }]);
    expect(json.draft.sha256).toBe('3b37c740653aed79b07111fad3dfbb3042388e03009ba9ee51f9247a2ca73b89');
  });

  it('prints claims, markers, flags, quotations, findings and a summary for people', async () => {
    const c = capture();
    expect(await runCli(['audit', fixture], c.io)).toBe(0);
    const out = c.out.join('');
    expect(out).toMatch(/Orphan markers \(no sentence before them\): \[15\]: 218 at line 1/);
    expect(out).toMatch(/#2 {2}line 2, chars 193–342 {2}\[flagged\]\n {4}They were condemned/);
    expect(out).toContain('markers: [18], [19], [20], [21], [citation needed] (flag)');
    expect(out).toContain('[24]: 234, 239 (ref 24, pages 234, 239)');
    expect(out).toContain('quote: “had been under consideration for several years”');
    expect(out).toMatch(/Summary: 30 claims; \d+ uncited; 5 flagged; 2 page-needed; \d+ with quotations; 1 orphan marker\n$/);
  });

  it('handles a CRLF draft without a trailing newline', async () => {
    const file = write('crlf.txt', 'One claim.\r\n[3] Two claim.');
    const c = capture();
    expect(await runCli(['audit', file, '--json'], c.io)).toBe(0);
    const json = auditJsonSchema.parse(JSON.parse(c.out.join('')));
    expect(json.claims.map((x) => [x.text, x.markers.map((m) => m.raw), x.findings])).toEqual([
      ['One claim.', ['[3]'], []],
      ['Two claim.', [], ['uncited']],
    ]);
  });

  const bad: [string, () => string, RegExp][] = [
    ['an empty file', () => write('empty.txt', ''), /empty\.txt: the draft is empty/],
    ['a blank file', () => write('blank.txt', ' \n\t\n'), /blank\.txt: the draft is blank/],
    ['a binary file', () => write('bin.txt', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 1])), /bin\.txt: the draft is a binary file \(NUL byte at offset 4\)/],
    ['invalid UTF-8', () => write('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x2e])), /latin1\.txt: the draft is not valid UTF-8 \(bad byte 0xe9 at offset 3\)/],
    ['a UTF-16 file', () => write('utf16.txt', new Uint8Array([0xff, 0xfe, 0x41, 0])), /utf16\.txt: the draft is UTF-16 text/],
    ['a missing file', () => path.join(dir, 'nope.txt'), /nope\.txt: no such file/],
    ['a directory', () => (mkdirSync(path.join(dir, 'adir'), { recursive: true }), path.join(dir, 'adir')), /adir: the draft is not a file/],
    ['a file over the limit', () => write('big.txt', 'a'.repeat(AUDIT_MAX_DRAFT_BYTES + 1)), /big\.txt: the draft is 8 MiB \(8388609 bytes\); the limit is 8 MiB \(8388608 bytes\)/],
    ['markers only', () => write('markers.txt', '[1][2]\n'), /markers\.txt: the draft has no sentences/],
  ];
  for (const [name, make, message] of bad) {
    it(`rejects ${name} with one line naming the file and exit 2`, async () => {
      const file = make();
      const c = capture();
      expect(await runCli(['audit', file], c.io)).toBe(2);
      const err = c.err.join('');
      expect(err).toMatch(message);
      expect(err).toMatch(/^provenance-desk audit: [^\n]+\n$/);
      expect(c.out.join('')).toBe('');
    });
  }

  it('rejects bad usage with exit 2', async () => {
    for (const args of [['audit'], ['audit', fixture, fixture], ['audit', fixture, '--yaml']]) {
      const c = capture();
      expect(await runCli(args, c.io)).toBe(2);
      expect(c.err.join('')).toMatch(/usage: audit DRAFT \[--json\]/);
    }
  });

  it('runs from the real entry point', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'cli/main.ts', 'audit', fixture, '--json'], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    const json = auditJsonSchema.parse(JSON.parse(stdout));
    expect(json.claims).toHaveLength(30);
    expect(json.claims[1]!.markers.map((m) => m.raw)).toEqual(['[18]', '[19]', '[20]', '[21]', '[citation needed]']);
  });

  it('exits 2 from the real entry point on bad input', async () => {
    const file = write('empty2.txt', '');
    const error = await promisify(execFile)('npx', ['tsx', 'cli/main.ts', 'audit', file], { cwd: root }).catch((e: unknown) => e as { code: number; stderr: string });
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).toMatch(/empty2\.txt: the draft is empty/);
  });
});
