import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { EvidencePane, type EvidencePaneProps } from '../../../renderer/src/evidence/EvidencePane.tsx';
import type { Claim } from '../../../shared/types/domain.ts';

const claim: Claim = {
  type: 'claim', id: 'c1', draftId: 'd1', index: 0, text: 'The commission had four members.', range: [0, 32],
  markers: [], quotes: [], status: 'unreviewed', note: '', changedSinceEvidence: false,
};

function props(over: Partial<EvidencePaneProps> = {}): EvidencePaneProps {
  return {
    claim, citedSources: ['[15] Abrahamian, Tortured Confessions'],
    items: [{
      id: 'e1', relation: 'supports', note: 'matches', before: 'a so-called ', quote: 'four-man commission', after: ' was set up',
      location: 'p. 218', sourceTitle: 'Tortured Confessions', sourceSha256: 'ab'.repeat(32), actor: 'Ana', attachedAt: '2026-11-28T10:00:00Z',
      problems: ['Page outside [15]: 210'],
    }],
    history: [{ seq: 7, actor: 'Ana', time: '2026-11-28T10:01:00Z', from: 'unreviewed', to: 'supported', note: 'two sources' }],
    pending: null, onAttach: vi.fn(), onDetach: vi.fn(), onJump: vi.fn(), onSetStatus: vi.fn(), ...over,
  };
}

describe('EvidencePane', () => {
  it('says what to do when no claim is selected', () => {
    render(<EvidencePane {...props({ claim: null })} />);
    expect(screen.getByText(/Select a claim/)).toBeInTheDocument();
  });

  it('shows each evidence item in context with location, source, hash prefix and problems', async () => {
    const p = props();
    const user = userEvent.setup();
    render(<EvidencePane {...p} />);
    const list = screen.getByRole('list', { name: 'Evidence' });
    const item = within(list).getByRole('listitem');
    expect(within(item).getByText('four-man commission')).toBeInTheDocument();
    expect(within(item).getByText('p. 218')).toBeInTheDocument();
    expect(within(item).getByText(/Tortured Confessions · abababababab/)).toBeInTheDocument();
    expect(within(item).getByText('Page outside [15]: 210')).toBeInTheDocument();
    await user.click(within(item).getByRole('button', { name: /Show evidence four-man commission/ }));
    expect(p.onJump).toHaveBeenCalledWith('e1');
    await user.click(within(item).getByRole('button', { name: /Detach evidence/ }));
    expect(p.onDetach).toHaveBeenCalledWith('e1');
    expect(screen.getByRole('list', { name: 'Status history' })).toHaveTextContent('unreviewed → supported — two sources');
  });

  it('says a status was carried over when the claim has no status change of its own', () => {
    const { rerender } = render(<EvidencePane {...props({ history: [], claim: { ...claim, status: 'supported' } })} />);
    expect(screen.getByText(/was carried over from an earlier version/)).toHaveTextContent('“supported” was carried over');
    rerender(<EvidencePane {...props({ history: [] })} />);
    expect(screen.getByText('Unreviewed since import.')).toBeInTheDocument();
  });

  it('detaches an item with Delete on one of its buttons, and only then', async () => {
    const p = props();
    const user = userEvent.setup();
    render(<EvidencePane {...p} />);
    within(screen.getByRole('list', { name: 'Evidence' })).getByRole('button', { name: /Show evidence four-man commission/ }).focus();
    await user.keyboard('x');
    expect(p.onDetach).not.toHaveBeenCalled();
    await user.keyboard('{Delete}');
    expect(p.onDetach).toHaveBeenCalledWith('e1');
  });

  it('attaches a pending passage with a relation and a note', async () => {
    const p = props({ pending: { quote: 'under consideration for several years', location: 'p. 3' } });
    const user = userEvent.setup();
    render(<EvidencePane {...p} />);
    const attach = screen.getByRole('region', { name: 'Attach passage' });
    await user.type(within(attach).getByRole('textbox', { name: 'Evidence note' }), 'exact words');
    await user.click(within(attach).getByRole('button', { name: /Contradicts/ }));
    expect(p.onAttach).toHaveBeenCalledWith('contradicts', 'exact words');
  });

  it('sets a status with a note and refuses an unchanged status', async () => {
    const p = props();
    const user = userEvent.setup();
    render(<EvidencePane {...p} />);
    const form = screen.getByRole('form', { name: 'Claim status' });
    expect(within(form).getByRole('button', { name: 'Set status' })).toBeDisabled();
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Status' }), 'disputed');
    await user.type(within(form).getByRole('textbox', { name: 'Status note' }), 'source says three');
    await user.click(within(form).getByRole('button', { name: 'Set status' }));
    expect(p.onSetStatus).toHaveBeenCalledWith('disputed', 'source says three');
  });
});
