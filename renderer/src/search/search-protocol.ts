// Messages between the renderer and its search worker (issue 7, item 7). The renderer tells the worker
// which source texts the workspace has, sending each text once; the worker keeps the index in memory
// (with a per-workspace IndexedDB cache) and answers queries by id, the newest query superseding older ones.
import type { SearchResult } from '../../../shared/search/search-index.ts';
import type { SourceText } from '../../../shared/types/text.ts';

/** Renderer → worker. */
export type SearchRequest =
  /** Once, first: which workspace's cache to use. */
  | { type: 'init'; workspaceId: string }
  /** The workspace's source texts: every SHA-256 it has now, and the texts the worker was not sent yet. */
  | { type: 'sync'; shas: string[]; texts: SourceText[] }
  /** A query; a later one supersedes it. */
  | { type: 'search'; id: number; query: string };

/** Worker → renderer. */
export type SearchResponse =
  /** Characters indexed (or loaded from the cache) and to index in the current round. */
  | { type: 'progress'; done: number; total: number }
  /** Indexing finished: how many sources are searchable. */
  | { type: 'ready'; indexed: number }
  /** Results of query `id` (sent again, with the same id, when the index changes under it). */
  | { type: 'results'; id: number; query: string; results: SearchResult[] }
  /** A source could not be indexed, or a query failed (`id` null for indexing). */
  | { type: 'error'; id: number | null; message: string };
