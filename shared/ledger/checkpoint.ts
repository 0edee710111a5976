// Signed tree heads (DESIGN.md, Ledger and Packet): Ed25519 over the RFC 8785 canonical JSON of
// `{workspace, size, root, time}`. Signing happens where the private key lives (WebCrypto in the
// renderer); verification is here, pure (@noble/curves), so the CLI and the offline verify page check
// checkpoints with exactly this code.
import { ed25519 } from '@noble/curves/ed25519.js';
import { z } from 'zod';
import type { Result } from '../types/result.ts';
import { fromBase64 } from './base64.ts';
import { toCanonicalBytes } from './canonical.ts';
import { ISO_TIME_PATTERN } from './entry.ts';
import { MAX_ID_LENGTH } from './limits.ts';
import { verifyInclusion } from './merkle.ts';
import { fromHex } from '../hash.ts';

/** Bytes of a raw Ed25519 public key. */
export const PUBLIC_KEY_SIZE = 32;
/** Bytes of an Ed25519 signature. */
export const SIGNATURE_SIZE = 64;

/** What a checkpoint signs. */
export interface TreeHead {
  /** The workspace id. */
  workspace: string;
  /** Number of ledger entries covered. */
  size: number;
  /** RFC 6962 root of those entries, lowercase hex. */
  root: string;
  /** ISO 8601 time of signing. */
  time: string;
}

/** A signed tree head with the key that signed it, as in checkpoint.json (without `inclusion`). */
export interface Checkpoint extends TreeHead {
  /** Base64 of the raw 32-byte Ed25519 public key. */
  publicKey: string;
  /** Base64 of the 64-byte Ed25519 signature over checkpointMessage(). */
  signature: string;
}

/** Validator of a stored or imported checkpoint's fields (extra fields, such as `inclusion`, are allowed and ignored). */
export const CHECKPOINT_SCHEMA = z.object({
  workspace: z.string().min(1).max(MAX_ID_LENGTH),
  size: z.int().nonnegative(),
  root: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
  time: z.string().regex(ISO_TIME_PATTERN, 'must be an ISO 8601 date-time'),
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be base64 of 32 bytes'),
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'must be base64 of 64 bytes'),
});

/** The bytes a checkpoint's signature covers: canonical JSON of `{workspace, size, root, time}`; throws only on values with no JSON form. */
export function checkpointMessage(head: TreeHead): Uint8Array {
  return toCanonicalBytes({ workspace: head.workspace, size: head.size, root: head.root, time: head.time });
}

/** Validates a checkpoint's shape; the error names the field. */
export function validateCheckpoint(value: unknown): Result<Checkpoint> {
  const parsed = CHECKPOINT_SCHEMA.safeParse(value);
  if (parsed.success) {
    const { workspace, size, root, time, publicKey, signature } = parsed.data;
    return { ok: true, value: { workspace, size, root, time, publicKey, signature } };
  }
  const issue = parsed.error.issues[0];
  return { ok: false, error: `checkpoint.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
}

/** Checks a checkpoint's shape and its Ed25519 signature (RFC 8032, strict encodings); the error says which. */
export function verifyCheckpointSignature(checkpoint: Checkpoint): Result<true> {
  const shape = validateCheckpoint(checkpoint);
  if (!shape.ok) return shape;
  const key = fromBase64(checkpoint.publicKey);
  const signature = fromBase64(checkpoint.signature);
  if (key === null || key.length !== PUBLIC_KEY_SIZE) return { ok: false, error: 'checkpoint.publicKey: not a 32-byte base64 key' };
  if (signature === null || signature.length !== SIGNATURE_SIZE) return { ok: false, error: 'checkpoint.signature: not a 64-byte base64 signature' };
  if (fromHex(checkpoint.root)?.length !== 32) return { ok: false, error: 'checkpoint.root: not a 32-byte hex hash' };
  let valid = false;
  try {
    valid = ed25519.verify(signature, checkpointMessage(checkpoint), key, { zip215: false });
  } catch {
    valid = false;
  }
  return valid ? { ok: true, value: true } : { ok: false, error: 'checkpoint.signature: does not verify with checkpoint.publicKey' };
}

/** One RFC 6962 audit path of checkpoint.json's `inclusion` list. */
export interface InclusionEntry {
  /** The entry's seq (its leaf index). */
  index: number;
  /** Its leaf hash, hex. */
  leaf: string;
  /** The audit path, hex, leaf side first. */
  path: string[];
}

/** Checks one `inclusion` item against a checkpoint's size and root; the error names the index. */
export function verifyInclusionEntry(checkpoint: TreeHead, item: InclusionEntry): Result<true> {
  const leaf = fromHex(item.leaf);
  const root = fromHex(checkpoint.root);
  const path = item.path.map(fromHex);
  if (leaf === null || root === null || path.some((p) => p === null)) return { ok: false, error: `inclusion[${item.index}]: hashes must be hex` };
  const verdict = verifyInclusion(leaf, item.index, checkpoint.size, path as Uint8Array[], root);
  return verdict.ok ? verdict : { ok: false, error: `inclusion[${item.index}]: ${verdict.error}` };
}
