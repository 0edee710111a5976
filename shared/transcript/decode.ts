// Bytes to text for every transcript format. UTF-8 (the WebVTT and Whisper encoding, and most SRT files)
// or UTF-16 with a byte order mark (what Windows tools save as "Unicode"). Anything else is rejected with
// the line of the first bad byte, never repaired with U+FFFD: a quote must match the file's real words.
import { err, ok, type Result } from '../types/result.ts';

/** The byte order mark, which decoding keeps so that the WebVTT parser can judge its signature line. */
export const BOM = '\uFEFF';

/** Decodes a transcript's bytes, keeping a leading BOM; returns an error naming the line of the first invalid UTF-8 sequence. */
export function decodeTranscript(fileName: string, bytes: Uint8Array): Result<string> {
  const b0 = bytes[0];
  const b1 = bytes[1];
  const utf16 = b0 === 0xff && b1 === 0xfe ? 'utf-16le' : b0 === 0xfe && b1 === 0xff ? 'utf-16be' : null;
  try {
    return ok(new TextDecoder(utf16 ?? 'utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
  } catch {
    if (utf16) return err(`${fileName}: not valid ${utf16.toUpperCase()} text (it starts with a ${utf16.toUpperCase()} byte order mark); re-save it as UTF-8`);
    return err(`${fileName}: line ${firstInvalidUtf8Line(bytes)}: not valid UTF-8 text; re-save the file as UTF-8`);
  }
}

function firstInvalidUtf8Line(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line - 1;
}

/** The text without one leading BOM; never throws. */
export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}
