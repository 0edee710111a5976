// What replacing a source with a new version did to its passages (issues 5 and 6: "a report lists what
// moved, what changed wording, and what is orphaned"): passages found with the same words, passages found
// by a near match with their old and new wording, and passages not found, which stay on the old version
// with their stored quote (the new version's passage list shows them as orphaned).
import type { ReplacementReport } from '../../../shared/anchor/replace.ts';
import { useModal } from '../packet/use-modal.ts';

/** Props of ReplacementReportDialog. */
export interface ReplacementReportDialogProps {
  /** The old version's title and the new file's name. */
  oldTitle: string;
  newName: string;
  /** What re-anchoring did. */
  report: ReplacementReport;
  /** Closes the report. */
  onClose(): void;
}

/** One line summing a replacement up; never throws. */
export function summarizeReplacement(report: ReplacementReport): string {
  return `${report.moved.length} passage(s) found with the same words, ${report.reworded.length} reworded, ${report.orphaned.length} orphaned.`;
}

/** A modal report of a source replacement; never throws. */
export function ReplacementReportDialog({ oldTitle, newName, report, onClose }: ReplacementReportDialogProps) {
  const ref = useModal(onClose, false);
  return (
    <dialog ref={ref} className="dialog revision-report" aria-labelledby="replacement-report-title">
      <h2 id="replacement-report-title">
        {newName} replaces “{oldTitle}”
      </h2>
      <p role="status">{summarizeReplacement(report)}</p>
      <p className="muted">The old version stays in the workspace; passages that could not be placed stay on it and keep their evidence.</p>

      <table className="references-table" aria-label="Reworded passages">
        <caption>Reworded ({report.reworded.length})</caption>
        <thead>
          <tr>
            <th scope="col">Before</th>
            <th scope="col">Now</th>
            <th scope="col">Score</th>
          </tr>
        </thead>
        <tbody>
          {report.reworded.map((r) => (
            <tr key={r.id}>
              <td>{r.old}</td>
              <td>{r.new}</td>
              <td>{r.score.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table className="references-table" aria-label="Orphaned passages">
        <caption>Orphaned: not found in the new version ({report.orphaned.length})</caption>
        <tbody>
          {report.orphaned.map((o) => (
            <tr key={o.id}>
              <td>{o.quote}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table className="references-table" aria-label="Passages found with the same words">
        <caption>Same words ({report.moved.length})</caption>
        <tbody>
          {report.moved.map((m) => (
            <tr key={m.id}>
              <td>{m.quote}</td>
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
