import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { claimOptions } from './app-helpers.ts';
import { openSession, type Session } from './browser.ts';

// Issue 8 item 5: the app offers the sample workspace on first start, and opening it gives the draft,
// the PDFs, the transcript with its recording, and references bound by file name.
describe('the sample workspace in Chromium', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('is offered on first start and opens with its draft, sources, recording and bound references', async () => {
    const { page, problems } = session;
    await page.goto(inject('baseURL'));
    await page.getByRole('textbox', { name: 'Your name' }).fill('Ana');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Open the sample workspace' }).click();
    await claimOptions(page).first().waitFor({ timeout: 90_000 });
    // The list fills as the live query settles: poll, not a single read.
    await expect.poll(() => claimOptions(page).count(), { timeout: 30_000 }).toBe(13);
    const files = page.getByRole('list', { name: 'Source files' });
    await files.getByRole('button', { name: /^Transcript 3 - On the Origin of Species/ }).waitFor({ timeout: 60_000 });
    await expect(files.textContent()).resolves.toMatch(/3 cues, with recording/);
    await expect.poll(() => files.getByRole('button', { name: /^PDF / }).count(), { timeout: 30_000 }).toBe(2);
    await claimOptions(page).nth(1).click();
    await page.getByRole('list', { name: 'Cited sources' }).getByText(/\[1\] Declaration of Independence/).waitFor();
    expect(problems).toEqual([]);
  });
});
