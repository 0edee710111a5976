import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ClaimsSummary, summarizeClaims } from '../../../renderer/src/claims/ClaimsSummary.tsx';
import type { Claim, Draft } from '../../../shared/types/domain.ts';

const claim = (i: number, status: Claim['status']): Claim => ({
  type: 'claim', id: `c${i}`, draftId: 'd1', index: i, text: `Claim ${i}.`, range: [0, 1], markers: [], quotes: [], status, note: '', changedSinceEvidence: false,
});
const items = [
  { claim: claim(0, 'supported'), findings: [] },
  { claim: claim(1, 'unreviewed'), findings: ['uncited' as const] },
  { claim: claim(2, 'disputed'), findings: ['has-quotes' as const, 'flagged' as const] },
  { claim: claim(3, 'unreviewed'), findings: ['uncited' as const] },
];
const draft: Draft = {
  type: 'draft', id: 'd1', title: 'Executions', fileName: null, origin: 'paste', sha256: '0'.repeat(64), text: '[15]: 218 A.', revisionOf: null,
  importedAt: '2026-11-28T00:00:00.000Z', orphans: [{ raw: '[15]: 218', ref: '15', locator: '218', flag: null, offset: 0 }],
};

describe('ClaimsSummary', () => {
  it('counts per status and finding and how many are reviewed', () => {
    const s = summarizeClaims(items);
    expect(s.reviewed).toBe(2);
    expect(s.byStatus).toMatchObject({ supported: 1, disputed: 1, unreviewed: 2 });
    expect(s.byFinding).toEqual({ uncited: 2, flagged: 1, 'page-needed': 0, 'has-quotes': 1 });
  });

  it('shows progress, counts and orphan markers', () => {
    render(<ClaimsSummary items={items} drafts={[draft]} />);
    expect(screen.getByRole('progressbar', { name: 'Review progress' })).toHaveAttribute('value', '2');
    expect(screen.getByText('2 of 4 claims reviewed', { exact: false })).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Claims by status' })).getByText('disputed: 1')).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Claims by finding' })).getByText('Uncited: 2')).toBeInTheDocument();
    expect(screen.getByLabelText('Orphan markers of Executions')).toHaveTextContent('[15]: 218');
  });
});
