import 'fake-indexeddb/auto';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { ACTOR_KEY, App, LAST_WORKSPACE_KEY } from '../../../renderer/src/app/App.tsx';
import { DEFAULT_WIDTHS, LAYOUT_STORAGE_KEY, SPLITTER_STEP_PX } from '../../../renderer/src/app/PaneLayout.tsx';
import { createBrowserHost } from '../../../renderer/src/host/browser-host.ts';
import type { Host } from '../../../renderer/src/host/host.ts';
import type { MenuCommand } from '../../../shared/ipc/channels.ts';
import { RegistryDb } from '../../../renderer/src/store/workspaces.ts';

let registry: RegistryDb;
beforeEach(() => {
  localStorage.clear();
  registry = new RegistryDb();
});

async function openNewWorkspace(user: ReturnType<typeof userEvent.setup>, name = 'Executions 1988') {
  await user.type(await screen.findByRole('textbox', { name: 'Workspace name' }), name);
  await user.click(screen.getByRole('button', { name: 'Create workspace' }));
  await screen.findByRole('region', { name: 'Claims' }, { timeout: 5000 });
}

describe('App', () => {
  it('asks who works on first use, then offers to create a workspace', async () => {
    const user = userEvent.setup();
    render(<App host={createBrowserHost()} registry={registry} />);
    await user.type(screen.getByRole('textbox', { name: 'Your name' }), 'Ana Ruiz{Enter}');
    expect(localStorage.getItem(ACTOR_KEY)).toBe('Ana Ruiz');
    expect(await screen.findByText(/No workspaces yet/)).toBeInTheDocument();
  });

  it('opens a new workspace with three regions whose empty states say what to do next', async () => {
    localStorage.setItem(ACTOR_KEY, 'Ana');
    const user = userEvent.setup();
    render(<App host={createBrowserHost()} registry={registry} />);
    await openNewWorkspace(user);
    expect(within(screen.getByRole('region', { name: 'Claims' })).getByText(/Import a draft/)).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Source viewer' })).getByText(/No sources yet/)).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Evidence' })).getByText(/Select a claim/)).toBeInTheDocument();
    expect(localStorage.getItem(LAST_WORKSPACE_KEY)).not.toBeNull();
  });

  it('opens the shortcut sheet with ? and closes it with its button, but not while typing', async () => {
    localStorage.setItem(ACTOR_KEY, 'Ana');
    const user = userEvent.setup();
    render(<App host={createBrowserHost()} registry={registry} />);
    await user.type(await screen.findByRole('textbox', { name: 'Workspace name' }), 'a?');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
    await user.click(document.body);
    await user.keyboard('?');
    const sheet = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(sheet).getByText('Show this sheet')).toBeInTheDocument();
    await user.click(within(sheet).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
  });

  it("opens the shortcut sheet when the application menu's Keyboard Shortcuts is chosen (Electron)", async () => {
    localStorage.setItem(ACTOR_KEY, 'Ana');
    const listeners: Array<(command: MenuCommand) => void> = [];
    const host: Host = { ...createBrowserHost(), kind: 'electron', onMenuCommand: (l) => (listeners.push(l), () => listeners.splice(listeners.indexOf(l), 1)) };
    render(<App host={host} registry={registry} />);
    await screen.findByRole('textbox', { name: 'Workspace name' });
    expect(listeners).toHaveLength(1);
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
    act(() => listeners[0]!('show-shortcuts'));
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
  });

  it('moves between panes with F6 and opens the import dialog with I and the ledger with Shift+L', async () => {
    localStorage.setItem(ACTOR_KEY, 'Ana');
    const user = userEvent.setup();
    render(<App host={createBrowserHost()} registry={registry} />);
    await openNewWorkspace(user);
    const claims = screen.getByRole('region', { name: 'Claims' });
    const viewer = screen.getByRole('region', { name: 'Source viewer' });
    const evidence = screen.getByRole('region', { name: 'Evidence' });
    await user.keyboard('{F6}');
    expect(claims.contains(document.activeElement)).toBe(true);
    await user.keyboard('{F6}');
    expect(viewer.contains(document.activeElement)).toBe(true);
    await user.keyboard('{F6}');
    expect(evidence.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Shift>}{F6}{/Shift}');
    expect(viewer.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Shift>}L{/Shift}');
    expect(screen.getByRole('heading', { name: 'Ledger' })).toBeInTheDocument();
    await user.keyboard('{Shift>}L{/Shift}');
    expect(screen.getByRole('heading', { name: 'Source viewer' })).toBeInTheDocument();
    await user.keyboard('i');
    expect(await screen.findByRole('dialog', { name: /Import a draft/i })).toBeInTheDocument();
  });

  it('resizes a pane with the arrow keys and remembers the layout', async () => {
    localStorage.setItem(ACTOR_KEY, 'Ana');
    const user = userEvent.setup();
    const first = render(<App host={createBrowserHost()} registry={registry} />);
    await openNewWorkspace(user);
    const splitter = screen.getByRole('separator', { name: 'Resize claims pane' });
    expect(splitter).toHaveAttribute('aria-valuenow', String(DEFAULT_WIDTHS.left));
    splitter.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(splitter).toHaveAttribute('aria-valuenow', String(DEFAULT_WIDTHS.left + 2 * SPLITTER_STEP_PX));
    expect(JSON.parse(localStorage.getItem(LAYOUT_STORAGE_KEY)!)).toMatchObject({ left: DEFAULT_WIDTHS.left + 2 * SPLITTER_STEP_PX });
    first.unmount();
    render(<App host={createBrowserHost()} registry={registry} />);
    // The last workspace reopens by itself, with the layout as it was.
    expect(await screen.findByRole('separator', { name: 'Resize claims pane' }, { timeout: 5000 })).toHaveAttribute('aria-valuenow', String(DEFAULT_WIDTHS.left + 2 * SPLITTER_STEP_PX));
  });
});
