// The real electron-builder, run as `npm run package:linux` runs it but with a stand-in Electron
// (electronDist: a folder holding a fake `electron` binary with a real fuse wire) and the `dir` target,
// because Electron's own binary cannot be downloaded on this machine. It loads electron-builder.ts by
// itself, packs out/ into app.asar, runs scripts/after-pack.ts, and we inspect what it made.
import { spawnSync } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyFuses } from '../../../scripts/after-pack.ts';
import { writeFakeElectron } from './fake-electron.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

/** Files in an ASAR archive, from its JSON header (Chromium pickle: sizes at 0, 4, 8, 12, JSON at 16). */
function asarFiles(archive: Buffer): string[] {
  const length = archive.readUInt32LE(12);
  type Node = { files?: Record<string, Node> };
  const header = JSON.parse(archive.subarray(16, 16 + length).toString('utf8')) as Node;
  const out: string[] = [];
  const walk = (node: Node, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const file = prefix ? `${prefix}/${name}` : name;
      if (child.files) walk(child, file);
      else out.push(file);
    }
  };
  walk(header, '');
  return out;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

let work: string;
let appOutDir: string;
let files: string[];
let log: string;

beforeAll(async () => {
  // The bundles come from `npm run build` (CI runs it before the tests); build them if they are missing.
  if (!(await Promise.all(built.map((file) => exists(path.join(root, file))))).every(Boolean)) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  }

  work = await mkdtemp(path.join(tmpdir(), 'pd-package-'));
  const electronDist = path.join(work, 'electron-dist');
  await writeFakeElectron(path.join(electronDist, 'electron'));
  await writeFile(path.join(electronDist, 'version'), '45.5.0');
  await writeFile(path.join(electronDist, 'LICENSE'), 'stand-in for Electron\n');
  await mkdir(path.join(electronDist, 'resources'));

  // electron-builder stays silent when it sees VITEST in its environment; we want its log.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/electron-builder/cli.js'), '--linux', 'dir', '--x64', '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.directories.output=${path.join(work, 'dist')}`],
    { cwd: root, encoding: 'utf8', timeout: 240_000, env: { ...env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  log = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) throw new Error(`electron-builder failed (${result.status ?? result.signal}):\n${log}`);
  appOutDir = path.join(work, 'dist', 'linux-unpacked');
  files = asarFiles(await readFile(path.join(appOutDir, 'resources', 'app.asar')));
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('electron-builder --linux dir with a stand-in Electron', () => {
  it('loads electron-builder.ts by itself', () => {
    expect(log).toMatch(/loaded configuration\s+file=\S*electron-builder\.ts/);
  });

  it('flips the fuses in the packed binary', async () => {
    await expect(verifyFuses(path.join(appOutDir, 'provenance-desk'))).resolves.toBeUndefined();
  });

  it('ships app.asar and nothing unpacked', async () => {
    expect((await readdir(path.join(appOutDir, 'resources'))).sort()).toEqual(['app.asar']);
  });

  it('packs the built main, preload and renderer and package.json', () => {
    for (const file of [...built, 'package.json']) expect(files).toContain(file);
    const renderer = files.filter((file) => file.startsWith('out/renderer/assets/'));
    expect(renderer.some((file) => file.endsWith('.js'))).toBe(true);
  });

  it('packs no sources, tests, maps or other builds', () => {
    const own = files.filter((file) => !file.startsWith('node_modules/'));
    expect(own.filter((file) => file !== 'package.json' && !/^out\/(main|preload|renderer)\//.test(file))).toEqual([]);
    expect(own.filter((file) => /\.(ts|tsx|map)$/.test(file))).toEqual([]);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
  });

  it('packs every package the main process imports at run time, and no build tools', async () => {
    const main = await readFile(path.join(root, 'out/main/index.js'), 'utf8');
    const imports = new Set([...main.matchAll(/\bfrom\s*["']([^"'.][^"']*)["']|\bimport\s*\(\s*["']([^"'.][^"']*)["']\s*\)/g)].map((m) => m[1] ?? m[2] ?? ''));
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    const packages = [...imports]
      .filter((spec) => spec !== 'electron' && !builtins.has(spec))
      .map((spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'));
    expect(packages.length).toBeGreaterThan(0);
    for (const name of packages) expect(files).toContain(`node_modules/${name}/package.json`);
    for (const tool of ['electron', 'electron-builder', '@electron/fuses', 'electron-vite', 'vitest', 'typescript', '@napi-rs/canvas']) {
      expect(files.some((file) => file.startsWith(`node_modules/${tool}/`))).toBe(false);
    }
  });

  it('names the Linux binary as configured and keeps Electron\'s own files beside it', async () => {
    const entries = await readdir(appOutDir);
    expect(entries).toContain('provenance-desk');
    expect(entries).not.toContain('electron');
  });
});
