import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { planReplacement } from '../../../shared/anchor/replace.ts';
import { createSelectors } from '../../../shared/anchor/selectors.ts';
import type { Passage } from '../../../shared/types/domain.ts';
import type { SourceText } from '../../../shared/types/text.ts';
import { ReplacementReportDialog } from '../../../renderer/src/sources/ReplacementReportDialog.tsx';

const pdf = (sha: string, text: string): SourceText => ({ type: 'source-text', sha256: sha.repeat(64), kind: 'pdf', text, units: [{ kind: 'page', index: 0, label: '1', range: [0, text.length] }] });
const oldText = pdf('a', 'The council approved the budget on Monday. Turnout was low. The mayor resigned in June.');
const newText = pdf('b', 'On Monday the council approved the budget. Turnout was very low. Nobody resigned.');
const passage = (id: string, quote: string): Passage => {
  const start = oldText.text.indexOf(quote);
  return { type: 'passage', id, sourceSha256: oldText.sha256, selectors: createSelectors(oldText, start, start + quote.length), rects: [], speakers: [], createdAt: '2026-01-01T00:00:00Z' };
};

describe('ReplacementReportDialog', () => {
  it('lists what kept its words, what was reworded (before and now) and what is orphaned, from a real re-anchoring', async () => {
    const { report } = planReplacement(oldText, newText, [passage('p1', 'council approved the budget'), passage('p2', 'Turnout was low'), passage('p3', 'The mayor resigned in June')]);
    const onClose = vi.fn();
    render(<ReplacementReportDialog oldTitle="Minutes" newName="minutes-v2.pdf" report={report} onClose={onClose} />);
    const dialog = screen.getByRole('dialog', { name: 'minutes-v2.pdf replaces “Minutes”' });
    expect(within(dialog).getByRole('status')).toHaveTextContent('1 passage(s) found with the same words, 1 reworded, 1 orphaned.');
    const reworded = within(dialog).getByRole('table', { name: 'Reworded passages' });
    expect(reworded).toHaveTextContent('Turnout was low');
    expect(report.reworded).toHaveLength(1);
    expect(within(reworded).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Turnout was low', report.reworded[0]!.new, report.reworded[0]!.score.toFixed(2)]);
    expect(within(dialog).getByRole('table', { name: 'Orphaned passages' })).toHaveTextContent('The mayor resigned in June');
    expect(within(dialog).getByRole('table', { name: 'Passages found with the same words' })).toHaveTextContent('council approved the budget');
    await userEvent.setup().click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
