import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { LedgerView, type LedgerRow } from '../../../renderer/src/ledger/LedgerView.tsx';

const rows: LedgerRow[] = Array.from({ length: 5000 }, (_, i) => ({
  seq: i, time: '2026-11-28T10:00:00.000Z', actor: i % 2 ? 'Ana' : 'auto-check', type: i === 0 ? 'workspace.created' : i % 3 ? 'evidence.attached' : 'claim.status-set',
  summary: `entry ${i}`, leafHash: i.toString(16).padStart(64, '0'),
}));

describe('LedgerView', () => {
  it('lists entries newest first, virtualized, each with its hash', () => {
    render(<LedgerView rows={rows} onVerify={vi.fn()} onCheckpoint={vi.fn()} progress={null} last={null} />);
    const items = within(screen.getByRole('list', { name: 'Ledger entries' })).getAllByRole('listitem');
    expect(items.length).toBeLessThan(100);
    expect(items[0]).toHaveTextContent('#4999');
    expect(items[0]).toHaveTextContent((4999).toString(16).padStart(64, '0').slice(0, 16));
    expect(screen.getByRole('status', { name: 'Last verification' })).toHaveTextContent('Never verified');
  });

  it('filters by type and actor', async () => {
    const user = userEvent.setup();
    render(<LedgerView rows={rows} onVerify={vi.fn()} onCheckpoint={vi.fn()} progress={null} last={null} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by type' }), 'workspace.created');
    expect(screen.getByText('1 entries')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by type' }), 'all');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by actor' }), 'Ana');
    expect(screen.getByText('2500 entries')).toBeInTheDocument();
  });

  it('runs verification, shows progress and names the first failure', async () => {
    const onVerify = vi.fn();
    const user = userEvent.setup();
    const { rerender } = render(<LedgerView rows={rows} onVerify={onVerify} onCheckpoint={vi.fn()} progress={null} last={null} />);
    await user.click(screen.getByRole('button', { name: 'Verify workspace' }));
    expect(onVerify).toHaveBeenCalledOnce();
    rerender(<LedgerView rows={rows} onVerify={onVerify} onCheckpoint={vi.fn()} progress={0.4} last={null} />);
    expect(screen.getByRole('progressbar', { name: 'Verification progress' })).toHaveAttribute('value', '0.4');
    expect(screen.getByRole('button', { name: 'Verify workspace' })).toBeDisabled();
    rerender(
      <LedgerView rows={rows} onVerify={onVerify} onCheckpoint={vi.fn()} progress={null}
        last={{ time: '2026-11-28T11:00:00Z', ok: false, checked: ['5000 leaves recomputed'], failure: 'entry #17: leaf hash differs from the stored one' }} />,
    );
    expect(screen.getByRole('status', { name: 'Last verification' })).toHaveTextContent('Verification FAILED');
    expect(screen.getByText('entry #17: leaf hash differs from the stored one')).toBeInTheDocument();
  });
});
