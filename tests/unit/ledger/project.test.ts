import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng, nextEvent, workspaceCreated } from '../../../bench/ledger/history.ts';
import { fromBase64, toBase64 } from '../../../shared/ledger/base64.ts';
import { fromEntryLine, toEntryLine, validateEntry, validateEvent } from '../../../shared/ledger/entry.ts';
import { MAX_ENTRY_BYTES, MAX_PAGE_OFFSET } from '../../../shared/ledger/limits.ts';
import { MemoryState, ProjectionError, STATE_TABLES, diffTable, replay } from '../../../shared/ledger/project.ts';
import type { LedgerEntry, LedgerEvent } from '../../../shared/types/events.ts';

const KEY = toBase64(new Uint8Array(32).fill(7));

function entryOf(seq: number, event: LedgerEvent, actor = 'Ana'): LedgerEntry {
  return { seq, time: `2024-05-01T12:00:${String(seq % 60).padStart(2, '0')}.000Z`, actor, ...event } as LedgerEntry;
}

async function liveHistory(seed: number, count: number): Promise<{ live: MemoryState; lines: string[] }> {
  const rng = new Rng(seed);
  const live = new MemoryState();
  const lines: string[] = [];
  for (let seq = 0; seq < count; seq++) {
    const actor = seq % 3 === 0 ? 'Ana' : 'Bo';
    const event = seq === 0 ? workspaceCreated('ws-1', KEY) : nextEvent(rng, live, actor);
    const entry = entryOf(seq, event, actor);
    lines.push(toEntryLine(entry));
    await live.applyEntry(entry);
  }
  return { live, lines };
}

describe('replay', () => {
  it('rebuilds the live state exactly from the canonical lines of a long random history', async () => {
    const { live, lines } = await liveHistory(42, 3000);
    const types = new Set(lines.map((l) => (JSON.parse(l) as LedgerEntry).type));
    expect(types.size).toBeGreaterThanOrEqual(18);
    const replayed = await replay(
      lines.map((l) => {
        const parsed = fromEntryLine(l);
        if (!parsed.ok) throw new Error(parsed.error);
        return parsed.value;
      }),
    );
    for (const table of STATE_TABLES) expect(diffTable(table, live.tables[table], replayed.tables[table] as Map<string, unknown>)).toBeNull();
    expect(live.tables.claims.size).toBeGreaterThan(10);
    expect(live.tables.evidence.size).toBeGreaterThan(10);
  });

  it('equals the live state for any seed (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 }), async (seed) => {
        const { live, lines } = await liveHistory(seed, 150);
        const replayed = await replay(lines.map((l) => JSON.parse(l) as LedgerEntry));
        return STATE_TABLES.every((t) => diffTable(t, live.tables[t], replayed.tables[t] as Map<string, unknown>) === null);
      }),
      { numRuns: 25 },
    );
  });

  it('names the first entry that cannot apply', async () => {
    const { lines } = await liveHistory(7, 50);
    const entries = lines.map((l) => JSON.parse(l) as LedgerEntry);
    const i = entries.findIndex((e) => e.type === 'claim.status-set');
    const bad = entries[i] as Extract<LedgerEntry, { type: 'claim.status-set' }>;
    bad.payload.claimId = 'no-such-claim';
    await expect(replay(entries)).rejects.toThrow(new RegExp(`^entry ${i} \\(claim\\.status-set\\): claim no-such-claim does not exist`));
    await expect(replay(entries.slice(1))).rejects.toThrow(ProjectionError);
  });

  it('rejects a stale `from` (two windows changing the same claim)', async () => {
    const { live } = await liveHistory(3, 20);
    const claim = [...live.tables.claims.values()][0]!;
    const other = claim.status === 'disputed' ? 'supported' : 'disputed';
    await expect(live.applyEntry(entryOf(20, { type: 'claim.status-set', payload: { claimId: claim.id, from: other, to: 'unsupported', note: '' } }))).rejects.toThrow(
      /entry 20 \(claim\.status-set\): from is "\w+" but the status is/,
    );
  });
});

describe('entry validation', () => {
  it('names seq, type and field of a malformed payload', () => {
    const entry = entryOf(5, { type: 'claim.status-set', payload: { claimId: 'c1', from: 'unreviewed', to: 'bogus' as never, note: '' } });
    const r = validateEntry(entry);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^entry 5 \(claim\.status-set\): payload\.to: /);
    const nested = validateEntry(entryOf(9, { type: 'draft.imported', payload: { draft: { type: 'draft' }, claims: [], references: [] } } as never));
    expect(nested.ok ? '' : nested.error).toMatch(/^entry 9 \(draft\.imported\): payload\.draft\.\w+/);
  });

  it('rejects unknown fields, unknown types, bad headers', () => {
    const extra = validateEntry({ ...entryOf(1, { type: 'evidence.detached', payload: { evidenceId: 'e' } }), extra: 1 });
    expect(extra.ok ? '' : extra.error).toMatch(/^entry 1 \(evidence\.detached\)/);
    expect(validateEvent({ type: 'nope', payload: {} }).ok).toBe(false);
    const badTime = validateEntry({ ...entryOf(2, { type: 'evidence.detached', payload: { evidenceId: 'e' } }), time: 'yesterday' });
    expect(badTime.ok ? '' : badTime.error).toMatch(/^entry 2 \(evidence\.detached\)\.time: must be an ISO 8601/);
    const badSeq = validateEntry({ ...entryOf(2, { type: 'evidence.detached', payload: { evidenceId: 'e' } }), seq: -1 });
    expect(badSeq.ok ? '' : badSeq.error).toMatch(/\.seq/);
  });

  it('refuses a page offset beyond MAX_PAGE_OFFSET either way, in an event and in a stored source row', () => {
    const sha = 'a'.repeat(64);
    const ok = validateEvent({ type: 'source.page-offset-set', payload: { sha256: sha, from: 0, to: -MAX_PAGE_OFFSET } });
    expect(ok.ok).toBe(true);
    const far = validateEvent({ type: 'source.page-offset-set', payload: { sha256: sha, from: 0, to: MAX_PAGE_OFFSET + 1 } });
    expect(far.ok ? '' : far.error).toMatch(/payload\.to: /);
    const farFrom = validateEvent({ type: 'source.page-offset-set', payload: { sha256: sha, from: -MAX_PAGE_OFFSET - 1, to: 0 } });
    expect(farFrom.ok ? '' : farFrom.error).toMatch(/payload\.from: /);
  });

  it('enforces the per-type entry size limit', () => {
    const note = '€'.repeat(20_000);
    const entry = entryOf(3, { type: 'claim.status-set', payload: { claimId: 'c', from: 'unreviewed', to: 'disputed', note } });
    const size = Buffer.byteLength(JSON.stringify(entry));
    expect(size).toBeGreaterThan(MAX_ENTRY_BYTES['claim.status-set']);
    const r = validateEntry(entry);
    expect(r.ok ? '' : r.error).toBe(`entry 3 (claim.status-set): ${size} bytes, more than the ${MAX_ENTRY_BYTES['claim.status-set']} allowed for claim.status-set`);
    expect(validateEntry(entryOf(3, { type: 'claim.status-set', payload: { claimId: 'c', from: 'unreviewed', to: 'disputed', note: 'ok' } })).ok).toBe(true);
  });

  it('accepts only canonical lines', () => {
    const line = toEntryLine(entryOf(1, { type: 'evidence.detached', payload: { evidenceId: 'e' } }));
    expect(fromEntryLine(line).ok).toBe(true);
    const spaced = fromEntryLine(line.replace(':', ': '));
    expect(spaced.ok ? '' : spaced.error).toBe('entry 1 (evidence.detached): the line is not in RFC 8785 canonical form');
    expect(fromEntryLine('{').ok).toBe(false);
  });
});

describe('base64', () => {
  it('round-trips and rejects non-canonical text', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => Buffer.from(fromBase64(toBase64(bytes))!).equals(Buffer.from(bytes)) && toBase64(bytes) === Buffer.from(bytes).toString('base64')));
    expect(fromBase64('QQ==')).toEqual(Uint8Array.of(65));
    expect(fromBase64('QR==')).toBeNull();
    expect(fromBase64('QQ=')).toBeNull();
    expect(fromBase64('Q===')).toBeNull();
    expect(fromBase64('QQ=A')).toBeNull();
    expect(fromBase64('Q Q=')).toBeNull();
  });
});
