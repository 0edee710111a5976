// electron-builder's afterPack hook: flips Electron's fuses in the packaged binary, before anything is
// signed (electron-builder signs after afterPack), so the OS's signature check guards the bits.
//
// The fuse set is defined here once; electron-builder.config.ts uses this hook and the packaging
// tests import FUSES from here. SECURITY.md, checklist item 19, says what each fuse is for.
//
// We call @electron/fuses 2.x ourselves rather than use electron-builder's `electronFuses` key: the
// key goes through the @electron/fuses 1.x electron-builder bundles, which neither knows the
// WasmTrapHandlers fuse nor offers `strictlyRequireAllFuses`.
import path from 'node:path';
import { FuseState, FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';
import type { FuseV1Config } from '@electron/fuses';
import type { AfterPackContext } from 'electron-builder';

/**
 * Every fuse of the V1 wire, set explicitly. `strictlyRequireAllFuses` makes a build fail (rather
 * than silently keep Electron's default) when an Electron upgrade adds a fuse this list lacks, and the
 * type makes leaving one out here a compile error.
 */
export const FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node.js interpreter.
  [FuseV1Options.RunAsNode]: false,
  // Cookies on disk encrypted with the OS key store, as Chrome does.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS / NODE_EXTRA_CA_CERTS could inject code or trust into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect, --inspect-brk and SIGUSR1 would attach a debugger to the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash electron-builder records (macOS and Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Only app.asar is searched for the app, never a loose app/ folder beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Electron's default; the app ships no browser-process-specific V8 snapshot.
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The app is served from app://desk/, never file://, so file: pages get no extra powers.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // Electron's default: V8's WebAssembly trap handlers stay on (pdf.js decoders use WebAssembly).
  [FuseV1Options.WasmTrapHandlers]: true,
} as const satisfies FuseV1Config;

/** Where electron-builder leaves the Electron binary (or macOS app bundle) for a platform. */
export function electronBinaryPath(context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'packager'>): string {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      // @electron/fuses finds the Electron Framework binary inside the bundle.
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux': {
      const executableName = (packager as { executableName?: unknown }).executableName;
      if (typeof executableName !== 'string' || executableName === '') {
        throw new Error('after-pack: the Linux packager has no executableName; cannot find the Electron binary to flip its fuses');
      }
      return path.join(appOutDir, executableName);
    }
    default:
      throw new Error(`after-pack: no fuse rule for platform "${electronPlatformName}"; refusing to ship a binary with Electron's default fuses`);
  }
}

/** electron-builder's `Arch` values for arm64 and universal (builder-util's enum: arm64 = 3, universal = 4). */
const ARCH_ARM64 = 3;
const ARCH_UNIVERSAL = 4;

/**
 * The fuse configuration for one packed app. On Apple silicon, flipping fuses breaks the ad-hoc
 * signature Electron ships with, so it is redone (electron-builder then signs properly when it has an
 * identity; without one, the app still launches).
 */
export function fuseConfigFor(context: Pick<AfterPackContext, 'electronPlatformName' | 'arch'>): FuseV1Config {
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  const arm = (context.arch as number) === ARCH_ARM64 || (context.arch as number) === ARCH_UNIVERSAL;
  return { ...FUSES, resetAdHocDarwinSignature: darwin && arm };
}

/** The wire bytes FUSES should leave in a binary, by fuse index. */
export function expectedWire(): Map<FuseV1Options, FuseState> {
  const wire = new Map<FuseV1Options, FuseState>();
  for (const [key, value] of Object.entries(FUSES)) {
    const index = Number(key);
    if (Number.isInteger(index)) wire.set(index as FuseV1Options, value ? FuseState.ENABLE : FuseState.DISABLE);
  }
  return wire;
}

/** Reads the fuses back from the binary and throws unless every one is as FUSES says. */
export async function verifyFuses(binaryPath: string): Promise<void> {
  const current = (await getCurrentFuseWire(binaryPath)) as unknown as Record<number, FuseState>;
  const name = (state: FuseState | undefined): string => (state === undefined ? 'missing' : (FuseState[state] ?? `byte ${state}`));
  const wrong: string[] = [];
  for (const [index, state] of expectedWire()) {
    if (current[index] !== state) wrong.push(`${FuseV1Options[index]} is ${name(current[index])}, expected ${name(state)}`);
  }
  if (wrong.length > 0) throw new Error(`after-pack: fuses not as configured in ${binaryPath}: ${wrong.join('; ')}`);
}

export default async function afterPack(context: AfterPackContext): Promise<void> {
  const binaryPath = electronBinaryPath(context);
  await flipFuses(binaryPath, fuseConfigFor(context));
  await verifyFuses(binaryPath);
}
