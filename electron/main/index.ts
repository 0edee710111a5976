// Main-process entry (built to out/main). Paths are relative to this file's built location.
import path from 'node:path';
import { app } from 'electron';
import { bootstrap } from './app.ts';

const here = import.meta.dirname;

bootstrap(
  { rendererRoot: path.join(here, '../renderer'), preloadPath: path.join(here, '../preload/index.cjs') },
  process.env,
).catch((error: unknown) => {
  console.error('Provenance Desk failed to start:', error);
  app.exit(1);
});
