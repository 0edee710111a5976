#!/usr/bin/env node
// Installed entry point: runs the TypeScript CLI through tsx so that no separate build step is needed.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
let tsxCli;
try {
  tsxCli = require.resolve('tsx/cli');
} catch {
  // tsx is a development dependency: an install without them (npm install --omit=dev) has no way to run the CLI.
  process.stderr.write('provenance-desk: the command line runs through tsx, a development dependency that is not installed here; run `npm install` (with development dependencies) in the project, or `npm run cli -- …` from a full checkout\n');
  process.exit(2);
}
const main = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');
const result = spawnSync(process.execPath, [tsxCli, main, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 2);
