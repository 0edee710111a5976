import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ActorPrompt, WorkspacePicker, type WorkspacePickerProps } from '../../../renderer/src/workspace/WorkspacePicker.tsx';

function props(over: Partial<WorkspacePickerProps> = {}): WorkspacePickerProps {
  return {
    workspaces: [{ id: 'w1', name: 'Executions 1988', createdAt: '2026-11-01T00:00:00Z' }],
    onCreate: vi.fn(), onOpen: vi.fn(), onRename: vi.fn(), onDelete: vi.fn(), error: null, ...over,
  };
}

describe('WorkspacePicker', () => {
  it('creates a workspace and refuses an empty name with a message', async () => {
    const p = props();
    const user = userEvent.setup();
    render(<WorkspacePicker {...p} />);
    await user.click(screen.getByRole('button', { name: 'Create workspace' }));
    expect(p.onCreate).not.toHaveBeenCalled();
    expect(screen.getByText('A workspace needs a name.')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Workspace name' }), '  Budget story ');
    await user.click(screen.getByRole('button', { name: 'Create workspace' }));
    expect(p.onCreate).toHaveBeenCalledWith('Budget story');
  });

  it('opens and renames a workspace', async () => {
    const p = props();
    const user = userEvent.setup();
    render(<WorkspacePicker {...p} />);
    await user.click(screen.getByRole('button', { name: 'Executions 1988' }));
    expect(p.onOpen).toHaveBeenCalledWith('w1');
    await user.click(screen.getByRole('button', { name: 'Rename Executions 1988' }));
    const box = screen.getByRole('textbox', { name: 'New name' });
    await user.clear(box);
    await user.type(box, 'Executions, checked{Enter}');
    expect(p.onRename).toHaveBeenCalledWith('w1', 'Executions, checked');
  });

  it('deletes only after the name is typed to confirm', async () => {
    const p = props();
    const user = userEvent.setup();
    render(<WorkspacePicker {...p} />);
    await user.click(screen.getByRole('button', { name: 'Delete Executions 1988' }));
    const form = screen.getByRole('form', { name: 'Delete Executions 1988' });
    const confirm = within(form).getByRole('button', { name: 'Delete permanently' });
    expect(confirm).toBeDisabled();
    await user.type(within(form).getByRole('textbox'), 'Executions 1988');
    await user.click(confirm);
    expect(p.onDelete).toHaveBeenCalledWith('w1');
  });

  it('asks for the actor name on first use', async () => {
    const onSave = vi.fn();
    const user = userEvent.setup();
    render(<ActorPrompt onSave={onSave} />);
    await user.type(screen.getByRole('textbox', { name: 'Your name' }), 'Ana Ruiz{Enter}');
    expect(onSave).toHaveBeenCalledWith('Ana Ruiz');
  });
});
