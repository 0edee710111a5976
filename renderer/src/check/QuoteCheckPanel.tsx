import type { PageFinding } from '../../../shared/check/page-check.ts';
import type { QuoteCheck } from '../../../shared/check/quote-check.ts';
import { formatTimeRange } from '../../../shared/transcript/index.ts';
import type { Source } from '../../../shared/types/domain.ts';
import { cueTimeRange } from '../../../shared/anchor/selectors.ts';
import type { CharRange, TextUnit } from '../../../shared/types/text.ts';

/** Candidates listed per quotation. */
export const CANDIDATES_SHOWN = 3;

/** Where a candidate lies, for people: `p. 218` or `p. 3–4` or a time range; never throws. */
export function unitsLabel(units: readonly TextUnit[], range: CharRange): string {
  const first = units[0];
  const last = units[units.length - 1];
  if (!first || !last) return '';
  if (first.kind === 'page' && last.kind === 'page') return first.label === last.label ? `p. ${first.label}` : `pp. ${first.label}–${last.label}`;
  const time = cueTimeRange(units, range[0], range[1]);
  if (first.kind === 'cue' && time) return `${formatTimeRange(time)}${first.speaker ? ` (${first.speaker})` : ''}`;
  return '';
}

const STATUS_TEXT: Record<QuoteCheck['status'], string> = {
  found: 'Found',
  'possible-misquote': 'Possible misquote',
  'not-found': 'Not found in any source',
};

/** Props of the quote check panel. */
export interface QuoteCheckPanelProps {
  /** Checks of the selected claim's quotations. */
  checks: QuoteCheck[];
  /** Cited-page findings of its evidence. */
  pages: PageFinding[];
  /** Sources by SHA-256, for titles. */
  sources: ReadonlyMap<string, Source>;
  /** True while the worker runs. */
  running: boolean;
  /** Attaches a candidate as supporting evidence. */
  onAttach(quoteIndex: number, candidateIndex: number): void;
  /** Shows a candidate in the viewer. */
  onShow(quoteIndex: number, candidateIndex: number): void;
}

/** The selected claim's quotation checks (candidates with location, score and word diff) and page findings. */
export function QuoteCheckPanel({ checks, pages, sources, running, onAttach, onShow }: QuoteCheckPanelProps) {
  if (checks.length === 0 && pages.length === 0) return running ? <p className="muted" role="status">Checking quotations…</p> : null;
  return (
    <section className="quote-check" aria-label="Checks">
      <h3>Quotation check{running ? ' (running…)' : ''}</h3>
      <ol className="quote-check-list">
        {checks.map((c, qi) => (
          <li key={`${c.quote.range[0]}`} className={`quote-status-${c.status}`}>
            <p>
              <q>{c.quote.text}</q> — <strong>{STATUS_TEXT[c.status]}</strong>
              {c.note && <span className="muted"> ({c.note})</span>}
            </p>
            {c.candidates.slice(0, CANDIDATES_SHOWN).map((cand, ci) => (
              <div key={`${cand.sha256}:${cand.range[0]}`} className="candidate">
                <span>
                  {sources.get(cand.sha256)?.title ?? cand.sha256.slice(0, 12)} · {unitsLabel(cand.units, cand.range)} · {cand.exact ? 'exact' : `score ${cand.score.toFixed(2)}`}
                </span>
                {cand.diff && (
                  <p className="word-diff" aria-label="Differences from the source">
                    {cand.diff.map((d, i, parts) => {
                      // A space between words, none before punctuation ("April, weather", not "April , weather").
                      const gap = /^[\p{P}]/u.test(parts[i + 1]?.text ?? '') && !/^[([{“‘«"']/u.test(parts[i + 1]?.text ?? '') ? '' : ' ';
                      return d.op === 'equal' ? (
                        <span key={i}>
                          {d.text}
                          {gap}
                        </span>
                      ) : d.op === 'delete' ? (
                        <del key={i} title="in the draft, not in the source">
                          {d.text}
                          {gap}
                        </del>
                      ) : (
                        <ins key={i} title="in the source, not in the draft">
                          {d.text}
                          {gap}
                        </ins>
                      );
                    })}
                  </p>
                )}
                {/* Accessible names start with the visible words (WCAG 2.5.3, label in name), then say which candidate. */}
                <button type="button" onClick={() => onShow(qi, ci)} aria-label={`Show candidate ${ci + 1} of quotation ${qi + 1}`}>
                  Show
                </button>{' '}
                <button type="button" onClick={() => onAttach(qi, ci)} aria-label={`Attach as supporting: candidate ${ci + 1} of quotation ${qi + 1}`}>
                  Attach as supporting
                </button>
              </div>
            ))}
          </li>
        ))}
      </ol>
      {pages.length > 0 && (
        <ul className="page-findings" aria-label="Cited-page check">
          {pages.map((p, i) => (
            <li key={i} className={p.type === 'page-mismatch' ? 'error' : 'muted'}>
              {p.type === 'page-mismatch'
                ? `Evidence from reference [${p.ref}] is on ${p.actual.join(', ')}, outside the cited ${p.expected}.`
                : p.type === 'locator-unparseable'
                  ? `[${p.ref}]: “${p.locator}” is not a page locator the check understands: ${p.message}`
                  : `Evidence for [${p.ref}] cannot be page-checked: ${p.reason}.`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
