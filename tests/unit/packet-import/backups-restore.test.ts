// Backups restored through the packet import (issue 9 item 7): a backup is a verifying packet with the
// sources; restore as a new workspace (a copy with a key of its own, handed over by its first change),
// or into the same one, append-only: no entry or checkpoint is ever dropped; an older backup changes
// nothing and says to restore it as a new workspace; a workspace that lost entries gets them back; a
// backup of another workspace or of another history is refused. (Node: source Blobs survive
// fake-indexeddb here, not under jsdom.)
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { BackupStore } from '../../../renderer/src/backup/backup-store.ts';
import { importPacket } from '../../../renderer/src/packet/import.ts';
import { backUpWorkspace, restoreAsNew, restoreInPlace } from '../../../renderer/src/backup/backups.ts';
import { listCheckpoints, makeCheckpoint } from '../../../renderer/src/store/checkpoints.ts';
import { commit } from '../../../renderer/src/store/commit.ts';
import { DeskDb, workspaceDbName } from '../../../renderer/src/store/db.ts';
import { canSignCheckpoints, hasPendingHandover, importLedger, registryIdOf } from '../../../renderer/src/store/import-ledger.ts';
import { ledgerLines } from '../../../renderer/src/store/queries.ts';
import { verifyWorkspace } from '../../../renderer/src/store/verify.ts';
import { openBagZip } from '../../../shared/packet/bagit.ts';
import { PACKET_PATHS } from '../../../shared/packet/packet.ts';
import { verifyPacket } from '../../../shared/packet/verify.ts';
import { RegistryDb, fixtureWorkspace } from './helpers.ts';

/** The ledger lines a backup's packet holds. */
async function backupLines(store: BackupStore, id: number): Promise<string[]> {
  const opened = openBagZip(await store.packet(id));
  if (!opened.ok) throw new Error(opened.error);
  return new TextDecoder()
    .decode(opened.value.files.get(PACKET_PATHS.ledger))
    .split('\n')
    .filter((l) => l !== '');
}

describe('backups and restores', () => {
  it('a backup is a verifying packet with the sources; restore as new is a copy that signs with its own key; restoring an older backup in place drops nothing', async () => {
    const registry = new RegistryDb();
    const db = await fixtureWorkspace(registry, 'Backed up');
    const store = new BackupStore(undefined, 'backups-restore-test');
    const backup = await backUpWorkspace(store, db, 'ana', { keep: 7, now: new Date('2026-05-01T09:00:00.000Z') });
    expect(backup).toMatchObject({ workspaceId: registryIdOf(db), workspaceName: 'Backed up', time: '2026-05-01T09:00:00.000Z', ledgerSize: 8, ledgerSizeAfter: 9 });
    const bytes = await store.packet(backup.id);
    expect(bytes.length).toBe(backup.size);
    const opened = openBagZip(bytes);
    if (!opened.ok) throw new Error(opened.error);
    expect((await verifyPacket(opened.value)).firstFailure).toBeNull();
    expect([...opened.value.files.keys()].filter((p) => p.startsWith('data/sources/'))).toHaveLength(1);

    await commit(db, 'ana', { type: 'claim.status-set', payload: { claimId: 'c1', from: 'unreviewed', to: 'supported', note: '' } });
    const asNew = await restoreAsNew(registry, store, backup, 'ana');
    expect(asNew.ok).toBe(true);
    if (asNew.ok) {
      expect(asNew.value.name).toBe('Backed up (restored 2026-05-01 09:00)');
      expect(await canSignCheckpoints(asNew.value.db)).toBe(true);
      // The backup's 8 entries, then the restore recorded by the copy: its key announced, then workspace.restored.
      const restoredLines = await ledgerLines(asNew.value.db);
      expect(restoredLines.slice(0, 8)).toEqual(await backupLines(store, backup.id));
      expect(restoredLines.slice(8).map((l) => JSON.parse(l) as { type: string; payload: unknown })).toMatchObject([
        { type: 'workspace.key-added' },
        { type: 'workspace.restored', payload: { backup: 'backup:2026-05-01T09:00:00.000Z', size: 8, how: 'new-workspace', appended: 0 } },
      ]);
      expect((await verifyWorkspace(asNew.value.db)).firstFailure).toBeNull();
      // It goes on under its own key: its own backups are signed and recorded.
      await commit(asNew.value.db, 'bo', { type: 'claim.note-set', payload: { claimId: 'c1', from: '', to: 'restored and seen' } });
      const own = await backUpWorkspace(store, asNew.value.db, 'bo', { keep: 7 });
      expect(own).toMatchObject({ ledgerSize: 11, ledgerSizeAfter: 12 });
      const ownPacket = openBagZip(await store.packet(own.id));
      if (!ownPacket.ok) throw new Error(ownPacket.error);
      expect((await verifyPacket(ownPacket.value)).firstFailure).toBeNull();
    }

    // In place, the older backup takes nothing away: every entry, checkpoint, the key and the state stay.
    const lines = await ledgerLines(db);
    const checkpoints = await listCheckpoints(db);
    const key = await db.keys.get('signing');
    expect(lines).toHaveLength(10);
    const inPlace = await restoreInPlace(db, store, backup, 'ana');
    expect(inPlace).toEqual({
      ok: true,
      value: {
        outcome: 'held',
        workspace: expect.objectContaining({ name: 'Backed up' }) as unknown,
        size: 10,
        incoming: 8,
        message:
          'the workspace already holds all 8 entries of this backup and 2 entries made since; nothing was changed; to see the workspace as it was at this backup, restore it as a new workspace',
      },
    });
    expect(await ledgerLines(db)).toEqual(lines);
    expect(await listCheckpoints(db)).toEqual(checkpoints);
    expect((await db.keys.get('signing'))?.publicKey).toBe(key?.publicKey);
    expect((await db.claims.get('c1'))?.status).toBe('supported');
    expect((await verifyWorkspace(db)).firstFailure).toBeNull();
    // It goes on: the next backup is signed and recorded after everything it had.
    const next = await backUpWorkspace(store, db, 'ana', { keep: 7 });
    expect(next).toMatchObject({ ledgerSize: 10, ledgerSizeAfter: 11 });
    // The newest backup is held entirely too: nothing to bring back.
    const newest = await restoreInPlace(db, store, next, 'ana');
    expect(newest).toMatchObject({ ok: true, value: { outcome: 'held', size: 11, incoming: 10 } });
    expect(await ledgerLines(db)).toHaveLength(11);

    const other = await fixtureWorkspace(registry, 'Other');
    const refused = await restoreInPlace(other, store, backup, 'ana');
    expect(refused).toEqual({ ok: false, error: `backup ${backup.id} is of another workspace (“Backed up”); restore it as a new workspace`, verification: null });
  });

  it('a workspace that lost entries gets them back from its backup: appended with the file and checkpoint, keeping its key, entries and checkpoints; it verifies and goes on', async () => {
    const registry = new RegistryDb();
    const original = await fixtureWorkspace(registry, 'Lost and found');
    const id = registryIdOf(original);
    const store = new BackupStore(undefined, 'backups-lost-entries-test');
    const backup = await backUpWorkspace(store, original, 'ana', { keep: 7 });
    const full = await backupLines(store, backup.id);
    expect(full).toHaveLength(8);
    const key = (await original.keys.get('signing'))!;

    // The workspace's database comes back holding only its first 5 entries (source.added, at seq 2, among them, without its file), with its key and a checkpoint of its own.
    await original.delete();
    const lost = new DeskDb(workspaceDbName(id));
    await importLedger(lost, full.slice(0, 5), { checkpoints: [] });
    await lost.keys.add(key);
    const own = await makeCheckpoint(lost, new Date('2026-05-03T10:00:00.000Z'));
    expect(await lost.files.count()).toBe(0);
    expect(await lost.passages.count()).toBe(1);
    expect(await lost.evidence.count()).toBe(0);

    const restored = await restoreInPlace(lost, store, backup, 'ana');
    expect(restored).toMatchObject({
      ok: true,
      value: {
        outcome: 'appended',
        before: 5,
        size: 8,
        files: 1,
        checkpoints: 1,
        canSign: true,
        message: 'appended 3 entries from the backup (entries 5–7); the workspace now holds 8 entries, none removed',
      },
    });
    // The backup's entries, then the restore's record.
    const afterRestore = await ledgerLines(lost);
    expect(afterRestore.slice(0, 8)).toEqual(full);
    expect(JSON.parse(afterRestore[8]!)).toMatchObject({ type: 'workspace.restored', payload: { how: 'in-place', appended: 3, size: 8 } });
    expect(afterRestore).toHaveLength(9);
    expect((await listCheckpoints(lost)).map((c) => [c.size, c.signature])).toEqual([
      [5, own.signature],
      [8, expect.any(String) as unknown],
    ]);
    expect((await lost.keys.get('signing'))?.publicKey).toBe(key.publicKey);
    expect(await hasPendingHandover(lost)).toBe(false);
    expect(await lost.evidence.count()).toBe(2);
    expect(await lost.files.count()).toBe(1);
    const check = await verifyWorkspace(lost);
    expect(check.firstFailure).toBeNull();
    expect(check.checks.find((c) => c.name === 'files')?.detail).toBe('1 stored file(s) match their SHA-256');

    // Again: now it holds the whole backup, so nothing changes (and nothing is recorded).
    expect(await restoreInPlace(lost, store, backup, 'ana')).toMatchObject({ ok: true, value: { outcome: 'held', size: 9, incoming: 8 } });
    expect(await ledgerLines(lost)).toEqual(afterRestore);
    // It goes on under its own key: the next backup is signed, recorded, and verifies.
    await commit(lost, 'ana', { type: 'claim.note-set', payload: { claimId: 'c1', from: '', to: 'found again' } });
    const next = await backUpWorkspace(store, lost, 'ana', { keep: 7 });
    expect(next).toMatchObject({ ledgerSize: 10, ledgerSizeAfter: 11 });
    const nextPacket = openBagZip(await store.packet(next.id));
    if (!nextPacket.ok) throw new Error(nextPacket.error);
    expect((await verifyPacket(nextPacket.value)).firstFailure).toBeNull();
  });

  it('a backup of another history of the same workspace is refused naming the first differing entry, and the workspace is untouched', async () => {
    const registry = new RegistryDb();
    const db = await fixtureWorkspace(registry, 'Forked');
    const id = registryIdOf(db);
    const store = new BackupStore(undefined, 'backups-diverged-test');
    await commit(db, 'ana', { type: 'claim.note-set', payload: { claimId: 'c1', from: '', to: 'first history' } });
    const backup = await backUpWorkspace(store, db, 'ana', { keep: 7 });
    const lines = await backupLines(store, backup.id);
    // The database comes back with the first 8 entries and then goes another way at seq 8.
    const key = (await db.keys.get('signing'))!;
    await db.delete();
    const forked = new DeskDb(workspaceDbName(id));
    await importLedger(forked, lines.slice(0, 8), { checkpoints: [] });
    await forked.keys.add(key);
    await commit(forked, 'bo', { type: 'claim.status-set', payload: { claimId: 'c1', from: 'unreviewed', to: 'disputed', note: '' } });
    const before = await ledgerLines(forked);
    const checkpoints = await listCheckpoints(forked);

    const refused = await restoreInPlace(forked, store, backup, 'ana');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error).toBe(
        "backup not added to this workspace: the backup's ledger and this workspace's differ at entry 8 (claim.note-set in the backup, claim.status-set here): they are two histories after entry 7, and the ledger is append-only; nothing was changed; restore it as a new workspace instead",
      );
    }
    expect(await ledgerLines(forked)).toEqual(before);
    expect(await listCheckpoints(forked)).toEqual(checkpoints);
    expect((await forked.claims.get('c1'))?.status).toBe('disputed');
    expect((await verifyWorkspace(forked)).firstFailure).toBeNull();
  });

  it('an unchanged copy is backed up under its imported checkpoint and records nothing', async () => {
    const registry = new RegistryDb();
    const db = await fixtureWorkspace(registry, 'Source of copy');
    const store = new BackupStore(undefined, 'backups-copy-test');
    const first = await backUpWorkspace(store, db, 'ana', { keep: 7 });
    // An imported packet, unchanged (a restore records itself, which is a change).
    const copy = await importPacket(registry, await store.packet(first.id), { name: 'Copy' });
    if (!copy.ok) throw new Error(copy.error);
    const again = await backUpWorkspace(store, copy.value.db, 'ana', { keep: 7 });
    expect(again).toMatchObject({ ledgerSize: 8, ledgerSizeAfter: 8 });
    expect(await ledgerLines(copy.value.db)).toHaveLength(8);
  });
});
