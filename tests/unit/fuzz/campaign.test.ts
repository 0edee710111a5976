// The bad-input campaign's harness is itself tested: a crashing, a hanging and a careless fake importer
// are classified as crash, hang, crash (bad message) and lost; inputs are reproducible from the seed; and
// the real importers survive a short seeded run.
import { describe, expect, it } from 'vitest';
import { makeInput, runCampaign, summaryLine, type CampaignImporter } from '../../../fuzz/campaign.ts';
import { messageProblem } from '../../../fuzz/classify.ts';
import { importerSpecs } from '../../../fuzz/importers/index.ts';

const fixture = (name: string): string => new URL(`./fixtures/${name}`, import.meta.url).href;
const enc = new TextEncoder();

function fake(name: string, module: string, seeds: string[], timeoutMs = 5_000): CampaignImporter {
  return {
    name, module, weight: 1, timeoutMs, namedErrors: [], rule: { fileName: true },
    seeds: () => Promise.resolve(seeds.map((s, i) => ({ name: `${s}-${i}.txt`, bytes: enc.encode(`seed ${i} of ${name}: some text [1].`) }))),
    tokens: ['[', ']'], magic: [], hugeUnits: ['a'], special: [],
  };
}

describe('the fuzz harness', () => {
  it('classifies a throwing importer as crashes, a careless one as crash and lost, a careful one as clean rejections', async () => {
    const report = await runCampaign(
      [fake('crashing', fixture('crashing-adapter.ts'), ['a', 'b']), fake('bad-message', fixture('careless-adapter.ts'), ['bad-message']), fake('mutates', fixture('careless-adapter.ts'), ['mutates']), fake('careful', fixture('careless-adapter.ts'), ['careful'])],
      { count: 40, seed: 7, storeCheck: false },
    );
    const t = (n: string) => report.tallies.get(n)!;
    expect(report.count).toBe(40);
    expect(t('crashing').inputs).toBeGreaterThan(0);
    expect(t('crashing').crash).toBe(t('crashing').inputs);
    expect(t('bad-message').inputs).toBeGreaterThan(0);
    expect(t('bad-message').crash).toBe(t('bad-message').inputs);
    expect(t('mutates').inputs).toBeGreaterThan(0);
    expect(t('mutates').lost).toBe(t('mutates').inputs);
    expect(t('careful').inputs).toBeGreaterThan(0);
    expect(t('careful').rejected).toBe(t('careful').inputs);
    const crash = report.examples.find((e) => e.importer === 'crashing')!;
    expect(crash.detail).toMatch(/^TypeError: Cannot read properties of undefined/);
    expect(crash.savedAt).toContain('crashing-seed7-index');
    expect(summaryLine(report)).toMatch(/^fuzz: 40 inputs, \d+ rejected cleanly, \d+ crashes, 0 hangs, \d+ lost$/);
  }, 60_000);

  it('counts an importer that never answers as a hang, kills it and goes on', async () => {
    const report = await runCampaign([fake('hanging', fixture('hanging-adapter.ts'), ['h'], 1_000), fake('careful', fixture('careless-adapter.ts'), ['careful'])], { count: 4, seed: 3, storeCheck: false });
    const hanging = report.tallies.get('hanging')!;
    expect(hanging.inputs).toBeGreaterThan(0);
    expect(hanging.hang).toBe(hanging.inputs);
    expect(report.tallies.get('careful')!.rejected).toBe(report.tallies.get('careful')!.inputs);
    expect(hanging.inputs + report.tallies.get('careful')!.inputs).toBe(4);
  }, 60_000);

  it('makes the same input for the same seed and index, and different ones for different seeds', async () => {
    const imp = fake('x', fixture('careless-adapter.ts'), ['s']);
    const prepared = [{ importer: imp, seeds: await imp.seeds() }];
    for (const index of [1, 5, 17, 99]) {
      expect(makeInput(prepared, 11, index).input.bytes).toEqual(makeInput(prepared, 11, index).input.bytes);
    }
    const a = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => Buffer.from(makeInput(prepared, 11, i).input.bytes).toString('hex'));
    const b = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => Buffer.from(makeInput(prepared, 12, i).input.bytes).toString('hex'));
    expect(a).not.toEqual(b);
  });

  it('accepts only messages that say what and where', () => {
    const rule = { fileName: true };
    expect(messageProblem('talk.vtt: line 3: the cue timing is not valid', rule, 'talk.vtt')).toBeNull();
    expect(messageProblem('undefined', rule, 'talk.vtt')).toMatch(/too short|stringified/);
    expect(messageProblem('[object Object]', rule, 'talk.vtt')).toMatch(/stringified/);
    expect(messageProblem('talk.vtt: Cannot read properties of undefined (reading "x")', rule, 'talk.vtt')).toMatch(/engine error/);
    expect(messageProblem('talk.vtt: Maximum call stack size exceeded', rule, 'talk.vtt')).toMatch(/engine error/);
    expect(messageProblem('talk.vtt: bad\n    at parse (/x/y.ts:1:2)', rule, 'talk.vtt')).toMatch(/stack trace/);
    expect(messageProblem('the cue timing is not valid', rule, 'talk.vtt')).toMatch(/does not say where/);
    expect(messageProblem('zip entry "data/x" is encrypted', { fileName: false, locator: /zip entry/ }, '')).toBeNull();
  });
});

describe('the real importers', () => {
  it('survive their corpora and a short run of generic mutations with no crash, hang or loss', async () => {
    // The first inputs of any campaign are the corpus files as they are; after them come truncated,
    // bit-flipped, spliced, random and huge-line inputs (the format-specific hostile makers are left to
    // `npm run fuzz`, which reports what they find).
    const specs = importerSpecs().filter((s) => s.available && ['draft', 'draft-file', 'transcript', 'packet', 'ledger'].includes(s.name));
    const importers = specs.map((s) => ({ ...s, special: [] }));
    let corpus = 0;
    for (const s of importers) corpus += (await s.seeds()).length;
    const report = await runCampaign(importers, { count: corpus + 40, seed: 20260, storeCheck: true });
    const bad = report.examples.map((e) => `${e.verdict} ${e.importer} #${e.index} ${e.label}: ${e.detail}`);
    expect(bad).toEqual([]);
    expect(summaryLine(report)).toMatch(new RegExp(`^fuzz: ${corpus + 40} inputs, \\d+ rejected cleanly, 0 crashes, 0 hangs, 0 lost$`));
  }, 300_000);
});
