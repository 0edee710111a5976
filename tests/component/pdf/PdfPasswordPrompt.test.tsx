import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PdfPasswordPrompt } from '../../../renderer/src/pdf/PdfPasswordPrompt.tsx';

describe('PdfPasswordPrompt', () => {
  it('names the file, takes the password and submits it', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(<PdfPasswordPrompt fileName="report.pdf" reason="needed" onSubmit={onSubmit} onCancel={vi.fn()} />);
    expect(screen.getByRole('form', { name: 'Password for report.pdf' })).toHaveAccessibleDescription('report.pdf is protected by a password.');
    const open = screen.getByRole('button', { name: 'Open' });
    expect(open).toBeDisabled();
    await user.type(screen.getByLabelText('Password'), 's3cret{Enter}');
    expect(onSubmit).toHaveBeenCalledWith('s3cret');
  });

  it('says when the password was wrong, and cancels', async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    render(<PdfPasswordPrompt fileName="report.pdf" reason="incorrect" onSubmit={vi.fn()} onCancel={onCancel} />);
    expect(screen.getByRole('alert')).toHaveTextContent('That password does not open report.pdf');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalled();
  });
});
