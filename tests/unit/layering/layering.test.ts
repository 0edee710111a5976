import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering rule (DESIGN.md, Layers) is enforced by `npm run lint`: these deliberate violations, linted
// as if they sat in each layer, must be reported; the same code in an allowed place must not.
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const eslint = new ESLint({ cwd: repo });

async function problems(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repo, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('layering', () => {
  it('rejects platform imports and globals in shared/', async () => {
    for (const spec of ['react', 'dexie', 'electron', 'node:fs', 'fs', 'pdfjs-dist', '../renderer/src/app/App.tsx', '../electron/main/index.ts']) {
      const found = await problems(`import x from '${spec}';\nexport const y = x;\n`, 'shared/violation.ts');
      expect(found.length, spec).toBeGreaterThanOrEqual(1);
    }
    expect(await problems('export const w = window.innerWidth;\n', 'shared/violation.ts')).toHaveLength(1);
    expect(await problems('export const d = document.title;\n', 'shared/violation.ts')).toHaveLength(1);
    expect(await problems('export const b = Buffer.from("x");\n', 'shared/violation.ts')).toHaveLength(1);
  });

  it('rejects renderer ↔ electron imports in both directions, and Node in the renderer', async () => {
    expect(await problems("import { app } from 'electron';\nexport const a = app;\n", 'renderer/src/violation.ts')).toHaveLength(1);
    expect(await problems("import x from '../../electron/main/window.ts';\nexport const a = x;\n", 'renderer/src/violation.ts')).toHaveLength(1);
    expect(await problems("import { readFile } from 'node:fs/promises';\nexport const a = readFile;\n", 'renderer/src/violation.ts')).toHaveLength(1);
    expect(await problems("import { App } from '../../renderer/src/app/App.tsx';\nexport const a = App;\n", 'electron/main/violation.ts')).toHaveLength(1);
    expect(await problems("import Dexie from 'dexie';\nexport const a = Dexie;\n", 'cli/violation.ts')).toHaveLength(1);
  });

  it('accepts what each layer may import', async () => {
    expect(await problems("import { sha256Hex } from './hash.ts';\nexport const h = sha256Hex;\n", 'shared/fine.ts')).toEqual([]);
    expect(await problems("import { sha256Hex } from '../../shared/hash.ts';\nexport const h = sha256Hex;\n", 'renderer/src/fine.ts')).toEqual([]);
    expect(await problems("import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n", 'cli/fine.ts')).toEqual([]);
  });
});
