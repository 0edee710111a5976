import { CLAIM_STATUSES, type AuditFinding, type Claim, type ClaimStatus, type Draft } from '../../../shared/types/domain.ts';
import { FINDING_LABELS } from './ClaimsList.tsx';

/** Counts per status and per audit finding, and how many claims have been reviewed; never throws. */
export function summarizeClaims(items: { claim: Claim; findings: AuditFinding[] }[]): {
  byStatus: Record<ClaimStatus, number>;
  byFinding: Record<AuditFinding, number>;
  reviewed: number;
  total: number;
} {
  const byStatus = Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0])) as Record<ClaimStatus, number>;
  const byFinding: Record<AuditFinding, number> = { uncited: 0, flagged: 0, 'page-needed': 0, 'has-quotes': 0 };
  for (const { claim, findings } of items) {
    byStatus[claim.status]++;
    for (const f of findings) byFinding[f]++;
  }
  return { byStatus, byFinding, reviewed: items.length - byStatus.unreviewed, total: items.length };
}

/** Review progress through the drafts, counts per status and finding, and each draft's orphan markers. */
export function ClaimsSummary({ items, drafts }: { items: { claim: Claim; findings: AuditFinding[] }[]; drafts: Draft[] }) {
  const s = summarizeClaims(items);
  const orphanDrafts = drafts.filter((d) => d.orphans.length > 0);
  return (
    <section className="claims-summary" aria-label="Review summary">
      <p>
        <progress aria-label="Review progress" max={Math.max(1, s.total)} value={s.reviewed} /> {s.reviewed} of {s.total} claims reviewed
      </p>
      <ul className="summary-counts" aria-label="Claims by status">
        {CLAIM_STATUSES.filter((st) => s.byStatus[st] > 0).map((st) => (
          <li key={st} className={`status-${st.replace(' ', '-')}`}>
            {st}: {s.byStatus[st]}
          </li>
        ))}
      </ul>
      <ul className="summary-counts" aria-label="Claims by finding">
        {(Object.keys(FINDING_LABELS) as AuditFinding[]).map((f) => (
          <li key={f}>
            {FINDING_LABELS[f]}: {s.byFinding[f]}
          </li>
        ))}
      </ul>
      {orphanDrafts.map((d) => (
        <p key={d.id} className="orphans" aria-label={`Orphan markers of ${d.title}`}>
          Orphan markers in {d.title} (no sentence before them): {d.orphans.map((m) => m.raw).join(' ')}
        </p>
      ))}
    </section>
  );
}
