// verifyWorkspace (issue 3, item 6): the shared ledger verification over the stored rows, then the
// replayed projection compared with the stored state tables, then every stored file against its
// SHA-256. It names the first failure and never repairs; the one thing it writes is its own record.
import type { StoredLine, VerifyCheck, VerifyFailure, VerifyProgress } from '../../../shared/ledger/verify.ts';
import { verifyLedger } from '../../../shared/ledger/verify.ts';
import { STATE_TABLES, diffTable } from '../../../shared/ledger/project.ts';
import { toHex } from '../../../shared/hash.ts';
import { listCheckpoints } from './checkpoints.ts';
import { MAX_CHECK_DETAIL_BYTES, MAX_CHECK_NAME_BYTES, MAX_STORED_CHECKS, type DeskDb, type StoredCheck, type VerificationRecord } from './db.ts';

/** Entries read from IndexedDB per chunk while verifying. */
export const VERIFY_CHUNK = 5_000;

/** What verifyWorkspace found. */
export interface WorkspaceVerification {
  /** True when every check held. */
  ok: boolean;
  /** Entries verified. */
  size: number;
  /** Root of the ledger (hex), or null when it could not be read to its end. */
  root: string | null;
  /** Every check, in order, each saying what exactly was checked. */
  checks: VerifyCheck[];
  /** The first failure (with the seq of the first bad entry when it is an entry's), or null. */
  firstFailure: VerifyFailure | null;
  /** ISO 8601 time it finished. */
  verifiedAt: string;
}

/** Progress of verifyWorkspace; `files` is the last phase. */
export type WorkspaceProgress = VerifyProgress | { phase: 'files'; done: number; total: number };

/** The phases of verifyWorkspace, in the order it runs them (`state` is skipped when replay failed). */
export const WORKSPACE_PHASES = ['entries', 'checkpoints', 'state', 'files'] as const satisfies readonly WorkspaceProgress['phase'][];

/** Every check verifyWorkspace reports when everything holds, in its order (an early failure may leave some out). */
export const WORKSPACE_CHECKS = ['entries', 'merkle', 'replay', 'keys', 'checkpoints', 'consistency', 'index', 'state', 'files'] as const;

const encoder = new TextEncoder();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function jsonBytes(text: string): number {
  return encoder.encode(JSON.stringify(text)).length - 2;
}

/** `text` cut (at a code point, ending in `…`) so its JSON string holds at most `maxBytes` UTF-8 bytes; lone surrogates become U+FFFD; never throws. */
export function capText(text: string, maxBytes: number): string {
  // Each UTF-16 unit is at least one byte of JSON, so only the first maxBytes + 1 can be kept (or show it is too long).
  const clean = (text.length > maxBytes ? text.slice(0, maxBytes + 1) : text).replace(LONE_SURROGATE, '\uFFFD');
  if (jsonBytes(clean) <= maxBytes) return clean;
  const budget = maxBytes - jsonBytes('…');
  let out = '';
  let used = 0;
  for (const ch of clean) {
    const bytes = jsonBytes(ch);
    if (used + bytes > budget) break;
    out += ch;
    used += bytes;
  }
  return `${out}…`;
}

/** The record stored as the last verification: every check (at most MAX_STORED_CHECKS) with names and details capped, so it fits MAX_SETTING_BYTES; never throws. */
export function toVerificationRecord(report: WorkspaceVerification): VerificationRecord {
  const checks: StoredCheck[] = report.checks
    .slice(0, MAX_STORED_CHECKS)
    .map((c) => ({ name: capText(c.name, MAX_CHECK_NAME_BYTES), ok: c.ok, detail: capText(c.detail, MAX_CHECK_DETAIL_BYTES) }));
  const failure = report.firstFailure;
  return {
    time: report.verifiedAt,
    ok: report.ok,
    size: report.size,
    root: report.root,
    failure: failure === null ? null : capText(failure.detail, MAX_CHECK_DETAIL_BYTES),
    failedCheck: failure === null ? null : capText(failure.name, MAX_CHECK_NAME_BYTES),
    failedSeq: failure?.seq ?? null,
    checks,
    omittedChecks: report.checks.length - checks.length,
  };
}

async function* storedLines(db: DeskDb, fieldFailure: (seq: number, what: string) => void): AsyncGenerator<StoredLine> {
  for (let from = 0; ; ) {
    const rows = await db.ledger.where('seq').aboveOrEqual(from).limit(VERIFY_CHUNK).toArray();
    for (const row of rows) {
      // The copied-out filter fields must say what the line says, or the Ledger view would mislead.
      const head = /^\{"actor":("(?:[^"\\]|\\.)*"),/.exec(row.line);
      if (head === null || JSON.parse(head[1]!) !== row.actor || !row.line.endsWith(`"seq":${row.seq},"time":${JSON.stringify(row.time)},"type":${JSON.stringify(row.type)}}`)) {
        fieldFailure(row.seq, `entry ${row.seq}: its stored type, actor or time differ from its content`);
      }
      yield { seq: row.seq, line: row.line, leaf: row.leaf };
    }
    if (rows.length < VERIFY_CHUNK) return;
    from = rows[rows.length - 1]!.seq + 1;
  }
}

/** Verifies the whole workspace and records the result as the last verification; resolves to the report (never rejects for bad data). */
export async function verifyWorkspace(db: DeskDb, onProgress?: (p: WorkspaceProgress) => void): Promise<WorkspaceVerification> {
  const total = await db.ledger.count();
  const checkpoints = await listCheckpoints(db);
  let fieldProblem: { seq: number; detail: string } | null = null;
  const report = await verifyLedger(
    storedLines(db, (seq, detail) => {
      fieldProblem ??= { seq, detail };
    }),
    total,
    checkpoints,
    onProgress,
  );
  const checks = [...report.checks];
  let firstFailure = report.firstFailure;
  const fail = (name: string, seq: number | null, detail: string): void => {
    checks.push({ name, ok: false, detail });
    firstFailure ??= { name, seq, detail };
  };
  const fp = fieldProblem as { seq: number; detail: string } | null;
  if (fp !== null) fail('index', fp.seq, fp.detail);
  else if (report.size === total) checks.push({ name: 'index', ok: true, detail: `${total} entries' stored type, actor and time match their content` });

  if (report.state !== null) {
    let rows = 0;
    let stateOk = true;
    for (const [i, table] of STATE_TABLES.entries()) {
      onProgress?.({ phase: 'state', done: i, total: STATE_TABLES.length });
      const stored = new Map<string, unknown>();
      const key = db.stateTable(table).schema.primKey.keyPath as string;
      for (const row of await db.stateTable(table).toArray()) stored.set(String(row[key]), row);
      rows += stored.size;
      const diff = diffTable(table, report.state.tables[table], stored);
      if (diff !== null) {
        const writer = report.state.lastWriter.get(`${table}/${diff.key}`) ?? null;
        const by = writer === null ? 'no entry wrote it' : `last written by entry ${writer}`;
        const what =
          diff.problem === 'extra'
            ? 'is stored but no ledger entry made it'
            : diff.problem === 'missing'
              ? 'is missing from the stored state'
              : `differs from the ledger's replay in field ${diff.field ?? '?'}`;
        fail('state', writer, `${table} row ${diff.key} ${what} (${by})`);
        stateOk = false;
        break;
      }
    }
    onProgress?.({ phase: 'state', done: STATE_TABLES.length, total: STATE_TABLES.length });
    if (stateOk) checks.push({ name: 'state', ok: true, detail: `${rows} stored rows in ${STATE_TABLES.length} tables equal the replayed projection` });
  }

  const files = await db.files.toCollection().primaryKeys();
  let filesOk = true;
  for (const [i, sha] of files.entries()) {
    onProgress?.({ phase: 'files', done: i, total: files.length });
    const row = await db.files.get(sha);
    if (row === undefined) continue;
    const actual = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', await row.blob.arrayBuffer())));
    if (actual !== sha) {
      fail('files', null, `file ${sha}: its bytes hash to ${actual}`);
      filesOk = false;
      break;
    }
    if ((await db.sources.get(sha)) === undefined) {
      fail('files', null, `file ${sha}: no source row refers to it`);
      filesOk = false;
      break;
    }
  }
  onProgress?.({ phase: 'files', done: files.length, total: files.length });
  if (filesOk) checks.push({ name: 'files', ok: true, detail: `${files.length} stored file(s) match their SHA-256` });

  const verifiedAt = new Date().toISOString();
  const ok = firstFailure === null;
  const failure = firstFailure as VerifyFailure | null;
  const result: WorkspaceVerification = { ok, size: report.size, root: report.root, checks, firstFailure: failure, verifiedAt };
  await db.settings.put({ key: 'lastVerification', value: toVerificationRecord(result) });
  return result;
}

/** The last verification's record, or null when the workspace was never verified; never writes. */
export async function lastVerification(db: DeskDb): Promise<VerificationRecord | null> {
  const row = await db.settings.get('lastVerification');
  return row?.key === 'lastVerification' ? row.value : null;
}
