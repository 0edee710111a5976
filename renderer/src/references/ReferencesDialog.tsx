import { useModal } from '../packet/use-modal.ts';
import { useMemo } from 'react';
import type { Draft, Reference, Source } from '../../../shared/types/domain.ts';
import { cslLabel } from '../../../shared/references/csl.ts';

/** A proposed binding for the editor to confirm. */
export interface ReferenceSuggestion {
  /** The reference row id. */
  referenceId: string;
  /** The proposed source. */
  sourceSha256: string;
  /** Why it is proposed (DOI, title, file name). */
  reason: string;
  /** The reference-list item the proposal came from (stored on the reference when accepted), or null. */
  csl: Record<string, unknown> | null;
}

/** Props of the references dialog. */
export interface ReferencesDialogProps {
  /** Drafts of the workspace. */
  drafts: Draft[];
  /** Their references. */
  references: Reference[];
  /** Sources to bind to (PDFs and transcripts). */
  sources: Source[];
  /** Proposals from file names or an imported reference list. */
  suggestions: ReferenceSuggestion[];
  /** Binds (or, with null, unbinds) a reference; `csl` is the list item a proposal came from (absent: keep the stored one; null: none). */
  onBind(reference: Reference, sourceSha256: string | null, csl?: Record<string, unknown> | null): void;
  /** Imports a CSL-JSON or BibTeX reference list to match against the sources. */
  onImportList(): void;
  /** Closes the dialog. */
  onClose(): void;
}

function refOrder(a: Reference, b: Reference): number {
  const na = Number(a.ref);
  const nb = Number(b.ref);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a.ref.localeCompare(b.ref);
}

/** Binds each draft's reference numbers to sources, with proposals to confirm. */
export function ReferencesDialog(props: ReferencesDialogProps) {
  const ref = useModal(props.onClose, false);
  const bindable = useMemo(() => props.sources.filter((s) => s.kind !== 'recording'), [props.sources]);
  const byId = useMemo(() => new Map(props.suggestions.map((s) => [s.referenceId, s])), [props.suggestions]);
  const title = (sha: string) => props.sources.find((s) => s.sha256 === sha)?.title ?? sha.slice(0, 12);
  // A proposal is pending when it would bind another source, or add the list item the binding lacks.
  const pending = props.suggestions.filter((s) => {
    const r = props.references.find((x) => x.id === s.referenceId);
    return r !== undefined && (r.sourceSha256 !== s.sourceSha256 || (s.csl !== null && r.csl === null));
  });
  return (
    <dialog ref={ref} className="dialog references-dialog" aria-labelledby="references-title">
      <h2 id="references-title">References</h2>
      <p className="muted">Bind each reference number of a draft to the source it cites. Proposals come from file names (“15 - Abrahamian.pdf”) and imported reference lists.</p>
      <button type="button" onClick={props.onImportList}>
        Import reference list (CSL-JSON, BibTeX)…
      </button>{' '}
      {pending.length > 0 && (
        <button
          type="button"
          onClick={() => {
            for (const s of pending) {
              const r = props.references.find((x) => x.id === s.referenceId);
              if (r) props.onBind(r, s.sourceSha256, s.csl);
            }
          }}
        >
          {pending.length === 1 ? 'Accept the proposal' : `Accept all ${pending.length} proposals`}
        </button>
      )}
      {props.drafts.map((d) => {
        const refs = props.references.filter((r) => r.draftId === d.id).sort(refOrder);
        return (
          <section key={d.id} aria-label={`References of ${d.title}`}>
            <h3>{d.title}</h3>
            {refs.length === 0 ? (
              <p className="muted">This draft cites no numbered references.</p>
            ) : (
              <table className="references-table">
                <thead>
                  <tr>
                    <th scope="col">Ref.</th>
                    <th scope="col">Source</th>
                    <th scope="col">Proposal</th>
                  </tr>
                </thead>
                <tbody>
                  {refs.map((r) => {
                    const s = byId.get(r.id);
                    return (
                      <tr key={r.id}>
                        <th scope="row">[{r.ref}]</th>
                        <td>
                          <select
                            aria-label={`Source of reference ${r.ref}`}
                            value={r.sourceSha256 ?? ''}
                            onChange={(e) => {
                              const sha = e.target.value === '' ? null : e.target.value;
                              // Choosing the proposed source takes its list item too; another source drops it.
                              props.onBind(r, sha, sha !== null && s?.sourceSha256 === sha ? s.csl : null);
                            }}
                          >
                            <option value="">Not bound</option>
                            {bindable.map((src) => (
                              <option key={src.sha256} value={src.sha256}>
                                {src.title} ({src.fileName})
                              </option>
                            ))}
                          </select>
                          {r.csl && cslLabel(r.csl) !== '' && <div className="muted reference-item">{cslLabel(r.csl)}</div>}
                        </td>
                        <td>
                          {s && pending.includes(s) ? (
                            <button type="button" onClick={() => props.onBind(r, s.sourceSha256, s.csl)} aria-label={`Accept ${title(s.sourceSha256)} for reference ${r.ref}`}>
                              {title(s.sourceSha256)} <span className="muted">({s.reason})</span> ✓
                            </button>
                          ) : (
                            <span className="muted">{s ? 'accepted' : '—'}</span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
