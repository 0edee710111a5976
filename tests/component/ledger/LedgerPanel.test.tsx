// The Ledger panel on a real workspace in fake-indexeddb (issue 3 gaps): entries newest first from the
// store's paged queries, filters by type and actor, more pages read as the list scrolls, appended entries
// shown live; the last verification listed check by check from verifyWorkspace's real report.
import 'fake-indexeddb/auto';
import { Blob as NodeBlob } from 'node:buffer';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toEntryLine } from '../../../shared/ledger/entry.ts';
import type { LedgerEntry, LedgerEvent } from '../../../shared/types/events.ts';
import { LedgerPanel } from '../../../renderer/src/ledger/LedgerPanel.tsx';
import { LEDGER_PAGE_SIZE } from '../../../renderer/src/ledger/use-ledger-pages.ts';
import { VERIFY_STARTED, verifyFraction } from '../../../renderer/src/ledger/verify-progress.ts';
import { makeCheckpoint } from '../../../renderer/src/store/checkpoints.ts';
import { commit, commitAll } from '../../../renderer/src/store/commit.ts';
import { DeskDb } from '../../../renderer/src/store/db.ts';
import { WORKSPACE_CHECKS, verifyWorkspace, type WorkspaceProgress } from '../../../renderer/src/store/verify.ts';
import { RegistryDb, fixtureWorkspace } from '../packet/workspace-fixture.ts';

// fake-indexeddb stores values with Node's structuredClone, which cannot clone jsdom's Blob; a browser's
// IndexedDB stores real Blobs, as Node's are, so verifyWorkspace can hash the stored source file.
const JsdomBlob = globalThis.Blob;
beforeAll(() => {
  globalThis.Blob = NodeBlob as unknown as typeof Blob;
});
afterAll(() => {
  globalThis.Blob = JsdomBlob;
});

const packet = (n: number): LedgerEvent => ({ type: 'packet.exported', payload: { fileName: `p${n}.zip`, checkpointSize: 1, claims: 0, evidence: 0, includesSources: false } });

let workspaces = 0;
async function workspace(extra = 0): Promise<DeskDb> {
  const db = await fixtureWorkspace(new RegistryDb(), `Ledger panel ${++workspaces}`);
  if (extra > 0) await commitAll(db, 'bo', Array.from({ length: extra }, (_, i) => packet(i)));
  return db;
}

const list = () => screen.getByRole('list', { name: 'Ledger entries' });
const items = () => within(list()).getAllByRole('listitem');
const seqOf = (item: HTMLElement) => Number(/^#(\d+)/.exec(item.textContent ?? '')?.[1] ?? NaN);

/** Every row read so far sits where it belongs: position i shows the i-th newest matching entry. */
function expectRowsInPlace(seqs: number[]): void {
  for (const item of items()) {
    if (item.getAttribute('aria-busy') === 'true') continue;
    expect(seqOf(item)).toBe(seqs[Number(item.dataset.index)]);
  }
}

function scrollListTo(top: number): void {
  const el = list();
  Object.defineProperty(el, 'scrollTop', { configurable: true, value: top });
  fireEvent.scroll(el);
}

/** The panel as the desk uses it: verification runs through verifyWorkspace, its progress fed back. */
function Desk({ db, seen }: { db: DeskDb; seen: WorkspaceProgress[] }) {
  const [progress, setProgress] = useState<WorkspaceProgress | null>(null);
  const verify = () => {
    setProgress(VERIFY_STARTED);
    void verifyWorkspace(db, (p) => {
      seen.push(p);
      setProgress(p);
    })
      .catch((e: unknown) => seen.push({ phase: 'files', done: -1, total: String(e).length }))
      .finally(() => setProgress(null));
  };
  return <LedgerPanel db={db} onVerify={verify} progress={progress} onCheckpoint={() => void makeCheckpoint(db)} />;
}

describe('LedgerPanel', () => {
  it('lists entries newest first from the store, each with its summary and hash, and reads more pages as the list scrolls', async () => {
    const db = await workspace(300);
    const rows = (await db.ledger.orderBy('seq').reverse().toArray()).map((r) => r.seq);
    expect(rows).toHaveLength(308);
    render(<LedgerPanel db={db} onVerify={() => undefined} progress={null} onCheckpoint={() => undefined} />);
    expect(await screen.findByText('#307')).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'Matching entries' })).toHaveTextContent('308 entries');
    expect(items()[0]).toHaveTextContent('#307');
    expect(items()[0]).toHaveTextContent('Packet p299.zip: 0 claims, 0 evidence');
    expect(items()[0]).toHaveTextContent((await db.ledger.get(307))!.leaf.slice(0, 16));
    expect(items().length).toBeLessThan(60);
    expectRowsInPlace(rows);
    expect(screen.getByRole('status', { name: 'Last verification' })).toHaveTextContent('Never verified');

    // Scrolling past the first page reads the rows it reaches.
    scrollListTo(200 * 40);
    await waitFor(() => {
      expect(items().every((i) => i.getAttribute('aria-busy') !== 'true')).toBe(true);
      expect(seqOf(items()[0]!)).toBeLessThan(308 - LEDGER_PAGE_SIZE);
    });
    expectRowsInPlace(rows);
    // To the end: the oldest entry, workspace.created.
    scrollListTo(400 * 44);
    expect(await screen.findByText('#0')).toBeInTheDocument();
    expect(screen.getByText(/^Workspace “Ledger panel \d+” created$/)).toBeInTheDocument();
    expectRowsInPlace(rows);
  });

  it('filters by type and by actor through the indexes', async () => {
    const db = await workspace(3);
    const user = userEvent.setup();
    render(<LedgerPanel db={db} onVerify={() => undefined} progress={null} onCheckpoint={() => undefined} />);
    const count = () => screen.getByRole('status', { name: 'Matching entries' });
    await waitFor(() => expect(count()).toHaveTextContent('11 entries'));
    const typeMenu = screen.getByRole('combobox', { name: 'Filter by type' });
    await waitFor(() => expect(within(typeMenu).getAllByRole('option').map((o) => o.textContent)).toEqual(['All types', 'draft.imported', 'evidence.attached', 'packet.exported', 'passage.created', 'reference.bound', 'source.added', 'workspace.created']));
    expect(within(screen.getByRole('combobox', { name: 'Filter by actor' })).getAllByRole('option').map((o) => o.textContent)).toEqual(['All actors', 'ana', 'auto-check', 'bo']);

    await user.selectOptions(typeMenu, 'evidence.attached');
    await waitFor(() => expect(count()).toHaveTextContent('2 entries'));
    await waitFor(() => expect(items().map(seqOf)).toEqual([7, 6]));
    expect(items()[0]).toHaveTextContent('Evidence context claim c2');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by actor' }), 'auto-check');
    await waitFor(() => expect(count()).toHaveTextContent('1 entry'));
    await waitFor(() => expect(items().map(seqOf)).toEqual([7]));

    await user.selectOptions(typeMenu, 'all');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by actor' }), 'bo');
    await waitFor(() => expect(items().map(seqOf)).toEqual([10, 9, 8]));
    expect(count()).toHaveTextContent('3 entries');
  });

  it('shows a newly committed entry at the top, live, keeping scrolled rows in place', async () => {
    const db = await workspace(250);
    render(<LedgerPanel db={db} onVerify={() => undefined} progress={null} onCheckpoint={() => undefined} />);
    expect(await screen.findByText('#257')).toBeInTheDocument();
    await act(() => commit(db, 'ana', packet(1000)));
    await waitFor(() => expect(items()[0]).toHaveTextContent('#258'));
    expect(items()[0]).toHaveTextContent('Packet p1000.zip');
    expect(screen.getByRole('status', { name: 'Matching entries' })).toHaveTextContent('259 entries');
    expectRowsInPlace(Array.from({ length: 259 }, (_, i) => 258 - i));

    // Scrolled into the second page, then two more appended: every row read moves down by two.
    scrollListTo(150 * 40);
    await waitFor(() => expect(items().every((i) => i.getAttribute('aria-busy') !== 'true')).toBe(true));
    await act(() => commitAll(db, 'bo', [packet(1001), packet(1002)]));
    await waitFor(() => expect(screen.getByRole('status', { name: 'Matching entries' })).toHaveTextContent('261 entries'));
    await waitFor(() => expect(items().every((i) => i.getAttribute('aria-busy') !== 'true')).toBe(true));
    expectRowsInPlace(Array.from({ length: 261 }, (_, i) => 260 - i));
  });

  it('drops the rows it held when the ledger under them was replaced (a restore in place)', async () => {
    const db = await workspace();
    render(<LedgerPanel db={db} onVerify={() => undefined} progress={null} onCheckpoint={() => undefined} />);
    await screen.findByText('#7');
    // Another history from seq 5 on, one entry longer: only the new top is missing, but the rows held
    // for seq 5…7 are no longer those of the ledger.
    const rows = await db.ledger.bulkGet([5, 6, 7]);
    await act(() =>
      db.transaction('rw', db.ledger, async () => {
        await db.ledger.bulkPut(rows.map((r, i) => ({ ...r!, leaf: 'abc'[i]!.repeat(64) })));
        await db.ledger.add({ ...rows[2]!, seq: 8, leaf: 'e'.repeat(64) });
      }),
    );
    await waitFor(() => expect(items()[0]).toHaveTextContent('e'.repeat(16)));
    await waitFor(() => expect(items().slice(1, 4).map((i) => i.querySelector('code')?.textContent)).toEqual(['c'.repeat(16), 'b'.repeat(16), 'a'.repeat(16)]));
    expectRowsInPlace([8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  it('lets the keyboard reach the filters, the actions and the scrolling list', async () => {
    const db = await workspace();
    const user = userEvent.setup();
    render(<LedgerPanel db={db} onVerify={() => undefined} progress={null} onCheckpoint={() => undefined} />);
    await screen.findByText('#7');
    await user.tab();
    expect(screen.getByRole('button', { name: 'Verify workspace' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Make checkpoint' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('combobox', { name: 'Filter by type' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('combobox', { name: 'Filter by actor' })).toHaveFocus();
    await user.tab();
    expect(list()).toHaveFocus();
  });

  it("lists verifyWorkspace's named checks, all passed, with one progress bar over the whole run", async () => {
    const db = await workspace(2);
    await makeCheckpoint(db);
    const seen: WorkspaceProgress[] = [];
    const user = userEvent.setup();
    render(<Desk db={db} seen={seen} />);
    await screen.findByText('#9');
    await user.click(screen.getByRole('button', { name: 'Verify workspace' }));
    const result = await screen.findByRole('region', { name: 'Verification result' });
    const table = within(result).getByRole('table', { name: 'Checks' });
    const body = within(table).getAllByRole('row').slice(1);
    expect(body.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([...WORKSPACE_CHECKS]);
    for (const r of body) expect(r).toHaveTextContent('Passed');
    expect(within(table).getByRole('row', { name: /^merkle/ })).toHaveTextContent(/10 leaf hashes recomputed; root [0-9a-f]{64}/);
    expect(within(table).getByRole('row', { name: /^files/ })).toHaveTextContent('1 stored file(s) match their SHA-256');
    expect(within(result).getByText(/^10 entries verified, root/)).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'Last verification' })).toHaveTextContent(/^Verified /);
    expect(screen.queryByText(/First failure/)).toBeNull();
    expect(screen.queryByRole('progressbar')).toBeNull();

    // The bar's value never goes back: each phase continues where the last one ended.
    expect(new Set(seen.map((p) => p.phase))).toEqual(new Set(['entries', 'checkpoints', 'state', 'files']));
    const fractions = seen.map(verifyFraction);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]!).toBeGreaterThanOrEqual(fractions[i - 1]!);
    expect(fractions.at(-1)).toBe(1);
  });

  it('shows a running verification as one bar with its phase named', () => {
    render(<LedgerPanel db={new DeskDb('ledger-panel-progress')} onVerify={() => undefined} progress={{ phase: 'state', done: 1, total: 4 }} onCheckpoint={() => undefined} />);
    const bar = screen.getByRole('progressbar', { name: 'Verification progress' });
    expect(Number(bar.getAttribute('value'))).toBeCloseTo(0.7 + 0.05 + 0.15 * 0.25);
    expect(screen.getByText('Phase 3 of 4: stored state against the replay (1 of 4)')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Verify workspace' })).toBeDisabled();
  });

  it('puts the failing check of a tampered workspace first, naming the entry', async () => {
    const db = await workspace();
    await makeCheckpoint(db);
    const row = (await db.ledger.get(3))!;
    await db.ledger.put({ ...row, line: toEntryLine({ ...(JSON.parse(row.line) as LedgerEntry), actor: 'mallory' }) });
    const user = userEvent.setup();
    render(<Desk db={db} seen={[]} />);
    await screen.findByText('#7');
    await user.click(screen.getByRole('button', { name: 'Verify workspace' }));
    const result = await screen.findByRole('region', { name: 'Verification result' });
    expect(within(result).getByText(/^First failure \(merkle check, entry 3\): entry 3 does not match the hash recorded when it was written/)).toHaveClass('verify-failure');
    const body = within(within(result).getByRole('table', { name: 'Checks' })).getAllByRole('row').slice(1);
    expect(within(body[0]!).getByRole('rowheader')).toHaveTextContent('merkle');
    expect(body[0]).toHaveTextContent('FAILED (first)');
    expect(body[0]).toHaveTextContent('entry 3 does not match the hash recorded');
    // Then the other failures (the line's actor no longer matches the indexed copy either), the checks that held, and those the failure stopped.
    expect(body.map((r) => [within(r).getByRole('rowheader').textContent, within(r).getAllByRole('cell')[0]!.textContent])).toEqual([
      ['merkle', 'FAILED (first)'],
      ['checkpoints', 'FAILED'],
      ['index', 'FAILED'],
      ['files', 'Passed'],
      ['entries', 'Not reached'],
      ['replay', 'Not reached'],
      ['keys', 'Not reached'],
      ['consistency', 'Not reached'],
      ['state', 'Not reached'],
    ]);
    expect(screen.getByRole('status', { name: 'Last verification' })).toHaveTextContent(/^Verification FAILED /);
  });

  it('says so when the stored result predates the checks', async () => {
    const db = await workspace();
    await db.settings.put({ key: 'lastVerification', value: { time: '2026-01-01T00:00:00.000Z', ok: true, size: 8, root: 'ab'.repeat(32), failure: null } });
    render(<LedgerPanel db={db} onVerify={() => undefined} progress={null} onCheckpoint={() => undefined} />);
    const result = await screen.findByRole('region', { name: 'Verification result' });
    expect(result).toHaveTextContent('8 entries verified, root abababababababab…');
    expect(result).toHaveTextContent('recorded before each check was kept; verify again');
  });
});
