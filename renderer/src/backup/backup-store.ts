// Local backups (issue 9 item 7) live in their own IndexedDB database, apart from every workspace:
// `backups` holds what the list shows (workspace, time, size, ledger sizes), `packets` the packet bytes
// under the same id, written and deleted together in one transaction, and `settings` the schedule.
// This is not a workspace database, so it is not written through the ledger's commit path (which is
// for workspace state); it uses IndexedDB directly because Dexie is kept inside renderer/src/store/.
// Packet bytes are stored as ArrayBuffers (structured-cloneable everywhere, including test doubles).

/** Name of the backups database. */
export const BACKUP_DB_NAME = 'provenance-desk-backups';
/** Its schema version. */
export const BACKUP_DB_VERSION = 1;
/** Most backups kept per workspace that the user may ask for. */
export const MAX_KEEP = 100;
/** Backups kept per workspace unless the user says otherwise. */
export const DEFAULT_KEEP = 7;
/** How often backups are made. */
export const BACKUP_SCHEDULES = ['off', 'hourly', 'daily', 'weekly'] as const;
/** One schedule. */
export type BackupSchedule = (typeof BACKUP_SCHEDULES)[number];
/** The schedule unless the user says otherwise. */
export const DEFAULT_SCHEDULE: BackupSchedule = 'daily';

/** What the list shows of one backup. */
export interface BackupMeta {
  /** Its id (auto-increment). */
  id: number;
  /** Registry id of the workspace backed up. */
  workspaceId: string;
  /** The workspace's name then. */
  workspaceName: string;
  /** ISO 8601 time it was made (also its checkpoint's time). */
  time: string;
  /** Bytes of the packet. */
  size: number;
  /** Ledger entries in the packet (its checkpoint's size). */
  ledgerSize: number;
  /** Ledger entries after the backup was recorded (a workspace with no more is unchanged since). */
  ledgerSizeAfter: number;
}

/** The user's backup settings (one for all workspaces). */
export interface BackupSettings {
  /** How often. */
  schedule: BackupSchedule;
  /** Backups kept per workspace, 1…MAX_KEEP. */
  keep: number;
}

// The few IndexedDB shapes used here, spelled out so the store also typechecks without the DOM library
// (the Node unit tests import it); the browser's and fake-indexeddb's objects have them all.
interface IdbRequest<T> {
  readonly result: T;
  readonly error: Error | null;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface IdbOpenRequest extends IdbRequest<IdbDatabase> {
  onupgradeneeded: (() => void) | null;
}
interface IdbIndex {
  getAll(query?: unknown): IdbRequest<unknown[]>;
}
interface IdbObjectStore extends IdbIndex {
  add(value: unknown, key?: unknown): IdbRequest<unknown>;
  put(value: unknown, key?: unknown): IdbRequest<unknown>;
  get(key: unknown): IdbRequest<unknown>;
  delete(key: unknown): IdbRequest<unknown>;
  index(name: string): IdbIndex;
  createIndex(name: string, keyPath: string): unknown;
}
interface IdbTransaction {
  readonly error: Error | null;
  objectStore(name: string): IdbObjectStore;
  oncomplete: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}
interface IdbDatabase {
  transaction(stores: string | string[], mode: 'readonly' | 'readwrite'): IdbTransaction;
  createObjectStore(name: string, options?: { keyPath?: string; autoIncrement?: boolean }): IdbObjectStore;
  close(): void;
}
/** The part of an IndexedDB factory the backup store uses (the page's indexedDB, or a test double). */
export interface IdbFactory {
  /** Opens a database at a version. */
  open(name: string, version: number): IdbOpenRequest;
}

function request<T>(req: IdbRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('backups: a storage request failed'));
  });
}

function done(tx: IdbTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('backups: a storage transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('backups: a storage transaction was aborted'));
  });
}

/** Validates settings; throws naming the field. */
export function checkSettings(settings: BackupSettings): BackupSettings {
  if (!BACKUP_SCHEDULES.includes(settings.schedule)) throw new Error(`backup settings: schedule must be one of ${BACKUP_SCHEDULES.join(', ')}`);
  if (!Number.isInteger(settings.keep) || settings.keep < 1 || settings.keep > MAX_KEEP) throw new Error(`backup settings: keep must be a whole number 1–${MAX_KEEP}`);
  return { schedule: settings.schedule, keep: settings.keep };
}

/** The backups database. */
export class BackupStore {
  private db: Promise<IdbDatabase> | null = null;
  /** Uses `factory` (default: the page's indexedDB) and the database `name`. */
  constructor(
    private readonly factory: IdbFactory = (globalThis as unknown as { indexedDB: IdbFactory }).indexedDB,
    private readonly name: string = BACKUP_DB_NAME,
  ) {}

  private open(): Promise<IdbDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const req = this.factory.open(this.name, BACKUP_DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        const meta = db.createObjectStore('backups', { keyPath: 'id', autoIncrement: true });
        meta.createIndex('workspaceId', 'workspaceId');
        db.createObjectStore('packets');
        db.createObjectStore('settings');
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error(`backups: the database ${this.name} could not be opened`));
    });
    return this.db;
  }

  /** Stores a backup's packet and its metadata together; resolves to its id; rejects on a storage error (storing nothing). */
  async add(meta: Omit<BackupMeta, 'id'>, bytes: Uint8Array): Promise<number> {
    const db = await this.open();
    const tx = db.transaction(['backups', 'packets'], 'readwrite');
    const finished = done(tx);
    const id = (await request(tx.objectStore('backups').add(meta))) as number;
    tx.objectStore('packets').put(bytes.slice().buffer, id);
    await finished;
    return id;
  }

  /** Every backup of a workspace (or of all), newest first; never writes. */
  async list(workspaceId?: string): Promise<BackupMeta[]> {
    const db = await this.open();
    const store = db.transaction('backups', 'readonly').objectStore('backups');
    const rows = (await request(workspaceId === undefined ? store.getAll() : store.index('workspaceId').getAll(workspaceId))) as BackupMeta[];
    return rows.sort((a, b) => b.time.localeCompare(a.time) || b.id - a.id);
  }

  /** A backup's packet bytes; rejects naming the backup when it is not stored. */
  async packet(id: number): Promise<Uint8Array> {
    const db = await this.open();
    const buffer = (await request(db.transaction('packets', 'readonly').objectStore('packets').get(id))) as ArrayBuffer | undefined;
    if (buffer === undefined) throw new Error(`backup ${id}: its packet is not stored`);
    return new Uint8Array(buffer);
  }

  /** Deletes a backup and its packet together; resolves when gone. */
  async delete(id: number): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(['backups', 'packets'], 'readwrite');
    tx.objectStore('backups').delete(id);
    tx.objectStore('packets').delete(id);
    await done(tx);
  }

  /** Deletes a workspace's oldest backups beyond the newest `keep`; resolves to how many were deleted. */
  async prune(workspaceId: string, keep: number): Promise<number> {
    const old = (await this.list(workspaceId)).slice(keep);
    for (const b of old) await this.delete(b.id);
    return old.length;
  }

  /** The backup settings (defaults until set); never writes. */
  async settings(): Promise<BackupSettings> {
    const db = await this.open();
    const stored = (await request(db.transaction('settings', 'readonly').objectStore('settings').get('settings'))) as BackupSettings | undefined;
    return stored ?? { schedule: DEFAULT_SCHEDULE, keep: DEFAULT_KEEP };
  }

  /** Stores the backup settings; rejects naming the bad field. */
  async setSettings(settings: BackupSettings): Promise<void> {
    const checked = checkSettings(settings);
    const db = await this.open();
    const tx = db.transaction('settings', 'readwrite');
    tx.objectStore('settings').put(checked, 'settings');
    await done(tx);
  }

  /** Closes the connection (it reopens on the next call). */
  close(): void {
    void this.db?.then((db) => db.close());
    this.db = null;
  }
}
