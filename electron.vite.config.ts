import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { pdfjsAssets } from './renderer/src/pdf/vite-plugin-pdfjs-assets.ts';
import { sampleWorkspace } from './renderer/src/sample/vite-plugin-sample.ts';
import { devCspNonce } from './renderer/src/vite-plugin-dev-csp.ts';
import { defineConfig } from 'electron-vite';

// electron-vite builds the three parts into out/: main (ES module, package.json "type": "module"),
// preload (CommonJS `.cjs`: a sandboxed preload cannot be an ES module, and it must bundle everything
// it imports because a sandboxed preload can require only `electron`), and the renderer (a plain SPA).
const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      lib: { entry: resolve(root, 'electron/main/index.ts'), formats: ['es'] },
      rolldownOptions: { output: { entryFileNames: '[name].js' } },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      lib: { entry: resolve(root, 'electron/preload/index.ts'), formats: ['cjs'] },
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), devCspNonce(), pdfjsAssets(), sampleWorkspace(resolve(root, 'resources/sample'))],
    worker: { format: 'es' },
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
