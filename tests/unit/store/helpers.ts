// Shared set-up of the store tests: a registry and workspaces on fake-indexeddb, and a random history
// committed through the one mutation path.
import 'fake-indexeddb/auto';
import { GENERATED_FILES, Rng, nextEvent } from '../../../bench/ledger/history.ts';
import { MemoryState } from '../../../shared/ledger/project.ts';
import { commit } from '../../../renderer/src/store/commit.ts';
import type { DeskDb } from '../../../renderer/src/store/db.ts';
import { RegistryDb, createWorkspace } from '../../../renderer/src/store/workspaces.ts';

/** A fresh registry (each test file gets its own IndexedDB in fake-indexeddb's global factory). */
export function registry(): RegistryDb {
  return new RegistryDb();
}

/** Commits `count` random events by alternating actors; returns the mirror projection the generator used. */
export async function commitHistory(db: DeskDb, seed: number, count: number): Promise<MemoryState> {
  const rng = new Rng(seed);
  const mirror = new MemoryState();
  for (const row of await db.ledger.orderBy('seq').toArray()) await mirror.applyEntry(JSON.parse(row.line));
  for (let i = 0; i < count; i++) {
    const actor = i % 4 === 0 ? 'Bo' : 'Ana';
    const event = nextEvent(rng, mirror, actor);
    const file = event.type === 'source.added' ? { blob: new Blob([GENERATED_FILES.get(event.payload.source.sha256)! as Uint8Array<ArrayBuffer>]) } : undefined;
    const { entry } = await commit(db, actor, event, file === undefined ? {} : { file });
    await mirror.applyEntry(entry);
  }
  return mirror;
}

/** A new workspace with a random history of `count` entries after its creation. */
export async function workspaceWithHistory(seed: number, count: number): Promise<{ reg: RegistryDb; db: DeskDb; mirror: MemoryState }> {
  const reg = registry();
  const db = await createWorkspace(reg, `Workspace ${seed}`, 'Ana');
  const mirror = await commitHistory(db, seed, count);
  return { reg, db, mirror };
}
