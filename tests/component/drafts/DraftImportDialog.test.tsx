import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { decodeTextFile, DraftImportDialog, type DraftConverters } from '../../../renderer/src/drafts/DraftImportDialog.tsx';
import type { Host, PickedFile } from '../../../renderer/src/host/host.ts';

function hostWith(files: PickedFile[]): Host {
  return {
    kind: 'browser',
    pickFiles: vi.fn(async () => ({ ok: true as const, value: files })),
    saveFile: vi.fn(async () => ({ ok: true as const, value: null })),
    onMenuCommand: () => () => undefined,
  };
}

const converters: DraftConverters = {
  docx: vi.fn(async () => ({ ok: true as const, value: 'From docx.[1]' })),
  html: (html: string) => ({ ok: true as const, value: html.replace(/<sup>(\d+)<\/sup>/g, '[$1]').replace(/<[^>]+>/g, '') }),
};

describe('decodeTextFile', () => {
  it('rejects empty, binary and invalid UTF-8 input naming the file, and strips a BOM', () => {
    expect(decodeTextFile(new Uint8Array(), 'a.txt')).toEqual({ ok: false, error: 'a.txt is empty.' });
    expect(decodeTextFile(new Uint8Array([65, 0, 66]), 'b.txt')).toMatchObject({ ok: false, error: expect.stringContaining('b.txt is not a text file') });
    expect(decodeTextFile(new Uint8Array([0xc3, 0x28]), 'c.txt')).toMatchObject({ ok: false, error: expect.stringContaining('c.txt is not valid UTF-8') });
    expect(decodeTextFile(new TextEncoder().encode('\uFEFFHi.'), 'd.txt')).toEqual({ ok: true, value: 'Hi.' });
  });
});

describe('DraftImportDialog', () => {
  it('imports pasted text with a title from its first words', async () => {
    const onImport = vi.fn();
    const user = userEvent.setup();
    render(<DraftImportDialog host={hostWith([])} converters={converters} onImport={onImport} onClose={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
    await user.click(screen.getByRole('textbox', { name: 'Draft text' }));
    await user.paste('Thousands were executed.[15]');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(onImport).toHaveBeenCalledWith({ text: 'Thousands were executed.[15]', origin: 'paste', fileName: null, title: 'Thousands were executed.[15]' });
  });

  it('converts pasted HTML so footnote superscripts become markers', async () => {
    const onImport = vi.fn();
    const user = userEvent.setup();
    render(<DraftImportDialog host={hostWith([])} converters={converters} onImport={onImport} onClose={vi.fn()} />);
    fireEvent.paste(screen.getByRole('textbox', { name: 'Draft text' }), {
      clipboardData: { getData: (t: string) => (t === 'text/html' ? '<p>It happened.<sup>3</sup></p>' : 'It happened.3') },
    });
    expect(screen.getByRole('textbox', { name: 'Draft text' })).toHaveValue('It happened.[3]');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(onImport).toHaveBeenCalledWith(expect.objectContaining({ text: 'It happened.[3]', origin: 'html' }));
  });

  it('reads a chosen .md file, and shows a clear error for a binary .txt', async () => {
    const onImport = vi.fn();
    const user = userEvent.setup();
    const { unmount } = render(
      <DraftImportDialog host={hostWith([{ name: 'story.md', mediaType: 'text/markdown', bytes: new TextEncoder().encode('# Story\nIt rained.[2]') }])} converters={converters} onImport={onImport} onClose={vi.fn()} />,
    );
    await user.click(screen.getByRole('button', { name: 'Choose file…' }));
    expect(screen.getByRole('textbox', { name: 'Draft title' })).toHaveValue('story');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(onImport).toHaveBeenCalledWith({ text: '# Story\nIt rained.[2]', origin: 'md', fileName: 'story.md', title: 'story' });
    unmount();
    render(<DraftImportDialog host={hostWith([{ name: 'x.txt', mediaType: '', bytes: new Uint8Array([1, 0, 2]) }])} converters={converters} onImport={onImport} onClose={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Choose file…' }));
    expect(screen.getByRole('alert')).toHaveTextContent('x.txt is not a text file');
  });
});
