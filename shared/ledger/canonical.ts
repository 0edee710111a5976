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
