import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { verifyCheckpointSignature } from '../../../shared/ledger/checkpoint.ts';
import { entryLeafHash, toEntryLine } from '../../../shared/ledger/entry.ts';
import { STATE_TABLES, diffTable } from '../../../shared/ledger/project.ts';
import { verifyInclusion } from '../../../shared/ledger/merkle.ts';
import { fromHex, toHex } from '../../../shared/hash.ts';
import type { LedgerEntry } from '../../../shared/types/events.ts';
import { listCheckpoints, loadTree, makeCheckpoint } from '../../../renderer/src/store/checkpoints.ts';
import { commit, commitAll } from '../../../renderer/src/store/commit.ts';
import { DeskDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_VERSION, workspaceDbName } from '../../../renderer/src/store/db.ts';
import { countEntries, getEntry, listActors, listEntries } from '../../../renderer/src/store/queries.ts';
import { WORKSPACE_CHECKS, lastVerification, verifyWorkspace } from '../../../renderer/src/store/verify.ts';
import { deleteWorkspace, getActor, listWorkspaces, openWorkspace, renameWorkspace } from '../../../renderer/src/store/workspaces.ts';
import { commitHistory, workspaceWithHistory } from './helpers.ts';

const packet = { type: 'packet.exported', payload: { fileName: 'p.zip', checkpointSize: 1, claims: 0, evidence: 0, includesSources: false } } as const;

describe('workspaces', () => {
  it('create, list, rename, open, delete', async () => {
    const { reg, db } = await workspaceWithHistory(1, 0);
    const ws = (await db.workspace.toArray())[0]!;
    expect((await listWorkspaces(reg)).some((w) => w.id === ws.id && w.name === 'Workspace 1')).toBe(true);
    expect(await getActor(db)).toBe('Ana');
    await renameWorkspace(reg, db, 'Budget 2024', 'Ana');
    expect((await db.workspace.get(ws.id))?.name).toBe('Budget 2024');
    expect((await reg.workspaces.get(ws.id))?.name).toBe('Budget 2024');
    const again = await openWorkspace(reg, ws.id);
    expect(await again.ledger.count()).toBe(2);
    again.close();
    db.close();
    await deleteWorkspace(reg, ws.id);
    expect(await reg.workspaces.get(ws.id)).toBeUndefined();
    expect(await Dexie.exists(workspaceDbName(ws.id))).toBe(false);
    await expect(openWorkspace(reg, ws.id)).rejects.toThrow(`workspace ${ws.id} is not registered`);
  });

  it('a new workspace has no actor until asked', async () => {
    const db = new DeskDb('fresh-no-actor');
    expect(await getActor(db)).toBeNull();
  });
});

describe('commit', () => {
  it('keeps the live state equal to the replay of a long random history, and verification passes', async () => {
    const { db, mirror } = await workspaceWithHistory(11, 400);
    expect(await db.ledger.count()).toBe(401);
    for (const table of STATE_TABLES) {
      const stored = new Map<string, unknown>((await db.stateTable(table).toArray()).map((r) => [String(r[db.stateTable(table).schema.primKey.keyPath as string]), r]));
      expect(diffTable(table, mirror.tables[table], stored)).toBeNull();
    }
    await makeCheckpoint(db);
    const progress: string[] = [];
    const report = await verifyWorkspace(db, (p) => progress.push(p.phase));
    expect(report.firstFailure).toBeNull();
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.name)).toEqual(['entries', 'merkle', 'replay', 'keys', 'checkpoints', 'consistency', 'index', 'state', 'files']);
    expect(new Set(progress)).toEqual(new Set(['entries', 'checkpoints', 'state', 'files']));
    expect((await lastVerification(db))?.ok).toBe(true);
    expect(await db.files.count()).toBe(await db.sources.count());
  });

  it('rejects an invalid or inapplicable event and writes nothing', async () => {
    const { db } = await workspaceWithHistory(2, 10);
    const before = await db.ledger.count();
    await expect(commit(db, 'Ana', { type: 'claim.note-set', payload: { claimId: 'nope', from: '', to: 'x' } })).rejects.toThrow(
      `entry ${before} (claim.note-set): claim nope does not exist`,
    );
    await expect(commit(db, 'Ana', { type: 'claim.note-set', payload: { claimId: 'x', from: '', to: 'x'.repeat(30_000) } })).rejects.toThrow(
      /^entry \d+ \(claim\.note-set\): payload\.to: /,
    );
    await expect(commit(db, '', packet)).rejects.toThrow(/\.actor/);
    // All or nothing: the valid first event of a failing batch is not kept.
    await expect(commitAll(db, 'Ana', [packet, { type: 'evidence.detached', payload: { evidenceId: 'nope' } }])).rejects.toThrow(/evidence nope does not exist/);
    expect(await db.ledger.count()).toBe(before);
  });

  it('stores a source file once, only when its bytes are the source sha256', async () => {
    const { db, mirror } = await workspaceWithHistory(3, 5);
    const source = [...mirror.tables.sources.values()][0]!;
    const text = mirror.tables.sourceTexts.get(source.sha256)!;
    const bytes = new TextEncoder().encode('other bytes');
    const event = { type: 'source.added', payload: { source: { ...source, sha256: 'a'.repeat(64), size: bytes.length }, text: { ...text, sha256: 'a'.repeat(64) } } } as const;
    await expect(commit(db, 'Ana', event, { file: { blob: new Blob([bytes]) } })).rejects.toThrow(`source.sha256 is ${'a'.repeat(64)} but the file's SHA-256 is`);
    await expect(commit(db, 'Ana', event)).rejects.toThrow('the file of source');
    await expect(commit(db, 'Ana', packet, { file: { blob: new Blob([bytes]) } })).rejects.toThrow('only source.added stores a file');
  });
});

describe('concurrency', () => {
  it('two connections committing at once never fork the log', async () => {
    const { db } = await workspaceWithHistory(4, 0);
    const other = new DeskDb(db.name);
    const jobs: Promise<unknown>[] = [];
    for (let i = 0; i < 60; i++) {
      jobs.push(commit(db, 'Ana', packet));
      jobs.push(commit(other, 'Bo', packet));
      if (i % 10 === 0) jobs.push(commitAll(other, 'Bo', [packet, packet, packet]));
    }
    await Promise.all(jobs);
    const seqs = (await db.ledger.toArray()).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: 1 + 120 + 18 }, (_, i) => i));
    for (const row of await db.ledger.toArray()) expect((JSON.parse(row.line) as LedgerEntry).seq).toBe(row.seq);
    expect((await verifyWorkspace(other)).ok).toBe(true);
    other.close();
  });
});

describe('checkpoints', () => {
  it('are signed by the non-extractable workspace key and verify with the pure verifier', async () => {
    const { db } = await workspaceWithHistory(5, 30);
    const key = await db.keys.get('signing');
    expect(key?.privateKey.extractable).toBe(false);
    const cp1 = await makeCheckpoint(db);
    await commitAll(db, 'Ana', [packet, packet]);
    const cp2 = await makeCheckpoint(db);
    expect(cp2.size).toBe(cp1.size + 2);
    expect(verifyCheckpointSignature(cp2)).toEqual({ ok: true, value: true });
    expect(verifyCheckpointSignature({ ...cp2, size: cp2.size - 1 }).ok).toBe(false);
    expect(await listCheckpoints(db)).toEqual([cp1, cp2]);
    const tree = await loadTree(db);
    expect(toHex(tree.root())).toBe(cp2.root);
    const entry = await getEntry(db, 7);
    expect(verifyInclusion(fromHex(entry!.leaf)!, 7, cp2.size, tree.inclusionProof(7, cp2.size), fromHex(cp2.root)!).ok).toBe(true);
  });
});

describe('tampering is detected and named', () => {
  async function tampered(seed: number) {
    const { db, mirror } = await workspaceWithHistory(seed, 60);
    await makeCheckpoint(db);
    await commitAll(db, 'Ana', [packet, packet, packet]);
    await makeCheckpoint(db);
    expect((await verifyWorkspace(db)).ok).toBe(true);
    return { db, mirror };
  }

  it('one field of one entry changed', async () => {
    const { db } = await tampered(21);
    const row = (await db.ledger.get(30))!;
    const entry = JSON.parse(row.line) as LedgerEntry;
    await db.ledger.put({ ...row, line: toEntryLine({ ...entry, time: '2020-01-01T00:00:00.000Z' }) });
    const report = await verifyWorkspace(db);
    expect(report.ok).toBe(false);
    expect(report.firstFailure).toMatchObject({ name: 'merkle', seq: 30 });
    expect(report.firstFailure?.detail).toMatch(/^entry 30 does not match the hash recorded/);
    expect((await lastVerification(db))?.ok).toBe(false);
  });

  it('one entry changed with its recorded hash rewritten to match', async () => {
    const { db } = await tampered(22);
    const row = (await db.ledger.get(30))!;
    const line = toEntryLine({ ...(JSON.parse(row.line) as LedgerEntry), actor: 'Mallory' });
    await db.ledger.put({ ...row, actor: 'Mallory', line, leaf: toHex(entryLeafHash(line)) });
    const report = await verifyWorkspace(db);
    expect(report.firstFailure?.name).toBe('checkpoints');
    expect(report.firstFailure?.detail).toMatch(/checkpoint at size 61 .*root does not match the ledger; an entry in seq 0…60 was changed/);
  });

  it('an entry deleted', async () => {
    const { db } = await tampered(23);
    await db.ledger.delete(17);
    const report = await verifyWorkspace(db);
    expect(report.firstFailure).toMatchObject({ name: 'entries', seq: 17, detail: 'entry 17 is missing (the next stored entry is 18)' });
  });

  it('the last entries removed', async () => {
    const { db } = await tampered(24);
    await db.ledger.bulkDelete([62, 63]);
    const report = await verifyWorkspace(db);
    expect(report.firstFailure?.detail).toMatch(/checkpoint at size 64 .*covers 64 entries but only 62 could be read/);
  });

  it('two entries swapped', async () => {
    const { db } = await tampered(25);
    const a = (await db.ledger.get(10))!;
    const b = (await db.ledger.get(40))!;
    await db.ledger.bulkPut([
      { ...b, seq: 10 },
      { ...a, seq: 40 },
    ]);
    const report = await verifyWorkspace(db);
    expect(report.firstFailure).toMatchObject({ name: 'entries', seq: 10, detail: 'entry 10 carries seq 40 (entries were moved or swapped)' });
  });

  it('a state row edited without a ledger entry', async () => {
    const { db, mirror } = await tampered(26);
    const claim = [...mirror.tables.claims.values()].at(-1)!;
    await db.claims.update(claim.id, { note: 'quietly edited' });
    const report = await verifyWorkspace(db);
    expect(report.firstFailure?.name).toBe('state');
    expect(report.firstFailure?.detail).toMatch(new RegExp(`^claims row ${claim.id} differs from the ledger's replay in field note \\(last written by entry \\d+\\)$`));
    expect(report.firstFailure?.seq).toEqual(expect.any(Number));
  });

  it('a state row added without a ledger entry', async () => {
    const { db, mirror } = await tampered(27);
    const ev = [...mirror.tables.evidence.values()][0]!;
    await db.evidence.put({ ...ev, id: 'forged' });
    const report = await verifyWorkspace(db);
    expect(report.firstFailure?.detail).toBe('evidence row forged is stored but no ledger entry made it (no entry wrote it)');
  });

  it('a checkpoint signature replaced', async () => {
    const { db } = await tampered(28);
    const [first, second] = await db.checkpoints.orderBy('size').toArray();
    await db.checkpoints.put({ ...second!, signature: first!.signature });
    const report = await verifyWorkspace(db);
    expect(report.firstFailure).toMatchObject({ name: 'checkpoints', seq: null });
    expect(report.firstFailure?.detail).toMatch(/^checkpoint at size 64 .*: checkpoint\.signature: does not verify with checkpoint\.publicKey$/);
  });

  it("an entry's filter fields edited", async () => {
    const { db } = await tampered(29);
    await db.ledger.update(5, { actor: 'Mallory' });
    const report = await verifyWorkspace(db);
    expect(report.firstFailure).toMatchObject({ name: 'index', seq: 5, detail: 'entry 5: its stored type, actor or time differ from its content' });
  });

  it('a stored file altered', async () => {
    const { db } = await tampered(30);
    const file = (await db.files.toArray())[0]!;
    await db.files.put({ ...file, blob: new Blob(['evil']) });
    const report = await verifyWorkspace(db);
    expect(report.firstFailure?.detail).toMatch(new RegExp(`^file ${file.sha256}: its bytes hash to`));
  });
});

describe('ledger view queries', () => {
  it('pages newest first and filters by type and actor', async () => {
    const { db } = await workspaceWithHistory(6, 80);
    const all = await listEntries(db, {}, 0, 1000);
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 81 }, (_, i) => 80 - i));
    expect(await countEntries(db)).toBe(81);
    const page = await listEntries(db, {}, 10, 5);
    expect(page.map((e) => e.seq)).toEqual([70, 69, 68, 67, 66]);
    const bo = await listEntries(db, { actor: 'Bo' }, 0, 1000);
    expect(bo.length).toBe(await countEntries(db, { actor: 'Bo' }));
    expect(bo.every((e) => e.actor === 'Bo') && bo.length > 0).toBe(true);
    const notes = await listEntries(db, { types: ['claim.note-set', 'claim.status-set'], actor: 'Ana' }, 0, 1000);
    expect(notes.every((e) => (e.type === 'claim.note-set' || e.type === 'claim.status-set') && e.actor === 'Ana')).toBe(true);
    expect(await countEntries(db, { types: ['claim.note-set', 'claim.status-set'] })).toBe(all.filter((e) => e.type === 'claim.note-set' || e.type === 'claim.status-set').length);
    expect(await listActors(db)).toEqual(['Ana', 'Bo']);
    expect(all[0]!.leaf).toBe(toHex(entryLeafHash((await getEntry(db, 80))!.line)));
    expect(await getEntry(db, 999)).toBeNull();
    await expect(listEntries(db, {}, 0, 5000)).rejects.toThrow(/limit/);
  });
});

describe('schema upgrade v1 → v2', () => {
  type Row = Record<string, unknown>;
  const isKey = (value: unknown): boolean => {
    if (value === undefined || value === null) return false;
    if (typeof value === 'string' || typeof value === 'number') return true;
    throw new Error(`an index holds a ${typeof value}; this test checks string and number keys only`);
  };
  const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

  it('opens a version-1 database holding rows in every table and keeps every row, queryable through the new indexes; the workspace verifies and signs', async () => {
    // A real workspace with a history and signed checkpoints at three sizes.
    const { db: source } = await workspaceWithHistory(8, 15);
    await makeCheckpoint(source);
    await commitHistory(source, 81, 15);
    await makeCheckpoint(source);
    await commitHistory(source, 82, 20);
    await makeCheckpoint(source);
    const ledger = await source.ledger.orderBy('seq').toArray();
    const checkpoints = await source.checkpoints.orderBy('size').toArray();
    expect(checkpoints.map((c) => c.size)).toEqual([16, 31, 51]);
    const earlier = await verifyWorkspace(source);
    expect(earlier.ok).toBe(true);

    // The version-1 database, as version-1 code wrote it: ledger rows {seq, line} only; checkpoints keyed
    // by id with no size index, here stored out of size order (continuing an import adds the packet's
    // checkpoints after the workspace's own); a verification record of the shape written before checks were kept.
    const name = 'upgrade-from-v1';
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    for (const table of [...STATE_TABLES, 'files', 'keys', 'settings'] as const) await v1.table(table).bulkAdd(await source.table(table).toArray());
    await v1.table('ledger').bulkAdd(ledger.map(({ seq, line }) => ({ seq, line })));
    for (const i of [1, 2, 0]) {
      const { id: _id, ...row } = checkpoints[i]!;
      await v1.table('checkpoints').add(row);
    }
    const olderRecord = { time: earlier.verifiedAt, ok: true, size: earlier.size, root: earlier.root, failure: null };
    await v1.table('settings').put({ key: 'lastVerification', value: olderRecord });
    const held: Record<string, Row[]> = {};
    for (const table of v1.tables) held[table.name] = (await table.toArray()) as Row[];
    v1.close();
    // Every table of the previous version holds rows.
    expect(Object.keys(held).sort()).toEqual(Object.keys(SCHEMA_V1).sort());
    expect(Object.keys(SCHEMA_V1).filter((t) => held[t]!.length === 0)).toEqual([]);
    expect(held.checkpoints!.map((c) => [c.id, c.size])).toEqual([
      [1, 31],
      [2, 51],
      [3, 16],
    ]);
    expect(held.settings!.map((r) => r.key).sort()).toEqual(['actor', 'lastVerification']);

    const db = new DeskDb(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(Object.keys(SCHEMA_V2).sort());
    expect(db.checkpoints.schema.indexes.map((i) => i.name)).toEqual(['size']);
    expect(db.ledger.schema.indexes.map((i) => i.name).sort()).toEqual(['actor', 'type']);

    // Every row of every table, deep-equal to what version 1 held.
    for (const table of db.tables) {
      const rows = (await table.toArray()) as Row[];
      const before = held[table.name]!;
      expect(rows.length, table.name).toBe(before.length);
      if (table.name === 'ledger') {
        // The lines are kept byte for byte; time, actor, type and the leaf hash are filled in from them.
        expect(rows).toEqual(ledger);
        expect(rows.map(({ seq, line }) => ({ seq, line }))).toEqual(before);
      } else if (table.name === 'files') {
        for (const [i, row] of rows.entries()) {
          const was = before[i]!;
          expect([row.sha256, row.size], 'files').toEqual([was.sha256, was.size]);
          const bytes = await bytesOf(row.blob as Blob);
          expect(bytes).toEqual(await bytesOf(was.blob as Blob));
          expect(toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)))).toBe(row.sha256);
        }
      } else if (table.name === 'keys') {
        // A CryptoKey has no own fields, so deep equality says nothing of it: its properties are checked.
        expect(rows.map(({ id, publicKey, handover }) => ({ id, publicKey, handover }))).toEqual(before.map(({ id, publicKey, handover }) => ({ id, publicKey, handover })));
        const key = rows[0]!.privateKey as CryptoKey;
        expect(key).toBeInstanceOf(CryptoKey);
        expect([key.type, key.extractable, key.algorithm.name, key.usages]).toEqual(['private', false, 'Ed25519', ['sign']]);
      } else {
        expect(rows, table.name).toEqual(before);
      }
    }

    // Every row is found through every index of its table, the new ones included (IndexedDB leaves out
    // a row whose field holds no key).
    for (const table of db.tables) {
      const primaryKey = table.schema.primKey.keyPath as string;
      const rows = (await table.toArray()) as Row[];
      for (const index of table.schema.indexes) {
        const field = index.keyPath as string;
        const keyed = rows.filter((row) => isKey(row[field]));
        expect(await table.orderBy(field).count(), `${table.name}.${field}`).toBe(keyed.length);
        for (const row of keyed) expect(await table.where(field).equals(row[field] as string).primaryKeys(), `${table.name}.${field}`).toContain(row[primaryKey]);
      }
    }
    expect((await db.checkpoints.orderBy('size').toArray()).map((c) => [c.id, c.size])).toEqual([
      [3, 16],
      [1, 31],
      [2, 51],
    ]);
    expect(await db.checkpoints.where('size').aboveOrEqual(31).count()).toBe(2);
    expect(await listCheckpoints(db)).toEqual(await listCheckpoints(source));
    const types = ledger.map((r) => r.type);
    for (const type of new Set(types)) expect(await countEntries(db, { types: [type] }), type).toBe(types.filter((t) => t === type).length);
    expect(await listActors(db)).toEqual(['Ana', 'Bo']);
    expect((await listEntries(db, { actor: 'Bo' }, 0, 1000)).map((e) => e.seq)).toEqual(
      ledger
        .filter((r) => r.actor === 'Bo')
        .map((r) => r.seq)
        .reverse(),
    );
    expect(await lastVerification(db)).toEqual(olderRecord);

    // The upgraded workspace verifies, and its upgraded key signs a new checkpoint after a new entry.
    const report = await verifyWorkspace(db);
    expect(report.firstFailure).toBeNull();
    expect(report.checks.map((c) => c.name)).toEqual([...WORKSPACE_CHECKS]);
    expect(report.checks.find((c) => c.name === 'checkpoints')?.detail).toMatch(/^3 checkpoint\(s\)/);
    const actor = await getActor(db);
    expect(actor).toBe('Ana');
    await commit(db, actor!, packet);
    const next = await makeCheckpoint(db);
    expect(next.size).toBe(ledger.length + 1);
    expect(next.publicKey).toBe((await db.workspace.toCollection().first())?.publicKey);
    expect(next.publicKey).toBe(held.keys![0]!.publicKey);
    expect(verifyCheckpointSignature(next)).toEqual({ ok: true, value: true });
    expect((await listCheckpoints(db)).map((c) => c.size)).toEqual([16, 31, 51, ledger.length + 1]);
    const after = await verifyWorkspace(db);
    expect(after.firstFailure).toBeNull();
    expect(after.checks.find((c) => c.name === 'consistency')?.ok).toBe(true);
    expect((await lastVerification(db))?.checks?.length).toBe(WORKSPACE_CHECKS.length);
    db.close();
    source.close();
  });
});
