import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { claimOptions, createWorkspace, importDraftFile, REPO, SHARED, selectText } from './app-helpers.ts';
import { openSession, watchProblems, type Session } from './browser.ts';
import { manyPagesLine, manyPagesPdf } from './fixtures/make-pdf.ts';

// Issue 9, item 5: faults lose nothing. The page is closed (no beforeunload) in the middle of an import
// and of an evidence attach; a new page of the same persistent profile reopens the workspace, which
// verifies and holds each change whole or not at all. Storage running out during an import is a clear
// error that names the file and leaves no partial source. A second window upgrading the database tells
// the first, which reloads onto the upgraded database with nothing lost.
const DRAFT = path.join(REPO, 'resources/sample/draft.txt');
/** A second draft of 30 claims (the claims pane shows the total as "N claims"). */
const SECOND_DRAFT = path.join(SHARED, 'fixtures/drafts/1988-executions-excerpt.txt');
const LAST_WORKSPACE_KEY = 'provenance-desk.last-workspace';

/** Everything a workspace database holds that a source or an evidence attach writes, read in one transaction. */
interface Snapshot {
  sources: { sha256: string; size: number }[];
  files: { sha256: string; size: number; blobSize: number }[];
  texts: { sha256: string; text: string }[];
  passages: string[];
  evidence: { id: string; passageId: string }[];
  ledger: { seq: number; type: string; key: string | null }[];
}

async function workspaceId(page: Page): Promise<string> {
  const id = await page.evaluate((key) => localStorage.getItem(key), LAST_WORKSPACE_KEY);
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id!;
}

/** Reads the workspace's database directly (not through the app), all stores in one read-only transaction. */
async function snapshot(page: Page, id: string): Promise<Snapshot> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const stores = ['sources', 'files', 'sourceTexts', 'passages', 'evidence', 'ledger'] as const;
    const tx = db.transaction([...stores], 'readonly');
    const all = (store: string) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const req = tx.objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as Record<string, unknown>[]);
        req.onerror = () => reject(req.error);
      });
    const [sources, files, texts, passages, evidence, ledger] = await Promise.all(stores.map(all));
    db.close();
    return {
      sources: sources!.map((s) => ({ sha256: String(s['sha256']), size: Number(s['size']) })),
      files: files!.map((f) => ({ sha256: String(f['sha256']), size: Number(f['size']), blobSize: (f['blob'] as Blob).size })),
      texts: texts!.map((t) => ({ sha256: String(t['sha256']), text: String(t['text']) })),
      passages: passages!.map((p) => String(p['id'])),
      evidence: evidence!.map((e) => ({ id: String(e['id']), passageId: String(e['passageId']) })),
      ledger: ledger!.map((row) => {
        const entry = JSON.parse(String(row['line'])) as { type: string; payload: Record<string, Record<string, unknown>> };
        const p = entry.payload;
        const key =
          entry.type === 'source.added' ? String(p['source']!['sha256']) : entry.type === 'passage.created' ? String(p['passage']!['id']) : entry.type === 'evidence.attached' ? String(p['evidence']!['id']) : null;
        return { seq: Number(row['seq']), type: entry.type, key };
      }),
    };
  }, `provenance-desk-workspace-${id}`);
}

const sorted = (xs: Iterable<string>) => [...xs].sort();
const keysOf = (snap: Snapshot, type: string) => sorted(snap.ledger.filter((e) => e.type === type).map((e) => e.key!));

/** Every change is in the state and the ledger together, or in neither: no row without its entry, no entry without its rows. */
function expectWholeOrNone(snap: Snapshot): void {
  expect(snap.ledger.map((e) => e.seq)).toEqual(snap.ledger.map((_, i) => i));
  const added = keysOf(snap, 'source.added');
  expect(sorted(snap.sources.map((s) => s.sha256))).toEqual(added);
  expect(sorted(snap.files.map((f) => f.sha256))).toEqual(added);
  expect(sorted(snap.texts.map((t) => t.sha256))).toEqual(added);
  for (const f of snap.files) {
    expect(f.blobSize).toBe(f.size);
    expect(snap.sources.find((s) => s.sha256 === f.sha256)?.size).toBe(f.size);
  }
  expect(sorted(snap.passages)).toEqual(keysOf(snap, 'passage.created'));
  expect(sorted(snap.evidence.map((e) => e.id))).toEqual(keysOf(snap, 'evidence.attached'));
  for (const e of snap.evidence) expect(snap.passages).toContain(e.passageId);
}

/** Closes a page the way a crash or a killed window does: no beforeunload, nothing awaited in it. */
async function slam(page: Page): Promise<void> {
  await page.close({ runBeforeUnload: false });
}

/** Opens the app in a new page of the profile; the last workspace reopens. */
async function reopen(context: BrowserContext, problems: string[]): Promise<Page> {
  const page = await context.newPage();
  watchProblems(page, problems);
  await page.goto(inject('baseURL'));
  await page.getByRole('region', { name: 'Claims' }).waitFor();
  return page;
}

/** Runs "Verify workspace" and resolves to the number of entries it verified. */
async function verifyInApp(page: Page): Promise<number> {
  // A message still shown from an earlier verification must not be taken for this one's.
  const dismiss = page.getByRole('button', { name: 'Dismiss message' });
  if ((await dismiss.count()) > 0) await dismiss.click();
  await page.getByRole('navigation', { name: 'Workspace actions' }).getByRole('button', { name: 'Verify workspace' }).click();
  const status = page.getByRole('status').filter({ hasText: /Workspace verified: \d+ entries/ });
  await status.waitFor({ timeout: 60_000 });
  return Number(/Workspace verified: (\d+) entries/.exec((await status.textContent()) ?? '')![1]);
}

/** Starts importing files through the picker; resolves as soon as the file chooser took them. */
async function startImport(page: Page, files: string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('navigation', { name: 'Workspace actions' }).getByRole('button', { name: 'Add sources…' }).click();
  await (await chooser).setFiles(files);
}

describe('faults lose nothing, in Chromium', () => {
  let session: Session;
  let dir: string;
  let commitWaiters: { page: Page; resolve(): void }[] = [];
  /** Resolves when `page` next starts a read-write transaction over the ledger: a commit is in flight. */
  const nextCommit = (page: Page) => new Promise<void>((resolve) => commitWaiters.push({ page, resolve }));
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pd-faults-'));
    session = await openSession();
    commitWaiters = [];
    await session.context.exposeBinding('__commitStarted', ({ page }) => {
      for (const w of commitWaiters.filter((x) => x.page === page)) w.resolve();
      commitWaiters = commitWaiters.filter((x) => x.page !== page);
    });
    // Every change is one read-write transaction over the state tables and the ledger (store/commit.ts): report
    // each one as it starts, so the test can close the page while it runs.
    await session.context.addInitScript(() => {
      const original = IDBDatabase.prototype.transaction;
      IDBDatabase.prototype.transaction = function (this: IDBDatabase, names: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) {
        const tx = original.call(this, names, mode, options);
        if (mode === 'readwrite' && (typeof names === 'string' ? [names] : [...names]).includes('ledger')) {
          void (window as unknown as { __commitStarted?(): Promise<void> }).__commitStarted?.();
        }
        return tx;
      } as typeof original;
    });
  });
  afterEach(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a page closed in the middle of importing a big PDF: on reopen the source is whole or absent, and it imports again', async () => {
    const { context, problems } = session;
    let page = session.page;
    await createWorkspace(page, inject('baseURL'), 'Import faults');
    const id = await workspaceId(page);
    const PAGES = 240;
    const LINES = 45;
    // Three different big files (their fillers differ), each closed at a later point of its import: as soon
    // as its progress bar shows, past half its pages, and when the store's one transaction has started.
    const stages = ['progress bar shown', 'half the pages extracted', 'its transaction started'] as const;
    const files = stages.map((_, i) => {
      const file = path.join(dir, `big-${i}.pdf`);
      writeFileSync(file, manyPagesPdf(PAGES, LINES, 2_000_000, i + 1));
      return file;
    });
    const outcomes: string[] = [];
    for (const [i, stage] of stages.entries()) {
      const name = path.basename(files[i]!);
      const committing = nextCommit(page);
      await startImport(page, [files[i]!]);
      const bar = page.getByRole('progressbar', { name: `Importing ${name}` });
      await bar.waitFor();
      if (stage === 'half the pages extracted') {
        // The bar's value is pages extracted; the job leaves the list when the import is done.
        await expect
          .poll(async () => (await bar.count()) === 0 || Number((await bar.getAttribute('value', { timeout: 1_000 }).catch(() => null)) ?? 0) >= PAGES / 2, {
            timeout: 60_000,
            interval: 5,
          })
          .toBe(true);
      } else if (stage === 'its transaction started') await committing;
      await slam(page);
      page = await reopen(context, problems);
      expect(await workspaceId(page)).toBe(id);
      const entries = await verifyInApp(page);
      const snap = await snapshot(page, id);
      expect(entries).toBe(snap.ledger.length);
      expectWholeOrNone(snap);
      outcomes.push(`${stage}: ${snap.sources.length > outcomes.filter((o) => o.endsWith('whole')).length ? 'whole' : 'none'}`);
    }
    // Whatever each close left, every file imports now (or is already there, whole): none is half-stored.
    const listed = page.getByRole('list', { name: 'Source files' });
    await startImport(page, files);
    for (const file of files) await listed.getByRole('button', { name: `PDF ${path.basename(file, '.pdf')}` }).waitFor({ timeout: 120_000 });
    await expect(page.getByRole('list', { name: 'Imports' }).getByRole('alert').count()).resolves.toBe(0);
    const snap = await snapshot(page, id);
    expectWholeOrNone(snap);
    expect(snap.sources).toHaveLength(files.length);
    for (const t of snap.texts) expect(t.text).toContain(manyPagesLine(PAGES, LINES));
    expect(await verifyInApp(page)).toBe(snap.ledger.length);
    console.info(`import closed mid-way: ${outcomes.join('; ')}`);
    expect(problems).toEqual([]);
  });

  it('a page closed right after an evidence attach is asked for: on reopen the passage and its evidence are both there or both absent', async () => {
    const { context, problems } = session;
    let page = session.page;
    await createWorkspace(page, inject('baseURL'), 'Attach faults');
    const id = await workspaceId(page);
    await importDraftFile(page, DRAFT);
    const pdf = path.join(dir, 'minutes.pdf');
    writeFileSync(pdf, manyPagesPdf(1, 12));
    await startImport(page, [pdf]);
    await page.getByRole('list', { name: 'Source files' }).getByRole('button', { name: /^PDF minutes/ }).waitFor({ timeout: 60_000 });
    const before = (await snapshot(page, id)).ledger.length;
    const outcomes: boolean[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      await claimOptions(page).nth(attempt).click();
      await page.getByRole('list', { name: 'Source files' }).getByRole('button', { name: /^PDF minutes/ }).click();
      await page.waitForSelector('[data-page-index="0"][data-text-layer="ready"]', { timeout: 60_000 });
      await selectText(page, '[data-page-index="0"]', `Page 1 line ${attempt + 1}:`, 'kept the ledger.');
      await page.getByRole('button', { name: 'Highlight selection' }).click();
      await page.getByRole('region', { name: 'Evidence' }).getByRole('region', { name: 'Attach passage' }).waitFor();
      // 1 attaches as supporting: a passage.created and an evidence.attached in one transaction. The first
      // time the page is closed as soon as the key is in, then as soon as that transaction has started.
      const committing = nextCommit(page);
      await page.locator('body').press('1');
      if (attempt > 0) await committing;
      await slam(page);
      page = await reopen(context, problems);
      const entries = await verifyInApp(page);
      const snap = await snapshot(page, id);
      expect(entries).toBe(snap.ledger.length);
      expectWholeOrNone(snap);
      const attached = snap.evidence.length > outcomes.filter(Boolean).length;
      outcomes.push(attached);
      expect(snap.ledger.length).toBe(before + 2 * outcomes.filter(Boolean).length);
    }
    console.info(`attach closed mid-way: ${outcomes.map((o) => (o ? 'whole' : 'none')).join(', ')}`);
    expect(problems).toEqual([]);
  });

  it('a page closed in the middle of an export: no packet.exported without a finished download, and the workspace verifies', async () => {
    const { context, problems } = session;
    let page = session.page;
    await createWorkspace(page, inject('baseURL'), 'Export faults');
    const id = await workspaceId(page);
    await importDraftFile(page, DRAFT);
    // Sources included make the packet big enough for its build to be under way when the page closes.
    const big = path.join(dir, 'record.pdf');
    writeFileSync(big, manyPagesPdf(120, 40, 3_000_000, 11));
    await startImport(page, [big]);
    await page.getByRole('list', { name: 'Source files' }).getByRole('button', { name: /^PDF record/ }).waitFor({ timeout: 60_000 });
    const stages = ['its progress bar shown', 'its packet.exported transaction started'] as const;
    const outcomes: string[] = [];
    for (const stage of stages) {
      const downloads: Download[] = [];
      page.on('download', (d) => downloads.push(d));
      const before = (await snapshot(page, id)).ledger.filter((e) => e.type === 'packet.exported').length;
      await page.getByRole('navigation', { name: 'Workspace actions' }).getByRole('button', { name: 'Export packet…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Export evidence packet' });
      await dialog.getByRole('checkbox', { name: 'Include source files' }).check();
      const committing = nextCommit(page);
      await dialog.getByRole('button', { name: 'Export…' }).click();
      if (stage === 'its progress bar shown') await dialog.getByRole('progressbar', { name: 'Export progress' }).waitFor();
      else await committing;
      await slam(page);
      page = await reopen(context, problems);
      const entries = await verifyInApp(page);
      const snap = await snapshot(page, id);
      expect(entries).toBe(snap.ledger.length);
      expectWholeOrNone(snap);
      const recorded = snap.ledger.filter((e) => e.type === 'packet.exported').length - before;
      expect(recorded === 0 || recorded === 1).toBe(true);
      // A recorded export has its packet: a download that finished, whole (a zip).
      const finished: number[] = [];
      for (const d of downloads) {
        if ((await d.failure()) !== null) continue;
        const saved = path.join(dir, `packet-${outcomes.length}-${finished.length}.zip`);
        await d.saveAs(saved);
        const bytes = readFileSync(saved);
        expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
        finished.push(bytes.length);
      }
      if (recorded === 1) expect(finished).toHaveLength(1);
      outcomes.push(`${stage}: ${recorded === 1 ? 'recorded' : 'not recorded'}, ${finished.length} finished download(s)`);
    }
    console.info(`export closed mid-way: ${outcomes.join('; ')}`);
    expect(problems).toEqual([]);
  });

  it('storage running out during an import: a clear error naming the file, no partial source; a file that fits imports after it', async () => {
    const { context, page, problems } = session;
    // Chromium applies a quota override only to an origin that has not stored anything yet in this session,
    // so it is set before the app first runs: room for the workspace and a draft, not for a 4 MB PDF.
    const origin = new URL(inject('baseURL')).origin;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1_500_000 });
    await createWorkspace(page, inject('baseURL'), 'Quota');
    const id = await workspaceId(page);
    await importDraftFile(page, DRAFT);

    const before = await snapshot(page, id);
    const file = path.join(dir, 'too-big.pdf');
    writeFileSync(file, manyPagesPdf(20, 30, 4_000_000, 7));
    await startImport(page, [file]);
    const alert = page.getByRole('list', { name: 'Imports' }).getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    const message = (await alert.textContent()) ?? '';
    expect(message).toContain('too-big.pdf');
    expect(message).toMatch(/storage|space|quota/i);
    await expect(page.getByRole('list', { name: 'Source files' }).count()).resolves.toBe(0);
    const after = await snapshot(page, id);
    expectWholeOrNone(after);
    expect(after).toEqual(before);
    expect(await verifyInApp(page)).toBe(before.ledger.length);

    // Nothing half-stored stands in the way: a PDF that fits imports whole.
    await page.getByRole('button', { name: 'Dismiss too-big.pdf' }).click();
    const small = path.join(dir, 'fits.pdf');
    writeFileSync(small, manyPagesPdf(2, 10));
    await startImport(page, [small]);
    await page.getByRole('list', { name: 'Source files' }).getByRole('button', { name: /^PDF fits/ }).waitFor({ timeout: 60_000 });
    const done = await snapshot(page, id);
    expectWholeOrNone(done);
    expect(done.sources).toHaveLength(1);
    expect(await verifyInApp(page)).toBe(before.ledger.length + 1);
    expect(problems).toEqual([]);
  });

  it('a second window upgrading the database: the first is told, reloads onto the new version, nothing is lost', async () => {
    const { context, problems } = session;
    const a = session.page;
    await createWorkspace(a, inject('baseURL'), 'Upgrade');
    const id = await workspaceId(a);
    await importDraftFile(a, DRAFT);
    const claimsText = (await a.getByText(/^\d+ claims$/).textContent()) ?? '';
    const claims = Number(/^(\d+) claims$/.exec(claimsText)?.[1]);
    expect(claims).toBeGreaterThan(10);
    const before = await snapshot(a, id);

    // Window B: the same app, same profile; it reopens the workspace too, then a newer app version opens the
    // database one version up and adds a store, as a real schema upgrade would.
    const b = await reopen(context, problems);
    const name = `provenance-desk-workspace-${id}`;
    const versions = await b.evaluate(async (name) => {
      const listed = (await indexedDB.databases()).find((d) => d.name === name);
      if (!listed?.version) throw new Error(`${name} is not listed`);
      const from = listed.version;
      return new Promise<{ from: number; to: number; stores: string[] }>((resolve, reject) => {
        const req = indexedDB.open(name, from + 10);
        req.onupgradeneeded = () => req.result.createObjectStore('futureNotes', { keyPath: 'id' });
        req.onblocked = () => reject(new Error('the upgrade was blocked: a window kept its connection open'));
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const out = { from, to: db.version, stores: [...db.objectStoreNames] };
          db.close();
          resolve(out);
        };
      });
    }, name);
    expect(versions.to).toBe(versions.from + 10);
    expect(versions.stores).toContain('futureNotes');

    const dialog = a.getByRole('alertdialog', { name: /This workspace was upgraded in another window/ });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Reload now' }).click();
    await a.getByRole('region', { name: 'Claims' }).waitFor();
    await claimOptions(a).first().waitFor();
    await a.getByText(`${claims} claims`, { exact: true }).waitFor();
    await expect(dialog.count()).resolves.toBe(0);
    expect(await verifyInApp(a)).toBe(before.ledger.length);
    expect(await snapshot(a, id)).toEqual(before);
    // The reloaded window writes to the upgraded database (still at the newer version, its store kept).
    await importDraftFile(a, SECOND_DRAFT);
    await a.getByText(`${claims + 30} claims`, { exact: true }).waitFor();
    const now = await a.evaluate(async (name) => (await indexedDB.databases()).find((d) => d.name === name)?.version, name);
    expect(now).toBe(versions.to);
    expect(await verifyInApp(a)).toBe(before.ledger.length + 1);
    expect(problems).toEqual([]);
  });
});
