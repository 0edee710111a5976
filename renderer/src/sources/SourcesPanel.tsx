import { useState, type DragEvent } from 'react';
import type { Source } from '../../../shared/types/domain.ts';

/** An import in progress or finished with an error. */
export interface ImportJob {
  /** Job id. */
  id: string;
  /** The file's name. */
  fileName: string;
  /** Steps done (pages) and total, or null before the total is known. */
  progress: { done: number; total: number } | null;
  /** running, asking for a password, failed or already present. */
  state: 'running' | 'needs-password' | 'failed' | 'duplicate';
  /** What went wrong or why it needs input, naming the file. */
  message: string | null;
}

/** Props of the sources panel. */
export interface SourcesPanelProps {
  /** Sources in the workspace. */
  sources: Source[];
  /** The source open in the viewer, or null. */
  openSha256: string | null;
  /** Imports in progress or failed. */
  jobs: ImportJob[];
  /** Opens the file picker. */
  onAdd(): void;
  /** Files dropped on the panel. */
  onDrop(files: File[]): void;
  /** Opens a source in the viewer. */
  onOpen(sha256: string): void;
  /** Cancels a running import or dismisses a finished job. */
  onCancel(jobId: string): void;
  /** Retries an encrypted PDF with a password. */
  onPassword(jobId: string, password: string): void;
  /** Replaces a source with a new version of the same work (passages re-anchor); the button shows only when given. */
  onReplace?: (sha256: string) => void;
}

const KIND_LABEL: Record<Source['kind'], string> = { pdf: 'PDF', transcript: 'Transcript', recording: 'Recording' };

function unitsOf(s: Source): string {
  if (s.kind === 'pdf') return `${s.unitCount} pages`;
  if (s.kind === 'transcript') return `${s.unitCount} cues${s.recordingSha256 ? ', with recording' : ''}`;
  return `${(s.size / 1024 / 1024).toFixed(1)} MB`;
}

/** The workspace's sources, their imports (progress, cancel, password) and a drop zone. */
export function SourcesPanel(props: SourcesPanelProps) {
  const [dragging, setDragging] = useState(false);
  const [passwords, setPasswords] = useState<Record<string, string>>({});
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length > 0) props.onDrop(files);
  };
  return (
    <div
      className={`sources-panel${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      aria-label="Sources"
      role="region"
    >
      <div className="sources-head">
        <button type="button" onClick={props.onAdd}>
          Add sources…
        </button>
        <span className="muted">or drop PDFs, transcripts and recordings here</span>
      </div>
      {props.jobs.length > 0 && (
        <ul className="import-jobs" aria-label="Imports">
          {props.jobs.map((j) => (
            <li key={j.id} className={`job job-${j.state}`}>
              <span>{j.fileName}</span>{' '}
              {j.state === 'running' && (
                <>
                  <progress
                    aria-label={`Importing ${j.fileName}`}
                    max={j.progress?.total ?? 1}
                    value={j.progress?.done ?? undefined}
                  />
                  <span className="muted">{j.progress ? `${j.progress.done} / ${j.progress.total}` : 'reading…'}</span>{' '}
                  <button type="button" onClick={() => props.onCancel(j.id)} aria-label={`Cancel importing ${j.fileName}`}>
                    Cancel
                  </button>
                </>
              )}
              {j.state === 'needs-password' && (
                <form
                  aria-label={`Password for ${j.fileName}`}
                  onSubmit={(e) => {
                    e.preventDefault();
                    props.onPassword(j.id, passwords[j.id] ?? '');
                  }}
                >
                  <span className="muted">{j.message}</span>{' '}
                  <input
                    type="password"
                    aria-label={`Password for ${j.fileName}`}
                    value={passwords[j.id] ?? ''}
                    onChange={(e) => setPasswords({ ...passwords, [j.id]: e.target.value })}
                    autoFocus
                  />{' '}
                  <button type="submit">Open</button>{' '}
                  <button type="button" onClick={() => props.onCancel(j.id)}>
                    Skip
                  </button>
                </form>
              )}
              {(j.state === 'failed' || j.state === 'duplicate') && (
                <>
                  <span role={j.state === 'failed' ? 'alert' : 'status'} className={j.state === 'failed' ? 'error' : 'muted'}>
                    {j.message}
                  </span>{' '}
                  <button type="button" onClick={() => props.onCancel(j.id)} aria-label={`Dismiss ${j.fileName}`}>
                    Dismiss
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.sources.length === 0 ? (
        <p className="muted">No sources yet.</p>
      ) : (
        <ul className="source-list" aria-label="Source files">
          {props.sources.map((s) => (
            <li key={s.sha256}>
              <button
                type="button"
                className={s.sha256 === props.openSha256 ? 'source-open current' : 'source-open'}
                aria-current={s.sha256 === props.openSha256 ? 'true' : undefined}
                onClick={() => props.onOpen(s.sha256)}
                disabled={s.kind === 'recording'}
              >
                <span className="source-kind">{KIND_LABEL[s.kind]}</span> {s.title}
              </button>{' '}
              <span className="muted" title={s.sha256}>
                {unitsOf(s)} · {s.sha256.slice(0, 12)}
                {s.replaces ? ` · replaces ${s.replaces.slice(0, 12)}` : ''}
              </span>
              {props.onReplace && s.kind !== 'recording' && (
                <>
                  {' '}
                  <button type="button" className="small" onClick={() => props.onReplace?.(s.sha256)} aria-label={`Replace ${s.title} with a new version`}>
                    Replace…
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
