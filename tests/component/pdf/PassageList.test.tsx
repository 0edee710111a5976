import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createSelectors } from '../../../shared/anchor/selectors.ts';
import type { Passage } from '../../../shared/types/domain.ts';
import type { CharRange, SourceText } from '../../../shared/types/text.ts';
import { PassageList } from '../../../renderer/src/pdf/PassageList.tsx';
import { pageOfOffset, passageRange } from '../../../renderer/src/pdf/passage-ranges.ts';

const text = 'First page words.\nSecond page has the quote.\nThird page.';
const sourceText: SourceText = {
  type: 'source-text',
  sha256: 'a'.repeat(64),
  kind: 'pdf',
  text,
  units: [
    { kind: 'page', index: 0, label: 'iv', range: [0, 18] },
    { kind: 'page', index: 1, label: '218', range: [18, 45] },
    { kind: 'page', index: 2, label: '219', range: [45, 45], noText: true },
    { kind: 'page', index: 3, label: '220', range: [45, text.length] },
  ],
};

function passage(id: string, quote: string, createdAt = '2026-01-01T00:00:00Z'): Passage {
  const start = text.indexOf(quote);
  return {
    type: 'passage',
    id,
    sourceSha256: sourceText.sha256,
    selectors: createSelectors(sourceText, start, start + quote.length),
    rects: [],
    speakers: [],
    createdAt,
  };
}

describe('passage ranges', () => {
  it('uses the position selector only when the quote is there verbatim', () => {
    const p = passage('a', 'the quote');
    expect(passageRange(p, text)).toEqual([p.selectors.position.start, p.selectors.position.end]);
    expect(passageRange(p, text.replace('the quote', 'a quote!!'))).toBeNull();
    expect(passageRange(p, 'short')).toBeNull();
  });

  it('prefers re-anchored ranges, where null means orphaned', () => {
    const p = passage('a', 'the quote');
    expect(passageRange(p, text, new Map<string, CharRange | null>([['a', [0, 5]]]))).toEqual([0, 5]);
    expect(passageRange(p, text, new Map<string, CharRange | null>([['a', null]]))).toBeNull();
    expect(passageRange(p, text, new Map())).toBeNull();
  });

  it('finds the page of an offset, never an empty page', () => {
    const units = sourceText.units.filter((u) => u.kind === 'page');
    expect(pageOfOffset(units, 0)).toBe(0);
    expect(pageOfOffset(units, 17)).toBe(0);
    expect(pageOfOffset(units, 18)).toBe(1);
    expect(pageOfOffset(units, 45)).toBe(3);
    expect(pageOfOffset(units, text.length)).toBe(3);
  });
});

describe('PassageList', () => {
  it('lists passages in reading order with their page labels', () => {
    render(<PassageList passages={[passage('b', 'Third page'), passage('a', 'the quote')]} sourceText={sourceText} onSelect={vi.fn()} />);
    const list = screen.getByRole('list', { name: 'Passages' });
    const buttons = within(list).getAllByRole('button');
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(['Passage, p. 218: the quote', 'Passage, p. 220: Third page']);
    expect(buttons[0]).toHaveAttribute('data-passage-id', 'a');
  });

  it('calls onSelect with the passage clicked and marks the selected one', async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn();
    render(<PassageList passages={[passage('a', 'the quote'), passage('b', 'First page')]} sourceText={sourceText} selectedPassageId="a" onSelect={onSelect} />);
    const selected = screen.getByRole('button', { name: /the quote/ });
    expect(selected).toHaveAttribute('aria-current', 'true');
    await user.click(screen.getByRole('button', { name: /First page/ }));
    expect(onSelect).toHaveBeenCalledWith('b');
  });

  it('shows orphaned passages last with their stored quote and a badge', () => {
    const orphan = passage('o', 'Second page', '2026-01-02T00:00:00Z');
    const anchored = new Map<string, CharRange | null>([
      ['o', null],
      ['a', [text.indexOf('the quote'), text.indexOf('the quote') + 9]],
    ]);
    render(<PassageList passages={[orphan, passage('a', 'the quote')]} sourceText={sourceText} anchoredRanges={anchored} onSelect={vi.fn()} />);
    const buttons = within(screen.getByRole('list', { name: 'Passages' })).getAllByRole('button');
    expect(buttons[1]).toHaveAccessibleName('Orphaned passage, was p. 2: Second page');
    expect(within(buttons[1]!).getByText('orphaned')).toBeInTheDocument();
  });

  it('offers Delete only when the caller handles it', async () => {
    const user = userEvent.setup();
    const onDelete = vi.fn();
    const { rerender } = render(<PassageList passages={[passage('a', 'the quote')]} sourceText={sourceText} onSelect={vi.fn()} />);
    expect(screen.queryByRole('button', { name: /Delete/ })).toBeNull();
    rerender(<PassageList passages={[passage('a', 'the quote')]} sourceText={sourceText} onSelect={vi.fn()} onDelete={onDelete} />);
    await user.click(screen.getByRole('button', { name: 'Delete passage: the quote' }));
    expect(onDelete).toHaveBeenCalledWith('a');
  });

  it('asks before deleting a passage that is evidence, saying how many items it detaches; Cancel keeps it', async () => {
    const user = userEvent.setup();
    const onDelete = vi.fn();
    render(<PassageList passages={[passage('a', 'the quote')]} sourceText={sourceText} onSelect={vi.fn()} onDelete={onDelete} evidenceCountOf={(id) => (id === 'a' ? 2 : 0)} />);
    await user.click(screen.getByRole('button', { name: 'Delete passage: the quote' }));
    expect(onDelete).not.toHaveBeenCalled();
    const confirm = screen.getByRole('group', { name: 'Confirm deleting passage: the quote' });
    expect(confirm).toHaveTextContent('It is evidence for 2 item(s); deleting it detaches them.');
    expect(within(confirm).getByRole('button', { name: 'Delete and detach' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(onDelete).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Delete passage: the quote' }));
    await user.keyboard('{Enter}');
    expect(onDelete).toHaveBeenCalledWith('a');
  });

  it('shows a transcript passage’s time range and speakers instead of a page', () => {
    const cueText = 'Hello there.\nGeneral Kenobi.\nYou are a bold one.';
    const transcript: SourceText = {
      type: 'source-text',
      sha256: 'b'.repeat(64),
      kind: 'transcript',
      text: cueText,
      units: [
        { kind: 'cue', index: 0, time: [1, 2.5], speaker: 'Obi-Wan', range: [0, 12] },
        { kind: 'cue', index: 1, time: [2.5, 4], speaker: 'Grievous', range: [13, 28] },
        { kind: 'cue', index: 2, time: [4, 6], speaker: 'Grievous', range: [29, cueText.length] },
      ],
    };
    const start = cueText.indexOf('there');
    const end = cueText.indexOf('Kenobi') + 6;
    const p: Passage = { type: 'passage', id: 't', sourceSha256: transcript.sha256, selectors: createSelectors(transcript, start, end), rects: [], speakers: [], createdAt: '2026-01-01T00:00:00Z' };
    render(<PassageList passages={[p]} sourceText={transcript} onSelect={vi.fn()} />);
    expect(screen.getByRole('button', { name: /^Passage, / })).toHaveAccessibleName('Passage, 00:00:01.000–00:00:04.000, Obi-Wan, Grievous: there. General Kenobi');
  });

  it('says so when there are no passages', () => {
    render(<PassageList passages={[]} sourceText={sourceText} onSelect={vi.fn()} />);
    expect(screen.getByText(/No passages yet/)).toBeInTheDocument();
  });
});
