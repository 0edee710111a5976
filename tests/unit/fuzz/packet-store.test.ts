// The packet-store adapter (fuzz/importers/packet-store.ts) imports each fuzzed packet into the real store
// on fake-indexeddb, as a new workspace and into an existing one. Its "lost" must mean something: the
// real import paths lose nothing on valid, held, diverged and broken packets, while each planted fault
// (a refused continue that writes anyway, a refused new import that leaves a workspace or database
// behind, an accepted continue that corrupts the state) is counted as lost, in process and through the
// campaign's worker.
import { describe, expect, it } from 'vitest';
import { runCampaign, type CampaignImporter } from '../../../fuzz/campaign.ts';
import { importerSpecs } from '../../../fuzz/importers/index.ts';
import { packetStoreAdapter, snapshotWorkspace } from '../../../fuzz/importers/packet-store.ts';
import { BASE_COUNT, fuzzPacket, relatedPackets } from '../../../fuzz/packets.ts';
import type { FuzzInput } from '../../../fuzz/protocol.ts';
import { ledgerLines } from '../../../renderer/src/store/queries.ts';
import { PLANTED } from './fixtures/planted-packet-store.ts';

const context = { tempDir: '/tmp', seed: 1, storeCheck: true };

async function inputs(): Promise<Record<'full' | 'held' | 'diverged' | 'otherHistory' | 'extended' | 'truncated', FuzzInput>> {
  const full = (await fuzzPacket({ includeSources: true })).zip;
  const related = await relatedPackets();
  const zip = (name: string, bytes: Uint8Array): FuzzInput => ({ name: `${name}.zip`, bytes });
  return {
    full: zip('full', full),
    held: zip('held', related['packet-held']!),
    diverged: zip('diverged', related['packet-diverged']!),
    otherHistory: zip('other', related['packet-other-history']!),
    extended: zip('extended', related['packet-extended']!),
    truncated: zip('truncated', full.slice(0, full.length - 40)),
  };
}

describe('the packet-store adapter over the real import paths', () => {
  it('accepts a packet that extends or is held by the existing workspace, refuses other histories and broken zips naming why, and loses nothing', async () => {
    const adapter = packetStoreAdapter();
    await adapter.setup!(context);
    const i = await inputs();
    const store = await adapter.store();
    expect(await ledgerLines(store.existing)).toHaveLength(BASE_COUNT);

    expect(await adapter.run(i.held, context)).toMatchObject({ kind: 'accepted', detail: expect.stringMatching(/already holds all 3 entries/) });
    const diverged = await adapter.run(i.diverged, context);
    expect(diverged).toMatchObject({ kind: 'rejected', message: expect.stringMatching(/^into the existing workspace: packet not added to this workspace: .*differ at entry 3/) });
    const other = await adapter.run(i.otherHistory, context);
    expect(other).toMatchObject({ kind: 'rejected', message: expect.stringMatching(/differ at entry 0/) });
    const broken = await adapter.run(i.truncated, context);
    expect(broken).toMatchObject({ kind: 'rejected', message: expect.stringMatching(/^packet rejected: /) });
    // Nothing accepted so far changed the existing workspace: it is the same store, as it was.
    expect(await adapter.store()).toBe(store);
    expect(await ledgerLines(store.existing)).toHaveLength(BASE_COUNT);

    expect(await adapter.run(i.full, context)).toMatchObject({ kind: 'accepted', detail: expect.stringMatching(/appended 3 entries .*entries 5–7/) });
    // A continued workspace is replaced by a fresh one for the next input.
    const next = await adapter.store();
    expect(next).not.toBe(store);
    expect(await ledgerLines(next.existing)).toHaveLength(BASE_COUNT);
    expect(await adapter.run(i.extended, context)).toMatchObject({ kind: 'accepted', detail: expect.stringMatching(/appended 4 entries/) });
  }, 60_000);

  it('snapshots every table of a workspace, files by their bytes', async () => {
    const adapter = packetStoreAdapter();
    const store = await adapter.store();
    const snapshot = await snapshotWorkspace(store.existing);
    expect([...snapshot.keys()]).toEqual(expect.arrayContaining(['ledger', 'checkpoints', 'claims', 'files', 'keys', 'settings', 'workspace']));
    expect(snapshot.get('files')).toMatch(/"blob":"[0-9a-f]{64}"/);
    expect(JSON.parse(snapshot.get('ledger')!)).toHaveLength(BASE_COUNT);
  });
});

describe('planted losses', () => {
  it.each([
    ['continue-clears-checkpoints-on-refusal', 'diverged', /^a refused continue changed the existing workspace: checkpoints: 1 rows before, 0 after$/],
    ['continue-edits-a-claim-on-refusal', 'truncated', /^a refused continue changed the existing workspace: claims: a row changed \(2 rows\)$/],
    ['continue-corrupts-an-accepted-workspace', 'full', /^verifyWorkspace fails: state: claims row c2 differs from the ledger's replay in field status/],
    ['new-leaves-a-registered-workspace', 'truncated', /^a refused import as a new workspace left a registered workspace behind: .*left-behind/],
    ['new-leaves-a-database', 'truncated', /^a refused import as a new workspace left a database behind: .*left-behind/],
  ] as const)('%s is counted as lost (%s packet)', async (fault, input, detail) => {
    const adapter = packetStoreAdapter(PLANTED[fault]);
    await adapter.setup!(context);
    const i = await inputs();
    const outcome = await adapter.run(i[input], context);
    expect(outcome).toMatchObject({ kind: 'lost', detail: expect.stringMatching(detail) });
    // After a loss the store is made anew, so the next input is judged on a clean store.
    expect(await adapter.run(i.held, context)).toMatchObject({ kind: 'accepted' });
  }, 60_000);
});

describe('the packet-store importer in the campaign', () => {
  it('runs its corpus and mutations with no crash, hang or loss, while the same inputs through a planted fault are counted as lost', async () => {
    const spec = importerSpecs().find((s) => s.name === 'packet-store')!;
    expect(spec.available).toBe(true);
    const corpus = (await spec.seeds()).length;
    const real: CampaignImporter = { ...spec, special: spec.special.filter((m) => m.label.includes('manifests recomputed')).slice(0, 1) };
    const planted: CampaignImporter = { ...real, name: 'planted', module: new URL('./fixtures/planted-packet-store.ts', import.meta.url).href };
    const report = await runCampaign([real, planted], { count: 2 * corpus + 30, seed: 2026, storeCheck: true });
    const r = report.tallies.get('packet-store')!;
    const p = report.tallies.get('planted')!;
    expect(report.examples.filter((e) => e.importer === 'packet-store').map((e) => `${e.verdict}: ${e.detail}`)).toEqual([]);
    expect(r).toMatchObject({ crash: 0, hang: 0, lost: 0 });
    expect(r.accepted).toBeGreaterThan(0);
    // Every input the planted continue refuses is a loss; the ones it accepts are not.
    expect(p).toMatchObject({ crash: 0, hang: 0 });
    expect(p.lost).toBeGreaterThan(0);
    expect(p.lost + p.accepted).toBe(p.inputs);
    expect(report.examples.find((e) => e.importer === 'planted' && e.verdict === 'lost')?.detail).toMatch(/^a refused continue changed the existing workspace: checkpoints: 1 rows before, 0 after$/);
  }, 300_000);
});
