import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Bytes, sha256Hex, toUtf8 } from '../../../shared/hash.ts';
import { sha256WithSourceDigests, type DigestApi } from '../../../renderer/src/packet/source-digests.ts';
import { fixturePacket } from './build.ts';
import { makeKey, makeWorkspace } from './fixture.ts';

describe("the renderer export's source digests (WebCrypto first, pure JS for the rest)", () => {
  it('answers for each source file with its WebCrypto digest and hashes other bytes in pure JS', async () => {
    const a = toUtf8('first source file');
    const b = new Uint8Array(300_000).map((_, i) => (i * 31) & 0xff);
    const calls: number[] = [];
    const subtle: DigestApi = { digest: (alg, data) => (calls.push((data as Uint8Array).length), webcrypto.subtle.digest(alg, data)) };
    const sha256 = await sha256WithSourceDigests(new Map([['a', a], ['b', b]]), subtle);
    expect(calls).toEqual([a.length, b.length]);
    expect(sha256?.(a)).toEqual(sha256Bytes(a));
    expect(sha256?.(b)).toEqual(sha256Bytes(b));
    const other = toUtf8('not a source');
    expect(sha256?.(other)).toEqual(sha256Bytes(other));
    expect(calls).toHaveLength(2);
  });

  it('leaves buildPacket its default when there are no files or no WebCrypto', async () => {
    expect(await sha256WithSourceDigests(undefined, webcrypto.subtle)).toBeUndefined();
    expect(await sha256WithSourceDigests(new Map(), webcrypto.subtle)).toBeUndefined();
    expect(await sha256WithSourceDigests(new Map([['a', toUtf8('x')]]), null)).toBeUndefined();
  });

  it('gives the same packet bytes as the pure-JS default, and its digests are the ones buildPacket uses', async () => {
    const key = await makeKey();
    const { sourceBytes } = makeWorkspace(key.publicKey);
    const files = new Map([[sha256Hex(sourceBytes), sourceBytes]]);
    const sha256 = await sha256WithSourceDigests(files, webcrypto.subtle);
    const plain = await fixturePacket({ key, includeSources: true });
    const withDigests = await fixturePacket({ key, includeSources: true, ...(sha256 ? { sha256 } : {}) });
    expect(Buffer.compare(withDigests.zip, plain.zip)).toBe(0);
    // A wrong digest for the source is caught by buildPacket's own check: the function really is used.
    const lying: DigestApi = { digest: async () => new Uint8Array(32).buffer };
    const wrong = await sha256WithSourceDigests(files, lying);
    await expect(fixturePacket({ key, includeSources: true, ...(wrong ? { sha256: wrong } : {}) })).rejects.toThrow(/does not have the SHA-256 it was imported with/);
  });
});
