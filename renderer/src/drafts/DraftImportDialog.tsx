import { useModal } from '../packet/use-modal.ts';
import { useState } from 'react';
import type { Draft } from '../../../shared/types/domain.ts';
import type { Result } from '../../../shared/types/result.ts';
import type { Host } from '../host/host.ts';

/** Largest draft file accepted by the dialog (bytes). */
export const MAX_DRAFT_FILE_BYTES = 20 * 1024 * 1024;

/** What the dialog hands to the importer. */
export interface DraftInput {
  /** The draft's text (converted from .docx or HTML when it came that way). */
  text: string;
  /** How it arrived. */
  origin: Draft['origin'];
  /** The file's name, or null when pasted. */
  fileName: string | null;
  /** Title to show. */
  title: string;
}

/** Converters from other formats to draft text with `[N]` markers. */
export interface DraftConverters {
  /** .docx bytes to text; fails with a message naming the file. */
  docx(bytes: Uint8Array, fileName: string): Promise<Result<string>>;
  /** Pasted or saved HTML to text with footnote superscripts as markers; fails with a readable message. */
  html(html: string): Result<string>;
}

/** Decodes a text file's bytes as UTF-8; fails naming the file when they are not text. */
export function decodeTextFile(bytes: Uint8Array, fileName: string): Result<string> {
  if (bytes.length === 0) return { ok: false, error: `${fileName} is empty.` };
  if (bytes.length > MAX_DRAFT_FILE_BYTES) return { ok: false, error: `${fileName} is larger than ${MAX_DRAFT_FILE_BYTES / 1024 / 1024} MB.` };
  if (bytes.includes(0)) return { ok: false, error: `${fileName} is not a text file (it contains NUL bytes).` };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, value: text.replace(/^\uFEFF/, '') };
  } catch {
    return { ok: false, error: `${fileName} is not valid UTF-8; save it as UTF-8 text and try again.` };
  }
}

function titleOf(fileName: string | null, text: string): string {
  if (fileName) return fileName.replace(/\.[^.]+$/, '');
  const words = text.trim().split(/\s+/).slice(0, 8).join(' ');
  return words === '' ? 'Untitled draft' : words;
}

/** A modal to import a draft from a file (.txt, .md, .docx, .html) or pasted text or HTML. */
export function DraftImportDialog({ host, converters, onImport, onClose }: { host: Host; converters: DraftConverters; onImport(input: DraftInput): void; onClose(): void }) {
  const ref = useModal(onClose, false);
  const [text, setText] = useState('');
  const [origin, setOrigin] = useState<Draft['origin']>('paste');
  const [fileName, setFileName] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);


  const chooseFile = async () => {
    setError(null);
    const picked = await host.pickFiles({
      title: 'Import a draft',
      filters: [{ name: 'Drafts', extensions: ['txt', 'md', 'markdown', 'docx', 'html', 'htm'] }],
      multiple: false,
    });
    if (!picked.ok) return setError(picked.error);
    const file = picked.value[0];
    if (!file) return;
    setBusy(true);
    try {
      const ext = file.name.toLowerCase().split('.').pop() ?? '';
      let converted: Result<string>;
      let kind: Draft['origin'];
      if (ext === 'docx') {
        converted = await converters.docx(file.bytes, file.name);
        kind = 'docx';
      } else if (ext === 'html' || ext === 'htm') {
        const decoded = decodeTextFile(file.bytes, file.name);
        converted = decoded.ok ? converters.html(decoded.value) : decoded;
        kind = 'html';
      } else {
        converted = decodeTextFile(file.bytes, file.name);
        kind = ext === 'md' || ext === 'markdown' ? 'md' : 'txt';
      }
      if (!converted.ok) return setError(converted.error);
      setText(converted.value);
      setOrigin(kind);
      setFileName(file.name);
      setTitle(titleOf(file.name, converted.value));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="dialog draft-import" aria-labelledby="draft-import-title">
      <h2 id="draft-import-title">Import a draft</h2>
      <p className="muted">Choose a .txt, .md, .docx or .html file, or paste the text (or a copied web page: footnotes become markers).</p>
      <button type="button" onClick={() => void chooseFile()} disabled={busy}>
        Choose file…
      </button>{' '}
      {fileName && <span className="muted">{fileName}</span>}
      <label className="block">
        Title <input aria-label="Draft title" value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <textarea
        aria-label="Draft text"
        rows={14}
        value={text}
        placeholder="Paste the draft here"
        onChange={(e) => {
          setText(e.target.value);
          if (fileName === null) setOrigin('paste');
        }}
        onPaste={(e) => {
          const html = e.clipboardData.getData('text/html');
          if (html.trim() === '') return;
          e.preventDefault();
          const result = converters.html(html);
          if (!result.ok) {
            setError(result.error);
            return;
          }
          const converted = result.value;
          setError(null);
          setText(converted);
          setOrigin('html');
          setFileName(null);
          if (title === '') setTitle(titleOf(null, converted));
        }}
      />
      {origin === 'html' && fileName === null && <p className="muted">Converted from pasted HTML; footnote superscripts became markers.</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="dialog-buttons">
        <button
          type="button"
          className="primary"
          disabled={text.trim() === '' || busy}
          onClick={() => onImport({ text, origin, fileName, title: title.trim() === '' ? titleOf(fileName, text) : title.trim() })}
        >
          Import
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
