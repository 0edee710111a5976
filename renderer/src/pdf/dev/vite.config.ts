// Dev harness for the PDF viewer (not part of the app): `npx vite build --config renderer/src/pdf/dev/vite.config.ts`
// then serve out/pdf-dev (e.g. `npx vite preview --config renderer/src/pdf/dev/vite.config.ts`).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { pdfjsAssets } from '../vite-plugin-pdfjs-assets.ts';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react(), pdfjsAssets()],
  worker: { format: 'es' },
  build: {
    outDir: `${import.meta.dirname}/../../../../out/pdf-dev`,
    emptyOutDir: true,
    target: 'es2023',
    chunkSizeWarningLimit: 4096,
  },
  preview: { host: '127.0.0.1', port: 4731, strictPort: true },
});
