/// <reference lib="webworker" />
// Builds a packet off the UI thread (issue 8 item 1: a progress bar that moves while the zip is made).
import { buildPacket } from '../../../shared/packet/packet.ts';
import type { PacketWorkerRequest, PacketWorkerResponse } from './packet-worker-protocol.ts';
import { sha256WithSourceDigests } from './source-digests.ts';

/** Smallest step of progress reported, as a fraction of the whole (fewer messages for many small files). */
export const PROGRESS_STEP = 0.01;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: PacketWorkerResponse, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

scope.addEventListener('message', (event: MessageEvent<PacketWorkerRequest>) => void build(event.data));

async function build({ input, includeSources }: PacketWorkerRequest): Promise<void> {
  let shown = -1;
  try {
    // The source files (most of the bytes when included) are hashed first with WebCrypto; the rest in pure JS.
    const sha256 = includeSources ? await sha256WithSourceDigests(input.sourceFiles) : undefined;
    const bytes = buildPacket(input, {
      includeSources,
      ...(sha256 ? { sha256 } : {}),
      onProgress: (progress) => {
        const fraction = progress.total === 0 ? 1 : progress.done / progress.total;
        if (fraction - shown < PROGRESS_STEP && fraction < 1) return;
        shown = fraction;
        post({ type: 'progress', progress });
      },
    });
    post({ type: 'done', bytes }, [bytes.buffer]);
  } catch (error: unknown) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}
