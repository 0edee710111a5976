// The renderer's export builds the packet in a worker with shared/'s synchronous SHA-256 (pure JS), since
// WebCrypto's digest is asynchronous. The source files are most of a packet's bytes when they are
// included, and their digests can be taken beforehand: this hashes them with WebCrypto (native) and hands
// buildPacket a SHA-256 function that answers for them from those digests and hashes everything else
// (ledger, packet.json, texts, reports) in pure JS. The bytes written are the same either way.
import { knownDigestsSha256, type Sha256Function } from '../../../shared/hash.ts';

/** The part of WebCrypto this needs. */
export type DigestApi = Pick<SubtleCrypto, 'digest'>;

/**
 * A SHA-256 function for buildPacket that knows the digests of `files` (hashed here with `subtle`), or
 * undefined (buildPacket's pure-JS default) when there are no files or no WebCrypto (`subtle` null); rejects only when
 * WebCrypto itself fails.
 */
export async function sha256WithSourceDigests(
  files: ReadonlyMap<string, Uint8Array> | undefined,
  subtle: DigestApi | null = globalThis.crypto?.subtle ?? null,
): Promise<Sha256Function | undefined> {
  if (files === undefined || files.size === 0 || subtle === null) return undefined;
  const known = new Map<Uint8Array, Uint8Array>();
  for (const bytes of files.values()) known.set(bytes, new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
  return knownDigestsSha256(known);
}
