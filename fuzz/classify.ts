// The rule that tells a clean rejection from a crash (issue 9, item 4: "each rejection a message a person
// can act on"). A rejection is clean when the importer returned an error Result, or threw one of its own
// named error types, AND its message:
//   1. is a non-empty sentence of at least MIN_MESSAGE_CHARS characters and at most MAX_MESSAGE_CHARS;
//   2. carries no stack trace (no `at fn (file:line:col)` frames);
//   3. is not a stringified value (`undefined`, `null`, `[object Object]`);
//   4. does not leak a JavaScript engine error (`Cannot read properties of undefined`, `x is not a
//      function`, `Maximum call stack size exceeded`, `Invalid array length`, …): such a message means a
//      bug was caught and wrapped, not that the input was judged;
//   5. says where: it names the file it was given, or (for importers that get no file name) matches the
//      importer's locator pattern (a line, a field, a zip entry, a bag file).
// Anything else escaping (TypeError, RangeError, a plain Error, a non-Error value), a message failing the
// rule, or the worker dying is a crash.

/** Shortest acceptable rejection message. */
export const MIN_MESSAGE_CHARS = 8;
/** Longest acceptable rejection message (beyond it a person cannot act on it). */
export const MAX_MESSAGE_CHARS = 4_000;

/** JavaScript engine messages that mean a bug surfaced, not a judged input. */
export const ENGINE_ERROR_PATTERNS: readonly RegExp[] = [
  /Cannot read propert(?:y|ies) of (?:undefined|null)/,
  /Cannot set propert(?:y|ies) of (?:undefined|null)/,
  /Cannot destructure/,
  /Cannot convert (?:undefined|null|a Symbol|object to primitive)/,
  /Cannot access '[^']*' before initialization/,
  /\bis not a function\b/,
  /\bis not iterable\b/,
  /\bis not a constructor\b/,
  /\bis not defined\b/,
  /undefined is not an object/,
  /Maximum call stack size exceeded/,
  /Invalid (?:array|string|typed array) length/,
  /Array buffer allocation failed/,
  /Reduce of empty array/,
  /out of memory/i,
];

/** How an importer's rejection must say where the problem is. */
export interface LocatorRule {
  /** The message must contain the file name given to the importer. */
  fileName: boolean;
  /** Otherwise (or additionally accepted): a pattern naming a line, field, entry or file. */
  locator?: RegExp;
}

/** Why `message` is not a message a person can act on, or null when it is; never throws. */
export function messageProblem(message: unknown, rule: LocatorRule, fileName: string): string | null {
  if (typeof message !== 'string') return `the message is a ${typeof message}, not text`;
  const m = message.trim();
  if (m.length < MIN_MESSAGE_CHARS) return `the message is empty or too short (${JSON.stringify(m)})`;
  if (m.length > MAX_MESSAGE_CHARS) return `the message has ${m.length} characters (limit ${MAX_MESSAGE_CHARS})`;
  if (/^\s*at\s+\S.*(?::\d+:\d+\)?|\(native\)|<anonymous>\)?)\s*$/m.test(m)) return 'the message carries a stack trace';
  if (/^(?:undefined|null|NaN|Error|TypeError|RangeError)$/i.test(m) || m.includes('[object ')) return `the message is a stringified value (${JSON.stringify(m.slice(0, 80))})`;
  for (const p of ENGINE_ERROR_PATTERNS) if (p.test(m)) return `the message leaks a JavaScript engine error (${JSON.stringify(m.slice(0, 160))})`;
  const namesFile = rule.fileName && fileName !== '' && m.includes(fileName);
  const located = rule.locator !== undefined && rule.locator.test(m);
  if (!namesFile && !located) return `the message does not say where (${rule.fileName ? `no file name "${fileName}"` : 'no file, line or field'}): ${JSON.stringify(m.slice(0, 160))}`;
  return null;
}

/** The five outcomes of an input. */
export type Verdict = 'accepted' | 'rejected' | 'crash' | 'hang' | 'lost';
