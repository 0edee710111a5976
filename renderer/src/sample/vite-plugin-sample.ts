// Ships the sample workspace (resources/sample: a draft, public-domain PDFs, a spoken recording and its
// transcript) with the renderer under `sample/`, with a manifest, so the app can offer it on first start
// without any file access of its own. The dev server serves the same files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/** URL path (relative to the app's base) under which the sample is served. */
export const SAMPLE_PREFIX = 'sample/';

/** What the app reads first: the draft and the source files, by name. */
export interface SampleManifest {
  /** Title of the workspace the sample opens as. */
  title: string;
  /** The draft's file name. */
  draft: string;
  /** Source files (PDFs, transcripts, recordings, reference lists), by name. */
  sources: string[];
}

function sampleFiles(root: string): { manifest: SampleManifest; files: Map<string, string> } {
  const sourcesDir = path.join(root, 'sources');
  const sources = readdirSync(sourcesDir)
    .filter((n) => statSync(path.join(sourcesDir, n)).isFile())
    .sort();
  const files = new Map<string, string>([['draft.txt', path.join(root, 'draft.txt')]]);
  for (const n of sources) files.set(`sources/${n}`, path.join(sourcesDir, n));
  return { manifest: { title: 'Sample: three public-domain sources', draft: 'draft.txt', sources }, files };
}

/** A Vite plugin emitting resources/sample under `sample/` with `sample/manifest.json`; throws at build time when the sample is missing. */
export function sampleWorkspace(root: string): Plugin {
  return {
    name: 'provenance-desk:sample-workspace',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        const at = url.indexOf(`/${SAMPLE_PREFIX}`);
        if (at < 0) return next();
        const rest = url.slice(at + SAMPLE_PREFIX.length + 1);
        const { manifest, files } = sampleFiles(root);
        if (rest === 'manifest.json') {
          res.setHeader('Content-Type', 'application/json');
          return res.end(JSON.stringify(manifest));
        }
        const file = files.get(rest);
        if (!file) return next();
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      const { manifest, files } = sampleFiles(root);
      this.emitFile({ type: 'asset', fileName: `${SAMPLE_PREFIX}manifest.json`, source: JSON.stringify(manifest, null, 2) });
      for (const [name, file] of files) this.emitFile({ type: 'asset', fileName: `${SAMPLE_PREFIX}${name}`, source: readFileSync(file) });
    },
  };
}
