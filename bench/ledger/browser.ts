// The Chromium side of the ledger benchmark, bundled by Vite and run in a page: the real store on real
// IndexedDB, as the app uses it.
import { GENERATED_FILES, benchHistory } from './history.ts';
import { APPEND_SIZE, VERIFY_SIZE, measureProofs, measureVerify } from './core.ts';
import { generateSigningKey, loadTree, makeCheckpoint, storeSigningKey } from '../../renderer/src/store/checkpoints.ts';
import { commit, commitAll } from '../../renderer/src/store/commit.ts';
import { DeskDb } from '../../renderer/src/store/db.ts';
import { ledgerLines } from '../../renderer/src/store/queries.ts';
import { verifyWorkspace } from '../../renderer/src/store/verify.ts';
import type { LedgerEvent } from '../../shared/types/events.ts';

const files = (): Map<string, Blob> => new Map([...GENERATED_FILES].map(([sha, bytes]) => [sha, new Blob([bytes as Uint8Array<ArrayBuffer>])]));

async function fresh(name: string, events: readonly LedgerEvent[]): Promise<DeskDb> {
  const db = new DeskDb(name);
  await db.delete();
  await db.open();
  await storeSigningKey(db, key!);
  await commit(db, 'Ana', events[0]!);
  return db;
}

let key: Awaited<ReturnType<typeof generateSigningKey>> | null = null;

/** Runs every measurement; resolves to the figures by name. */
export async function run(): Promise<Record<string, number>> {
  key = await generateSigningKey();
  const now = () => performance.now();
  const events = await benchHistory(1, APPEND_SIZE + 1, 'Ana', key.publicKey);
  const blobs = files();

  const each = await fresh('bench-each', events);
  let t = now();
  for (const e of events.slice(1)) {
    const blob = e.type === 'source.added' ? blobs.get(e.payload.source.sha256) : undefined;
    await commit(each, 'Ana', e, blob === undefined ? {} : { file: { blob } });
  }
  const appendEach = APPEND_SIZE / ((now() - t) / 1000);

  const bulk = await fresh('bench-bulk', events);
  t = now();
  await commitAll(bulk, 'Ana', events.slice(1), { files: blobs });
  const appendBulk = APPEND_SIZE / ((now() - t) / 1000);

  const big = await benchHistory(2, VERIFY_SIZE, 'Ana', key.publicKey);
  const db = await fresh('bench-verify', big);
  const bigFiles = files();
  for (let i = 1; i < big.length; i += 5_000) await commitAll(db, 'Ana', big.slice(i, i + 5_000), { files: bigFiles });
  await makeCheckpoint(db);
  t = now();
  const report = await verifyWorkspace(db);
  const workspaceMs = now() - t;
  if (!report.ok) throw new Error(`verification failed: ${report.firstFailure?.detail ?? ''}`);
  const lines = await ledgerLines(db);
  const m = await measureVerify(lines, now);
  const tree = await loadTree(db);
  const proofMs = measureProofs(tree, now, (n) => Math.floor(Math.random() * n));
  return {
    appendEach,
    appendBulk,
    verifyWorkspace: VERIFY_SIZE / (workspaceMs / 1000),
    plain: m.plain,
    merkle: m.merkle,
    full: m.full,
    proofMs,
    size: report.size,
  };
}
