// Where each text item of one page lands in the source text, rebuilt from the page alone: the shared
// assembly works page by page and only offsets pages by their unit's start, so the viewer need not keep
// the extraction's per-item ranges for every page of a book.
import { buildPdfSourceText, type PdfTextItem } from '../../../shared/text/pdf-text.ts';
import type { CharRange, SourceText } from '../../../shared/types/text.ts';

/** Per item of page `index`: its `[start, end)` in `sourceText.text`, or null; all null when the page's assembled text is not the stored page text (another edition, a changed text model). Never throws. */
export function pageItemRanges(sourceText: SourceText, index: number, items: PdfTextItem[]): (CharRange | null)[] {
  const unit = sourceText.units[index];
  const local = buildPdfSourceText(sourceText.sha256, [{ index: 0, label: null, items }]);
  const localText = local.sourceText.text;
  const ranges = local.itemRanges[0] ?? [];
  if (!unit || unit.kind !== 'page') return items.map(() => null);
  // The stored page is the page's own text, plus the '\n' page separator it may own, or minus the hyphen
  // of a word hyphenated across the page break (joined to the next page).
  const stored = sourceText.text.slice(unit.range[0], unit.range[1]);
  let kept: number;
  if (stored === localText || stored === `${localText}\n`) kept = localText.length;
  else if (/[-\u2010]$/u.test(localText) && stored === localText.slice(0, -1)) kept = localText.length - 1;
  else return items.map(() => null);
  const at = unit.range[0];
  return ranges.map((r) => (r && r[0] < kept ? [r[0] + at, Math.min(r[1], kept) + at] : null));
}
