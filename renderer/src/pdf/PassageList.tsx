// The passages of one source, in reading order, each with its quote and its page label (PDF) or time
// range and speakers (transcript); clicking one scrolls the viewer to it. Orphaned passages (not anchored
// in this source text) are listed last with their stored quote and an "orphaned" badge, never hidden.
// Deleting a passage that is evidence asks first, saying how many evidence items it would detach.
import { useState } from 'react';
import { timeRangeOf, unitsInRange } from '../../../shared/anchor/selectors.ts';
import { formatTimeRange } from '../../../shared/transcript/timecode.ts';
import type { Passage } from '../../../shared/types/domain.ts';
import type { CharRange, CueUnit, PageUnit, SourceText } from '../../../shared/types/text.ts';
import '../styles/pdf.css';
import { pageOfOffset, passageRange } from './passage-ranges.ts';

/** Characters of a quote shown in the list before it is cut with "…". */
export const LIST_QUOTE_CHARS = 160;

/** Props of PassageList. */
export interface PassageListProps {
  /** The source's passages, in any order. */
  passages: readonly Passage[];
  /** The source text the passages point into. */
  sourceText: SourceText;
  /** Re-anchored ranges by passage id (null = orphaned); when absent, each passage's position selector is checked against the text. */
  anchoredRanges?: ReadonlyMap<string, CharRange | null>;
  /** The passage shown as selected. */
  selectedPassageId?: string | null;
  /** A passage was chosen (the caller scrolls the viewer to it). */
  onSelect(passageId: string): void;
  /** Delete a passage (detaching its evidence, if any); the button is shown only when given. */
  onDelete?(passageId: string): void;
  /** How many evidence items use a passage; when more than 0, Delete asks for confirmation first. */
  evidenceCountOf?(passageId: string): number;
}

interface Row {
  passage: Passage;
  range: CharRange | null;
  page: string;
}

/** The page a stored `page=N` fragment names, or null. */
function fragmentPage(p: Passage): string | null {
  const m = /^page=(\d+)$/u.exec(p.selectors.fragment.value);
  return m ? (m[1] ?? null) : null;
}

function shorten(quote: string): string {
  const q = quote.replace(/\s+/gu, ' ').trim();
  return q.length > LIST_QUOTE_CHARS ? `${q.slice(0, LIST_QUOTE_CHARS)}…` : q;
}

/** The list of passages; never throws. */
/** Where a transcript range lies: its time range and speakers; empty when it touches no cue. */
function cueLocation(sourceText: SourceText, range: CharRange): string {
  const cues = unitsInRange(sourceText, range[0], range[1]).filter((u): u is CueUnit => u.kind === 'cue');
  const time = timeRangeOf(sourceText, range[0], range[1]);
  if (!time) return '';
  const speakers = [...new Set(cues.flatMap((c) => (c.speaker ? [c.speaker] : [])))];
  return `${formatTimeRange(time)}${speakers.length > 0 ? `, ${speakers.join(', ')}` : ''}`;
}

export function PassageList(props: PassageListProps) {
  const { passages, sourceText, anchoredRanges, selectedPassageId } = props;
  const [confirming, setConfirming] = useState<string | null>(null);
  const units = sourceText.units.filter((u): u is PageUnit => u.kind === 'page');
  const isTranscript = sourceText.units.some((u) => u.kind === 'cue');
  const rows: Row[] = passages.map((passage) => {
    const range = passageRange(passage, sourceText.text, anchoredRanges);
    let page: string;
    if (range && isTranscript) page = cueLocation(sourceText, range);
    else if (range) {
      const unit = units[pageOfOffset(units, range[0])];
      page = unit ? `p. ${unit.label}` : '';
    } else {
      const n = fragmentPage(passage);
      page = n ? `was p. ${n}` : '';
    }
    return { passage, range, page };
  });
  rows.sort((a, b) => {
    if (a.range && b.range) return a.range[0] - b.range[0] || a.range[1] - b.range[1];
    if (a.range) return -1;
    if (b.range) return 1;
    return a.passage.createdAt.localeCompare(b.passage.createdAt);
  });

  if (rows.length === 0) return <p className="pd-passages-empty">No passages yet. Select text and press H to highlight it.</p>;
  return (
    <ul className="pd-passages" aria-label="Passages">
      {rows.map(({ passage, range, page }) => {
        const orphaned = range === null;
        const quote = shorten(passage.selectors.quote.exact);
        return (
          <li key={passage.id} className={orphaned ? 'pd-passage pd-passage-orphaned' : 'pd-passage'}>
            <button
              type="button"
              className="pd-passage-button"
              aria-current={passage.id === selectedPassageId ? 'true' : undefined}
              aria-label={`${orphaned ? 'Orphaned passage' : 'Passage'}${page ? `, ${page}` : ''}: ${quote}`}
              data-passage-id={passage.id}
              onClick={() => props.onSelect(passage.id)}
            >
              <span className="pd-passage-meta">
                {page}
                {orphaned && <span className="pd-badge">orphaned</span>}
              </span>
              <q className="pd-passage-quote">{quote}</q>
            </button>
            {props.onDelete && confirming !== passage.id && (
              <button
                type="button"
                className="pd-passage-delete"
                aria-label={`Delete passage: ${quote}`}
                onClick={() => {
                  if ((props.evidenceCountOf?.(passage.id) ?? 0) > 0) setConfirming(passage.id);
                  else props.onDelete?.(passage.id);
                }}
              >
                Delete
              </button>
            )}
            {props.onDelete && confirming === passage.id && (
              <div className="pd-passage-confirm" role="group" aria-label={`Confirm deleting passage: ${quote}`}>
                <p>
                  It is evidence for {props.evidenceCountOf?.(passage.id) ?? 0} item(s); deleting it detaches them. The ledger keeps the passage and the
                  evidence.
                </p>
                <button
                  type="button"
                  autoFocus
                  onClick={() => {
                    setConfirming(null);
                    props.onDelete?.(passage.id);
                  }}
                >
                  Delete and detach
                </button>
                <button type="button" onClick={() => setConfirming(null)}>
                  Cancel
                </button>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
