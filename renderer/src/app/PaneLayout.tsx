import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

/** Narrowest a side pane may be (px). */
export const MIN_PANE_PX = 200;
/** Widest a side pane may be, as a fraction of the window. */
export const MAX_PANE_FRACTION = 0.45;
/** How far one arrow key press moves a splitter (px). */
export const SPLITTER_STEP_PX = 24;
/** Where the layout is remembered. */
export const LAYOUT_STORAGE_KEY = 'provenance-desk.layout.v1';

/** Widths of the two side panes (the middle one takes the rest). */
export interface PaneWidths {
  /** Claims pane width (px). */
  left: number;
  /** Evidence pane width (px). */
  right: number;
}

/** The layout a new user gets. */
export const DEFAULT_WIDTHS: PaneWidths = { left: 360, right: 380 };

/** Clamps a pane width to the allowed range for a window width; never throws. */
export function clampWidth(width: number, windowWidth: number): number {
  const max = Math.max(MIN_PANE_PX, Math.floor(windowWidth * MAX_PANE_FRACTION));
  return Math.min(max, Math.max(MIN_PANE_PX, Math.round(width)));
}

/** Reads the remembered layout; returns the default when nothing valid is stored. */
export function loadWidths(storage: Pick<Storage, 'getItem'> | null): PaneWidths {
  try {
    const raw = storage?.getItem(LAYOUT_STORAGE_KEY);
    if (!raw) return DEFAULT_WIDTHS;
    const v = JSON.parse(raw) as Partial<PaneWidths>;
    if (typeof v.left === 'number' && typeof v.right === 'number' && Number.isFinite(v.left) && Number.isFinite(v.right)) return { left: v.left, right: v.right };
  } catch {
    // A damaged entry is replaced on the next resize; the default layout is always usable.
  }
  return DEFAULT_WIDTHS;
}

function storageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Three panes side by side with two splitters, resizable by pointer and arrow keys, remembered across sessions. */
export function PaneLayout({ left, middle, right }: { left: ReactNode; middle: ReactNode; right: ReactNode }) {
  const [widths, setWidths] = useState<PaneWidths>(() => loadWidths(storageOrNull()));
  const leftRef = useRef<HTMLDivElement>(null);
  const rightRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    leftRef.current?.style.setProperty('flex-basis', `${clampWidth(widths.left, window.innerWidth)}px`);
    rightRef.current?.style.setProperty('flex-basis', `${clampWidth(widths.right, window.innerWidth)}px`);
    try {
      storageOrNull()?.setItem(LAYOUT_STORAGE_KEY, JSON.stringify(widths));
    } catch {
      // Storage full or disabled: the layout still works, it is just not remembered.
    }
  }, [widths]);

  const resize = useCallback((side: keyof PaneWidths, width: number) => {
    setWidths((w) => ({ ...w, [side]: clampWidth(width, window.innerWidth) }));
  }, []);

  const splitter = (side: keyof PaneWidths) => {
    const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
      const grow = side === 'left' ? 'ArrowRight' : 'ArrowLeft';
      const shrink = side === 'left' ? 'ArrowLeft' : 'ArrowRight';
      if (e.key === grow) resize(side, widths[side] + SPLITTER_STEP_PX);
      else if (e.key === shrink) resize(side, widths[side] - SPLITTER_STEP_PX);
      else if (e.key === 'Home') resize(side, DEFAULT_WIDTHS[side]);
      else return;
      e.preventDefault();
    };
    const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
      const startX = e.clientX;
      const start = widths[side];
      const target = e.currentTarget;
      target.setPointerCapture?.(e.pointerId);
      const move = (ev: globalThis.PointerEvent) => resize(side, start + (side === 'left' ? ev.clientX - startX : startX - ev.clientX));
      const up = () => {
        target.removeEventListener('pointermove', move);
        target.removeEventListener('pointerup', up);
      };
      target.addEventListener('pointermove', move);
      target.addEventListener('pointerup', up);
    };
    return (
      <div
        className="splitter"
        role="separator"
        aria-orientation="vertical"
        aria-label={side === 'left' ? 'Resize claims pane' : 'Resize evidence pane'}
        aria-valuenow={widths[side]}
        aria-valuemin={MIN_PANE_PX}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
      />
    );
  };

  return (
    <main className="panes">
      <div ref={leftRef} className="pane-slot pane-slot-side">
        {left}
      </div>
      {splitter('left')}
      <div className="pane-slot pane-slot-middle">{middle}</div>
      {splitter('right')}
      <div ref={rightRef} className="pane-slot pane-slot-side">
        {right}
      </div>
    </main>
  );
}
