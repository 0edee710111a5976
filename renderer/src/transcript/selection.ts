// Maps a DOM selection in the transcript viewer to source-text offsets. Each cue's text element carries
// the offset of its first character (CUE_TEXT_START_ATTRIBUTE) and holds nothing but that cue's text
// (split into marks for passages and find hits), so an offset is that start plus the characters before
// the boundary inside the element. A boundary outside every cue text (on a timecode, a speaker name,
// between rows) snaps inward to the nearest cue text, so dragging from a timecode still selects words.

/** Attribute on each cue text element holding the source-text offset of its first character. */
export const CUE_TEXT_START_ATTRIBUTE = 'data-range-start';

/** A DOM boundary point: a node and an offset in it, as in a Range. */
export interface BoundaryPoint {
  /** The container node. */
  node: Node;
  /** Offset in the node (chars for text nodes, children otherwise). */
  offset: number;
}

/** The chars `[start, end)` of a source text. */
export interface SourceRange {
  /** First char, inclusive. */
  start: number;
  /** Char after the last, exclusive. */
  end: number;
}

/** The cue text elements under `root`, in document order; never throws. */
export function cueTextElements(root: Element): Element[] {
  return [...root.querySelectorAll(`[${CUE_TEXT_START_ATTRIBUTE}]`)];
}

function rangeStartOf(el: Element): number | null {
  const value = Number(el.getAttribute(CUE_TEXT_START_ATTRIBUTE));
  return Number.isInteger(value) && value >= 0 ? value : null;
}

/** Source offset of a boundary point inside a cue text element: its start plus the chars before the point. */
function offsetInside(el: Element, start: number, point: BoundaryPoint): number {
  const before = el.ownerDocument.createRange();
  before.setStart(el, 0);
  before.setEnd(point.node, point.offset);
  return start + before.toString().length;
}

/**
 * The source offset of a boundary point among the cue text elements `texts` (document order): exact when
 * inside one; otherwise snapped forward to the next text's start (`side` 'start') or back to the previous
 * text's end (`side` 'end'). Null when there is no cue text on that side of the point.
 */
export function offsetOfBoundary(texts: readonly Element[], point: BoundaryPoint, side: 'start' | 'end'): number | null {
  if (texts.length === 0) return null;
  const probe = texts[0]!.ownerDocument.createRange();
  const order = side === 'start' ? texts : [...texts].reverse();
  for (const el of order) {
    const start = rangeStartOf(el);
    if (start === null) continue;
    probe.selectNodeContents(el);
    let position: number;
    try {
      position = probe.comparePoint(point.node, point.offset);
    } catch {
      // A point in another document or a doctype cannot be compared: it lies in no cue.
      return null;
    }
    if (position === 0) return offsetInside(el, start, point);
    const length = (el.textContent ?? '').length;
    if (side === 'start' && position < 0) return start;
    if (side === 'end' && position > 0) return start + length;
  }
  return null;
}

/**
 * The source range a DOM range covers among the cue text elements under `root`; null when it covers no
 * cue text character (collapsed, outside every cue, or between two rows).
 */
export function sourceRangeFromDom(root: Element, range: { startContainer: Node; startOffset: number; endContainer: Node; endOffset: number }): SourceRange | null {
  const texts = cueTextElements(root);
  const start = offsetOfBoundary(texts, { node: range.startContainer, offset: range.startOffset }, 'start');
  const end = offsetOfBoundary(texts, { node: range.endContainer, offset: range.endOffset }, 'end');
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}

/** The source range of the document's current selection when it lies within `root`; null when it does not or is empty. */
export function sourceRangeFromSelection(root: Element, selection: Selection | null): SourceRange | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.commonAncestorContainer)) return null;
  return sourceRangeFromDom(root, range);
}
