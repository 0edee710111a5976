// The claim editor by role and label, on the real store (fake-indexeddb) fed live as the Desk feeds it.
import 'fake-indexeddb/auto';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLiveQuery } from 'dexie-react-hooks';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Claim } from '../../../shared/types/domain.ts';
import { ClaimEditor } from '../../../renderer/src/drafts/ClaimEditor.tsx';
import { CLAIM_GONE, mergeWithNext } from '../../../renderer/src/drafts/draft-actions.ts';
import type { DeskDb } from '../../../renderer/src/store/db.ts';
import { DRAFT_TEXT, openDraftFixture, type DraftFixture } from './draft-fixture.ts';

const TEXT = DRAFT_TEXT;

let fixture: DraftFixture;
let db: DeskDb;
let draftId: string;
const claims = (): Promise<Claim[]> => fixture.claims();
const ledgerTypes = (): Promise<string[]> => fixture.ledgerTypes();
const claimAt = (index: number): Promise<Claim> => fixture.claimAt(index);

beforeEach(async () => {
  fixture = await openDraftFixture();
  ({ db, draftId } = fixture);
});

/** The editor on the live rows of the claim at `index`, as the Desk mounts it. */
function Live({ index }: { index: number }) {
  const rows = useLiveQuery(() => db.claims.where('draftId').equals(draftId).sortBy('index'), []);
  const draft = useLiveQuery(() => db.drafts.get(draftId), []);
  const claim = rows?.[index];
  if (!rows || !draft || !claim) return <p>Loading</p>;
  return <ClaimEditor db={db} actor="Ana" claim={claim} draftText={draft.text} claims={rows} />;
}

describe('ClaimEditor', () => {
  it('saves the note with Ctrl+Enter and with its button', async () => {
    const user = userEvent.setup();
    render(<Live index={0} />);
    const note = await screen.findByRole('textbox', { name: 'Claim note' });
    expect(screen.getByRole('button', { name: 'Save note' })).toBeDisabled();
    await user.type(note, 'Date unclear{Control>}{Enter}{/Control}');
    expect(await screen.findByRole('status')).toHaveTextContent('Note saved.');
    expect((await claimAt(0)).note).toBe('Date unclear');
    await user.type(note, ', ask the author');
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(async () => expect((await claimAt(0)).note).toBe('Date unclear, ask the author'));
    expect(await db.ledger.where('type').equals('claim.note-set').count()).toBe(2);
  });

  it('splits at a chosen word boundary after showing the two parts', async () => {
    const user = userEvent.setup();
    render(<Live index={0} />);
    const picker = await screen.findByRole('combobox', { name: 'Split point' });
    expect(screen.getByRole('button', { name: 'Split claim' })).toBeDisabled();
    const option = screen.getByRole('option', { name: /July 1988 \| and it questioned/ });
    picker.focus();
    await user.selectOptions(picker, option);
    const preview = screen.getByRole('list', { name: 'Split preview' });
    expect(within(preview).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['The commission met in July 1988', 'and it questioned prisoners about their faith.']);
    await user.click(screen.getByRole('button', { name: 'Split claim' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Split into claims 1 and 2.');
    expect((await claims()).map((c) => c.text)).toEqual(['The commission met in July 1988', 'and it questioned prisoners about their faith.', 'It had four members.', 'Families were not told.']);
    expect((await ledgerTypes()).at(-1)).toBe('claim.split');
    // The editor follows the first part, which keeps the id: the picker starts over.
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Split point' })).toHaveValue(''));
  });

  it('merges with the next claim, and offers no merge on the last claim', async () => {
    const user = userEvent.setup();
    const view = render(<Live index={1} />);
    expect(await screen.findByLabelText('Next claim')).toHaveTextContent('Families were not told.');
    await user.click(screen.getByRole('button', { name: 'Merge with next claim' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Merged claims 2 and 3.');
    expect((await claims()).map((c) => c.text)).toEqual(['The commission met in July 1988 and it questioned prisoners about their faith.', 'It had four members. Families were not told.']);
    expect((await ledgerTypes()).at(-1)).toBe('claim.merged');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Merge with next claim' })).toBeDisabled());
    expect(screen.getByText('This is the last claim of its draft.')).toBeInTheDocument();
    view.unmount();
  });

  it('moves a marker to the previous or next claim with per-marker buttons', async () => {
    const user = userEvent.setup();
    render(<Live index={0} />);
    expect(await screen.findByRole('button', { name: 'Move [1] to the previous claim' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Move [1] to the next claim' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Moved [1] to claim 2.');
    expect((await claimAt(1)).markers.map((m) => m.raw)).toEqual(['[1]', '[2]', '[3]']);
    expect((await ledgerTypes()).at(-1)).toBe('claim.marker-moved');
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Markers' })).toBeNull());
  });

  it('shows why an edit failed as an alert', async () => {
    const user = userEvent.setup();
    const [first, second] = [await claimAt(0), await claimAt(1)];
    const rows = await claims();
    const draft = (await db.drafts.get(draftId))!;
    // Props as they were before another window merged the claim away.
    render(<ClaimEditor db={db} actor="Ana" claim={second} draftText={draft.text} claims={rows} />);
    await mergeWithNext(db, 'Bo', first.id);
    await user.type(screen.getByRole('textbox', { name: 'Claim note' }), 'Too late');
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(CLAIM_GONE);
    await user.click(screen.getByRole('button', { name: 'Merge with next claim' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(CLAIM_GONE);
  });

  it('offers to import a new version of the draft when asked to', async () => {
    const user = userEvent.setup();
    const asked: string[] = [];
    const first = await claimAt(0);
    render(<ClaimEditor db={db} actor="Ana" claim={first} draftText={TEXT} claims={await claims()} onImportRevision={(id) => asked.push(id)} />);
    await user.click(screen.getByRole('button', { name: 'Import a new version of this draft…' }));
    expect(asked).toEqual([draftId]);
  });
});
