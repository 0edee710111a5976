import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addSources, claimOptions, createWorkspace, importDraftFile, REPO, SHARED, selectText } from './app-helpers.ts';
import { openSession, type Session } from './browser.ts';

// Issue 7's end-to-end path on the sample workspace (resources/sample): import the draft, two PDFs and a
// transcript; bind references; attach evidence to three claims with each relation once, by mouse and by
// keyboard; set statuses; the quote check finds a quotation that is in a PDF and flags one that is not; a
// cited-page mismatch is flagged; reload and everything is there; the ledger verifies. Then a new version of
// the sample draft is imported: the claims pane lists the current versions by default, all on request.
const SAMPLE = path.join(REPO, 'resources/sample');
const SOURCES = path.join(SAMPLE, 'sources');
const DECLARATION = path.join(SOURCES, '1 - Declaration of Independence.pdf');
const GETTYSBURG = path.join(SOURCES, '2 - Gettysburg Address.pdf');
const DARWIN_VTT = path.join(SOURCES, '3 - On the Origin of Species (closing words).vtt');

describe('the evidence workflow in Chromium', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('imports, binds, attaches, checks, survives a reload and verifies', async () => {
    const { page, problems } = session;
    const evidencePane = page.getByRole('region', { name: 'Evidence' });
    await createWorkspace(page, inject('baseURL'), 'Sample check');
    await importDraftFile(page, path.join(SAMPLE, 'draft.txt'));
    await expect.poll(() => claimOptions(page).count(), { timeout: 30_000 }).toBeGreaterThan(10);
    // The fixture draft from the shared folder imports too (its 30 claims are the parser's reference).
    await importDraftFile(page, path.join(SHARED, 'fixtures/drafts/1988-executions-excerpt.txt'));
    await page.getByText('43 claims', { exact: true }).waitFor();
    // One draft at a time: the fixture alone has its 30 claims.
    const draftSelect = page.getByRole('combobox', { name: 'Show claims of' });
    await draftSelect.selectOption({ label: '1988-executions-excerpt' });
    await page.getByText('30 claims', { exact: true }).waitFor();
    await draftSelect.selectOption('all');
    await page.getByText('43 claims', { exact: true }).waitFor();

    await addSources(page, [DECLARATION, GETTYSBURG, DARWIN_VTT], [/^PDF Declaration of Independence/, /^PDF Gettysburg Address/, /^Transcript .*Origin of Species/]);
    // The same file again is recognised by its SHA-256 and not stored twice.
    const again = page.waitForEvent('filechooser');
    await page.getByRole('navigation', { name: 'Workspace actions' }).getByRole('button', { name: 'Add sources…' }).click();
    await (await again).setFiles(DECLARATION);
    const imports = page.getByRole('list', { name: 'Imports' });
    await imports.getByRole('status').filter({ hasText: '1 - Declaration of Independence.pdf is already in this workspace (same SHA-256); it was not stored twice.' }).waitFor();
    await imports.getByRole('button', { name: 'Dismiss 1 - Declaration of Independence.pdf' }).click();
    await expect(page.getByRole('list', { name: 'Source files' }).getByRole('button', { name: /^PDF Declaration of Independence/ }).count()).resolves.toBe(1);

    // References: the file names propose 1, 2 and 3; accept them all.
    await page.getByRole('button', { name: 'References…' }).click();
    await page.getByRole('button', { name: /^Accept (all \d+ proposals|the proposal)$/ }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Source of reference 1' }).first().inputValue()).toMatch(/^[0-9a-f]{64}$/);
    // The sample's CSL-JSON reference list (Zotero's export format) adds each reference's item to its binding.
    const references = page.getByRole('dialog', { name: 'References' });
    const listChooser = page.waitForEvent('filechooser');
    await references.getByRole('button', { name: 'Import reference list (CSL-JSON, BibTeX)…' }).click();
    await (await listChooser).setFiles(path.join(SOURCES, 'references.json'));
    await page.getByRole('status').filter({ hasText: /^references\.json: 3 references read/ }).waitFor();
    await references.getByRole('button', { name: /^Accept (all \d+ proposals|the proposal)$/ }).click();
    await references.getByText('Lincoln, 1863. Gettysburg Address').first().waitFor();
    await references.getByRole('button', { name: 'Close' }).click();

    // Claim 2 (index 1): the quote check finds its quotation in the Declaration; attach it with the mouse.
    await claimOptions(page).nth(1).click();
    const checks = evidencePane.getByRole('region', { name: 'Checks' });
    await checks.getByText('Found').waitFor({ timeout: 60_000 });
    await checks.getByRole('button', { name: 'Attach as supporting: candidate 1 of quotation 1' }).click();
    await evidencePane.getByRole('list', { name: 'Evidence' }).getByRole('listitem').first().waitFor();
    await expect(evidencePane.getByRole('list', { name: 'Evidence' }).textContent()).resolves.toContain('Supports');
    await evidencePane.getByRole('combobox', { name: 'Status' }).selectOption('supported');
    await evidencePane.getByRole('textbox', { name: 'Status note' }).fill('verbatim in the Declaration');
    await evidencePane.getByRole('button', { name: 'Set status' }).click();
    await evidencePane.getByRole('list', { name: 'Status history' }).getByText(/unreviewed → supported/).waitFor();

    // Claim 10 (index 9) quotes Lincoln's Second Inaugural, which is in no source: flagged.
    await claimOptions(page).nth(9).click();
    await checks.getByText('Not found in any source').waitFor();
    await expect(claimOptions(page).nth(9).textContent()).resolves.toContain('Quote not found in any source');

    // Claim 4 (index 3) cites [1]: 4 but the words are on printed page 2: highlight them in the PDF, attach
    // with the keyboard as contradicting; the cited-page check flags the mismatch.
    await claimOptions(page).nth(3).click();
    await page.getByRole('list', { name: 'Source files' }).getByRole('button', { name: /^PDF Declaration of Independence/ }).click();
    const viewer = '[data-rendered-pages]';
    await page.waitForSelector('[data-text-layer="ready"]');
    await page.getByRole('button', { name: 'Page 3' }).or(page.getByRole('group', { name: 'Page 2' })).first().scrollIntoViewIfNeeded();
    await page.getByRole('textbox', { name: 'Page' }).fill('2');
    await page.getByRole('textbox', { name: 'Page' }).press('Enter');
    // The claim's own text says these words too, so wait for the PDF's text layer itself: retry the
    // selection until page 2 has rendered them.
    let selected = '';
    await expect
      .poll(
        async () => {
          selected = await selectText(page, viewer, 'He has kept among us', 'Consent of our legislatures.').catch(() => '');
          return selected !== '';
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    expect(selected.replace(/\s+/g, ' ')).toContain('in times of peace, Standing Armies');
    await page.getByRole('button', { name: 'Highlight selection' }).click();
    await evidencePane.getByRole('region', { name: 'Attach passage' }).getByText(/He has kept among us/).waitFor();
    await page.locator('body').press('2');
    await evidencePane.getByRole('list', { name: 'Evidence' }).getByText('Contradicts').waitFor();
    await claimOptions(page).nth(3).getByText('Cited page mismatch').waitFor();
    await evidencePane.getByRole('combobox', { name: 'Status' }).selectOption('disputed');
    await evidencePane.getByRole('button', { name: 'Set status' }).click();

    // Claim 12 (index 11): a passage across two cues of the transcript, attached as context with the mouse.
    await claimOptions(page).nth(11).click();
    await page.getByRole('list', { name: 'Source files' }).getByRole('button', { name: /^Transcript .*Origin of Species/ }).click();
    await page.getByRole('list', { name: 'Cues' }).waitFor();
    await selectText(page, '[aria-label="Cues"]', 'grandeur in this view of life', 'from so simple a beginning');
    await page.getByRole('button', { name: 'Highlight selection' }).click();
    await evidencePane.getByRole('region', { name: 'Attach passage' }).getByRole('button', { name: /Context/ }).click();
    await evidencePane.getByRole('list', { name: 'Evidence' }).getByText('Context').waitFor();
    await page.locator('mark[data-passage-id]').first().waitFor();

    // Reload: the workspace reopens with everything in place.
    await page.reload();
    await claimOptions(page).first().waitFor();
    await expect(claimOptions(page).nth(1).textContent()).resolves.toContain('1 evidence');
    await expect(claimOptions(page).nth(1).textContent()).resolves.toContain('supported');
    await expect(claimOptions(page).nth(3).textContent()).resolves.toContain('disputed');
    await expect(claimOptions(page).nth(11).textContent()).resolves.toContain('1 evidence');
    await claimOptions(page).nth(3).click();
    await evidencePane.getByRole('button', { name: /Show evidence He has kept among us/ }).click();
    await page.locator('mark[data-passage-id]').first().waitFor({ timeout: 30_000 });

    // The ledger verifies.
    await page.getByRole('navigation', { name: 'Workspace actions' }).getByRole('button', { name: 'Verify workspace' }).click();
    await page.getByRole('status').filter({ hasText: /Workspace verified: \d+ entries/ }).waitFor({ timeout: 60_000 });

    // A new version of the sample draft, one claim reworded: the pane then shows the current versions only.
    const dir = mkdtempSync(path.join(tmpdir(), 'pd-revision-'));
    try {
      const revised = path.join(dir, 'draft.txt');
      writeFileSync(revised, readFileSync(path.join(SAMPLE, 'draft.txt'), 'utf8').replace('was adopted by the Second', 'was approved by the Second'));
      await claimOptions(page).first().click();
      await evidencePane.getByText(/import a new version of its draft/).click(); // opens the claim editor's <details>
      await page.getByRole('button', { name: 'Import a new version of this draft…' }).click();
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Choose file…' }).click();
      await (await chooser).setFiles(revised);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const report = page.getByRole('dialog', { name: /New version of/ });
      await report.getByText(/12 unchanged, 1 edited, 0 new, 0 removed; 3 evidence item\(s\) carried over/).waitFor();
      await report.getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => draftSelect.inputValue()).toBe('current');
      await page.getByText('43 claims', { exact: true }).waitFor();
      await draftSelect.selectOption('all');
      await page.getByText('56 claims', { exact: true }).waitFor();
      await expect(claimOptions(page).first().textContent()).resolves.toContain('was adopted by the Second');
      await draftSelect.selectOption({ label: 'draft (new version)' });
      await page.getByText('13 claims', { exact: true }).waitFor();
      await expect(claimOptions(page).first().textContent()).resolves.toContain('was approved by the Second');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(problems).toEqual([]);
  });
});
