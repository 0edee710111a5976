// The pure half of verify.html: turn dropped files into a verification and the result into escaped
// HTML. The DOM half (entry.ts) only collects bytes and shows this HTML.
import { escapeHtml } from '../reports.ts';
import type { FolderInput } from '../bagit.ts';
import { openPacket } from '../packet.ts';
import { verifyPacket, type PacketVerification } from '../verify.ts';

/** One file the person gave the page: its path relative to what they picked, and its bytes. */
export interface DroppedFile {
  /** `packet.zip`, or `my-packet/data/packet.json` for a folder (the first segment is the folder's name). */
  path: string;
  /** The file's bytes. */
  bytes: Uint8Array;
}

/** What the page shows: a verification, or why the input could not be read. */
export type PageOutcome = { kind: 'verified'; source: string; result: PacketVerification } | { kind: 'unreadable'; source: string; error: string };

/** Strips the picked folder's own name when every path starts with the same folder, so bag paths start at the bag root. */
function folderOf(files: DroppedFile[]): FolderInput {
  const first = files[0]?.path.split('/')[0] ?? '';
  const nested = files.length > 0 && files.every((f) => f.path.startsWith(`${first}/`)) && !files.some((f) => f.path === 'bagit.txt');
  return { files: new Map(files.map((f) => [nested ? f.path.slice(first.length + 1) : f.path, f.bytes])) };
}

/** Verifies what was dropped: one .zip file, or the files of an unzipped packet folder; never rejects. */
export async function verifyDropped(files: DroppedFile[], onProgress?: (check: string) => void): Promise<PageOutcome> {
  const single = files.length === 1 ? files[0] : undefined;
  const source = single ? single.path : (files[0]?.path.split('/')[0] ?? 'folder');
  if (files.length === 0) return { kind: 'unreadable', source, error: 'nothing was dropped' };
  const isZip = single !== undefined && single.bytes[0] === 0x50 && single.bytes[1] === 0x4b;
  if (single && !isZip) return { kind: 'unreadable', source, error: `${single.path} is not a zip; drop the packet's .zip or its unzipped folder` };
  const opened = openPacket(isZip && single ? single.bytes : folderOf(files));
  if (!opened.ok) return { kind: 'unreadable', source, error: opened.error };
  try {
    return { kind: 'verified', source, result: await verifyPacket(opened.value, { onProgress }) };
  } catch (error: unknown) {
    return { kind: 'unreadable', source, error: `verification stopped: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The HTML of an outcome: a clear pass, or the first failure, then every check; all text escaped; never throws. */
export function renderOutcome(outcome: PageOutcome): string {
  const e = escapeHtml;
  if (outcome.kind === 'unreadable') {
    return `<p class="verdict fail" role="alert">Cannot read ${e(outcome.source)}: ${e(outcome.error)}</p>`;
  }
  const { result } = outcome;
  const verdict = result.ok
    ? `<p class="verdict pass" role="status">PASS: every check of ${e(outcome.source)} holds.</p>`
    : `<p class="verdict fail" role="alert">FAIL: ${e(outcome.source)} failed at <strong>${e(result.firstFailure?.name ?? '')}</strong>: ${e(result.firstFailure?.detail ?? '')}</p>`;
  const rows = result.checks.map((c) => `<tr class="${c.ok ? 'ok' : 'bad'}"><td>${c.ok ? 'ok' : 'FAIL'}</td><td>${e(c.name)}</td><td>${e(c.detail)}</td></tr>`).join('');
  return `${verdict}<table><thead><tr><th>result</th><th>check</th><th>detail</th></tr></thead><tbody>${rows}</tbody></table>`;
}
