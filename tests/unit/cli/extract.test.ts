import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main.ts';
import { CORPUS } from '../pdf/corpus.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

const VTT = `WEBVTT

00:00:01.000 --> 00:00:04.500
<v Alice>We never said the budget was final.

00:00:05.000 --> 00:00:08.250
<v Bob>The minutes show otherwise.
`;

describe('extract', () => {
  it('prints a PDF source text with its page units as version-1 JSON', async () => {
    const c = capture();
    const file = path.join(CORPUS, 'rotation.pdf');
    expect(await runCli(['extract', file, '--json'], c.io)).toBe(0);
    const r = JSON.parse(c.out.join('')) as Record<string, unknown>;
    expect(r).toEqual({
      version: 1,
      file,
      sha256: '5087c2afe763d145537d652bb3bc6c321ace3a267b2679ae2c178add3ba7f1d9',
      kind: 'pdf',
      text: 'This is my first page with normal layout.\nThis is the second line on the page.\nThis is my second page. It will have a landscape layout.\nSecond line here.',
      units: [
        { kind: 'page', index: 0, label: '1', range: [0, 79] },
        { kind: 'page', index: 1, label: '2', range: [79, 153] },
      ],
    });
    expect(c.err.join('')).toContain(`extracting ${file}`);
  });

  it('prints pages with their labels for people, marking pages without text', async () => {
    const c = capture();
    expect(await runCli(['extract', path.join(CORPUS, 'vertical.pdf')], c.io)).toBe(0);
    const out = c.out.join('');
    expect(out).toContain('== page 1  [0, 9)\nあいうえお\n日本語');
    expect(out).toContain('== page 2 [no text: needs OCR]  [9, 9)');
  });

  it('prints a transcript with cue times and speakers; find reports them too', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pd-extract-'));
    const file = path.join(dir, 'interview.vtt');
    writeFileSync(file, VTT);
    const c = capture();
    expect(await runCli(['extract', file, '--json'], c.io)).toBe(0);
    const r = JSON.parse(c.out.join('')) as { kind: string; units: { kind: string; time: number[]; speaker: string | null }[] };
    expect(r.kind).toBe('transcript');
    expect(r.units.map((u) => [u.kind, u.time, u.speaker])).toEqual([
      ['cue', [1, 4.5], 'Alice'],
      ['cue', [5, 8.25], 'Bob'],
    ]);
    const f = capture();
    expect(await runCli(['find', 'the minutes show otherwise', file], f.io)).toBe(0);
    expect(f.out.join('')).toContain('00:00:05.000–00:00:08.250 Bob');
  });

  it("find gives a match's own time where the transcript times its words (Whisper), as text and as JSON", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pd-extract-'));
    const file = path.join(dir, 'council.json');
    const words = [['The', 0.1, 0.3], ['council', 0.3, 0.8], ['voted,', 0.8, 1.4], ['seven', 2, 2.4], ['to', 2.4, 2.5], ['two.', 2.5, 3]] as const;
    writeFileSync(file, JSON.stringify({ segments: [{ id: 0, start: 0, end: 6, speaker: 'Clerk', text: ' The council voted, seven to two.', words: words.map(([word, start, end]) => ({ word: ` ${word}`, start, end })) }] }));
    const f = capture();
    expect(await runCli(['find', 'seven to two', file], f.io)).toBe(0);
    expect(f.out.join('')).toContain('00:00:02.000–00:00:03.000 Clerk');
    const j = capture();
    expect(await runCli(['find', 'seven to two', file, '--json'], j.io)).toBe(0);
    const r = JSON.parse(j.out.join('')) as { matches: { time: [number, number] | null; units: { time: number[] }[] }[] };
    expect(r.matches[0]!.time).toEqual([2, 3]);
    expect(r.matches[0]!.units[0]!.time).toEqual([0, 6]);
  });

  it('exits 2 with a one-line message naming the file for unreadable or unknown files and bad usage', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pd-extract-'));
    const fake = path.join(dir, 'fake.pdf');
    writeFileSync(fake, 'not a pdf');
    const c = capture();
    expect(await runCli(['extract', fake], c.io)).toBe(2);
    expect(c.err.join('').split('\n')).toContain(`provenance-desk extract: ${fake} is not a readable PDF: it has no %PDF- header`);
    const bin = path.join(dir, 'image.png');
    writeFileSync(bin, new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    const d = capture();
    expect(await runCli(['extract', bin], d.io)).toBe(2);
    expect(d.err.join('')).toContain(`${bin}: neither a PDF nor a transcript`);
    const e = capture();
    expect(await runCli(['extract'], e.io)).toBe(2);
    const g = capture();
    expect(await runCli(['extract', fake, '--frobnicate'], g.io)).toBe(2);
    expect(g.err.join('')).toContain('unknown option --frobnicate');
  });
});
