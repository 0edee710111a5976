/// <reference lib="webworker" />
// Checks quotations against every source text off the UI thread (issue 7: the UI never freezes).
import { checkClaimQuotes, prepareCorpus, type QuoteCorpus } from '../../../shared/check/quote-check.ts';
import type { QuoteCheckRequest, QuoteCheckResponse } from './quote-check-protocol.ts';

let corpus: { key: string; value: QuoteCorpus } | null = null;
const post = (m: QuoteCheckResponse) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

self.addEventListener('message', (event: MessageEvent<QuoteCheckRequest>) => {
  const msg = event.data;
  if (msg.type === 'corpus') {
    try {
      corpus = { key: msg.key, value: prepareCorpus(msg.texts) };
    } catch (error: unknown) {
      corpus = null;
      post({ type: 'error', id: -1, message: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  if (!corpus || corpus.key !== msg.key) {
    post({ type: 'error', id: msg.id, message: 'The source texts changed while checking; the check will run again.' });
    return;
  }
  try {
    const results: { claimId: string; checks: ReturnType<typeof checkClaimQuotes> }[] = [];
    msg.claims.forEach((c, i) => {
      results.push({ claimId: c.claimId, checks: checkClaimQuotes(corpus!.value, c) });
      post({ type: 'progress', id: msg.id, done: i + 1, total: msg.claims.length });
    });
    post({ type: 'result', id: msg.id, results });
  } catch (error: unknown) {
    post({ type: 'error', id: msg.id, message: error instanceof Error ? error.message : String(error) });
  }
});
