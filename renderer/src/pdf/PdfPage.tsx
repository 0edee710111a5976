// One page of the viewer: a placeholder of the page's size, and while `active` its canvas, its pdf.js text
// layer (one span per text item, tagged with the item index) and the highlight marks. Deactivating
// releases the canvas's pixels, empties the text layer and calls page.cleanup().
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { TextLayer, type PDFDocumentProxy, type PageViewport } from 'pdfjs-dist';
import type { CharRange, SourceText } from '../../../shared/types/text.ts';
import { pdfTextItemsOf } from '../../../shared/text/pdf-text.ts';
import { pageItemRanges } from './page-item-ranges.ts';
import { ITEM_ATTR, PAGE_INDEX_ATTR, TEXT_LAYER_ATTR } from './selection.ts';
import { applyMarks, type TextMark } from './text-layer-marks.ts';

/** Largest canvas the viewer allocates for one page, in device pixels (bounds memory at high zoom). */
export const MAX_CANVAS_PIXELS = 16_777_216;
/** Highest device-pixel ratio a page is rendered at. */
export const MAX_OUTPUT_SCALE = 2;

/** What a rendered page tells the viewer: its items' source ranges and its viewport. */
export interface RenderedPage {
  /** Per item on this page: its `[start, end)` in the source text, or null. */
  ranges: (CharRange | null)[];
  /** The viewport the page was laid out with (CSS px), for converting rects to PDF space. */
  viewport: PageViewport;
}

/** Props of PdfPage. */
export interface PdfPageProps {
  /** The open document. */
  pdf: PDFDocumentProxy;
  /** Zero-based page index. */
  index: number;
  /** The page label, for the accessible name "Page <label>". */
  label: string;
  /** CSS pixels per PDF point. */
  scale: number;
  /** Placeholder width in CSS px (the page's size at `scale`, or a guess until it has loaded). */
  width: number;
  /** Placeholder height in CSS px. */
  height: number;
  /** Whether to render (canvas, text layer, marks) or stay a placeholder. */
  active: boolean;
  /** The source text, for the page's unit range. */
  sourceText: SourceText;
  /** The page's item ranges when the caller has them (from extraction); otherwise computed from the page. */
  itemRanges?: readonly (CharRange | null)[] | undefined;
  /** Highlights overlapping this page. */
  marks: readonly TextMark[];
  /** Reports the page's size at scale 1 once it has loaded. */
  onSize(index: number, width: number, height: number): void;
  /** Reports the page rendered (with its ranges) or released (null). */
  onRendered(index: number, page: RenderedPage | null): void;
  /** Called after marks are drawn on the rendered page. */
  onMarksDrawn(index: number): void;
}

function isCancellation(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'RenderingCancelledException' || name === 'AbortException';
}

/** One page: placeholder, or canvas + text layer + marks while active; never throws (render errors are logged). */
export const PdfPage = memo(function PdfPage(props: PdfPageProps) {
  const { pdf, index, scale, active, sourceText, itemRanges, onSize, onRendered } = props;
  const pageRef = useRef<HTMLDivElement>(null);
  const canvasWrapRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState<RenderedPage | null>(null);

  useEffect(() => {
    const pageEl = pageRef.current;
    const canvasWrap = canvasWrapRef.current;
    const textDiv = textRef.current;
    if (!active || !pageEl || !canvasWrap || !textDiv) return;
    let cancelled = false;
    let renderTask: { cancel(): void; promise: Promise<void> } | null = null;
    let textLayer: TextLayer | null = null;
    let canvas: HTMLCanvasElement | null = null;
    let cleanupPage: (() => void) | null = null;
    void (async () => {
      const page = await pdf.getPage(index + 1);
      cleanupPage = () => page.cleanup();
      if (cancelled) return;
      const base = page.getViewport({ scale: 1 });
      onSize(index, base.width, base.height);
      const viewport = page.getViewport({ scale });
      pageEl.style.setProperty('--total-scale-factor', String(viewport.scale * viewport.userUnit));
      // Canvas at device resolution, capped in pixels so a zoomed-in page cannot exhaust memory.
      const dpr = Math.min(window.devicePixelRatio || 1, MAX_OUTPUT_SCALE);
      const output = Math.min(dpr, Math.sqrt(MAX_CANVAS_PIXELS / Math.max(1, viewport.width * viewport.height)));
      canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width * output);
      canvas.height = Math.floor(viewport.height * output);
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.height = `${Math.floor(viewport.height)}px`;
      canvas.setAttribute('aria-hidden', 'true');
      canvasWrap.replaceChildren(canvas);
      const ctx = canvas.getContext('2d', { alpha: false });
      if (!ctx) throw new Error('no 2D canvas context');
      const task = page.render({
        canvas,
        canvasContext: ctx,
        viewport,
        ...(output !== 1 ? { transform: [output, 0, 0, output, 0, 0] } : {}),
      });
      renderTask = task;
      // Cancelling rejects this promise; it is awaited below only if the page is still wanted then.
      task.promise.catch(() => undefined);
      const content = await page.getTextContent({ disableNormalization: true });
      if (cancelled) return;
      textLayer = new TextLayer({ textContentSource: content, container: textDiv, viewport });
      await textLayer.render();
      if (cancelled) return;
      textLayer.textDivs.forEach((div, i) => div.setAttribute(ITEM_ATTR, String(i)));
      // As pdf.js's own viewer does: while a drag-selection is under way this block covers the layer, so
      // the pointer over blank space does not make the browser select to the start of the layer.
      const end = document.createElement('div');
      end.className = 'endOfContent';
      textDiv.append(end);
      const items = pdfTextItemsOf(content.items);
      const ranges = itemRanges && itemRanges.length === items.length ? [...itemRanges] : pageItemRanges(sourceText, index, items);
      if (ranges.every((r) => r === null) && items.some((it) => it.str.trim() !== '')) {
        console.warn(`Page ${index + 1}: its text differs from the stored source text; selection is off on this page.`);
      }
      pageEl.setAttribute(TEXT_LAYER_ATTR, 'ready');
      await task.promise;
      if (cancelled) return;
      const rendered: RenderedPage = { ranges, viewport };
      setReady(rendered);
      onRendered(index, rendered);
    })().catch((error: unknown) => {
      if (!cancelled && !isCancellation(error)) console.error(`Page ${index + 1} could not be rendered:`, error);
    });
    return () => {
      cancelled = true;
      renderTask?.cancel();
      textLayer?.cancel();
      textDiv.replaceChildren();
      if (canvas) {
        // Releasing the backing store now, not at garbage collection, is what bounds memory.
        canvas.width = 0;
        canvas.height = 0;
      }
      canvasWrap.replaceChildren();
      pageEl.removeAttribute(TEXT_LAYER_ATTR);
      cleanupPage?.();
      setReady(null);
      onRendered(index, null);
    };
  }, [pdf, index, scale, active, sourceText, itemRanges, onSize, onRendered]);

  useEffect(() => {
    const textDiv = textRef.current;
    if (!textDiv) return;
    const onDown = () => {
      textDiv.classList.add('selecting');
      document.addEventListener('pointerup', () => textDiv.classList.remove('selecting'), { once: true });
    };
    textDiv.addEventListener('pointerdown', onDown);
    return () => textDiv.removeEventListener('pointerdown', onDown);
  }, []);

  const { marks, onMarksDrawn } = props;
  useLayoutEffect(() => {
    const pageEl = pageRef.current;
    if (!ready || !pageEl) return;
    applyMarks(pageEl, ready.ranges, marks);
    onMarksDrawn(index);
  }, [ready, marks, index, onMarksDrawn]);

  return (
    <div
      ref={pageRef}
      className="pd-page"
      role="group"
      aria-label={`Page ${props.label}`}
      {...{ [PAGE_INDEX_ATTR]: String(index) }}
      style={{ width: `${Math.floor(props.width)}px`, height: `${Math.floor(props.height)}px` }}
    >
      <div ref={canvasWrapRef} className="pd-canvas" />
      <div ref={textRef} className="textLayer" />
    </div>
  );
});
