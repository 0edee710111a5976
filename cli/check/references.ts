// Binding a draft's reference numbers to sources for `check` (issue 8 item 3, issue 7 item 2). Headless,
// so only unambiguous evidence binds: first the file name (`15.pdf`, `15 - Abrahamian.pdf`, through
// shared/references' bindByFileName; a PDF or transcript before a recording of the same number), else the
// reference list's item for the number (CSL-JSON or BibTeX in the folder) when it names exactly one source
// by DOI, a near-identical title, or its `file` field. Proposals weaker than that are left to the editor.
import { bindByFileName, itemForReference, matchReferences, type SourceProposal } from '../../shared/references/match.ts';
import type { CslItem } from '../../shared/references/csl.ts';
import type { Source } from '../../shared/types/domain.ts';
import type { SourceText } from '../../shared/types/text.ts';

/** Title similarity (0..1, shared/references titleSimilarity) a reference-list item needs to bind a source without an editor. */
export const MIN_HEADLESS_TITLE_SIMILARITY = 0.8;

/** How one reference number was bound, or why it was not. */
export interface Binding {
  /** The reference number as in the markers. */
  ref: string;
  /** The bound source, or null. */
  sourceSha256: string | null;
  /** The reference list's item for this number, or null. */
  csl: CslItem | null;
  /** `file name`, `reference list` or null when unbound. */
  via: 'file name' | 'reference list' | null;
  /** For people: how it was bound, or why not. */
  detail: string;
}

/** True when parsed JSON looks like CSL-JSON rather than a Whisper transcript: a non-empty array of objects each with a string `type` and an `id` or `title`; never throws. */
export function isCslJsonShape(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((item) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
      const o = item as Record<string, unknown>;
      return typeof o.type === 'string' && (typeof o.id === 'string' || typeof o.id === 'number' || typeof o.title === 'string');
    })
  );
}

// PDFs and transcripts are what quotations are checked in, so they win over a recording of the same number.
function textFirst<T extends { kind: Source['kind'] }>(items: readonly T[]): T[] {
  const texts = items.filter((s) => s.kind !== 'recording');
  return texts.length > 0 ? texts : [...items];
}

function decisive(p: SourceProposal): boolean {
  return p.reasons.some((r) => r.kind === 'doi' || (r.kind === 'title' && (r.where === 'text' || r.similarity >= MIN_HEADLESS_TITLE_SIMILARITY)));
}

function byList(item: CslItem, proposals: readonly SourceProposal[], sources: readonly Source[]): { source: Source | null; why: string } {
  const bySha = new Map(sources.map((s) => [s.sha256, s]));
  const named = proposals.filter(decisive).flatMap((p) => {
    const s = bySha.get(p.sha256);
    return s ? [s] : [];
  });
  const file = typeof item.file === 'string' ? item.file : '';
  const byFile = file === '' ? [] : sources.filter((s) => file.includes(s.fileName));
  const candidates = textFirst([...new Set([...named, ...byFile])]);
  if (candidates.length === 1) return { source: candidates[0]!, why: '' };
  if (candidates.length > 1) return { source: null, why: `its reference-list item fits several files (${candidates.map((s) => s.fileName).join(', ')})` };
  return { source: null, why: 'its reference-list item names no file in the folder (by DOI, title or file)' };
}

/**
 * Binds each reference number: to the one PDF or transcript whose file name starts with it (a recording only
 * when no PDF or transcript has the number), else to the one source its reference-list item names by DOI,
 * title (≥ MIN_HEADLESS_TITLE_SIMILARITY) or `file`. Never throws; unbound numbers say why.
 */
export function bindReferences(refs: readonly string[], sources: readonly Source[], items: readonly CslItem[], texts: readonly SourceText[] = []): Binding[] {
  const textNames = sources.filter((s) => s.kind !== 'recording').map((s) => s.fileName);
  const recordingNames = sources.filter((s) => s.kind === 'recording').map((s) => s.fileName);
  const first = bindByFileName(refs, textNames);
  const second = bindByFileName(first.unbound, recordingNames);
  const byName = new Map([...first.bound, ...second.bound]);
  const ambiguous = new Map([...first.ambiguous, ...second.ambiguous]);
  const proposals = new Map(matchReferences(refs, items, sources, texts).map((p) => [p.ref, p]));
  return refs.map((ref): Binding => {
    const csl = itemForReference(ref, items)?.item ?? null;
    const fileName = byName.get(ref);
    const named = fileName === undefined ? undefined : sources.find((s) => s.fileName === fileName);
    if (named) return { ref, sourceSha256: named.sha256, csl, via: 'file name', detail: `bound to ${named.fileName} by its file name` };
    const clashing = ambiguous.get(ref);
    const clash = clashing ? `several files start with ${ref} (${clashing.join(', ')})` : null;
    if (csl) {
      const listed = byList(csl, proposals.get(ref)?.proposals ?? [], sources);
      if (listed.source) return { ref, sourceSha256: listed.source.sha256, csl, via: 'reference list', detail: `bound to ${listed.source.fileName} through the reference list${clash ? ` (${clash})` : ''}` };
      return { ref, sourceSha256: null, csl, via: null, detail: clash ? `${clash}, and ${listed.why}` : listed.why };
    }
    return { ref, sourceSha256: null, csl: null, via: null, detail: clash ?? 'no file name starts with it and no reference list has it' };
  });
}
