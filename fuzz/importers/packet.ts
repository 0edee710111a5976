// Adapter: reading a packet from a stranger (shared/packet: readPacket through the trust boundary, then
// verifyPacket on whatever opens, even when readPacket refused it). "Lost" here is the worker's check that
// the importer did not mutate the input bytes; importing into the store (a new workspace, or continuing
// an existing one) and its loss checks are the packet-store adapter's (packet-store.ts).
import { openPacket, readPacket } from '../../shared/packet/packet.ts';
import { verifyPacket } from '../../shared/packet/verify.ts';
import type { AdapterOutcome, FuzzInput } from '../protocol.ts';

/** Reads and verifies the bytes as a packet zip; accepted only when both pass. */
export async function run(input: FuzzInput): Promise<AdapterOutcome> {
  const read = readPacket(input.bytes);
  const opened = openPacket(input.bytes);
  let verdict: string | null = null;
  if (opened.ok) {
    const v = await verifyPacket(opened.value);
    if (!v.ok) verdict = v.firstFailure === null ? 'verification ran no check' : `${v.firstFailure.name}: ${v.firstFailure.detail}`;
  } else verdict = opened.error;
  if (!read.ok) return { kind: 'rejected', message: read.error };
  if (verdict !== null) return { kind: 'rejected', message: verdict };
  return { kind: 'accepted' };
}
