import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Bytes, toUtf8 } from '../../../shared/hash.ts';
import { toBase64 } from '../../../shared/ledger/base64.ts';
import { openBagZip } from '../../../shared/packet/bagit.ts';
import { VERIFY_PAGE_HTML } from '../../../shared/packet/verify-page.generated.ts';
import { renderOutcome, verifyDropped } from '../../../shared/packet/verify-page/model.ts';
import { fixturePacket } from './build.ts';

const root = path.resolve(import.meta.dirname, '../../..');

// jsdom ships no type declarations; this is the little of it the test uses.
interface MiniWindow {
  document: { getElementById(id: string): { textContent: string | null; dispatchEvent(e: unknown): boolean } | null };
  Event: new (type: string) => unknown;
  addEventListener(type: 'error', listener: (e: { error: unknown }) => void): void;
  close(): void;
}
const jsdomModule = 'jsdom';
const { JSDOM } = (await import(jsdomModule)) as { JSDOM: new (html: string, options: { runScripts: 'dangerously' }) => { window: MiniWindow } };

describe('verify.html', () => {
  it('is up to date with its sources (run `node scripts/build-verify-page.mjs` when this fails)', async () => {
    const { generatedModule } = (await import(path.join(root, 'scripts/build-verify-page.mjs'))) as { generatedModule: () => Promise<string> };
    const committed = fs.readFileSync(path.join(root, 'shared/packet/verify-page.generated.ts'), 'utf8');
    expect((await generatedModule()) === committed).toBe(true);
  });
  it('is self-contained: one inline script allowed by hash, no eval, no network', () => {
    const scripts = [...VERIFY_PAGE_HTML.matchAll(/<script>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBe(1);
    const hash = toBase64(sha256Bytes(toUtf8(scripts[0]![1]!)));
    expect(VERIFY_PAGE_HTML).toContain(`default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'`);
    expect(VERIFY_PAGE_HTML).not.toMatch(/unsafe-eval|<script[^>]+src=|<link|<img|<iframe/);
    expect(VERIFY_PAGE_HTML).not.toMatch(/\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon/);
  });
  it('puts the page at the root of a packet, in the tag manifest', async () => {
    const { zip } = await fixturePacket({ verifyPage: VERIFY_PAGE_HTML });
    const files = openBagZip(zip);
    if (!files.ok) throw new Error(files.error);
    expect(new TextDecoder().decode(files.value.files.get('verify.html'))).toBe(VERIFY_PAGE_HTML);
    expect(new TextDecoder().decode(files.value.files.get('tagmanifest-sha256.txt'))).toMatch(/ {2}verify\.html\n/);
  });
  it('runs in a DOM: a packet chosen in the zip input shows PASS, a tampered one the first failure (jsdom, the script as shipped)', async () => {
    const { zip } = await fixturePacket({ verifyPage: VERIFY_PAGE_HTML });
    const tampered = zip.slice();
    // A byte inside a stored-or-deflated entry's data: any change must surface as a failure or an unreadable zip.
    tampered[200] = tampered[200]! ^ 0x01;
    for (const [bytes, expected] of [[zip, /PASS: every check of packet\.zip holds/], [tampered, /FAIL|Cannot read/]] as const) {
      const dom = new JSDOM(VERIFY_PAGE_HTML, { runScripts: 'dangerously' });
      const errors: unknown[] = [];
      dom.window.addEventListener('error', (e) => errors.push(e.error));
      const input = dom.window.document.getElementById('zip')!;
      Object.defineProperty(input, 'files', { value: [{ name: 'packet.zip', webkitRelativePath: '', arrayBuffer: async () => bytes.slice().buffer }] });
      input.dispatchEvent(new dom.window.Event('change'));
      const result = dom.window.document.getElementById('result')!;
      for (let i = 0; i < 200 && !/PASS|FAIL|Cannot read/.test(result.textContent ?? ''); i++) await new Promise((r) => setTimeout(r, 25));
      expect(errors).toEqual([]);
      expect(result.textContent).toMatch(expected);
      dom.window.close();
    }
  });
});

describe('the verify page model (what the page runs)', () => {
  it('passes a packet zip and an unzipped folder, and names the first failure of a tampered one', async () => {
    const { zip } = await fixturePacket();
    const pass = await verifyDropped([{ path: 'p.zip', bytes: zip }]);
    expect(pass.kind === 'verified' && pass.result.ok).toBe(true);
    expect(renderOutcome(pass)).toMatch(/PASS: every check of p\.zip holds/);
    const opened = openBagZip(zip);
    if (!opened.ok) throw new Error(opened.error);
    const folder = [...opened.value.files].map(([p, bytes]) => ({ path: `my packet/${p}`, bytes }));
    const fromFolder = await verifyDropped(folder);
    expect(fromFolder.kind === 'verified' && fromFolder.result.ok).toBe(true);
    const tampered = folder.map((f) => (f.path.endsWith('data/ledger.jsonl') ? { ...f, bytes: f.bytes.map((b, i) => (i === 5 ? b ^ 1 : b)) } : f));
    const failed = await verifyDropped(tampered);
    expect(failed.kind === 'verified' && failed.result.firstFailure?.name).toBe('bag');
    expect(renderOutcome(failed)).toMatch(/FAIL: my packet failed at <strong>bag<\/strong>: &quot;data\/ledger\.jsonl&quot;/);
  });
  it('says why it cannot read a non-zip or an unsafe folder', async () => {
    const a = await verifyDropped([{ path: 'notes.txt', bytes: toUtf8('hello') }]);
    expect(renderOutcome(a)).toMatch(/Cannot read notes\.txt: notes\.txt is not a zip/);
    const b = await verifyDropped([{ path: 'x/bagit.txt', bytes: toUtf8('x') }, { path: 'x/data\\evil', bytes: toUtf8('x') }]);
    expect(b.kind).toBe('unreadable');
  });
});
