// Reference lists as CSL-JSON (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html), the format
// Zotero exports: an array of items. Only the fields the app reads are checked; every other field is kept
// as it is. Errors name the file and the line of the item at fault.
import { z } from 'zod';
import { err, ok, type Result } from '../types/result.ts';
import { toCanonicalJson } from '../ledger/canonical.ts';
import { MAX_CSL_BYTES } from '../ledger/limits.ts';

/** Largest reference list read, in characters. */
export const MAX_REFERENCE_LIST_CHARS = 16 * 1024 * 1024;
/** Most items in one reference list. */
export const MAX_REFERENCE_ITEMS = 20_000;
/** Longest string kept in one field of an item. */
export const MAX_FIELD_CHARS = 100_000;
/** Longest piece of the file (a key, a type, a name) quoted whole in an error message; longer ones are cut with "…". */
export const MAX_QUOTED_TOKEN_CHARS = 80;

/** A token from the file as an error message quotes it: cut to MAX_QUOTED_TOKEN_CHARS with "…" and its length. */
export function shortToken(token: string): string {
  return token.length <= MAX_QUOTED_TOKEN_CHARS ? token : `${token.slice(0, MAX_QUOTED_TOKEN_CHARS)}… (${token.length} characters)`;
}

/** A CSL name: a person (family, given) or an institution (literal). */
export interface CslName {
  /** Family name (with particles such as "van der"). */
  family?: string;
  /** Given names. */
  given?: string;
  /** The whole name of an institution or a name that cannot be split. */
  literal?: string;
}

/** A CSL date: date parts ([[year, month?, day?]]), or a raw or literal string. */
export interface CslDate {
  /** [[year, month, day]], month and day optional. */
  'date-parts'?: (number | string)[][];
  /** A date as written, for a processor to parse. */
  raw?: string;
  /** A date to print as it is. */
  literal?: string;
}

/** A bibliographic item in CSL-JSON; fields the app does not read are kept as they are. */
export interface CslItem {
  /** The item's id in its list (Zotero: a key or URI; BibTeX: the citation key). */
  id: string;
  /** CSL item type (`article-journal`, `book`, `report` …). */
  type?: string;
  /** Title. */
  title?: string;
  /** Authors. */
  author?: CslName[];
  /** Editors. */
  editor?: CslName[];
  /** Date of publication. */
  issued?: CslDate;
  /** DOI, without a resolver prefix. */
  DOI?: string;
  /** URL. */
  URL?: string;
  /** Citation key (Better BibTeX, CSL 1.0.2). */
  'citation-key'?: string;
  /** Number in a numbered reference list, when the export has it. */
  'citation-number'?: string | number;
  /** Free text (Zotero's "Extra"). */
  note?: string;
  /** Attached file paths (from BibTeX `file`; not a CSL field). */
  file?: string;
  /** Any other CSL field. */
  [field: string]: unknown;
}

const text = z.string().max(MAX_FIELD_CHARS);
const name = z.looseObject({ family: text.optional(), given: text.optional(), literal: text.optional() });
const date = z.looseObject({
  'date-parts': z.array(z.array(z.union([z.number(), z.string().max(20)])).max(3)).max(2).optional(),
  raw: text.optional(),
  literal: text.optional(),
});
const item = z.looseObject({
  id: z.union([text.min(1), z.number()]),
  type: text.optional(),
  title: text.optional(),
  author: z.array(name).max(10_000).optional(),
  editor: z.array(name).max(10_000).optional(),
  issued: date.optional(),
  DOI: text.optional(),
  URL: text.optional(),
  'citation-key': text.optional(),
  'citation-number': z.union([text, z.number()]).optional(),
  note: text.optional(),
});

/** 1-based line of a character offset; never throws. */
export function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

// Offsets where the top-level array's elements start (the JSON is already known to parse).
function elementOffsets(source: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
    if (expectElement && depth === 1 && c !== ']') {
      out.push(i);
      expectElement = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1 && c === '[') expectElement = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectElement = true;
  }
  return out;
}

// V8 reports "… at position N (line L column C)"; other engines differ, so both are read when present.
function jsonErrorLine(source: string, message: string): number | null {
  const line = /line (\d+)/.exec(message);
  if (line?.[1]) return Number(line[1]);
  const position = /position (\d+)/.exec(message);
  return position?.[1] ? lineAt(source, Number(position[1])) : null;
}

/** The items of a CSL-JSON reference list; an error naming the file and line when it is not valid CSL-JSON or exceeds the limits. */
export function parseCslJson(fileName: string, source: string): Result<CslItem[]> {
  if (source.length > MAX_REFERENCE_LIST_CHARS) return err(`${fileName}: reference list is larger than ${MAX_REFERENCE_LIST_CHARS} characters`);
  let data: unknown;
  try {
    data = JSON.parse(source.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = jsonErrorLine(source, message);
    return err(`${fileName}${line === null ? '' : `:${line}`}: not valid JSON (${message})`);
  }
  if (!Array.isArray(data)) return err(`${fileName}:1: CSL-JSON must be an array of items (Zotero: Export → CSL JSON)`);
  if (data.length > MAX_REFERENCE_ITEMS) return err(`${fileName}: more than ${MAX_REFERENCE_ITEMS} items`);
  const offsets = elementOffsets(source.replace(/^\uFEFF/, ''));
  const items: CslItem[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < data.length; i++) {
    const line = lineAt(source, offsets[i] ?? 0);
    const r = item.safeParse(data[i]);
    if (!r.success) {
      const issue = r.error.issues[0];
      const field = issue?.path.length ? `field "${shortToken(issue.path.join('.'))}"` : 'the item';
      return err(`${fileName}:${line}: item ${i + 1}: ${field}: ${issue?.message ?? 'invalid'}`);
    }
    const id = String(r.data.id);
    const previous = seen.get(id);
    if (previous !== undefined) return err(`${fileName}:${line}: item ${i + 1}: id "${shortToken(id)}" repeats item ${previous + 1}`);
    seen.set(id, i);
    items.push({ ...r.data, id } as CslItem);
  }
  return ok(items);
}

/**
 * The CSL item as a reference row stores it (`reference.csl`), or null when there is none or its
 * canonical JSON is larger than MAX_CSL_BYTES (the reference is then bound without it); never throws.
 */
export function cslForReference(item: CslItem | Record<string, unknown> | null): Record<string, unknown> | null {
  if (item === null) return null;
  try {
    return new TextEncoder().encode(toCanonicalJson(item)).length <= MAX_CSL_BYTES ? (item as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** "Family, Year. Title" for a stored CSL item (any part it lacks is left out), or '' when it has none; never throws. */
export function cslLabel(csl: Record<string, unknown>): string {
  const item = csl as Partial<CslItem>;
  const first = Array.isArray(item.author) ? item.author[0] : undefined;
  const who = typeof first?.family === 'string' ? first.family : typeof first?.literal === 'string' ? first.literal : '';
  const parts = item.issued?.['date-parts']?.[0];
  const year = Array.isArray(parts) && parts[0] !== undefined ? String(parts[0]) : typeof item.issued?.raw === 'string' ? item.issued.raw.slice(0, 4) : '';
  const title = typeof item.title === 'string' ? item.title : '';
  const head = [who, year].filter((x) => x !== '').join(', ');
  return [head, title].filter((x) => x !== '').join('. ');
}
