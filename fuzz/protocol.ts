// Messages between the campaign (parent) and the worker that runs importers, and what an importer
// adapter returns. Kept free of Node APIs so fake importers in tests can implement it too.

/** How one input was made (the "input kind" of a report). */
export type InputKind =
  | 'corpus'
  | 'truncated'
  | 'bit-flipped'
  | 'insert-delete'
  | 'random-bytes'
  | 'huge-line'
  | 'deep-nesting'
  | 'zip-bomb'
  | 'zip-in-zip'
  | 'structural';

/** One bad (or good) input for an importer. */
export interface FuzzInput {
  /** The file name given to the importer (its extension picks a format for some). */
  name: string;
  /** The bytes. */
  bytes: Uint8Array;
}

/** What an importer adapter reports for an input that did not throw. */
export type AdapterOutcome =
  | { kind: 'accepted'; detail?: string }
  | { kind: 'rejected'; message: string; errorName?: string }
  | { kind: 'lost'; detail: string };

/** An importer adapter: a module run inside the worker, exporting `run`. */
export interface AdapterModule {
  /** Feeds the input to the real importer; returns its verdict, or throws what the importer threw. */
  run(input: FuzzInput, context: AdapterContext): Promise<AdapterOutcome>;
  /** Optional one-time preparation (e.g. the store workspace with its good item). */
  setup?(context: AdapterContext): Promise<void>;
}

/** What the worker gives every adapter. */
export interface AdapterContext {
  /** A directory the adapter may write temporary files in. */
  tempDir: string;
  /** The campaign's seed (for deterministic ids). */
  seed: number;
  /** Whether the store-level loss check runs (fake-indexeddb). */
  storeCheck: boolean;
}

/** Parent → worker: run one input. */
export interface RunRequest {
  /** Sequence number of the request (answers carry it back). */
  id: number;
  /** URL of the adapter module. */
  module: string;
  /** The input. */
  input: FuzzInput;
}

/** Worker → parent: the verdict on one input. */
export type RunAnswer =
  | { id: number; type: 'outcome'; outcome: AdapterOutcome; mutated: boolean; ms: number }
  | { id: number; type: 'threw'; name: string; message: string; stack: string; isError: boolean; mutated: boolean; ms: number };
