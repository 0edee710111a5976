// `provenance-desk verify` on packets whose ledger hands signing over to another key (issue 8 item 4):
// a packet exported from an imported copy after a change passes, also against the packet it was
// imported from (--previous); a handover whose `previous` checkpoint is forged fails, naming the entry.
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main.ts';
import { preparePacket } from '../../../renderer/src/packet/export.ts';
import { importPacket } from '../../../renderer/src/packet/import.ts';
import { commit } from '../../../renderer/src/store/commit.ts';
import { toEntryLine } from '../../../shared/ledger/entry.ts';
import { replay } from '../../../shared/ledger/project.ts';
import { buildPacket } from '../../../shared/packet/packet.ts';
import type { HandoverCheckpoint, LedgerEntry } from '../../../shared/types/events.ts';
import { RegistryDb, fixtureWorkspace } from '../packet-import/helpers.ts';
import { TEST_VERIFY_PAGE, packetRowsOf, signLines } from '../packet/build.ts';
import { makeKey, makeWorkspace } from '../packet/fixture.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out: () => out.join(''), err: () => err.join('') };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-verify-handover-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** The fixture's ledger signed by key A, then a `workspace.key-added` for key B with `previous`, the whole signed by B. */
async function handoverPacket(previous: (signedByA: HandoverCheckpoint) => HandoverCheckpoint): Promise<{ zip: Uint8Array; seq: number }> {
  const a = await makeKey();
  const b = await makeKey();
  const w = makeWorkspace(a.publicKey);
  const { workspace: _ws, ...head } = await signLines(w.entries.map(toEntryLine), w.workspace.id, a);
  const added: LedgerEntry = {
    seq: w.entries.length,
    time: '2025-03-01T12:00:00.000Z',
    actor: 'bo',
    type: 'workspace.key-added',
    payload: { publicKey: b.publicKey, reason: 'import', previous: previous(head) },
  };
  const entries = [...w.entries, added];
  const lines = entries.map(toEntryLine);
  const t = (await replay(entries)).tables;
  const zip = buildPacket(
    {
      workspace: w.workspace,
      ...packetRowsOf(t),
      ledgerLines: lines,
      checkpoint: await signLines(lines, w.workspace.id, b, '2025-03-01T12:30:00.000Z'),
      verifyPage: TEST_VERIFY_PAGE,
    },
    { includeSources: false },
  );
  return { zip, seq: added.seq };
}

describe('provenance-desk verify: key handover', () => {
  it('exits 0 for a packet exported from an imported copy after a change, also with --previous the packet it came from', async () => {
    const registry = new RegistryDb();
    const db = await fixtureWorkspace(registry);
    const first = await preparePacket(db, { draftIds: null, includeSources: false });
    const imported = await importPacket(registry, first.bytes);
    if (!imported.ok) throw new Error(imported.error);
    await commit(imported.value.db, 'bo', { type: 'claim.status-set', payload: { claimId: 'c1', from: 'unreviewed', to: 'supported', note: 'checked again' } });
    const next = await preparePacket(imported.value.db, { draftIds: null, includeSources: false });
    const older = write('original.zip', first.bytes);
    const newer = write('continued.zip', next.bytes);
    const c = capture();
    expect(await runCli(['verify', newer], c.io)).toBe(0);
    expect(c.out()).toMatch(/ok +checkpoint-signature: .*handed over \(import\) by ledger entry 8/);
    const p = capture();
    expect(await runCli(['verify', newer, '--previous', older, '--json'], p.io)).toBe(0);
    expect(JSON.parse(p.out())).toMatchObject({ ok: true, firstFailure: null });
    // The other way round the ledger shrinks: refused.
    expect(await runCli(['verify', older, '--previous', newer], capture().io)).toBe(1);
  });

  it('exits 0 for a handover built outside the app, 1 naming the entry when its previous checkpoint is forged', async () => {
    const good = await handoverPacket((cp) => cp);
    expect(await runCli(['verify', write('handover.zip', good.zip)], capture().io)).toBe(0);

    const forged = await handoverPacket((cp) => ({ ...cp, time: '2025-03-01T11:00:01.000Z' }));
    const c = capture();
    expect(await runCli(['verify', write('forged-handover.zip', forged.zip), '--json'], c.io)).toBe(1);
    const doc = JSON.parse(c.out()) as { firstFailure: { name: string; detail: string } };
    expect(doc.firstFailure.name).toBe('checkpoint-signature');
    expect(doc.firstFailure.detail).toBe(`entry ${forged.seq} (workspace.key-added): previous.signature: does not verify with previous.publicKey`);
  });
});
