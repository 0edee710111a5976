#!/usr/bin/env node
// Runs Electronegativity (@doyensec/electronegativity) on the Electron app through its runner, prints
// every finding it returns, and exits 1 on any HIGH or MEDIUM finding (Electronegativity itself always
// exits 0). Exit 2 when the scan itself cannot run or cannot parse a file.
//
// Usage: node scripts/electronegativity.mjs [DIR ...]
//
// By default it scans one staged copy of what makes up the Electron app, so that its global checks
// (CSP, navigation limits, permission handler) see the whole app at once: electron/ (main and preload
// sources), renderer/index.html (the page and its CSP meta tag), and, when `npm run build` has run,
// out/main, out/preload and out/renderer/index.html (what actually ships, but the renderer's bundles).
//
// Offline by design: the tool looks up translations and Electron's release list on the network, and on
// Node 24 its HTTP client (got 11) crashes the process when that look-up times out. The scan does not
// need either, so the tool's `got` is replaced by one that fails at once, which the tool already handles.
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/** Severities that fail the check. */
const FAILING_SEVERITIES = new Set(['HIGH', 'MEDIUM']);

/**
 * Checks excluded by name, each with the reason (also in SECURITY.md). Never a blanket exclusion.
 */
const EXCLUDED_CHECKS = {
  // Flags every preload script as "review the use of preload scripts", whatever it does. Ours is
  // reviewed: it exposes one function per contract channel and never ipcRenderer, which
  // tests/unit/electron/preload.test.ts checks and the no-raw-electron-api-exposure lint rule enforces.
  PreloadJSCheck: 'flags any preload; ours exposes only the contract methods (tests/unit/electron/preload.test.ts)',
  // Needs the network (Electron's release list) to say whether a newer patch exists; CI here is offline.
  // The Electron version is pinned in package.json and reviewed per release (SECURITY.md, item 16).
  AvailableSecurityFixesGlobalCheck: 'needs the network to fetch Electron releases; the pinned version is reviewed by hand (SECURITY.md, item 16)',
};

function offlineGot() {
  const fail = () => Promise.reject(new Error('network disabled: Electronegativity runs offline'));
  return Object.assign(fail, { default: fail, head: fail, get: fail, __esModule: true });
}

// The findings come from the runner's return value, not its CSV report: the tool writes the report's
// header (truncating) and its rows (appending) as two unordered asynchronous writes, so the rows are
// sometimes lost; that made this check fail at random.
async function scan(input, electronVersion) {
  const toolRequire = createRequire(require.resolve('@doyensec/electronegativity/package.json'));
  const gotPath = toolRequire.resolve('got');
  toolRequire(gotPath);
  require.cache[gotPath].exports = offlineGot();
  const run = toolRequire('./dist/runner.js');
  const quiet = console.log;
  console.log = () => {}; // the tool prints translation-fetch noise; findings are printed below
  let result;
  try {
    result = await run({
      input,
      output: undefined,
      isSarif: false,
      customScan: [],
      excludeFromScan: Object.keys(EXCLUDED_CHECKS).map((name) => name.toLowerCase()),
      isRelative: true,
      isVerbose: true,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    });
  } finally {
    console.log = quiet;
  }
  if (result.errors.length > 0) {
    throw new Error(`could not parse ${result.errors.map((e) => e.file ?? String(e)).join(', ')}`);
  }
  return result.issues.map((issue) => ({
    issue: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    filename: issue.file,
    location: `${issue.location.line}:${issue.location.column}`,
    description: issue.description,
  }));
}

/** What the default scan stages, relative to the repository; built parts only when present. */
const APP_PARTS = ['electron', 'renderer/index.html'];
// The renderer's built page is scanned; its JavaScript bundles are not: they hold third-party libraries
// (pdf.js, React) whose syntax the scanner's parser cannot read, and the renderer cannot reach Electron
// APIs at all (the lint layering rule forbids importing electron there; the preload exposes only window.api).
const BUILT_PARTS = ['out/main', 'out/preload', 'out/renderer/index.html'];

async function stageApp(stage) {
  const missing = APP_PARTS.filter((part) => !existsSync(path.join(root, part)));
  if (missing.length > 0) throw new Error(`${missing.join(', ')} not found`);
  const parts = [...APP_PARTS, ...BUILT_PARTS.filter((part) => existsSync(path.join(root, part)))];
  for (const part of parts) {
    await mkdir(path.dirname(path.join(stage, part)), { recursive: true });
    await cp(path.join(root, part), path.join(stage, part), { recursive: true });
  }
  return parts;
}

async function main() {
  const args = process.argv.slice(2);
  const outDir = await mkdtemp(path.join(tmpdir(), 'electronegativity-'));
  let inputs;
  let scanned;
  if (args.length > 0) {
    inputs = args.map((dir) => path.resolve(root, dir));
    scanned = inputs.map((input) => path.relative(root, input));
    for (const input of inputs) {
      if (!existsSync(input)) {
        console.error(`electronegativity: ${path.relative(root, input)} does not exist`);
        process.exit(2);
      }
    }
  } else {
    const stage = path.join(outDir, 'app');
    scanned = await stageApp(stage);
    inputs = [stage];
  }
  const electronVersion = JSON.parse(await readFile(require.resolve('electron/package.json'), 'utf8')).version;
  let failing = 0;
  let total = 0;
  try {
    for (const input of inputs) {
      const findings = await scan(input, electronVersion);
      for (const finding of findings) {
        total++;
        const severity = finding.severity.toUpperCase();
        const fails = FAILING_SEVERITIES.has(severity);
        if (fails) failing++;
        const where = `${args.length > 0 ? `${path.relative(root, input)}/` : ''}${finding.filename}:${finding.location}`;
        console.log(`${fails ? 'FAIL' : 'note'} ${severity.padEnd(13)} ${finding.confidence.padEnd(9)} ${finding.issue}  ${where}\n     ${finding.description}`);
      }
    }
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
  const excluded = Object.entries(EXCLUDED_CHECKS).map(([name, why]) => `${name} (${why})`);
  console.log(`electronegativity: Electron ${electronVersion}; scanned ${scanned.join(', ')}; excluded ${excluded.join('; ') || 'nothing'}`);
  console.log(`electronegativity: ${total} findings, ${failing} HIGH or MEDIUM`);
  process.exit(failing > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(`electronegativity: the scan failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
