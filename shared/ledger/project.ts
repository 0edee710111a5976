// The state tables are a projection of the ledger (DESIGN.md, Ledger). `applyEvent` is the one pure
// definition of what an entry does to them: it reads the current state through a StateView and returns
// row operations. The Dexie store applies those operations live, inside the transaction that appends
// the entry; replay applies them to an in-memory state. Same function, so replay equals the live state.
import type { Claim, Draft, Evidence, Passage, Reference, Source } from '../types/domain.ts';
import type { LedgerEntry, LedgerEntryOf, Workspace } from '../types/events.ts';
import type { SourceText } from '../types/text.ts';
import { sha256Hex, toUtf8 } from '../hash.ts';
import { toCanonicalJson } from './canonical.ts';

/** The state tables a ledger projects to, in a fixed order. */
export const STATE_TABLES = ['workspace', 'drafts', 'claims', 'references', 'sources', 'sourceTexts', 'passages', 'evidence'] as const;
/** A state table's name. */
export type StateTable = (typeof STATE_TABLES)[number];

/** The row type of each state table. */
export interface StateRows {
  workspace: Workspace;
  drafts: Draft;
  claims: Claim;
  references: Reference;
  sources: Source;
  sourceTexts: SourceText;
  passages: Passage;
  evidence: Evidence;
}

/** The primary-key field of each state table. */
export const STATE_KEYS = {
  workspace: 'id',
  drafts: 'id',
  claims: 'id',
  references: 'id',
  sources: 'sha256',
  sourceTexts: 'sha256',
  passages: 'id',
  evidence: 'id',
} as const satisfies { [T in StateTable]: keyof StateRows[T] };

/** One change to one state table: put a whole row, or delete a row by key. */
export type RowOp = {
  [T in StateTable]: { op: 'put'; table: T; row: StateRows[T] } | { op: 'delete'; table: T; key: string };
}[StateTable];

/** Read access to the current state, as much as the projection needs (the store answers from indexes). */
export interface StateView {
  /** The row with that key, or undefined. */
  get<T extends StateTable>(table: T, key: string): Promise<StateRows[T] | undefined>;
  /** The workspace row, or undefined before `workspace.created`. */
  workspace(): Promise<Workspace | undefined>;
  /** Every claim of a draft, in any order. */
  claimsOfDraft(draftId: string): Promise<Claim[]>;
  /** Every evidence item on a claim. */
  evidenceOfClaim(claimId: string): Promise<Evidence[]>;
  /** Every evidence item using a passage. */
  evidenceOfPassage(passageId: string): Promise<Evidence[]>;
  /** Every passage in a source. */
  passagesOfSource(sha256: string): Promise<Passage[]>;
  /** Every reference bound to a source. */
  referencesOfSource(sha256: string): Promise<Reference[]>;
}

/** An entry that cannot apply to the current state (a missing row, a stale `from`, a duplicate id). */
export class ProjectionError extends Error {
  /** The entry's seq. */
  readonly seq: number;
  constructor(entry: Pick<LedgerEntry, 'seq' | 'type'>, message: string) {
    super(`entry ${entry.seq} (${entry.type}): ${message}`);
    this.name = 'ProjectionError';
    this.seq = entry.seq;
  }
}

type Check = (condition: boolean, message: string) => asserts condition;

async function must<T extends StateTable>(view: StateView, fail: Check, table: T, key: string, what: string): Promise<StateRows[T]> {
  const row = await view.get(table, key);
  fail(row !== undefined, `${what} ${key} does not exist`);
  return row;
}

async function mustNot(view: StateView, fail: Check, table: StateTable, key: string, what: string): Promise<void> {
  fail((await view.get(table, key)) === undefined, `${what} ${key} already exists`);
}

function shifted(claims: Claim[], from: number, by: number, skip: ReadonlySet<string>): RowOp[] {
  return claims.filter((c) => c.index > from && !skip.has(c.id)).map((c) => ({ op: 'put', table: 'claims', row: { ...c, index: c.index + by } }));
}

async function checkNewDraft(
  view: StateView,
  fail: Check,
  payload: LedgerEntryOf<'draft.imported'>['payload'],
  field: string,
): Promise<RowOp[]> {
  const { draft, claims, references } = payload;
  await mustNot(view, fail, 'drafts', draft.id, 'draft');
  fail(sha256Hex(toUtf8(draft.text)) === draft.sha256, `${field}.draft.sha256 is not the SHA-256 of the draft text`);
  const ids = new Set<string>();
  for (const [i, c] of claims.entries()) {
    fail(c.draftId === draft.id, `claims[${i}].draftId is not the draft's id`);
    fail(c.index === i, `claims[${i}].index is ${c.index}, not ${i}`);
    fail(!ids.has(c.id), `claims[${i}].id ${c.id} is repeated`);
    ids.add(c.id);
    await mustNot(view, fail, 'claims', c.id, `claims[${i}]: claim`);
  }
  const refIds = new Set<string>();
  for (const [i, r] of references.entries()) {
    fail(r.draftId === draft.id, `references[${i}].draftId is not the draft's id`);
    fail(r.id === `${draft.id}#${r.ref}`, `references[${i}].id must be "${draft.id}#${r.ref}"`);
    fail(!refIds.has(r.id), `references[${i}].id ${r.id} is repeated`);
    refIds.add(r.id);
    if (r.sourceSha256 !== null) await must(view, fail, 'sources', r.sourceSha256, `references[${i}]: source`);
  }
  return [
    { op: 'put', table: 'drafts', row: draft },
    ...claims.map((row): RowOp => ({ op: 'put', table: 'claims', row })),
    ...references.map((row): RowOp => ({ op: 'put', table: 'references', row })),
  ];
}

/** The row operations an entry makes on the state seen through `view`; throws a ProjectionError naming the seq when the entry cannot apply. Never writes. */
export async function applyEvent(view: StateView, entry: LedgerEntry): Promise<RowOp[]> {
  const fail: Check = (condition, message) => {
    if (!condition) throw new ProjectionError(entry, message);
  };
  const ws = await view.workspace();
  if (entry.type === 'workspace.created') {
    fail(ws === undefined, 'the workspace already exists');
    fail(entry.seq === 0, 'workspace.created must be entry 0');
    return [{ op: 'put', table: 'workspace', row: entry.payload.workspace }];
  }
  fail(ws !== undefined, 'the ledger must start with workspace.created');
  switch (entry.type) {
    case 'workspace.renamed': {
      fail(ws.name === entry.payload.from, `from is "${entry.payload.from}" but the name is "${ws.name}"`);
      return [{ op: 'put', table: 'workspace', row: { ...ws, name: entry.payload.to } }];
    }
    case 'workspace.key-added': {
      // Keys are not state: verifiers derive them from these entries (verify.ts checks `previous`).
      fail(entry.payload.publicKey !== ws.publicKey, "publicKey is the workspace's own key, which needs no handover");
      fail(entry.payload.previous.size <= entry.seq, `previous covers ${entry.payload.previous.size} entries, but only ${entry.seq} precede this entry`);
      return [];
    }
    case 'draft.imported': {
      fail(entry.payload.draft.revisionOf === null, 'draft.revisionOf must be null for an import (use draft.revised)');
      return checkNewDraft(view, fail, entry.payload, 'payload');
    }
    case 'draft.revised': {
      const of = entry.payload.draft.revisionOf;
      fail(of !== null, 'draft.revisionOf must name the draft revised');
      await must(view, fail, 'drafts', of, 'draft.revisionOf: draft');
      return checkNewDraft(view, fail, entry.payload, 'payload');
    }
    case 'claim.split': {
      const { claimId, claims, evidenceTo } = entry.payload;
      const old = await must(view, fail, 'claims', claimId, 'claim');
      const ids = new Set<string>();
      for (const [i, c] of claims.entries()) {
        fail(c.draftId === old.draftId, `claims[${i}].draftId is not the split claim's draft`);
        fail(c.index === old.index + i, `claims[${i}].index is ${c.index}, not ${old.index + i}`);
        fail(!ids.has(c.id), `claims[${i}].id ${c.id} is repeated`);
        ids.add(c.id);
        if (c.id !== claimId) await mustNot(view, fail, 'claims', c.id, `claims[${i}]: claim`);
      }
      fail(ids.has(evidenceTo), 'evidenceTo must be one of the new claims');
      const siblings = await view.claimsOfDraft(old.draftId);
      const moved = evidenceTo === claimId ? [] : await view.evidenceOfClaim(claimId);
      return [
        ...(ids.has(claimId) ? [] : [{ op: 'delete', table: 'claims', key: claimId } as const]),
        ...shifted(siblings, old.index, claims.length - 1, new Set([claimId])),
        ...claims.map((row): RowOp => ({ op: 'put', table: 'claims', row })),
        ...moved.map((e): RowOp => ({ op: 'put', table: 'evidence', row: { ...e, claimId: evidenceTo } })),
      ];
    }
    case 'claim.merged': {
      const { claimIds, claim } = entry.payload;
      const olds: Claim[] = [];
      for (const [i, cid] of claimIds.entries()) olds.push(await must(view, fail, 'claims', cid, `claimIds[${i}]: claim`));
      const first = olds[0]!;
      for (const [i, c] of olds.entries()) {
        fail(c.draftId === first.draftId, `claimIds[${i}] is in another draft`);
        fail(c.index === first.index + i, `claimIds[${i}] is not consecutive (index ${c.index}, expected ${first.index + i})`);
      }
      fail(claim.draftId === first.draftId, "claim.draftId is not the merged claims' draft");
      fail(claim.index === first.index, `claim.index is ${claim.index}, not ${first.index}`);
      const replaced = new Set(claimIds);
      if (!replaced.has(claim.id)) await mustNot(view, fail, 'claims', claim.id, 'claim');
      const siblings = await view.claimsOfDraft(first.draftId);
      const ops: RowOp[] = [];
      for (const cid of claimIds) if (cid !== claim.id) ops.push({ op: 'delete', table: 'claims', key: cid });
      ops.push(...shifted(siblings, first.index + claimIds.length - 1, -(claimIds.length - 1), replaced));
      ops.push({ op: 'put', table: 'claims', row: claim });
      for (const cid of claimIds) {
        if (cid === claim.id) continue;
        for (const e of await view.evidenceOfClaim(cid)) ops.push({ op: 'put', table: 'evidence', row: { ...e, claimId: claim.id } });
      }
      return ops;
    }
    case 'claim.marker-moved': {
      const { fromClaimId, toClaimId, offset } = entry.payload;
      fail(fromClaimId !== toClaimId, 'fromClaimId and toClaimId are the same claim');
      const from = await must(view, fail, 'claims', fromClaimId, 'fromClaimId: claim');
      const to = await must(view, fail, 'claims', toClaimId, 'toClaimId: claim');
      fail(from.draftId === to.draftId, 'the two claims are in different drafts');
      const marker = from.markers.find((m) => m.offset === offset);
      fail(marker !== undefined, `claim ${fromClaimId} has no marker at offset ${offset}`);
      return [
        { op: 'put', table: 'claims', row: { ...from, markers: from.markers.filter((m) => m !== marker) } },
        { op: 'put', table: 'claims', row: { ...to, markers: [...to.markers, marker].sort((a, b) => a.offset - b.offset) } },
      ];
    }
    case 'claim.note-set': {
      const c = await must(view, fail, 'claims', entry.payload.claimId, 'claim');
      fail(c.note === entry.payload.from, 'from does not match the stored note');
      return [{ op: 'put', table: 'claims', row: { ...c, note: entry.payload.to } }];
    }
    case 'claim.status-set': {
      const c = await must(view, fail, 'claims', entry.payload.claimId, 'claim');
      fail(c.status === entry.payload.from, `from is "${entry.payload.from}" but the status is "${c.status}"`);
      return [{ op: 'put', table: 'claims', row: { ...c, status: entry.payload.to } }];
    }
    case 'source.added': {
      const { source, text } = entry.payload;
      await mustNot(view, fail, 'sources', source.sha256, 'source');
      if (source.kind === 'recording') {
        fail(text === null, 'a recording has no text (text must be null)');
        return [{ op: 'put', table: 'sources', row: source }];
      }
      fail(text !== null, `a ${source.kind} source needs its text`);
      fail(text.sha256 === source.sha256, 'text.sha256 is not the source sha256');
      fail(text.kind === source.kind, 'text.kind is not the source kind');
      for (const [i, u] of text.units.entries()) {
        fail(u.range[1] <= text.text.length, `text.units[${i}].range ends past the text`);
        if (u.kind !== 'cue' || u.words === undefined) continue;
        let after = u.range[0];
        for (const [j, w] of u.words.entries()) {
          fail(w.range[0] >= after && w.range[1] <= u.range[1], `text.units[${i}].words[${j}].range is outside its cue or before the word ahead of it`);
          after = w.range[1];
        }
      }
      return [
        { op: 'put', table: 'sources', row: source },
        { op: 'put', table: 'sourceTexts', row: text },
      ];
    }
    case 'source.page-offset-set': {
      const s = await must(view, fail, 'sources', entry.payload.sha256, 'source');
      fail(s.pageOffset === entry.payload.from, `from is ${entry.payload.from} but the offset is ${s.pageOffset}`);
      return [{ op: 'put', table: 'sources', row: { ...s, pageOffset: entry.payload.to } }];
    }
    case 'source.deleted': {
      const sha = entry.payload.sha256;
      await must(view, fail, 'sources', sha, 'source');
      const passages = await view.passagesOfSource(sha);
      fail(passages.length === 0, `source ${sha} still has ${passages.length} passage(s); delete them first`);
      const refs = await view.referencesOfSource(sha);
      fail(refs.length === 0, `source ${sha} is still bound to reference ${refs[0]?.id ?? ''}; unbind it first`);
      return [
        { op: 'delete', table: 'sources', key: sha },
        { op: 'delete', table: 'sourceTexts', key: sha },
      ];
    }
    case 'reference.bound': {
      const r = entry.payload.reference;
      await must(view, fail, 'drafts', r.draftId, 'reference.draftId: draft');
      fail(r.id === `${r.draftId}#${r.ref}`, `reference.id must be "${r.draftId}#${r.ref}"`);
      fail(r.sourceSha256 !== null, 'reference.sourceSha256 must name the source (use reference.unbound to unbind)');
      await must(view, fail, 'sources', r.sourceSha256, 'reference.sourceSha256: source');
      return [{ op: 'put', table: 'references', row: r }];
    }
    case 'reference.unbound': {
      const r = await must(view, fail, 'references', entry.payload.referenceId, 'reference');
      fail(r.sourceSha256 === entry.payload.sourceSha256, 'sourceSha256 does not match the bound source');
      return [{ op: 'put', table: 'references', row: { ...r, sourceSha256: null } }];
    }
    case 'passage.created': {
      const p = entry.payload.passage;
      await mustNot(view, fail, 'passages', p.id, 'passage');
      await must(view, fail, 'sources', p.sourceSha256, 'passage.sourceSha256: source');
      const { start, end } = p.selectors.position;
      fail(start < end, 'passage.selectors.position must have start < end');
      const text = await view.get('sourceTexts', p.sourceSha256);
      if (text !== undefined) fail(end <= text.text.length, 'passage.selectors.position ends past the source text');
      return [{ op: 'put', table: 'passages', row: p }];
    }
    case 'passage.deleted': {
      const pid = entry.payload.passageId;
      await must(view, fail, 'passages', pid, 'passage');
      const ev = await view.evidenceOfPassage(pid);
      fail(ev.length === 0, `passage ${pid} is still evidence (${ev[0]?.id ?? ''}); detach it first`);
      return [{ op: 'delete', table: 'passages', key: pid }];
    }
    case 'evidence.attached': {
      const e = entry.payload.evidence;
      await mustNot(view, fail, 'evidence', e.id, 'evidence');
      await must(view, fail, 'claims', e.claimId, 'evidence.claimId: claim');
      await must(view, fail, 'passages', e.passageId, 'evidence.passageId: passage');
      fail(e.actor === entry.actor, "evidence.actor must be the entry's actor");
      return [{ op: 'put', table: 'evidence', row: e }];
    }
    case 'evidence.detached': {
      await must(view, fail, 'evidence', entry.payload.evidenceId, 'evidence');
      return [{ op: 'delete', table: 'evidence', key: entry.payload.evidenceId }];
    }
    case 'evidence.note-set': {
      const e = await must(view, fail, 'evidence', entry.payload.evidenceId, 'evidence');
      fail(e.note === entry.payload.from, 'from does not match the stored note');
      return [{ op: 'put', table: 'evidence', row: { ...e, note: entry.payload.to } }];
    }
    case 'packet.exported':
    case 'workspace.restored':
      return [];
    case 'source.recording-set': {
      const t = await must(view, fail, 'sources', entry.payload.transcriptSha256, 'transcript');
      fail(t.kind === 'transcript', 'transcriptSha256 names a source that is not a transcript');
      fail(t.recordingSha256 === entry.payload.from, `from is ${entry.payload.from} but the recording is ${t.recordingSha256}`);
      if (entry.payload.to !== null) {
        const r = await must(view, fail, 'sources', entry.payload.to, 'recording');
        fail(r.kind === 'recording', 'to names a source that is not a recording');
      }
      return [{ op: 'put', table: 'sources', row: { ...t, recordingSha256: entry.payload.to } }];
    }
    case 'passage.reanchored': {
      const { passageId, fromSha256, toSha256, selectors, rects } = entry.payload;
      const p = await must(view, fail, 'passages', passageId, 'passage');
      fail(p.sourceSha256 === fromSha256, `fromSha256 is ${fromSha256} but the passage is in ${p.sourceSha256}`);
      const to = await must(view, fail, 'sources', toSha256, 'toSha256: source');
      fail(to.replaces === fromSha256, `source ${toSha256} does not replace ${fromSha256}`);
      fail(selectors.position.start < selectors.position.end, 'selectors.position must have start < end');
      const text = await view.get('sourceTexts', toSha256);
      if (text !== undefined) fail(selectors.position.end <= text.text.length, 'selectors.position ends past the source text');
      return [{ op: 'put', table: 'passages', row: { ...p, sourceSha256: toSha256, selectors, rects } }];
    }
  }
}

/** The key of a row in its table; never throws. */
export function rowKey<T extends StateTable>(table: T, row: StateRows[T]): string {
  return (row as unknown as Record<string, string>)[STATE_KEYS[table]]!;
}

/** An in-memory projection: the state tables as maps, answering the StateView queries by scanning. */
export class MemoryState implements StateView {
  /** The rows of each table by key. */
  readonly tables: { [T in StateTable]: Map<string, StateRows[T]> } = {
    workspace: new Map(),
    drafts: new Map(),
    claims: new Map(),
    references: new Map(),
    sources: new Map(),
    sourceTexts: new Map(),
    passages: new Map(),
    evidence: new Map(),
  };
  /** The seq of the entry that last wrote each row, by `table/key` (also for deleted rows). */
  readonly lastWriter = new Map<string, number>();

  get<T extends StateTable>(table: T, key: string): Promise<StateRows[T] | undefined> {
    return Promise.resolve(this.tables[table].get(key));
  }
  workspace(): Promise<Workspace | undefined> {
    return Promise.resolve(this.tables.workspace.values().next().value);
  }
  claimsOfDraft(draftId: string): Promise<Claim[]> {
    return Promise.resolve([...this.tables.claims.values()].filter((c) => c.draftId === draftId));
  }
  evidenceOfClaim(claimId: string): Promise<Evidence[]> {
    return Promise.resolve([...this.tables.evidence.values()].filter((e) => e.claimId === claimId));
  }
  evidenceOfPassage(passageId: string): Promise<Evidence[]> {
    return Promise.resolve([...this.tables.evidence.values()].filter((e) => e.passageId === passageId));
  }
  passagesOfSource(sha256: string): Promise<Passage[]> {
    return Promise.resolve([...this.tables.passages.values()].filter((p) => p.sourceSha256 === sha256));
  }
  referencesOfSource(sha256: string): Promise<Reference[]> {
    return Promise.resolve([...this.tables.references.values()].filter((r) => r.sourceSha256 === sha256));
  }

  /** Applies row operations in order, recording `seq` as their writer; never throws. */
  apply(ops: readonly RowOp[], seq: number): void {
    for (const op of ops) {
      const map = this.tables[op.table] as Map<string, unknown>;
      const key = op.op === 'put' ? rowKey(op.table, op.row as never) : op.key;
      if (op.op === 'put') map.set(key, op.row);
      else map.delete(key);
      this.lastWriter.set(`${op.table}/${key}`, seq);
    }
  }

  /** Applies one entry (applyEvent, then apply); throws the ProjectionError when it cannot apply. */
  async applyEntry(entry: LedgerEntry): Promise<void> {
    this.apply(await applyEvent(this, entry), entry.seq);
  }
}

/** Replays entries, in order, into a fresh in-memory projection; throws a ProjectionError naming the first entry that cannot apply. */
export async function replay(entries: Iterable<LedgerEntry>): Promise<MemoryState> {
  const state = new MemoryState();
  for (const entry of entries) await state.applyEntry(entry);
  return state;
}

/** Where two states first differ: a table, a key and what is wrong. */
export interface StateDifference {
  /** The table. */
  table: StateTable;
  /** The row's key. */
  key: string;
  /** `missing` (replay has it, the store does not), `extra` (the store has a row no entry made) or `differs` (the rows differ). */
  problem: 'missing' | 'extra' | 'differs';
  /** For `differs`: the first top-level field that differs. */
  field: string | null;
}

function canonicalOrNull(value: unknown): string | null {
  try {
    return toCanonicalJson(value);
  } catch {
    return null;
  }
}

/** The first difference of stored rows from an expected projection, table by table in STATE_TABLES order, keys sorted; null when they are equal. */
export function diffTable<T extends StateTable>(table: T, expected: Map<string, StateRows[T]>, stored: Map<string, unknown>): StateDifference | null {
  const keys = [...new Set([...expected.keys(), ...stored.keys()])].sort();
  for (const key of keys) {
    const want = expected.get(key);
    const have = stored.get(key);
    if (have === undefined) return { table, key, problem: 'missing', field: null };
    if (want === undefined) return { table, key, problem: 'extra', field: null };
    if (canonicalOrNull(want) === canonicalOrNull(have) && canonicalOrNull(want) !== null) continue;
    const w = want as unknown as Record<string, unknown>;
    const h = (typeof have === 'object' && have !== null ? have : {}) as Record<string, unknown>;
    const fields = [...new Set([...Object.keys(w), ...Object.keys(h)])].sort();
    const field = fields.find((f) => canonicalOrNull(w[f]) !== canonicalOrNull(h[f])) ?? null;
    return { table, key, problem: 'differs', field };
  }
  return null;
}
