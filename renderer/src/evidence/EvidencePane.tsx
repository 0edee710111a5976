import { useState } from 'react';
import { CLAIM_STATUSES, EVIDENCE_RELATIONS, type Claim, type ClaimStatus, type EvidenceRelation } from '../../../shared/types/domain.ts';

/** Labels people read for relations, with the key that attaches each. */
export const RELATION_UI: Record<EvidenceRelation, { label: string; key: string }> = {
  supports: { label: 'Supports', key: '1' },
  contradicts: { label: 'Contradicts', key: '2' },
  context: { label: 'Context', key: '3' },
};

/** One attached evidence item as the panel shows it. */
export interface EvidenceView {
  /** Evidence id. */
  id: string;
  /** supports, contradicts or context. */
  relation: EvidenceRelation;
  /** The editor's note. */
  note: string;
  /** Text before the quote in the source. */
  before: string;
  /** The passage's exact words. */
  quote: string;
  /** Text after the quote in the source. */
  after: string;
  /** `p. 218` or `00:12:34.500–00:12:41.000`. */
  location: string;
  /** The source's title. */
  sourceTitle: string;
  /** SHA-256 of the source, shown as a 12-character prefix. */
  sourceSha256: string;
  /** Who attached it and when. */
  actor: string;
  /** ISO 8601 time it was attached. */
  attachedAt: string;
  /** Problems found for this item (page outside the cited locator, passage orphaned). */
  problems: string[];
}

/** One status change from the ledger. */
export interface StatusChange {
  /** Ledger sequence number. */
  seq: number;
  /** Who changed it. */
  actor: string;
  /** ISO 8601 time. */
  time: string;
  /** Status before. */
  from: ClaimStatus;
  /** Status after. */
  to: ClaimStatus;
  /** Why. */
  note: string;
}

/** A passage selected in the viewer, ready to attach. */
export interface PendingPassage {
  /** Its words (shortened for display by the panel). */
  quote: string;
  /** Page label or time range. */
  location: string;
}

/** Props of the evidence panel. */
export interface EvidencePaneProps {
  /** The selected claim, or null. */
  claim: Claim | null;
  /** Sources the claim's markers point to, as `[15] Title` lines. */
  citedSources: string[];
  /** Its evidence. */
  items: EvidenceView[];
  /** Its status history, oldest first. */
  history: StatusChange[];
  /** The passage selected in the viewer, or null. */
  pending: PendingPassage | null;
  /** Attaches the pending passage. */
  onAttach(relation: EvidenceRelation, note: string): void;
  /** Detaches an evidence item. */
  onDetach(evidenceId: string): void;
  /** Shows an evidence item in the viewer. */
  onJump(evidenceId: string): void;
  /** Sets the claim's status with a note. */
  onSetStatus(status: ClaimStatus, note: string): void;
}

/** Shortens text for display to at most `max` characters with an ellipsis; never throws. */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The selected claim's evidence, status control and history. */
export function EvidencePane(props: EvidencePaneProps) {
  const { claim, items, history, pending } = props;
  const [attachNote, setAttachNote] = useState('');
  const [status, setStatus] = useState<ClaimStatus | ''>('');
  const [statusNote, setStatusNote] = useState('');
  if (!claim) {
    return (
      <div className="empty-state">
        <p>No claim selected.</p>
        <p>Select a claim to see its evidence; highlight a passage in a source and attach it as supporting, contradicting or context.</p>
      </div>
    );
  }
  return (
    <div className="evidence-pane">
      <blockquote className="evidence-claim" aria-label="Selected claim">
        {claim.text}
      </blockquote>
      {props.citedSources.length > 0 && (
        <ul className="cited-sources" aria-label="Cited sources">
          {props.citedSources.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      )}
      <form
        className="status-form"
        aria-label="Claim status"
        onSubmit={(e) => {
          e.preventDefault();
          if (status === '' || status === claim.status) return;
          props.onSetStatus(status, statusNote);
          setStatus('');
          setStatusNote('');
        }}
      >
        <label>
          Status{' '}
          <select aria-label="Status" value={status === '' ? claim.status : status} onChange={(e) => setStatus(e.target.value as ClaimStatus)}>
            {CLAIM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <input aria-label="Status note" placeholder="Why (optional)" value={statusNote} onChange={(e) => setStatusNote(e.target.value)} />
        <button type="submit" disabled={status === '' || status === claim.status}>
          Set status
        </button>
      </form>

      <section aria-label="Attach passage" className="attach">
        {pending ? (
          <>
            <p className="pending-quote">
              “{shorten(pending.quote, 200)}” <span className="muted">{pending.location}</span>
            </p>
            <input aria-label="Evidence note" placeholder="Note (optional)" value={attachNote} onChange={(e) => setAttachNote(e.target.value)} />
            <div className="attach-buttons">
              {EVIDENCE_RELATIONS.map((r) => (
                <button
                  key={r}
                  type="button"
                  className={`relation-${r}`}
                  aria-keyshortcuts={RELATION_UI[r].key}
                  onClick={() => {
                    props.onAttach(r, attachNote);
                    setAttachNote('');
                  }}
                >
                  {RELATION_UI[r].label} <kbd>{RELATION_UI[r].key}</kbd>
                </button>
              ))}
            </div>
          </>
        ) : (
          <p className="muted">Highlight a passage in the source viewer to attach it to this claim.</p>
        )}
      </section>

      <h3>Evidence ({items.length})</h3>
      {items.length === 0 ? (
        <p className="muted">Nothing attached yet.</p>
      ) : (
        <ul className="evidence-list" aria-label="Evidence">
          {items.map((item) => (
            <li
              key={item.id}
              className={`evidence-item relation-${item.relation}`}
              onKeyDown={(e) => {
                // Delete (or Backspace) on one of the item's buttons detaches it; the ledger keeps it.
                if ((e.key === 'Delete' || e.key === 'Backspace') && e.target instanceof HTMLButtonElement) {
                  e.preventDefault();
                  props.onDetach(item.id);
                }
              }}
            >
              <div className="evidence-head">
                <span className={`relation-badge relation-${item.relation}`}>{RELATION_UI[item.relation].label}</span>
                <span>{item.location}</span>
                <span className="muted" title={item.sourceSha256}>
                  {item.sourceTitle} · {item.sourceSha256.slice(0, 12)}
                </span>
                {item.problems.map((p) => (
                  <span key={p} className="badge badge-problem">
                    {p}
                  </span>
                ))}
              </div>
              <p className="evidence-context">
                <span className="muted">…{item.before}</span>
                <mark>{item.quote}</mark>
                <span className="muted">{item.after}…</span>
              </p>
              {item.note && <p className="evidence-note">{item.note}</p>}
              <div className="evidence-actions">
                <button type="button" onClick={() => props.onJump(item.id)} aria-label={`Show evidence ${shorten(item.quote, 40)} in the source`}>
                  Show in source
                </button>
                <button type="button" onClick={() => props.onDetach(item.id)} aria-label={`Detach evidence ${shorten(item.quote, 40)}`}>
                  Detach
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}

      <h3>Status history</h3>
      {history.length === 0 ? (
        <p className="muted">
          {claim.status === 'unreviewed' ? 'Unreviewed since import.' : `“${claim.status}” was carried over from an earlier version of the draft; no change recorded since.`}
        </p>
      ) : (
        <ol className="status-history" aria-label="Status history">
          {history.map((h) => (
            <li key={h.seq}>
              <time dateTime={h.time}>{new Date(h.time).toLocaleString()}</time> {h.actor}: {h.from} → {h.to}
              {h.note && <> — {h.note}</>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
