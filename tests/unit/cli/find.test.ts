import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main.ts';
import { findAll } from '../../../shared/anchor/match.ts';
import { unitsInRange } from '../../../shared/anchor/selectors.ts';
import { CORPUS, extractCorpus } from '../pdf/corpus.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TRACEMONKEY = path.join(CORPUS, 'tracemonkey.pdf');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

interface FindJson {
  version: number;
  query: string;
  matches: { file: string; sha256: string; range: [number, number]; units: { kind: string; index: number; label: string }[]; exact: boolean; score: number; text: string }[];
}

describe('find', () => {
  it('spawned CLI: finds a sentence broken by hyphenation at a line end ("com-" / "pile") on page 1, as JSON', async () => {
    const quote = 'Dynamic languages such as JavaScript are more difficult to compile than statically typed ones.';
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'cli/main.ts', 'find', quote, TRACEMONKEY, '--json'], { cwd: ROOT });
    const result = JSON.parse(stdout) as FindJson;
    expect(result.version).toBe(1);
    expect(result.query).toBe(quote);
    expect(result.matches[0]).toMatchObject({ file: TRACEMONKEY, exact: true, score: 1, text: quote, units: [{ kind: 'page', index: 0, label: '1' }] });
    expect(stderr).toContain('searching');
  });

  it('finds lines copied from each page of tracemonkey.pdf (poppler’s copy) on that page', async () => {
    const text = (await extractCorpus('tracemonkey.pdf')).layout.sourceText;
    for (let page = 1; page <= 14; page++) {
      const popplerPage = execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), TRACEMONKEY, '-'], { encoding: 'utf8' });
      // The longest sentence-like line of the page, as a person would copy it.
      const line = popplerPage.split('\n').map((l) => l.trim()).filter((l) => /^[A-Z][a-z]/.test(l) && !l.endsWith('-')).sort((a, b) => b.length - a.length)[0]!;
      const best = findAll(text.text, line)[0];
      expect(best, line).toBeDefined();
      expect(unitsInRange(text, best!.start, best!.end).map((u) => u.index), line).toContain(page - 1);
    }
  });

  it('finds a word hyphenated across the break from page 4 to page 5 typed whole, with a straight apostrophe', async () => {
    const c = capture();
    expect(await runCli(['find', "In TraceMonkey, objects' representation", TRACEMONKEY], c.io)).toBe(0);
    expect(c.out.join('')).toMatch(/page 4 → page 5 {2}\[\d+, \d+\) {2}exact {2}score 1\.000\n {2}“In TraceMonkey, objects’ representation”/);
  });

  it('reports fuzzy matches with a score below 1, best first', async () => {
    const c = capture();
    expect(await runCli(['find', 'We call such a sequence of instruction a trace', TRACEMONKEY, '--json'], c.io)).toBe(0);
    const r = JSON.parse(c.out.join('')) as FindJson;
    expect(r.matches[0]).toMatchObject({ exact: false, units: [{ index: 0 }] });
    expect(r.matches[0]!.score).toBeLessThan(1);
    const scores = r.matches.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('exits 1 when nothing is found and 2 for bad input naming the file', async () => {
    const none = capture();
    expect(await runCli(['find', 'a sentence that is in no paper at all', TRACEMONKEY], none.io)).toBe(1);
    const bad = capture();
    const redhat = path.join(CORPUS, 'REDHAT-1531897-0.pdf');
    expect(await runCli(['find', 'anything', redhat], bad.io)).toBe(2);
    expect(bad.err.join('')).toContain(`${redhat} is not a readable PDF`);
    const locked = capture();
    expect(await runCli(['find', 'anything', path.join(CORPUS, 'pr6531_1.pdf')], locked.io)).toBe(2);
    expect(locked.err.join('')).toMatch(/pr6531_1\.pdf is password-protected; give its password with --password/);
    const usage = capture();
    expect(await runCli(['find', 'only a quote'], usage.io)).toBe(2);
    const missing = capture();
    expect(await runCli(['find', 'x', '/nonexistent/file.pdf'], missing.io)).toBe(2);
    expect(missing.err.join('')).toContain('/nonexistent/file.pdf: no such file');
  });
});
