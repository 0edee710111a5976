// The Library of Congress BagIt conformance suite. This reader accepts BagIt 1.0 only (RFC 8493 defines
// no other version), so every bag of the earlier drafts (0.93–0.97) must be rejected, never half-read.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBag } from '../../../shared/packet/bagit.ts';
import { BAGIT_SUITE, readFolder, suiteBags } from './helpers.ts';

const categories = ['valid', 'invalid', 'warning', 'linux-only', 'windows-only'];

describe('BagIt conformance suite, v1.0', () => {
  it('has bags to test', () => {
    expect(suiteBags('v1.0', 'valid').length).toBeGreaterThan(0);
    expect(suiteBags('v1.0', 'invalid').length).toBeGreaterThan(0);
  });
  for (const bag of suiteBags('v1.0', 'valid')) {
    it(`accepts valid/${path.basename(bag)}`, () => {
      const result = readBag(readFolder(bag));
      expect(result.ok ? 'ok' : result.error).toBe('ok');
    });
  }
  // The reason each invalid bag must be rejected for (bags added upstream later must still be rejected).
  const reasons: Record<string, RegExp> = {
    'bagit-with-invalid-whitespace': /bagit\.txt line 1 must be "BagIt-Version: M\.N"/,
    notAllManifestsListAllFiles: /"data\/missingFromManifest\.txt" is not listed in manifest-sha512\.txt/,
    // Its bagit.txt also has a trailing space after "1.0", which RFC 8493's grammar does not allow.
    'same-filename-listed-twice-with-different-hashes': /bagit\.txt line 1/,
    'same-filename-listed-twice-with-the-same-hash': /manifest-sha256\.txt lists "data\/README" more than once/,
  };
  for (const bag of suiteBags('v1.0', 'invalid')) {
    it(`rejects invalid/${path.basename(bag)} with a reason`, () => {
      const result = readBag(readFolder(bag));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(reasons[path.basename(bag)] ?? /\S{10}/);
    });
  }
  for (const category of ['warning', 'linux-only', 'windows-only']) {
    for (const bag of suiteBags('v1.0', category)) {
      it(`handles ${category}/${path.basename(bag)}`, () => {
        const result = readBag(readFolder(bag));
        if (category === 'warning') expect(result.ok && result.value.warnings.length > 0).toBe(true);
        else expect(result.ok).toBe(false);
      });
    }
  }
});

describe('BagIt conformance suite, earlier draft versions', () => {
  const versions = fs.readdirSync(BAGIT_SUITE).filter((v) => /^v0\./.test(v)).sort();
  it('has earlier versions to test', () => expect(versions.length).toBeGreaterThan(0));
  for (const version of versions) {
    for (const category of categories) {
      for (const bag of suiteBags(version, category)) {
        it(`rejects ${version}/${category}/${path.basename(bag)} as not BagIt 1.0`, () => {
          const result = readBag(readFolder(bag));
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.error).toMatch(/bagit\.txt/);
        });
      }
    }
  }
});
