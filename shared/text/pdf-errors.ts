// Named errors for PDF text extraction, shared by the Node adapter (cli/pdf) and the renderer's worker so
// both runtimes tell a person the same thing. pdf.js's own exceptions are recognised by their `name` and
// `code` fields, never by importing pdf.js (shared/ does not).

/** Most pages a PDF may have before extraction refuses it. */
export const MAX_PDF_PAGES = 20_000;
/** Longest a whole extraction may take, in milliseconds, before it is aborted. */
export const PDF_EXTRACT_TIMEOUT_MS = 60_000;

/** Thrown when a PDF needs a password (`reason: 'needed'`) or the given one is wrong (`'incorrect'`); the UI asks for one. */
export class PdfPasswordError extends Error {
  override name = 'PdfPasswordError';
  /** Whether no password was given or the given one was wrong. */
  readonly reason: 'needed' | 'incorrect';
  /** The file the password is for. */
  readonly fileName: string;
  constructor(fileName: string, reason: 'needed' | 'incorrect') {
    super(reason === 'needed' ? `${fileName} is password-protected: enter its password to open it` : `${fileName}: the password is incorrect`);
    this.reason = reason;
    this.fileName = fileName;
  }
}

/** Thrown when a file is not a PDF pdf.js can read (corrupt, truncated, not a PDF). */
export class UnreadablePdfError extends Error {
  override name = 'UnreadablePdfError';
  /** The file that could not be read. */
  readonly fileName: string;
  constructor(fileName: string, reason: string) {
    super(`${fileName} is not a readable PDF: ${reason}`);
    this.fileName = fileName;
  }
}

/** Thrown when a PDF exceeds a limit (pages, time) or extraction was cancelled. */
export class PdfLimitError extends Error {
  override name = 'PdfLimitError';
  /** The file that hit the limit. */
  readonly fileName: string;
  constructor(fileName: string, message: string) {
    super(`${fileName}: ${message}`);
    this.fileName = fileName;
  }
}

/** Engine errors pdf.js can surface for hostile files, and the reason a person is told instead. */
export const ENGINE_FAILURE_REASONS: readonly (readonly [RegExp, string])[] = [
  [/Maximum call stack size exceeded|too much recursion/i, 'the file nests objects too deeply to read'],
  [/Invalid (?:array|string|typed array) length|Array buffer allocation failed|out of memory|allocation size overflow/i, 'the file declares an object too large to read'],
  [/Cannot read propert|Cannot set propert|is not a function|is not iterable|is not an object|Cannot convert|Cannot destructure/i, 'the file is damaged in a way the PDF reader cannot follow'],
];

/** The error to show for a failure thrown while pdf.js read `fileName`; never throws. */
export function describePdfFailure(fileName: string, error: unknown): Error {
  if (error instanceof PdfPasswordError || error instanceof UnreadablePdfError || error instanceof PdfLimitError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown; code?: unknown };
  const message = typeof e.message === 'string' && e.message.trim() !== '' ? e.message.trim() : String(error);
  if (e.name === 'PasswordException') return new PdfPasswordError(fileName, e.code === 2 ? 'incorrect' : 'needed');
  if (e.name === 'AbortException') return new PdfLimitError(fileName, 'extraction was cancelled');
  // A JavaScript engine error (pdf.js passes it on, often wrapped as UnknownErrorException) means the file
  // drove the reader somewhere it cannot go; say what about the file, not the engine's words.
  for (const [pattern, reason] of ENGINE_FAILURE_REASONS) if (pattern.test(message)) return new UnreadablePdfError(fileName, reason);
  return new UnreadablePdfError(fileName, message.replace(/\s+/gu, ' '));
}
