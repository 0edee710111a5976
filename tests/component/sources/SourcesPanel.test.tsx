import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SourcesPanel, type SourcesPanelProps } from '../../../renderer/src/sources/SourcesPanel.tsx';
import { detectSourceKind, prepareSource, UnsupportedFileError } from '../../../renderer/src/sources/prepare-source.ts';
import type { Source } from '../../../shared/types/domain.ts';

const pdf: Source = {
  type: 'source', sha256: 'a'.repeat(64), kind: 'pdf', fileName: 'tracemonkey.pdf', mediaType: 'application/pdf', size: 1000,
  title: 'Trace-based JIT', author: null, unitCount: 14, recordingSha256: null, replaces: null, pageOffset: 0, addedAt: '2026-11-28T00:00:00Z',
};

function props(over: Partial<SourcesPanelProps> = {}): SourcesPanelProps {
  return { sources: [pdf], openSha256: null, jobs: [], onAdd: vi.fn(), onDrop: vi.fn(), onOpen: vi.fn(), onCancel: vi.fn(), onPassword: vi.fn(), ...over };
}

describe('SourcesPanel', () => {
  it('lists sources with kind, size and hash prefix, and opens one', async () => {
    const p = props();
    const user = userEvent.setup();
    render(<SourcesPanel {...p} />);
    const list = screen.getByRole('list', { name: 'Source files' });
    expect(list).toHaveTextContent('14 pages · aaaaaaaaaaaa');
    await user.click(within(list).getByRole('button', { name: /Trace-based JIT/ }));
    expect(p.onOpen).toHaveBeenCalledWith(pdf.sha256);
  });

  it('shows progress with cancel, asks for a password, and reports failures', async () => {
    const p = props({
      jobs: [
        { id: 'j1', fileName: 'book.pdf', progress: { done: 3, total: 10 }, state: 'running', message: null },
        { id: 'j2', fileName: 'secret.pdf', progress: null, state: 'needs-password', message: 'secret.pdf is encrypted.' },
        { id: 'j3', fileName: 'bad.pdf', progress: null, state: 'failed', message: 'bad.pdf is not a readable PDF: Invalid XRef' },
      ],
    });
    const user = userEvent.setup();
    render(<SourcesPanel {...p} />);
    expect(screen.getByRole('progressbar', { name: 'Importing book.pdf' })).toHaveAttribute('value', '3');
    await user.click(screen.getByRole('button', { name: 'Cancel importing book.pdf' }));
    expect(p.onCancel).toHaveBeenCalledWith('j1');
    await user.type(screen.getByLabelText('Password for secret.pdf', { selector: 'input' }), 'hunter2{Enter}');
    expect(p.onPassword).toHaveBeenCalledWith('j2', 'hunter2');
    expect(screen.getByRole('alert')).toHaveTextContent('bad.pdf is not a readable PDF');
  });

  it('takes dropped files', () => {
    const p = props();
    render(<SourcesPanel {...p} />);
    const file = new File(['WEBVTT\n'], 'talk.vtt', { type: 'text/vtt' });
    fireEvent.drop(screen.getByRole('region', { name: 'Sources' }), { dataTransfer: { files: [file] } });
    expect(p.onDrop).toHaveBeenCalledWith([file]);
  });
});

describe('prepareSource', () => {
  const enc = new TextEncoder();
  it('detects PDFs by content, recordings and transcripts by name and type', () => {
    expect(detectSourceKind({ name: 'x.bin', mediaType: '', bytes: enc.encode('%PDF-1.7\n') })).toBe('pdf');
    expect(detectSourceKind({ name: 'talk.wav', mediaType: '', bytes: new Uint8Array([82, 73, 70, 70]) })).toBe('recording');
    expect(detectSourceKind({ name: 'talk.vtt', mediaType: '', bytes: enc.encode('WEBVTT\n') })).toBe('transcript');
    expect(detectSourceKind({ name: 'photo.png', mediaType: 'image/png', bytes: new Uint8Array([137, 80]) })).toBeNull();
  });

  it('parses a transcript into a source with one unit per cue', async () => {
    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.500\n<v Ana>Hello there.\n\n00:00:03.000 --> 00:00:04.000\n<v Ben>General Kenobi.\n';
    const prepared = await prepareSource({ name: 'talk.vtt', mediaType: 'text/vtt', bytes: enc.encode(vtt) }, { now: '2026-11-28T00:00:00.000Z' });
    expect(prepared.source).toMatchObject({ kind: 'transcript', unitCount: 2, mediaType: 'text/vtt', title: 'talk' });
    expect(prepared.text?.units[1]).toMatchObject({ kind: 'cue', speaker: 'Ben', time: [3, 4] });
  });

  it('rejects a file of no supported kind, naming it', async () => {
    await expect(prepareSource({ name: 'photo.png', mediaType: 'image/png', bytes: new Uint8Array([1]) }, { now: '2026-11-28T00:00:00.000Z' })).rejects.toThrow(UnsupportedFileError);
    await expect(prepareSource({ name: 'photo.png', mediaType: 'image/png', bytes: new Uint8Array([1]) }, { now: '2026-11-28T00:00:00.000Z' })).rejects.toThrow(/photo\.png is not a PDF/);
  });
});
