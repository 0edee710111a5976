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
/**
 * Most elements (start tags) accepted, counted before parsing. A long article pasted whole has tens of
 * thousands; DOM parsers outside Chromium (jsdom in tests) take seconds per hundred thousand.
 */
export const HTML_MAX_ELEMENTS = 50_000;
/** Deepest element nesting accepted, estimated before parsing (Chromium's parser itself stops nesting at 512). */
export const HTML_MAX_DEPTH = 512;
/** Most footnotes accepted from the footnote lists. */
export const HTML_MAX_NOTES = 10_000;

/** How htmlToDraftText's messages name what they read, unless the caller says otherwise. */
const PASTED = 'The pasted HTML';

// Elements that never hold children, that close themselves when a sibling opens (so sloppy HTML does not
// nest them), and whose content is not markup.
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param', 'keygen', 'frame', 'basefont', 'bgsound']);
const OPTIONAL_END = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'option', 'optgroup', 'rb', 'rt', 'rp', 'rtc', 'colgroup', 'caption', 'html', 'head', 'body']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

/**
 * Why the HTML is too big in shape to parse (more than HTML_MAX_ELEMENTS start tags, or nesting estimated
 * past HTML_MAX_DEPTH), or null. One linear pass over the text, mirroring how a parser nests: void and
 * self-closing-by-sibling elements do not nest, an end tag closes up to the open element it names.
 */
export function htmlShapeProblem(html: string, what = PASTED): string | null {
  const tag = /<(\/?)([a-zA-Z][^\s/>]*)|<!--/g;
  const stack: string[] = [];
  let elements = 0;
  let gt = 0;
  for (let m = tag.exec(html); m !== null; m = tag.exec(html)) {
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', tag.lastIndex);
      if (end < 0) break;
      tag.lastIndex = end + 3;
      continue;
    }
    const name = m[2]!.toLowerCase();
    if (m[1] === '/') {
      const at = stack.lastIndexOf(name);
      if (at >= 0) stack.length = at;
      continue;
    }
    if (++elements > HTML_MAX_ELEMENTS) return `${what} has more than ${HTML_MAX_ELEMENTS} elements; the limit is ${HTML_MAX_ELEMENTS}. Paste or import a smaller part.`;
    if (RAW_TEXT.has(name)) {
      const endTag = new RegExp(`</${name}`, 'ig');
      endTag.lastIndex = tag.lastIndex;
      if (endTag.exec(html) === null) break;
      tag.lastIndex = endTag.lastIndex - name.length - 2;
      continue;
    }
    if (VOID.has(name) || OPTIONAL_END.has(name)) continue;
    // The tag's '>' (found once per '>', so a text of unclosed '<a<a<a' stays linear).
    if (gt !== -1 && gt < tag.lastIndex) gt = html.indexOf('>', tag.lastIndex);
    if (gt > 0 && html[gt - 1] === '/') continue;
    stack.push(name);
    if (stack.length > HTML_MAX_DEPTH) return `${what} nests elements more than ${HTML_MAX_DEPTH} deep; the limit is ${HTML_MAX_DEPTH}. Paste it from a page that shows it, or as plain text.`;
  }
  return null;
}

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

function collectNotes(body: HTMLElement, what: string): HtmlNote[] | string {
  const notes: HtmlNote[] = [];
  const lists = new Set<Element>(body.querySelectorAll(NOTE_LISTS));
  // Lists whose every item is an anchored note (mammoth's `<li id="footnote-1">`, pandoc's `<li id="fn1">`).
  for (const ol of body.querySelectorAll('ol, ul')) {
    const items = [...ol.children].filter((c) => c.tagName === 'LI');
    if (items.length > 0 && items.every((li) => NOTE_ID.test(li.id))) lists.add(ol);
  }
  // A list inside another list is read with it: look up the ancestors (linear), not every other list.
  const outermost = [...lists].filter((list) => {
    for (let up = list.parentElement; up !== null; up = up.parentElement) if (lists.has(up)) return false;
    return true;
  });
  for (const list of outermost) {
    const items = list.querySelectorAll('li');
    if (notes.length + items.length > HTML_MAX_NOTES) return `${what} has more than ${HTML_MAX_NOTES} footnotes; the limit is ${HTML_MAX_NOTES}.`;
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

/**
 * The text of `root`, breaking lines at block elements; iterative (an explicit stack of nodes and of the
 * block ends to flush), so no nesting depth can overflow the call stack.
 */
function textLines(root: Node): string[] {
  const lines: string[] = [];
  let current = '';
  const flush = (keepSpaces: boolean): void => {
    const line = keepSpaces ? current.replace(/\s+$/, '') : collapse(current);
    if (line !== '') lines.push(line);
    current = '';
  };
  // A frame is a node to visit (with whether it is inside <pre>), or the end of a block to flush.
  const stack: ({ node: Node; pre: boolean } | { endBlock: boolean })[] = [{ node: root, pre: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if ('endBlock' in frame) {
      flush(frame.endBlock);
      continue;
    }
    const { node, pre } = frame;
    if (node.nodeType === 3) {
      const value = node.nodeValue ?? '';
      if (!pre) {
        current += value.replace(/[\s\u00a0]+/g, ' ');
        continue;
      }
      const parts = value.split(/\r\n|\r|\n/);
      parts.forEach((part, i) => {
        if (i > 0) flush(true);
        current += part;
      });
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if (el.tagName === 'BR') {
      flush(pre);
      continue;
    }
    if (el.tagName === 'TD' || el.tagName === 'TH') current += ' ';
    const block = BLOCKS.has(el.tagName);
    const inPre = pre || el.tagName === 'PRE';
    if (block) {
      flush(pre);
      stack.push({ endBlock: inPre });
    }
    // Children pushed last-first, so they are visited in order.
    for (let child = el.lastChild; child !== null; child = child.previousSibling) stack.push({ node: child, pre: inPre });
  }
  const last = collapse(current);
  if (last !== '') lines.push(last);
  return lines;
}

/**
 * Converts pasted HTML to draft text with `[N]` markers; an error Result when it is too long, has too many
 * elements, nests too deeply, has too many footnotes, or has no text. `what` names the input in messages.
 */
export function htmlToDraftText(html: string, what = PASTED): Result<HtmlDraft> {
  if (html.length > HTML_MAX_CHARS) return err(`${what} has ${html.length} characters; the limit is ${HTML_MAX_CHARS}.`);
  const shape = htmlShapeProblem(html, what);
  if (shape !== null) return err(shape);
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const body = doc.body;
  for (const el of body.querySelectorAll(DROP)) el.remove();
  for (const el of [...body.querySelectorAll('*')]) if (el.isConnected && isHiddenByStyle(el)) el.remove();
  const notes = collectNotes(body, what);
  if (typeof notes === 'string') return err(notes);
  // Innermost first, so `<a class="footnote-ref"><sup>1</sup></a>` becomes one marker.
  const refs = [...body.querySelectorAll(NOTE_REF)].reverse();
  for (const el of refs) {
    if (!el.isConnected) continue;
    const marker = markerFor(el);
    if (marker === null) continue;
    const outer = el.matches('sup') && el.parentElement?.matches('a') && markerFor(el.parentElement) !== null ? el.parentElement : el;
    outer.replaceWith(doc.createTextNode(marker));
  }
  const text = textLines(body).join('\n');
  if (text.trim() === '') return err(`${what} has no text.`);
  return ok({ text, notes });
}
