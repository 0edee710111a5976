import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

describe('cli main', () => {
  it('prints help and exits 0 with --help', async () => {
    const c = capture();
    expect(await runCli(['--help'], c.io)).toBe(0);
    expect(c.out.join('')).toMatch(/Usage: provenance-desk COMMAND/);
  });
  it('exits 2 with a message naming an unknown command', async () => {
    const c = capture();
    expect(await runCli(['frobnicate'], c.io)).toBe(2);
    expect(c.err.join('')).toMatch(/unknown command "frobnicate"/);
  });
});
