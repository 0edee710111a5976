// The one PDF text assembly (DESIGN.md, Text model and anchoring): the renderer's worker and the Node CLI
// both hand it pdf.js text items, so a selector made in the app resolves identically in the CLI. Pure: it
// never sees pdf.js itself, only the fields below. Both adapters call
// `page.getTextContent({ disableNormalization: true })` and keep only items that have `str` (TextItem), so
// all normalisation happens here, once, identically.
//
// Rules, applied in this order (deterministic: the same items always give the same text):
// - Each item's `str` is normalised character by character (see normalizePdfString): ligatures and other
//   presentation forms (Latin ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ, Hebrew and Arabic presentation forms) become their letters
//   by NFKC, soft hyphens and zero-width spaces are removed, other Unicode spaces and tabs become ' ',
//   control characters are removed.
// - Items are split into lines after every item with `hasEOL`; order within a page is pdf.js's order
//   (columns are not re-sorted), except that a line whose letters are mostly right-to-left has its items
//   reversed, so Arabic and Hebrew lines read in logical order (pdf.js gives each item's `str` in
//   logical order but the items of a line left to right).
// - Within a line items are concatenated as they are (pdf.js already emits ' ' items for word gaps).
//   Whitespace-only items at the start of a line contribute nothing; trailing spaces of a line are
//   dropped.
// - Lines are joined by a single '\n', never two, except at end-of-line hyphenation:
//   * a line ending in a soft hyphen joins the next line directly (`exam\u00AD` + `ple` → `example`);
//   * a line ending in a lowercase letter and '-' (or U+2010) followed by a line starting with a lowercase
//     letter loses the hyphen and joins directly (`exam-` + `ple` → `example`);
//   * a line ending in a letter and '-' followed by a line starting with a capital or a digit keeps the
//     hyphen and joins directly (`Just-in-` + `Time` → `Just-in-Time`, `COVID-` + `19` → `COVID-19`);
//   * anything else keeps the hyphen and the '\n'.
// - Pages are joined by '\n', which belongs to the earlier page's range, so units cover the text with no
//   gap; a page with no text has an empty range and `noText: true`. The two hyphen rules above apply
//   across a page break too (a caption or paragraph continued on the next page), soft hyphens excepted.

import type { CharRange, PageUnit, SourceText } from '../types/text.ts';

/** One pdf.js `TextItem` (from `page.getTextContent()`), reduced to the fields the text model reads. */
export interface PdfTextItem {
  /** The item's text, in logical order. */
  str: string;
  /** True when a line break follows this item. */
  hasEOL: boolean;
  /** The item's text matrix `[a, b, c, d, e, f]`. */
  transform: number[];
  /** Advance width in user space units. */
  width: number;
  /** Height in user space units. */
  height: number;
  /** Text direction: `ltr`, `rtl` or `ttb`. */
  dir?: string;
  /** pdf.js's name for the item's font. */
  fontName?: string;
}

/**
 * pdf.js `getTextContent()` items reduced to PdfTextItems, marked-content entries dropped: the one reduction
 * both runtimes' adapters use, so the renderer and the CLI feed buildPdfSourceText the same items; never throws.
 */
export function pdfTextItemsOf(entries: readonly object[]): PdfTextItem[] {
  const items: PdfTextItem[] = [];
  for (const entry of entries) {
    // A TextItem has `str`; a TextMarkedContent (begin/end of marked content) has not.
    const it = entry as Partial<Record<'str' | 'hasEOL' | 'transform' | 'width' | 'height' | 'dir' | 'fontName', unknown>>;
    if (typeof it.str !== 'string') continue;
    const item: PdfTextItem = {
      str: it.str,
      hasEOL: it.hasEOL === true,
      transform: Array.isArray(it.transform) ? (it.transform as number[]) : [],
      width: typeof it.width === 'number' ? it.width : 0,
      height: typeof it.height === 'number' ? it.height : 0,
    };
    if (typeof it.dir === 'string') item.dir = it.dir;
    if (typeof it.fontName === 'string') item.fontName = it.fontName;
    items.push(item);
  }
  return items;
}

/** One page's text items as pdf.js gives them, with the page's label. */
export interface PdfPageText {
  /** Zero-based page index. */
  index: number;
  /** The label the PDF declares for the page, or null when it declares none. */
  label: string | null;
  /** The page's text items (pdf.js `TextItem`s only, marked-content entries filtered out), in pdf.js order. */
  items: PdfTextItem[];
}

/** A PDF's source text and where each text item landed in it. */
export interface PdfTextLayout {
  /** The source text: one page unit per page. */
  sourceText: SourceText;
  /** Per page, per item: the item's `[start, end)` in `sourceText.text`, or null when it contributed nothing. */
  itemRanges: (CharRange | null)[][];
}

/** An item's normalised text and, for each index of the raw `str` (and one past its end), where it lands. */
export interface NormalizedString {
  /** The normalised text. */
  text: string;
  /** `offsets[i]` is the index in `text` where `str[i]` begins; `offsets[str.length] === text.length`. */
  offsets: number[];
}

// Characters whose NFKC form is what a person types: micro sign, long s (ſ), Greek question mark, ohm sign,
// Latin and Armenian ligatures and Hebrew presentation forms (FB00–FB4F), Arabic presentation forms A
// (FB50–FDFF) and B (FE70–FEFF). A superset of what pdf.js's own normalizeUnicode covers.
const PRESENTATION_FORM = /[\u00B5\u017F\u037E\u2126\uFB00-\uFDFF\uFE70-\uFEFF]/u;
// Removed: soft hyphen, zero-width space, byte-order mark / zero-width no-break space.
const REMOVED = /[\u00AD\u200B\uFEFF]/u;
// Replaced by ' ': tab, no-break space, the Unicode spaces, narrow no-break space, ideographic space.
const SPACE = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/u;
/** True for C0/C1 control characters, which are removed (pdf.js sometimes emits NULs). */
function isControl(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}
const STRONG_RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/gu;
const STRONG_LTR = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/gu;

// Any character normalizePdfString changes; strings without one (nearly all) skip the per-character work.
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[\u0000-\u001F\u007F-\u00A0\u00AD\u00B5\u017F\u037E\u1680\u2000-\u200B\u202F\u205F\u2126\u3000\uFB00-\uFDFF\uFE70-\uFEFF]/u;

/** Normalises one item's `str` (ligatures, presentation forms, soft hyphens, spaces) with an offset map; never throws. */
export function normalizePdfString(str: string): NormalizedString {
  if (!NEEDS_WORK.test(str)) return { text: str, offsets: Array.from({ length: str.length + 1 }, (_, i) => i) };
  let text = '';
  const offsets: number[] = new Array<number>(str.length + 1);
  let i = 0;
  while (i < str.length) {
    const cp = str.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    offsets[i] = text.length;
    if (ch.length === 2) offsets[i + 1] = text.length;
    if (REMOVED.test(ch)) {
      // dropped
    } else if (SPACE.test(ch)) {
      text += ' ';
    } else if (ch === '\n' || ch === '\r') {
      text += ' ';
    } else if (isControl(cp)) {
      // dropped
    } else if (PRESENTATION_FORM.test(ch)) {
      text += ch.normalize('NFKC');
    } else {
      text += ch;
    }
    i += ch.length;
  }
  offsets[str.length] = text.length;
  return { text, offsets };
}

/** Where offset `offset` of an item's raw `str` lies in the source text, given the item's range; never throws (clamps). */
export function itemOffsetToTextOffset(range: CharRange, str: string, offset: number): number {
  const { offsets } = normalizePdfString(str);
  const k = Math.max(0, Math.min(str.length, Math.floor(offset)));
  return range[0] + Math.min(offsets[k] ?? 0, range[1] - range[0]);
}

function isRtlLine(texts: string[]): boolean {
  let rtl = 0;
  let ltr = 0;
  for (const t of texts) {
    rtl += t.match(STRONG_RTL)?.length ?? 0;
    ltr += t.match(STRONG_LTR)?.length ?? 0;
  }
  return rtl > ltr;
}

/** Splits a page's item indices into lines (after each `hasEOL`), reversing lines that read right to left. */
function linesOf(items: PdfTextItem[], texts: string[]): number[][] {
  const lines: number[][] = [];
  let current: number[] = [];
  items.forEach((item, i) => {
    current.push(i);
    if (item.hasEOL) {
      lines.push(current);
      current = [];
    }
  });
  if (current.length > 0) lines.push(current);
  return lines.map((line) => (isRtlLine(line.map((i) => texts[i] ?? '')) ? [...line].reverse() : line));
}

/** Length of `text` without its trailing spaces (a loop: a `/ +$/` regex rescans long pages). */
function trimmedLength(text: string): number {
  let n = text.length;
  while (n > 0 && text.charCodeAt(n - 1) === 32) n--;
  return n;
}
const HYPHENATED_LOWER = /\p{Ll}[-\u2010]$/u;
const HYPHENATED_LETTER = /\p{L}[-\u2010]$/u;
const SOFT_HYPHEN_END = /\u00AD\s*$/u;

interface PageAssembly {
  text: string;
  ranges: (CharRange | null)[];
}

/** Assembles one page's text (page-local offsets). */
function assemblePage(items: PdfTextItem[]): PageAssembly {
  const texts = items.map((it) => (NEEDS_WORK.test(it.str) ? normalizePdfString(it.str).text : it.str));
  const ranges: CharRange[] = items.map(() => [0, 0]);
  let text = '';
  // Clamps every item range to the current text length after the text was cut at its end.
  const truncate = (length: number): void => {
    if (length === text.length) return;
    text = text.slice(0, length);
    for (const r of ranges) {
      if (r[1] > length) r[1] = length;
      if (r[0] > length) r[0] = length;
    }
  };
  let previousLineRawEnd = '';
  for (const line of linesOf(items, texts)) {
    const lineText = line.map((i) => texts[i] ?? '').join('');
    const firstChar = lineText.trimStart().charAt(0);
    if (firstChar === '') {
      // A line with nothing to show contributes nothing and does not affect the joins around it.
      for (const i of line) ranges[i] = [text.length, text.length];
      continue;
    }
    if (text.length > 0) {
      truncate(trimmedLength(text));
      const tail = text.slice(-2);
      if (SOFT_HYPHEN_END.test(previousLineRawEnd)) {
        // joined directly
      } else if (HYPHENATED_LOWER.test(tail) && /^\p{Ll}/u.test(firstChar)) {
        truncate(text.length - 1);
      } else if (HYPHENATED_LETTER.test(tail) && /^[\p{Lu}\p{N}]/u.test(firstChar)) {
        // hyphen kept, joined directly
      } else {
        text += '\n';
      }
    }
    let atLineStart = true;
    for (const i of line) {
      const t = texts[i] ?? '';
      if (atLineStart && t.trim() === '') {
        ranges[i] = [text.length, text.length];
        continue;
      }
      atLineStart = false;
      ranges[i] = [text.length, text.length + t.length];
      text += t;
    }
    const lastWithText = [...line].reverse().find((i) => (items[i]?.str ?? '').trim() !== '');
    previousLineRawEnd = lastWithText === undefined ? '' : (items[lastWithText]?.str ?? '');
  }
  truncate(trimmedLength(text));
  return { text, ranges: ranges.map((r) => (r[0] === r[1] ? null : r)) };
}

/** Builds the source text of a PDF from its pages' text items (see the rules above); never throws. */
export function buildPdfSourceText(sha256: string, pages: PdfPageText[]): PdfTextLayout {
  const assembled = pages.map((p) => assemblePage(p.items));
  // Parts joined once at the end: slicing a growing concatenated string would flatten it on every page.
  const parts: string[] = [];
  let length = 0;
  const units: PageUnit[] = [];
  const itemRanges: (CharRange | null)[][] = [];
  let openUnit: PageUnit | null = null; // the last page with text, whose range takes the page separator
  let openPart = -1; // its index in parts
  let openRanges: (CharRange | null)[] = [];
  pages.forEach((page, n) => {
    const a = assembled[n] ?? { text: '', ranges: [] };
    const label = page.label ?? String(page.index + 1);
    if (a.text.length > 0 && openUnit !== null) {
      const first = a.text.charAt(0);
      const previous = parts[openPart] ?? '';
      const tail = previous.slice(-2);
      if (HYPHENATED_LOWER.test(tail) && /^\p{Ll}/u.test(first)) {
        // A word hyphenated across the page break: same rule as across lines.
        parts[openPart] = previous.slice(0, -1);
        length -= 1;
        openRanges.forEach((r, k) => {
          if (r !== null && r[1] > length) openRanges[k] = r[0] >= length ? null : [r[0], length];
        });
      } else if (!(HYPHENATED_LETTER.test(tail) && /^[\p{Lu}\p{N}]/u.test(first))) {
        parts.push('\n');
        length += 1;
      }
      openUnit.range[1] = length;
    }
    const start = length;
    const unit: PageUnit = { kind: 'page', index: page.index, label, range: [start, start + a.text.length] };
    const ranges = a.ranges.map((r): CharRange | null => (r === null ? null : [r[0] + start, r[1] + start]));
    if (a.text.length === 0) unit.noText = true;
    else {
      parts.push(a.text);
      length += a.text.length;
      openUnit = unit;
      openPart = parts.length - 1;
      openRanges = ranges;
    }
    units.push(unit);
    itemRanges.push(ranges);
  });
  const text = parts.join('');
  // An empty page sits where the previous page ended, after whatever separator that page took (or lost).
  for (let k = 1; k < units.length; k++) {
    const prev = units[k - 1];
    const u = units[k];
    if (prev && u && u.noText) u.range = [prev.range[1], prev.range[1]];
  }
  return { sourceText: { type: 'source-text', sha256, kind: 'pdf', text, units }, itemRanges };
}
