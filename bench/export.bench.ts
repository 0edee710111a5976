// Issue 8 benchmark: export a workspace of 10,000 evidence items and 200 MB of source files (generated
// in memory, seeded, in a MemoryWorkspace: the same projection the app's store uses) with buildPacket,
// the sources included; print export time and peak memory, verify time (readPacket + verifyPacket),
// and, as the same-run baseline, the time to merely zip the same files with fflate (same compression
// choices: texts deflated, source files stored). Goal: export ≤ 2× zip. Export and verify hash with
// Node's native SHA-256 as the CLI does (cli/native-sha256.ts); two more figures are the export as the
// renderer's export worker does it (source files hashed with WebCrypto first, the rest with the pure-JS
// SHA-256) and with only the pure-JS SHA-256. BENCH_EXPORT_MB
// scales the sources for smaller machines; the figure names say the size measured.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { zipSync, type Zippable } from 'fflate';
import { createSelectors } from '../shared/anchor/selectors.ts';
import { sha256Hex, toHex, toUtf8 } from '../shared/hash.ts';
import { toBase64 } from '../shared/ledger/base64.ts';
import { toCanonicalJson } from '../shared/ledger/canonical.ts';
import { checkpointMessage, type Checkpoint } from '../shared/ledger/checkpoint.ts';
import { MerkleTree } from '../shared/ledger/merkle.ts';
import { buildPacket, readPacket, toPacketJson, type PacketInput } from '../shared/packet/packet.ts';
import { verifyPacket } from '../shared/packet/verify.ts';
import { VERIFY_PAGE_HTML } from '../shared/packet/verify-page.generated.ts';
import { nativeCrc32 } from '../cli/native-crc32.ts';
import { nativeSha256 } from '../cli/native-sha256.ts';
import { sha256WithSourceDigests } from '../renderer/src/packet/source-digests.ts';
import type { Claim, Draft, Evidence, Passage, Source } from '../shared/types/domain.ts';
import type { SourceText } from '../shared/types/text.ts';
import { MemoryWorkspace } from '../shared/workspace/memory.ts';
import { figure, type Bench } from './harness.ts';
import { mulberry32 } from '../shared/seeded-random.ts';

/** Evidence items in the generated workspace. */
export const BENCH_EVIDENCE = 10_000;
/** Megabytes of source files (BENCH_EXPORT_MB overrides). */
export const BENCH_SOURCE_MB = Number(process.env.BENCH_EXPORT_MB ?? 200);
/** Generated sources (the megabytes are split evenly between them). */
export const BENCH_SOURCES = 20;
/** Claims of the one generated draft (evidence is spread over them). */
export const BENCH_CLAIMS = 2_000;
/** Pages of each source's text. */
export const BENCH_PAGES = 50;
const PAGE_CHARS = 2_000;
const SEED = 0x0e4b_0a77;
const T = '2026-01-01T00:00:00.000Z';


/** Incompressible bytes (as a real PDF's streams are), seeded. */
function noise(random: () => number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  const words = new Uint32Array(out.buffer, 0, size >>> 2);
  for (let i = 0; i < words.length; i++) words[i] = (random() * 0x1_0000_0000) >>> 0;
  return out;
}

function pageText(random: () => number, n: number): string {
  const syllables = ['ka', 'lo', 'mi', 'ter', 'an', 'sol', 'ver', 'du', 'pre', 'nis', 'ro', 'tal'];
  let s = '';
  while (s.length < n) s += syllables[Math.floor(random() * syllables.length)]! + (random() < 0.3 ? ' ' : '');
  return s.slice(0, n - 1) + '\n';
}

let peakRss = 0;
let peakHeap = 0;
function sample(): void {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers);
}

export async function generate(): Promise<{ input: PacketInput; files: Map<string, Uint8Array> }> {
  const random = mulberry32(SEED);
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as unknown as { publicKey: InstanceType<typeof CryptoKey>; privateKey: InstanceType<typeof CryptoKey> };
  const publicKey = toBase64(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  const ws = MemoryWorkspace.create();
  const id = randomUUID();
  await ws.commit('bench', { type: 'workspace.created', payload: { workspace: { type: 'workspace', id, name: 'Export bench', publicKey, createdAt: T } } });

  const sentences = Array.from({ length: BENCH_CLAIMS }, (_, i) => `Claim number ${i} is stated here [1].`);
  const text = sentences.join(' ');
  const draft: Draft = { type: 'draft', id: 'd1', title: 'Bench draft', fileName: null, origin: 'paste', sha256: sha256Hex(toUtf8(text)), text, orphans: [], revisionOf: null, importedAt: T };
  let at = 0;
  const claims: Claim[] = sentences.map((s, index) => {
    const range: [number, number] = [at, at + s.length];
    at += s.length + 1;
    return { type: 'claim', id: `c${index}`, draftId: 'd1', index, text: s, range, markers: [{ raw: '[1]', ref: '1', locator: null, flag: null, offset: range[1] - 4 }], quotes: [], status: 'unreviewed', note: '', changedSinceEvidence: false };
  });
  await ws.commit('bench', { type: 'draft.imported', payload: { draft, claims, references: [{ type: 'reference', id: 'd1#1', draftId: 'd1', ref: '1', sourceSha256: null, csl: null }] } });

  const files = new Map<string, Uint8Array>();
  const texts: SourceText[] = [];
  const fileBytes = Math.floor((BENCH_SOURCE_MB * 1024 * 1024) / BENCH_SOURCES);
  for (let s = 0; s < BENCH_SOURCES; s++) {
    const bytes = noise(random, fileBytes);
    const sha = sha256Hex(bytes);
    files.set(sha, bytes);
    const pages = Array.from({ length: BENCH_PAGES }, () => pageText(random, PAGE_CHARS));
    let offset = 0;
    const units = pages.map((p, index) => {
      const range: [number, number] = [offset, offset + p.length];
      offset += p.length;
      return { kind: 'page' as const, index, label: String(index + 1), range };
    });
    const sourceText: SourceText = { type: 'source-text', sha256: sha, kind: 'pdf', text: pages.join(''), units };
    texts.push(sourceText);
    const source: Source = { type: 'source', sha256: sha, kind: 'pdf', fileName: `${s + 1}.pdf`, mediaType: 'application/pdf', size: bytes.length, title: `Source ${s + 1}`, author: null, unitCount: BENCH_PAGES, recordingSha256: null, replaces: null, pageOffset: 0, addedAt: T };
    await ws.commit('bench', { type: 'source.added', payload: { source, text: sourceText } });
  }
  for (let i = 0; i < BENCH_EVIDENCE; i++) {
    const t = texts[i % texts.length]!;
    const start = 40 + Math.floor(random() * (t.text.length - 200));
    const passage: Passage = { type: 'passage', id: `p${i}`, sourceSha256: t.sha256, selectors: createSelectors(t, start, start + 60), rects: [], speakers: [], createdAt: T };
    await ws.commit('bench', { type: 'passage.created', payload: { passage } });
    const evidence: Evidence = { type: 'evidence', id: `e${i}`, claimId: `c${i % BENCH_CLAIMS}`, passageId: passage.id, relation: 'supports', note: '', actor: 'bench', attachedAt: T };
    await ws.commit('bench', { type: 'evidence.attached', payload: { evidence } });
  }
  const lines = ws.lines();
  const tree = new MerkleTree();
  for (const line of lines) tree.appendData(toUtf8(line));
  const head = { workspace: id, size: tree.size, root: toHex(tree.root()), time: T };
  const signature = new Uint8Array(await crypto.subtle.sign('Ed25519', pair.privateKey, checkpointMessage(head) as Uint8Array<ArrayBuffer>));
  const checkpoint: Checkpoint = { ...head, publicKey, signature: toBase64(signature) };
  return { input: { ...ws.rows(), ledgerLines: lines, checkpoint, verifyPage: VERIFY_PAGE_HTML, sourceFiles: files }, files };
}

/** The zip-only baseline: the packet's payload files (same bytes, same store/deflate choice) zipped with fflate. */
function zipBaseline(input: PacketInput): number {
  const entries: Zippable = {
    'data/packet.json': toUtf8(toCanonicalJson(toPacketJson(input))),
    'data/ledger.jsonl': toUtf8(input.ledgerLines.map((l) => `${l}\n`).join('')),
    'verify.html': toUtf8(input.verifyPage),
  };
  for (const t of input.sourceTexts) entries[`data/texts/${t.sha256}.json`] = toUtf8(toCanonicalJson(t));
  for (const [sha, bytes] of input.sourceFiles ?? []) entries[`data/sources/${sha}.pdf`] = [bytes, { level: 0 }];
  const t0 = performance.now();
  const zip = zipSync(entries, { level: 6 });
  const ms = performance.now() - t0;
  if (zip.length === 0) throw new Error('export bench: the baseline zip is empty');
  return ms;
}

/** A second baseline: every file the packet holds (derived files and tag files too), zipped with the packet's store/deflate choices. */
function zipPacketFiles(files: Map<string, Uint8Array>): number {
  const entries: Zippable = {};
  for (const [path, bytes] of files) entries[path] = path.startsWith('data/sources/') ? [bytes, { level: 0 }] : bytes;
  const t0 = performance.now();
  const zip = zipSync(entries, { level: 6 });
  const ms = performance.now() - t0;
  if (zip.length === 0) throw new Error('export bench: the packet-files zip is empty');
  return ms;
}

const benches: Bench[] = [
  {
    name: 'export',
    summary: `packet export of ${BENCH_EVIDENCE} evidence items and ${BENCH_SOURCE_MB} MB of sources (buildPacket, sources included) vs zipping the same bytes with fflate; peak memory; verify time`,
    async run() {
      const { input } = await generate();
      const label = `${BENCH_EVIDENCE / 1000}k evidence, ${BENCH_SOURCE_MB} MB`;
      const zipMs = zipBaseline(input);
      sample();
      const baseRss = process.memoryUsage().rss;
      peakRss = 0;
      peakHeap = 0;
      const t0 = performance.now();
      const packet = buildPacket(input, { includeSources: true, onProgress: sample, sha256: nativeSha256, crc32: nativeCrc32 });
      const exportMs = performance.now() - t0;
      sample();
      const t1 = performance.now();
      const read = readPacket(packet, { sha256: nativeSha256 });
      if (!read.ok) throw new Error(`export bench: the packet does not read: ${read.error}`);
      const verdict = await verifyPacket(read.value.bag, { sha256: nativeSha256 });
      const verifyMs = performance.now() - t1;
      const t2 = performance.now();
      const pureJs = buildPacket(input, { includeSources: true });
      const pureJsMs = performance.now() - t2;
      if (Buffer.compare(pureJs, packet) !== 0) throw new Error('export bench: the pure-JS SHA-256 export differs from the native one');
      // The renderer's export worker: source files hashed first with WebCrypto (Node's is the same API), the rest in pure JS.
      const t3 = performance.now();
      const workerSha256 = await sha256WithSourceDigests(input.sourceFiles, globalThis.crypto.subtle);
      const worker = buildPacket(input, { includeSources: true, ...(workerSha256 ? { sha256: workerSha256 } : {}) });
      const workerMs = performance.now() - t3;
      if (Buffer.compare(worker, packet) !== 0) throw new Error("export bench: the export worker's hashing gives other bytes than the native one");
      if (!verdict.ok) throw new Error(`export bench: the packet does not verify: ${verdict.firstFailure?.name}: ${verdict.firstFailure?.detail}`);
      const zipAllMs = zipPacketFiles(read.value.bag.files);
      const mb = 1024 * 1024;
      return [
        figure('export', `export ms (${label}, ${input.ledgerLines.length} entries) vs zip-only ms`, exportMs, zipMs, '≤ 2'),
        figure('export', `export ms (${label}) vs zip-only ms of every file the packet holds (annotations, reports, checkpoint too)`, exportMs, zipAllMs, '≤ 2'),
        figure('export', `peak RSS MB during export (${label}; ${(packet.length / mb).toFixed(0)} MB packet; ${(baseRss / mb).toFixed(0)} MB before)`, peakRss / mb, null, '< 4096'),
        figure('export', `peak heap+buffers MB during export (${label})`, peakHeap / mb, null, '< 4096'),
        figure('export', `verify ms (${label}: readPacket + verifyPacket)`, verifyMs, null, '< 120000'),
        figure('export', `export ms as the renderer's worker does it (${label}; sources hashed by WebCrypto first, the rest in pure JS) vs zip-only ms`, workerMs, zipMs, '≤ 2'),
        figure('export', `export ms with only the pure-JS SHA-256 (${label}; verify.html's hash) vs zip-only ms`, pureJsMs, zipMs, '≤ 2'),
      ];
    },
  },
];

export default benches;
