// Continuing a workspace with a packet of it (issue 8: "import a packet into a new workspace, or the one
// it came from"), append-only: the missing entries are appended when the workspace's ledger is a strict
// prefix of the packet's; nothing changes when it holds them all; a packet of another history or of
// another workspace is refused naming the entry or workspace; no local entry, checkpoint or key is lost;
// a failure writes nothing.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { exportPacket, preparePacket } from '../../../renderer/src/packet/export.ts';
import { continueFromPacket, findLedgerWorkspaces, importPacket, packetWorkspace, readVerifiedPacket } from '../../../renderer/src/packet/import.ts';
import { listCheckpoints } from '../../../renderer/src/store/checkpoints.ts';
import { commit } from '../../../renderer/src/store/commit.ts';
import { LedgerImportError, canSignCheckpoints, compareLedgers, continueLedger, hasPendingHandover, registryIdOf } from '../../../renderer/src/store/import-ledger.ts';
import { ledgerLines } from '../../../renderer/src/store/queries.ts';
import { verifyWorkspace } from '../../../renderer/src/store/verify.ts';
import { openBagZip } from '../../../shared/packet/bagit.ts';
import { PACKET_PATHS } from '../../../shared/packet/packet.ts';
import { verifyPacket } from '../../../shared/packet/verify.ts';
import type { LedgerEntry } from '../../../shared/types/events.ts';
import { RegistryDb, captureHost, fixtureWorkspace } from './helpers.ts';

/** The fixture workspace and a copy imported (as a new workspace) from its first packet. */
async function originalAndCopy() {
  const registry = new RegistryDb();
  const original = await fixtureWorkspace(registry);
  const first = await preparePacket(original, { draftIds: null, includeSources: false });
  const imported = await importPacket(registry, first.bytes);
  if (!imported.ok) throw new Error(imported.error);
  return { original, copy: imported.value.db };
}

function filesOf(zip: Uint8Array): Map<string, Uint8Array> {
  const opened = openBagZip(zip);
  if (!opened.ok) throw new Error(opened.error);
  return opened.value.files;
}

function packetLines(zip: Uint8Array): string[] {
  return new TextDecoder()
    .decode(filesOf(zip).get(PACKET_PATHS.ledger))
    .split('\n')
    .filter((l) => l !== '');
}

describe('compareLedgers', () => {
  it('says whether the incoming lines extend, are held by, or differ from the local ones', () => {
    expect(compareLedgers(['a', 'b'], ['a', 'b', 'c'])).toEqual({ kind: 'extends', from: 2 });
    expect(compareLedgers(['a', 'b'], ['a', 'b'])).toEqual({ kind: 'held' });
    expect(compareLedgers(['a', 'b', 'c'], ['a'])).toEqual({ kind: 'held' });
    expect(compareLedgers(['a', 'b'], ['a', 'x', 'c'])).toEqual({ kind: 'diverged', seq: 1 });
    expect(compareLedgers(['a', 'b', 'c'], ['a', 'x'])).toEqual({ kind: 'diverged', seq: 1 });
  });
});

describe('continuing a workspace with a packet of it', () => {
  it('an unchanged copy takes the original’s later entries: appended with the checkpoint and files, its key kept and its handover moved up; it verifies and its work verifies', async () => {
    const registry = new RegistryDb();
    const original = await fixtureWorkspace(registry, 'Flood check');
    // The original exports (recording packet.exported after the checkpoint), a colleague imports that packet.
    const first = await exportPacket(original, captureHost(), 'ana', { draftIds: null, includeSources: true });
    const imported = await importPacket(registry, first.packet.bytes);
    if (!imported.ok) throw new Error(imported.error);
    const copy = imported.value.db;
    const key = (await copy.keys.get('signing'))!;
    expect(key.handover?.previous.size).toBe(8);

    // The original goes on and exports again: the copy's 8 lines are a prefix of the new packet's 10.
    await commit(original, 'ana', { type: 'claim.status-set', payload: { claimId: 'c1', from: 'unreviewed', to: 'supported', note: 'page 2' } });
    const second = await exportPacket(original, captureHost(), 'ana', { draftIds: null, includeSources: true });
    const lines = packetLines(second.packet.bytes);
    expect(lines).toHaveLength(10);
    expect(lines.slice(0, 8)).toEqual(await ledgerLines(copy));

    const continued = await continueFromPacket(copy, second.packet.bytes);
    expect(continued).toMatchObject({
      ok: true,
      value: { outcome: 'appended', before: 8, size: 10, files: 0, checkpoints: 1, canSign: true, message: 'appended 2 entries from the packet (entries 8–9); the workspace now holds 10 entries, none removed' },
    });
    expect(await ledgerLines(copy)).toEqual(lines);
    expect((await copy.claims.get('c1'))?.status).toBe('supported');
    expect((await listCheckpoints(copy)).map((c) => c.size)).toEqual([8, 10]);
    expect(await copy.files.count()).toBe(1);
    // Its own key, still to be announced, now continues the newest checkpoint.
    const kept = (await copy.keys.get('signing'))!;
    expect(kept.publicKey).toBe(key.publicKey);
    expect(kept.handover).toEqual({ reason: 'import', previous: { size: 10, root: second.packet.checkpoint.root, time: second.packet.checkpoint.time, publicKey: second.packet.checkpoint.publicKey, signature: second.packet.checkpoint.signature } });
    expect((await verifyWorkspace(copy)).firstFailure).toBeNull();
    // Unchanged, it re-exports exactly the packet it continued from.
    const again = await preparePacket(copy, { draftIds: null, includeSources: false });
    expect(again.signedNow).toBe(false);
    expect(packetLines(again.bytes)).toEqual(lines);

    // Its first change announces its key after entry 9; its packet verifies and extends the original's.
    await commit(copy, 'bo', { type: 'claim.note-set', payload: { claimId: 'c2', from: 'Check the wording', to: 'Checked' } });
    const copyLines = await ledgerLines(copy);
    expect(JSON.parse(copyLines[10]!) as LedgerEntry).toMatchObject({ seq: 10, type: 'workspace.key-added', payload: { publicKey: key.publicKey, previous: { size: 10 } } });
    expect(await hasPendingHandover(copy)).toBe(false);
    expect(await canSignCheckpoints(copy)).toBe(true);
    const third = await preparePacket(copy, { draftIds: null, includeSources: false });
    expect(third.signedNow).toBe(true);
    expect((await verifyPacket({ files: filesOf(third.bytes) }, { previous: { files: filesOf(second.packet.bytes) } })).firstFailure).toBeNull();
  });

  it('a packet the workspace already holds changes nothing and says so', async () => {
    const registry = new RegistryDb();
    const db = await fixtureWorkspace(registry);
    const { bytes } = await preparePacket(db, { draftIds: null, includeSources: true });
    const lines = await ledgerLines(db);
    const checkpoints = await listCheckpoints(db);
    const continued = await continueFromPacket(db, bytes);
    expect(continued).toMatchObject({ ok: true, value: { outcome: 'held', size: 8, incoming: 8, message: 'the workspace already holds all 8 entries of this packet; nothing was changed' } });
    expect(await ledgerLines(db)).toEqual(lines);
    expect(await listCheckpoints(db)).toEqual(checkpoints);
  });

  it('a changed copy and the original’s newer packet are two histories: refused naming the first differing entry, the copy untouched', async () => {
    const { original, copy } = await originalAndCopy();
    await commit(copy, 'bo', { type: 'claim.note-set', payload: { claimId: 'c1', from: '', to: 'seen by bo' } });
    await commit(original, 'ana', { type: 'claim.note-set', payload: { claimId: 'c1', from: '', to: 'seen by ana' } });
    const second = await preparePacket(original, { draftIds: null, includeSources: false });
    const lines = await ledgerLines(copy);
    const checkpoints = await listCheckpoints(copy);
    const key = await copy.keys.get('signing');

    const refused = await continueFromPacket(copy, second.bytes);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error).toBe(
        "packet not added to this workspace: the packet's ledger and this workspace's differ at entry 8 (claim.note-set in the packet, workspace.key-added here): they are two histories after entry 7, and the ledger is append-only; nothing was changed; import it as a new workspace instead",
      );
    }
    expect(await ledgerLines(copy)).toEqual(lines);
    expect(await listCheckpoints(copy)).toEqual(checkpoints);
    expect(await copy.keys.get('signing')).toEqual(key);
    expect((await copy.claims.get('c1'))?.note).toBe('seen by bo');
    // And the other way round: the original is not continued from the copy's packet either.
    const fromCopy = await preparePacket(copy, { draftIds: null, includeSources: false });
    const back = await continueFromPacket(original, fromCopy.bytes);
    expect(back.ok).toBe(false);
    if (!back.ok) expect(back.error).toMatch(/differ at entry 8 \(workspace\.key-added in the packet, claim\.note-set here\)/);
  });

  it('all or nothing: a file that is not the ledger’s or a checkpoint that does not verify fails the continuation, naming it, and writes nothing', async () => {
    const { original, copy } = await originalAndCopy();
    await commit(original, 'ana', { type: 'claim.note-set', payload: { claimId: 'c1', from: '', to: 'later' } });
    const second = await preparePacket(original, { draftIds: null, includeSources: false });
    const lines = packetLines(second.bytes);
    const before = await ledgerLines(copy);
    const key = await copy.keys.get('signing');

    const stray = new Map([['0'.repeat(64), new Blob([new Uint8Array(3)])]]);
    await expect(continueLedger(copy, lines, { checkpoints: [second.checkpoint], files: stray })).rejects.toThrow(`source file ${'0'.repeat(64)}: the ledger has no such source`);
    const forged = { ...second.checkpoint, root: second.checkpoint.root.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
    await expect(continueLedger(copy, lines, { checkpoints: [forged] })).rejects.toThrow(LedgerImportError);
    expect(await ledgerLines(copy)).toEqual(before);
    expect((await listCheckpoints(copy)).map((c) => c.size)).toEqual([8]);
    expect(await copy.keys.get('signing')).toEqual(key);
    expect((await copy.claims.get('c1'))?.note).toBe('');
    expect((await verifyWorkspace(copy)).firstFailure).toBeNull();
  });

  it('findLedgerWorkspaces lists the workspace a packet came from first, then its imported copies, and nothing else', async () => {
    const registry = new RegistryDb();
    const original = await fixtureWorkspace(registry, 'Zebra origin');
    await fixtureWorkspace(registry, 'Unrelated');
    const { bytes } = await preparePacket(original, { draftIds: null, includeSources: false });
    const copy = await importPacket(registry, bytes, { name: 'A copy' });
    if (!copy.ok) throw new Error(copy.error);
    const verified = await readVerifiedPacket(bytes);
    if (!verified.ok) throw new Error(verified.error);
    const workspace = packetWorkspace(verified.value);
    expect(workspace?.id).toBe(registryIdOf(original));
    const found = await findLedgerWorkspaces(registry, workspace!.id);
    expect(found.map((w) => [w.name, w.origin])).toEqual([
      ['Zebra origin', true],
      ['A copy', false],
    ]);
    expect(await findLedgerWorkspaces(registry, 'no-such-workspace')).toEqual([]);
  });
});
