// Pasted HTML (a copied web page, a CMS preview, mammoth's .docx conversion) → draft text: footnote
// superscripts become `[N]` markers, block elements become line breaks, and what is not prose (scripts,
// styles, hidden elements, edit links, footnote lists) is dropped. The footnote lists are returned beside
// the text, so the importer can offer them as reference data. DOMParser builds an inert document: no
// script runs and nothing is fetched.
import { err, ok, type Result } from '../../../shared/types/result.ts';

/** Longest HTML accepted, in UTF-16 code units. */
export const HTML_MAX_CHARS = 20_000_000;
/** Longest footnote label turned into a marker (`12`, `a`, `iv`); longer superscripts stay text. */
export const FOOTNOTE_LABEL_MAX_CHARS = 6;

/** A footnote or endnote found in a footnote list. */
export interface HtmlNote {
  /** The label its markers use (`1`, `a`). */
  label: string;
  /** The note's text. */
  text: string;
}

/** Draft text converted from HTML. */
export interface HtmlDraft {
  /** The text, one block per line. */
  text: string;
  /** Notes from footnote lists, which are not part of the text. */
  notes: HtmlNote[];
}

const DROP = 'script, style, noscript, template, iframe, object, embed, svg, math, canvas, video, audio, button, input, select, textarea, img, [hidden], [aria-hidden="true"], .mw-editsection, .noprint.mw-empty-elt, .sr-only, .visually-hidden';
const NOTE_LISTS = 'ol.references, div.reflist, div.refbegin, section.footnotes, div.footnotes, aside.footnotes, .footnotes-list, [role="doc-endnotes"], [role="doc-footnote"]';
const BACKLINKS = '.mw-cite-backlink, a.footnote-back, a.footnote-backref, [role="doc-backlink"], a[href^="#footnote-ref"], a[href^="#endnote-ref"], a[href^="#fnref"]';
const NOTE_ID = /^(?:fn|footnote|endnote|cite_note|ftn|edn|note)[-_:]?/i;
const NOTE_REF = 'sup, a[role="doc-noteref"], a.footnote-ref, a.footnote-reference, a.noteref';
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CENTER', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY',
  'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'UL', 'CAPTION',
]);

function isHiddenByStyle(el: Element): boolean {
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.getAttribute('style') ?? '');
}

function collapse(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** The `href` fragment a footnote reference points to, if it looks like a note (`#fn3`, `#cite_note-15`, `#footnote-1`). */
function noteTarget(el: Element): string | null {
  const link = el.matches('a') ? el : (el.querySelector('a[href^="#"]') ?? el.closest('a[href^="#"]'));
  const href = link?.getAttribute('href');
  if (!href?.startsWith('#')) return null;
  return href.slice(1);
}

/** The marker text for a footnote reference, or null when the element is not one (an exponent, `m²`). */
function markerFor(el: Element): string | null {
  const text = collapse(el.textContent ?? '');
  if (text === '') return null;
  if (/^\[[^[\]]+\]$/.test(text)) return text; // Wikipedia: `[15]`, `[citation needed]`
  if (/^:\s?\S/.test(text) && el.matches('sup')) return text; // Wikipedia's page locator after a marker: `: 218`
  const label = text.replace(/^[([]|[)\]]$/g, '');
  if (label.length === 0 || label.length > FOOTNOTE_LABEL_MAX_CHARS || !/^[\p{L}\p{N}*†‡§]+$/u.test(label)) return null;
  const target = noteTarget(el);
  const hints = `${el.className} ${el.id} ${el.getAttribute('role') ?? ''} ${el.closest('a')?.className ?? ''}`;
  if ((target !== null && NOTE_ID.test(target)) || /footnote|fnref|noteref|reference/i.test(hints)) return `[${label}]`;
  return null;
}

function collectNotes(body: HTMLElement): HtmlNote[] {
  const notes: HtmlNote[] = [];
  const lists = new Set<Element>(body.querySelectorAll(NOTE_LISTS));
  // Lists whose every item is an anchored note (mammoth's `<li id="footnote-1">`, pandoc's `<li id="fn1">`).
  for (const ol of body.querySelectorAll('ol, ul')) {
    const items = [...ol.children].filter((c) => c.tagName === 'LI');
    if (items.length > 0 && items.every((li) => NOTE_ID.test(li.id))) lists.add(ol);
  }
  for (const list of lists) {
    if ([...lists].some((other) => other !== list && other.contains(list))) continue;
    const items = list.querySelectorAll('li');
    items.forEach((li, i) => {
      for (const back of li.querySelectorAll(BACKLINKS)) back.remove();
      const label = li.id ? li.id.replace(NOTE_ID, '').replace(/^.*[-_]/, '') || String(i + 1) : String(i + 1);
      const text = collapse(li.textContent ?? '');
      if (text) notes.push({ label, text });
    });
  }
  for (const list of lists) list.remove();
  return notes;
}

/** Appends the text of a node to `lines`, breaking lines at block elements. */
function walk(node: Node, lines: string[], current: { text: string }, pre: boolean): void {
  const flush = (keepSpaces = pre): void => {
    const line = keepSpaces ? current.text.replace(/\s+$/, '') : collapse(current.text);
    if (line !== '') lines.push(line);
    current.text = '';
  };
  if (node.nodeType === 3) {
    const value = node.nodeValue ?? '';
    if (!pre) {
      current.text += value.replace(/[\s\u00a0]+/g, ' ');
      return;
    }
    const parts = value.split(/\r\n|\r|\n/);
    parts.forEach((part, i) => {
      if (i > 0) flush();
      current.text += part;
    });
    return;
  }
  if (node.nodeType !== 1) return;
  const el = node as Element;
  if (el.tagName === 'BR') {
    flush();
    return;
  }
  if (el.tagName === 'TD' || el.tagName === 'TH') current.text += ' ';
  const block = BLOCKS.has(el.tagName);
  const inPre = pre || el.tagName === 'PRE';
  if (block) flush();
  for (const child of el.childNodes) walk(child, lines, current, inPre);
  if (block) flush(inPre);
}

/** Converts pasted HTML to draft text with `[N]` markers; an error Result when it is too long or has no text. */
export function htmlToDraftText(html: string): Result<HtmlDraft> {
  if (html.length > HTML_MAX_CHARS) return err(`The pasted HTML has ${html.length} characters; the limit is ${HTML_MAX_CHARS}.`);
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const body = doc.body;
  for (const el of body.querySelectorAll(DROP)) el.remove();
  for (const el of [...body.querySelectorAll('*')]) if (el.isConnected && isHiddenByStyle(el)) el.remove();
  const notes = collectNotes(body);
  // Innermost first, so `<a class="footnote-ref"><sup>1</sup></a>` becomes one marker.
  const refs = [...body.querySelectorAll(NOTE_REF)].reverse();
  for (const el of refs) {
    if (!el.isConnected) continue;
    const marker = markerFor(el);
    if (marker === null) continue;
    const outer = el.matches('sup') && el.parentElement?.matches('a') && markerFor(el.parentElement) !== null ? el.parentElement : el;
    outer.replaceWith(doc.createTextNode(marker));
  }
  const lines: string[] = [];
  const current = { text: '' };
  walk(body, lines, current, false);
  const last = collapse(current.text);
  if (last !== '') lines.push(last);
  const text = lines.join('\n');
  if (text.trim() === '') return err('The pasted HTML has no text.');
  return ok({ text, notes });
}
