// RFC 8785 (JSON Canonicalization Scheme): the exact bytes a ledger entry is hashed and signed as.
// The `canonicalize` package implements it; this module only narrows its contract to JSON values.
import canonicalize from 'canonicalize';

const encoder = new TextEncoder();

/** A JSON value as RFC 8785 sees it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** RFC 8785 canonical JSON text of a value; throws when it has no JSON form (undefined, NaN, Infinity, a lone surrogate, a cycle). */
export function toCanonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error: unknown) {
    throw new Error(`canonical JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (text === undefined) throw new Error('canonical JSON: the value has no JSON representation');
  return text;
}

/** UTF-8 bytes of the RFC 8785 canonical JSON of a value; throws as toCanonicalJson does. */
export function toCanonicalBytes(value: unknown): Uint8Array {
  return encoder.encode(toCanonicalJson(value));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function sortedAndWellFormed(value: unknown): boolean {
  if (typeof value === 'string') return !LONE_SURROGATE.test(value);
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every(sortedAndWellFormed);
  let previous: string | null = null;
  for (const key in value) {
    // RFC 8785 §3.2.3: keys sorted by UTF-16 code units, which is what `<` on strings compares.
    if ((previous !== null && !(previous < key)) || LONE_SURROGATE.test(key)) return false;
    previous = key;
    if (!sortedAndWellFormed((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/**
 * True when `text` is exactly the RFC 8785 form of `value`, which must be `JSON.parse(text)`; never throws.
 * RFC 8785 serialises strings and numbers as JSON.stringify does, so a parsed text is canonical when
 * JSON.stringify gives it back, every object's keys are sorted and no string has a lone surrogate. This
 * is several times faster than canonicalizing again, which matters when verifying long ledgers; texts
 * the fast test does not accept are decided by canonicalizing.
 */
export function isCanonicalText(text: string, value: unknown): boolean {
  if (JSON.stringify(value) === text && sortedAndWellFormed(value)) return true;
  // Integer-like keys ("2", "10") enumerate in numeric order, not parse order: decide those exactly.
  try {
    return canonicalize(value) === text;
  } catch {
    return false;
  }
}
