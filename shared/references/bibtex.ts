// BibTeX reference lists (as Zotero, Better BibTeX, JabRef and hand-kept .bib files have them), read into
// CSL-JSON-like items. The maintained npm parsers are either large (LaTeX engines, NLP models) or
// unmaintained, so this is a small careful parser of the BibTeX grammar: entries `@type{key, field = value,
// …}` or with parentheses, values in braces (nested), in quotes (braces inside protect quotes), numbers and
// @string macros joined with `#`; `@string`, `@preamble`, `@comment` and text outside entries (BibTeX's
// comments) are handled as BibTeX does. Common LaTeX in values (accents, escapes, dashes, ~) is decoded.
// Errors name the file and the line.
import { err, ok, type Result } from '../types/result.ts';
import { MAX_FIELD_CHARS, MAX_REFERENCE_ITEMS, MAX_REFERENCE_LIST_CHARS, shortToken, type CslItem, type CslName } from './csl.ts';

/** Deepest brace nesting accepted in a value. */
export const MAX_BRACE_DEPTH = 32;
/** Most @string macros in one file. */
export const MAX_MACROS = 10_000;

class BibError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Raw entries as read: type, key, fields (lowercase names, values with macros expanded, LaTeX not yet decoded). */
interface RawEntry {
  type: string;
  key: string;
  line: number;
  fields: Map<string, string>;
}

class Reader {
  private pos = 0;
  private line = 1;
  readonly macros = new Map<string, string>(MONTHS.map((m, i) => [m, String(i + 1)]));

  constructor(private readonly src: string) {}

  private fail(message: string): never {
    throw new BibError(this.line, message);
  }

  private peek(): string {
    return this.src[this.pos] ?? '';
  }

  private next(): string {
    const c = this.src[this.pos++] ?? '';
    if (c === '\n') this.line++;
    return c;
  }

  private skipSpace(): void {
    while (this.pos < this.src.length && /\s/.test(this.peek())) this.next();
  }

  private identifier(what: string): string {
    this.skipSpace();
    const start = this.pos;
    while (this.pos < this.src.length && /[^\s"#%'(),={}]/.test(this.peek())) this.next();
    if (this.pos === start) this.fail(`expected ${what}, found ${this.peek() ? `"${this.peek()}"` : 'the end of the file'}`);
    return this.src.slice(start, this.pos);
  }

  private expect(c: string): void {
    this.skipSpace();
    if (this.peek() !== c) this.fail(`expected "${c}", found ${this.peek() ? `"${this.peek()}"` : 'the end of the file'}`);
    this.next();
  }

  /** The text inside balanced braces, the opening brace already consumed. */
  private braced(): string {
    const startLine = this.line;
    const start = this.pos;
    let depth = 1;
    while (this.pos < this.src.length) {
      const c = this.next();
      if (c === '\\') {
        this.next();
        continue;
      }
      if (c === '{' && ++depth > MAX_BRACE_DEPTH) this.fail(`braces nested deeper than ${MAX_BRACE_DEPTH}`);
      if (c === '}' && --depth === 0) return this.src.slice(start, this.pos - 1);
    }
    throw new BibError(startLine, 'unclosed "{": the file ends before its "}"');
  }

  private quoted(): string {
    const startLine = this.line;
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.src.length) {
      const c = this.next();
      if (c === '\\') this.next();
      else if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '"' && depth === 0) return this.src.slice(start, this.pos - 1);
    }
    throw new BibError(startLine, 'unclosed \'"\': the file ends before its closing quote');
  }

  private value(): string {
    let out = '';
    for (;;) {
      this.skipSpace();
      const c = this.peek();
      if (c === '{') {
        this.next();
        out += this.braced();
      } else if (c === '"') {
        this.next();
        out += this.quoted();
      } else if (/\d/.test(c)) {
        const start = this.pos;
        while (/\d/.test(this.peek())) this.next();
        out += this.src.slice(start, this.pos);
      } else {
        const name = this.identifier('a value');
        const macro = this.macros.get(name.toLowerCase());
        if (macro === undefined) this.fail(`unknown @string macro "${shortToken(name)}"`);
        out += macro;
      }
      if (out.length > MAX_FIELD_CHARS) this.fail(`value longer than ${MAX_FIELD_CHARS} characters`);
      this.skipSpace();
      if (this.peek() !== '#') return out;
      this.next();
    }
  }

  /** Every entry of the file, in order. */
  entries(): RawEntry[] {
    const out: RawEntry[] = [];
    for (;;) {
      // Text outside entries is a comment in BibTeX.
      while (this.pos < this.src.length && this.peek() !== '@') this.next();
      if (this.pos >= this.src.length) return out;
      const line = this.line;
      this.next();
      const type = this.identifier('an entry type after "@"').toLowerCase();
      this.skipSpace();
      const open = this.peek();
      if (open !== '{' && open !== '(') this.fail(`expected "{" or "(" after @${shortToken(type)}`);
      this.next();
      const close = open === '{' ? '}' : ')';
      if (type === 'comment') {
        if (open === '{') this.braced();
        else while (this.pos < this.src.length && this.next() !== ')');
        continue;
      }
      if (type === 'preamble') {
        this.value();
        this.expect(close);
        continue;
      }
      if (type === 'string') {
        const name = this.identifier('a macro name');
        this.expect('=');
        if (this.macros.size >= MAX_MACROS + MONTHS.length) this.fail(`more than ${MAX_MACROS} @string macros`);
        this.macros.set(name.toLowerCase(), this.value());
        this.expect(close);
        continue;
      }
      if (out.length >= MAX_REFERENCE_ITEMS) this.fail(`more than ${MAX_REFERENCE_ITEMS} entries`);
      const key = this.identifier(`a citation key for @${shortToken(type)}`);
      const fields = new Map<string, string>();
      this.skipSpace();
      for (;;) {
        this.skipSpace();
        if (this.pos >= this.src.length) throw new BibError(line, `@${shortToken(type)}{${shortToken(key)} is not closed: the file ends before its "${close}"`);
        if (this.peek() === close) {
          this.next();
          break;
        }
        this.expect(',');
        this.skipSpace();
        if (this.peek() === close) {
          this.next();
          break;
        }
        const fieldLine = this.line;
        const name = this.identifier(`a field name in @${type}{${key}}`).toLowerCase();
        this.expect('=');
        const v = this.value();
        if (fields.has(name)) throw new BibError(fieldLine, `field "${shortToken(name)}" repeats in @${shortToken(type)}{${shortToken(key)}}`);
        fields.set(name, v);
      }
      out.push({ type, key, line, fields });
    }
  }
}

const ACCENTS: Record<string, string> = {
  '"': '\u0308', "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  c: '\u0327', v: '\u030C', u: '\u0306', H: '\u030B', k: '\u0328', r: '\u030A',
};
const LETTERS: Record<string, string> = { ss: 'ß', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', aa: 'å', AA: 'Å', l: 'ł', L: 'Ł', oe: 'œ', OE: 'Œ', i: 'ı', j: 'ȷ' };

/** Plain text of a BibTeX value: accents, escapes, dashes and ties decoded, protective braces dropped; never throws. */
export function decodeLatex(value: string): string {
  let s = value;
  // \"{o}, \"o, {\"o}, \'{\i}, \c{c}, \c c
  s = s.replace(/\\(["'`^~=.])\s*(?:\{\s*\\?([A-Za-z])\s*\}|\\?([A-Za-z]))/g, (_, a: string, b?: string, c?: string) => `${b ?? c ?? ''}${ACCENTS[a] ?? ''}`);
  s = s.replace(/\\([cvuHkr])(?:\s*\{\s*\\?([A-Za-z])\s*\}|\s+\\?([A-Za-z]))/g, (_, a: string, b?: string, c?: string) => `${b ?? c ?? ''}${ACCENTS[a] ?? ''}`);
  s = s.replace(/\\(ss|ae|AE|aa|AA|oe|OE|o|O|l|L|i|j)(?![A-Za-z])\s?/g, (_, l: string) => LETTERS[l] ?? l);
  s = s.replace(/\\([&%$#_{}])/g, '$1');
  s = s.replace(/\\textendash\b\s?/g, '–').replace(/\\textemdash\b\s?/g, '—');
  s = s.replace(/\\(?:emph|textit|textbf|textsc|textrm|texttt|url|mkbibquote|enquote)\s*\{/g, '{');
  s = s.replace(/---/g, '—').replace(/--/g, '–').replace(/~/g, ' ');
  s = s.replace(/(?<!\\)[{}]/g, '');
  // ı from \i, now followed by its accent, is an i again.
  s = s.replace(/ı(?=[\u0300-\u036f])/g, 'i');
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

// Split at a separator that is outside braces.
function splitTopLevel(value: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0) {
      separator.lastIndex = i;
      const m = separator.exec(value);
      if (m && m.index === i) {
        parts.push(value.slice(start, i));
        start = i + m[0].length;
        i = start - 1;
      }
    }
  }
  parts.push(value.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

// True when the whole text is one brace group: `{World Health Organization}`, not `{van} Gogh`.
function wholeBraced(raw: string): boolean {
  if (!raw.startsWith('{')) return false;
  let depth = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '{') depth++;
    else if (raw[i] === '}' && --depth === 0) return i === raw.length - 1;
  }
  return false;
}

/** CSL names from a BibTeX name list (`Last, First and First Last and {Institution}`); never throws. */
export function parseNames(value: string): CslName[] {
  return splitTopLevel(value, /\s+and\s+/iy).map((raw): CslName => {
    if (wholeBraced(raw)) return { literal: decodeLatex(raw) };
    const commas = splitTopLevel(raw, /,/y);
    if (commas.length >= 2) {
      // Last, First — or Last, Jr, First.
      const given = decodeLatex(commas[commas.length - 1] ?? '');
      const family = decodeLatex(commas[0] ?? '');
      return given ? { family, given } : { family };
    }
    const words = splitTopLevel(raw, /\s+/y);
    if (words.length === 1) return { family: decodeLatex(raw) };
    // First von Last: the family name starts at the first lowercase word ("van", "de") or is the last word.
    let cut = words.findIndex((w, i) => i > 0 && i < words.length - 1 && /^[a-z]/.test(w));
    if (cut === -1) cut = words.length - 1;
    return { family: decodeLatex(words.slice(cut).join(' ')), given: decodeLatex(words.slice(0, cut).join(' ')) };
  });
}

const TYPES: Record<string, string> = {
  article: 'article-journal', book: 'book', booklet: 'pamphlet', inbook: 'chapter', incollection: 'chapter',
  inproceedings: 'paper-conference', conference: 'paper-conference', manual: 'report', mastersthesis: 'thesis',
  phdthesis: 'thesis', techreport: 'report', report: 'report', unpublished: 'manuscript', online: 'webpage',
  misc: 'document', thesis: 'thesis', dataset: 'dataset', software: 'software', collection: 'book', proceedings: 'book',
};

function issuedOf(fields: Map<string, string>): CslItem['issued'] | undefined {
  const date = fields.get('date');
  if (date) {
    const m = /^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?/.exec(date.trim());
    return m?.[1] ? { 'date-parts': [[m[1], m[2], m[3]].filter((p): p is string => p !== undefined).map(Number)] } : { raw: decodeLatex(date) };
  }
  const year = fields.get('year');
  if (!year) return undefined;
  const y = /^\s*(\d{4})\s*$/.exec(decodeLatex(year));
  if (!y?.[1]) return { raw: decodeLatex(year) };
  const month = Number(decodeLatex(fields.get('month') ?? ''));
  return { 'date-parts': [Number.isInteger(month) && month >= 1 && month <= 12 ? [Number(y[1]), month] : [Number(y[1])]] };
}

/** A DOI without resolver prefix (`https://doi.org/`, `doi:`), or the input trimmed; never throws. */
export function normalizeDoi(doi: string): string {
  return doi.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '');
}

function toItem(e: RawEntry): CslItem {
  const f = e.fields;
  const item: CslItem = { id: e.key, type: TYPES[e.type] ?? 'document', 'citation-key': e.key };
  const set = (to: string, from: string) => {
    const v = f.get(from);
    if (v !== undefined && v.trim() !== '') item[to] = decodeLatex(v);
  };
  set('title', 'title');
  const author = f.get('author');
  if (author) item.author = parseNames(author);
  const editor = f.get('editor');
  if (editor) item.editor = parseNames(editor);
  const issued = issuedOf(f);
  if (issued) item.issued = issued;
  const doi = f.get('doi');
  if (doi) item.DOI = normalizeDoi(decodeLatex(doi));
  // URLs keep their characters (~, %, _) as written.
  const url = f.get('url');
  if (url) item.URL = url.trim();
  set('container-title', f.has('journal') ? 'journal' : f.has('journaltitle') ? 'journaltitle' : 'booktitle');
  set('publisher', 'publisher');
  set('publisher-place', f.has('address') ? 'address' : 'location');
  set('volume', 'volume');
  set('issue', 'number');
  set('page', 'pages');
  set('ISBN', 'isbn');
  set('note', 'note');
  const file = f.get('file');
  if (file) item.file = file.trim();
  return item;
}

/** The entries of a BibTeX file as CSL-JSON-like items; an error naming the file and line for malformed input or past the limits. */
export function parseBibtex(fileName: string, source: string): Result<CslItem[]> {
  if (source.length > MAX_REFERENCE_LIST_CHARS) return err(`${fileName}: reference list is larger than ${MAX_REFERENCE_LIST_CHARS} characters`);
  let raw: RawEntry[];
  try {
    raw = new Reader(source).entries();
  } catch (error) {
    if (error instanceof BibError) return err(`${fileName}:${error.line}: ${error.message}`);
    throw error;
  }
  const seen = new Map<string, number>();
  for (const e of raw) {
    const first = seen.get(e.key);
    if (first !== undefined) return err(`${fileName}:${e.line}: citation key "${shortToken(e.key)}" repeats the entry on line ${first}`);
    seen.set(e.key, e.line);
  }
  return ok(raw.map(toItem));
}
