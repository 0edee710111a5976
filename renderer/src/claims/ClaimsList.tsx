import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { CLAIM_STATUSES, type AuditFinding, type Claim, type ClaimStatus } from '../../../shared/types/domain.ts';

/** Labels people read for audit findings. */
export const FINDING_LABELS: Record<AuditFinding, string> = {
  uncited: 'Uncited',
  flagged: 'Flagged',
  'page-needed': 'Page needed',
  'has-quotes': 'Has quotes',
};

/** Estimated row height before measurement (px); rows are measured once rendered. */
export const CLAIM_ROW_ESTIMATE_PX = 64;

/** A claim as the list shows it: the row plus what is derived for it. */
export interface ClaimListItem {
  /** The stored claim. */
  claim: Claim;
  /** Its audit findings. */
  findings: AuditFinding[];
  /** Number of evidence items attached. */
  evidenceCount: number;
  /** Extra problems found by checks (quote not found, page mismatch), as short labels. */
  problems: string[];
}

/** Filters of the claims list. */
export interface ClaimFilter {
  /** Only claims with this status, or 'all'. */
  status: ClaimStatus | 'all';
  /** Only claims with this finding, or 'all'. */
  finding: AuditFinding | 'all';
  /** Case-insensitive text search over the claim text and markers. */
  query: string;
}

/** The filter that shows everything. */
export const NO_FILTER: ClaimFilter = { status: 'all', finding: 'all', query: '' };

/** Items that pass a filter, in order; never throws. */
export function filterClaims(items: ClaimListItem[], filter: ClaimFilter): ClaimListItem[] {
  const q = filter.query.trim().toLowerCase();
  return items.filter(
    (i) =>
      (filter.status === 'all' || i.claim.status === filter.status) &&
      (filter.finding === 'all' || i.findings.includes(filter.finding)) &&
      (q === '' || i.claim.text.toLowerCase().includes(q) || i.claim.markers.some((m) => m.raw.toLowerCase().includes(q))),
  );
}

/** Props of the claims list. */
export interface ClaimsListProps {
  /** Every claim of the workspace's drafts with its derived data, in draft order. */
  items: ClaimListItem[];
  /** The selected claim's id, or null. */
  selectedId: string | null;
  /** Called when the user selects a claim (click, arrow keys, Enter). */
  onSelect(id: string): void;
}

/** The virtualized, filterable claims list with finding badges; arrow keys move the selection. */
export function ClaimsList({ items, selectedId, onSelect }: ClaimsListProps) {
  const [filter, setFilter] = useState<ClaimFilter>(NO_FILTER);
  const visible = useMemo(() => filterClaims(items, filter), [items, filter]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CLAIM_ROW_ESTIMATE_PX,
    overscan: 8,
    initialRect: { width: 400, height: 800 },
  });
  const selectedIndex = visible.findIndex((i) => i.claim.id === selectedId);

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const counts = useMemo(() => {
    const c: Record<AuditFinding, number> = { uncited: 0, flagged: 0, 'page-needed': 0, 'has-quotes': 0 };
    for (const i of items) for (const f of i.findings) c[f]++;
    return c;
  }, [items]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (visible.length === 0) return;
    let next = selectedIndex;
    if (event.key === 'ArrowDown' || event.key === 'j') next = Math.min(visible.length - 1, selectedIndex + 1);
    else if (event.key === 'ArrowUp' || event.key === 'k') next = Math.max(0, selectedIndex < 0 ? 0 : selectedIndex - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = visible.length - 1;
    else return;
    event.preventDefault();
    const item = visible[next];
    if (item) onSelect(item.claim.id);
  };

  return (
    <div className="claims-list">
      <div className="claims-filters" role="group" aria-label="Filter claims">
        <input
          type="search"
          aria-label="Search claims"
          placeholder="Search claims"
          value={filter.query}
          onChange={(e) => setFilter({ ...filter, query: e.target.value })}
        />
        <select aria-label="Filter by status" value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value as ClaimFilter['status'] })}>
          <option value="all">All statuses</option>
          {CLAIM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <select aria-label="Filter by finding" value={filter.finding} onChange={(e) => setFilter({ ...filter, finding: e.target.value as ClaimFilter['finding'] })}>
          <option value="all">All findings</option>
          {(Object.keys(FINDING_LABELS) as AuditFinding[]).map((f) => (
            <option key={f} value={f}>
              {FINDING_LABELS[f]} ({counts[f]})
            </option>
          ))}
        </select>
      </div>
      <p className="claims-count" aria-live="polite">
        {visible.length === items.length ? `${items.length} claims` : `${visible.length} of ${items.length} claims`}
      </p>
      <div
        ref={scrollRef}
        className="claims-scroll"
        role="listbox"
        aria-label="Claims"
        tabIndex={0}
        aria-activedescendant={selectedIndex >= 0 ? `claim-option-${visible[selectedIndex]!.claim.id}` : undefined}
        onKeyDown={onKeyDown}
      >
        <div className="claims-sizer" ref={(el) => el?.style.setProperty('height', `${virtualizer.getTotalSize()}px`)}>
          {virtualizer.getVirtualItems().map((row) => {
            const item = visible[row.index]!;
            const { claim } = item;
            return (
              <div
                key={claim.id}
                id={`claim-option-${claim.id}`}
                role="option"
                aria-selected={claim.id === selectedId}
                data-index={row.index}
                ref={(el) => {
                  if (!el) return;
                  el.style.transform = `translateY(${row.start}px)`;
                  virtualizer.measureElement(el);
                }}
                className={`claim-row${claim.id === selectedId ? ' selected' : ''}`}
                onClick={() => onSelect(claim.id)}
              >
                <div className="claim-head">
                  <span className="claim-index">{claim.index + 1}</span>
                  <span className={`status-pill status-${claim.status.replace(' ', '-')}`}>{claim.status}</span>
                  {item.findings.map((f) => (
                    <span key={f} className={`badge badge-${f}`}>
                      {FINDING_LABELS[f]}
                    </span>
                  ))}
                  {item.problems.map((p) => (
                    <span key={p} className="badge badge-problem">
                      {p}
                    </span>
                  ))}
                  {item.evidenceCount > 0 && <span className="badge badge-evidence">{item.evidenceCount} evidence</span>}
                  {claim.changedSinceEvidence && <span className="badge badge-problem">Changed since evidence was attached</span>}
                </div>
                <div className="claim-text">{claim.text}</div>
                {claim.markers.length > 0 && (
                  <div className="claim-markers" aria-label="Markers">
                    {claim.markers.map((m) => (
                      <span key={`${m.offset}`} className={m.flag ? 'marker marker-flag' : 'marker'}>
                        {m.raw}
                      </span>
                    ))}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
