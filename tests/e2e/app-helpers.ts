import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** The repository root and the shared folder beside it. */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** ../shared beside the repository (conformance data and fixtures). */
export const SHARED = path.resolve(REPO, '../shared');

/** Answers the first-use prompt and creates a workspace; resolves when the desk shows. */
export async function createWorkspace(page: Page, baseURL: string, name: string, actor = 'Ana Ruiz'): Promise<void> {
  await page.goto(baseURL);
  await page.getByRole('textbox', { name: 'Your name' }).fill(actor);
  await page.keyboard.press('Enter');
  await page.getByRole('textbox', { name: 'Workspace name' }).fill(name);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.getByRole('region', { name: 'Claims' }).waitFor();
}

/** Imports a draft file through the dialog; resolves when its claims are listed. */
export async function importDraftFile(page: Page, file: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Workspace actions' }).getByRole('button', { name: 'Import draft…' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose file…' }).click();
  await (await chooser).setFiles(file);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await claimOptions(page).first().waitFor();
}

/** The claims list's options. */
export function claimOptions(page: Page) {
  return page.getByRole('listbox', { name: 'Claims' }).getByRole('option');
}

/** Adds source files through the picker; resolves when each is listed. */
export async function addSources(page: Page, files: string[], listedAs: RegExp[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('navigation', { name: 'Workspace actions' }).getByRole('button', { name: 'Add sources…' }).click();
  await (await chooser).setFiles(files);
  for (const name of listedAs) await page.getByRole('list', { name: 'Source files' }).getByRole('button', { name }).waitFor({ timeout: 60_000 });
}

/**
 * Selects the words `from` … `to` (inclusive) inside `root` the way a mouse drag would: a DOM range over the
 * rendered text nodes, whitespace-insensitive. Resolves to the selected text; rejects when not found.
 */
export async function selectText(page: Page, rootSelector: string, from: string, to: string): Promise<string> {
  return page.evaluate(
    ({ rootSelector, from, to }) => {
      const root = document.querySelector(rootSelector);
      if (!root) throw new Error(`no element ${rootSelector}`);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const chars: { node: Text; offset: number }[] = [];
      let flat = '';
      let lastSpace = true;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const t = n as Text;
        const el = t.parentElement;
        if (el && (el.closest('button') || el.closest('[aria-hidden="true"]'))) continue;
        for (let i = 0; i < t.data.length; i++) {
          const c = t.data[i]!;
          if (/\s/.test(c)) {
            if (lastSpace) continue;
            flat += ' ';
            lastSpace = true;
          } else {
            flat += c;
            lastSpace = false;
          }
          chars.push({ node: t, offset: i });
        }
        if (!lastSpace) {
          // A boundary between text nodes reads as a space (separate items or cues).
          flat += ' ';
          chars.push({ node: t, offset: t.data.length });
          lastSpace = true;
        }
      }
      const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
      const start = flat.indexOf(norm(from));
      if (start < 0) throw new Error(`"${from}" is not in the rendered text`);
      const endAt = flat.indexOf(norm(to), start);
      if (endAt < 0) throw new Error(`"${to}" does not follow "${from}" in the rendered text`);
      const last = endAt + norm(to).length - 1;
      const a = chars[start]!;
      const b = chars[last]!;
      const range = document.createRange();
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, Math.min(b.node.data.length, b.offset + 1));
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      document.dispatchEvent(new Event('selectionchange'));
      return sel.toString();
    },
    { rootSelector, from, to },
  );
}
