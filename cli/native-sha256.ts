import { createHash } from 'node:crypto';
import type { Sha256Function } from '../shared/hash.ts';

/**
 * Node's native SHA-256 as the Sha256Function that buildPacket, readPacket and verifyPacket accept: several
 * times faster than the pure-JS default on the megabytes of source files and manifests; the same digests.
 */
export const nativeSha256: Sha256Function = (bytes) => {
  const digest = createHash('sha256').update(bytes).digest();
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.length);
};
