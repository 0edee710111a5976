import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCanonicalBytes, toCanonicalJson } from '../../../shared/ledger/canonical.ts';

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
