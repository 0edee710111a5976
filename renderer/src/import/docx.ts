// .docx → draft text. mammoth converts the document to simple HTML (its footnote and endnote references
// become `<sup><a href="#footnote-1">[1]</a></sup>`, the notes an `<ol>` of `<li id="footnote-1">`), and
// htmlToDraftText turns that into the same text a pasted page gives: references as `[N]` markers, notes
// returned beside the text. mammoth reads no external files (externalFileAccess off) and images are
// dropped unread.
import mammoth from 'mammoth';
import { err, ok, type Result } from '../../../shared/types/result.ts';
import { docxZipProblem } from './docx-zip.ts';
import { htmlToDraftText, type HtmlNote } from './html.ts';

/** Largest .docx accepted, in bytes. */
export const DOCX_MAX_BYTES = 50 * 1024 * 1024;

/** Draft text converted from a .docx. */
export interface DocxDraft {
  /** The text, one paragraph per line, footnote references as `[N]` markers. */
  text: string;
  /** The document's footnotes and endnotes. */
  notes: HtmlNote[];
  /** mammoth's warnings (unsupported styles and the like), for the import log. */
  warnings: string[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Converts .docx bytes to draft text; an error Result (naming the file) when it is too large, not a .docx, or has no text. */
export async function docxToDraftText(data: ArrayBuffer, fileName = 'the document'): Promise<Result<DocxDraft>> {
  if (data.byteLength > DOCX_MAX_BYTES) return err(`${fileName} is ${data.byteLength} bytes; the limit for a .docx is ${DOCX_MAX_BYTES} bytes.`);
  const head = new Uint8Array(data, 0, Math.min(4, data.byteLength));
  if (!ZIP_MAGIC.every((b, i) => head[i] === b)) return err(`${fileName} is not a .docx file (a .docx is a zip archive).`);
  // Sizes, bombs and nesting are checked before mammoth inflates or parses anything (docx-zip.ts).
  const problem = docxZipProblem(new Uint8Array(data), fileName);
  if (problem !== null) return err(problem);
  let converted: { value: string; messages: { type: string; message: string }[] };
  try {
    // mammoth's Node build reads `buffer` and its browser build (chosen by Vite) reads `arrayBuffer`;
    // JSZip accepts an ArrayBuffer under either name.
    const input = { arrayBuffer: data, buffer: data } as unknown as { arrayBuffer: ArrayBuffer };
    converted = await mammoth.convertToHtml(input, {
      externalFileAccess: false,
      convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
    });
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    return err(`${fileName} could not be read as a .docx: ${reason}`);
  }
  const html = htmlToDraftText(converted.value, fileName);
  if (!html.ok) return err(html.error);
  const warnings = converted.messages.map((m) => `${m.type}: ${m.message}`);
  return ok({ text: html.value.text, notes: html.value.notes, warnings });
}
