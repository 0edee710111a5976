import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addSources, createWorkspace, SHARED, selectText } from './app-helpers.ts';
import { openSession, type Session } from './browser.ts';

// Issue 5's end-to-end path: import tracemonkey.pdf, select a sentence across the column break, make a
// passage, reload, the passage is painted in the same place; replace the file with a re-saved copy
// (pdftocairo rewrites every object and the text layer) and the passage re-anchors.
const TRACEMONKEY = path.join(SHARED, 'conformance/pdfjs-corpus/tracemonkey.pdf');

async function markBoxes(session: Session): Promise<{ x: number; y: number; w: number; h: number }[]> {
  return session.page.evaluate(() => {
    const scroller = document.querySelector('[data-rendered-pages]')!;
    const origin = scroller.getBoundingClientRect();
    return [...document.querySelectorAll('mark[data-passage-id]')].map((m) => {
      const r = m.getBoundingClientRect();
      const page = m.closest('[data-page-index]')!.getBoundingClientRect();
      return { x: Math.round(r.left - page.left), y: Math.round(r.top - page.top), w: Math.round(r.width), h: Math.round(r.height + 0 * origin.top) };
    });
  });
}

describe('PDF passages in Chromium', () => {
  let session: Session;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pd-pdf-'));
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes a passage across the column break, paints it again after a reload, and re-anchors it in a re-saved copy', async () => {
    const { page, problems } = session;
    await createWorkspace(page, inject('baseURL'), 'TraceMonkey');
    await addSources(page, [TRACEMONKEY], [/^PDF /]);
    await page.waitForSelector('[data-page-index="0"][data-text-layer="ready"]', { timeout: 60_000 });

    // Left column ends "…client-side web programming", the right column continues "and is used for the
    // application logic…" (the copyright footnote lies between them in reading order, as a mouse drag gets it).
    const text = await selectText(page, '[data-page-index="0"]', 'JavaScript, for example, is the de facto standard', 'application logic of browser-based productivity');
    expect(text.replace(/\s+/g, ' ')).toContain('client-side web programming');
    await page.getByRole('button', { name: 'Highlight selection' }).click();
    await page.getByRole('region', { name: 'New highlight' }).getByText(/JavaScript, for example/).waitFor();
    // Kept as a passage without attaching it (it stays selectable for attaching later).
    await page.getByRole('button', { name: 'Save highlight' }).click();
    await page.locator('mark[data-passage-id]').first().waitFor();
    const before = await markBoxes(session);
    expect(before.length).toBeGreaterThan(1);
    const columns = new Set(before.map((b) => (b.x < 300 ? 'left' : 'right')));
    expect([...columns].sort()).toEqual(['left', 'right']);

    await page.reload();
    await page.getByRole('list', { name: 'Source files' }).getByRole('button', { name: /^PDF / }).click();
    await page.locator('mark[data-passage-id]').first().waitFor({ timeout: 60_000 });
    expect(await markBoxes(session)).toEqual(before);

    // Replace with a re-saved copy: the passage re-anchors (same words) and is painted in the new version.
    const resaved = path.join(dir, 'tracemonkey-resaved.pdf');
    execFileSync('pdftocairo', ['-pdf', TRACEMONKEY, resaved]);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /^Replace .* with a new version$/ }).click();
    await (await chooser).setFiles(resaved);
    const notice = page.getByRole('status').filter({ hasText: /^tracemonkey-resaved\.pdf replaces/ });
    await notice.waitFor({ timeout: 60_000 });
    // The copy's content streams differ, so the passage lands with the same words or as a near match, never orphaned.
    expect(await notice.textContent()).toMatch(/: (1 passage\(s\) re-anchored with the same words, 0 reworded|0 passage\(s\) re-anchored with the same words, 1 reworded)\./);
    // The report lists the passage with its wording; closing it returns to the viewer.
    const report = page.getByRole('dialog', { name: /tracemonkey-resaved\.pdf replaces/ });
    await expect(report.getByRole('status').textContent()).resolves.toMatch(/^(1 passage\(s\) found with the same words, 0 reworded|0 passage\(s\) found with the same words, 1 reworded), 0 orphaned\.$/);
    expect((await report.textContent())?.replace(/\s+/g, ' ')).toContain('de facto standard');
    await report.getByRole('button', { name: 'Close' }).click();
    await page.waitForSelector('[data-page-index="0"][data-text-layer="ready"]', { timeout: 60_000 });
    await page.locator('mark[data-passage-id]').first().waitFor({ timeout: 30_000 });
    const after = await page.locator('mark[data-passage-id]').allTextContents();
    expect(after.join(' ').replace(/\s+/g, ' ')).toContain('de facto standard');

    // Deleting the passage from the source's list removes its highlight (it was not evidence: no question asked).
    const passages = page.getByRole('region', { name: 'Passages of this source' });
    await passages.getByRole('button', { name: /^Delete passage: JavaScript, for example/ }).click();
    await page.getByRole('status').filter({ hasText: /^Passage deleted\./ }).waitFor();
    await expect.poll(() => page.locator('mark[data-passage-id]').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
