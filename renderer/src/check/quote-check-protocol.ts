// Messages between the renderer and its quote-check worker: the corpus is sent once per set of source
// texts, then each request checks the quotations of many claims against it.
import type { QuoteCheck } from '../../../shared/check/quote-check.ts';
import type { QuotedSpan } from '../../../shared/types/domain.ts';
import type { SourceText } from '../../../shared/types/text.ts';

/** Renderer → worker. */
export type QuoteCheckRequest =
  | { type: 'corpus'; key: string; texts: SourceText[] }
  | { type: 'check'; id: number; key: string; claims: { claimId: string; quotes: QuotedSpan[] }[] };

/** Worker → renderer. */
export type QuoteCheckResponse =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; results: { claimId: string; checks: QuoteCheck[] }[] }
  | { type: 'error'; id: number; message: string };
