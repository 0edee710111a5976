import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/app/App.tsx';
import { createBrowserHost } from '../../../renderer/src/host/browser-host.ts';

describe('App shell', () => {
  it('shows the three regions with empty states that say what to do next', () => {
    render(<App host={createBrowserHost()} />);
    const claims = screen.getByRole('region', { name: 'Claims' });
    const viewer = screen.getByRole('region', { name: 'Source viewer' });
    const evidence = screen.getByRole('region', { name: 'Evidence' });
    expect(within(claims).getByText(/Import a draft/)).toBeInTheDocument();
    expect(within(viewer).getByText(/PDFs and transcripts/)).toBeInTheDocument();
    expect(within(evidence).getByText(/Select a claim/)).toBeInTheDocument();
  });

  it('opens the shortcut sheet with ? and closes it with its button', async () => {
    const user = userEvent.setup();
    render(<App host={createBrowserHost()} />);
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
    await user.keyboard('?');
    const sheet = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(sheet).getByText('Show this sheet')).toBeInTheDocument();
    await user.click(within(sheet).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
  });

  it('does not open the sheet when ? is typed into a text field', async () => {
    const user = userEvent.setup();
    render(
      <>
        <input aria-label="Search" />
        <App host={createBrowserHost()} />
      </>,
    );
    await user.type(screen.getByRole('textbox', { name: 'Search' }), '?');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
  });
});

describe('PaneLayout', () => {
  it('resizes a pane with the arrow keys and remembers the layout', async () => {
    const { LAYOUT_STORAGE_KEY, DEFAULT_WIDTHS, SPLITTER_STEP_PX } = await import('../../../renderer/src/app/PaneLayout.tsx');
    localStorage.removeItem(LAYOUT_STORAGE_KEY);
    const user = userEvent.setup();
    const first = render(<App host={createBrowserHost()} />);
    const splitter = screen.getByRole('separator', { name: 'Resize claims pane' });
    expect(splitter).toHaveAttribute('aria-valuenow', String(DEFAULT_WIDTHS.left));
    splitter.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(splitter).toHaveAttribute('aria-valuenow', String(DEFAULT_WIDTHS.left + 2 * SPLITTER_STEP_PX));
    first.unmount();
    render(<App host={createBrowserHost()} />);
    expect(screen.getByRole('separator', { name: 'Resize claims pane' })).toHaveAttribute('aria-valuenow', String(DEFAULT_WIDTHS.left + 2 * SPLITTER_STEP_PX));
  });
});
