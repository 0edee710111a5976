// Quotations in a draft: the spans a fact-checker must find word for word in a source. Inline quotations
// are paired per paragraph (a quotation mark never pairs across a line break); apostrophes (`Iran’s`,
// `students'`) are told apart from single quotation marks by the letters around them.
import type { CharRange } from '../types/text.ts';

/** A quotation's span in the draft, without its quotation marks. */
export interface QuoteSpan {
  /** `[start, end)` of the quoted words. */
  range: CharRange;
  /** 0 for a quotation in running text, 1 for one quoted inside it, and so on. */
  depth: number;
  /** Quotation marks (`inline`) or a block quote introduced by a colon (`block`). */
  kind: 'inline' | 'block';
}

/** Most quotation marks open at once in one paragraph; deeper nesting is treated as unpaired marks. */
export const QUOTE_MAX_DEPTH = 8;

type Mark = 'straight-double' | 'curly-double' | 'straight-single' | 'curly-single' | 'guillemet';
interface Open {
  mark: Mark;
  start: number;
}

const isLetter = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isBlank = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
// A mark may open a quotation after a space, a line start, an opening bracket, a dash, a slash or another mark.
const canOpenAfter = (c: string | undefined): boolean => c === undefined || /[\s([{\u2010-\u2015/:;,"'“‘«]/.test(c);
// A mark may close one before a space, the end, punctuation or another mark.
const canCloseBefore = (c: string | undefined): boolean => c === undefined || /[\s.,;:!?)\]}\u2010-\u2015…"'”’»]/.test(c);

/** Inline quotations of one paragraph `[from, to)` of `text`, outermost and nested; never throws. */
function paragraphQuotes(text: string, from: number, to: number, out: QuoteSpan[]): void {
  const stack: Open[] = [];
  const close = (mark: Mark, at: number): boolean => {
    for (let k = stack.length - 1; k >= 0; k--) {
      const open = stack[k]!;
      if (open.mark !== mark) continue;
      stack.length = k;
      if (at > open.start) out.push({ range: [open.start, at], depth: k, kind: 'inline' });
      return true;
    }
    return false;
  };
  const open = (mark: Mark, at: number): void => {
    if (stack.length < QUOTE_MAX_DEPTH) stack.push({ mark, start: at + 1 });
  };
  const has = (mark: Mark): boolean => stack.some((o) => o.mark === mark);
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    const prev = i > from ? text[i - 1] : undefined;
    const next = i + 1 < to ? text[i + 1] : undefined;
    switch (c) {
      case '“':
        open('curly-double', i);
        break;
      case '”':
        close('curly-double', i);
        break;
      case '«':
        open('guillemet', i);
        break;
      case '»':
        close('guillemet', i);
        break;
      case '"': {
        const closable = !isBlank(prev) && canCloseBefore(next);
        if (has('straight-double') && closable) close('straight-double', i);
        else if (canOpenAfter(prev) && !isBlank(next)) open('straight-double', i);
        break;
      }
      case '‘':
        if (!isBlank(next)) open('curly-single', i);
        break;
      case '’':
      case "'": {
        const mark: Mark = c === '’' ? 'curly-single' : 'straight-single';
        if (isLetter(prev) && isLetter(next)) break; // Iran’s, don't: an apostrophe
        const closable = !isBlank(prev) && canCloseBefore(next);
        if (has(mark) && closable) close(mark, i);
        else if (c === "'" && canOpenAfter(prev) && isLetter(next)) open(mark, i);
        break;
      }
      default:
        break;
    }
  }
}

/** Every inline quotation in the text, paired within paragraphs, sorted by start; never throws. */
export function findInlineQuotes(text: string): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n' || text[i] === '\r') {
      if (i > from) paragraphQuotes(text, from, i, out);
      from = i + 1;
    }
  }
  return out.sort((a, b) => a.range[0] - b.range[0] || b.range[1] - a.range[1]);
}

/** Verbs that introduce a block quotation after a colon (`the letter reads:`, `they claim that:`). */
export const QUOTE_INTRODUCERS: readonly string[] = [
  // Verbs only: nouns such as `report`, `note` or `post` also stand before colons that introduce no quotation.
  'read', 'reads', 'says', 'said', 'saying', 'writes', 'wrote', 'states', 'stated', 'stating', 'declare', 'declares',
  'declared', 'adds', 'added', 'announce', 'announces', 'announced', 'conclude', 'concludes', 'concluded', 'noted',
  'explain', 'explains', 'explained', 'testify', 'testifies', 'testified', 'claim', 'claims', 'claimed', 'argue',
  'argues', 'argued', 'assert', 'asserts', 'asserted', 'warn', 'warns', 'warned', 'insist', 'insists', 'insisted',
  'recalls', 'recalled', 'remarked', 'replied', 'responded', 'answered', 'commented', 'observed', 'tweeted', 'posted',
  'proclaim', 'proclaims', 'proclaimed', 'decreed', 'follows', 'quoted', 'told', 'tells', 'reported', 'ruled',
  'ordered', 'demanded', 'promised', 'admitted', 'admits', 'writing',
]
/** How many words before a colon are searched for a verb that introduces a block quotation. */
export const INTRODUCER_WINDOW_WORDS = 4;
const introducers = new Set(QUOTE_INTRODUCERS);
const QUOTE_MARKS = new Set(['"', '“', '‘', "'", '«', '„']);

/**
 * Where a block quotation introduced by a colon starts inside `[from, to)`: the first word after a colon
 * that follows a verb of saying (`the letter reads: …`). Returns `to` when the colon ends the span (the
 * quotation is the next paragraph), or null when the span introduces no block quotation.
 */
export function findBlockQuoteStart(text: string, from: number, to: number): number | null {
  for (let i = from; i < to; i++) {
    if (text[i] !== ':') continue;
    const after = text[i + 1];
    if (after !== undefined && i + 1 < to && !/\s/.test(after)) continue; // 10:30, https:
    const before = text.slice(from, i).toLowerCase().match(/[\p{L}’']+/gu) ?? [];
    const lastWords = before.slice(-INTRODUCER_WINDOW_WORDS);
    if (!lastWords.some((w) => introducers.has(w))) continue;
    let j = i + 1;
    while (j < to && /\s/.test(text[j]!)) j++;
    if (j < to && QUOTE_MARKS.has(text[j]!)) return null; // an inline quotation follows; its marks say where it ends
    return j;
  }
  return null;
}
