// electron-vite must emit the preload as CommonJS at the path the main process loads it from: a
// sandboxed preload cannot be an ES module, and can require only `electron`, so it bundles its imports.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../electron.vite.config.ts';

const root = path.resolve(import.meta.dirname, '../../..');

describe('electron.vite.config.ts', () => {
  const resolved = config as import('electron-vite').UserConfig;

  it('builds the preload as one CommonJS .cjs file with its dependencies bundled', () => {
    const build = resolved.preload?.build;
    expect(build?.lib && build.lib.formats).toEqual(['cjs']);
    expect(build?.rolldownOptions?.output).toMatchObject({ format: 'cjs', entryFileNames: '[name].cjs' });
    expect(build?.externalizeDeps).toBe(false);
    expect(build?.outDir).toBe(path.join(root, 'out/preload'));
  });

  it('loads the preload from where the build puts it', async () => {
    const main = await readFile(path.join(root, 'electron/main/index.ts'), 'utf8');
    expect(main).toContain("path.join(here, '../preload/index.cjs')");
    expect(main).toContain("path.join(here, '../renderer')");
    expect(resolved.renderer?.build?.outDir).toBe(path.join(root, 'out/renderer'));
    expect(resolved.main?.build?.outDir).toBe(path.join(root, 'out/main'));
  });

  it('builds the renderer from renderer/index.html', () => {
    expect(resolved.renderer?.root).toBe(path.join(root, 'renderer'));
    expect(resolved.renderer?.build?.rolldownOptions?.input).toBe(path.join(root, 'renderer/index.html'));
  });
});
