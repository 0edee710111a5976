import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isCanonicalText, toCanonicalBytes, toCanonicalJson } from '../../../shared/ledger/canonical.ts';

const dir = path.resolve(import.meta.dirname, '../../../../shared/conformance/rfc8785-jcs');
const names = readdirSync(path.join(dir, 'input')).filter((f) => f.endsWith('.json'));

describe('RFC 8785 conformance vectors', () => {
  it('has vectors', () => expect(names.length).toBeGreaterThanOrEqual(6));
  for (const name of names) {
    it(`canonicalizes ${name} byte-for-byte`, () => {
      const input: unknown = JSON.parse(readFileSync(path.join(dir, 'input', name), 'utf8'));
      const expected = readFileSync(path.join(dir, 'output', name));
      const hex = readFileSync(path.join(dir, 'outhex', name.replace(/\.json$/, '.txt')), 'utf8').replace(/\s+/g, '');
      const actual = toCanonicalBytes(input);
      expect(Buffer.from(actual).equals(expected)).toBe(true);
      expect(Buffer.from(actual).toString('hex')).toBe(hex);
    });
  }
});

describe('toCanonicalJson', () => {
  it('rejects values without a JSON form', () => {
    expect(() => toCanonicalJson(undefined)).toThrow(/no JSON representation/);
    expect(() => toCanonicalJson({ a: Number.NaN })).toThrow(/NaN/);
    expect(() => toCanonicalJson({ a: '\ud800' })).toThrow(/surrogate/i);
  });
});

describe('isCanonicalText', () => {
  it('agrees with canonicalize on every JCS vector, input and output', () => {
    for (const name of names) {
      const input = readFileSync(path.join(dir, 'input', name), 'utf8');
      const output = readFileSync(path.join(dir, 'output', name), 'utf8');
      expect(isCanonicalText(output, JSON.parse(output))).toBe(true);
      expect(isCanonicalText(input, JSON.parse(input))).toBe(input === output);
    }
  });

  it('agrees with canonicalize on random JSON texts (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = pretty ? JSON.stringify(value, null, 1) : JSON.stringify(value);
        const parsed: unknown = JSON.parse(text);
        let expected: boolean;
        try {
          expected = toCanonicalJson(parsed) === text;
        } catch {
          expected = false;
        }
        return isCanonicalText(text, parsed) === expected;
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects duplicate keys, unsorted keys, lone surrogates, -0 and non-shortest numbers', () => {
    const check = (t: string) => isCanonicalText(t, JSON.parse(t));
    expect(check('{"a":1,"b":2}')).toBe(true);
    expect(check('{"b":2,"a":1}')).toBe(false);
    expect(check('{"a":1,"a":1}')).toBe(false);
    expect(check('{"a":"\\ud800"}')).toBe(false);
    expect(check('{"\\udc00":1}')).toBe(false);
    expect(check('{"a":"\\ud83d\\ude00"}')).toBe(false);
    expect(check('{"a":"😀"}')).toBe(true);
    expect(check('[-0]')).toBe(false);
    expect(check('[1.0]')).toBe(false);
    expect(check('[1e2]')).toBe(false);
    expect(check('["\\u0041"]')).toBe(false);
    expect(check('{"\\u20ac":1,"a":2}')).toBe(false);
    expect(check('{"a":2,"€":1}')).toBe(true);
  });
});
