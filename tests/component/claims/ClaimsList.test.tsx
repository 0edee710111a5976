import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ClaimsList, filterClaims, NO_FILTER, type ClaimListItem } from '../../../renderer/src/claims/ClaimsList.tsx';
import type { Claim } from '../../../shared/types/domain.ts';

function claim(i: number, text: string, extra: Partial<Claim> = {}): Claim {
  return {
    type: 'claim', id: `c${i}`, draftId: 'd1', index: i, text, range: [i * 100, i * 100 + text.length],
    markers: [], quotes: [], status: 'unreviewed', note: '', changedSinceEvidence: false, ...extra,
  };
}

const items: ClaimListItem[] = [
  { claim: claim(0, 'Thousands were executed in 1988.', { markers: [{ raw: '[15]: 218', ref: '15', locator: '218', flag: null, offset: 40 }] }), findings: [], evidenceCount: 2, problems: [] },
  { claim: claim(1, 'The commission was "four-man".'), findings: ['uncited', 'has-quotes'], evidenceCount: 0, problems: ['Quote not found'] },
  { claim: claim(2, 'Italy condemned it.', { status: 'supported' }), findings: ['flagged'], evidenceCount: 1, problems: [] },
];

function options() {
  return within(screen.getByRole('listbox', { name: 'Claims' })).getAllByRole('option');
}

function Harness() {
  const [selected, setSelected] = useState<string | null>(null);
  return <ClaimsList items={items} selectedId={selected} onSelect={setSelected} />;
}

describe('ClaimsList', () => {
  it('lists claims with markers, finding badges and evidence counts', () => {
    render(<Harness />);
    const list = screen.getByRole('listbox', { name: 'Claims' });
    const options = within(list).getAllByRole('option');
    expect(options).toHaveLength(3);
    expect(within(options[0]!).getByText('[15]: 218')).toBeInTheDocument();
    expect(within(options[0]!).getByText('2 evidence')).toBeInTheDocument();
    expect(within(options[1]!).getByText('Uncited')).toBeInTheDocument();
    expect(within(options[1]!).getByText('Quote not found')).toBeInTheDocument();
  });

  it('filters by finding, by status and by text', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by finding' }), 'uncited');
    expect(options()).toHaveLength(1);
    expect(screen.getByText('1 of 3 claims')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by finding' }), 'all');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by status' }), 'supported');
    expect(options().map((o) => o.textContent)).toEqual([expect.stringContaining('Italy')]);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by status' }), 'all');
    await user.type(screen.getByRole('searchbox', { name: 'Search claims' }), '218');
    expect(options()).toHaveLength(1);
  });

  it('moves the selection with the arrow keys and marks it selected', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    screen.getByRole('listbox', { name: 'Claims' }).focus();
    await user.keyboard('{ArrowDown}');
    expect(options()[0]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(options()[2]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Home}');
    expect(options()[0]).toHaveAttribute('aria-selected', 'true');
  });

  it('filterClaims with no filter keeps every item in order', () => {
    expect(filterClaims(items, NO_FILTER).map((i) => i.claim.id)).toEqual(['c0', 'c1', 'c2']);
  });
});
