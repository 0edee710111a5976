// Proposing which source each reference number of a draft points to, for the editor to confirm (issue 7,
// item 2), and binding by file name alone for the headless `check` pipeline. Nothing here binds anything:
// binding is the editor's act, recorded in the ledger.
import { foldString } from '../check/fold.ts';
import type { Source } from '../types/domain.ts';
import type { SourceText } from '../types/text.ts';
import { normalizeDoi } from './bibtex.ts';
import type { CslItem } from './csl.ts';

/** A source's first characters searched for the item's DOI (a paper prints its own DOI on its first page; later pages cite other DOIs). */
export const DOI_SEARCH_CHARS = 6_000;
/** A source's first characters searched for the item's title. */
export const TITLE_SEARCH_CHARS = 3_000;
/** Proposals scoring below this are not returned. */
export const MIN_PROPOSAL_SCORE = 0.3;
/** Most proposals per reference. */
export const MAX_PROPOSALS = 5;
/** Score of each kind of evidence for a match (combined as independent evidence: 1 − Π(1 − s)). */
export const REASON_SCORES = { doi: 1, fileNumber: 0.9, titleInText: 0.85, authorYear: 0.6 } as const;

/** Why a source was proposed for a reference. */
export type MatchReason =
  | { kind: 'doi'; doi: string; where: 'text' | 'metadata' }
  | { kind: 'title'; similarity: number; where: 'metadata' | 'text' }
  | { kind: 'file-number'; fileName: string }
  | { kind: 'author-year'; author: string; year: string };

/** A source proposed for a reference. */
export interface SourceProposal {
  /** The source's SHA-256. */
  sha256: string;
  /** 0..1, combined from the reasons. */
  score: number;
  /** What matched, strongest first. */
  reasons: MatchReason[];
}

/** Proposals for one reference number. */
export interface ReferenceProposal {
  /** The reference number. */
  ref: string;
  /** The list item taken to be this reference, or null. */
  item: CslItem | null;
  /** How the item was identified: a field naming the number, or its position in the list. */
  itemBy: 'citation-number' | 'citation-key' | 'id' | 'note' | 'position' | null;
  /** Sources, best first (at most MAX_PROPOSALS, each ≥ MIN_PROPOSAL_SCORE). */
  proposals: SourceProposal[];
}

// A note (Zotero's "Extra") that starts by naming the reference: `[15]`, `Ref. 15`, `Reference 15`.
const NOTE_NUMBER = /^\s*(?:\[\s*([\p{L}\p{N}]+)\s*\]|ref(?:erence)?\.?\s*(?:no\.?\s*)?([\p{L}\p{N}]+)\b)/iu;
const noteRef = (note: unknown): string | undefined => {
  if (typeof note !== 'string') return undefined;
  const m = NOTE_NUMBER.exec(note);
  return m?.[1] ?? m?.[2];
};

/**
 * The item a reference number names: an item whose `citation-number`, `citation-key`, `id` or a leading
 * number in `note` equals it; when no item in the list carries such a number, the n-th item for reference n
 * (a list exported in citation order); null otherwise.
 */
export function itemForReference(ref: string, items: readonly CslItem[]): { item: CslItem; by: NonNullable<ReferenceProposal['itemBy']> } | null {
  for (const item of items) {
    if (item['citation-number'] !== undefined && String(item['citation-number']) === ref) return { item, by: 'citation-number' };
  }
  for (const item of items) if (item['citation-key'] === ref) return { item, by: 'citation-key' };
  for (const item of items) if (item.id === ref) return { item, by: 'id' };
  for (const item of items) if (noteRef(item.note) === ref) return { item, by: 'note' };
  const numbered = items.some(
    (i) => i['citation-number'] !== undefined || /^\d+$/.test(i['citation-key'] ?? '') || /^\d+$/.test(i.id) || /^\d+$/.test(noteRef(i.note) ?? ''),
  );
  if (numbered || !/^\d+$/.test(ref)) return null;
  const item = items[Number(ref) - 1];
  return item ? { item, by: 'position' } : null;
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** True when a file's name starts with the reference number followed by a non-digit (`15.pdf`, `15 - Abrahamian.pdf`, not `150.pdf`); never throws. */
export function fileNameCites(ref: string, fileName: string): boolean {
  const name = baseName(fileName).toLowerCase();
  const r = ref.toLowerCase();
  if (r === '' || !name.startsWith(r)) return false;
  const next = name[r.length] ?? '';
  // Labels that are not numbers (`a`) must end at a non-letter too, so `a` does not claim `abrahamian.pdf`.
  return /^\d+$/.test(r) ? !/\d/.test(next) && next !== '' : !/[\p{L}\p{N}]/u.test(next) && next !== '';
}

/** Result of binding reference numbers by file name alone. */
export interface FileNameBinding {
  /** Reference → the one file whose name starts with it. */
  bound: Map<string, string>;
  /** References that more than one file name starts with (not bound: which one is meant is unclear). */
  ambiguous: Map<string, string[]>;
  /** References no file name starts with. */
  unbound: string[];
}

/** Binds each reference to the one file whose name starts with its number followed by a non-digit; never throws. */
export function bindByFileName(refs: readonly string[], fileNames: readonly string[]): FileNameBinding {
  const result: FileNameBinding = { bound: new Map(), ambiguous: new Map(), unbound: [] };
  for (const ref of refs) {
    const files = fileNames.filter((f) => fileNameCites(ref, f));
    if (files.length === 1 && files[0] !== undefined) result.bound.set(ref, files[0]);
    else if (files.length > 1) result.ambiguous.set(ref, files);
    else result.unbound.push(ref);
  }
  return result;
}

function words(s: string): string[] {
  return foldString(s.normalize('NFKD').replace(/\p{M}/gu, ''))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** 0..1: Dice coefficient of two titles' word bigrams (single words for one-word titles), case, accents and punctuation ignored; never throws. */
export function titleSimilarity(a: string, b: string): number {
  const grams = (ws: string[]) => (ws.length < 2 ? ws : ws.slice(1).map((w, i) => `${ws[i]} ${w}`));
  const x = grams(words(a));
  const y = grams(words(b));
  if (x.length === 0 || y.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const g of x) counts.set(g, (counts.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of y) {
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(g, n - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

function yearOf(item: CslItem): string | null {
  const parts = item.issued?.['date-parts']?.[0]?.[0];
  if (parts !== undefined) return String(parts);
  const raw = item.issued?.raw ?? item.issued?.literal;
  return raw ? (/\b(\d{4})\b/.exec(raw)?.[1] ?? null) : null;
}

function surnames(item: CslItem): string[] {
  return (item.author ?? item.editor ?? []).map((n) => n.family ?? n.literal ?? '').filter((s) => s !== '');
}

function reasonsFor(ref: string, item: CslItem | null, source: Source, text: SourceText | undefined): MatchReason[] {
  const reasons: MatchReason[] = [];
  if (item?.DOI) {
    const doi = normalizeDoi(item.DOI).toLowerCase();
    const meta = `${source.title} ${source.fileName}`.toLowerCase();
    if (doi && meta.includes(doi)) reasons.push({ kind: 'doi', doi, where: 'metadata' });
    else if (doi && text && text.text.slice(0, DOI_SEARCH_CHARS).toLowerCase().includes(doi)) reasons.push({ kind: 'doi', doi, where: 'text' });
  }
  if (fileNameCites(ref, source.fileName)) reasons.push({ kind: 'file-number', fileName: source.fileName });
  if (item?.title) {
    const similarity = Math.max(titleSimilarity(item.title, source.title), titleSimilarity(item.title, baseName(source.fileName).replace(/\.[^.]+$/, '')));
    const head = text ? ` ${words(text.text.slice(0, TITLE_SEARCH_CHARS)).join(' ')} ` : '';
    const title = words(item.title).join(' ');
    if (title.length >= 12 && head.includes(` ${title} `)) reasons.push({ kind: 'title', similarity: 1, where: 'text' });
    else if (similarity > 0) reasons.push({ kind: 'title', similarity, where: 'metadata' });
  }
  const year = item ? yearOf(item) : null;
  if (item && year) {
    const name = ` ${words(baseName(source.fileName)).join(' ')} `;
    const author = surnames(item).find((s) => words(s).length > 0 && name.includes(` ${words(s).join(' ')} `));
    if (author && name.includes(` ${year} `)) reasons.push({ kind: 'author-year', author, year });
  }
  return reasons;
}

function reasonScore(r: MatchReason): number {
  switch (r.kind) {
    case 'doi':
      return REASON_SCORES.doi;
    case 'file-number':
      return REASON_SCORES.fileNumber;
    case 'title':
      return r.where === 'text' ? REASON_SCORES.titleInText : r.similarity * 0.95;
    case 'author-year':
      return REASON_SCORES.authorYear;
  }
}

/** For each reference number, its list item (see itemForReference) and the sources that may be it, best first, with reasons; never throws. */
export function matchReferences(
  refNumbers: readonly string[],
  items: readonly CslItem[],
  sources: readonly Source[],
  texts: readonly SourceText[] = [],
): ReferenceProposal[] {
  const textBySha = new Map(texts.map((t) => [t.sha256, t]));
  return refNumbers.map((ref) => {
    const found = itemForReference(ref, items);
    const item = found?.item ?? null;
    const proposals: SourceProposal[] = [];
    for (const source of sources) {
      const reasons = reasonsFor(ref, item, source, textBySha.get(source.sha256));
      const scored = reasons.map((r) => ({ r, s: reasonScore(r) })).sort((a, b) => b.s - a.s);
      const score = 1 - scored.reduce((p, x) => p * (1 - x.s), 1);
      if (score >= MIN_PROPOSAL_SCORE) proposals.push({ sha256: source.sha256, score, reasons: scored.map((x) => x.r) });
    }
    proposals.sort((a, b) => b.score - a.score || a.sha256.localeCompare(b.sha256));
    return { ref, item, itemBy: found?.by ?? null, proposals: proposals.slice(0, MAX_PROPOSALS) };
  });
}
