// One way to change state (issue 3, item 3: "There is no other write path (a test or lint rule guards
// this)"). Every renderer .ts/.tsx file, renderer/src/store/ included, is read with the TypeScript
// compiler and its type checker, so a write is found by what it calls, not by how the line looks: a
// member is a write when it resolves to one of Dexie's own write methods (Table add/put/bulkAdd/bulkPut/
// update/upsert/bulkUpdate/delete/bulkDelete/clear, Collection modify/delete, a database's delete, a
// DBCore middleware's mutate), however the chain is split across lines, parenthesised, aliased through
// a const, called, bound or destructured. The table it writes is found by following the receiver back:
// a DeskDb or RegistryDb property, `stateTable(…)` / `table(…)`, a where/orderBy/toCollection chain, a
// const's initializer. Each write must match an entry of WRITE_PATHS (file, tables, methods, and why);
// a write whose table cannot be told is never allowed. Not covered: raw IndexedDB (the search cache and
// the backups keep databases of their own that way; neither opens a workspace's).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { STATE_TABLES } from '../../../shared/ledger/project.ts';

const repo = path.resolve(import.meta.dirname, '../../..');
const renderer = path.join(repo, 'renderer');

/** Dexie's write methods, by the interface of dexie.d.ts that declares them. */
const DEXIE_WRITES: Record<string, ReadonlySet<string>> = {
  Table: new Set(['add', 'put', 'bulkAdd', 'bulkPut', 'update', 'upsert', 'bulkUpdate', 'delete', 'bulkDelete', 'clear']),
  Collection: new Set(['modify', 'delete']),
  // A whole database: `db.delete()` and `Dexie.delete(name)`.
  Dexie: new Set(['delete']),
  DexieConstructor: new Set(['delete']),
  // A middleware's pass-through to the next DBCore layer; every IndexedDB write goes through one.
  DBCoreTable: new Set(['mutate']),
};
const WRITE_NAMES = new Set(Object.values(DEXIE_WRITES).flatMap((s) => [...s]));

/** Pseudo-tables: a whole database deleted, a DBCore layer's forwarded mutation, a table nobody can tell. */
const DATABASE = '(database)';
const DBCORE = '(dbcore)';
const UNKNOWN = '(unknown table)';

/** A write the scan found. */
interface Write {
  /** Path relative to renderer/, with forward slashes. */
  file: string;
  line: number;
  /** The tables it may write (several for `stateTable(x)` or `a ? db.claims : db.drafts`). */
  tables: string[];
  /** The Dexie method. */
  method: string;
  /** The source text of the access, on one line. */
  text: string;
}

/** A place allowed to write, and why. */
interface WritePath {
  file: string;
  tables: readonly string[];
  methods: readonly string[];
  why: string;
}

const REGISTRY = 'registry.workspaces';

/**
 * Every designated write path. The state tables, the ledger and the files (the bytes stored with
 * source.added) change only in commit.ts and import-ledger.ts, both through the one projection
 * (shared/ledger/project.ts applyEvent), in the same transaction as the ledger entries; the ledger is only
 * ever added to. The rest are local, unledgered tables (settings, keys, checkpoints, the registry).
 */
const WRITE_PATHS: readonly WritePath[] = [
  {
    file: 'src/store/commit.ts',
    tables: STATE_TABLES,
    methods: ['put', 'delete'],
    why: 'the one commit path: applies the row operations applyEvent computed for the entry it appends, in the same transaction',
  },
  { file: 'src/store/commit.ts', tables: ['ledger'], methods: ['add'], why: 'the one commit path appends each entry (add, never put: a taken seq fails the transaction)' },
  {
    file: 'src/store/commit.ts',
    tables: ['files'],
    methods: ['add', 'delete'],
    why: 'source bytes stored with their source.added entry and dropped with source.deleted, in the commit transaction',
  },
  {
    file: 'src/store/commit.ts',
    tables: ['keys'],
    methods: ['put'],
    why: "an imported copy's pending key handover is cleared in the transaction that appends its workspace.key-added entry",
  },
  {
    file: 'src/store/import-ledger.ts',
    tables: STATE_TABLES,
    methods: ['bulkAdd', 'put', 'delete'],
    why: 'import: an empty workspace gets the projection replayed from the checked lines; continuing one applies applyEvent per appended entry, as commit.ts does',
  },
  { file: 'src/store/import-ledger.ts', tables: ['ledger'], methods: ['bulkAdd'], why: "import appends the packet's exact lines (bulkAdd: never overwrites a seq)" },
  { file: 'src/store/import-ledger.ts', tables: ['files'], methods: ['add', 'bulkAdd', 'delete'], why: "import stores the packet's source files (hashed against the replayed sources) and drops those of source.deleted entries" },
  { file: 'src/store/import-ledger.ts', tables: ['checkpoints'], methods: ['add'], why: "import keeps the packet's signed checkpoints (each verified first; none is ever removed)" },
  {
    file: 'src/store/import-ledger.ts',
    tables: ['keys'],
    methods: ['add', 'put', 'delete'],
    why: 'import keeps a key the ledger accepts, or stores a fresh one with a pending handover; continuing moves the handover up',
  },
  { file: 'src/store/import-ledger.ts', tables: [REGISTRY], methods: ['add'], why: 'importWorkspace lists the new workspace in the registry' },
  { file: 'src/store/import-ledger.ts', tables: [DATABASE], methods: ['delete'], why: 'importWorkspace deletes the fresh database it created when the import fails, so nothing is left behind' },
  { file: 'src/store/checkpoints.ts', tables: ['keys'], methods: ['add'], why: "storeSigningKey stores a new workspace's key (add: a key is never replaced)" },
  { file: 'src/store/checkpoints.ts', tables: ['checkpoints'], methods: ['add'], why: 'makeCheckpoint stores the signed tree head it made (add: none is ever changed or removed)' },
  { file: 'src/store/workspaces.ts', tables: ['settings'], methods: ['put'], why: 'setActor: the local actor name, not ledgered' },
  { file: 'src/store/workspaces.ts', tables: [REGISTRY], methods: ['put', 'update', 'delete'], why: 'create, rename and delete keep the registry (a convenience index for the picker) in step' },
  { file: 'src/store/workspaces.ts', tables: [DATABASE], methods: ['delete'], why: 'deleteWorkspace removes the whole database (the UI asks for confirmation first)' },
  { file: 'src/store/verify.ts', tables: ['settings'], methods: ['put'], why: "verifyWorkspace's one write: the record of the last verification" },
  { file: 'src/store/db.ts', tables: ['ledger'], methods: ['modify'], why: 'the v1 → v2 upgrade copies time, actor and type out of each line and records its leaf hash; the line itself is not changed' },
  { file: 'src/store/db.ts', tables: [DBCORE], methods: ['mutate'], why: 'the settings size-limit middleware forwards each write it checked; it originates none' },
];

/** The write path that allows every table of `write` with its method, or null. */
function allowedBy(write: Write): WritePath | null {
  return WRITE_PATHS.find((p) => p.file === write.file && p.methods.includes(write.method) && write.tables.every((t) => p.tables.includes(t))) ?? null;
}

function rendererSources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...rendererSources(full));
    else if (/\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/.test(name)) out.push(full);
  }
  return out;
}

/** Files that exist only in the scan's own program, to check that deliberate violations are reported. */
const FIXTURES: Record<string, string> = {
  'src/app/write-guard-fixture.ts': `
import Dexie from 'dexie';
import { DeskDb } from '../store/db.ts';
import { commit } from '../store/commit.ts';
const db = new DeskDb('fixture');
export async function violations(row: never, ids: string[]) {
  await db.claims.put(row); // 1 claims put
  await db.ledger
    .where('seq')
    .above(3)
    .delete(); // 2 ledger delete, a chain over four lines
  await db
    .evidence
    .bulkDelete(ids); // 3 evidence bulkDelete, split before the table
  const t = db.stateTable('passages');
  await t.put(row); // 4 passages put, through a variable
  await (db.table('drafts')).clear(); // 5 drafts clear, raw table by name
  await db.claims['update']('id', { note: 'x' }); // 6 claims update, element access
  const bound = db.sources.bulkPut.bind(db.sources); // 7 sources bulkPut, not called here
  const { add } = db.ledger; // 8 ledger add, destructured
  await db.checkpoints.toCollection().modify({ signature: '' }); // 9 checkpoints modify
  await new Dexie('other').table('settings').add(row); // 10 settings add, any Dexie database
  await (Math.random() > 0.5 ? db.claims : db.drafts).delete('x'); // 11 claims or drafts delete
  await db.delete(); // 12 the whole database
  await Dexie.delete('provenance-desk-workspace-x'); // 13 a database by name
  return [bound, add];
}
export async function tableOfParameter(table: Dexie.Table) {
  await table.put({}); // 14 a table nobody can tell
}
export async function allowed(ids: Set<string>, byId: Map<string, number>, evidence: { delete(id: string): void }) {
  ids.delete('x');
  byId.delete('x');
  evidence.delete('x');
  const rows = await db.claims.where('draftId').equals('d').toArray();
  const some = await db.sourceTexts.bulkGet(['a']);
  await db.transaction('r', db.ledger, () => db.ledger.count());
  await commit(db, 'Ana', { type: 'packet.exported', payload: { fileName: 'p.zip', checkpointSize: 1, claims: 0, evidence: 0, includesSources: false } });
  return [rows, some];
}
`,
  'src/store/other.ts': `
import type { DeskDb } from './db.ts';
export async function quietly(db: DeskDb, id: string) {
  await db.claims
    .update(id, { note: 'quietly edited' }); // 1 claims update, in the store but not a write path
  await db.ledger.put({ seq: 0, time: '', actor: '', type: 'workspace.created', line: '', leaf: '' }); // 2 ledger put
}
`,
};
const FIXTURE_WRITES: Record<string, [string[], string][]> = {
  'src/app/write-guard-fixture.ts': [
    [['claims'], 'put'],
    [['ledger'], 'delete'],
    [['evidence'], 'bulkDelete'],
    [['passages'], 'put'],
    [['drafts'], 'clear'],
    [['claims'], 'update'],
    [['sources'], 'bulkPut'],
    [['ledger'], 'add'],
    [['checkpoints'], 'modify'],
    [['settings'], 'add'],
    [['claims', 'drafts'], 'delete'],
    [[DATABASE], 'delete'],
    [[DATABASE], 'delete'],
    [[UNKNOWN], 'put'],
  ],
  'src/store/other.ts': [
    [['claims'], 'update'],
    [['ledger'], 'put'],
  ],
};

/** The renderer's program (its own compiler options) with the fixtures added; the files to scan. */
function buildProgram(): { program: ts.Program; real: string[]; fixtures: string[] } {
  const real = rendererSources(renderer);
  const config = ts.readConfigFile(path.join(repo, 'tsconfig.renderer.json'), (f) => ts.sys.readFile(f));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, repo);
  const fixtures = Object.keys(FIXTURES).map((f) => path.join(renderer, f));
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  const byPath = new Map(Object.entries(FIXTURES).map(([f, text]) => [path.join(renderer, f), text]));
  host.getSourceFile = (fileName, language, onError, shouldCreate) => {
    const text = byPath.get(path.resolve(fileName));
    return text === undefined ? getSourceFile(fileName, language, onError, shouldCreate) : ts.createSourceFile(fileName, text, language, true);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => byPath.has(path.resolve(fileName)) || fileExists(fileName);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => byPath.get(path.resolve(fileName)) ?? readFile(fileName);
  const roots = [...real, ...fixtures, path.join(repo, 'types', 'renderer-env.d.ts')];
  return { program: ts.createProgram({ rootNames: roots, options: { ...options, noEmit: true }, host }), real, fixtures };
}

function fromDexie(node: ts.Node): boolean {
  return /[\\/]node_modules[\\/]dexie[\\/]/.test(node.getSourceFile().fileName);
}

/** The Dexie interface (Table, Collection, …) that declares a member symbol, or null. */
function dexieOwner(symbol: ts.Symbol | undefined): string | null {
  for (const decl of symbol?.declarations ?? []) {
    const owner = decl.parent;
    if (ts.isInterfaceDeclaration(owner) && fromDexie(owner)) return owner.name.text;
  }
  return null;
}

function scanner(program: ts.Program) {
  const checker = program.getTypeChecker();

  /** Whether the type is, or derives from, one of the named Dexie interfaces. */
  function isDexie(type: ts.Type, names: ReadonlySet<string>, depth = 0): boolean {
    if (depth > 8) return false;
    if (type.isUnionOrIntersection()) return type.types.some((t) => isDexie(t, names, depth + 1));
    for (const symbol of [type.getSymbol(), type.aliasSymbol]) {
      if (symbol !== undefined && names.has(symbol.name) && (symbol.declarations ?? []).some(fromDexie)) return true;
    }
    const target = (type as ts.TypeReference).target ?? type;
    if ((target.flags & ts.TypeFlags.Object) !== 0 && ((target as ts.ObjectType).objectFlags & (ts.ObjectFlags.Class | ts.ObjectFlags.Interface)) !== 0) {
      return (checker.getBaseTypes(target as ts.InterfaceType) ?? []).some((b) => isDexie(b, names, depth + 1));
    }
    return false;
  }
  const DATABASES = new Set(['Dexie', 'Transaction']);
  const QUERIES = new Set(['Table', 'Collection', 'WhereClause']);
  const isDatabase = (node: ts.Expression) => isDexie(checker.getTypeAtLocation(node), DATABASES);
  const isQuery = (node: ts.Expression) => isDexie(checker.getTypeAtLocation(node), QUERIES);

  function strip(node: ts.Expression): ts.Expression {
    while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node)) {
      node = node.expression;
    }
    return node;
  }

  function memberName(node: ts.Expression): string | null {
    if (ts.isPropertyAccessExpression(node)) return node.name.text;
    if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) return node.argumentExpression.text;
    return null;
  }

  /** The class a database expression is an instance of, when it is a named subclass of Dexie. */
  function databaseClass(node: ts.Expression): string | null {
    const symbol = checker.getTypeAtLocation(node).getSymbol();
    return symbol !== undefined && (symbol.flags & ts.SymbolFlags.Class) !== 0 ? symbol.name : null;
  }

  function tableLabel(db: ts.Expression, name: string): string {
    return databaseClass(db) === 'RegistryDb' ? `registry.${name}` : name;
  }

  /** The tables an expression of a Dexie Table, Collection or WhereClause may be of. */
  function tablesOf(node: ts.Expression, seen: Set<ts.Node>): string[] {
    node = strip(node);
    if (seen.has(node)) return [UNKNOWN];
    seen.add(node);
    if (ts.isConditionalExpression(node)) return [...tablesOf(node.whenTrue, seen), ...tablesOf(node.whenFalse, seen)];
    if (ts.isBinaryExpression(node) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(node.operatorToken.kind)) {
      return [...tablesOf(node.left, seen), ...tablesOf(node.right, seen)];
    }
    const name = ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) ? memberName(node) : null;
    // db.claims: a table property of a database.
    if (name !== null && (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && isDatabase(node.expression)) return [tableLabel(node.expression, name)];
    if (ts.isCallExpression(node)) {
      const callee = strip(node.expression);
      const method = memberName(callee);
      if (method !== null && (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))) {
        const arg = node.arguments[0];
        const literal = arg !== undefined && ts.isStringLiteralLike(arg) ? arg.text : null;
        if ((method === 'stateTable' || method === 'table') && isDatabase(callee.expression)) {
          if (literal !== null) return [tableLabel(callee.expression, literal)];
          return method === 'stateTable' ? [...STATE_TABLES] : [UNKNOWN];
        }
        // where(…).equals(…), toCollection(), orderBy(…), filter(…), reverse(), …: the same table.
        if (isQuery(callee.expression)) return tablesOf(callee.expression, seen);
      }
    }
    if (ts.isIdentifier(node)) {
      const symbol = checker.getSymbolAtLocation(node);
      const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
      if (decl !== undefined && ts.isVariableDeclaration(decl) && decl.initializer !== undefined && ts.isIdentifier(decl.name)) {
        // A `let` may be reassigned: follow its initializer only when it never is.
        if ((ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const) !== 0) return tablesOf(decl.initializer, seen);
      }
      if (decl !== undefined && ts.isBindingElement(decl) && ts.isObjectBindingPattern(decl.parent)) {
        const holder = decl.parent.parent;
        const key = decl.propertyName !== undefined && ts.isIdentifier(decl.propertyName) ? decl.propertyName.text : ts.isIdentifier(decl.name) ? decl.name.text : null;
        if (key !== null && ts.isVariableDeclaration(holder) && holder.initializer !== undefined && isDatabase(holder.initializer)) return [tableLabel(holder.initializer, key)];
      }
    }
    return [UNKNOWN];
  }

  function writeOf(owner: string, receiver: ts.Expression | null): string[] {
    if (owner === 'Dexie' || owner === 'DexieConstructor') return [DATABASE];
    if (owner === 'DBCoreTable') return [DBCORE];
    return receiver === null ? [UNKNOWN] : [...new Set(tablesOf(receiver, new Set()))];
  }

  /** Every access to a Dexie write method in a file. */
  return function writesIn(file: string): Write[] {
    const source = program.getSourceFile(file);
    if (source === undefined) throw new Error(`${file} is not in the scanned program`);
    const rel = path.relative(renderer, file).split(path.sep).join('/');
    const out: Write[] = [];
    const record = (node: ts.Node, method: string, tables: string[]) => {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      out.push({ file: rel, line, tables, method, text: node.getText(source).replace(/\s+/g, ' ') });
    };
    const visit = (node: ts.Node): void => {
      const name = ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) ? memberName(node) : null;
      if (name !== null && WRITE_NAMES.has(name) && (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node))) {
        const symbol = ts.isPropertyAccessExpression(node) ? checker.getSymbolAtLocation(node.name) : checker.getSymbolAtLocation(node.argumentExpression);
        const owner = dexieOwner(symbol ?? checker.getPropertyOfType(checker.getTypeAtLocation(node.expression), name));
        if (owner !== null && DEXIE_WRITES[owner]?.has(name) === true) record(node, name, writeOf(owner, node.expression));
      }
      // const { put } = db.claims
      if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent) && ts.isVariableDeclaration(node.parent.parent) && node.parent.parent.initializer !== undefined) {
        const key = node.propertyName !== undefined && ts.isIdentifier(node.propertyName) ? node.propertyName.text : ts.isIdentifier(node.name) ? node.name.text : null;
        const init = node.parent.parent.initializer;
        if (key !== null && WRITE_NAMES.has(key)) {
          const owner = dexieOwner(checker.getPropertyOfType(checker.getTypeAtLocation(init), key));
          if (owner !== null && DEXIE_WRITES[owner]?.has(key) === true) record(node, key, writeOf(owner, init));
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return out;
  };
}

/** Imports of dexie itself (the store owns the database layer; elsewhere DeskDb is imported to read). */
function dexieImports(program: ts.Program, file: string): string[] {
  const source = program.getSourceFile(file)!;
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    const spec =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)
        ? node.moduleSpecifier.text
        : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] !== undefined && ts.isStringLiteralLike(node.arguments[0])
          ? node.arguments[0].text
          : null;
    if (spec === 'dexie' || spec?.startsWith('dexie/') === true) out.push(node.getText(source).replace(/\s+/g, ' '));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const { program, real, fixtures } = buildProgram();
const writesIn = scanner(program);
const storeDir = path.join(renderer, 'src', 'store') + path.sep;
const show = (w: Write) => `${w.file}:${w.line} ${w.method} on ${w.tables.join(' | ')}: ${w.text}`;

describe('one write path (issue 3, item 3)', () => {
  it('scans every renderer script, and they are all TypeScript', () => {
    expect(real.length).toBeGreaterThan(50);
    expect(real.filter((f) => !/\.(ts|tsx)$/.test(f) || /\.d\.ts$/.test(f)).map((f) => path.relative(renderer, f))).toEqual([]);
    for (const f of real) expect(program.getSourceFile(f), f).toBeDefined();
    expect(real.some((f) => f.startsWith(storeDir))).toBe(true);
    // The fixtures are only in the scan's program: a real file of that name would be hidden by them.
    for (const f of fixtures) expect(existsSync(f), `${f} exists; rename the fixture`).toBe(false);
  });

  it('reports deliberate violations, including chains split across lines and a write in renderer/src/store/other.ts', () => {
    for (const [file, expected] of Object.entries(FIXTURE_WRITES)) {
      const found = writesIn(path.join(renderer, file));
      expect(
        found.map((w) => [w.tables, w.method]),
        found.map(show).join('\n'),
      ).toEqual(expected);
      expect(found.filter((w) => allowedBy(w) !== null).map(show)).toEqual([]);
    }
    const split = writesIn(path.join(renderer, 'src/app/write-guard-fixture.ts'))[1]!;
    expect(split.text).toBe("db.ledger .where('seq') .above(3) .delete");
    expect(dexieImports(program, path.join(renderer, 'src/app/write-guard-fixture.ts'))).toEqual(["import Dexie from 'dexie';"]);
  });

  it('allows a designated path only its own tables and methods', () => {
    const at = (file: string, tables: string[], method: string): Write => ({ file, line: 1, tables, method, text: '' });
    expect(allowedBy(at('src/store/commit.ts', ['claims'], 'put'))).not.toBeNull();
    expect(allowedBy(at('src/store/commit.ts', [...STATE_TABLES], 'delete'))).not.toBeNull();
    // The ledger is append-only: no path may put, update or delete an entry.
    for (const method of ['put', 'update', 'delete', 'bulkPut', 'bulkDelete', 'clear']) {
      for (const file of ['src/store/commit.ts', 'src/store/import-ledger.ts']) expect(allowedBy(at(file, ['ledger'], method)), `${file} ${method}`).toBeNull();
    }
    expect(allowedBy(at('src/store/checkpoints.ts', ['claims'], 'put'))).toBeNull();
    expect(allowedBy(at('src/store/verify.ts', ['settings', 'claims'], 'put'))).toBeNull();
    expect(allowedBy(at('src/store/commit.ts', [UNKNOWN], 'put'))).toBeNull();
    expect(allowedBy(at('src/store/commit.ts', ['checkpoints'], 'clear'))).toBeNull();
    // The state tables and the ledger are written by commit.ts and import-ledger.ts only.
    const writers = new Set(WRITE_PATHS.filter((p) => p.tables.some((t) => (STATE_TABLES as readonly string[]).includes(t) || t === 'ledger' || t === 'files')).map((p) => p.file));
    expect([...writers].sort()).toEqual(['src/store/commit.ts', 'src/store/db.ts', 'src/store/import-ledger.ts']);
    expect(WRITE_PATHS.filter((p) => p.file === 'src/store/db.ts' && p.tables.includes('ledger')).map((p) => p.methods)).toEqual([['modify']]);
  });

  it('finds no write in renderer/ outside the designated write paths, and no designated path unused', () => {
    const found = real.flatMap((f) => writesIn(f));
    expect(found.filter((w) => allowedBy(w) === null).map(show)).toEqual([]);
    // A path no code uses any more is taken out, so the list says exactly where writes are.
    const used = new Set(found.map((w) => allowedBy(w)));
    expect(WRITE_PATHS.filter((p) => !used.has(p)).map((p) => `${p.file} ${p.methods.join('/')} on ${p.tables.join(', ')}`)).toEqual([]);
    // And the scan saw the writes it must: the commit's append and the projection's row operations.
    expect(found.some((w) => w.file === 'src/store/commit.ts' && w.method === 'add' && w.tables.join() === 'ledger')).toBe(true);
    expect(found.some((w) => w.file === 'src/store/commit.ts' && w.method === 'put' && w.tables.join() === STATE_TABLES.join())).toBe(true);
  });

  it('no renderer module outside renderer/src/store imports dexie', () => {
    const found = real.filter((f) => !f.startsWith(storeDir)).flatMap((f) => dexieImports(program, f).map((i) => `${path.relative(renderer, f)}: ${i}`));
    expect(found).toEqual([]);
  });
});
