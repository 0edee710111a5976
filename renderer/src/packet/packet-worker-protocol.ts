// Messages between export.ts and packet-worker.ts (buildPacket off the UI thread).
import type { BagProgress } from '../../../shared/packet/bagit.ts';
import type { PacketInput } from '../../../shared/packet/packet.ts';

/** What the page sends: the packet's input and whether to include source files. */
export interface PacketWorkerRequest {
  /** buildPacket's input (rows, lines, checkpoint, verify page, files). */
  input: PacketInput;
  /** Put the source files in data/sources/. */
  includeSources: boolean;
}

/** What the worker sends: progress, then the zip or an error message. */
export type PacketWorkerResponse =
  | { type: 'progress'; progress: BagProgress }
  | { type: 'done'; bytes: Uint8Array }
  | { type: 'error'; message: string };
