// The headless check (issue 8 item 3): a fresh in-memory workspace with its own Ed25519 key; the draft,
// every source in the folder and the reference bindings recorded as ledger entries; every quotation
// searched in every source text, what is found attached as evidence by `auto-check`, what is not flagged
// in the claim's note; the cited-page check over that evidence; a signed checkpoint over the whole ledger;
// the packet written atomically. Entries carry real time, so two runs give two different, valid packets.
import { randomUUID, webcrypto } from 'node:crypto';
import path from 'node:path';
import { cueTimeRange, unitsInRange, createSelectors } from '../../shared/anchor/selectors.ts';
import { checkCitedPages, type PageFinding } from '../../shared/check/page-check.ts';
import { CorpusTooLargeError, checkQuote, classifyCandidate, prepareCorpus, type QuoteCorpus, quoteFinding, type QuoteCandidate, type QuoteCheck, type QuoteStatus } from '../../shared/check/quote-check.ts';
import { auditClaim } from '../../shared/draft/audit.ts';
import { DRAFT_MAX_CHARS } from '../../shared/draft/parse.ts';
import { createDraftRows } from '../../shared/draft/rows.ts';
import { toHex } from '../../shared/hash.ts';
import { toBase64 } from '../../shared/ledger/base64.ts';
import { checkpointMessage, verifyCheckpointSignature, type Checkpoint } from '../../shared/ledger/checkpoint.ts';
import { MAX_CSL_BYTES, MAX_NAME_LENGTH, MAX_NOTE_LENGTH } from '../../shared/ledger/limits.ts';
import { MerkleTree } from '../../shared/ledger/merkle.ts';
import { AUTO_CHECK_ACTOR } from '../../shared/packet/annotations.ts';
import { buildPacket } from '../../shared/packet/packet.ts';
import { VERIFY_PAGE_HTML } from '../../shared/packet/verify-page.generated.ts';
import type { Claim, Evidence, Marker, Passage, Source } from '../../shared/types/domain.ts';
import type { LedgerEvent } from '../../shared/types/events.ts';
import type { CharRange, SourceText, TextUnit } from '../../shared/types/text.ts';
import { CommitError, MemoryWorkspace } from '../../shared/workspace/memory.ts';
import { toUtf8 } from '../../shared/hash.ts';
import { AUDIT_MAX_DRAFT_BYTES } from '../commands/audit.ts';
import { UsageError } from '../command.ts';
import { nativeCrc32 } from '../native-crc32.ts';
import { nativeSha256 } from '../native-sha256.ts';
import { readTextFile } from '../read-input.ts';
import { checkWritableTarget, writeFileAtomic } from './atomic.ts';
import { bindReferences, type Binding } from './references.ts';
import { cslForReference } from '../../shared/references/csl.ts';
import { scanSources, type ScannedSource, type SkippedFile } from './scan.ts';

/** The findings `check` reports per claim, in the order they are listed (DESIGN.md, CLI check). */
export const CHECK_FINDINGS = ['quote-found', 'quote-not-found', 'possible-misquote', 'page-mismatch', 'uncited', 'flagged'] as const;
/** One `check` finding. */
export type CheckFinding = (typeof CHECK_FINDINGS)[number];

/** One evidence item attached by the check, as in the `check --json` shape. */
export interface CheckEvidence {
  /** The source's SHA-256. */
  sha256: string;
  /** The units (pages or cues) the passage touches. */
  units: TextUnit[];
  /** True when the source has the quotation verbatim. */
  exact: boolean;
  /** The passage's text. */
  text: string;
}

/** The check of one claim. */
export interface ClaimReport {
  /** The claim's index in the draft. */
  index: number;
  /** The claim's text. */
  text: string;
  /** Findings, in CHECK_FINDINGS order, each once. */
  findings: CheckFinding[];
  /** Evidence attached by auto-check. */
  evidence: CheckEvidence[];
  /** The status of each quotation, in claim order. */
  quotes: QuoteStatus[];
  /** Lines for people: where each quotation was found or why it was flagged. */
  details: string[];
}

/** What a run of the check did. */
export interface CheckReport {
  /** The packet written. */
  packet: string;
  /** The new workspace's id. */
  workspaceId: string;
  /** Ledger entries in the packet. */
  entries: number;
  /** Sources imported. */
  sources: Source[];
  /** How each reference number was bound (or why not). */
  bindings: Binding[];
  /** Files in the sources folder not imported. */
  skipped: SkippedFile[];
  /** One report per claim, in draft order. */
  claims: ClaimReport[];
}

/** Options of runCheck. */
export interface CheckOptions {
  /** The draft file. */
  draft: string;
  /** The sources folder. */
  sources: string;
  /** The packet file to write. */
  out: string;
  /** Put the source files into the packet (default: excerpts only). */
  includeSources?: boolean;
  /** Progress lines, for stderr. */
  onProgress?(line: string): void;
  /** Called with the temp file's path before it is renamed to `out` (tests inject failures). */
  beforeRename?(tempPath: string): void | Promise<void>;
}

interface SigningPair {
  privateKey: webcrypto.CryptoKey;
  publicKey: string;
}

async function newSigningKey(): Promise<SigningPair> {
  // Non-extractable, as the app's store makes it: the key signs this packet's checkpoint and is then dropped.
  const pair = (await webcrypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as unknown as webcrypto.CryptoKeyPair;
  const raw = new Uint8Array(await webcrypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: toBase64(raw) };
}

async function signCheckpoint(workspaceId: string, lines: readonly string[], key: SigningPair): Promise<Checkpoint> {
  const tree = new MerkleTree();
  for (const line of lines) tree.appendData(toUtf8(line));
  const head = { workspace: workspaceId, size: tree.size, root: toHex(tree.root()), time: new Date().toISOString() };
  const signature = new Uint8Array(await webcrypto.subtle.sign('Ed25519', key.privateKey, checkpointMessage(head) as Uint8Array<ArrayBuffer>));
  const checkpoint: Checkpoint = { ...head, publicKey: key.publicKey, signature: toBase64(signature) };
  const valid = verifyCheckpointSignature(checkpoint);
  if (!valid.ok) throw new Error(`the checkpoint just signed does not verify: ${valid.error}`);
  return checkpoint;
}

function normalRef(ref: string): string {
  return /^\d+$/.test(ref) ? String(Number(ref)) : ref;
}

function oneLine(text: string, max = 80): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function describeUnits(units: readonly TextUnit[], source: Source | undefined, range: CharRange): string {
  const first = units[0];
  const last = units[units.length - 1];
  const name = source?.fileName ?? '?';
  if (!first || !last) return name;
  if (first.kind === 'page') {
    const pages = first === last ? `page ${first.label}` : `pages ${first.label}–${last.kind === 'page' ? last.label : ''}`;
    return `${name}, ${pages} (PDF page ${first.index + 1})`;
  }
  const time = cueTimeRange(units, range[0], range[1]);
  return time ? `${name}, ${time[0].toFixed(1)}–${time[1].toFixed(1)} s (cue ${first.index + 1})` : name;
}

function diffText(candidate: QuoteCandidate): string {
  return (candidate.diff ?? [])
    .filter((p) => p.op !== 'equal')
    .map((p) => `${p.op === 'delete' ? 'draft has' : 'source has'} “${oneLine(p.text, 40)}”`)
    .join(', ');
}

// Among found candidates, one in a source the claim cites wins over one elsewhere.
function chooseFound(check: QuoteCheck, cited: ReadonlySet<string>): QuoteCandidate | undefined {
  const found = check.candidates.filter((c) => classifyCandidate(c) === 'found');
  return found.find((c) => cited.has(c.sha256)) ?? found[0];
}

function describePageFinding(f: PageFinding, sources: ReadonlyMap<string, Source>, evidenceSource: ReadonlyMap<string, string>): string | null {
  if (f.type === 'page-mismatch') {
    const source = sources.get(evidenceSource.get(f.evidenceId) ?? '');
    return `page mismatch: [${f.ref}] cites ${f.expected}, but the quotation is on printed page ${f.actual.join(', ')} of ${source?.fileName ?? 'the source'}`;
  }
  if (f.type === 'locator-unparseable') return `page locator of [${f.ref}] not checked: ${f.message}`;
  return `page of [${f.ref}]: ${f.locators.join(', ')} not checked: ${f.reason}`;
}

/**
 * Runs the whole check and writes the packet; resolves to what it did. Throws UsageError naming the file
 * for bad input (missing or unreadable draft or folder, an unwritable OUT); a source that cannot be read
 * is skipped (listed in `skipped`), never fatal. Nothing is written unless the whole packet is.
 */
export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const progress = (line: string) => options.onProgress?.(line);
  await checkWritableTarget(options.out);
  const draftText = await readTextFile(options.draft, { limit: AUDIT_MAX_DRAFT_BYTES, what: 'draft' });
  if (draftText.length > DRAFT_MAX_CHARS) throw new UsageError(`${options.draft}: the draft has ${draftText.length} characters; the limit is ${DRAFT_MAX_CHARS}`);
  const now = () => new Date();
  const draftName = path.basename(options.draft);
  const rows = createDraftRows({ text: draftText, fileName: draftName, origin: /\.(md|markdown)$/i.test(draftName) ? 'md' : 'txt', importedAt: now().toISOString() }, () => randomUUID());
  if (!rows.ok) throw new UsageError(rows.error.startsWith(draftName) ? `${options.draft}${rows.error.slice(draftName.length)}` : `${options.draft}: ${rows.error}`);

  const scan = await scanSources(options.sources, { now: now().toISOString(), onProgress: progress });
  for (const s of scan.skipped) progress(`warning: skipped ${s.reason}`);

  const ws = MemoryWorkspace.create();
  const commit = (event: LedgerEvent) => ws.commit(AUTO_CHECK_ACTOR, event, now());
  const key = await newSigningKey();
  const workspaceId = randomUUID();
  const name = `check of ${rows.value.draft.title}`.slice(0, MAX_NAME_LENGTH);
  await commit({ type: 'workspace.created', payload: { workspace: { type: 'workspace', id: workspaceId, name, publicKey: key.publicKey, createdAt: now().toISOString() } } });
  await commit({ type: 'draft.imported', payload: rows.value });
  progress(`draft ${draftName}: ${rows.value.claims.length} claims, ${rows.value.claims.reduce((n, c) => n + c.quotes.length, 0)} quotations, references ${rows.value.references.map((r) => r.ref).join(', ') || '(none)'}`);
  // A source the ledger cannot take (past an entry size limit) is skipped like an unreadable one; the commit changed nothing.
  const imported: ScannedSource[] = [];
  for (const s of scan.sources) {
    if (s.source.recordingSha256 !== null && !imported.some((r) => r.source.sha256 === s.source.recordingSha256)) s.source.recordingSha256 = null;
    try {
      await commit({ type: 'source.added', payload: { source: s.source, text: s.text } });
      imported.push(s);
    } catch (error: unknown) {
      if (!(error instanceof CommitError)) throw error;
      const reason = `${s.file}: cannot be recorded in the ledger (${error.message})`;
      scan.skipped.push({ file: s.file, reason });
      progress(`warning: skipped ${reason}`);
    }
  }

  // Bind references.
  const bindings = bindReferences(
    rows.value.references.map((r) => r.ref),
    imported.map((s) => s.source),
    scan.referenceItems,
    imported.flatMap((s) => (s.text ? [s.text] : [])),
  );
  const boundSha = new Map<string, string | null>();
  for (const b of bindings) {
    boundSha.set(b.ref, b.sourceSha256);
    progress(`reference [${b.ref}]: ${b.sourceSha256 === null ? `not bound: ${b.detail}` : b.detail}`);
    if (b.sourceSha256 === null) continue;
    const csl = cslForReference(b.csl);
    if (b.csl !== null && csl === null) progress(`warning: the reference-list item of [${b.ref}] is larger than ${MAX_CSL_BYTES} bytes; bound without it`);
    const draftId = rows.value.draft.id;
    await commit({ type: 'reference.bound', payload: { reference: { type: 'reference', id: `${draftId}#${b.ref}`, draftId, ref: b.ref, sourceSha256: b.sourceSha256, csl } } });
  }

  // Locate every quotation.
  const texts = imported.flatMap((s) => (s.text ? [s.text] : []));
  const textBySha = new Map<string, SourceText>(texts.map((t) => [t.sha256, t]));
  const sourceBySha = new Map<string, Source>(imported.map((s) => [s.source.sha256, s.source]));
  let corpus: QuoteCorpus;
  try {
    corpus = prepareCorpus(texts);
  } catch (error: unknown) {
    if (error instanceof CorpusTooLargeError) throw new UsageError(`${options.sources}: ${error.message}`);
    throw error;
  }
  const passageByRange = new Map<string, Passage>();
  const reports: ClaimReport[] = [];
  const notes: { claim: Claim; note: string }[] = [];
  const claims = [...rows.value.claims].sort((a, b) => a.index - b.index);
  const quoteCount = claims.reduce((n, c) => n + c.quotes.length, 0);
  let searched = 0;
  for (const claim of claims) {
    const found = new Set<CheckFinding>();
    const details: string[] = [];
    const flags: string[] = [];
    const evidenceJson: CheckEvidence[] = [];
    const evidenceRows: Evidence[] = [];
    const statuses: QuoteStatus[] = [];
    const cited = new Set(claim.markers.flatMap((m: Marker) => (m.ref === null ? [] : [boundSha.get(normalRef(m.ref)) ?? null])).filter((s): s is string => s !== null));
    for (const quote of claim.quotes) {
      const check = checkQuote(corpus, quote);
      searched++;
      statuses.push(check.status);
      progress(`quotation ${searched} of ${quoteCount} (claim ${claim.index}): ${check.status}`);
      found.add(quoteFinding(check.status));
      const label = `“${oneLine(quote.text, 60)}”`;
      if (check.status !== 'found') {
        const best = check.candidates[0];
        const why =
          check.status === 'possible-misquote' && best
            ? `possible misquote: ${label}; closest is ${describeUnits(best.units, sourceBySha.get(best.sha256), best.range)} (score ${best.score.toFixed(3)}): ${diffText(best)}`
            : `quotation not found in any source: ${label}${check.note ? ` (${check.note})` : ''}`;
        details.push(why);
        flags.push(why);
        continue;
      }
      const candidate = chooseFound(check, cited);
      const text = candidate ? textBySha.get(candidate.sha256) : undefined;
      if (!candidate || !text) continue;
      const [start, end] = candidate.range;
      const rangeKey = `${candidate.sha256}:${start}:${end}`;
      let passage = passageByRange.get(rangeKey);
      if (!passage) {
        const units = unitsInRange(text, start, end);
        const speakers = [...new Set(units.flatMap((u) => (u.kind === 'cue' && u.speaker !== null ? [u.speaker] : [])))];
        passage = { type: 'passage', id: randomUUID(), sourceSha256: candidate.sha256, selectors: createSelectors(text, start, end), rects: [], speakers, createdAt: now().toISOString() };
        await commit({ type: 'passage.created', payload: { passage } });
        passageByRange.set(rangeKey, passage);
      }
      const passageId = passage.id;
      if (evidenceRows.some((e) => e.passageId === passageId)) continue;
      const how = candidate.exact ? 'exact' : `fuzzy, score ${candidate.score.toFixed(3)}`;
      const evidence: Evidence = { type: 'evidence', id: randomUUID(), claimId: claim.id, passageId, relation: 'supports', note: `quote found by auto-check (${how})`, actor: AUTO_CHECK_ACTOR, attachedAt: now().toISOString() };
      await commit({ type: 'evidence.attached', payload: { evidence } });
      evidenceRows.push(evidence);
      const units = unitsInRange(text, start, end);
      evidenceJson.push({ sha256: candidate.sha256, units, exact: candidate.exact, text: text.text.slice(start, end) });
      details.push(`found ${label} in ${describeUnits(units, sourceBySha.get(candidate.sha256), [start, end])} (${how})`);
    }
    // Cited pages: the claim's markers against where its evidence lies.
    const bindingsOfClaim = new Map<string, string | null>();
    for (const m of claim.markers) if (m.ref !== null) bindingsOfClaim.set(m.ref, boundSha.get(normalRef(m.ref)) ?? null);
    const passageOf = new Map([...passageByRange.values()].map((p) => [p.id, p]));
    const evidenceSource = new Map<string, string>();
    const locations = evidenceRows.map((e) => {
      const p = passageOf.get(e.passageId)!;
      evidenceSource.set(e.id, p.sourceSha256);
      return { id: e.id, sourceSha256: p.sourceSha256, range: [p.selectors.position.start, p.selectors.position.end] as [number, number] };
    });
    const pageFindings = checkCitedPages({ markers: claim.markers, bindings: bindingsOfClaim, evidence: locations, sources: sourceBySha, texts: textBySha });
    for (const f of pageFindings) {
      if (f.type === 'page-mismatch') found.add('page-mismatch');
      const line = describePageFinding(f, sourceBySha, evidenceSource);
      if (line) {
        details.push(line);
        if (f.type === 'page-mismatch') flags.push(line);
      }
    }
    const audit = auditClaim(claim);
    if (audit.findings.includes('uncited')) found.add('uncited');
    if (audit.findings.includes('flagged')) {
      found.add('flagged');
      details.push(`flagged: ${audit.flags.map((f) => `[${f}]`).join(' ')}`);
    }
    for (const m of claim.markers) {
      if (m.ref !== null && /^\d+$/.test(m.ref) && (boundSha.get(normalRef(m.ref)) ?? null) === null) details.push(`reference [${m.ref}] is bound to no source`);
    }
    if (flags.length > 0) notes.push({ claim, note: `auto-check: ${flags.join('; ')}`.slice(0, MAX_NOTE_LENGTH) });
    reports.push({ index: claim.index, text: claim.text, findings: CHECK_FINDINGS.filter((f) => found.has(f)), evidence: evidenceJson, quotes: statuses, details });
  }
  // What is not found or cited wrongly is flagged in the claim's note, so the packet's reports show it.
  for (const { claim, note } of notes) await commit({ type: 'claim.note-set', payload: { claimId: claim.id, from: claim.note, to: note } });

  // The ledger records the export; the checkpoint covers that entry too.
  const evidenceCount = ws.all('evidence').length;
  await commit({
    type: 'packet.exported',
    payload: { fileName: path.basename(options.out).slice(0, MAX_NAME_LENGTH), checkpointSize: ws.size + 1, claims: ws.all('claims').length, evidence: evidenceCount, includesSources: options.includeSources === true },
  });
  const lines = ws.lines();
  const checkpoint = await signCheckpoint(workspaceId, lines, key);
  progress(`checkpoint: ${checkpoint.size} entries, root ${checkpoint.root.slice(0, 16)}…, signed`);
  const sourceFiles = new Map(imported.map((s) => [s.source.sha256, s.bytes]));
  let shownQuarter = -1;
  const zip = buildPacket(
    { ...ws.rows(), ledgerLines: lines, checkpoint, verifyPage: VERIFY_PAGE_HTML, ...(options.includeSources ? { sourceFiles } : {}) },
    {
      includeSources: options.includeSources === true,
      sha256: nativeSha256,
      crc32: nativeCrc32,
      onProgress: (p) => {
        const quarter = p.total === 0 ? 4 : Math.floor((4 * p.done) / p.total);
        if (quarter > shownQuarter) progress(`packet: ${quarter * 25}% (${p.path})`);
        shownQuarter = Math.max(shownQuarter, quarter);
      },
    },
  );
  await writeFileAtomic(options.out, zip, options.beforeRename ? { beforeRename: options.beforeRename } : {});
  progress(`wrote ${options.out} (${zip.length} bytes)`);
  return { packet: options.out, workspaceId, entries: lines.length, sources: imported.map((s) => s.source), bindings, skipped: scan.skipped, claims: reports };
}
