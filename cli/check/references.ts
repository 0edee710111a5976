// Binding a draft's reference numbers to sources for `check` (issue 8 item 3, issue 7 item 2): by the
// number a file name starts with (`15.pdf`, `15 - Abrahamian.pdf`), else through a reference list in the
// sources folder (CSL-JSON as Zotero exports it, or BibTeX) whose item for that number names the source by
// title or file. The reference-list readers here are deliberately small (only what binding needs); the
// shared readers in shared/references/ replace them once they land.
import type { SourceFileKind } from '../../shared/types/domain.ts';

/** One item of a reference list, as CSL-JSON fields (BibTeX entries are converted to them). */
export type ReferenceItem = Record<string, unknown> & { id: string };

/** What binding needs to know of an imported source. */
export interface BindableSource {
  /** SHA-256 of the file. */
  sha256: string;
  /** PDF, transcript or recording. */
  kind: SourceFileKind;
  /** The file's name (no folder). */
  fileName: string;
  /** The source's title (PDF metadata or file name). */
  title: string;
}

/** How one reference number was bound, or why it was not. */
export interface Binding {
  /** The reference number as in the markers. */
  ref: string;
  /** The bound source, or null. */
  sourceSha256: string | null;
  /** The reference list's item for this number, or null. */
  csl: ReferenceItem | null;
  /** `file name`, `reference list` or null when unbound. */
  via: 'file name' | 'reference list' | null;
  /** For people: how it was bound, or why not. */
  detail: string;
}

/** True when parsed JSON looks like CSL-JSON: a non-empty array of objects each with a string `type` and an `id` or `title`; never throws. */
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

/** The items of a CSL-JSON list already known to have its shape (isCslJsonShape); ids as strings. */
export function cslItems(value: unknown[]): ReferenceItem[] {
  return value.map((item, i) => {
    const o = item as Record<string, unknown>;
    const id = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : `item-${i + 1}`;
    return { ...o, id };
  });
}

// BibTeX: `@type{key, field = {value} | "value" | bare, …}`. Braces nest; @comment/@preamble/@string are skipped.
const BIB_TYPES: Record<string, string> = { article: 'article-journal', book: 'book', inbook: 'chapter', incollection: 'chapter', inproceedings: 'paper-conference', phdthesis: 'thesis', mastersthesis: 'thesis', techreport: 'report', misc: 'document', online: 'webpage', report: 'report' };

function readBibValue(src: string, at: number): { value: string; end: number } | null {
  let i = at;
  while (/\s/.test(src[i] ?? '')) i++;
  const open = src[i];
  if (open === '{') {
    let depth = 0;
    for (let j = i; j < src.length; j++) {
      if (src[j] === '\\') {
        j++;
        continue;
      }
      if (src[j] === '{') depth++;
      else if (src[j] === '}' && --depth === 0) return { value: src.slice(i + 1, j), end: j + 1 };
    }
    return null;
  }
  if (open === '"') {
    let depth = 0;
    for (let j = i + 1; j < src.length; j++) {
      if (src[j] === '\\') {
        j++;
        continue;
      }
      if (src[j] === '{') depth++;
      else if (src[j] === '}') depth--;
      else if (src[j] === '"' && depth === 0) return { value: src.slice(i + 1, j), end: j + 1 };
    }
    return null;
  }
  const bare = /^[^,}\s]+/.exec(src.slice(i));
  return bare ? { value: bare[0], end: i + bare[0].length } : null;
}

/** The entries of a BibTeX file as CSL-like items (`id` = citation key; title, DOI, file, note, type); an error message naming the line when an entry is malformed. */
export function parseBibtex(fileName: string, src: string): { ok: true; items: ReferenceItem[] } | { ok: false; error: string } {
  const items: ReferenceItem[] = [];
  const entry = /@([A-Za-z]+)\s*[{(]/g;
  let m: RegExpExecArray | null;
  const lineOf = (offset: number) => src.slice(0, offset).split('\n').length;
  while ((m = entry.exec(src)) !== null) {
    const kind = (m[1] ?? '').toLowerCase();
    if (kind === 'comment' || kind === 'preamble' || kind === 'string') continue;
    let i = m.index + m[0].length;
    const key = /^\s*([^,\s]+)\s*,/.exec(src.slice(i));
    if (!key?.[1]) return { ok: false, error: `${fileName}:${lineOf(m.index)}: @${m[1]} entry has no citation key` };
    i += key[0].length;
    const item: ReferenceItem = { id: key[1], type: BIB_TYPES[kind] ?? 'document' };
    for (;;) {
      const field = /^\s*([A-Za-z][\w-]*)\s*=/.exec(src.slice(i));
      if (!field?.[1]) break;
      const value = readBibValue(src, i + field[0].length);
      if (!value) return { ok: false, error: `${fileName}:${lineOf(i + field[0].length - field[0].trimStart().length)}: entry ${key[1]}: field ${field[1]} has no closed value` };
      const name = field[1].toLowerCase();
      const text = value.value.replace(/[{}]/g, '').replace(/\s+/g, ' ').trim();
      if (name === 'doi') item.DOI = text;
      else if (name === 'url') item.URL = text;
      else item[name] = text;
      i = value.end;
      const comma = /^\s*,/.exec(src.slice(i));
      if (!comma) break;
      i += comma[0].length;
    }
    if (!/^\s*[})]/.test(src.slice(i))) return { ok: false, error: `${fileName}:${lineOf(i)}: entry ${key[1]} is not closed` };
    items.push(item);
  }
  return { ok: true, items };
}

/** The reference number a file name starts with (`15 - Abrahamian.pdf` → `15`, `015.pdf` → `15`), or null; never throws. */
export function leadingNumber(fileName: string): string | null {
  const m = /^0*(\d{1,9})(?!\d)/.exec(fileName);
  return m?.[1] ? String(Number(m[1])) : null;
}

// PDFs and transcripts are what quotations are checked in, so they win over a recording of the same number.
const KIND_RANK: Record<SourceFileKind, number> = { pdf: 0, transcript: 0, recording: 1 };

function preferText(candidates: BindableSource[]): { best: BindableSource | null; ambiguous: BindableSource[] } {
  if (candidates.length === 0) return { best: null, ambiguous: [] };
  const top = Math.min(...candidates.map((c) => KIND_RANK[c.kind]));
  const tied = candidates.filter((c) => KIND_RANK[c.kind] === top);
  return tied.length === 1 ? { best: tied[0]!, ambiguous: [] } : { best: null, ambiguous: tied };
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function stem(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '').replace(/^\d+\s*(?:[-–—_.:)]\s*)?/, '');
}

function itemFor(ref: string, lists: readonly ReferenceItem[]): ReferenceItem | null {
  return lists.find((i) => i.id === ref) ?? lists.find((i) => i['citation-number'] !== undefined && String(i['citation-number']) === ref) ?? null;
}

function sourcesNamedBy(item: ReferenceItem, sources: readonly BindableSource[]): BindableSource[] {
  const title = typeof item.title === 'string' ? fold(item.title) : '';
  const file = typeof item.file === 'string' ? item.file : '';
  return sources.filter((s) => (title !== '' && (fold(s.title) === title || fold(stem(s.fileName)) === title)) || (file !== '' && file.includes(s.fileName)));
}

/**
 * Binds each reference number: to the one PDF or transcript whose file name starts with it (a recording
 * only when nothing else has the number), else to the source its reference-list item names by title or
 * file. Never throws; unbound numbers say why.
 */
export function bindReferences(refs: readonly string[], sources: readonly BindableSource[], lists: readonly ReferenceItem[]): Binding[] {
  return refs.map((ref): Binding => {
    const csl = itemFor(ref, lists);
    const numbered = /^\d+$/.test(ref) ? sources.filter((s) => leadingNumber(s.fileName) === String(Number(ref))) : [];
    const byName = preferText(numbered);
    if (byName.best) return { ref, sourceSha256: byName.best.sha256, csl, via: 'file name', detail: `bound to ${byName.best.fileName} by its file name` };
    const clash = byName.ambiguous.length > 0 ? `several files start with ${ref} (${byName.ambiguous.map((s) => s.fileName).join(', ')})` : null;
    if (csl) {
      const byList = preferText(sourcesNamedBy(csl, sources));
      if (byList.best) return { ref, sourceSha256: byList.best.sha256, csl, via: 'reference list', detail: `bound to ${byList.best.fileName} through the reference list${clash ? ` (${clash})` : ''}` };
      const why = byList.ambiguous.length > 0 ? `its reference-list item names several files (${byList.ambiguous.map((s) => s.fileName).join(', ')})` : 'its reference-list item names no file in the folder';
      return { ref, sourceSha256: null, csl, via: null, detail: clash ? `${clash}, and ${why}` : why };
    }
    return { ref, sourceSha256: null, csl: null, via: null, detail: clash ?? 'no file name starts with it and no reference list has it' };
  });
}
