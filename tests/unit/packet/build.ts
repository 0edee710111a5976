// Builds real packets from the fixture: ledger lines in canonical JSON, a checkpoint signed with
// WebCrypto Ed25519, and the rows replayed from the ledger.
import { toUtf8, toHex, sha256Hex } from '../../../shared/hash.ts';
import { toBase64 } from '../../../shared/ledger/base64.ts';
import { checkpointMessage, type Checkpoint } from '../../../shared/ledger/checkpoint.ts';
import { toEntryLine } from '../../../shared/ledger/entry.ts';
import { MerkleTree } from '../../../shared/ledger/merkle.ts';
import { replay } from '../../../shared/ledger/project.ts';
import { buildPacket, type BuildPacketOptions } from '../../../shared/packet/packet.ts';
import type { LedgerEntry } from '../../../shared/types/events.ts';
import { makeKey, makeWorkspace } from './fixture.ts';

/** The verifier page used by tests that do not test the page itself. */
export const TEST_VERIFY_PAGE = '<!doctype html><title>verify</title>';

/** Signs a checkpoint over canonical lines. */
export async function signLines(lines: string[], workspace: string, key: Awaited<ReturnType<typeof makeKey>>, time = '2025-03-01T11:00:00.000Z'): Promise<Checkpoint> {
  const tree = new MerkleTree();
  for (const l of lines) tree.appendData(toUtf8(l));
  const head = { workspace, size: tree.size, root: toHex(tree.root()), time };
  return { ...head, publicKey: key.publicKey, signature: toBase64(await key.sign(checkpointMessage(head))) };
}

/** A packet of the fixture's first `count` ledger entries (all by default), rows replayed from them. */
export async function fixturePacket(options: BuildPacketOptions & { count?: number; key?: Awaited<ReturnType<typeof makeKey>>; mutate?: (entries: LedgerEntry[]) => LedgerEntry[]; verifyPage?: string } = {}) {
  const key = options.key ?? (await makeKey());
  const w = makeWorkspace(key.publicKey);
  let entries = w.entries.slice(0, options.count ?? w.entries.length);
  if (options.mutate) entries = options.mutate(entries);
  const lines = entries.map(toEntryLine);
  const state = await replay(entries);
  const t = state.tables;
  const checkpoint = await signLines(lines, w.workspace.id, key);
  const zip = buildPacket(
    {
      workspace: w.workspace,
      ...packetRowsOf(t),
      ledgerLines: lines,
      checkpoint,
      sourceFiles: new Map([[sha256Hex(w.sourceBytes), w.sourceBytes]]),
      verifyPage: options.verifyPage ?? TEST_VERIFY_PAGE,
    },
    options,
  );
  return { zip, key, lines, checkpoint, fixture: w };
}

/** The rows a packet carries, from a replayed projection's tables. */
export function packetRowsOf(t: Awaited<ReturnType<typeof replay>>['tables']) {
  return {
    drafts: [...t.drafts.values()],
    claims: [...t.claims.values()],
    references: [...t.references.values()],
    sources: [...t.sources.values()],
    passages: [...t.passages.values()],
    evidence: [...t.evidence.values()],
    sourceTexts: [...t.sourceTexts.values()],
  };
}

/** Rewrites Payload-Oxum, manifest-sha256.txt and tagmanifest-sha256.txt for the current files (as a forger would). */
export function recomputeManifests(files: Map<string, Uint8Array>): Map<string, Uint8Array> {
  const out = new Map(files);
  const sorted = [...out.keys()].sort();
  const payload = sorted.filter((p) => p.startsWith('data/'));
  const octets = payload.reduce((n, p) => n + out.get(p)!.length, 0);
  const info = new TextDecoder().decode(out.get('bag-info.txt')).replace(/Payload-Oxum: .*/, `Payload-Oxum: ${octets}.${payload.length}`);
  out.set('bag-info.txt', toUtf8(info));
  out.set('manifest-sha256.txt', toUtf8(payload.map((p) => `${sha256Hex(out.get(p)!)}  ${p}\n`).join('')));
  const tags = sorted.filter((p) => !p.startsWith('data/') && !p.startsWith('tagmanifest-'));
  out.set('tagmanifest-sha256.txt', toUtf8(tags.map((p) => `${sha256Hex(out.get(p)!)}  ${p}\n`).join('')));
  return out;
}
