import { describe, expect, it } from 'vitest';
import { Rng, nextEvent, workspaceCreated } from '../../../bench/ledger/history.ts';
import { toBase64 } from '../../../shared/ledger/base64.ts';
import { MemoryState, STATE_TABLES, diffTable, replay } from '../../../shared/ledger/project.ts';
import { fromEntryLine } from '../../../shared/ledger/entry.ts';
import { CommitError, MemoryWorkspace } from '../../../shared/workspace/memory.ts';
import type { LedgerEntry, LedgerEvent } from '../../../shared/types/events.ts';

const KEY = toBase64(new Uint8Array(32).fill(3));

// A random valid history, committed event by event; the generator reads the state from a shadow
// projection so every event it makes applies.
async function committedHistory(seed: number, count: number): Promise<MemoryWorkspace> {
  const rng = new Rng(seed);
  const shadow = new MemoryState();
  const ws = MemoryWorkspace.create();
  for (let seq = 0; seq < count; seq++) {
    const actor = seq % 2 === 0 ? 'Ana' : 'Bo';
    const event = seq === 0 ? workspaceCreated(`ws-${seed}`, KEY) : nextEvent(rng, shadow, actor);
    const entry = await ws.commit(actor, event, new Date(Date.UTC(2024, 4, 1, 12, 0, seq % 60)));
    await shadow.applyEntry(entry);
  }
  return ws;
}

function entriesOf(lines: string[]): LedgerEntry[] {
  return lines.map((l) => {
    const parsed = fromEntryLine(l);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.value;
  });
}

describe('MemoryWorkspace', () => {
  it('rows after committing a random history equal the replay of its lines', async () => {
    for (const seed of [1, 42, 9001]) {
      const ws = await committedHistory(seed, 600);
      const lines = ws.lines();
      expect(lines).toHaveLength(600);
      const replayed = await replay(entriesOf(lines));
      const rows = ws.rows();
      const live = {
        workspace: new Map([[rows.workspace.id, rows.workspace]]),
        drafts: new Map(rows.drafts.map((r) => [r.id, r])),
        claims: new Map(rows.claims.map((r) => [r.id, r])),
        references: new Map(rows.references.map((r) => [r.id, r])),
        sources: new Map(rows.sources.map((r) => [r.sha256, r])),
        sourceTexts: new Map(rows.sourceTexts.map((r) => [r.sha256, r])),
        passages: new Map(rows.passages.map((r) => [r.id, r])),
        evidence: new Map(rows.evidence.map((r) => [r.id, r])),
      };
      for (const table of STATE_TABLES) expect(diffTable(table, replayed.tables[table] as never, live[table])).toBeNull();
      expect(rows.claims.length).toBeGreaterThan(5);
      expect(rows.evidence.length).toBeGreaterThan(5);
      // And the lines rebuild an equal workspace.
      const again = await MemoryWorkspace.fromLines(lines);
      if (!again.ok) throw new Error(again.error);
      expect(again.value.lines()).toEqual(lines);
      expect(again.value.rows()).toEqual(rows);
    }
  });

  it('gives entries dense seqs even when commits are started at once', async () => {
    const ws = MemoryWorkspace.create();
    await ws.commit('Ana', workspaceCreated('ws-c', KEY));
    const renames = ['b', 'c', 'd'].map((to, i) => ({ type: 'workspace.renamed', payload: { from: i === 0 ? 'Generated workspace' : ['b', 'c'][i - 1]!, to } }) as LedgerEvent);
    const entries = await Promise.all(renames.map((e) => ws.commit('Ana', e)));
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(ws.rows().workspace.name).toBe('d');
  });

  it('rejects an invalid or inapplicable event, changing nothing', async () => {
    const ws = MemoryWorkspace.create();
    await expect(ws.commit('Ana', { type: 'workspace.renamed', payload: { from: 'x', to: 'y' } })).rejects.toThrow(/entry 0 \(workspace\.renamed\): the ledger must start with workspace\.created/);
    expect(ws.size).toBe(0);
    expect(() => ws.rows()).toThrow(/no ledger yet/);
    await ws.commit('Ana', workspaceCreated('ws-r', KEY));
    const before = ws.lines();
    await expect(ws.commit('Ana', { type: 'workspace.renamed', payload: { from: 'wrong', to: 'y' } })).rejects.toBeInstanceOf(CommitError);
    await expect(ws.commit('', { type: 'workspace.renamed', payload: { from: 'Generated workspace', to: 'y' } })).rejects.toThrow(/actor/);
    await expect(ws.commit('Ana', { type: 'passage.deleted', payload: { passageId: 'nope' } })).rejects.toThrow(/passage nope does not exist/);
    expect(ws.lines()).toEqual(before);
    expect(ws.rows().workspace.name).toBe('Generated workspace');
  });

  it('fromLines names the first bad line', async () => {
    const ws = await committedHistory(5, 20);
    const lines = ws.lines();
    const swapped = [lines[0]!, lines[2]!, lines[1]!, ...lines.slice(3)];
    const bad = await MemoryWorkspace.fromLines(swapped);
    expect(bad.ok ? '' : bad.error).toMatch(/^ledger line 2: seq is 2, not 1/);
    const garbage = await MemoryWorkspace.fromLines([lines[0]!, '{nope']);
    expect(garbage.ok ? '' : garbage.error).toMatch(/^ledger line 2: /);
  });
});
