import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';

/** Estimated height of one ledger row (px). */
export const LEDGER_ROW_PX = 44;

/** One ledger entry as the view lists it. */
export interface LedgerRow {
  /** Sequence number. */
  seq: number;
  /** ISO 8601 time. */
  time: string;
  /** Who did it. */
  actor: string;
  /** Event type, e.g. `evidence.attached`. */
  type: string;
  /** One line saying what changed. */
  summary: string;
  /** Leaf hash (hex). */
  leafHash: string;
}

/** The result of the last verification, as shown next to the Verify action. */
export interface VerificationView {
  /** ISO 8601 time it finished. */
  time: string;
  /** Whether everything held. */
  ok: boolean;
  /** What was checked, one line each. */
  checked: string[];
  /** The first failure, naming the entry and why; null when ok. */
  failure: string | null;
}

/** Props of the ledger view. */
export interface LedgerViewProps {
  /** Entries, oldest first (the view shows newest first). */
  rows: LedgerRow[];
  /** Starts verification. */
  onVerify(): void;
  /** Progress of a running verification from 0 to 1, or null when none runs. */
  progress: number | null;
  /** The last verification, or null if never verified. */
  last: VerificationView | null;
  /** Makes a signed checkpoint now. */
  onCheckpoint(): void;
}

/** The ledger listed newest first (virtualized, filter by type and actor), with Verify and its result. */
export function LedgerView({ rows, onVerify, progress, last, onCheckpoint }: LedgerViewProps) {
  const [type, setType] = useState('all');
  const [actor, setActor] = useState('all');
  const types = useMemo(() => [...new Set(rows.map((r) => r.type))].sort(), [rows]);
  const actors = useMemo(() => [...new Set(rows.map((r) => r.actor))].sort(), [rows]);
  const visible = useMemo(
    () => rows.filter((r) => (type === 'all' || r.type === type) && (actor === 'all' || r.actor === actor)).reverse(),
    [rows, type, actor],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LEDGER_ROW_PX,
    overscan: 10,
    initialRect: { width: 600, height: 600 },
  });
  return (
    <div className="ledger-view">
      <div className="ledger-actions">
        <button type="button" className="primary" onClick={onVerify} disabled={progress !== null}>
          Verify workspace
        </button>
        <button type="button" onClick={onCheckpoint} disabled={progress !== null}>
          Make checkpoint
        </button>
        {progress !== null && (
          <progress aria-label="Verification progress" max={1} value={progress}>
            {Math.round(progress * 100)}%
          </progress>
        )}
        <span className="verify-indicator" role="status" aria-label="Last verification">
          {last === null
            ? 'Never verified'
            : last.ok
              ? `Verified ${new Date(last.time).toLocaleString()}`
              : `Verification FAILED ${new Date(last.time).toLocaleString()}`}
        </span>
      </div>
      {last && (
        <div className={last.ok ? 'verify-result ok' : 'verify-result failed'} aria-label="Verification result">
          {last.failure && <p className="verify-failure">{last.failure}</p>}
          <ul>
            {last.checked.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="ledger-filters" role="group" aria-label="Filter ledger">
        <select aria-label="Filter by type" value={type} onChange={(e) => setType(e.target.value)}>
          <option value="all">All types</option>
          {types.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <select aria-label="Filter by actor" value={actor} onChange={(e) => setActor(e.target.value)}>
          <option value="all">All actors</option>
          {actors.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
        <span className="muted">{visible.length} entries</span>
      </div>
      <div ref={scrollRef} className="ledger-scroll" role="list" aria-label="Ledger entries">
        <div className="claims-sizer" ref={(el) => el?.style.setProperty('height', `${virtualizer.getTotalSize()}px`)}>
          {virtualizer.getVirtualItems().map((v) => {
            const r = visible[v.index]!;
            return (
              <div
                key={r.seq}
                role="listitem"
                className="ledger-row"
                data-index={v.index}
                ref={(el) => {
                  if (!el) return;
                  el.style.transform = `translateY(${v.start}px)`;
                  virtualizer.measureElement(el);
                }}
              >
                <span className="ledger-seq">#{r.seq}</span>
                <span className="ledger-type">{r.type}</span>
                <span className="ledger-summary">{r.summary}</span>
                <span className="muted">
                  {r.actor} · <time dateTime={r.time}>{new Date(r.time).toLocaleString()}</time>
                </span>
                <code className="ledger-hash" title={r.leafHash}>
                  {r.leafHash.slice(0, 16)}
                </code>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
