import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addSources, createWorkspace } from './app-helpers.ts';
import { openSession, type Session } from './browser.ts';
import { writePdf, type PdfObject } from './fixtures/make-pdf.ts';

// Issue 5's viewer requirements in the real app: only pages near the viewport rendered, zoom (toolbar and
// keyboard), go to page by label and by number, the outline, find (count, marks, next/previous) and a find
// hit made into a passage with the keyboard. The PDF is written here: 40 pages, /PageLabels i–iv then 1–36,
// an /Outlines tree, one distinct word per page and "lighthouse" on three pages.
const PAGES = 40;
const FRONT_MATTER = 4;
/** Zero-based pages that carry the word the find steps through. */
const LIGHTHOUSE_PAGES = [6, 15, 31];
/** Outline entries: title, zero-based page, children. */
const OUTLINE: { title: string; page: number; children?: { title: string; page: number }[] }[] = [
  { title: 'Preface', page: 0 },
  { title: 'Chapter One', page: 4 },
  { title: 'Chapter Two', page: 14, children: [{ title: 'Section Two Point One', page: 17 }] },
  { title: 'Appendix', page: 34 },
];

const ROMAN = ['i', 'ii', 'iii', 'iv'];
/** The label pdf.js gives zero-based page `i` of the fixture. */
function labelOf(i: number): string {
  return i < FRONT_MATTER ? ROMAN[i]! : String(i - FRONT_MATTER + 1);
}
/** A word found on page `i` only (letters only, so no word is a prefix of another's match). */
function wordOf(i: number): string {
  return `quill${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}x`;
}

function stream(content: string): PdfObject {
  return `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
}

/** The fixture: catalog 1, pages 2, font 3, then page and content per page, then the outline objects. */
function labelledOutlinePdf(): Buffer {
  const objects: PdfObject[] = ['', '', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  const pageObj: number[] = [];
  for (let i = 0; i < PAGES; i++) {
    const lines = [
      `Report page ${labelOf(i)}: its own word is ${wordOf(i)}.`,
      'The committee recorded every vote in its minutes.',
      LIGHTHOUSE_PAGES.includes(i) ? 'The old lighthouse keeper signed the ledger.' : 'The harbour master signed the ledger.',
      'Nothing else happened on this day.',
    ];
    const content = ['BT /F1 14 Tf 18 TL 60 720 Td', ...lines.map((l) => `(${l}) '`), 'ET'].join('\n');
    const contentNo = objects.length + 2;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentNo} 0 R >>`);
    pageObj.push(objects.length);
    objects.push(stream(content));
  }
  // Outline: the root, then each entry (children right after their parent).
  const root = objects.length + 1;
  const entries: { title: string; page: number; parent: number; no: number; children: number[] }[] = [];
  let next = root + 1;
  const top: number[] = [];
  for (const item of OUTLINE) {
    const no = next++;
    top.push(no);
    const children: number[] = [];
    entries.push({ title: item.title, page: item.page, parent: root, no, children });
    for (const child of item.children ?? []) {
      const cno = next++;
      children.push(cno);
      entries.push({ title: child.title, page: child.page, parent: no, no: cno, children: [] });
    }
  }
  objects.push(`<< /Type /Outlines /First ${top[0]} 0 R /Last ${top.at(-1)} 0 R /Count ${entries.length} >>`);
  for (const e of entries) {
    const siblings = e.parent === root ? top : entries.find((p) => p.no === e.parent)!.children;
    const at = siblings.indexOf(e.no);
    const links = [
      at > 0 ? `/Prev ${siblings[at - 1]} 0 R` : '',
      at + 1 < siblings.length ? `/Next ${siblings[at + 1]} 0 R` : '',
      e.children.length > 0 ? `/First ${e.children[0]} 0 R /Last ${e.children.at(-1)} 0 R /Count ${e.children.length}` : '',
    ].join(' ');
    objects.push(`<< /Title (${e.title}) /Parent ${e.parent} 0 R ${links} /Dest [${pageObj[e.page]} 0 R /XYZ null null null] >>`);
  }
  objects[0] = `<< /Type /Catalog /Pages 2 0 R /PageMode /UseOutlines /Outlines ${root} 0 R /PageLabels << /Nums [0 << /S /r >> ${FRONT_MATTER} << /S /D >>] >> >>`;
  objects[1] = `<< /Type /Pages /Kids [${pageObj.map((n) => `${n} 0 R`).join(' ')}] /Count ${PAGES} >>`;
  return writePdf(objects);
}

/** The viewer's rendered pages (its `data-rendered-pages` hook) and how many canvases the DOM holds. */
async function renderState(page: Page): Promise<{ rendered: number[]; canvases: number }> {
  return page.evaluate(() => {
    const root = document.querySelector('[data-rendered-pages]');
    const attr = root?.getAttribute('data-rendered-pages') ?? '';
    return { rendered: attr === '' ? [] : attr.split(',').map(Number), canvases: document.querySelectorAll('.pd-page canvas').length };
  });
}

/** Page `index`'s size in CSS px as laid out. */
async function pageSize(page: Page, index: number): Promise<{ w: number; h: number }> {
  return page.evaluate((i) => {
    const r = document.querySelector(`[data-page-index="${i}"]`)!.getBoundingClientRect();
    return { w: Math.round(r.width), h: Math.round(r.height) };
  }, index);
}

/** The scroll pane's inner size. */
async function paneSize(page: Page): Promise<{ w: number; h: number }> {
  return page.evaluate(() => {
    const el = document.querySelector('.pd-scroll')!;
    return { w: el.clientWidth, h: el.clientHeight };
  });
}

/** Distance in px from the top of the scroll pane to the top of page `index` (0 = the page starts at the top). */
async function pageOffset(page: Page, index: number): Promise<number> {
  return page.evaluate((i) => {
    const pane = document.querySelector('.pd-scroll')!.getBoundingClientRect();
    const r = document.querySelector(`[data-page-index="${i}"]`)!.getBoundingClientRect();
    return Math.round(r.top - pane.top);
  }, index);
}

/** Whether page `index` starts at the top of the scroll pane (within a pixel). */
async function atTop(page: Page, index: number): Promise<boolean> {
  return Math.abs(await pageOffset(page, index)) <= 1;
}

/** Whether page `index` is (at least partly) in the scroll pane's view. */
async function pageVisible(page: Page, index: number): Promise<boolean> {
  return page.evaluate((i) => {
    const pane = document.querySelector('.pd-scroll')!.getBoundingClientRect();
    const r = document.querySelector(`[data-page-index="${i}"]`)!.getBoundingClientRect();
    return r.bottom > pane.top && r.top < pane.bottom;
  }, index);
}

/** The current find hit's mark: its hit index, its page and whether it lies in the scroll pane's view. */
async function currentHit(page: Page): Promise<{ hit: string | null; page: number; text: string; visible: boolean } | null> {
  return page.evaluate(() => {
    const mark = document.querySelector('mark.pd-mark-current-hit');
    if (!mark) return null;
    const pane = document.querySelector('.pd-scroll')!.getBoundingClientRect();
    const r = mark.getBoundingClientRect();
    return {
      hit: mark.getAttribute('data-hit'),
      page: Number(mark.closest('[data-page-index]')!.getAttribute('data-page-index')),
      text: mark.textContent ?? '',
      visible: r.top >= pane.top && r.bottom <= pane.bottom,
    };
  });
}

describe('PDF viewer in Chromium', () => {
  let session: Session;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pd-viewer-'));
    file = path.join(dir, 'labelled-report.pdf');
    writeFileSync(file, labelledOutlinePdf());
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders only pages near the view, zooms, goes to pages by label and number, follows the outline, finds and highlights a hit', async () => {
    const { page, problems } = session;
    await createWorkspace(page, inject('baseURL'), 'Viewer');
    await addSources(page, [file], [/^PDF /]);
    await page.getByRole('list', { name: 'Source files' }).getByRole('button', { name: /^PDF / }).click();
    await page.waitForSelector('[data-page-index="0"][data-text-layer="ready"]', { timeout: 60_000 });
    const viewer = page.locator('[data-rendered-pages]');
    expect(await viewer.getAttribute('data-page-count')).toBe(String(PAGES));
    const toolbar = page.getByRole('toolbar', { name: 'PDF viewer' });
    const pageBox = toolbar.getByRole('textbox', { name: 'Page', exact: true });
    await expect.poll(() => pageBox.inputValue()).toBe('i');
    // Labels differ from numbers, so the toolbar also says where the page is among all pages.
    expect(await toolbar.textContent()).toContain(`(1 of ${PAGES})`);
    // Every page is a group named by its label.
    await page.getByRole('group', { name: 'Page iv', exact: true }).waitFor({ state: 'attached' });
    await page.getByRole('group', { name: 'Page 36', exact: true }).waitFor({ state: 'attached' });

    // (1) Only pages near the view render; at the end the last page renders and the first ones are let go.
    await expect.poll(async () => (await renderState(page)).rendered[0]).toBe(0);
    const first = await renderState(page);
    expect(first.rendered.length).toBeGreaterThan(0);
    expect(first.rendered.length).toBeLessThanOrEqual(10);
    expect(first.canvases).toBeLessThanOrEqual(10);
    expect(first.rendered).not.toContain(PAGES - 1);
    await page.evaluate(() => {
      const el = document.querySelector('.pd-scroll')!;
      el.scrollTop = el.scrollHeight;
    });
    await expect.poll(async () => (await renderState(page)).rendered.includes(PAGES - 1), { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => (await renderState(page)).rendered.includes(0)).toBe(false);
    const atEnd = await renderState(page);
    expect(atEnd.rendered.length).toBeLessThanOrEqual(10);
    expect(atEnd.canvases).toBeLessThanOrEqual(10);
    expect(await page.locator('[data-page-index="0"] canvas').count()).toBe(0);
    expect(await page.locator(`[data-page-index="${PAGES - 1}"]`).textContent()).toContain(wordOf(PAGES - 1));
    await expect.poll(() => pageBox.inputValue()).toBe(labelOf(PAGES - 1));

    // (4) The outline opens by itself (the PDF has one) and lists its entries, nested ones too; an entry scrolls to its page.
    const outline = page.getByRole('tree', { name: 'Outline' });
    await outline.waitFor();
    const titles = (await outline.getByRole('button').allTextContents()).map((t) => t.trim());
    expect(titles).toEqual(['Preface', 'Chapter One', 'Chapter Two', 'Section Two Point One', 'Appendix']);
    expect(await outline.getByRole('treeitem', { name: 'Section Two Point One', exact: true }).getAttribute('aria-level')).toBe('2');
    for (const [title, index] of [['Chapter Two', 14], ['Section Two Point One', 17], ['Preface', 0], ['Appendix', 34]] as const) {
      await outline.getByRole('button', { name: title, exact: true }).click();
      await expect.poll(() => atTop(page, index), { message: title }).toBe(true);
      await expect.poll(() => pageBox.inputValue(), { message: title }).toBe(labelOf(index));
      await page.waitForSelector(`[data-page-index="${index}"][data-text-layer="ready"]`);
      expect(await page.locator(`[data-page-index="${index}"]`).textContent()).toContain(wordOf(index));
    }

    // (3) Go to page by label ("iii"), by a label that is a number ("20" is the 24th page), and by a page
    // number that is no label ("38" is the 38th page, labelled 34); a name of no page is marked invalid.
    for (const [typed, index] of [['iii', 2], ['20', 23], ['38', 37], ['IV', 3]] as const) {
      await pageBox.fill(typed);
      await pageBox.press('Enter');
      await expect.poll(() => atTop(page, index), { message: typed }).toBe(true);
      await pageBox.blur();
      await expect.poll(() => pageBox.inputValue(), { message: typed }).toBe(labelOf(index));
      await page.waitForSelector(`[data-page-index="${index}"][data-text-layer="ready"]`);
      expect(await page.locator(`[data-page-index="${index}"]`).textContent()).toContain(wordOf(index));
      expect(await toolbar.textContent()).toContain(`(${index + 1} of ${PAGES})`);
    }
    await pageBox.fill('xl');
    await pageBox.press('Enter');
    await expect.poll(() => pageBox.getAttribute('aria-invalid')).toBe('true');
    expect(await atTop(page, 3)).toBe(true);
    await pageBox.blur();

    // (2) Zoom: fit width fills the pane's width, fit page shows a whole page, a percent is that many px per
    // point (612 × 792 pt pages); Ctrl/Cmd + / − step through the percentages and Ctrl/Cmd 0 fits the width again.
    const zoom = toolbar.getByRole('combobox', { name: 'Zoom' });
    expect(await zoom.inputValue()).toBe('fit-width');
    // The sidebar hides (the pages widen to the pane), so that fit page is bound by the pane's height here.
    const sidebar = toolbar.getByRole('button', { name: 'Sidebar' });
    expect(await sidebar.getAttribute('aria-pressed')).toBe('true');
    const narrow = await pageSize(page, 3);
    await sidebar.click();
    await page.getByRole('navigation', { name: 'Outline' }).waitFor({ state: 'detached' });
    expect(await sidebar.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(async () => (await pageSize(page, 3)).w).toBeGreaterThan(narrow.w);
    await expect.poll(() => pageBox.inputValue()).toBe(labelOf(3));
    const fitWidth = await pageSize(page, 3);
    const pane = await paneSize(page);
    expect(Math.abs(fitWidth.w - (pane.w - 24))).toBeLessThanOrEqual(1);
    expect(Math.abs(fitWidth.h / fitWidth.w - 792 / 612)).toBeLessThan(0.01);
    await zoom.selectOption('fit-page');
    await expect.poll(async () => (await pageSize(page, 3)).h).toBeLessThan(fitWidth.h);
    const fitPage = await pageSize(page, 3);
    expect(fitPage.h).toBeLessThanOrEqual(pane.h);
    expect(fitPage.w).toBeLessThanOrEqual(pane.w);
    expect(fitPage.h).toBeGreaterThanOrEqual(pane.h - 12 - 1);
    expect(Math.abs(fitPage.h / fitPage.w - 792 / 612)).toBeLessThan(0.01);
    await zoom.selectOption('150');
    await expect.poll(() => pageSize(page, 3)).toEqual({ w: 918, h: 1188 });
    // The page is drawn again at the new scale (its canvas, not only its placeholder).
    await expect.poll(() => page.locator('[data-page-index="3"] canvas').evaluate((c) => c.style.width)).toBe('918px');
    await zoom.selectOption('100');
    await expect.poll(() => pageSize(page, 3)).toEqual({ w: 612, h: 792 });
    // The reading position is kept across zoom changes.
    await expect.poll(() => pageBox.inputValue()).toBe(labelOf(3));
    await page.locator('.pd-scroll').focus();
    await page.keyboard.press('Control+Equal');
    await expect.poll(() => pageSize(page, 3)).toEqual({ w: 673, h: 871 });
    expect(await zoom.inputValue()).toBe('110');
    await page.keyboard.press('Control+Equal');
    await expect.poll(() => pageSize(page, 3)).toEqual({ w: 765, h: 990 });
    await page.keyboard.press('Control+Minus');
    await expect.poll(() => pageSize(page, 3)).toEqual({ w: 673, h: 871 });
    await page.keyboard.press('Control+Minus');
    await expect.poll(() => pageSize(page, 3)).toEqual({ w: 612, h: 792 });
    await page.keyboard.press('Control+Minus');
    await expect.poll(() => pageSize(page, 3)).toEqual({ w: 550, h: 712 });
    expect(await zoom.inputValue()).toBe('90');
    await page.keyboard.press('Control+Digit0');
    await expect.poll(() => pageSize(page, 3)).toEqual(fitWidth);
    expect(await zoom.inputValue()).toBe('fit-width');
    await expect.poll(() => pageBox.inputValue()).toBe(labelOf(3));
    await sidebar.click();
    await outline.waitFor();

    // (5) Find: Ctrl+F opens it with the focus in the box; the count, marks on the rendered hit pages, and
    // next/previous by Enter, Shift+Enter, F3 and the buttons, each scrolling the current hit into view.
    await pageBox.fill('i');
    await pageBox.press('Enter');
    await expect.poll(() => atTop(page, 0)).toBe(true);
    // With the focus outside the viewer (the source list), Ctrl+F still opens the document's find, not the browser's.
    await page.getByRole('list', { name: 'Source files' }).getByRole('button').first().focus();
    await page.keyboard.press('Control+f');
    const findBar = page.getByRole('search', { name: 'Find in document' });
    const findBox = findBar.getByRole('searchbox', { name: 'Find' });
    await findBox.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Find');
    await page.keyboard.type('Lighthouse');
    const count = findBar.getByRole('status');
    await expect.poll(() => count.textContent()).toBe(`${LIGHTHOUSE_PAGES.length} results`);
    expect(await page.locator('mark.pd-mark-current-hit').count()).toBe(0);
    const expectCurrent = async (n: number) => {
      await expect.poll(() => count.textContent()).toBe(`${n + 1} of ${LIGHTHOUSE_PAGES.length}`);
      await expect.poll(() => currentHit(page), { message: `hit ${n + 1}` }).toEqual({ hit: String(n), page: LIGHTHOUSE_PAGES[n], text: 'lighthouse', visible: true });
      expect(await pageVisible(page, LIGHTHOUSE_PAGES[n]!)).toBe(true);
    };
    await findBox.press('Enter');
    await expectCurrent(0);
    await findBox.press('Enter');
    await expectCurrent(1);
    await findBox.press('Shift+Enter');
    await expectCurrent(0);
    await findBox.press('F3');
    await expectCurrent(1);
    await findBar.getByRole('button', { name: 'Next result' }).click();
    await expectCurrent(2);
    await findBar.getByRole('button', { name: 'Next result' }).click();
    await expectCurrent(0);
    await findBar.getByRole('button', { name: 'Previous result' }).click();
    await expectCurrent(2);
    await findBox.press('Shift+F3');
    await expectCurrent(1);
    // Every hit on a rendered page is marked, the current one as such; no other word is.
    const hitMarks = await page.locator('mark.pd-mark-hit, mark.pd-mark-current-hit').allTextContents();
    expect(hitMarks.length).toBeGreaterThanOrEqual(1);
    expect(new Set(hitMarks.map((t) => t.toLowerCase()))).toEqual(new Set(['lighthouse']));
    // Going to the first hit's page shows it marked but not current.
    await pageBox.fill(labelOf(LIGHTHOUSE_PAGES[0]!));
    await pageBox.press('Enter');
    await page.waitForSelector(`[data-page-index="${LIGHTHOUSE_PAGES[0]}"] mark.pd-mark-hit[data-hit="0"]`);
    await pageBox.blur();

    // (6) Ctrl+Enter in the find box turns the current hit (hit 2, on its page) into a new highlight; saved,
    // it is a passage listed with its page label and painted in the text layer.
    await findBox.focus();
    await findBox.press('Enter');
    await expect.poll(() => count.textContent()).toBe(`3 of ${LIGHTHOUSE_PAGES.length}`);
    await findBox.press('Control+Enter');
    const pending = page.getByRole('region', { name: 'New highlight' });
    await pending.waitFor();
    expect(await pending.textContent()).toContain('“lighthouse”');
    await pending.getByRole('button', { name: 'Save highlight' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: /^Highlight saved as a passage\./ }).waitFor();
    const passages = page.getByRole('region', { name: 'Passages of this source' });
    const listed = passages.getByRole('button', { name: `Passage, p. ${labelOf(LIGHTHOUSE_PAGES[2]!)}: lighthouse`, exact: true });
    await listed.waitFor();
    await expect.poll(() => page.locator(`[data-page-index="${LIGHTHOUSE_PAGES[2]}"] mark[data-passage-id]`).count()).toBeGreaterThan(0);
    // Escape closes find: its marks go, the passage's stay, and the focus is back on the pages.
    await findBox.press('Escape');
    await findBar.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('mark.pd-mark-hit, mark.pd-mark-current-hit').count()).toBe(0);
    expect(await page.locator(`[data-page-index="${LIGHTHOUSE_PAGES[2]}"] mark[data-passage-id]`).count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('pd-scroll'))).toBe(true);
    expect(problems).toEqual([]);
  });
});
