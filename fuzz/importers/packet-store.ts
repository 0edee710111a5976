// Adapter: importing a packet from a stranger into the real store (renderer/src/packet/import.ts over
// store/import-ledger.ts, Dexie on fake-indexeddb), both ways the app offers: importPacket as a new
// workspace, and continueFromPacket into an existing workspace, one imported from a valid packet of the
// same history as the fixture seeds (fuzz/packets.ts), so valid seeds append to it, shorter ones are held
// and re-signed other histories are refused.
//
// "Lost" here is the store's promise (issue 9, "faults lose nothing"):
//   - a refused import as a new workspace leaves no registered workspace and no database behind;
//   - neither import touches the existing workspace unless it continues it: after a refused (or held)
//     continue, every table of it (ledger lines, checkpoints, state rows, files by their bytes, key,
//     settings) is byte for byte what it was, and the registry and the set of databases are unchanged;
//   - an accepted import verifies (verifyWorkspace), and a continued workspace still holds every entry
//     and checkpoint it held, with its own key.
// Each input runs against its own small IndexedDB factory state: the new workspace is deleted after the
// input, and the whole factory (registry and existing workspace) is dropped and made anew after an input
// that changed it, after a loss, and every RESET_EVERY inputs, so memory stays flat. Errors the import
// functions throw (they promise never to) reach the worker and count as crashes.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { sha256Hex } from '../../shared/hash.ts';
import { continueFromPacket, importPacket, readVerifiedPacket, type ContinuedWorkspace, type PacketImportResult } from '../../renderer/src/packet/import.ts';
import type { DeskDb } from '../../renderer/src/store/db.ts';
import type { DexieOpenOptions, ImportedWorkspace } from '../../renderer/src/store/import-ledger.ts';
import { ledgerLines } from '../../renderer/src/store/queries.ts';
import { verifyWorkspace } from '../../renderer/src/store/verify.ts';
import { RegistryDb, deleteWorkspace, listWorkspaces, type WorkspaceListing } from '../../renderer/src/store/workspaces.ts';
import { basePacket } from '../packets.ts';
import type { AdapterContext, AdapterModule, AdapterOutcome, FuzzInput } from '../protocol.ts';

/** Inputs after which the store (registry and existing workspace) is made anew even if nothing changed it. */
export const RESET_EVERY = 100;
/** Name the existing workspace is listed under. */
export const EXISTING_NAME = 'Fuzz existing workspace';

/** The two store import paths the adapter drives (the real ones by default; tests plant faulty ones). */
export interface PacketStoreOps {
  /** Imports packet bytes as a new workspace of `registry` (importPacket). */
  importNew(registry: RegistryDb, bytes: Uint8Array, dexie: DexieOpenOptions): Promise<PacketImportResult<ImportedWorkspace>>;
  /** Continues an existing workspace with packet bytes (continueFromPacket). */
  continueInto(db: DeskDb, bytes: Uint8Array): Promise<PacketImportResult<ContinuedWorkspace>>;
}

/** The app's own import paths. */
export const REAL_OPS: PacketStoreOps = {
  importNew: (registry, bytes, dexie) => importPacket(registry, bytes, { dexie }),
  continueInto: (db, bytes) => continueFromPacket(db, bytes),
};

/** The store one input runs against. */
export interface PacketStore {
  factory: IDBFactory;
  dexie: DexieOpenOptions;
  registry: RegistryDb;
  /** The existing workspace (imported from basePacket), open. */
  existing: DeskDb;
  existingId: string;
  inputs: number;
  /** True when the store may differ from a fresh one (an input changed it, lost something, or threw). */
  dirty: boolean;
}

type Snapshot = Map<string, string>;

/** A value with Blobs replaced by their SHA-256 and size, and CryptoKeys by what can be read of them (private keys do not export). */
async function plain(value: unknown): Promise<unknown> {
  if (value instanceof Blob) return { blob: sha256Hex(new Uint8Array(await value.arrayBuffer())), size: value.size };
  if (value instanceof CryptoKey) return { cryptoKey: value.type, algorithm: value.algorithm.name, extractable: value.extractable, usages: [...value.usages].sort() };
  if (Array.isArray(value)) return Promise.all(value.map(plain));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await plain(v);
    return out;
  }
  return value;
}

/** Every table of a workspace database, row by row, as comparable text. */
export async function snapshotWorkspace(db: DeskDb): Promise<Snapshot> {
  const out: Snapshot = new Map();
  for (const table of db.tables) out.set(table.name, JSON.stringify(await plain(await table.toArray())));
  return out;
}

/** What differs between two snapshots (`checkpoints: 2 rows before, 1 after`), or null when none does. */
export function snapshotChange(before: Snapshot, after: Snapshot): string | null {
  const changed: string[] = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(name);
    const b = after.get(name);
    if (a === b) continue;
    const rows = (s: string | undefined): number => (s === undefined ? 0 : (JSON.parse(s) as unknown[]).length);
    changed.push(rows(a) === rows(b) ? `${name}: a row changed (${rows(a)} rows)` : `${name}: ${rows(a)} rows before, ${rows(b)} after`);
  }
  return changed.length === 0 ? null : changed.join('; ');
}

async function databaseNames(store: PacketStore): Promise<string> {
  const own = (await store.factory.databases()).map((d) => d.name ?? '').sort();
  // A path that ignored the Dexie options would write into the global factory instead.
  const global = (await indexedDB.databases()).map((d) => d.name ?? '').sort();
  return JSON.stringify({ own, global });
}

async function registryListing(store: PacketStore): Promise<string> {
  return JSON.stringify(await listWorkspaces(store.registry));
}

/** The registry entries of a listing as `id name`, sorted. */
function listingKeys(listing: string): string[] {
  return (JSON.parse(listing) as WorkspaceListing[]).map((w) => `${w.id} ${w.name}`).sort();
}

async function verifies(db: DeskDb): Promise<string | null> {
  const report = await verifyWorkspace(db);
  return report.ok ? null : `verifyWorkspace fails: ${report.firstFailure?.name ?? '?'}: ${report.firstFailure?.detail ?? '?'}`;
}

function entries(n: number): string {
  return n === 1 ? '1 entry' : `${n} entries`;
}

/** The adapter module over `ops`: `setup` builds the base packet, `run` imports one input both ways and checks the store. */
export function packetStoreAdapter(ops: PacketStoreOps = REAL_OPS): AdapterModule & { store(): Promise<PacketStore> } {
  let base: Uint8Array | null = null;
  let current: PacketStore | null = null;

  async function fresh(): Promise<PacketStore> {
    base ??= await basePacket();
    const factory = new IDBFactory();
    const dexie: DexieOpenOptions = { indexedDB: factory, IDBKeyRange };
    const registry = new RegistryDb(dexie);
    const made = await importPacket(registry, base, { dexie, name: EXISTING_NAME });
    if (!made.ok) throw new Error(`fuzz packet-store: the base packet does not import: ${made.error}`);
    return { factory, dexie, registry, existing: made.value.db, existingId: made.value.id, inputs: 0, dirty: false };
  }

  async function store(): Promise<PacketStore> {
    if (current !== null && (current.dirty || current.inputs >= RESET_EVERY)) {
      current.existing.close();
      current.registry.close();
      current = null;
    }
    current ??= await fresh();
    return current;
  }

  /** Imports as a new workspace; the loss found, or null (the new workspace is deleted either way). */
  async function asNew(s: PacketStore, bytes: Uint8Array, listed: string, names: string): Promise<{ result: PacketImportResult<ImportedWorkspace>; lost: string | null }> {
    const result = await ops.importNew(s.registry, bytes, s.dexie);
    let lost: string | null = null;
    if (result.ok) {
      const made = result.value;
      const expected = JSON.stringify([...listingKeys(listed), `${made.id} ${made.name}`].sort());
      const nowListed = await registryListing(s);
      if (!listingKeys(nowListed).includes(`${made.id} ${made.name}`)) lost = `the imported workspace ${made.id} is not registered as “${made.name}”`;
      else if (JSON.stringify(listingKeys(nowListed)) !== expected) lost = `importing as a new workspace changed other registry entries: ${nowListed}`;
      else if ((await made.db.ledger.count()) !== made.size) lost = `the imported workspace holds ${entries(await made.db.ledger.count())}; the import reported ${made.size}`;
      else lost = await verifies(made.db);
      made.db.close();
      await deleteWorkspace(s.registry, made.id, s.dexie);
      if (lost === null && (await registryListing(s)) !== listed) lost = 'deleting the imported workspace left the registry changed';
      if (lost === null && (await databaseNames(s)) !== names) lost = `importing as a new workspace left a database behind: ${await databaseNames(s)}`;
    } else {
      if ((await registryListing(s)) !== listed) lost = `a refused import as a new workspace left a registered workspace behind: ${await registryListing(s)}`;
      else if ((await databaseNames(s)) !== names) lost = `a refused import as a new workspace left a database behind: ${await databaseNames(s)}`;
    }
    return { result, lost };
  }

  /** Continues the existing workspace; the loss found, or null. */
  async function into(s: PacketStore, bytes: Uint8Array, before: Snapshot, listed: string, names: string): Promise<{ result: PacketImportResult<ContinuedWorkspace>; lost: string | null }> {
    const lines = await ledgerLines(s.existing);
    const checkpoints = JSON.stringify(await s.existing.checkpoints.toArray());
    const key = (await s.existing.keys.get('signing'))?.publicKey;
    const result = await ops.continueInto(s.existing, bytes);
    const after = await snapshotWorkspace(s.existing);
    const change = snapshotChange(before, after);
    let lost: string | null = null;
    if (!result.ok || result.value.outcome === 'held') {
      if (change !== null) lost = `${result.ok ? 'a held packet' : 'a refused continue'} changed the existing workspace: ${change}`;
      else if (result.ok) lost = await verifies(s.existing);
    } else {
      s.dirty = true;
      const now = await ledgerLines(s.existing);
      const kept = (await s.existing.checkpoints.toArray()).map((c) => JSON.stringify(c));
      if (now.length !== result.value.size) lost = `the continued workspace holds ${entries(now.length)}; the continue reported ${result.value.size}`;
      else if (lines.some((l, i) => now[i] !== l)) lost = `continuing changed entry ${lines.findIndex((l, i) => now[i] !== l)} of the existing workspace`;
      else if ((JSON.parse(checkpoints) as unknown[]).some((c) => !kept.includes(JSON.stringify(c)))) lost = 'continuing dropped a checkpoint of the existing workspace';
      else if ((await s.existing.keys.get('signing'))?.publicKey !== key) lost = 'continuing replaced the existing workspace’s key';
      else lost = await verifies(s.existing);
    }
    if (lost === null && (await registryListing(s)) !== listed) lost = `continuing the existing workspace changed the registry: ${await registryListing(s)}`;
    if (lost === null && (await databaseNames(s)) !== names) lost = `continuing the existing workspace changed the set of databases: ${await databaseNames(s)}`;
    return { result, lost };
  }

  async function run(input: FuzzInput, context: AdapterContext): Promise<AdapterOutcome> {
    if (!context.storeCheck) {
      const read = await readVerifiedPacket(input.bytes);
      return read.ok ? { kind: 'accepted' } : { kind: 'rejected', message: read.error };
    }
    const s = await store();
    s.inputs++;
    s.dirty = true; // until this input is known to have left the store as it found it
    const before = await snapshotWorkspace(s.existing);
    const listed = await registryListing(s);
    const names = await databaseNames(s);

    const made = await asNew(s, input.bytes, listed, names);
    if (made.lost !== null) return { kind: 'lost', detail: made.lost };
    const untouched = snapshotChange(before, await snapshotWorkspace(s.existing));
    if (untouched !== null) return { kind: 'lost', detail: `importing as a new workspace changed the existing workspace: ${untouched}` };

    const continued = await into(s, input.bytes, before, listed, names);
    if (continued.lost !== null) return { kind: 'lost', detail: continued.lost };
    s.dirty = continued.result.ok && continued.result.value.outcome === 'appended';

    // Both paths read and verify the packet first, so most refusals are one and the same message.
    const refusedNew = made.result.ok ? null : made.result.error;
    const refusedInto = continued.result.ok ? null : continued.result.error;
    if (refusedNew !== null && refusedNew === refusedInto) return { kind: 'rejected', message: refusedNew };
    if (refusedNew !== null || refusedInto !== null) {
      const parts = [refusedNew === null ? null : `as a new workspace: ${refusedNew}`, refusedInto === null ? null : `into the existing workspace: ${refusedInto}`];
      return { kind: 'rejected', message: parts.filter((p) => p !== null).join('; ') };
    }
    const newSize = made.result.ok ? made.result.value.size : 0;
    const sentence = continued.result.ok ? continued.result.value.message : '';
    return { kind: 'accepted', detail: `a new workspace of ${entries(newSize)}; the existing workspace: ${sentence}` };
  }

  return {
    async setup(context) {
      if (context.storeCheck) await store();
    },
    run,
    store,
  };
}

const adapter = packetStoreAdapter();

/** Prepares the base packet and the store (with storeCheck). */
export const setup = adapter.setup!;
/** Imports the bytes as a new workspace and into the existing one; accepted only when both accept and nothing was lost. */
export const run = adapter.run;
