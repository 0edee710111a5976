// Backups restored through the packet import (issue 9 item 7): a backup is a verifying packet with the
// sources; restore as a new workspace (a copy with a key of its own, handed over by its first change),
// or over the same one (which keeps its key); a backup of another workspace is refused. (Node: source Blobs survive fake-indexeddb here, not under jsdom.)
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { BackupStore } from '../../../renderer/src/backup/backup-store.ts';
import { backUpWorkspace, restoreAsNew, restoreInPlace } from '../../../renderer/src/backup/backups.ts';
import { commit } from '../../../renderer/src/store/commit.ts';
import { canSignCheckpoints, registryIdOf } from '../../../renderer/src/store/import-ledger.ts';
import { ledgerLines } from '../../../renderer/src/store/queries.ts';
import { verifyWorkspace } from '../../../renderer/src/store/verify.ts';
import { openBagZip } from '../../../shared/packet/bagit.ts';
import { verifyPacket } from '../../../shared/packet/verify.ts';
import { RegistryDb, fixtureWorkspace } from './helpers.ts';

describe('backups and restores', () => {
  it('a backup is a verifying packet with the sources; restore as new is a copy that signs with its own key; restore in place keeps the key', async () => {
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
    const asNew = await restoreAsNew(registry, store, backup);
    expect(asNew.ok).toBe(true);
    if (asNew.ok) {
      expect(asNew.value.name).toBe('Backed up (restored 2026-05-01 09:00)');
      expect(await canSignCheckpoints(asNew.value.db)).toBe(true);
      expect(await ledgerLines(asNew.value.db)).toHaveLength(8);
      expect((await verifyWorkspace(asNew.value.db)).firstFailure).toBeNull();
      // Changed, it hands signing over to its own key: its own backups are signed and recorded.
      await commit(asNew.value.db, 'bo', { type: 'claim.note-set', payload: { claimId: 'c1', from: '', to: 'restored and seen' } });
      const own = await backUpWorkspace(store, asNew.value.db, 'bo', { keep: 7 });
      expect(own).toMatchObject({ ledgerSize: 10, ledgerSizeAfter: 11 });
      const ownPacket = openBagZip(await store.packet(own.id));
      if (!ownPacket.ok) throw new Error(ownPacket.error);
      expect((await verifyPacket(ownPacket.value)).firstFailure).toBeNull();
    }

    const inPlace = await restoreInPlace(db, store, backup);
    expect(inPlace.ok).toBe(true);
    expect(await ledgerLines(db)).toHaveLength(8);
    expect((await db.claims.get('c1'))?.status).toBe('unreviewed');
    expect(await canSignCheckpoints(db)).toBe(true);
    expect((await verifyWorkspace(db)).firstFailure).toBeNull();
    // It goes on: the next backup is signed and recorded again.
    const next = await backUpWorkspace(store, db, 'ana', { keep: 7 });
    expect(next.ledgerSizeAfter).toBe(9);

    const other = await fixtureWorkspace(registry, 'Other');
    const refused = await restoreInPlace(other, store, backup);
    expect(refused).toEqual({ ok: false, error: `backup ${backup.id} is of another workspace (“Backed up”); restore it as a new workspace`, verification: null });
  });

  it('an unchanged copy is backed up under its imported checkpoint and records nothing', async () => {
    const registry = new RegistryDb();
    const db = await fixtureWorkspace(registry, 'Source of copy');
    const store = new BackupStore(undefined, 'backups-copy-test');
    const first = await backUpWorkspace(store, db, 'ana', { keep: 7 });
    const copy = await restoreAsNew(registry, store, first);
    if (!copy.ok) throw new Error(copy.error);
    const again = await backUpWorkspace(store, copy.value.db, 'ana', { keep: 7 });
    expect(again).toMatchObject({ ledgerSize: 8, ledgerSizeAfter: 8 });
    expect(await ledgerLines(copy.value.db)).toHaveLength(8);
  });
});
