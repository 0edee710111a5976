import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ReferencesDialog, type ReferencesDialogProps } from '../../../renderer/src/references/ReferencesDialog.tsx';
import type { Draft, Reference, Source } from '../../../shared/types/domain.ts';

const draft: Draft = { type: 'draft', id: 'd1', title: 'Executions', fileName: null, origin: 'paste', sha256: 'f'.repeat(64), text: 'x', orphans: [], revisionOf: null, importedAt: '2026-11-28T00:00:00Z' };
const refs: Reference[] = ['15', '8', '24'].map((ref) => ({ type: 'reference', id: `d1#${ref}`, draftId: 'd1', ref, sourceSha256: null, csl: null }));
const src = (n: string, title: string, kind: Source['kind'] = 'pdf'): Source => ({
  type: 'source', sha256: n.repeat(64), kind, fileName: `${title}.pdf`, mediaType: 'application/pdf', size: 1, title, author: null, unitCount: 1,
  recordingSha256: null, replaces: null, pageOffset: 0, addedAt: '2026-11-28T00:00:00Z',
});
const sources = [src('a', 'Abrahamian'), src('b', 'Amnesty report'), src('c', 'Interview audio', 'recording')];
const AMNESTY = { id: 'amnesty1990', type: 'report', title: 'Iran: Violations of Human Rights 1987–1990', author: [{ literal: 'Amnesty International' }], issued: { 'date-parts': [[1990]] } };

function props(over: Partial<ReferencesDialogProps> = {}): ReferencesDialogProps {
  return { drafts: [draft], references: refs, sources, suggestions: [], onBind: vi.fn(), onImportList: vi.fn(), onClose: vi.fn(), ...over };
}

describe('ReferencesDialog', () => {
  it('lists reference numbers in numeric order and binds one to a source (not to a recording)', async () => {
    const p = props();
    const user = userEvent.setup();
    render(<ReferencesDialog {...p} />);
    const table = within(screen.getByRole('region', { name: 'References of Executions' })).getByRole('table');
    expect(within(table).getAllByRole('rowheader').map((r) => r.textContent)).toEqual(['[8]', '[15]', '[24]']);
    const select = screen.getByRole('combobox', { name: 'Source of reference 15' });
    expect(within(select).queryByRole('option', { name: /Interview audio/ })).toBeNull();
    await user.selectOptions(select, 'a'.repeat(64));
    expect(p.onBind).toHaveBeenCalledWith(refs[0], 'a'.repeat(64), null);
  });

  it('offers proposals to accept one by one or all at once', async () => {
    const p = props({ suggestions: [{ referenceId: 'd1#15', sourceSha256: 'a'.repeat(64), reason: 'file name', csl: null }, { referenceId: 'd1#8', sourceSha256: 'b'.repeat(64), reason: 'DOI', csl: AMNESTY }] });
    const user = userEvent.setup();
    render(<ReferencesDialog {...p} />);
    await user.click(screen.getByRole('button', { name: 'Accept Amnesty report for reference 8' }));
    expect(p.onBind).toHaveBeenCalledWith(refs[1], 'b'.repeat(64), AMNESTY);
    await user.click(screen.getByRole('button', { name: 'Accept all 2 proposals' }));
    expect(p.onBind).toHaveBeenCalledTimes(3);
  });

  it('takes the proposal’s list item when its source is chosen by hand, and shows a bound reference’s item', async () => {
    const p = props({ suggestions: [{ referenceId: 'd1#8', sourceSha256: 'b'.repeat(64), reason: 'DOI', csl: AMNESTY }] });
    const user = userEvent.setup();
    const { rerender } = render(<ReferencesDialog {...p} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Source of reference 8' }), 'b'.repeat(64));
    expect(p.onBind).toHaveBeenLastCalledWith(refs[1], 'b'.repeat(64), AMNESTY);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Source of reference 8' }), 'a'.repeat(64));
    expect(p.onBind).toHaveBeenLastCalledWith(refs[1], 'a'.repeat(64), null);
    // Bound by file name before the list was imported: the proposal stays pending until the item is added.
    const bound = refs.map((r) => (r.ref === '8' ? { ...r, sourceSha256: 'b'.repeat(64) } : r));
    rerender(<ReferencesDialog {...p} references={bound} />);
    expect(screen.getByRole('button', { name: 'Accept Amnesty report for reference 8' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Accept the proposal' })).toBeInTheDocument();
    rerender(<ReferencesDialog {...p} references={bound.map((r) => (r.ref === '8' ? { ...r, csl: AMNESTY } : r))} suggestions={p.suggestions} />);
    expect(screen.queryByRole('button', { name: /^Accept/ })).toBeNull();
    expect(screen.getByText('Amnesty International, 1990. Iran: Violations of Human Rights 1987–1990')).toBeInTheDocument();
  });
});
