// The Ledger view's paged queries answer from the type and actor indexes; every filter shape (none, actor,
// one type, several types, types and actor) must list and count exactly what a plain filter of the whole
// ledger gives, newest first, page by page.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { commit } from '../../../renderer/src/store/commit.ts';
import type { LedgerRow } from '../../../renderer/src/store/db.ts';
import { MAX_PAGE_SIZE, countEntries, listEntries, listTypes, readEntryPage, type EntryFilter } from '../../../renderer/src/store/queries.ts';
import { workspaceWithHistory } from './helpers.ts';

function expected(rows: LedgerRow[], filter: EntryFilter): number[] {
  return rows
    .filter((r) => (filter.types === undefined || filter.types.length === 0 || filter.types.includes(r.type)) && (filter.actor === undefined || r.actor === filter.actor))
    .map((r) => r.seq)
    .reverse();
}

describe('ledger view queries by index', () => {
  it('list and count every filter shape exactly, newest first, in pages', async () => {
    const { db } = await workspaceWithHistory(61, 150);
    const rows = await db.ledger.orderBy('seq').toArray();
    const types = await listTypes(db);
    expect(types).toEqual([...new Set(rows.map((r) => r.type))].sort());
    const common = types.filter((t) => t !== 'workspace.created');
    const filters: EntryFilter[] = [
      {},
      { types: [] },
      { actor: 'Bo' },
      { actor: 'Nobody' },
      { types: [common[0]!] },
      { types: [common[0]!, common[1]!, common[0]!] },
      { types: [common[0]!], actor: 'Ana' },
      { types: [common[1]!, common[2]!], actor: 'Bo' },
    ];
    for (const filter of filters) {
      const want = expected(rows, filter);
      expect(await countEntries(db, filter), JSON.stringify(filter)).toBe(want.length);
      expect((await listEntries(db, filter, 0, MAX_PAGE_SIZE)).map((e) => e.seq), JSON.stringify(filter)).toEqual(want);
      const paged: number[] = [];
      for (let offset = 0; offset < want.length + 7; offset += 7) paged.push(...(await listEntries(db, filter, offset, 7)).map((e) => e.seq));
      expect(paged, JSON.stringify(filter)).toEqual(want);
    }
  });

  it('reads a page with its lines and the count of the same snapshot', async () => {
    const { db } = await workspaceWithHistory(62, 40);
    const page = await readEntryPage(db, { actor: 'Ana' }, 2, 5);
    expect(page.total).toBe(await countEntries(db, { actor: 'Ana' }));
    expect(page.entries).toHaveLength(5);
    for (const e of page.entries) expect(e.line).toBe((await db.ledger.get(e.seq))!.line);
    // Reads and an append at once: the page and its count are always of one state.
    const packet = { type: 'packet.exported', payload: { fileName: 'p.zip', checkpointSize: 1, claims: 0, evidence: 0, includesSources: false } } as const;
    const [read] = await Promise.all([readEntryPage(db, {}, 0, 3), commit(db, 'Ana', packet)]);
    expect(read.entries[0]!.seq).toBe(read.total - 1);
    await expect(readEntryPage(db, {}, 0, MAX_PAGE_SIZE + 1)).rejects.toThrow(/readEntryPage: limit/);
    await expect(readEntryPage(db, {}, -1, 3)).rejects.toThrow(/readEntryPage: offset/);
  });
});
