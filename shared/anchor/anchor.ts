// Re-anchoring a passage in a source text that may have changed (DESIGN.md, Text model and anchoring): the
// stored position if the words are still there, else the quote exactly, else the quote fuzzily, scored by
// context and closeness to the old position. A passage that cannot be placed is orphaned, never dropped:
// the result keeps its stored quote so the UI can show it.

import type { PassageSelectors, TextQuoteSelector } from '../types/selectors.ts';
import type { SourceText } from '../types/text.ts';
import { matchQuote } from './match.ts';

/** Share of a quote's length that may differ when re-anchoring (looser than find: context scores the candidates). */
export const ANCHOR_MAX_ERROR_RATIO = 0.3;
/** Fuzzy candidates scoring below this (0..1) are not trusted; the passage is orphaned instead. */
export const MIN_FUZZY_ANCHOR_SCORE = 0.6;

/** How a passage landed: at its words exactly, at similar words, or nowhere. */
export type AnchorStatus = 'anchored' | 'fuzzy' | 'orphaned';

/** Where a passage's selectors resolve in a source text. */
export interface AnchorResult {
  /** `anchored` (exact words found), `fuzzy` (similar words found) or `orphaned` (not found). */
  status: AnchorStatus;
  /** Start offset in the text; the stored position when orphaned. */
  start: number;
  /** End offset (exclusive); the stored position when orphaned. */
  end: number;
  /** 0..1 confidence; 1 for the stored position, 0 when orphaned. */
  score: number;
  /** The stored quote, always kept (an orphan is shown by it). */
  quote: TextQuoteSelector;
}

/** Resolves a passage's selectors in `text` (position → exact quote → fuzzy quote); never throws, returns `orphaned` when nothing fits. */
export function anchorPassage(text: SourceText | string, selectors: Pick<PassageSelectors, 'quote' | 'position'>): AnchorResult {
  const body = typeof text === 'string' ? text : text.text;
  const { quote, position } = selectors;
  if (
    Number.isInteger(position.start) &&
    Number.isInteger(position.end) &&
    position.start >= 0 &&
    position.end <= body.length &&
    position.start < position.end &&
    body.slice(position.start, position.end) === quote.exact
  ) {
    return { status: 'anchored', start: position.start, end: position.end, score: 1, quote };
  }
  const match = matchQuote(
    body,
    { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
    { position: position.start, maxErrorRatio: ANCHOR_MAX_ERROR_RATIO },
  );
  if (match !== null && (match.exact || match.score >= MIN_FUZZY_ANCHOR_SCORE)) {
    return { status: match.exact ? 'anchored' : 'fuzzy', start: match.start, end: match.end, score: match.score, quote };
  }
  return { status: 'orphaned', start: position.start, end: position.end, score: 0, quote };
}
