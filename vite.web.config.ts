import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { pdfjsAssets } from './renderer/src/pdf/vite-plugin-pdfjs-assets.ts';
import { sampleWorkspace } from './renderer/src/sample/vite-plugin-sample.ts';
import { devCspNonce } from './renderer/src/vite-plugin-dev-csp.ts';

// The renderer built for an ordinary browser (DESIGN.md, Hosts): the same code Electron loads,
// served on 127.0.0.1 by scripts/serve-web.ts. `npm run web` builds and serves it.
const root = fileURLToPath(new URL('./renderer', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react(), devCspNonce(), pdfjsAssets(), sampleWorkspace(fileURLToPath(new URL('./resources/sample', import.meta.url)))],
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('./out/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: false,
    chunkSizeWarningLimit: 4096,
  },
});
