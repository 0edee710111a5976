// Export from a real (fake-indexeddb) workspace, import back, export again (issue 8 items 1, 4, 6): the
// same packet.json and ledger bytes; every rejection names the entry and writes nothing.
import 'fake-indexeddb/auto';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportPacket, preparePacket, selectPacketRows, readWorkspaceRows, suggestedPacketName } from '../../../renderer/src/packet/export.ts';
import { continueFromPacket, importPacket, readVerifiedPacket } from '../../../renderer/src/packet/import.ts';
import { listCheckpoints, makeCheckpoint } from '../../../renderer/src/store/checkpoints.ts';
import { commit } from '../../../renderer/src/store/commit.ts';
import { DeskDb } from '../../../renderer/src/store/db.ts';
import { LedgerImportError, canSignCheckpoints, hasPendingHandover, importLedger, registryIdOf } from '../../../renderer/src/store/import-ledger.ts';
import { ledgerLines } from '../../../renderer/src/store/queries.ts';
import { verifyWorkspace } from '../../../renderer/src/store/verify.ts';
import { listWorkspaces } from '../../../renderer/src/store/workspaces.ts';
import { openBagZip } from '../../../shared/packet/bagit.ts';
import { PACKET_PATHS } from '../../../shared/packet/packet.ts';
import { verifyPacket } from '../../../shared/packet/verify.ts';
import type { Checkpoint } from '../../../shared/ledger/checkpoint.ts';
import { verifyLedger } from '../../../shared/ledger/verify.ts';
import type { LedgerEntry } from '../../../shared/types/events.ts';
import { RegistryDb, captureHost, databaseNames, fixtureWorkspace, forgeManifests } from './helpers.ts';

const decoder = new TextDecoder();

function filesOf(zip: Uint8Array): Map<string, Uint8Array> {
  const opened = openBagZip(zip);
  if (!opened.ok) throw new Error(opened.error);
  return opened.value.files;
}

function text(zip: Uint8Array, path: string): string {
  return decoder.decode(filesOf(zip).get(path));
}

describe('export', () => {
  it('signs a fresh checkpoint, builds a verifying packet, saves it as <workspace>-<date>.zip, then records packet.exported after it', async () => {
    const registry = new RegistryDb();
    const db = await fixtureWorkspace(registry, 'Flood check: 1927');
    const before = (await ledgerLines(db)).length;
    const host = captureHost();
    const phases: string[] = [];
    const now = new Date('2026-02-03T04:05:06.000Z');
    const outcome = await exportPacket(db, host, 'ana', { draftIds: null, includeSources: false }, { now, onProgress: (p) => phases.push(p.phase) });
    expect(host.saved).toHaveLength(1);
    expect(host.saved[0]!.suggestedName).toBe('Flood-check-1927-2026-02-03.zip');
    expect(host.saved[0]!.mediaType).toBe('application/zip');
    expect(outcome).toMatchObject({ savedAs: '/home/ana/Flood-check-1927-2026-02-03.zip', recorded: true });
    expect([...new Set(phases)]).toEqual(['checkpoint', 'reading', 'building', 'saving', 'recording']);

    const verdict = await verifyPacket({ files: filesOf(host.saved[0]!.bytes) });
    expect(verdict.firstFailure).toBeNull();
    const checkpoint = JSON.parse(text(host.saved[0]!.bytes, PACKET_PATHS.checkpoint)) as { size: number; time: string; inclusion: { index: number }[] };
    expect(checkpoint.size).toBe(before);
    expect(checkpoint.time).toBe(now.toISOString());
    expect(checkpoint.inclusion.map((p) => p.index)).toEqual([6, 7]);
    expect([...filesOf(host.saved[0]!.bytes).keys()].some((p) => p.startsWith('data/sources/'))).toBe(false);

    const lines = await ledgerLines(db);
    expect(lines).toHaveLength(before + 1);
    const last = JSON.parse(lines.at(-1)!) as { seq: number; type: string; payload: unknown };
    expect(last.seq).toBe(before);
    expect(last.type).toBe('packet.exported');
    expect(last.payload).toEqual({ fileName: 'Flood-check-1927-2026-02-03.zip', checkpointSize: before, claims: 2, evidence: 2, includesSources: false });
    expect((await verifyWorkspace(db)).ok).toBe(true);
  });

  it('records nothing when the user cancels the save', async () => {
    const db = await fixtureWorkspace(new RegistryDb());
    const before = (await ledgerLines(db)).length;
    const outcome = await exportPacket(db, captureHost('cancel'), 'ana', { draftIds: null, includeSources: false });
    expect(outcome).toMatchObject({ savedAs: null, recorded: false });
    expect(await ledgerLines(db)).toHaveLength(before);
  });

  it('includes the source files only when asked', async () => {
    const db = await fixtureWorkspace(new RegistryDb());
    const { bytes } = await preparePacket(db, { draftIds: null, includeSources: true });
    const sources = [...filesOf(bytes).keys()].filter((p) => p.startsWith('data/sources/'));
    expect(sources).toHaveLength(1);
    expect((await verifyPacket({ files: filesOf(bytes) })).ok).toBe(true);
  });

  it('exports chosen drafts only: their claims, evidence, passages and sources, and the packet verifies', async () => {
    const db = await fixtureWorkspace(new RegistryDb(), 'Two drafts', true);
    const rows = selectPacketRows(await readWorkspaceRows(db), ['d2']);
    expect(rows.drafts.map((d) => d.id)).toEqual(['d2']);
    expect(rows.claims.map((c) => c.id).sort()).toEqual(['c1-d2', 'c2-d2']);
    expect(rows.evidence).toEqual([]);
    expect(rows.sources).toEqual([]);
    const one = await preparePacket(db, { draftIds: ['d1'], includeSources: false });
    const packet = JSON.parse(text(one.bytes, PACKET_PATHS.packet)) as { drafts: { id: string }[]; evidence: unknown[]; sources: unknown[] };
    expect(packet.drafts.map((d) => d.id)).toEqual(['d1']);
    expect(packet.evidence).toHaveLength(2);
    expect(packet.sources).toHaveLength(1);
    expect((await verifyPacket({ files: filesOf(one.bytes) })).firstFailure).toBeNull();
    expect(one).toMatchObject({ claims: 2, evidence: 2 });
  });

  it('suggests a safe file name', () => {
    expect(suggestedPacketName('../../etc/passwd', new Date('2026-01-02T00:00:00Z'))).toBe('etc-passwd-2026-01-02.zip');
    expect(suggestedPacketName('   ', new Date('2026-01-02T00:00:00Z'))).toBe('workspace-2026-01-02.zip');
    expect(suggestedPacketName('Ústí nad Labem', new Date('2026-01-02T00:00:00Z'))).toBe('Ústí-nad-Labem-2026-01-02.zip');
  });
});

describe('import', () => {
  it('export → import → export gives the same packet.json, ledger and checkpoint bytes while the copy is unchanged', async () => {
    const registry = new RegistryDb();
    const db = await fixtureWorkspace(registry);
    const first = await preparePacket(db, { draftIds: null, includeSources: true });
    const imported = await importPacket(registry, first.bytes);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const copy = imported.value.db;
    expect(imported.value).toMatchObject({ name: 'Flood check (imported)', size: 8, files: 1, canSign: true });
    expect(registryIdOf(copy)).toBe(imported.value.id);
    const listedCopy = (await listWorkspaces(registry)).filter((w) => w.id === imported.value.id);
    expect(listedCopy.map((w) => w.name)).toEqual(['Flood check (imported)']);
    expect(await ledgerLines(copy)).toEqual(await ledgerLines(db));
    expect((await listCheckpoints(copy)).map((c) => c.size)).toEqual([8]);
    // A key of its own, not yet in the ledger: it is announced by the copy's first change.
    expect(await hasPendingHandover(copy)).toBe(true);
    expect(await canSignCheckpoints(copy)).toBe(true);
    expect(await canSignCheckpoints(db)).toBe(true);
    const check = await verifyWorkspace(copy);
    expect(check.firstFailure).toBeNull();
    expect(check.checks.find((c) => c.name === 'files')?.detail).toBe('1 stored file(s) match their SHA-256');

    const host = captureHost();
    const again = await exportPacket(copy, host, 'bo', { draftIds: null, includeSources: true });
    expect(again).toMatchObject({ recorded: false, packet: { signedNow: false } });
    for (const path of [PACKET_PATHS.packet, PACKET_PATHS.ledger, PACKET_PATHS.checkpoint]) {
      expect(text(again.packet.bytes, path), path).toBe(text(first.bytes, path));
    }
    expect(await ledgerLines(copy)).toHaveLength(8);
    await expect(makeCheckpoint(copy)).rejects.toThrow(/key is announced in the ledger with its first change/);
  });

  it('work continues in an imported copy: its first change hands signing over to its own key, and its packets verify', async () => {
    const registry = new RegistryDb();
    const db = await fixtureWorkspace(registry);
    const first = await preparePacket(db, { draftIds: null, includeSources: true });
    const original = JSON.parse(text(first.bytes, PACKET_PATHS.checkpoint)) as Checkpoint;
    const imported = await importPacket(registry, first.bytes);
    if (!imported.ok) throw new Error(imported.error);
    const copy = imported.value.db;

    const edit = await commit(copy, 'bo', { type: 'claim.note-set', payload: { claimId: 'c1', from: '', to: 'seen' } });
    expect(edit.entry.seq).toBe(9);
    expect(await hasPendingHandover(copy)).toBe(false);
    const lines = await ledgerLines(copy);
    expect(lines.slice(0, 8)).toEqual(await ledgerLines(db));
    const added = JSON.parse(lines[8]!) as LedgerEntry;
    const key = (await copy.keys.get('signing'))!;
    expect(added).toMatchObject({
      seq: 8,
      actor: 'bo',
      type: 'workspace.key-added',
      payload: { publicKey: key.publicKey, reason: 'import', previous: { size: 8, root: original.root, time: original.time, publicKey: original.publicKey, signature: original.signature } },
    });
    expect(key.publicKey).not.toBe(original.publicKey);
    expect((await copy.workspace.toCollection().first())?.publicKey).toBe(original.publicKey);
    expect(await canSignCheckpoints(copy)).toBe(true);
    expect((await verifyWorkspace(copy)).firstFailure).toBeNull();

    const host = captureHost();
    const next = await exportPacket(copy, host, 'bo', { draftIds: null, includeSources: false });
    expect(next).toMatchObject({ recorded: true, packet: { signedNow: true, checkpoint: { size: 10, publicKey: key.publicKey } } });
    const files = filesOf(next.packet.bytes);
    const verdict = await verifyPacket({ files });
    expect(verdict.firstFailure).toBeNull();
    expect(verdict.checks.find((c) => c.name === 'checkpoint-signature')?.detail).toMatch(/handed over \(import\) by ledger entry 8/);
    // It also extends the packet it was imported from.
    expect((await verifyPacket({ files }, { previous: { files: filesOf(first.bytes) } })).firstFailure).toBeNull();
    const packetLines = decoder.decode(files.get(PACKET_PATHS.ledger)).split('\n').filter((l) => l !== '');
    const ledger = await verifyLedger(packetLines.map((line, seq) => ({ seq, line, leaf: null })), packetLines.length, [next.packet.checkpoint, original]);
    expect(ledger.firstFailure).toBeNull();
    expect(ledger.keys.map((k) => k.reason)).toEqual(['created', 'import']);
    // packet.json: the same rows as the original's but the edited claim.
    const before = JSON.parse(text(first.bytes, PACKET_PATHS.packet)) as { claims: { id: string; note: string }[]; evidence: unknown[]; workspace: unknown };
    const after = JSON.parse(decoder.decode(files.get(PACKET_PATHS.packet))) as typeof before;
    expect(after.workspace).toEqual(before.workspace);
    expect(after.evidence).toEqual(before.evidence);
    expect(after.claims.map((c) => (c.id === 'c1' ? { ...c, note: '' } : c))).toEqual(before.claims);

    // Imported again, elsewhere: the key chain verifies, and that copy can hand over in turn.
    const again = await importPacket(registry, next.packet.bytes);
    if (!again.ok) throw new Error(again.error);
    await commit(again.value.db, 'cy', { type: 'claim.note-set', payload: { claimId: 'c1', from: 'seen', to: 'seen twice' } });
    const third = await preparePacket(again.value.db, { draftIds: null, includeSources: false });
    const chain = await verifyPacket({ files: filesOf(third.bytes) });
    expect(chain.firstFailure).toBeNull();
    expect(chain.checks.find((c) => c.name === 'checkpoint-signature')?.detail).toMatch(/handed over \(import\) by ledger entry 10/);

    // Continuing the changed copy with the original packet: it already holds all of it, so nothing changes (the ledger is append-only; it never goes back).
    const copyLines = await ledgerLines(copy);
    const continued = await continueFromPacket(copy, first.bytes);
    expect(continued).toMatchObject({ ok: true, value: { outcome: 'held', size: copyLines.length, incoming: 8 } });
    if (continued.ok) expect(continued.value.message).toBe(`the workspace already holds all 8 entries of this packet and ${copyLines.length - 8} entries made since; nothing was changed`);
    expect(await ledgerLines(copy)).toEqual(copyLines);
    expect(await hasPendingHandover(copy)).toBe(false);
    expect((await copy.keys.get('signing'))?.publicKey).toBe(key.publicKey);
    await commit(copy, 'bo', { type: 'claim.note-set', payload: { claimId: 'c1', from: 'seen', to: 'again' } });
    expect((await verifyPacket({ files: filesOf((await preparePacket(copy, { draftIds: null, includeSources: false })).bytes) })).firstFailure).toBeNull();
  });

  it('a ledger whose handover does not verify is refused at import, naming the entry', async () => {
    const registry = new RegistryDb();
    const db = await fixtureWorkspace(registry);
    const first = await preparePacket(db, { draftIds: null, includeSources: false });
    const imported = await importPacket(registry, first.bytes);
    if (!imported.ok) throw new Error(imported.error);
    await commit(imported.value.db, 'bo', { type: 'claim.note-set', payload: { claimId: 'c1', from: '', to: 'seen' } });
    const lines = await ledgerLines(imported.value.db);
    // The announcement claims a prefix the original key never signed (its root of another history).
    const forged = lines.map((line, seq) => (seq === 8 ? line.replace(/"root":"([0-9a-f])/, (_m, c: string) => `"root":"${c === '0' ? '1' : '0'}`) : line));
    const target = new DeskDb('import-target-forged-handover');
    await expect(importLedger(target, forged, { checkpoints: [] })).rejects.toThrow(/^ledger keys \(entry 8\): entry 8 \(workspace\.key-added\): previous\.signature: does not verify/);
    expect(await target.ledger.count()).toBe(0);
  });

  it('rejects a tampered packet naming what failed: no workspace is created and the registry is unchanged', async () => {
    const registry = new RegistryDb();
    const db = await fixtureWorkspace(registry);
    const { bytes } = await preparePacket(db, { draftIds: null, includeSources: false });
    const listed = await listWorkspaces(registry);
    const dbs = await databaseNames();

    // A changed ledger line with the manifests recomputed, as a forger would: the bag is fine, the signature is not.
    const files = filesOf(bytes);
    const ledger = decoder.decode(files.get(PACKET_PATHS.ledger)).replace('"note":"Check the wording', '"note":"Check the Wording');
    files.set(PACKET_PATHS.ledger, new TextEncoder().encode(ledger));
    const forged = zipSync(Object.fromEntries(forgeManifests(files)));
    const result = await importPacket(registry, forged);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(/^packet does not verify: ledger-root: /);
      expect(result.verification?.ok).toBe(false);
    }

    // A flipped byte inside the zip: rejected at the trust boundary, naming the entry.
    const unzipped = unzipSync(bytes);
    const packetBytes = unzipped[PACKET_PATHS.packet]!;
    packetBytes[10] = packetBytes[10]! ^ 1;
    const flipped = await importPacket(registry, zipSync(unzipped));
    expect(flipped.ok).toBe(false);
    if (!flipped.ok) expect(flipped.error).toMatch(/^packet rejected: .*data\/packet\.json/);

    // A path escaping the bag.
    const escaping = await importPacket(registry, zipSync({ ...unzipSync(bytes), '../evil.txt': new Uint8Array([1]) }));
    expect(escaping.ok).toBe(false);
    if (!escaping.ok) expect(escaping.error).toMatch(/^packet rejected: .*\.\.\/evil\.txt/);

    expect(await listWorkspaces(registry)).toEqual(listed);
    expect(await databaseNames()).toEqual(dbs);
  });

  it('importLedger validates every line before writing: a bad entry is named and nothing is written', async () => {
    const registry = new RegistryDb();
    const db = await fixtureWorkspace(registry);
    const lines = await ledgerLines(db);
    const checkpoints = await listCheckpoints(db);
    const target = new DeskDb('import-target-bad');
    const broken = [...lines];
    broken[5] = broken[5]!.replace('"type":"passage.created"', '"type":"passage.made"');
    await expect(importLedger(target, broken, { checkpoints })).rejects.toThrow(/ledger line 6: entry 5/);
    const swapped = [lines[0]!, lines[2]!, lines[1]!, ...lines.slice(3)];
    await expect(importLedger(target, swapped, { checkpoints })).rejects.toThrow('ledger line 2: entry carries seq 2, not 1');
    // Valid lines, but entry 6 refers to a passage that the shortened history never created.
    const gap = lines.filter((_, i) => i !== 4).map((l, i) => l.replace(/"seq":\d+/, `"seq":${i}`));
    await expect(importLedger(target, gap, { checkpoints: [] })).rejects.toThrow(LedgerImportError);
    expect(await target.ledger.count()).toBe(0);
    expect(await target.workspace.count()).toBe(0);
    // A source file that is not the ledger's.
    await expect(importLedger(target, lines, { checkpoints: [], files: new Map([['0'.repeat(64), new Blob([new Uint8Array(3)])]]) })).rejects.toThrow(
      `source file ${'0'.repeat(64)}: the ledger has no such source`,
    );
    expect(await target.ledger.count()).toBe(0);
    await importLedger(target, lines, { checkpoints: [] });
    await expect(importLedger(target, lines, { checkpoints: [] })).rejects.toThrow(/already holds a ledger of 8 entries/);
  });

  it('an older packet of this workspace changes nothing (it never takes entries or checkpoints away); a packet of another workspace is refused', async () => {
    const registry = new RegistryDb();
    const db = await fixtureWorkspace(registry);
    const { bytes } = await preparePacket(db, { draftIds: null, includeSources: true });
    await commit(db, 'ana', { type: 'claim.note-set', payload: { claimId: 'c1', from: '', to: 'later change' } });
    await preparePacket(db, { draftIds: null, includeSources: false });
    const lines = await ledgerLines(db);
    const checkpoints = await listCheckpoints(db);
    expect(checkpoints.map((c) => c.size)).toEqual([8, 9]);
    const continued = await continueFromPacket(db, bytes);
    expect(continued).toMatchObject({ ok: true, value: { outcome: 'held', size: 9, incoming: 8, message: 'the workspace already holds all 8 entries of this packet and 1 entry made since; nothing was changed' } });
    expect(await ledgerLines(db)).toEqual(lines);
    expect(await listCheckpoints(db)).toEqual(checkpoints);
    expect((await db.claims.get('c1'))?.note).toBe('later change');
    expect((await verifyWorkspace(db)).firstFailure).toBeNull();

    const other = await fixtureWorkspace(registry, 'Other');
    const otherLines = await ledgerLines(other);
    const refused = await continueFromPacket(other, bytes);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error).toMatch(
        /^packet not added to this workspace: the packet's ledger is of workspace [0-9a-f-]+ \(“Flood check”\), not of this workspace [0-9a-f-]+ \(“Other”\); nothing was changed; import it as a new workspace instead$/,
      );
      expect(refused.verification?.ok).toBe(true);
    }
    expect(await ledgerLines(other)).toEqual(otherLines);
  });

  it('readVerifiedPacket reports every check of a good packet', async () => {
    const db = await fixtureWorkspace(new RegistryDb());
    const { bytes } = await preparePacket(db, { draftIds: null, includeSources: false });
    const phases: string[] = [];
    const read = await readVerifiedPacket(bytes, (p) => phases.push(p));
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.value.verification.checks.every((c) => c.ok)).toBe(true);
    expect(phases).toEqual(['reading', 'verifying']);
  });
});
