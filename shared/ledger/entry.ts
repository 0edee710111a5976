// Ledger entries as data: validation of every event's payload (so a replayed or imported ledger with a
// malformed payload is rejected, naming the seq and the field), the canonical line that is hashed, and
// its leaf hash. Rows inside payloads are validated against the domain types' shapes, strictly: an
// unknown field is an error, never silently kept.
import { z } from 'zod';
import type { Claim, Draft, Evidence, Marker, Passage, QuotedSpan, Reference, Source } from '../types/domain.ts';
import { CLAIM_STATUSES, EVIDENCE_RELATIONS } from '../types/domain.ts';
import type { HandoverCheckpoint, LedgerEntry, LedgerEvent, LedgerEventType, Workspace } from '../types/events.ts';
import { LEDGER_EVENT_TYPES } from '../types/events.ts';
import type { PassageSelectors } from '../types/selectors.ts';
import { MEDIA_FRAGMENT_SPEC, PDF_FRAGMENT_SPEC } from '../types/selectors.ts';
import type { SourceText, TextUnit } from '../types/text.ts';
import type { Result } from '../types/result.ts';
import { isCanonicalText, toCanonicalJson } from './canonical.ts';
import {
  MAX_ACTOR_LENGTH,
  MAX_CLAIMS_PER_DRAFT,
  MAX_CSL_BYTES,
  MAX_CUE_WORDS,
  MAX_DRAFT_TEXT_LENGTH,
  MAX_ENTRY_BYTES,
  MAX_ID_LENGTH,
  MAX_MARKERS,
  MAX_NAME_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_PAGE_OFFSET,
  MAX_PASSAGE_RECTS,
  MAX_PASSAGE_SPEAKERS,
  MAX_QUOTE_LENGTH,
  MAX_REFERENCES_PER_DRAFT,
  MAX_SOURCE_TEXT_LENGTH,
  MAX_TEXT_UNITS,
  MAX_TEXT_WORDS,
} from './limits.ts';
import { leafHash } from './merkle.ts';

const encoder = new TextEncoder();

/** ISO 8601 date-time with seconds and an explicit zone, as `Date.prototype.toISOString` writes it. */
export const ISO_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

const id = z.string().min(1).max(MAX_ID_LENGTH);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');
const time = z.string().regex(ISO_TIME_PATTERN, 'must be an ISO 8601 date-time');
const nat = z.int().nonnegative();
const finite = z.number().finite();
const name = z.string().max(MAX_NAME_LENGTH);
const note = z.string().max(MAX_NOTE_LENGTH);
const label = z.string().max(200);
const pageOffset = z.int().min(-MAX_PAGE_OFFSET).max(MAX_PAGE_OFFSET);
const range = z.tuple([nat, nat]).refine(([s, e]) => s <= e, 'start must not exceed end');

const marker: z.ZodType<Marker> = z.strictObject({
  raw: label,
  ref: label.nullable(),
  locator: label.nullable(),
  flag: label.nullable(),
  offset: nat,
});

const quotedSpan: z.ZodType<QuotedSpan> = z.strictObject({ text: z.string().max(MAX_QUOTE_LENGTH), range });

const draft: z.ZodType<Draft> = z.strictObject({
  type: z.literal('draft'),
  id,
  title: name,
  fileName: name.nullable(),
  origin: z.enum(['txt', 'md', 'docx', 'paste', 'html']),
  sha256,
  text: z.string().max(MAX_DRAFT_TEXT_LENGTH),
  orphans: z.array(marker).max(MAX_MARKERS),
  revisionOf: id.nullable(),
  importedAt: time,
});

const claim: z.ZodType<Claim> = z.strictObject({
  type: z.literal('claim'),
  id,
  draftId: id,
  index: nat,
  text: z.string().max(MAX_DRAFT_TEXT_LENGTH),
  range,
  markers: z.array(marker).max(MAX_MARKERS),
  quotes: z.array(quotedSpan).max(MAX_MARKERS),
  status: z.enum(CLAIM_STATUSES),
  note,
  changedSinceEvidence: z.boolean(),
});

const csl = z
  .record(z.string(), z.unknown())
  .refine((v) => {
    try {
      return encoder.encode(toCanonicalJson(v)).length <= MAX_CSL_BYTES;
    } catch {
      return false;
    }
  }, `must be JSON of at most ${MAX_CSL_BYTES} bytes`);

const reference: z.ZodType<Reference> = z.strictObject({
  type: z.literal('reference'),
  id,
  draftId: id,
  ref: label,
  sourceSha256: sha256.nullable(),
  csl: csl.nullable(),
});

const source: z.ZodType<Source> = z.strictObject({
  type: z.literal('source'),
  sha256,
  kind: z.enum(['pdf', 'transcript', 'recording']),
  fileName: name,
  mediaType: label,
  size: nat,
  title: name,
  author: name.nullable(),
  unitCount: nat,
  recordingSha256: sha256.nullable(),
  replaces: sha256.nullable(),
  pageOffset: pageOffset,
  addedAt: time,
});

const textUnit: z.ZodType<TextUnit> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('page'), index: nat, label, range, noText: z.boolean().optional() }),
  z.strictObject({
    kind: z.literal('cue'),
    index: nat,
    id: label.optional(),
    time: z.tuple([finite, finite]),
    speaker: name.nullable(),
    range,
    words: z
      .array(z.strictObject({ range, time: z.tuple([finite, finite]).refine(([s, e]) => s <= e, 'a word must not end before it starts') }))
      .max(MAX_CUE_WORDS)
      .optional(),
  }),
]);

const sourceText: z.ZodType<SourceText> = z.strictObject({
  type: z.literal('source-text'),
  sha256,
  kind: z.enum(['pdf', 'transcript']),
  text: z.string().max(MAX_SOURCE_TEXT_LENGTH),
  units: z
    .array(textUnit)
    .max(MAX_TEXT_UNITS)
    .refine((units) => units.reduce((n, u) => n + (u.kind === 'cue' ? (u.words?.length ?? 0) : 0), 0) <= MAX_TEXT_WORDS, `more than ${MAX_TEXT_WORDS} timed words`),
});

const selectors: z.ZodType<PassageSelectors> = z.strictObject({
  quote: z.strictObject({
    type: z.literal('TextQuoteSelector'),
    exact: z.string().min(1).max(MAX_QUOTE_LENGTH),
    prefix: z.string().max(32),
    suffix: z.string().max(32),
  }),
  position: z.strictObject({ type: z.literal('TextPositionSelector'), start: nat, end: nat }),
  fragment: z.strictObject({
    type: z.literal('FragmentSelector'),
    conformsTo: z.enum([PDF_FRAGMENT_SPEC, MEDIA_FRAGMENT_SPEC]),
    value: label,
  }),
});

const passage: z.ZodType<Passage> = z.strictObject({
  type: z.literal('passage'),
  id,
  sourceSha256: sha256,
  selectors,
  rects: z.array(z.strictObject({ page: nat, x: finite, y: finite, width: finite, height: finite })).max(MAX_PASSAGE_RECTS),
  speakers: z.array(name).max(MAX_PASSAGE_SPEAKERS),
  createdAt: time,
});

const evidence: z.ZodType<Evidence> = z.strictObject({
  type: z.literal('evidence'),
  id,
  claimId: id,
  passageId: id,
  relation: z.enum(EVIDENCE_RELATIONS),
  note,
  actor: z.string().min(1).max(MAX_ACTOR_LENGTH),
  attachedAt: time,
});

const publicKey = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be base64 of 32 bytes');

const workspace: z.ZodType<Workspace> = z.strictObject({
  type: z.literal('workspace'),
  id,
  name: name.min(1),
  publicKey,
  createdAt: time,
});

const handoverCheckpoint: z.ZodType<HandoverCheckpoint> = z.strictObject({
  size: z.int().positive(),
  root: sha256,
  time,
  publicKey,
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'must be base64 of 64 bytes'),
});

type PayloadOf<T extends LedgerEventType> = Extract<LedgerEvent, { type: T }>['payload'];
type PayloadSchemas = { [T in LedgerEventType]: z.ZodType<PayloadOf<T>> };

/** Row validators, for stores and importers that check rows outside an entry. */
export const ROW_SCHEMAS = { draft, claim, reference, source, sourceText, passage, evidence, workspace } as const;

/** One validator per event type's payload. */
export const PAYLOAD_SCHEMAS: PayloadSchemas = {
  'workspace.created': z.strictObject({ workspace }),
  'workspace.renamed': z.strictObject({ from: name, to: name.min(1) }),
  'workspace.key-added': z.strictObject({ publicKey, reason: z.enum(['import', 'rotation']), previous: handoverCheckpoint }),
  'draft.imported': z.strictObject({
    draft,
    claims: z.array(claim).max(MAX_CLAIMS_PER_DRAFT),
    references: z.array(reference).max(MAX_REFERENCES_PER_DRAFT),
  }),
  'draft.revised': z.strictObject({
    draft,
    claims: z.array(claim).max(MAX_CLAIMS_PER_DRAFT),
    references: z.array(reference).max(MAX_REFERENCES_PER_DRAFT),
  }),
  'claim.split': z.strictObject({ claimId: id, claims: z.array(claim).min(2).max(MAX_CLAIMS_PER_DRAFT), evidenceTo: id }),
  'claim.merged': z.strictObject({ claimIds: z.array(id).min(2).max(MAX_CLAIMS_PER_DRAFT), claim }),
  'claim.marker-moved': z.strictObject({ fromClaimId: id, toClaimId: id, offset: nat }),
  'claim.note-set': z.strictObject({ claimId: id, from: note, to: note }),
  'claim.status-set': z.strictObject({ claimId: id, from: z.enum(CLAIM_STATUSES), to: z.enum(CLAIM_STATUSES), note }),
  'source.added': z.strictObject({ source, text: sourceText.nullable() }),
  'source.page-offset-set': z.strictObject({ sha256, from: pageOffset, to: pageOffset }),
  'source.deleted': z.strictObject({ sha256 }),
  'reference.bound': z.strictObject({ reference }),
  'reference.unbound': z.strictObject({ referenceId: id, sourceSha256: sha256 }),
  'passage.created': z.strictObject({ passage }),
  'passage.deleted': z.strictObject({ passageId: id }),
  'evidence.attached': z.strictObject({ evidence }),
  'evidence.detached': z.strictObject({ evidenceId: id }),
  'evidence.note-set': z.strictObject({ evidenceId: id, from: note, to: note }),
  'packet.exported': z.strictObject({ fileName: name, checkpointSize: nat, claims: nat, evidence: nat, includesSources: z.boolean() }),
  'workspace.restored': z.strictObject({ backup: name, size: nat, root: sha256, how: z.enum(['new-workspace', 'in-place']), appended: nat }),
  'source.recording-set': z.strictObject({ transcriptSha256: sha256, from: sha256.nullable(), to: sha256.nullable() }),
  'passage.reanchored': z.strictObject({
    passageId: id,
    fromSha256: sha256,
    toSha256: sha256,
    selectors,
    rects: z.array(z.strictObject({ page: nat, x: finite, y: finite, width: finite, height: finite })).max(MAX_PASSAGE_RECTS),
    how: z.enum(['exact', 'fuzzy']),
    score: z.number().min(0).max(1),
  }),
};

const header = z.strictObject({
  seq: nat,
  time,
  actor: z.string().min(1).max(MAX_ACTOR_LENGTH),
  type: z.enum(LEDGER_EVENT_TYPES),
  payload: z.unknown(),
});

function describeIssues(prefix: string, error: z.ZodError): string {
  const first = error.issues[0];
  if (first === undefined) return `${prefix}: invalid`;
  const where = first.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return `${prefix}${where}: ${first.message}`;
}

function label_(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    const v = value as { seq?: unknown; type?: unknown };
    const seq = typeof v.seq === 'number' ? String(v.seq) : '?';
    return typeof v.type === 'string' ? `entry ${seq} (${v.type.slice(0, 60)})` : `entry ${seq}`;
  }
  return 'entry ?';
}

/** Validates an event's payload; the error names the event type and the field. */
export function validateEvent(event: unknown): Result<LedgerEvent> {
  if (typeof event !== 'object' || event === null) return { ok: false, error: 'event: must be an object' };
  const type = (event as { type?: unknown }).type;
  if (typeof type !== 'string' || !(LEDGER_EVENT_TYPES as readonly string[]).includes(type)) {
    return { ok: false, error: `event: type ${JSON.stringify(type)} is not a ledger event type` };
  }
  const keys = Object.keys(event).filter((k) => k !== 'type' && k !== 'payload');
  if (keys.length > 0) return { ok: false, error: `event ${type}: unexpected field ${keys[0]}` };
  const parsed = PAYLOAD_SCHEMAS[type as LedgerEventType].safeParse((event as { payload?: unknown }).payload);
  if (!parsed.success) return { ok: false, error: describeIssues(`event ${type}: payload`, parsed.error) };
  return { ok: true, value: { type, payload: parsed.data } as LedgerEvent };
}

function checkShape(value: unknown): Result<LedgerEntry> {
  const head = header.safeParse(value);
  if (!head.success) return { ok: false, error: describeIssues(label_(value), head.error) };
  const parsed = PAYLOAD_SCHEMAS[head.data.type].safeParse(head.data.payload);
  if (!parsed.success) return { ok: false, error: describeIssues(`${label_(value)}: payload`, parsed.error) };
  return { ok: true, value: { ...head.data, payload: parsed.data } as LedgerEntry };
}

function checkSize(entry: LedgerEntry, size: number): Result<LedgerEntry> {
  const limit = MAX_ENTRY_BYTES[entry.type];
  if (size > limit) return { ok: false, error: `${label_(entry)}: ${size} bytes, more than the ${limit} allowed for ${entry.type}` };
  return { ok: true, value: entry };
}

/** Validates a whole entry (header, payload, size limit); the error names the seq, type and field. */
export function validateEntry(value: unknown): Result<LedgerEntry> {
  const shape = checkShape(value);
  if (!shape.ok) return shape;
  let size: number;
  try {
    size = encoder.encode(toCanonicalJson(shape.value)).length;
  } catch (error: unknown) {
    return { ok: false, error: `${label_(value)}: ${error instanceof Error ? error.message : String(error)}` };
  }
  return checkSize(shape.value, size);
}

/** The canonical line of a valid entry (what ledger.jsonl holds and the leaf hashes); throws with validateEntry's message when it is invalid. */
export function toEntryLine(entry: LedgerEntry): string {
  const checked = validateEntry(entry);
  if (!checked.ok) throw new Error(checked.error);
  return toCanonicalJson(checked.value);
}

/** Parses one canonical ledger line (`bytes`, when given, must be its UTF-8); fails, naming the seq and field, when it is not JSON, not a valid entry, not in RFC 8785 canonical form, or too large. */
export function fromEntryLine(line: string, bytes?: Uint8Array): Result<LedgerEntry> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, error: 'entry ?: the line is not JSON' };
  }
  const shape = checkShape(value);
  if (!shape.ok) return shape;
  if (!isCanonicalText(line, value)) return { ok: false, error: `${label_(value)}: the line is not in RFC 8785 canonical form` };
  return checkSize(shape.value, (bytes ?? encoder.encode(line)).length);
}

/** RFC 6962 leaf hash of an entry's canonical line (or of its UTF-8 bytes); never throws. */
export function entryLeafHash(line: string | Uint8Array): Uint8Array {
  return leafHash(typeof line === 'string' ? encoder.encode(line) : line);
}
