// Adapter: the transcript importer (shared/transcript, parseTranscript(fileName, bytes)) for .vtt, .srt,
// .json and .txt names, committed through the store as a source when accepted.
import { parseTranscript } from '../../shared/transcript/index.ts';
import type { AdapterContext, AdapterOutcome, FuzzInput } from '../protocol.ts';
import { sourceRow, storeImport, storeUntouched } from '../store.ts';

const MEDIA: Record<string, string> = { webvtt: 'text/vtt', srt: 'application/x-subrip', 'whisper-json': 'application/json', plain: 'text/plain' };

/** Parses the bytes as a transcript; a rejection is parseTranscript's error Result. */
export async function run(input: FuzzInput, context: AdapterContext): Promise<AdapterOutcome> {
  const parsed = parseTranscript(input.name, input.bytes);
  if (!context.storeCheck) return parsed.ok ? { kind: 'accepted' } : { kind: 'rejected', message: parsed.error };
  if (!parsed.ok) {
    const lost = await storeUntouched();
    return lost === null ? { kind: 'rejected', message: parsed.error } : { kind: 'lost', detail: lost };
  }
  const { sourceText, format } = parsed.value;
  const source = sourceRow(input.name, input.bytes, 'transcript', MEDIA[format] ?? 'text/plain', sourceText, null);
  return storeImport(input.name, [{ type: 'source.added', payload: { source, text: sourceText } }], new Map([[source.sha256, input.bytes]]));
}
