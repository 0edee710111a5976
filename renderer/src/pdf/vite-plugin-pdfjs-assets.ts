// Ships pdf.js's binary assets (CMaps, standard fonts, wasm decoders) with the renderer so that CJK and
// base-14 fonts work offline and every fetch stays on 'self' (the CSP allows no remote origin). The dev
// server serves them from node_modules; a build emits them as assets under `pdfjs/`. This file runs in
// Node inside Vite's config, never in the renderer bundle, hence its Node imports.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';
import type { Plugin } from 'vite';

/** The folders of pdfjs-dist that are shipped, each served at `<base>pdfjs/<folder>/`. */
export const PDFJS_ASSET_FOLDERS = ['cmaps', 'standard_fonts', 'wasm'] as const;

/** URL path prefix (relative to the app's base) under which the assets are served. */
export const PDFJS_ASSET_PREFIX = 'pdfjs/';

function pdfjsRoot(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('pdfjs-dist/package.json'));
}

// QuickJS is pdf.js's scripting sandbox; scripting is off (DESIGN.md, Electron shell), so it is not shipped.
const NOT_SHIPPED = /^quickjs/u;

function listFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => !NOT_SHIPPED.test(name) && statSync(join(dir, name)).isFile());
}

/** A Vite plugin that serves (dev) and emits (build) pdfjs-dist's cmaps, standard_fonts and wasm under `pdfjs/`; never throws at config time. */
export function pdfjsAssets(): Plugin {
  const root = pdfjsRoot();
  return {
    name: 'provenance-desk:pdfjs-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0] ?? '';
        const at = url.indexOf(`/${PDFJS_ASSET_PREFIX}`);
        if (at < 0) return next();
        const rest = url.slice(at + PDFJS_ASSET_PREFIX.length + 1);
        const [folder, ...nameParts] = rest.split('/');
        const name = nameParts.join('/');
        if (!PDFJS_ASSET_FOLDERS.includes(folder as (typeof PDFJS_ASSET_FOLDERS)[number]) || name === '' || name.includes('..') || NOT_SHIPPED.test(name)) return next();
        const file = normalize(join(root, folder ?? '', name));
        if (!file.startsWith(root + sep)) return next();
        try {
          const bytes = readFileSync(file);
          res.setHeader('Content-Type', name.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream');
          res.end(bytes);
        } catch {
          next();
        }
      });
    },
    generateBundle() {
      for (const folder of PDFJS_ASSET_FOLDERS) {
        const dir = join(root, folder);
        for (const name of listFiles(dir)) {
          this.emitFile({ type: 'asset', fileName: `${PDFJS_ASSET_PREFIX}${folder}/${name}`, source: readFileSync(join(dir, name)) });
        }
      }
    },
  };
}
