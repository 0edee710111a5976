import js from '@eslint/js';
import electronSecurity from 'eslint-plugin-electron-security';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Layering (DESIGN.md, Layers): shared/ is pure; renderer/ and electron/ never import each other;
// nothing outside renderer/ imports it. The typecheck backs this up: shared/ is compiled with no DOM
// and no Node types.
const platformModules = ['electron', 'react', 'react-dom', 'react-dom/*', 'dexie', 'node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'pdfjs-dist', 'pdfjs-dist/*'];

export const layerRules = {
  shared: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: platformModules, message: 'shared/ is pure TypeScript: no DOM, Node, Electron, React, Dexie or pdf.js (DESIGN.md, Layers).' },
          { group: ['**/renderer/**', '**/electron/**', '**/cli/**'], message: 'shared/ imports nothing of the other layers.' },
        ],
      },
    ],
    'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'process', 'Buffer', 'require', 'indexedDB', 'localStorage', 'crypto'],
  },
  renderer: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['electron', '**/electron/**', 'node:*', 'fs', 'path', 'child_process'], message: 'renderer/ reaches the platform only through its Host (DESIGN.md, Hosts).' },
          { group: ['**/cli/**'], message: 'renderer/ does not import the CLI.' },
        ],
      },
    ],
  },
  electron: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ group: ['**/renderer/**', 'react', 'react-dom', 'dexie'], message: 'electron/ does not import the renderer.' }] },
    ],
  },
  cli: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ group: ['**/renderer/**', '**/electron/**', 'electron', 'react', 'dexie'], message: 'cli/ imports only shared/ and Node.' }] },
    ],
  },
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'tests/fixtures/layering/**', 'resources/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['shared/**/*.ts'], rules: layerRules.shared },
  { files: ['renderer/**/*.{ts,tsx}'], languageOptions: { globals: globals.browser }, rules: layerRules.renderer },
  // Vite plugins beside renderer code run at build time in Node, not in the renderer.
  { files: ['renderer/**/vite-plugin-*.ts'], languageOptions: { globals: globals.node }, rules: { 'no-restricted-imports': 'off' } },
  { files: ['electron/**/*.ts'], languageOptions: { globals: globals.node }, rules: layerRules.electron },
  { files: ['cli/**/*.{ts,mjs}'], languageOptions: { globals: globals.node }, rules: layerRules.cli },
  { files: ['scripts/**/*.mjs', 'bench/**/*.ts', 'tests/**/*.{ts,tsx}', '*.config.{ts,js}', '.ci/**'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  // Electron security checklist (SECURITY.md): the strict preset (every rule an error) on the main
  // process and preload. require-factory makes the two doors exact: ipcMain.handle only inside
  // electron/main/ipc.ts (its handle() checks the sender and validates the payload), BrowserWindow only
  // inside electron/main/window.ts (the hardened webPreferences). dispatch() is named as the sender guard
  // because its first step is checkSender(event) (tests/unit/ipc/handle.test.ts proves the refusals).
  {
    ...electronSecurity.configs.strict,
    files: ['electron/**/*.ts'],
    rules: {
      ...electronSecurity.configs.strict.rules,
      'electron-security/require-factory': [
        'error',
        {
          factories: [
            { api: 'ipcMain.handle', use: 'handle', allowIn: ['electron/main/ipc.ts'] },
            { api: 'ipcMain.handleOnce', use: 'handle', allowIn: [] },
            { api: 'ipcMain.on', use: 'handle', allowIn: [] },
            { api: 'ipcMain.once', use: 'handle', allowIn: [] },
            { api: 'BrowserWindow', use: 'createMainWindow', allowIn: ['electron/main/window.ts'] },
            { api: 'WebContentsView', use: 'createMainWindow', allowIn: [] },
            { api: 'BrowserView', use: 'createMainWindow', allowIn: [] },
            { api: 'shell.openExternal', allowIn: [] },
            { api: 'contextBridge.exposeInMainWorld', allowIn: ['electron/preload/index.ts'] },
          ],
        },
      ],
      'electron-security/require-ipc-sender-validation': ['error', { senderGuards: ['dispatch', 'checkSender'] }],
    },
  },
  // Checklist 20 (do not expose Electron APIs): needs type information, so only on the preload, typed
  // with the electron tsconfig.
  {
    ...electronSecurity.configs['recommended-type-checked'],
    files: ['electron/preload/**/*.ts'],
    languageOptions: {
      ...electronSecurity.configs['recommended-type-checked'].languageOptions,
      parserOptions: { projectService: false, project: ['./tsconfig.electron.json'], tsconfigRootDir: import.meta.dirname },
    },
  },
  // Checklist 19: the fuse set electron-builder flips before signing.
  {
    files: ['scripts/after-pack.ts', 'electron-builder.ts'],
    plugins: { 'electron-security': electronSecurity },
    rules: { 'electron-security/require-secure-fuses': 'error' },
  },
);
