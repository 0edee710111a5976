// Asks for the password of an encrypted PDF (after PdfPasswordError); the caller retries with it.
import { useId, useState, type FormEvent } from 'react';

/** Longest password accepted, in characters. */
export const MAX_PDF_PASSWORD_CHARS = 1024;

/** Props of PdfPasswordPrompt. */
export interface PdfPasswordPromptProps {
  /** The file that asked. */
  fileName: string;
  /** Whether this is the first ask or the last password was wrong. */
  reason: 'needed' | 'incorrect';
  /** The password was entered. */
  onSubmit(password: string): void;
  /** The user gave up on this file. */
  onCancel(): void;
}

/** A small password form naming the file; never throws. */
export function PdfPasswordPrompt({ fileName, reason, onSubmit, onCancel }: PdfPasswordPromptProps) {
  const [password, setPassword] = useState('');
  const messageId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password !== '') onSubmit(password);
  };
  return (
    <form className="pd-password" aria-label={`Password for ${fileName}`} aria-describedby={messageId} onSubmit={submit}>
      <p id={messageId} role={reason === 'incorrect' ? 'alert' : undefined}>
        {reason === 'incorrect' ? `That password does not open ${fileName}. Try again.` : `${fileName} is protected by a password.`}
      </p>
      <label>
        Password{' '}
        <input
          type="password"
          autoFocus
          autoComplete="off"
          maxLength={MAX_PDF_PASSWORD_CHARS}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>{' '}
      <button type="submit" className="primary" disabled={password === ''}>
        Open
      </button>{' '}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
