// The PDF viewer (issue 5, items 3 and 4): continuous scroll with only the pages near the viewport
// rendered, zoom, go to page, outline or page-list sidebar, a selectable text layer, find in document,
// passages painted in the text layer, and "Highlight selection" producing W3C selectors and rects.
//
// Test hooks (stable): the root has `data-rendered-pages` ("0,1,2": pages whose canvas and text layer are
// done) and `data-page-count`; each page is `role=group` named "Page <label>" with `data-page-index`;
// each passage's first mark is `role=button` with `data-passage-id` (every mark of it carries the id).
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { createSelectors } from '../../../shared/anchor/selectors.ts';
import type { Passage } from '../../../shared/types/domain.ts';
import type { PassageSelectors } from '../../../shared/types/selectors.ts';
import type { CharRange, PageUnit, SourceText } from '../../../shared/types/text.ts';
import '../styles/pdf.css';
import { FindBar } from './FindBar.tsx';
import { findHits, hitAtOrAfter, stepHit } from './find.ts';
import { PdfOutline } from './PdfOutline.tsx';
import { PdfPage, type RenderedPage } from './PdfPage.tsx';
import { PdfToolbar } from './PdfToolbar.tsx';
import { pageOfOffset, passageRange } from './passage-ranges.ts';
import { computeRects, type PassageRect } from './passage-rects.ts';
import { PAGE_INDEX_ATTR, selectionToTextRange, type SelectionModel } from './selection.ts';
import { HIT_ATTR, PASSAGE_ID_ATTR, type TextMark } from './text-layer-marks.ts';
import {
  contentHeight,
  OVERSCAN_PAGES,
  PAGE_GAP_PX,
  pageAtOffset,
  pagesToRender,
  pageTops,
  resolvePageInput,
  scaleFor,
  stepZoom,
  type ZoomMode,
} from './viewport-math.ts';

/** Page size assumed (US Letter, in points) until the first page has loaded. */
const DEFAULT_PAGE_SIZE: [number, number] = [612, 792];
/** Characters of a passage's quote shown in its mark's accessible name. */
const MARK_LABEL_CHARS = 60;

/** A passage the user just highlighted, ready to be stored (the caller adds id, time and the ledger entry). */
export interface PassageDraft {
  /** The source text's SHA-256. */
  sourceSha256: string;
  /** First character in the source text. */
  start: number;
  /** Character after the last. */
  end: number;
  /** W3C quote, position and `page=N` fragment selectors. */
  selectors: PassageSelectors;
  /** Rects on the pages that were rendered, in PDF user space. */
  rects: PassageRect[];
}

/** Where to scroll: a page (zero-based) or a passage. Pass a new object to scroll again to the same place. */
export type ScrollTarget = { page: number } | { passageId: string };

/** Props of PdfViewer. */
export interface PdfViewerProps {
  /** The open document (from openPdf or usePdfDocument); the caller owns it and destroys it. */
  pdf: PDFDocumentProxy;
  /** The document's source text (from extraction), which every offset refers to. */
  sourceText: SourceText;
  /** Per page, per item ranges from extraction; when absent each page's are rebuilt from its text content. */
  itemRanges?: readonly (readonly (CharRange | null)[])[];
  /** Passages of this source. */
  passages: readonly Passage[];
  /** Re-anchored ranges by passage id (null = orphaned, not painted); when absent, each passage's TextPositionSelector is used. */
  anchoredRanges?: ReadonlyMap<string, CharRange | null>;
  /** The passage shown emphasised. */
  selectedPassageId?: string | null;
  /** Called when the user highlights a selection (button "Highlight selection" or H). */
  onHighlight?(draft: PassageDraft): void;
  /** Called when a painted passage is clicked or activated with Enter. */
  onPassageClick?(passageId: string): void;
  /** Scrolls to a page or passage whenever a new object is passed. */
  scrollTo?: ScrollTarget | null;
  /** Accessible name of the viewer (e.g. the file name). */
  label?: string;
}

function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

const EMPTY_MARKS: readonly TextMark[] = [];

/** The PDF viewer; see PdfViewerProps. Never throws (page render failures are logged and leave a placeholder). */
export function PdfViewer(props: PdfViewerProps) {
  const { pdf, sourceText, passages, anchoredRanges, selectedPassageId, onHighlight, onPassageClick } = props;
  const numPages = pdf.numPages;
  const pageUnits = useMemo(() => sourceText.units.filter((u): u is PageUnit => u.kind === 'page'), [sourceText]);
  const labels = useMemo(() => Array.from({ length: numPages }, (_, i) => pageUnits[i]?.label ?? String(i + 1)), [numPages, pageUnits]);

  const rootRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const pagesRef = useRef<HTMLDivElement>(null);

  // Page sizes at scale 1: every page assumed the size of the first until it loads itself.
  const [sizes, setSizes] = useState<[number, number][]>(() => Array.from({ length: numPages }, () => DEFAULT_PAGE_SIZE));
  useEffect(() => {
    let live = true;
    void pdf.getPage(1).then((page) => {
      const v = page.getViewport({ scale: 1 });
      if (live) setSizes((old) => old.map((s, i) => (i === 0 || s === DEFAULT_PAGE_SIZE ? [v.width, v.height] : s)));
    });
    return () => {
      live = false;
    };
  }, [pdf]);
  const onSize = useCallback((index: number, w: number, h: number) => {
    setSizes((old) => {
      const s = old[index];
      if (s && s[0] === w && s[1] === h) return old;
      const next = old.slice();
      next[index] = [w, h];
      return next;
    });
  }, []);

  const [zoom, setZoom] = useState<ZoomMode>({ kind: 'fit-width' });
  const [pane, setPane] = useState<[number, number]>([0, 0]);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => setPane([el.clientWidth, el.clientHeight]);
    measure();
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    ro?.observe(el);
    return () => ro?.disconnect();
  }, []);

  const [currentPage, setCurrentPage] = useState(0);
  const refSize = sizes[currentPage] ?? sizes[0] ?? DEFAULT_PAGE_SIZE;
  const scale = scaleFor(zoom, pane[0], pane[1], refSize[0], refSize[1]);
  // Whole pixels, so that page tops computed here match the layout exactly over a thousand pages.
  const heights = useMemo(() => sizes.map((s) => Math.floor(s[1] * scale)), [sizes, scale]);
  const tops = useMemo(() => pageTops(heights, PAGE_GAP_PX), [heights]);

  // Which pages render: those near the viewport, plus the pages holding the selection's ends (so that a
  // long drag-selection does not lose its anchor page to eviction).
  const [renderSet, setRenderSet] = useState<number[]>([0]);
  const anchorRef = useRef<{ page: number; frac: number }>({ page: 0, frac: 0 });
  const updateWindow = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const wanted = new Set(pagesToRender(el.scrollTop, el.clientHeight, heights, OVERSCAN_PAGES, PAGE_GAP_PX));
    const sel = document.getSelection();
    const selected = sel && !sel.isCollapsed ? [sel.anchorNode, sel.focusNode] : [];
    for (const node of selected) {
      const page = node && el.contains(node) ? (node instanceof Element ? node : node.parentElement)?.closest(`[${PAGE_INDEX_ATTR}]`) : null;
      if (page) wanted.add(Number(page.getAttribute(PAGE_INDEX_ATTR)));
    }
    const next = [...wanted].sort((a, b) => a - b);
    setRenderSet((old) => (old.length === next.length && old.every((v, i) => v === next[i]) ? old : next));
    const probe = el.scrollTop + el.clientHeight / 3;
    const page = pageAtOffset(probe, heights, PAGE_GAP_PX);
    setCurrentPage(Math.max(0, page));
    const top = tops[page] ?? 0;
    const h = heights[page] ?? 1;
    anchorRef.current = { page: Math.max(0, page), frac: Math.min(1, Math.max(0, (el.scrollTop - top) / h)) };
  }, [heights, tops]);
  const frame = useRef(0);
  const onScroll = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(updateWindow);
  }, [updateWindow]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // Keep the reading position when the scale changes.
  const lastScale = useRef(scale);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && lastScale.current !== scale) {
      const { page, frac } = anchorRef.current;
      el.scrollTop = (tops[page] ?? 0) + frac * (heights[page] ?? 0);
      lastScale.current = scale;
    }
    updateWindow();
  }, [scale, tops, heights, updateWindow]);

  // Rendered pages, for the selection model, rects and the test hook.
  const renderedRef = useRef(new Map<number, RenderedPage>());
  const [renderedList, setRenderedList] = useState<number[]>([]);
  const onRendered = useCallback((index: number, page: RenderedPage | null) => {
    if (page) renderedRef.current.set(index, page);
    else renderedRef.current.delete(index);
    setRenderedList([...renderedRef.current.keys()].sort((a, b) => a - b));
  }, []);

  // Find.
  const [findOpen, setFindOpen] = useState(false);
  const [findFocusKey, setFindFocusKey] = useState(0);
  const [query, setQuery] = useState('');
  const hits = useMemo(() => (findOpen ? findHits(sourceText.text, query) : []), [findOpen, sourceText, query]);
  const [currentHit, setCurrentHit] = useState(-1);

  // Scrolling to a place: scroll to its page now, and to the exact mark once the page has drawn it.
  const pending = useRef<{ page: number; selector: string | null } | null>(null);
  const revealPending = useCallback((index: number) => {
    const p = pending.current;
    if (!p || p.page !== index) return;
    const pageEl = pagesRef.current?.querySelector(`[${PAGE_INDEX_ATTR}="${index}"]`);
    const target = p.selector ? pageEl?.querySelector(p.selector) : null;
    target?.scrollIntoView({ block: 'center', inline: 'nearest' });
    pending.current = null;
  }, []);
  const goTo = useCallback(
    (page: number, selector: string | null) => {
      const el = scrollRef.current;
      if (!el || page < 0 || page >= numPages) return;
      pending.current = { page, selector };
      const top = tops[page] ?? 0;
      if (selector === null || el.scrollTop > top || el.scrollTop + el.clientHeight < top + (heights[page] ?? 0)) el.scrollTop = top;
      updateWindow();
      if (renderedRef.current.has(page)) revealPending(page);
    },
    [numPages, tops, heights, updateWindow, revealPending],
  );

  const stepFind = useCallback(
    (direction: 1 | -1) => {
      if (hits.length === 0) return;
      const next = currentHit < 0 && direction > 0 ? hitAtOrAfter(hits, pageUnits[currentPage]?.range[0] ?? 0) : stepHit(hits.length, currentHit, direction);
      setCurrentHit(next);
      const hit = hits[next];
      if (hit) goTo(pageOfOffset(pageUnits, hit[0]), `[${HIT_ATTR}="${next}"]`);
    },
    [hits, currentHit, pageUnits, currentPage, goTo],
  );
  useEffect(() => setCurrentHit(-1), [hits]);

  // Marks: passages and find hits, per rendered page.
  const allMarks = useMemo(() => {
    const marks: TextMark[] = [];
    for (const p of passages) {
      const r = passageRange(p, sourceText.text, anchoredRanges);
      if (!r) continue;
      const quote = p.selectors.quote.exact;
      const short = quote.length > MARK_LABEL_CHARS ? `${quote.slice(0, MARK_LABEL_CHARS)}…` : quote;
      marks.push({ id: p.id, kind: 'passage', start: r[0], end: r[1], selected: p.id === selectedPassageId, label: `Passage: ${short}` });
    }
    hits.forEach((h, i) => marks.push({ id: `hit:${i}`, kind: i === currentHit ? 'current-hit' : 'hit', start: h[0], end: h[1] }));
    return marks;
  }, [passages, anchoredRanges, selectedPassageId, sourceText, hits, currentHit]);
  const marksByPage = useMemo(() => {
    const out = new Map<number, TextMark[]>();
    for (const i of renderSet) {
      const u = pageUnits[i];
      if (!u) continue;
      out.set(
        i,
        allMarks.filter((m) => m.start < u.range[1] && m.end > u.range[0]),
      );
    }
    return out;
  }, [renderSet, pageUnits, allMarks]);

  // Scroll requests from the caller.
  const { scrollTo } = props;
  useEffect(() => {
    if (!scrollTo) return;
    if ('page' in scrollTo) goTo(scrollTo.page, null);
    else {
      const p = passages.find((x) => x.id === scrollTo.passageId);
      const r = p ? passageRange(p, sourceText.text, anchoredRanges) : null;
      if (r) goTo(pageOfOffset(pageUnits, r[0]), `[${PASSAGE_ID_ATTR}="${CSS.escape(scrollTo.passageId)}"]`);
    }
    // Only a new target scrolls; passages changing must not scroll again.
  }, [scrollTo]);

  // Highlighting.
  const selectionModel = useCallback((): SelectionModel => {
    const itemRanges: (CharRange | null)[][] = [];
    for (const [i, p] of renderedRef.current) itemRanges[i] = p.ranges;
    return { itemRanges, pageRanges: pageUnits.map((u) => u.range) };
  }, [pageUnits]);
  const [hasSelection, setHasSelection] = useState(false);
  useEffect(() => {
    const onChange = () => {
      const sel = document.getSelection();
      const root = pagesRef.current;
      setHasSelection(!!sel && !sel.isCollapsed && !!root && !!sel.anchorNode && root.contains(sel.anchorNode));
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, []);
  // Makes a passage of `[start, end)`; rects come from the pages rendered now (the selection's pages are).
  const highlightRange = useCallback(
    (start: number, end: number) => {
      const root = pagesRef.current;
      if (!root || !onHighlight || start >= end) return;
      const selectors = createSelectors(sourceText, start, end);
      const rects = computeRects(root, renderedRef.current, start, end);
      onHighlight({ sourceSha256: sourceText.sha256, start, end, selectors, rects });
    },
    [onHighlight, sourceText],
  );
  // The selection when there is one in the viewer, else the current find hit.
  const highlight = useCallback(() => {
    const root = pagesRef.current;
    if (!root) return;
    const range = selectionToTextRange(root, document.getSelection(), selectionModel());
    const hit = hits[currentHit];
    if (range) {
      highlightRange(range.start, range.end);
      document.getSelection()?.removeAllRanges();
    } else if (hit) highlightRange(hit[0], hit[1]);
  }, [selectionModel, hits, currentHit, highlightRange]);
  const highlightHit = useCallback(() => {
    const hit = hits[currentHit];
    if (hit) highlightRange(hit[0], hit[1]);
  }, [hits, currentHit, highlightRange]);

  const zoomStep = useCallback((direction: 1 | -1) => setZoom({ kind: 'percent', percent: stepZoom(scale, direction) }), [scale]);
  const openFind = useCallback(() => {
    setFindOpen(true);
    setFindFocusKey((k) => k + 1);
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && (e.key === '+' || e.key === '=')) {
      e.preventDefault();
      zoomStep(1);
    } else if (mod && e.key === '-') {
      e.preventDefault();
      zoomStep(-1);
    } else if (mod && e.key === '0') {
      e.preventDefault();
      setZoom({ kind: 'fit-width' });
    } else if (mod && e.key.toLowerCase() === 'f') {
      e.preventDefault();
      openFind();
    } else if (findOpen && (e.key === 'F3' || (mod && e.key.toLowerCase() === 'g'))) {
      e.preventDefault();
      stepFind(e.shiftKey ? -1 : 1);
    } else if (!mod && !e.altKey && (e.key === 'h' || e.key === 'H') && !isEditable(e.target)) {
      e.preventDefault();
      highlight();
    }
  };

  // Clicks on passage marks (a click that ends a drag-selection is not one).
  const onPagesClick = (e: MouseEvent) => {
    const mark = (e.target as Element).closest?.(`[${PASSAGE_ID_ATTR}]`);
    const sel = document.getSelection();
    if (mark && (!sel || sel.isCollapsed)) onPassageClick?.(mark.getAttribute(PASSAGE_ID_ATTR) ?? '');
  };
  const onPagesKeyDown = (e: KeyboardEvent) => {
    const mark = (e.target as Element).closest?.(`[${PASSAGE_ID_ATTR}]`);
    if (mark && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      onPassageClick?.(mark.getAttribute(PASSAGE_ID_ATTR) ?? '');
    }
  };

  // Sidebar: the outline when there is one, else the page list.
  const [outline, setOutline] = useState<Awaited<ReturnType<PDFDocumentProxy['getOutline']>> | null>(null);
  const [sidebarOpen, setSidebarOpen] = useState(false);
  useEffect(() => {
    let live = true;
    void pdf
      .getOutline()
      .catch(() => null)
      .then((o) => {
        if (!live) return;
        setOutline(o && o.length > 0 ? o : null);
        if (o && o.length > 0) setSidebarOpen(true);
      });
    return () => {
      live = false;
    };
  }, [pdf]);

  const renderSetLookup = useMemo(() => new Set(renderSet), [renderSet]);
  const maxWidth = Math.max(...sizes.map((s) => s[0] * scale), 0);

  return (
    <div
      ref={rootRef}
      className="pd-viewer"
      aria-label={props.label ?? 'PDF viewer'}
      role="region"
      data-rendered-pages={renderedList.join(',')}
      data-page-count={numPages}
      data-find-target=""
      onKeyDown={onKeyDown}
    >
      <PdfToolbar
        currentPage={currentPage}
        pageLabels={labels}
        zoom={zoom}
        scale={scale}
        sidebarOpen={sidebarOpen}
        findOpen={findOpen}
        canHighlight={!!onHighlight && (hasSelection || (findOpen && currentHit >= 0))}
        onGoToPage={(input) => {
          const page = resolvePageInput(input, labels);
          if (page === null) return false;
          goTo(page, null);
          return true;
        }}
        onZoomStep={zoomStep}
        onZoom={setZoom}
        onToggleSidebar={() => setSidebarOpen((o) => !o)}
        onToggleFind={() => (findOpen ? setFindOpen(false) : openFind())}
        onHighlight={highlight}
      />
      {findOpen && (
        <FindBar
          query={query}
          count={hits.length}
          current={currentHit}
          focusKey={findFocusKey}
          onQuery={setQuery}
          onStep={stepFind}
          {...(onHighlight ? { onHighlightHit: highlightHit } : {})}
          onClose={() => {
            setFindOpen(false);
            scrollRef.current?.focus();
          }}
        />
      )}
      <div className="pd-body">
        {sidebarOpen && (
          <nav className="pd-sidebar" aria-label={outline ? 'Outline' : 'Pages'}>
            {outline ? (
              <PdfOutline pdf={pdf} items={outline} onGoToPage={(page) => goTo(page, null)} />
            ) : (
              <ol className="pd-page-list">
                {labels.map((label, i) => (
                  <li key={i}>
                    <button type="button" aria-current={i === currentPage ? 'page' : undefined} onClick={() => goTo(i, null)}>
                      Page {label}
                    </button>
                  </li>
                ))}
              </ol>
            )}
          </nav>
        )}
        <div ref={scrollRef} className="pd-scroll" tabIndex={0} aria-label="Pages" onScroll={onScroll}>
          <div
            ref={pagesRef}
            className="pd-pages"
            style={{ height: `${contentHeight(heights, PAGE_GAP_PX)}px`, minWidth: `${Math.ceil(maxWidth)}px` }}
            onClick={onPagesClick}
            onKeyDown={onPagesKeyDown}
          >
            {sizes.map((s, i) => (
              <PdfPage
                key={i}
                pdf={pdf}
                index={i}
                label={labels[i] ?? String(i + 1)}
                scale={scale}
                width={Math.floor(s[0] * scale)}
                height={heights[i] ?? 0}
                active={renderSetLookup.has(i)}
                sourceText={sourceText}
                itemRanges={props.itemRanges?.[i]}
                marks={marksByPage.get(i) ?? EMPTY_MARKS}
                onSize={onSize}
                onRendered={onRendered}
                onMarksDrawn={revealPending}
              />
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
