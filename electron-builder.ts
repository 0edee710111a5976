// electron-builder configuration. electron-builder finds this file by its name (electron-builder.ts; a
// *.config.ts name would NOT be found, and a bare `npx electron-builder` would ship Electron's default
// fuses) and loads it with jiti.
// Installers: Linux AppImage and deb, Windows NSIS, macOS dmg. Build them with `npm run package:linux`
// (or :win, :mac) on a machine that can download Electron; docs/packaging.md says how, and how to sign.
//
// Security (SECURITY.md, checklist item 19): the app ships as one app.asar holding only the built
// out/main, out/preload and out/renderer plus production node_modules; scripts/after-pack.ts flips
// Electron's fuses (RunAsNode off, cookie encryption on, NODE_OPTIONS and --inspect off, ASAR
// integrity on, only load the app from ASAR) before electron-builder signs anything.
import type { Configuration } from 'electron-builder';
import afterPack from './scripts/after-pack.ts';

// Both x64 and arm64 for every installer; a build on one machine makes whichever its tools allow.
const arch: ('x64' | 'arm64')[] = ['x64', 'arm64'];

const config = {
  appId: 'org.provenancedesk.desk',
  productName: 'Provenance Desk',
  copyright: 'Copyright © Provenance Desk contributors',
  directories: { output: 'dist', buildResources: 'build' },
  // Only what runs: the three built bundles and package.json (electron-builder adds the production
  // node_modules itself: the main process imports zod from there). Sources, tests, fixtures, the web
  // and pdf-dev builds in out/ are not listed, so they stay out; source maps are dropped everywhere.
  // @napi-rs/canvas is pdfjs-dist's optional native canvas for Node; Electron never loads it (the
  // renderer bundles pdf.js and draws with the browser's canvas), and it is a native binary for the
  // build machine's platform only.
  files: ['package.json', 'out/main/**', 'out/preload/**', 'out/renderer/**', '!**/*.map', '!node_modules/@napi-rs{,/**}'],
  // Integrity-checked archive, nothing unpacked beside it: the app has no native modules or binaries to run.
  asar: true,
  // The app has no native modules, so no rebuild against Electron's headers is needed (nor possible offline).
  npmRebuild: false,
  artifactName: '${name}-${version}-${os}-${arch}.${ext}',
  afterPack,

  linux: {
    target: [
      { target: 'AppImage', arch },
      { target: 'deb', arch },
    ],
    executableName: 'provenance-desk',
    icon: 'build/icons',
    category: 'Office',
    synopsis: 'Tie every claim in a draft to verifiable evidence',
    description: 'Tie every claim in a draft to hash-bound, verifiable evidence from its sources.',
    maintainer: 'Provenance Desk maintainers',
    desktop: { entry: { StartupWMClass: 'Provenance Desk' } },
  },
  deb: {
    // Debian's package name, not the product name with a space.
    packageName: 'provenance-desk',
    priority: 'optional',
  },

  win: {
    target: [{ target: 'nsis', arch }],
    icon: 'build/icon.ico',
  },
  nsis: {
    // An assisted installer that installs for the current user only: no administrator rights asked.
    oneClick: false,
    perMachine: false,
    selectPerMachineByDefault: false,
    allowElevation: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Provenance Desk',
    // Workspaces and their evidence live in the user's profile; uninstalling must never delete them.
    deleteAppDataOnUninstall: false,
  },

  mac: {
    target: [{ target: 'dmg', arch }],
    icon: 'build/icon.icns',
    category: 'public.app-category.productivity',
    // Hardened runtime (required for notarisation) with the one entitlement Electron needs: V8's JIT.
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    // Notarises when APPLE_API_KEY/APPLE_API_KEY_ID/APPLE_API_ISSUER (or APPLE_ID/…) are set; skips otherwise.
    notarize: true,
  },
  dmg: {
    title: '${productName} ${version}',
  },
} satisfies Configuration;

export default config;
