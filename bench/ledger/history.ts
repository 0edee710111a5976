// A seeded generator of valid, varied workspace histories: drafts, sources, references, passages,
// evidence, status and note changes, splits, merges, marker moves and deletions. It reads the current
// state from an in-memory projection so every event it makes applies; used by the replay tests and the
// ledger benchmark.
import type { Claim, Marker } from '../../shared/types/domain.ts';
import { CLAIM_STATUSES, EVIDENCE_RELATIONS } from '../../shared/types/domain.ts';
import type { LedgerEvent, Workspace } from '../../shared/types/events.ts';
import { PDF_FRAGMENT_SPEC } from '../../shared/types/selectors.ts';
import { sha256Hex, toUtf8 } from '../../shared/hash.ts';
import { MemoryState } from '../../shared/ledger/project.ts';

/** A deterministic pseudo-random source (mulberry32). */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

const WORDS = ['council', 'budget', 'rose', 'fell', 'percent', 'report', 'minister', 'said', 'données', 'année', '資料', 'révisé', 'ünder', 'the', 'a', 'of'];

function words(rng: Rng, n: number): string {
  return Array.from({ length: n }, () => rng.pick(WORDS)).join(' ');
}

let counter = 0;
function newId(prefix: string, rng: Rng): string {
  counter++;
  return `${prefix}-${counter.toString(36)}-${rng.int(1e9).toString(36)}`;
}

/** The first event of a generated workspace. */
export function workspaceCreated(id: string, publicKey: string): LedgerEvent {
  const workspace: Workspace = { type: 'workspace', id, name: 'Generated workspace', publicKey, createdAt: '2024-05-01T09:00:00.000Z' };
  return { type: 'workspace.created', payload: { workspace } };
}

function makeDraft(rng: Rng, revisionOf: string | null): Extract<LedgerEvent, { type: 'draft.imported' }>['payload'] {
  const id = newId('draft', rng);
  const n = 2 + rng.int(5);
  let text = '';
  const claims: Claim[] = [];
  const refs = new Set<string>();
  for (let i = 0; i < n; i++) {
    const sentence = `${words(rng, 4 + rng.int(6))}.`;
    const start = text.length;
    text += sentence;
    const ref = String(1 + rng.int(6));
    refs.add(ref);
    const marker: Marker = { raw: `[${ref}]`, ref, locator: null, flag: null, offset: text.length };
    text += `${marker.raw} `;
    claims.push({
      type: 'claim',
      id: newId('claim', rng),
      draftId: id,
      index: i,
      text: sentence,
      range: [start, start + sentence.length],
      markers: [marker],
      quotes: [],
      status: 'unreviewed',
      note: '',
      changedSinceEvidence: false,
    });
  }
  return {
    draft: {
      type: 'draft',
      id,
      title: words(rng, 3),
      fileName: rng.int(2) === 0 ? null : 'draft.md',
      origin: rng.pick(['txt', 'md', 'paste'] as const),
      sha256: sha256Hex(toUtf8(text)),
      text,
      orphans: [],
      revisionOf,
      importedAt: '2024-05-01T10:00:00.000Z',
    },
    claims,
    references: [...refs].map((ref) => ({ type: 'reference', id: `${id}#${ref}`, draftId: id, ref, sourceSha256: null, csl: null })),
  };
}

/** The bytes of every generated source file, by SHA-256 (so stores can be given the files). */
export const GENERATED_FILES = new Map<string, Uint8Array>();

function makeSource(rng: Rng): Extract<LedgerEvent, { type: 'source.added' }>['payload'] {
  const bytes = toUtf8(`%PDF-1.7 generated ${newId('file', rng)}`);
  const sha = sha256Hex(bytes);
  GENERATED_FILES.set(sha, bytes);
  const pages = 1 + rng.int(4);
  let text = '';
  const units = [];
  for (let i = 0; i < pages; i++) {
    const start = text.length;
    text += `${words(rng, 20 + rng.int(20))}\n`;
    units.push({ kind: 'page' as const, index: i, label: String(i + 1), range: [start, text.length] as [number, number] });
  }
  return {
    source: {
      type: 'source',
      sha256: sha,
      kind: 'pdf',
      fileName: 'source.pdf',
      mediaType: 'application/pdf',
      size: bytes.length,
      title: words(rng, 3),
      author: rng.int(2) ? null : 'A. Author',
      unitCount: pages,
      recordingSha256: null,
      replaces: null,
      pageOffset: 0,
      addedAt: '2024-05-01T11:00:00.000Z',
    },
    text: { type: 'source-text', sha256: sha, kind: 'pdf', text, units },
  };
}

/** A valid next event for the state (`actor` is the entry's actor, needed for evidence rows); `weights` bias towards cheap events when `light`. */
export function nextEvent(rng: Rng, state: MemoryState, actor: string, light = false): LedgerEvent {
  const t = state.tables;
  const drafts = [...t.drafts.values()];
  const claims = [...t.claims.values()];
  const sources = [...t.sources.values()];
  const passages = [...t.passages.values()];
  const evidence = [...t.evidence.values()];
  const references = [...t.references.values()];
  for (let attempt = 0; attempt < 50; attempt++) {
    const roll = rng.int(light ? 100 : 120);
    if (drafts.length === 0 || roll >= 118) {
      const revise = drafts.length > 0 && rng.int(3) === 0;
      const payload = makeDraft(rng, revise ? rng.pick(drafts).id : null);
      return revise ? { type: 'draft.revised', payload } : { type: 'draft.imported', payload };
    }
    if (sources.length === 0 || roll >= 114) return { type: 'source.added', payload: makeSource(rng) };
    if (roll < 30 && claims.length > 0) {
      const c = rng.pick(claims);
      return { type: 'claim.status-set', payload: { claimId: c.id, from: c.status, to: rng.pick(CLAIM_STATUSES), note: words(rng, 3) } };
    }
    if (roll < 45 && claims.length > 0) {
      const c = rng.pick(claims);
      return { type: 'claim.note-set', payload: { claimId: c.id, from: c.note, to: words(rng, 1 + rng.int(8)) } };
    }
    if (roll < 60 && passages.length > 0 && claims.length > 0) {
      return {
        type: 'evidence.attached',
        payload: {
          evidence: {
            type: 'evidence',
            id: newId('ev', rng),
            claimId: rng.pick(claims).id,
            passageId: rng.pick(passages).id,
            relation: rng.pick(EVIDENCE_RELATIONS),
            note: words(rng, 2),
            actor,
            attachedAt: '2024-05-02T10:00:00.000Z',
          },
        },
      };
    }
    if (roll < 75) {
      const s = rng.pick(sources);
      const text = t.sourceTexts.get(s.sha256);
      if (text === undefined || text.text.length < 10) continue;
      const start = rng.int(text.text.length - 5);
      const end = start + 1 + rng.int(Math.min(40, text.text.length - start - 1));
      return {
        type: 'passage.created',
        payload: {
          passage: {
            type: 'passage',
            id: newId('passage', rng),
            sourceSha256: s.sha256,
            selectors: {
              quote: { type: 'TextQuoteSelector', exact: text.text.slice(start, end), prefix: text.text.slice(Math.max(0, start - 32), start), suffix: text.text.slice(end, end + 32) },
              position: { type: 'TextPositionSelector', start, end },
              fragment: { type: 'FragmentSelector', conformsTo: PDF_FRAGMENT_SPEC, value: 'page=1' },
            },
            rects: [{ page: 0, x: rng.int(500), y: rng.int(700), width: 100.5, height: 12 }],
            speakers: [],
            createdAt: '2024-05-02T09:00:00.000Z',
          },
        },
      };
    }
    if (roll < 80 && evidence.length > 0) {
      const e = rng.pick(evidence);
      return rng.int(2) === 0
        ? { type: 'evidence.detached', payload: { evidenceId: e.id } }
        : { type: 'evidence.note-set', payload: { evidenceId: e.id, from: e.note, to: words(rng, 2) } };
    }
    if (roll < 86 && references.length > 0) {
      const r = rng.pick(references);
      if (r.sourceSha256 !== null && rng.int(2) === 0) return { type: 'reference.unbound', payload: { referenceId: r.id, sourceSha256: r.sourceSha256 } };
      return { type: 'reference.bound', payload: { reference: { ...r, sourceSha256: rng.pick(sources).sha256, csl: rng.int(2) ? null : { type: 'report', title: words(rng, 3) } } } };
    }
    if (roll < 89 && claims.length > 0) {
      const c = rng.pick(claims);
      // Both parts keep at least one character (a claim of one character or none cannot be split).
      if (c.text.length < 2) continue;
      const cut = 1 + rng.int(c.text.length - 1);
      const parts: Claim[] = [
        { ...c, id: rng.int(2) ? c.id : newId('claim', rng), text: c.text.slice(0, cut), range: [c.range[0], c.range[0] + cut], markers: [] },
        { ...c, id: newId('claim', rng), index: c.index + 1, text: c.text.slice(cut), range: [c.range[0] + cut, c.range[1]] },
      ];
      return { type: 'claim.split', payload: { claimId: c.id, claims: parts, evidenceTo: rng.pick(parts).id } };
    }
    if (roll < 92 && claims.length > 1) {
      const a = rng.pick(claims);
      const b = claims.find((c) => c.draftId === a.draftId && c.index === a.index + 1);
      if (b === undefined) continue;
      const merged: Claim = { ...a, id: rng.int(2) ? a.id : newId('claim', rng), text: a.text + b.text, range: [a.range[0], b.range[1]], markers: [...a.markers, ...b.markers] };
      return { type: 'claim.merged', payload: { claimIds: [a.id, b.id], claim: merged } };
    }
    if (roll < 94 && claims.length > 1) {
      const a = rng.pick(claims.filter((c) => c.markers.length > 0).concat(claims[0]!));
      const b = claims.find((c) => c.draftId === a.draftId && c.id !== a.id);
      const m = a.markers[0];
      if (b === undefined || m === undefined) continue;
      return { type: 'claim.marker-moved', payload: { fromClaimId: a.id, toClaimId: b.id, offset: m.offset } };
    }
    if (roll < 96 && passages.length > 0) {
      const p = rng.pick(passages);
      if (evidence.some((e) => e.passageId === p.id)) continue;
      return { type: 'passage.deleted', payload: { passageId: p.id } };
    }
    if (roll < 97 && sources.length > 1) {
      const s = rng.pick(sources);
      if (passages.some((p) => p.sourceSha256 === s.sha256) || references.some((r) => r.sourceSha256 === s.sha256)) continue;
      return { type: 'source.deleted', payload: { sha256: s.sha256 } };
    }
    if (roll < 98) {
      const s = rng.pick(sources);
      return { type: 'source.page-offset-set', payload: { sha256: s.sha256, from: s.pageOffset, to: rng.int(20) - 5 } };
    }
    if (roll < 99) {
      const ws = [...t.workspace.values()][0]!;
      return { type: 'workspace.renamed', payload: { from: ws.name, to: words(rng, 2) } };
    }
    return { type: 'packet.exported', payload: { fileName: 'packet.zip', checkpointSize: 1, claims: claims.length, evidence: evidence.length, includesSources: false } };
  }
  return { type: 'packet.exported', payload: { fileName: 'packet.zip', checkpointSize: 1, claims: claims.length, evidence: evidence.length, includesSources: false } };
}

/** A long history for benchmarks: a varied start, then mostly the cheap everyday events (status, notes, evidence) an editor makes. */
export async function benchHistory(seed: number, count: number, actor: string, publicKey: string): Promise<LedgerEvent[]> {
  const rng = new Rng(seed);
  const state = new MemoryState();
  const events: LedgerEvent[] = [];
  const push = async (event: LedgerEvent): Promise<void> => {
    await state.applyEntry({ seq: events.length, time: '2024-05-01T12:00:00.000Z', actor, ...event } as never);
    events.push(event);
  };
  await push(workspaceCreated(`bench-${seed}`, publicKey));
  const warm = Math.min(count - 1, 300);
  for (let i = 0; i < warm; i++) await push(nextEvent(rng, state, actor));
  const claimIds = [...state.tables.claims.keys()];
  const passageIds = [...state.tables.passages.keys()];
  const evidenceIds = [...state.tables.evidence.keys()];
  while (events.length < count) {
    const roll = rng.int(100);
    if (roll < 35) {
      const c = state.tables.claims.get(rng.pick(claimIds))!;
      await push({ type: 'claim.status-set', payload: { claimId: c.id, from: c.status, to: rng.pick(CLAIM_STATUSES), note: words(rng, 4) } });
    } else if (roll < 60) {
      const c = state.tables.claims.get(rng.pick(claimIds))!;
      await push({ type: 'claim.note-set', payload: { claimId: c.id, from: c.note, to: words(rng, 3 + rng.int(10)) } });
    } else if (roll < 85 || evidenceIds.length === 0) {
      const id = newId('ev', rng);
      const evidence = { type: 'evidence' as const, id, claimId: rng.pick(claimIds), passageId: rng.pick(passageIds), relation: rng.pick(EVIDENCE_RELATIONS), note: words(rng, 3), actor, attachedAt: '2024-05-02T10:00:00.000Z' };
      await push({ type: 'evidence.attached', payload: { evidence } });
      evidenceIds.push(id);
    } else if (roll < 97) {
      const i = rng.int(evidenceIds.length);
      const id = evidenceIds[i]!;
      evidenceIds[i] = evidenceIds[evidenceIds.length - 1]!;
      evidenceIds.pop();
      await push({ type: 'evidence.detached', payload: { evidenceId: id } });
    } else {
      const event = nextEvent(rng, state, actor, true);
      if (event.type !== 'passage.created') continue;
      await push(event);
      passageIds.push(event.payload.passage.id);
    }
  }
  return events;
}
