// The search worker's cache of source indexes: one small IndexedDB database per workspace, apart from the
// workspace's DeskDb (derived data, never ledgered, rebuilt from the source texts whenever it is missing,
// stale or unreadable). Plain IndexedDB, not Dexie: only renderer/src/store may own Dexie databases.
import type { SourceIndex } from '../../../shared/search/search-index.ts';

/** Version of the cache database's schema. */
export const SEARCH_CACHE_DB_VERSION = 1;
/** The one object store: SourceIndex values keyed by their sha256. */
export const SEARCH_CACHE_STORE = 'indexes';

/** Name of the search cache database of a workspace. */
export function searchCacheDbName(workspaceId: string): string {
  return `provenance-desk-search-${workspaceId}`;
}

/** Stored source indexes of one workspace. */
export interface SearchCache {
  /** The stored value for a source (unchecked: pass it to fromStoredSourceIndex), or undefined; rejects on a storage error. */
  get(sha256: string): Promise<unknown>;
  /** Stores a source's index, replacing any; rejects on a storage error (quota). */
  put(index: SourceIndex): Promise<void>;
  /** Removes the indexes of those sources; rejects on a storage error. */
  delete(shas: readonly string[]): Promise<void>;
  /** SHA-256s of every stored index; rejects on a storage error. */
  keys(): Promise<string[]>;
  /** Closes the database; never throws. */
  close(): void;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Opens (creating if needed) a workspace's search cache; rejects when IndexedDB is unavailable or refuses. */
export async function openSearchCache(workspaceId: string, factory: IDBFactory = indexedDB): Promise<SearchCache> {
  const request = factory.open(searchCacheDbName(workspaceId), SEARCH_CACHE_DB_VERSION);
  request.onupgradeneeded = () => {
    const db = request.result;
    if (!db.objectStoreNames.contains(SEARCH_CACHE_STORE)) db.createObjectStore(SEARCH_CACHE_STORE, { keyPath: 'sha256' });
  };
  const db = await done(request);
  // A newer tab or a deletion wants the database: let it go; the worker then indexes without a cache.
  db.onversionchange = () => db.close();
  const store = (mode: IDBTransactionMode) => {
    const tx = db.transaction(SEARCH_CACHE_STORE, mode);
    return { tx, store: tx.objectStore(SEARCH_CACHE_STORE) };
  };
  return {
    async get(sha256) {
      return (await done(store('readonly').store.get(sha256))) as unknown;
    },
    async put(index) {
      const { tx, store: s } = store('readwrite');
      s.put(index);
      await committed(tx);
    },
    async delete(shas) {
      if (shas.length === 0) return;
      const { tx, store: s } = store('readwrite');
      for (const sha of shas) s.delete(sha);
      await committed(tx);
    },
    async keys() {
      const keys = await done(store('readonly').store.getAllKeys());
      return keys.filter((k): k is string => typeof k === 'string');
    },
    close() {
      db.close();
    },
  };
}

/** Deletes a workspace's search cache (when the workspace is deleted); rejects on a storage error. */
export async function deleteSearchCache(workspaceId: string, factory: IDBFactory = indexedDB): Promise<void> {
  await done(factory.deleteDatabase(searchCacheDbName(workspaceId)) as IDBRequest<unknown>);
}
