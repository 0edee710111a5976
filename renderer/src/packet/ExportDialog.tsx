// The export dialog (issue 8 item 1): which drafts (all by default), whether to include the source
// files (off by default, because copyright may forbid passing them on), a progress bar, and the outcome.
import { useState } from 'react';
import type { Draft } from '../../../shared/types/domain.ts';
import type { Host } from '../host/host.ts';
import type { DeskDb } from '../store/db.ts';
import { EXPORT_PHASES, buildInThread, buildInWorker, exportPacket, type ExportOutcome, type ExportProgress, type PacketBuilder } from './export.ts';
import { useModal } from './use-modal.ts';

/** Share of the progress bar each phase takes, in EXPORT_PHASES order (building the zip is most of it). */
export const PHASE_WEIGHTS: Readonly<Record<ExportProgress['phase'], number>> = { checkpoint: 0.05, reading: 0.05, building: 0.8, saving: 0.05, recording: 0.05 };

/** Words for each phase, shown beside the bar. */
export const PHASE_LABELS: Readonly<Record<ExportProgress['phase'], string>> = {
  checkpoint: 'Signing a checkpoint…',
  reading: 'Reading the workspace…',
  building: 'Building the packet…',
  saving: 'Saving…',
  recording: 'Recording the export in the ledger…',
};

/** Props of the export dialog. */
export interface ExportDialogProps {
  /** The open workspace. */
  db: DeskDb;
  /** Saves the packet (a save dialog in Electron, a download in the browser). */
  host: Pick<Host, 'saveFile'>;
  /** Who exports (the ledger entry's actor). */
  actor: string;
  /** The workspace's drafts, in display order. */
  drafts: readonly Pick<Draft, 'id' | 'title'>[];
  /** Closes the dialog. */
  onClose(): void;
  /** Called after a packet was saved (not when the user cancelled the save). */
  onExported?(outcome: ExportOutcome): void;
  /** Builds the zip; default: a worker where the platform has workers, else this thread. */
  builder?: PacketBuilder;
}

/** Overall fraction done (0…1) of an export at `p`; never throws. */
export function overallProgress(p: ExportProgress): number {
  let before = 0;
  for (const phase of EXPORT_PHASES) {
    if (phase === p.phase) break;
    before += PHASE_WEIGHTS[phase];
  }
  const within = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  return Math.min(1, before + PHASE_WEIGHTS[p.phase] * within);
}

/** Chooses what to export and exports it, showing progress and the outcome. */
export function ExportDialog({ db, host, actor, drafts, onClose, onExported, builder }: ExportDialogProps) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(drafts.map((d) => d.id)));
  const [includeSources, setIncludeSources] = useState(false);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const busy = progress !== null;
  const ref = useModal(onClose, busy);
  const allChosen = drafts.every((d) => chosen.has(d.id));

  const toggle = (id: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const run = async () => {
    setError(null);
    setResult(null);
    setProgress({ phase: 'checkpoint', done: 0, total: 1 });
    try {
      const outcome = await exportPacket(
        db,
        host,
        actor,
        // Every draft chosen means the whole workspace, so sources and passages not yet used go too.
        { draftIds: allChosen ? null : drafts.filter((d) => chosen.has(d.id)).map((d) => d.id), includeSources },
        { builder: builder ?? (typeof Worker === 'function' ? buildInWorker : buildInThread), onProgress: setProgress },
      );
      if (outcome.savedAs === null) setResult('Export cancelled: nothing was saved or recorded.');
      else {
        const kb = Math.max(1, Math.round(outcome.packet.bytes.length / 1024));
        const note = outcome.recorded ? ' The export is recorded in the ledger.' : ' This read-only copy re-used the checkpoint it was imported with and records nothing.';
        setResult(`Saved ${outcome.savedAs} (${kb} KB): ${outcome.packet.claims} claims, ${outcome.packet.evidence} evidence items, checkpoint of ${outcome.packet.checkpoint.size} entries.${note}`);
        onExported?.(outcome);
      }
    } catch (e: unknown) {
      setError(`The packet was not exported: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setProgress(null);
    }
  };

  return (
    <dialog ref={ref} className="dialog export-dialog" aria-labelledby="export-title">
      <h2 id="export-title">Export evidence packet</h2>
      <fieldset disabled={busy}>
        <legend>Drafts</legend>
        {drafts.length === 0 && <p className="muted">No drafts yet: the packet will hold the sources and the ledger.</p>}
        {drafts.map((d) => (
          <label key={d.id} className="checkbox-row">
            <input type="checkbox" checked={chosen.has(d.id)} onChange={() => toggle(d.id)} /> {d.title}
          </label>
        ))}
      </fieldset>
      <label className="checkbox-row">
        <input type="checkbox" checked={includeSources} disabled={busy} onChange={(e) => setIncludeSources(e.target.checked)} /> Include source files
      </label>
      <p className="muted" id="export-sources-note">
        Off by default: copyright may forbid passing the source files on. Without them the packet holds the extracted texts and every quoted excerpt, which is enough to verify it.
      </p>
      {progress && (
        <div role="status">
          <progress aria-label="Export progress" max={1} value={overallProgress(progress)} /> {PHASE_LABELS[progress.phase]}
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {result && <p role="status">{result}</p>}
      <div className="dialog-buttons">
        <button type="button" className="primary" disabled={busy || (drafts.length > 0 && chosen.size === 0)} onClick={() => void run()}>
          Export…
        </button>
        <button type="button" disabled={busy} onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
