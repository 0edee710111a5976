// The document outline (bookmarks) as a nested list of buttons; each resolves its destination to a page.
import type { PDFDocumentProxy } from 'pdfjs-dist';

/** One outline entry as pdf.js gives it. */
export type OutlineItem = NonNullable<Awaited<ReturnType<PDFDocumentProxy['getOutline']>>>[number];

/** Most outline entries shown (a hostile PDF can declare millions). */
export const MAX_OUTLINE_ITEMS = 5000;

/** The zero-based page an outline destination points to, or null when it points nowhere in this document. */
export async function resolveDestinationPage(pdf: PDFDocumentProxy, dest: OutlineItem['dest']): Promise<number | null> {
  try {
    const explicit = typeof dest === 'string' ? await pdf.getDestination(dest) : dest;
    const target: unknown = Array.isArray(explicit) ? explicit[0] : null;
    if (typeof target === 'number') return target;
    if (target && typeof target === 'object' && 'num' in target && 'gen' in target) {
      return await pdf.getPageIndex(target as { num: number; gen: number });
    }
  } catch {
    // A broken destination is simply not followed.
  }
  return null;
}

/** Props of PdfOutline. */
export interface PdfOutlineProps {
  /** The document, to resolve destinations. */
  pdf: PDFDocumentProxy;
  /** The outline's top-level entries. */
  items: readonly OutlineItem[];
  /** Go to a zero-based page. */
  onGoToPage(page: number): void;
}

/** The outline tree; never throws. */
export function PdfOutline({ pdf, items, onGoToPage }: PdfOutlineProps) {
  let budget = MAX_OUTLINE_ITEMS;
  const renderItems = (list: readonly OutlineItem[], depth: number) => (
    <ul className="pd-outline" role={depth === 0 ? 'tree' : 'group'} aria-label={depth === 0 ? 'Outline' : undefined}>
      {list.map((item, i) => {
        if (budget-- <= 0) return null;
        return (
          <li key={i} role="treeitem" aria-level={depth + 1} aria-selected={false}>
            <button
              type="button"
              onClick={() => {
                void resolveDestinationPage(pdf, item.dest).then((page) => {
                  if (page !== null) onGoToPage(page);
                });
              }}
            >
              {item.title || '(untitled)'}
            </button>
            {item.items.length > 0 && renderItems(item.items, depth + 1)}
          </li>
        );
      })}
    </ul>
  );
  return renderItems(items, 0);
}
