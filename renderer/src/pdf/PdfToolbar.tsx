// The viewer's toolbar: sidebar, page navigation, zoom, find and "Highlight selection". Presentational:
// every action is a callback, so it is tested by role and label without pdf.js.
import { useEffect, useState, type FormEvent } from 'react';
import { ZOOM_STEPS, type ZoomMode } from './viewport-math.ts';

/** Props of PdfToolbar. */
export interface PdfToolbarProps {
  /** Zero-based index of the page in view. */
  currentPage: number;
  /** Page labels, one per page. */
  pageLabels: readonly string[];
  /** The current zoom mode. */
  zoom: ZoomMode;
  /** The scale in effect (for the percentage shown in fit modes). */
  scale: number;
  /** Whether the sidebar is shown. */
  sidebarOpen: boolean;
  /** Whether the find bar is shown. */
  findOpen: boolean;
  /** Whether "Highlight selection" has something to highlight. */
  canHighlight: boolean;
  /** Called with what the user typed in the page box; returns false when it names no page. */
  onGoToPage(input: string): boolean;
  /** Zoom one step in (+1) or out (-1). */
  onZoomStep(direction: 1 | -1): void;
  /** A zoom mode was chosen. */
  onZoom(mode: ZoomMode): void;
  /** Show or hide the sidebar. */
  onToggleSidebar(): void;
  /** Show or hide the find bar. */
  onToggleFind(): void;
  /** Create a passage from the selection (or the current find hit). */
  onHighlight(): void;
}

function zoomValue(zoom: ZoomMode): string {
  return zoom.kind === 'percent' ? String(zoom.percent) : zoom.kind;
}

/** The viewer toolbar; never throws. */
export function PdfToolbar(props: PdfToolbarProps) {
  const { currentPage, pageLabels, zoom, scale } = props;
  const currentLabel = pageLabels[currentPage] ?? String(currentPage + 1);
  const [pageText, setPageText] = useState(currentLabel);
  const [editing, setEditing] = useState(false);
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    if (!editing) setPageText(currentLabel);
  }, [currentLabel, editing]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ok = props.onGoToPage(pageText);
    setInvalid(!ok);
    if (ok) setEditing(false);
  };
  const labelsDiffer = pageLabels.some((l, i) => l !== String(i + 1));
  const percent = Math.round(scale * 100);

  return (
    <div className="pd-toolbar" role="toolbar" aria-label="PDF viewer">
      <button type="button" aria-pressed={props.sidebarOpen} aria-label="Sidebar" title="Sidebar" onClick={props.onToggleSidebar}>
        ☰
      </button>
      <form className="pd-page-form" onSubmit={submit}>
        <input
          className="pd-page-input"
          aria-label="Page"
          aria-invalid={invalid}
          value={pageText}
          size={Math.max(3, currentLabel.length + 1)}
          onFocus={(e) => {
            setEditing(true);
            e.currentTarget.select();
          }}
          onBlur={() => {
            setEditing(false);
            setInvalid(false);
          }}
          onChange={(e) => {
            setPageText(e.target.value);
            setInvalid(false);
          }}
        />
        <span className="pd-page-count">
          {labelsDiffer ? `(${currentPage + 1} of ${pageLabels.length})` : `of ${pageLabels.length}`}
        </span>
      </form>
      <button type="button" aria-label="Zoom out" title="Zoom out (Ctrl −)" onClick={() => props.onZoomStep(-1)}>
        −
      </button>
      <select
        aria-label="Zoom"
        value={zoomValue(zoom)}
        onChange={(e) => {
          const v = e.target.value;
          props.onZoom(v === 'fit-width' || v === 'fit-page' ? { kind: v } : { kind: 'percent', percent: Number(v) });
        }}
      >
        <option value="fit-width">Fit width{zoom.kind === 'fit-width' ? ` (${percent}%)` : ''}</option>
        <option value="fit-page">Fit page{zoom.kind === 'fit-page' ? ` (${percent}%)` : ''}</option>
        {zoom.kind === 'percent' && !ZOOM_STEPS.includes(zoom.percent as (typeof ZOOM_STEPS)[number]) && (
          <option value={String(zoom.percent)}>{zoom.percent}%</option>
        )}
        {ZOOM_STEPS.map((s) => (
          <option key={s} value={String(s)}>
            {s}%
          </option>
        ))}
      </select>
      <button type="button" aria-label="Zoom in" title="Zoom in (Ctrl +)" onClick={() => props.onZoomStep(1)}>
        +
      </button>
      <button type="button" aria-pressed={props.findOpen} aria-label="Find in document" title="Find (Ctrl F)" onClick={props.onToggleFind}>
        Find
      </button>
      <button
        type="button"
        className="primary"
        aria-label="Highlight selection"
        title="Highlight selection (H)"
        aria-keyshortcuts="H"
        disabled={!props.canHighlight}
        onClick={props.onHighlight}
      >
        Highlight
      </button>
    </div>
  );
}
