import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addSources, createWorkspace, REPO, SHARED } from './app-helpers.ts';
import { openSession, type Session } from './browser.ts';

// Issue 5 item 1: a password-protected PDF asks for its password at import (a wrong one is refused with a
// clear message), and again when it is opened in the viewer. pr6531_1.pdf's user password is "asdfasdf".
const ENCRYPTED = path.join(SHARED, 'conformance/pdfjs-corpus/pr6531_1.pdf');
const DECLARATION = path.join(REPO, 'resources/sample/sources/1 - Declaration of Independence.pdf');

describe('password-protected PDFs in Chromium', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('asks for the password, refuses a wrong one, imports with the right one and opens after asking again', async () => {
    const { page, problems } = session;
    await createWorkspace(page, inject('baseURL'), 'Encrypted');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('navigation', { name: 'Workspace actions' }).getByRole('button', { name: 'Add sources…' }).click();
    await (await chooser).setFiles(ENCRYPTED);
    const imports = page.getByRole('list', { name: 'Imports' });
    const box = imports.getByLabel('Password for pr6531_1.pdf', { exact: true }).and(page.locator('input'));
    await box.waitFor({ timeout: 60_000 });
    await expect(imports.textContent()).resolves.toContain('pr6531_1.pdf is encrypted.');
    await box.fill('wrong');
    await box.press('Enter');
    await imports.getByText('That password is not right.').waitFor({ timeout: 60_000 });
    await box.fill('asdfasdf');
    await box.press('Enter');
    const listed = page.getByRole('list', { name: 'Source files' }).getByRole('button', { name: /^PDF / });
    await listed.waitFor({ timeout: 60_000 });
    await expect(page.getByRole('list', { name: 'Imports' }).count()).resolves.toBe(0);

    // The viewer asks too (the password is not stored).
    await listed.click();
    const viewerBox = page.getByRole('textbox', { name: 'PDF password' }).or(page.getByLabel('PDF password'));
    await viewerBox.first().waitFor({ timeout: 30_000 });
    await viewerBox.first().fill('asdfasdf');
    await viewerBox.first().press('Enter');
    await page.waitForSelector('[data-page-index="0"][data-text-layer="ready"]', { timeout: 60_000 });
    expect(problems.filter((p) => !/PasswordException|No password given|Incorrect Password/i.test(p))).toEqual([]);
  });

  it('asks for the password when an encrypted file is the new version of a source', async () => {
    // A fresh browser profile: createWorkspace starts from the first-run screen.
    await session.close();
    session = await openSession();
    const { page, problems } = session;
    await createWorkspace(page, inject('baseURL'), 'Encrypted replacement');
    await addSources(page, [DECLARATION], [/^PDF Declaration of Independence/]);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /^Replace .* with a new version$/ }).click();
    await (await chooser).setFiles(ENCRYPTED);
    const box = page.getByRole('list', { name: 'Imports' }).getByLabel('Password for pr6531_1.pdf', { exact: true }).and(page.locator('input'));
    await box.waitFor({ timeout: 60_000 });
    await box.fill('asdfasdf');
    await box.press('Enter');
    await page.getByRole('status').filter({ hasText: /^pr6531_1\.pdf replaces Declaration of Independence: 0 passage\(s\) re-anchored/ }).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByRole('list', { name: 'Imports' }).count()).toBe(0);
    expect(problems.filter((p) => !/PasswordException|No password given|Incorrect Password/i.test(p))).toEqual([]);
  });
});
