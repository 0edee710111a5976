// A tiny, consistent workspace for packet tests: one draft with two claims, one PDF source with two
// pages, two passages, two evidence items, and the ledger that records them, in canonical JSON.
import { webcrypto } from 'node:crypto';
import { createSelectors } from '../../../shared/anchor/selectors.ts';
import { sha256Hex, toUtf8 } from '../../../shared/hash.ts';
import type { Claim, Draft, Evidence, Passage, Reference, Source } from '../../../shared/types/domain.ts';
import type { LedgerEntry, Workspace } from '../../../shared/types/events.ts';
import type { SourceText } from '../../../shared/types/text.ts';

const draftText = 'The river flooded in 1927 [1]: 2. Officials said "the levee held" [1]. Nobody was warned.';
const pageOne = 'Report on the Mississippi.\nThe river flooded in the spring of 1927, ';
const pageTwo = 'and officials insisted that the levee held until the end.\n';
const sourceBytes = toUtf8('%PDF-1.7 fabricated bytes for the test source');
const sourceSha = sha256Hex(sourceBytes);
const t0 = '2025-03-01T10:00:00.000Z';

/** The fixture's source text. */
export const sourceText: SourceText = {
  type: 'source-text',
  sha256: sourceSha,
  kind: 'pdf',
  text: pageOne + pageTwo,
  units: [
    { kind: 'page', index: 0, label: '1', range: [0, pageOne.length] },
    { kind: 'page', index: 1, label: '2', range: [pageOne.length, pageOne.length + pageTwo.length] },
  ],
};

function passageAt(id: string, exact: string, createdAt: string): Passage {
  const start = sourceText.text.indexOf(exact);
  return { type: 'passage', id, sourceSha256: sourceSha, selectors: createSelectors(sourceText, start, start + exact.length), rects: [], speakers: [], createdAt };
}

/** Builds the fixture; `publicKey` is the workspace key (base64 raw Ed25519). */
export function makeWorkspace(publicKey: string) {
  const workspace: Workspace = { type: 'workspace', id: 'ws-test-1', name: 'Flood check', publicKey, createdAt: t0 };
  const draft: Draft = {
    type: 'draft', id: 'd1', title: 'Flood story', fileName: 'flood.txt', origin: 'txt', sha256: sha256Hex(toUtf8(draftText)),
    text: draftText, orphans: [], revisionOf: null, importedAt: '2025-03-01T10:01:00.000Z',
  };
  const claims: Claim[] = [
    {
      type: 'claim', id: 'c1', draftId: 'd1', index: 0, text: 'The river flooded in 1927.', range: [0, 26],
      markers: [{ raw: '[1]: 2', ref: '1', locator: '2', flag: null, offset: 27 }], quotes: [], status: 'unreviewed', note: '', changedSinceEvidence: false,
    },
    {
      type: 'claim', id: 'c2', draftId: 'd1', index: 1, text: 'Officials said "the levee held".', range: [35, 67],
      markers: [{ raw: '[1]', ref: '1', locator: null, flag: null, offset: 68 }], quotes: [{ text: 'the levee held', range: [51, 65] }],
      status: 'unreviewed', note: 'Check the wording, "quoted", with commas', changedSinceEvidence: false,
    },
  ];
  const reference: Reference = { type: 'reference', id: 'd1#1', draftId: 'd1', ref: '1', sourceSha256: null, csl: null };
  const source: Source = {
    type: 'source', sha256: sourceSha, kind: 'pdf', fileName: '1 - Report.pdf', mediaType: 'application/pdf', size: sourceBytes.length,
    title: 'Report on the <Mississippi> & "levees"', author: null, unitCount: 2, recordingSha256: null, replaces: null, pageOffset: 0, addedAt: '2025-03-01T10:02:00.000Z',
  };
  const passages = [passageAt('p1', 'The river flooded in the spring of 1927', '2025-03-01T10:04:00.000Z'), passageAt('p2', 'the levee held', '2025-03-01T10:05:00.000Z')];
  const evidence: Evidence[] = [
    { type: 'evidence', id: 'e1', claimId: 'c1', passageId: 'p1', relation: 'supports', note: '', actor: 'ana', attachedAt: '2025-03-01T10:06:00.000Z' },
    { type: 'evidence', id: 'e2', claimId: 'c2', passageId: 'p2', relation: 'context', note: 'Officials "insisted"; <b>not</b> said', actor: 'auto-check', attachedAt: '2025-03-01T10:07:00.000Z' },
  ];
  const bound: Reference = { ...reference, sourceSha256: sourceSha };
  const entries: LedgerEntry[] = [
    { seq: 0, time: t0, actor: 'ana', type: 'workspace.created', payload: { workspace } },
    { seq: 1, time: draft.importedAt, actor: 'ana', type: 'draft.imported', payload: { draft, claims, references: [reference] } },
    { seq: 2, time: source.addedAt, actor: 'ana', type: 'source.added', payload: { source, text: sourceText } },
    { seq: 3, time: '2025-03-01T10:03:00.000Z', actor: 'ana', type: 'reference.bound', payload: { reference: bound } },
    { seq: 4, time: passages[0]!.createdAt, actor: 'ana', type: 'passage.created', payload: { passage: passages[0]! } },
    { seq: 5, time: passages[1]!.createdAt, actor: 'ana', type: 'passage.created', payload: { passage: passages[1]! } },
    { seq: 6, time: evidence[0]!.attachedAt, actor: 'ana', type: 'evidence.attached', payload: { evidence: evidence[0]! } },
    { seq: 7, time: evidence[1]!.attachedAt, actor: 'auto-check', type: 'evidence.attached', payload: { evidence: evidence[1]! } },
  ];
  return { workspace, drafts: [draft], claims, references: [bound], sources: [source], passages, evidence, sourceTexts: [sourceText], sourceBytes, entries };
}

/** A fresh Ed25519 key pair from WebCrypto, with the raw public key in base64. */
export async function makeKey(): Promise<{ sign: (message: Uint8Array) => Promise<Uint8Array>; publicKey: string }> {
  const pair = (await webcrypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as unknown as webcrypto.CryptoKeyPair;
  const raw = new Uint8Array(await webcrypto.subtle.exportKey('raw', pair.publicKey));
  return {
    publicKey: Buffer.from(raw).toString('base64'),
    sign: async (message) => new Uint8Array(await webcrypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, message as Uint8Array<ArrayBuffer>)),
  };
}
