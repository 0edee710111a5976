// The cited-page check (issue 7, item 6): a marker such as `[15]: 218` or `[8]: 81–83` cites pages of the
// source bound to its reference; evidence from that source on other pages is flagged.
//
// Locators understood (whitespace around tokens is free; a leading `p.`, `pp.`, `page`, `pages` is ignored):
//   218            one page                       xii          one roman page (i…mmmcmxcix, any case)
//   81–83, 81-83   a range (hyphen, en or em dash, `to`); abbreviated ends expand: 81–3 → 81–83, 218–24 → 218–224
//   xii–xv         a roman range
//   234, 239       a list (`,`, `;`, `and`, `&`), of any of these forms
//   218n4          a note on a page: the page (`218 n4`, `218 n. 4`, `218nn4–5`, `218 note 4`)
//   218 f.         the page and the next (`218f`)
//   218 ff.        the page and any page after it (open-ended: how far "ff." reaches is not said)
// Anything else (`passim`, `A-3`, `218–200`) is reported as unparseable, never guessed.
//
// Printed pages: when the PDF declares page labels (some label differs from its 1-based page number) the
// label is the printed page; otherwise printed page = 1-based page number + the source's pageOffset.
import type { Marker, Source } from '../types/domain.ts';
import { err, ok, type Result } from '../types/result.ts';
import type { CharRange, PageUnit, SourceText } from '../types/text.ts';

/** Longest locator parsed, in characters. */
export const MAX_LOCATOR_CHARS = 200;
/** Most items in one locator list. */
export const MAX_LOCATOR_ITEMS = 50;
/** Largest page number accepted in a locator. */
export const MAX_PAGE_NUMBER = 100_000;

/** A set of pages a locator names: arabic or roman page numbers from..to (to null: open-ended, from `ff.`). */
export interface PageSpan {
  /** Arabic (`218`) or roman (`xii`) numbering; the two never match each other. */
  kind: 'arabic' | 'roman';
  /** First page. */
  from: number;
  /** Last page, or null for "and following" (open-ended). */
  to: number | null;
}

/** A printed page of a passage. */
export interface PrintedPage {
  /** Zero-based PDF page index. */
  index: number;
  /** The printed page as shown to the editor (`218`, `xii`, or the PDF's label). */
  label: string;
  /** The label as a number, or null when it is neither arabic nor roman (`A-3`). */
  value: { kind: 'arabic' | 'roman'; n: number } | null;
}

/** What the cited-page check reports. */
export type PageFinding =
  | {
      /** Evidence from the cited source lies on none of the cited pages. */
      type: 'page-mismatch';
      /** The evidence item. */
      evidenceId: string;
      /** The reference number of the marker(s). */
      ref: string;
      /** The locators as written, e.g. [`81–83`]. */
      locators: string[];
      /** The cited pages, normalised (`81–83`, `218ff.`). */
      expected: string;
      /** The printed pages of the evidence. */
      actual: string[];
    }
  | {
      /** A marker's locator is not understood (see the module comment); it is not guessed. */
      type: 'locator-unparseable';
      /** The reference number. */
      ref: string;
      /** The locator as written. */
      locator: string;
      /** Why, for the editor. */
      message: string;
    }
  | {
      /** Evidence whose pages cannot be compared (a transcript, or labels such as `A-3`). */
      type: 'page-unverifiable';
      /** The evidence item. */
      evidenceId: string;
      /** The reference number. */
      ref: string;
      /** The locators as written. */
      locators: string[];
      /** Why, for the editor. */
      reason: string;
    };

const ROMAN: [string, number][] = [
  ['m', 1000], ['cm', 900], ['d', 500], ['cd', 400], ['c', 100], ['xc', 90],
  ['l', 50], ['xl', 40], ['x', 10], ['ix', 9], ['v', 5], ['iv', 4], ['i', 1],
];

/** A roman numeral as lowercase text; '' for n outside 1..3999; never throws. */
export function toRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) return '';
  let out = '';
  let rest = n;
  for (const [s, v] of ROMAN) {
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  }
  return out;
}

/** The value of a canonical roman numeral (any case), or null when it is not one (`iiii`, `ic`); never throws. */
export function fromRoman(s: string): number | null {
  const lower = s.toLowerCase();
  if (!/^[ivxlcdm]+$/.test(lower)) return null;
  let n = 0;
  let i = 0;
  for (const [sym, v] of ROMAN) {
    while (lower.startsWith(sym, i)) {
      n += v;
      i += sym.length;
    }
  }
  return i === lower.length && toRoman(n) === lower ? n : null;
}

function pageNumber(token: string): { kind: 'arabic' | 'roman'; n: number } | null {
  if (/^\d{1,6}$/.test(token)) {
    const n = Number(token);
    return n >= 1 && n <= MAX_PAGE_NUMBER ? { kind: 'arabic', n } : null;
  }
  const r = fromRoman(token);
  return r === null ? null : { kind: 'roman', n: r };
}

const NOTE = /^(.+?)\s*(?:nn?\.?|notes?)\s*\d+(?:\s*[-–—]\s*\d+)?$/iu;
const FOLLOWING = /^(.+?)\s*(ff?)\.?$/iu;
const RANGE = /^(\S+?)\s*(?:[-–—‒]+|\bto\b)\s*(\S+)$/iu;

function parseItem(item: string): PageSpan | string {
  let s = item.trim();
  const note = NOTE.exec(s);
  if (note?.[1] && pageNumber(note[1].trim())) s = note[1].trim();
  const following = FOLLOWING.exec(s);
  if (following?.[1] && following[2]) {
    const p = pageNumber(following[1].trim());
    if (p) return { kind: p.kind, from: p.n, to: following[2].toLowerCase() === 'ff' ? null : p.n + 1 };
  }
  const single = pageNumber(s);
  if (single) return { kind: single.kind, from: single.n, to: single.n };
  const range = RANGE.exec(s);
  if (range?.[1] && range[2]) {
    const a = pageNumber(range[1]);
    let bText = range[2];
    // Abbreviated end (81–3, 218–24): take the missing leading digits from the start.
    if (a?.kind === 'arabic' && /^\d+$/.test(bText) && bText.length < range[1].length) bText = range[1].slice(0, range[1].length - bText.length) + bText;
    const b = pageNumber(bText);
    if (!a || !b) return `"${item.trim()}" is not a page or a page range`;
    if (a.kind !== b.kind) return `"${item.trim()}" mixes roman and arabic page numbers`;
    if (b.n < a.n) return `"${item.trim()}" ends before it starts`;
    return { kind: a.kind, from: a.n, to: b.n };
  }
  return `"${item.trim()}" is not a page, a page range, a note or "ff."`;
}

/** The page spans a locator names (see the module comment); an error naming the part not understood when it is unparseable. */
export function parseLocator(locator: string): Result<PageSpan[]> {
  if (locator.length > MAX_LOCATOR_CHARS) return err(`page locator is longer than ${MAX_LOCATOR_CHARS} characters`);
  const body = locator.trim().replace(/^(?:pp?\.|pages?\b)\s*/iu, '');
  if (body === '') return err('page locator is empty');
  const items = body.split(/\s*(?:[,;&]|\band\b)\s*/iu).filter((i) => i !== '');
  if (items.length > MAX_LOCATOR_ITEMS) return err(`page locator lists more than ${MAX_LOCATOR_ITEMS} items`);
  const spans: PageSpan[] = [];
  for (const item of items) {
    const span = parseItem(item);
    if (typeof span === 'string') return err(`page locator "${locator}": ${span}`);
    spans.push(span);
  }
  return ok(spans);
}

/** Page spans as text (`81–83, 218ff., xii`); never throws. */
export function formatPageSpans(spans: readonly PageSpan[]): string {
  const page = (kind: PageSpan['kind'], n: number) => (kind === 'roman' ? toRoman(n) : String(n));
  return spans
    .map((s) => (s.to === null ? `${page(s.kind, s.from)}ff.` : s.to === s.from ? page(s.kind, s.from) : `${page(s.kind, s.from)}–${page(s.kind, s.to)}`))
    .join(', ');
}

/** True when any span holds the page; false for a page without a numeric value; never throws. */
export function spansInclude(spans: readonly PageSpan[], page: PrintedPage): boolean {
  const v = page.value;
  if (!v) return false;
  return spans.some((s) => s.kind === v.kind && v.n >= s.from && (s.to === null || v.n <= s.to));
}

/** True when the PDF declares its own page labels (some label differs from its 1-based page number); never throws. */
export function hasRealPageLabels(text: SourceText): boolean {
  return text.units.some((u) => u.kind === 'page' && u.label !== String(u.index + 1));
}

/** The printed pages a range of a PDF source text touches (labels, or page number + offset); empty for a transcript; never throws. */
export function printedPages(source: Pick<Source, 'pageOffset'>, text: SourceText, range: CharRange): PrintedPage[] {
  const labelled = hasRealPageLabels(text);
  const [start, end] = range;
  const pages = text.units.filter((u): u is PageUnit => u.kind === 'page' && u.range[0] < Math.max(end, start + 1) && u.range[1] > start);
  return pages.map((u) => {
    if (labelled) {
      const label = u.label.trim();
      return { index: u.index, label, value: pageNumber(label) };
    }
    const n = u.index + 1 + source.pageOffset;
    return { index: u.index, label: String(n), value: n >= 1 ? { kind: 'arabic', n } : null };
  });
}

/** One evidence item to check: where its passage lies. */
export interface EvidenceLocation {
  /** The evidence id. */
  id: string;
  /** The source its passage points into. */
  sourceSha256: string;
  /** The passage's range in that source's text. */
  range: CharRange;
}

/** What checkCitedPages needs about a claim and the workspace. */
export interface CitedPageInput {
  /** The claim's markers. */
  markers: readonly Marker[];
  /** Reference number → bound source SHA-256 (unbound references are absent or null). */
  bindings: ReadonlyMap<string, string | null>;
  /** The claim's evidence. */
  evidence: readonly EvidenceLocation[];
  /** Sources by SHA-256 (for pageOffset). */
  sources: ReadonlyMap<string, Pick<Source, 'pageOffset'>>;
  /** Source texts by SHA-256. */
  texts: ReadonlyMap<string, SourceText>;
}

/**
 * Findings for one claim; never throws. Evidence is checked against the markers whose reference is bound to
 * its source: none → not checked; one without a locator → any page is fine; else it must lie (any of its
 * pages) inside one of their locators. Unparseable locators are reported once each and impose nothing.
 */
export function checkCitedPages(input: CitedPageInput): PageFinding[] {
  const findings: PageFinding[] = [];
  const parsed = new Map<Marker, PageSpan[] | null>();
  for (const m of input.markers) {
    if (m.ref === null || m.locator === null) continue;
    const r = parseLocator(m.locator);
    parsed.set(m, r.ok ? r.value : null);
    if (!r.ok) findings.push({ type: 'locator-unparseable', ref: m.ref, locator: m.locator, message: r.error });
  }
  for (const e of input.evidence) {
    const citing = input.markers.filter((m) => m.ref !== null && input.bindings.get(m.ref) === e.sourceSha256);
    if (citing.length === 0 || citing.some((m) => m.locator === null)) continue;
    const usable = citing.filter((m) => parsed.get(m));
    if (usable.length === 0) continue;
    const spans = usable.flatMap((m) => parsed.get(m) ?? []);
    const ref = usable[0]?.ref ?? '';
    const locators = usable.map((m) => m.locator ?? '');
    const text = input.texts.get(e.sourceSha256);
    const source = input.sources.get(e.sourceSha256);
    if (!text || !source || text.kind !== 'pdf') {
      const reason = !text || !source ? 'the source or its text is not in the workspace' : 'the source is a transcript, which has no pages';
      findings.push({ type: 'page-unverifiable', evidenceId: e.id, ref, locators, reason });
      continue;
    }
    const pages = printedPages(source, text, e.range);
    if (pages.some((p) => spansInclude(spans, p))) continue;
    if (pages.length === 0 || pages.some((p) => p.value === null)) {
      const labels = pages.map((p) => p.label).join(', ');
      findings.push({ type: 'page-unverifiable', evidenceId: e.id, ref, locators, reason: pages.length === 0 ? 'the passage lies on no page' : `page label ${labels} is not a page number` });
      continue;
    }
    findings.push({ type: 'page-mismatch', evidenceId: e.id, ref, locators, expected: formatPageSpans(spans), actual: pages.map((p) => p.label) });
  }
  return findings;
}
