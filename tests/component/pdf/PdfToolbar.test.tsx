import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PdfToolbar, type PdfToolbarProps } from '../../../renderer/src/pdf/PdfToolbar.tsx';
import { FindBar } from '../../../renderer/src/pdf/FindBar.tsx';

function setup(overrides: Partial<PdfToolbarProps> = {}) {
  const props: PdfToolbarProps = {
    currentPage: 0,
    pageLabels: ['i', 'ii', '1', '2'],
    zoom: { kind: 'fit-width' },
    scale: 1.5,
    sidebarOpen: false,
    findOpen: false,
    canHighlight: true,
    onGoToPage: vi.fn(() => true),
    onZoomStep: vi.fn(),
    onZoom: vi.fn(),
    onToggleSidebar: vi.fn(),
    onToggleFind: vi.fn(),
    onHighlight: vi.fn(),
    ...overrides,
  };
  render(<PdfToolbar {...props} />);
  return props;
}

describe('PdfToolbar', () => {
  it('names every control', () => {
    setup();
    expect(screen.getByRole('toolbar', { name: 'PDF viewer' })).toBeInTheDocument();
    for (const name of ['Sidebar', 'Zoom out', 'Zoom in', 'Find in document', 'Highlight selection']) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
    expect(screen.getByRole('textbox', { name: 'Page' })).toHaveValue('i');
    expect(screen.getByRole('combobox', { name: 'Zoom' })).toHaveValue('fit-width');
    // Labels differ from numbers: the position is shown as a number too.
    expect(screen.getByText('(1 of 4)')).toBeInTheDocument();
  });

  it('goes to the page typed, and marks input that names no page', async () => {
    const user = userEvent.setup();
    const onGoToPage = vi.fn((input: string) => input !== 'xiv');
    setup({ onGoToPage });
    const box = screen.getByRole('textbox', { name: 'Page' });
    await user.click(box);
    await user.keyboard('2{Enter}');
    expect(onGoToPage).toHaveBeenLastCalledWith('2');
    expect(box).toHaveAttribute('aria-invalid', 'false');
    await user.clear(box);
    await user.keyboard('xiv{Enter}');
    expect(onGoToPage).toHaveBeenLastCalledWith('xiv');
    expect(box).toHaveAttribute('aria-invalid', 'true');
  });

  it('zooms by step and by choice', async () => {
    const user = userEvent.setup();
    const props = setup();
    await user.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(props.onZoomStep).toHaveBeenCalledWith(1);
    await user.click(screen.getByRole('button', { name: 'Zoom out' }));
    expect(props.onZoomStep).toHaveBeenCalledWith(-1);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Zoom' }), '200%');
    expect(props.onZoom).toHaveBeenCalledWith({ kind: 'percent', percent: 200 });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Zoom' }), 'Fit page');
    expect(props.onZoom).toHaveBeenCalledWith({ kind: 'fit-page' });
  });

  it('shows the effective percentage in fit modes and toggles state', () => {
    setup({ sidebarOpen: true, findOpen: true });
    expect(screen.getByRole('option', { name: 'Fit width (150%)' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sidebar' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'Find in document' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('disables Highlight selection when there is nothing to highlight', async () => {
    const props = setup({ canHighlight: false });
    const button = screen.getByRole('button', { name: 'Highlight selection' });
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute('aria-keyshortcuts', 'H');
    fireEvent.click(button);
    expect(props.onHighlight).not.toHaveBeenCalled();
  });
});

describe('FindBar', () => {
  it('steps with Enter and Shift+Enter, closes with Escape, and shows the count', async () => {
    const user = userEvent.setup();
    const onStep = vi.fn();
    const onClose = vi.fn();
    const onQuery = vi.fn();
    render(<FindBar query="trace" count={17} current={2} focusKey={0} onQuery={onQuery} onStep={onStep} onClose={onClose} />);
    const box = screen.getByRole('searchbox', { name: 'Find' });
    expect(box).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('3 of 17');
    await user.keyboard('{Enter}');
    expect(onStep).toHaveBeenLastCalledWith(1);
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(onStep).toHaveBeenLastCalledWith(-1);
    await user.click(screen.getByRole('button', { name: 'Next result' }));
    expect(onStep).toHaveBeenLastCalledWith(1);
    await user.click(screen.getByRole('button', { name: 'Previous result' }));
    expect(onStep).toHaveBeenLastCalledWith(-1);
    box.focus();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
    await user.type(box, 's');
    expect(onQuery).toHaveBeenLastCalledWith('traces');
  });

  it('says when nothing matches and disables navigation', () => {
    render(<FindBar query="zzz" count={0} current={-1} focusKey={0} onQuery={vi.fn()} onStep={vi.fn()} onClose={vi.fn()} />);
    expect(screen.getByRole('status')).toHaveTextContent('No results');
    expect(screen.getByRole('button', { name: 'Next result' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Previous result' })).toBeDisabled();
  });
});
