// Workspaces (issue 3, item 1): each is its own IndexedDB database; a small registry database lists them.
// The registry is a convenience index for the picker; a workspace's name of record is in its ledger.
import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import { MAX_ACTOR_LENGTH, MAX_NAME_LENGTH } from '../../../shared/ledger/limits.ts';
import { commit } from './commit.ts';
import { generateSigningKey, storeSigningKey } from './checkpoints.ts';
import { DeskDb, workspaceDbName } from './db.ts';

/** A workspace as the picker lists it. */
export interface WorkspaceListing {
  /** The workspace id. */
  id: string;
  /** Its name. */
  name: string;
  /** ISO 8601 time of creation. */
  createdAt: string;
}

/** Name of the registry database. */
export const REGISTRY_DB_NAME = 'provenance-desk-registry';

/** The registry of workspaces. */
export class RegistryDb extends Dexie {
  workspaces!: EntityTable<WorkspaceListing, 'id'>;
  /** Opens (lazily) the registry; `options` may supply an IndexedDB implementation. */
  constructor(options?: DexieOptions) {
    super(REGISTRY_DB_NAME, options);
    this.version(1).stores({ workspaces: 'id' });
  }
}

function checkName(name: string): void {
  if (name.trim() === '' || name.length > MAX_NAME_LENGTH) throw new Error(`workspace name: must be 1–${MAX_NAME_LENGTH} characters`);
}

/** Creates a workspace: its database, its signing key and its first entry (`workspace.created` by `actor`); rejects on an invalid name or actor. */
export async function createWorkspace(registry: RegistryDb, name: string, actor: string, options?: DexieOptions): Promise<DeskDb> {
  checkName(name);
  const id = crypto.randomUUID();
  const db = new DeskDb(workspaceDbName(id), options);
  const key = await generateSigningKey();
  await storeSigningKey(db, key);
  const createdAt = new Date().toISOString();
  await commit(db, actor, { type: 'workspace.created', payload: { workspace: { type: 'workspace', id, name, publicKey: key.publicKey, createdAt } } });
  await setActor(db, actor);
  await registry.workspaces.put({ id, name, createdAt });
  return db;
}

/** Every registered workspace, by name; never writes. */
export async function listWorkspaces(registry: RegistryDb): Promise<WorkspaceListing[]> {
  return registry.workspaces.orderBy('id').toArray().then((rows) => rows.sort((a, b) => a.name.localeCompare(b.name)));
}

/** Opens a registered workspace's database; rejects when the id is not registered. */
export async function openWorkspace(registry: RegistryDb, id: string, options?: DexieOptions): Promise<DeskDb> {
  if ((await registry.workspaces.get(id)) === undefined) throw new Error(`workspace ${id} is not registered`);
  const db = new DeskDb(workspaceDbName(id), options);
  await db.open();
  return db;
}

/** Renames a workspace (a `workspace.renamed` entry by `actor`, then the registry); rejects on an invalid name. */
export async function renameWorkspace(registry: RegistryDb, db: DeskDb, name: string, actor: string): Promise<void> {
  checkName(name);
  const ws = await db.workspace.toCollection().first();
  if (ws === undefined) throw new Error('rename: the workspace has no ledger');
  await commit(db, actor, { type: 'workspace.renamed', payload: { from: ws.name, to: name } });
  // The registry lists the database by its own id, which differs from the ledger's for imported copies.
  await registry.workspaces.update(db.name.slice(workspaceDbName('').length), { name });
}

/** Deletes a workspace's database and its registry entry, irreversibly (the UI asks for confirmation first); resolves when gone. */
export async function deleteWorkspace(registry: RegistryDb, id: string, options?: DexieOptions): Promise<void> {
  await new DeskDb(workspaceDbName(id), options).delete();
  await registry.workspaces.delete(id);
}

/** The actor name shown on every entry, or null until the user has been asked; never writes. */
export async function getActor(db: DeskDb): Promise<string | null> {
  const row = await db.settings.get('actor');
  return row?.key === 'actor' ? row.value : null;
}

/** Stores the actor name; rejects when it is empty or longer than MAX_ACTOR_LENGTH. */
export async function setActor(db: DeskDb, actor: string): Promise<void> {
  if (actor.trim() === '' || actor.length > MAX_ACTOR_LENGTH) throw new Error(`actor: must be 1–${MAX_ACTOR_LENGTH} characters`);
  await db.settings.put({ key: 'actor', value: actor });
}
