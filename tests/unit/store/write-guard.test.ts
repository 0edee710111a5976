// One way to change state (issue 3, item 3): outside renderer/src/store/, no renderer source may import
// Dexie or call a write method on a DeskDb table. This scans the sources, so a new write path fails here.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_V2 } from '../../../renderer/src/store/db.ts';

const root = path.resolve(import.meta.dirname, '../../../renderer');
const storeDir = path.join(root, 'src', 'store');
const tables = Object.keys(SCHEMA_V2);
const writeCall = new RegExp(
  `\\.\\s*(?:${tables.join('|')})\\s*\\??\\.\\s*(?:put|add|delete|update|upsert|clear|bulkPut|bulkAdd|bulkDelete|bulkUpdate|modify)\\b|\\.table\\s*\\(|\\.stateTable\\s*\\(|\\.transaction\\s*\\(\\s*['"]rw`,
);
const dexieImport = /from\s+['"]dexie['"]|import\s*\(\s*['"]dexie['"]\s*\)/;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sources(full));
    else if (/\.(ts|tsx|js|mjs)$/.test(name)) out.push(full);
  }
  return out;
}

/** The offending lines of a source text, or an empty list. */
function offences(text: string): string[] {
  return text.split('\n').filter((line) => writeCall.test(line) || dexieImport.test(line));
}

describe('no write path outside the store', () => {
  it('detects writes, Dexie imports and raw table access', () => {
    expect(offences("await db.claims.put(row);")).toHaveLength(1);
    expect(offences("db.evidence.bulkDelete(ids)")).toHaveLength(1);
    expect(offences("const rows = await db.sourceTexts.bulkGet(shas);")).toHaveLength(0);
    expect(offences("db.ledger\n  .add(x)")).toHaveLength(0);
    expect(offences("await db.ledger .add(x)")).toHaveLength(1);
    expect(offences("db.table('claims').put(x)")).toHaveLength(1);
    expect(offences("import Dexie from 'dexie';")).toHaveLength(1);
    expect(offences("await commit(db, actor, event);")).toHaveLength(0);
    expect(offences("const open = passages.filter((p) => p.ok); evidence.delete(id);")).toHaveLength(0);
    expect(offences("const rows = await db.claims.where('draftId').equals(id).toArray();")).toHaveLength(0);
    expect(offences("db.transaction('rw', db.claims, () => {})")).toHaveLength(1);
  });

  it('finds none in renderer/ outside renderer/src/store/', () => {
    const found: string[] = [];
    for (const file of sources(root)) {
      if (file.startsWith(storeDir + path.sep)) continue;
      for (const line of offences(readFileSync(file, 'utf8'))) found.push(`${path.relative(root, file)}: ${line.trim()}`);
    }
    expect(found).toEqual([]);
  });
});
