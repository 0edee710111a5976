import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { claimOptions } from './app-helpers.ts';
import { openSession, watchProblems, type Session } from './browser.ts';

// Issue 8's end-to-end path: export a packet from the app in Chromium, unzip it, open its verify.html
// offline from the folder, it passes; tamper with one byte of the ledger, it fails.
describe('evidence packets in Chromium', () => {
  let session: Session;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pd-packet-'));
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports a packet whose verify.html passes offline, and fails once the ledger is tampered with', async () => {
    const { page, problems, context } = session;
    await page.goto(inject('baseURL'));
    await page.getByRole('textbox', { name: 'Your name' }).fill('Ana');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Open the sample workspace' }).click();
    await claimOptions(page).nth(1).click({ timeout: 90_000 });
    const checks = page.getByRole('region', { name: 'Evidence' }).getByRole('region', { name: 'Checks' });
    await checks.getByText('Found').waitFor({ timeout: 60_000 });
    await checks.getByRole('button', { name: 'Attach as supporting: candidate 1 of quotation 1' }).click();
    await page.getByRole('list', { name: 'Evidence' }).getByRole('listitem').first().waitFor();

    await page.getByRole('button', { name: 'Export packet…' }).click();
    const download = page.waitForEvent('download', { timeout: 90_000 });
    await page.getByRole('dialog', { name: 'Export evidence packet' }).getByRole('button', { name: 'Export…' }).click();
    const zip = path.join(dir, 'packet.zip');
    await (await download).saveAs(zip);
    await page.getByRole('dialog', { name: 'Export evidence packet' }).getByRole('status').waitFor();

    const folder = path.join(dir, 'unzipped');
    execFileSync('unzip', ['-q', zip, '-d', folder]);
    // The manifests check with the standard tool, as anyone would.
    execFileSync('sha256sum', ['--quiet', '-c', 'manifest-sha256.txt'], { cwd: folder });
    execFileSync('sha256sum', ['--quiet', '-c', 'tagmanifest-sha256.txt'], { cwd: folder });

    const verifier = await context.newPage();
    const verifierProblems: string[] = [];
    watchProblems(verifier, verifierProblems);
    const requests: string[] = [];
    verifier.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) requests.push(r.url());
    });
    await verifier.goto(pathToFileURL(path.join(folder, 'verify.html')).href);
    await verifier.locator('#folder').setInputFiles(folder);
    await verifier.getByRole('status').filter({ hasText: /^PASS/ }).waitFor({ timeout: 60_000 });
    await verifier.locator('#zip').setInputFiles(zip);
    await verifier.getByRole('status').filter({ hasText: /^PASS/ }).waitFor({ timeout: 60_000 });

    // One changed byte in the ledger: the verifier names the failure.
    const ledgerPath = path.join(folder, 'data/ledger.jsonl');
    const bytes = readFileSync(ledgerPath);
    const at = bytes.indexOf(Buffer.from('"actor":"Ana"')) + 10;
    bytes[at] = 'B'.charCodeAt(0);
    writeFileSync(ledgerPath, bytes);
    await verifier.reload();
    await verifier.locator('#folder').setInputFiles(folder);
    await verifier.getByRole('alert').filter({ hasText: /^FAIL/ }).waitFor({ timeout: 60_000 });
    expect(requests).toEqual([]);
    expect(verifierProblems).toEqual([]);
    expect(problems).toEqual([]);
  });
});
