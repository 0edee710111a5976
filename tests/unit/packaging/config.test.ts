// The electron-builder configuration as electron-builder loads it (the default export of
// electron-builder.ts), the resources it points at, and the package.json it packs.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../electron-builder.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const packageJson = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
  name: string;
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

type TargetList = readonly { target: string; arch: readonly string[] }[];

/** What electron-builder's `files` would take from the project folder: last matching pattern wins. */
function packed(file: string): boolean {
  let included = false;
  for (const pattern of config.files) {
    if (pattern.startsWith('!')) {
      if (path.matchesGlob(file, pattern.slice(1))) included = false;
    } else if (path.matchesGlob(file, pattern)) {
      included = true;
    }
  }
  return included;
}

function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('electron-builder.ts: targets', () => {
  it.each([
    ['linux', 'AppImage'],
    ['linux', 'deb'],
    ['win', 'nsis'],
    ['mac', 'dmg'],
  ] as const)('%s builds %s for x64 and arm64', (platform, format) => {
    const targets = config[platform].target as TargetList;
    const entry = targets.find((target) => target.target === format);
    expect(entry?.arch).toEqual(['x64', 'arm64']);
  });

  it('builds no other formats', () => {
    const formats = (['linux', 'win', 'mac'] as const).flatMap((platform) => (config[platform].target as TargetList).map((target) => `${platform}:${target.target}`));
    expect(formats.sort()).toEqual(['linux:AppImage', 'linux:deb', 'mac:dmg', 'win:nsis']);
  });

  it('names the app and its artifacts', () => {
    expect(config.productName).toBe('Provenance Desk');
    expect(config.appId).toMatch(/^[a-z][a-z0-9]*(\.[a-z][a-z0-9-]*){2,}$/);
    expect(config.directories.output).toBe('dist');
    expect(config.directories.buildResources).toBe('build');
    // No spaces in file names; every platform/arch/format gets its own name.
    expect(config.artifactName).toBe('${name}-${version}-${os}-${arch}.${ext}');
    expect(packageJson.name).toMatch(/^[a-z0-9-]+$/);
  });
});

describe('electron-builder.ts: what is packed', () => {
  it('packs into one ASAR archive with nothing unpacked beside it', () => {
    expect(config.asar).toBe(true);
    expect('asarUnpack' in config).toBe(false);
  });

  it.each(['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/assets/index-abc.js', 'out/renderer/favicon.svg', 'package.json'])(
    'packs %s',
    (file) => {
      expect(packed(file)).toBe(true);
    },
  );

  it.each([
    'electron/main/index.ts',
    'electron/preload/index.ts',
    'renderer/src/main.tsx',
    'renderer/index.html',
    'shared/ipc/contract.ts',
    'cli/main.ts',
    'tests/unit/packaging/config.test.ts',
    'tests/fixtures/tracemonkey.pdf',
    'scripts/after-pack.ts',
    'electron-builder.ts',
    'out/main/index.js.map',
    'out/renderer/assets/index-abc.js.map',
    'out/web/index.html',
    'out/pdf-dev/index.html',
    'node_modules/@napi-rs/canvas/index.js',
    'node_modules/pdfjs-dist/build/pdf.mjs.map',
    'SECURITY.md',
    '.ci/run',
  ])('leaves out %s', (file) => {
    expect(packed(file)).toBe(false);
  });

  it('points the packed package.json at the built main process', () => {
    expect(packageJson.main).toBe('out/main/index.js');
    expect(packed(packageJson.main)).toBe(true);
  });

  it('keeps Electron and the build tools out of the production dependencies (electron-builder refuses otherwise)', () => {
    for (const name of ['electron', 'electron-builder', '@electron/fuses', 'electron-vite']) {
      expect(packageJson.dependencies).not.toHaveProperty(name);
      expect(packageJson.devDependencies).toHaveProperty(name);
    }
  });
});

describe('electron-builder.ts: platforms', () => {
  it('describes the Linux packages', () => {
    expect(config.linux.executableName).toBe('provenance-desk');
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toBeTruthy();
    expect(config.linux.synopsis.length).toBeLessThanOrEqual(80);
    expect(config.deb.packageName).toMatch(/^[a-z0-9][a-z0-9+.-]+$/);
  });

  it('makes an assisted, per-user Windows installer that keeps the user\'s data on uninstall', () => {
    expect(config.nsis.oneClick).toBe(false);
    expect(config.nsis.perMachine).toBe(false);
    expect(config.nsis.selectPerMachineByDefault).toBe(false);
    expect(config.nsis.allowElevation).toBe(false);
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
  });

  it('signs macOS builds with the hardened runtime and only the JIT entitlement', async () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlements).toBe('build/entitlements.mac.plist');
    expect(config.mac.entitlementsInherit).toBe('build/entitlements.mac.plist');
    expect(config.mac.notarize).toBe(true);
    const plist = await readFile(path.join(root, config.mac.entitlements), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<(true|false)\/>/g)].map((match) => `${match[1]}=${match[2]}`);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit=true']);
  });
});

describe('build/: icons drawn from renderer/public/favicon.svg', () => {
  it.each([16, 32, 48, 64, 128, 256, 512])('has a %i px Linux icon', async (size) => {
    const bytes = await readFile(path.join(root, config.linux.icon, `${size}x${size}.png`));
    expect(pngSize(bytes)).toEqual([size, size]);
  });

  it('has the 1024 px generic icon, a Windows .ico up to 256 px and a macOS .icns', async () => {
    expect(pngSize(await readFile(path.join(root, 'build/icon.png')))).toEqual([1024, 1024]);

    const ico = await readFile(path.join(root, config.win.icon));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    // Directory entries are 16 bytes from offset 6; a width byte of 0 means 256 px.
    const widths = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256);
    expect(widths).toContain(256);
    expect(widths).toContain(16);

    const icns = await readFile(path.join(root, config.mac.icon));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });

  it('keeps the script that regenerates them', async () => {
    const script = await readFile(path.join(root, 'build/make-icons.sh'), 'utf8');
    expect(script).toContain('renderer/public/favicon.svg');
    expect((await stat(path.join(root, 'build/make-icons.sh'))).mode & 0o100).toBeTruthy();
  });
});

describe('package.json scripts', () => {
  it.each([
    ['package', ''],
    ['package:linux', ' --linux'],
    ['package:win', ' --win'],
    ['package:mac', ' --mac'],
  ])('%s builds, then packages%s without publishing', (script, flag) => {
    expect(packageJson.scripts[script]).toBe(`npm run build && electron-builder${flag} --publish never`);
  });

  it('uses the configuration electron-builder finds by itself (no --config pointing elsewhere)', () => {
    for (const [name, command] of Object.entries(packageJson.scripts)) {
      if (name.startsWith('package')) expect(command).not.toMatch(/--config|-c\b/);
    }
  });
});
