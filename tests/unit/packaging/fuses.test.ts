// The fuse set and the afterPack hook that flips it. The hook runs the real @electron/fuses on a fake
// Electron binary (the real sentinel and wire format), then the wire is read back with the library's
// getCurrentFuseWire and with our own byte reader.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FuseState, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { Arch } from 'electron-builder';
import type { AfterPackContext } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../../../electron-builder.ts';
import afterPack, { FUSES, electronBinaryPath, expectedWire, fuseConfigFor, verifyFuses } from '../../../scripts/after-pack.ts';
import { ELECTRON_DEFAULT_WIRE, readWire, writeFakeElectron } from './fake-electron.ts';

/** RunAsNode 0, cookies 1, NODE_OPTIONS 0, --inspect 0, ASAR integrity 1, only ASAR 1, V8 snapshot 0, file: 0, Wasm traps 1. */
const FLIPPED_WIRE = '010011001';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pd-fuses-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Platform = 'linux' | 'win32' | 'darwin' | 'mas';

function fakeContext(appOutDir: string, electronPlatformName: Platform, arch: Arch = Arch.x64): AfterPackContext {
  const packager = { appInfo: { productFilename: 'Provenance Desk' }, ...(electronPlatformName === 'linux' ? { executableName: 'provenance-desk' } : {}) };
  return { appOutDir, electronPlatformName, arch, packager } as unknown as AfterPackContext;
}

describe('FUSES', () => {
  it('has exactly the required values', () => {
    expect(FUSES[FuseV1Options.RunAsNode]).toBe(false);
    expect(FUSES[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    expect(FUSES[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(false);
    expect(FUSES[FuseV1Options.WasmTrapHandlers]).toBe(true);
    expect(FUSES.version).toBe(FuseVersion.V1);
  });

  it('sets every fuse @electron/fuses knows, and requires the binary to have no others', () => {
    const known = Object.values(FuseV1Options).filter((value): value is FuseV1Options => typeof value === 'number');
    const configured = Object.keys(FUSES).filter((key) => /^\d+$/.test(key)).map(Number);
    expect(configured.sort((a, b) => a - b)).toEqual(known.sort((a, b) => a - b));
    expect(FUSES.strictlyRequireAllFuses).toBe(true);
  });

  it('turns into the wire bytes the hook verifies', () => {
    const wire = [...expectedWire()].sort(([a], [b]) => a - b).map(([, state]) => String.fromCharCode(state)).join('');
    expect(wire).toBe(FLIPPED_WIRE);
  });
});

describe('fuseConfigFor', () => {
  it.each([
    ['darwin', Arch.arm64, true],
    ['darwin', Arch.universal, true],
    ['mas', Arch.arm64, true],
    ['darwin', Arch.x64, false],
    ['linux', Arch.arm64, false],
    ['win32', Arch.arm64, false],
    ['linux', Arch.x64, false],
  ] as const)('on %s %s resets the ad-hoc macOS signature: %s', (platform, arch, reset) => {
    const fuses = fuseConfigFor({ electronPlatformName: platform, arch });
    expect(fuses.resetAdHocDarwinSignature).toBe(reset);
    const { resetAdHocDarwinSignature: _reset, ...rest } = fuses;
    expect(rest).toEqual(FUSES);
  });
});

describe('electronBinaryPath', () => {
  it.each([
    ['linux', 'provenance-desk'],
    ['win32', 'Provenance Desk.exe'],
    ['darwin', 'Provenance Desk.app'],
    ['mas', 'Provenance Desk.app'],
  ] as const)('on %s is %s in the packed app folder', (platform, name) => {
    expect(electronBinaryPath(fakeContext('/packed', platform))).toBe(path.join('/packed', name));
  });

  it('refuses a platform it has no rule for instead of skipping the fuses', () => {
    expect(() => electronBinaryPath(fakeContext('/packed', 'freebsd' as Platform))).toThrow(/no fuse rule for platform "freebsd"/);
  });

  it('refuses a Linux packager without an executable name', () => {
    const context = { appOutDir: '/packed', electronPlatformName: 'linux', packager: { appInfo: { productFilename: 'Provenance Desk' } } };
    expect(() => electronBinaryPath(context as unknown as AfterPackContext)).toThrow(/executableName/);
  });
});

describe('afterPack flips the fuses with the real @electron/fuses', () => {
  // Where each platform's fuse wire lives in a packed app: on macOS, inside the Electron Framework.
  const layouts: [Platform, string][] = [
    ['linux', 'provenance-desk'],
    ['win32', 'Provenance Desk.exe'],
    ['darwin', 'Provenance Desk.app/Contents/Frameworks/Electron Framework.framework/Electron Framework'],
    ['mas', 'Provenance Desk.app/Contents/Frameworks/Electron Framework.framework/Electron Framework'],
  ];

  it.each(layouts)('on %s, in %s', async (platform, binary) => {
    const appOutDir = path.join(dir, `flip-${platform}`);
    const file = await writeFakeElectron(path.join(appOutDir, binary));
    expect(readWire(await readFile(file))).toBe(ELECTRON_DEFAULT_WIRE);

    await afterPack(fakeContext(appOutDir, platform));

    const bytes = await readFile(file);
    expect(readWire(bytes)).toBe(FLIPPED_WIRE);
    const wire = (await getCurrentFuseWire(electronBinaryPath(fakeContext(appOutDir, platform)))) as unknown as Record<number, number>;
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
  });

  it('changes nothing but the wire bytes', async () => {
    const appOutDir = path.join(dir, 'only-wire');
    const file = await writeFakeElectron(path.join(appOutDir, 'provenance-desk'));
    const before = await readFile(file);
    await afterPack(fakeContext(appOutDir, 'linux'));
    const after = await readFile(file);
    expect(after.length).toBe(before.length);
    const changed = [...after.keys()].filter((i) => after[i] !== before[i]);
    const wireStart = before.indexOf(Buffer.from(ELECTRON_DEFAULT_WIRE));
    expect(changed.every((i) => i >= wireStart && i < wireStart + ELECTRON_DEFAULT_WIRE.length)).toBe(true);
    expect(changed.length).toBeGreaterThan(0);
  });

  it('fails the build when Electron has a fuse this configuration does not set', async () => {
    const appOutDir = path.join(dir, 'newer-electron');
    await writeFakeElectron(path.join(appOutDir, 'provenance-desk'), `${ELECTRON_DEFAULT_WIRE}1`);
    await expect(afterPack(fakeContext(appOutDir, 'linux'))).rejects.toThrow(/strictlyRequireAllFuses/);
  });

  it('fails the build when the binary has no fuse wire', async () => {
    const appOutDir = path.join(dir, 'no-wire');
    await mkdir(appOutDir, { recursive: true });
    await writeFile(path.join(appOutDir, 'provenance-desk'), Buffer.alloc(1024, 1));
    await expect(afterPack(fakeContext(appOutDir, 'linux'))).rejects.toThrow(/Could not find sentinel/);
  });

  it('fails the build when the binary is missing', async () => {
    await expect(afterPack(fakeContext(path.join(dir, 'nothing-here'), 'win32'))).rejects.toThrow(/ENOENT/);
  });
});

describe('verifyFuses', () => {
  it('passes a binary flipped as configured and names every fuse that is not', async () => {
    const good = await writeFakeElectron(path.join(dir, 'verify', 'good'), FLIPPED_WIRE);
    await expect(verifyFuses(good)).resolves.toBeUndefined();
    const stock = await writeFakeElectron(path.join(dir, 'verify', 'stock'));
    const error = await verifyFuses(stock).then(
      () => null,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toMatch(/RunAsNode is ENABLE, expected DISABLE/);
    expect(error?.message).toMatch(/OnlyLoadAppFromAsar is DISABLE, expected ENABLE/);
    expect(error?.message).toMatch(/GrantFileProtocolExtraPrivileges is ENABLE, expected DISABLE/);
    expect(error?.message).not.toMatch(/WasmTrapHandlers/);
  });
});

describe('electron-builder.ts', () => {
  it('runs this hook after packing', () => {
    expect(config.afterPack).toBe(afterPack);
  });

  it('does not also use electron-builder\'s own electronFuses (the bundled @electron/fuses 1.x)', () => {
    expect('electronFuses' in config).toBe(false);
  });
});
