import type { StoredCheck, VerificationRecord } from '../store/db.ts';
import { WORKSPACE_CHECKS, type WorkspaceProgress } from '../store/verify.ts';
import { verifyFraction, verifyPhaseText } from './verify-progress.ts';

/** One row of the checks table: a stored check, or a check the run never reached. */
export interface CheckRow {
  /** The check's name. */
  name: string;
  /** `passed`, `failed`, or `skipped` (an earlier failure stopped the run before it). */
  outcome: 'passed' | 'failed' | 'skipped';
  /** What was checked, or why it failed. */
  detail: string;
  /** True for the check that failed first. */
  first: boolean;
}

/** The rows of a record's checks table: failures first (the first failure at the top), then passes, then checks not reached; null for a record stored before checks were (it has none); never throws. */
export function checkRowsOf(record: VerificationRecord): CheckRow[] | null {
  if (record.checks === undefined) return null;
  const firstFailed = record.checks.findIndex((c) => !c.ok);
  const row = (c: StoredCheck, i: number): CheckRow => ({ name: c.name, outcome: c.ok ? 'passed' : 'failed', detail: c.detail, first: i === firstFailed });
  const failed = record.checks.map(row).filter((r) => r.outcome === 'failed');
  const passed = record.checks.map(row).filter((r) => r.outcome === 'passed');
  const seen = new Set(record.checks.map((c) => c.name));
  const skipped: CheckRow[] =
    record.ok || (record.omittedChecks ?? 0) > 0
      ? []
      : WORKSPACE_CHECKS.filter((name) => !seen.has(name)).map((name) => ({ name, outcome: 'skipped', detail: 'not run to its end: an earlier failure stopped it', first: false }));
  return [...failed, ...passed, ...skipped];
}

/** The first failure in words: the check, the entry when it is one entry's, and why; null when ok. */
export function firstFailureText(record: VerificationRecord): string | null {
  if (record.ok || record.failure === null) return null;
  const where = record.failedCheck ? `${record.failedCheck} check` : 'check';
  const entry = record.failedSeq === null || record.failedSeq === undefined ? '' : `, entry ${record.failedSeq}`;
  return `First failure (${where}${entry}): ${record.failure}`;
}

const OUTCOME_TEXT: Readonly<Record<CheckRow['outcome'], string>> = { passed: 'Passed', failed: 'FAILED', skipped: 'Not reached' };

/** The one-line indicator of the last verification (`Never verified`, `Verified …`, `Verification FAILED …`); `record` is undefined while it is read. */
export function VerificationIndicator({ record }: { record: VerificationRecord | null | undefined }) {
  return (
    <span className="verify-indicator" role="status" aria-label="Last verification">
      {record === undefined
        ? 'Reading the last verification…'
        : record === null
        ? 'Never verified'
        : record.ok
          ? `Verified ${new Date(record.time).toLocaleString()}`
          : `Verification FAILED ${new Date(record.time).toLocaleString()}`}
    </span>
  );
}

/** One bar over the whole running verification, with its phase named ("Phase k of 4: …"). */
export function VerificationProgress({ progress }: { progress: WorkspaceProgress }) {
  const fraction = verifyFraction(progress);
  const text = verifyPhaseText(progress);
  return (
    <span className="verify-progress">
      <progress aria-label="Verification progress" aria-valuetext={`${Math.round(fraction * 100)}%, ${text}`} max={1} value={fraction}>
        {Math.round(fraction * 100)}%
      </progress>{' '}
      <span className="muted">{text}</span>
    </span>
  );
}

/** What the last verification checked, check by check (pass or fail, what exactly), the first failure first and prominent. */
export function VerificationResult({ record }: { record: VerificationRecord }) {
  const rows = checkRowsOf(record);
  const failure = firstFailureText(record);
  return (
    <section className={record.ok ? 'verify-result ok' : 'verify-result failed'} aria-label="Verification result">
      {failure !== null && <p className="verify-failure">{failure}</p>}
      <p className="muted">
        {record.size} entries verified, root <code title={record.root ?? undefined}>{record.root === null ? 'unknown' : `${record.root.slice(0, 16)}…`}</code>
      </p>
      {rows === null ? (
        <p className="muted">This result was recorded before each check was kept; verify again to see what exactly was checked.</p>
      ) : (
        <table className="verify-checks">
          <caption>Checks</caption>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Result</th>
              <th scope="col">What was checked</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${i}-${r.name}`} className={`check-${r.outcome}${r.first ? ' check-first' : ''}`}>
                <th scope="row">{r.name}</th>
                <td>{r.first ? <strong>{OUTCOME_TEXT[r.outcome]} (first)</strong> : OUTCOME_TEXT[r.outcome]}</td>
                <td>{r.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(record.omittedChecks ?? 0) > 0 && <p className="muted">{record.omittedChecks} more check(s) were made but not kept.</p>}
    </section>
  );
}
