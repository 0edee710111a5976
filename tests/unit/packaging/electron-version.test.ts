import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// SECURITY.md, checklist item 16 (a current Electron): the version is pinned exactly, is at least the major
// the project was built for, is what is installed, and is the one Electronegativity is told to check.
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The oldest Electron major the app supports (DESIGN.md: Electron 45). */
const MIN_ELECTRON_MAJOR = 45;

describe('the Electron version (checklist item 16)', () => {
  const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string>; dependencies?: Record<string, string> };
  const pinned = pkg.devDependencies?.electron ?? pkg.dependencies?.electron ?? '';

  it('is pinned to one exact release of a current major', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(pinned.split('.')[0])).toBeGreaterThanOrEqual(MIN_ELECTRON_MAJOR);
  });

  it('is the version installed, and the one SECURITY.md and the Electronegativity scan name', () => {
    const installed = (createRequire(import.meta.url)('electron/package.json') as { version: string }).version;
    expect(installed).toBe(pinned);
    expect(readFileSync(path.join(repo, 'SECURITY.md'), 'utf8')).toContain(`Electron ${pinned}`);
    // scripts/electronegativity.mjs passes the installed version to the scan (electronVersionOverride).
    expect(readFileSync(path.join(repo, 'scripts/electronegativity.mjs'), 'utf8')).toMatch(/electronVersionOverride: electronVersion/);
  });
});
