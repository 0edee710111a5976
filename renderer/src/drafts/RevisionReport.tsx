import { useModal } from '../packet/use-modal.ts';
import { RELATION_UI, shorten } from '../evidence/EvidencePane.tsx';
import type { RevisionReport as Report } from './revise.ts';

/** Longest quotation shown per detached evidence item, in characters. */
export const DETACHED_QUOTE_CHARS = 160;

/** The counts of a revision report as one sentence: `2 unchanged, 3 edited, 2 new, 1 removed; …`; never throws. */
export function summarizeRevision(report: Report): string {
  const claims = `${report.unchanged.length} unchanged, ${report.edited.length} edited, ${report.added.length} new, ${report.removed.length} removed`;
  return `${claims}; ${report.carried} evidence item(s) carried over, ${report.detached.length} detached from a removed claim.`;
}

/** Props of the revision report. */
export interface RevisionReportProps {
  /** What importing the revision did. */
  report: Report;
  /** Closes the report. */
  onClose(): void;
}

/** A modal report of an imported revision: claims unchanged, edited, new and removed, and evidence detached from removed claims. */
export function RevisionReport({ report, onClose }: RevisionReportProps) {
  const ref = useModal(onClose, false);

  return (
    <dialog ref={ref} className="dialog revision-report" aria-labelledby="revision-report-title">
      <h2 id="revision-report-title">New version of “{report.oldDraft.title}”</h2>
      <p role="status">{summarizeRevision(report)}</p>
      <p className="muted">
        Imported as “{report.newDraft.title}”. Nothing attached is lost: the earlier version and all its evidence stay in the workspace.
      </p>

      <table className="references-table" aria-label="Edited claims">
        <caption>Edited claims ({report.edited.length})</caption>
        <thead>
          <tr>
            <th scope="col">Claim</th>
            <th scope="col">Before</th>
            <th scope="col">Now</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {report.edited.map((c) => (
            <tr key={`${c.oldIndex}-${c.newIndex}`}>
              <td>
                {c.oldIndex + 1} → {c.newIndex + 1}
              </td>
              <td>{c.oldText}</td>
              <td>{c.newText}</td>
              <td>
                {c.evidence} carried
                {c.changedSinceEvidence && (
                  <>
                    {' '}
                    <span className="badge badge-problem">changed since evidence was attached</span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <table className="references-table" aria-label="New claims">
        <caption>New claims ({report.added.length})</caption>
        <thead>
          <tr>
            <th scope="col">Claim</th>
            <th scope="col">Text</th>
          </tr>
        </thead>
        <tbody>
          {report.added.map((c) => (
            <tr key={c.newIndex}>
              <td>{c.newIndex + 1}</td>
              <td>{c.text}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table className="references-table" aria-label="Removed claims">
        <caption>Removed claims ({report.removed.length})</caption>
        <thead>
          <tr>
            <th scope="col">Claim</th>
            <th scope="col">Text</th>
            <th scope="col">Evidence kept on the earlier version</th>
          </tr>
        </thead>
        <tbody>
          {report.removed.map((c) => (
            <tr key={c.oldIndex}>
              <td>{c.oldIndex + 1}</td>
              <td>{c.text}</td>
              <td>{c.evidence}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table className="references-table" aria-label="Detached evidence">
        <caption>Evidence detached from a removed claim ({report.detached.length})</caption>
        <thead>
          <tr>
            <th scope="col">Removed claim</th>
            <th scope="col">Relation</th>
            <th scope="col">Passage</th>
            <th scope="col">Attached</th>
          </tr>
        </thead>
        <tbody>
          {report.detached.map((d) => (
            <tr key={d.evidenceId}>
              <td>
                {d.removedIndex + 1}. {d.removedText}
              </td>
              <td>{RELATION_UI[d.relation].label}</td>
              <td>
                {d.quote === '' ? <span className="muted">(passage missing)</span> : <>“{shorten(d.quote, DETACHED_QUOTE_CHARS)}”</>}
                {d.note !== '' && <div className="muted">{d.note}</div>}
              </td>
              <td>
                {d.attachedBy}, <time dateTime={d.attachedAt}>{new Date(d.attachedAt).toLocaleString()}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <table className="references-table" aria-label="Unchanged claims">
        <caption>Unchanged claims ({report.unchanged.length})</caption>
        <thead>
          <tr>
            <th scope="col">Claim</th>
            <th scope="col">Text</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {report.unchanged.map((c) => (
            <tr key={`${c.oldIndex}-${c.newIndex}`}>
              <td>
                {c.oldIndex + 1} → {c.newIndex + 1}
              </td>
              <td>{c.text}</td>
              <td>{c.evidence} carried</td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
