// The Electronegativity wrapper must fail on a real finding (the tool itself always exits 0).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = path.resolve(import.meta.dirname, '../../../scripts/electronegativity.mjs');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'desk-eneg-'));
  await writeFile(
    path.join(dir, 'main.js'),
    "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } }).loadURL('http://example.com/');\n",
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('scripts/electronegativity.mjs', () => {
  it('exits 1 and names the findings when the scanned code is insecure', async () => {
    const outcome = await run(process.execPath, [script, dir]).then(
      (done) => ({ code: 0, stdout: done.stdout }),
      (failed: { code: number; stdout: string }) => ({ code: failed.code, stdout: failed.stdout }),
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toMatch(/^FAIL (HIGH|MEDIUM) .*CONTEXT_ISOLATION_JS_CHECK/m);
    expect(outcome.stdout).toMatch(/^FAIL (HIGH|MEDIUM) .*SANDBOX_JS_CHECK/m);
    expect(outcome.stdout).toMatch(/electronegativity: \d+ findings, [1-9]\d* HIGH or MEDIUM/);
  });
});
