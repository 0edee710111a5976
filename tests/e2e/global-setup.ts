import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { startWebServer } from '../../scripts/serve-web.ts';

// Builds the web renderer once and serves it on a free 127.0.0.1 port for every e2e test file.
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await build({ configFile: path.join(repo, 'vite.web.config.ts'), logLevel: 'warn' });
  const { server, url } = await startWebServer(path.join(repo, 'out/web'), 0);
  project.provide('baseURL', url);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
