// Importing a revision through the draft import dialog and reading its report, by role and label, on the
// real store (fake-indexeddb).
import 'fake-indexeddb/auto';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSelectors } from '../../../shared/anchor/selectors.ts';
import { sha256Hex } from '../../../shared/hash.ts';
import type { Source } from '../../../shared/types/domain.ts';
import type { SourceText } from '../../../shared/types/text.ts';
import { addSource, attachEvidence, importDraft } from '../../../renderer/src/app/actions.ts';
import { DraftImportDialog, type DraftConverters } from '../../../renderer/src/drafts/DraftImportDialog.tsx';
import { RevisionReport, summarizeRevision } from '../../../renderer/src/drafts/RevisionReport.tsx';
import { reviseDraft, type RevisionReport as Report } from '../../../renderer/src/drafts/revise.ts';
import { createBrowserHost } from '../../../renderer/src/host/browser-host.ts';
import type { DeskDb } from '../../../renderer/src/store/db.ts';
import { RegistryDb, createWorkspace } from '../../../renderer/src/store/workspaces.ts';

const V1 = [
  'The commission was formed in July 1988.[1]',
  'It had four members.[2]',
  'Prisoners were asked about their faith.[3]',
  'Families were not told for months.[5]',
  'Montazeri protested in a letter.[6]',
].join('\n');
const V2 = [
  'The commission was formed in late July 1988.[1]',
  'It had four members.[2]',
  'Prisoners were questioned about their faith.[3]',
  'Montazeri protested in two letters.[6]',
  'A new sentence about the archives.[9]',
].join('\n');
const SOURCE_WORDS = 'In July 1988 a commission of four was formed. Relatives learned of the deaths only months later.';

// The plain-text path needs neither converter; pasted HTML would, and fails loudly here.
const converters: DraftConverters = {
  docx: () => Promise.resolve({ ok: false, error: 'no .docx in this test' }),
  html: () => ({ ok: false, error: 'no HTML in this test' }),
};

let db: DeskDb;
let oldId: string;

beforeEach(async () => {
  db = await createWorkspace(new RegistryDb(), 'Revisions', 'Ana');
  oldId = await importDraft(db, 'Ana', { text: V1, origin: 'paste', fileName: null, title: 'Executions v1' });
  const bytes = new TextEncoder().encode(SOURCE_WORDS);
  const sha256 = sha256Hex(bytes);
  const text: SourceText = { type: 'source-text', sha256, kind: 'pdf', text: SOURCE_WORDS, units: [{ kind: 'page', index: 0, label: '1', range: [0, SOURCE_WORDS.length] }] };
  const source: Source = {
    type: 'source', sha256, kind: 'pdf', fileName: 'report.pdf', mediaType: 'application/pdf', size: bytes.length, title: 'UN report', author: null,
    unitCount: 1, recordingSha256: null, replaces: null, pageOffset: 0, addedAt: new Date().toISOString(),
  };
  await addSource(db, 'Ana', { source, text, bytes, itemRanges: null });
  const claims = await db.claims.where('draftId').equals(oldId).sortBy('index');
  const on = async (index: number, quote: string) => {
    const at = SOURCE_WORDS.indexOf(quote);
    await attachEvidence(db, 'Ana', claims[index]!.id, { sourceSha256: sha256, selectors: createSelectors(text, at, at + quote.length), rects: [], speakers: [] }, 'supports', '');
  };
  await on(0, 'a commission of four was formed');
  await on(3, 'Relatives learned of the deaths only months later');
});

/** The dialog and report wired as the Desk wires them. */
function ReviseFlow({ draftId }: { draftId: string }) {
  const [importing, setImporting] = useState(true);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      {importing && (
        <DraftImportDialog
          host={createBrowserHost()}
          converters={converters}
          onClose={() => setImporting(false)}
          onImport={(input) =>
            void reviseDraft(db, 'Bo', draftId, input).then(
              (r) => {
                setImporting(false);
                setReport(r);
              },
              (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
            )
          }
        />
      )}
      {report && <RevisionReport report={report} onClose={() => setReport(null)} />}
      {error && <p role="alert">{error}</p>}
    </>
  );
}

describe('importing a revision and its report', () => {
  it('pastes a new version, imports it and reports edited, new, removed and detached items', async () => {
    const user = userEvent.setup();
    render(<ReviseFlow draftId={oldId} />);
    await user.click(screen.getByRole('textbox', { name: 'Draft text' }));
    await user.paste(V2);
    await user.clear(screen.getByRole('textbox', { name: 'Draft title' }));
    await user.type(screen.getByRole('textbox', { name: 'Draft title' }), 'Executions v2');
    await user.click(screen.getByRole('button', { name: 'Import' }));

    const report = await screen.findByRole('dialog', { name: 'New version of “Executions v1”' });
    expect(within(report).getByRole('status')).toHaveTextContent('1 unchanged, 3 edited, 1 new, 1 removed; 1 evidence item(s) carried over, 1 detached from a removed claim.');
    expect(within(report).getByText(/Imported as “Executions v2”/)).toBeInTheDocument();

    const edited = within(report).getByRole('table', { name: 'Edited claims' });
    const editedRows = within(edited).getAllByRole('row').slice(1);
    expect(editedRows).toHaveLength(3);
    expect(within(editedRows[0]!).getByRole('cell', { name: 'The commission was formed in July 1988.' })).toBeInTheDocument();
    expect(within(editedRows[0]!).getByRole('cell', { name: 'The commission was formed in late July 1988.' })).toBeInTheDocument();
    expect(within(editedRows[0]!).getByText('changed since evidence was attached')).toBeInTheDocument();
    expect(within(edited).getAllByText('changed since evidence was attached')).toHaveLength(1);

    const added = within(report).getByRole('table', { name: 'New claims' });
    expect(within(added).getByRole('cell', { name: 'A new sentence about the archives.' })).toBeInTheDocument();
    const removed = within(report).getByRole('table', { name: 'Removed claims' });
    expect(within(removed).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['4Families were not told for months.1']);
    const detached = within(report).getByRole('table', { name: 'Detached evidence' });
    expect(within(detached).getByText('“Relatives learned of the deaths only months later”')).toBeInTheDocument();
    expect(within(detached).getByText('4. Families were not told for months.')).toBeInTheDocument();
    expect(within(detached).getByText('Supports')).toBeInTheDocument();

    const drafts = await db.drafts.toArray();
    expect(drafts.map((d) => [d.title, d.revisionOf])).toEqual(expect.arrayContaining([['Executions v1', null], ['Executions v2', oldId]]));

    await user.click(within(report).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows why a revision was refused and keeps the dialog open', async () => {
    const user = userEvent.setup();
    render(<ReviseFlow draftId={oldId} />);
    await user.click(screen.getByRole('textbox', { name: 'Draft text' }));
    await user.paste(V1);
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This text is identical to “Executions v1” (same SHA-256); there is nothing to revise.');
    expect(screen.getByRole('dialog', { name: 'Import a draft' })).toBeInTheDocument();
    expect(await db.drafts.count()).toBe(1);
  });
});

describe('summarizeRevision', () => {
  it('counts each kind', () => {
    const report: Report = {
      oldDraft: { id: 'a', title: 'A' },
      newDraft: { id: 'b', title: 'B' },
      unchanged: [{ oldIndex: 0, newIndex: 0, text: 'x', evidence: 2 }],
      edited: [],
      added: [{ newIndex: 1, text: 'y' }, { newIndex: 2, text: 'z' }],
      removed: [],
      carried: 2,
      detached: [],
    };
    expect(summarizeRevision(report)).toBe('1 unchanged, 0 edited, 2 new, 0 removed; 2 evidence item(s) carried over, 0 detached from a removed claim.');
  });
});
