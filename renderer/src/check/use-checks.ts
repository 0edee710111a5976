// Runs the workspace's checks: every quotation against every source text (in a worker) and every
// evidence item's page against its claim's cited locator. Results are derived, never stored: they are
// recomputed whenever claims, sources or evidence change.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { checkCitedPages, type PageFinding } from '../../../shared/check/page-check.ts';
import type { QuoteCheck } from '../../../shared/check/quote-check.ts';
import type { Claim, Evidence, Passage, Reference, Source } from '../../../shared/types/domain.ts';
import type { SourceText } from '../../../shared/types/text.ts';
import type { DeskDb } from '../store/db.ts';
import type { QuoteCheckRequest, QuoteCheckResponse } from './quote-check-protocol.ts';

/** Checks of one claim. */
export interface ClaimChecks {
  /** One per quotation of the claim. */
  quotes: QuoteCheck[];
  /** Cited-page findings of its evidence. */
  pages: PageFinding[];
}

/** The state of the checks. */
export interface ChecksState {
  /** Results by claim id (claims without quotations or evidence may be absent). */
  byClaim: Map<string, ClaimChecks>;
  /** Claims checked and to check while the worker runs, else null. */
  progress: { done: number; total: number } | null;
  /** The last error, or null. */
  error: string | null;
  /** Source texts by SHA-256 (all of the workspace's). */
  texts: Map<string, SourceText>;
}

/** Short labels for claim-level problems shown as badges. */
export function problemsOf(checks: ClaimChecks | undefined): string[] {
  if (!checks) return [];
  const out: string[] = [];
  if (checks.quotes.some((q) => q.status === 'not-found')) out.push('Quote not found in any source');
  if (checks.quotes.some((q) => q.status === 'possible-misquote')) out.push('Possible misquote');
  if (checks.pages.some((p) => p.type === 'page-mismatch')) out.push('Cited page mismatch');
  return out;
}

/** Runs and keeps the checks of a workspace; never throws (errors land in `error`). */
export function useChecks(db: DeskDb, claims: Claim[], sources: Source[], evidence: Evidence[], passages: Passage[], references: Reference[]): ChecksState {
  const textKey = useMemo(() => sources.filter((s) => s.kind !== 'recording').map((s) => s.sha256).sort().join(','), [sources]);
  const texts = useLiveQuery(async () => {
    const shas = textKey === '' ? [] : textKey.split(',');
    const rows = await db.sourceTexts.bulkGet(shas);
    return new Map(rows.filter((r): r is SourceText => !!r).map((r) => [r.sha256, r]));
  }, [db, textKey]);
  const [quoteResults, setQuoteResults] = useState<Map<string, QuoteCheck[]>>(new Map());
  const [progress, setProgress] = useState<ChecksState['progress']>(null);
  const [error, setError] = useState<string | null>(null);
  const workerRef = useRef<Worker | null>(null);
  const requestId = useRef(0);
  // The corpus key the current worker holds (a new worker holds none).
  const postedKey = useRef<string | null>(null);

  useEffect(() => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./quote-check-worker.ts', import.meta.url), { type: 'module', name: 'quote check' });
    } catch (e: unknown) {
      // No Web Workers here: quotations are not checked, and the panel says why; nothing else depends on it.
      setError(`Quotations cannot be checked here: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    workerRef.current = worker;
    postedKey.current = null;
    return () => {
      worker.terminate();
      workerRef.current = null;
    };
  }, []);

  // The key of the texts actually loaded (the live query lags behind `sources` for a moment).
  const loadedKey = useMemo(() => (texts ? [...texts.keys()].sort().join(',') : ''), [texts]);

  const quoteKey = useMemo(
    () => claims.filter((c) => c.quotes.length > 0).map((c) => `${c.id}:${c.quotes.map((q) => q.text).join('\u0001')}`).join('\u0002'),
    [claims],
  );

  // The corpus (all source texts, megabytes of strings) crosses to the worker only when the set of
  // sources changes; a changed quotation sends just the quotations. Posting is the one costly step on
  // the UI thread (structured clone), so it must not repeat per edit.
  useEffect(() => {
    const worker = workerRef.current;
    if (!worker || !texts || texts.size === 0 || postedKey.current === loadedKey) return;
    worker.postMessage({ type: 'corpus', key: loadedKey, texts: [...texts.values()] } satisfies QuoteCheckRequest);
    postedKey.current = loadedKey;
  }, [texts, loadedKey]);

  useEffect(() => {
    const worker = workerRef.current;
    if (!worker || !texts) return;
    const withQuotes = claims.filter((c) => c.quotes.length > 0);
    if (withQuotes.length === 0 || texts.size === 0) {
      setQuoteResults(new Map());
      setProgress(null);
      return;
    }
    const id = ++requestId.current;
    if (postedKey.current !== loadedKey) {
      worker.postMessage({ type: 'corpus', key: loadedKey, texts: [...texts.values()] } satisfies QuoteCheckRequest);
      postedKey.current = loadedKey;
    }
    worker.postMessage({ type: 'check', id, key: loadedKey, claims: withQuotes.map((c) => ({ claimId: c.id, quotes: c.quotes })) } satisfies QuoteCheckRequest);
    setProgress({ done: 0, total: withQuotes.length });
    const onMessage = (event: MessageEvent<QuoteCheckResponse>) => {
      const msg = event.data;
      if (msg.id !== id && msg.id !== -1) return;
      if (msg.type === 'progress') setProgress({ done: msg.done, total: msg.total });
      else if (msg.type === 'result') {
        setQuoteResults(new Map(msg.results.map((r) => [r.claimId, r.checks])));
        setProgress(null);
        setError(null);
      } else {
        setError(msg.message);
        setProgress(null);
      }
    };
    worker.addEventListener('message', onMessage);
    return () => worker.removeEventListener('message', onMessage);
    // quoteKey stands for the claims' quotations; texts for the corpus.
  }, [quoteKey, texts, loadedKey]);

  const byClaim = useMemo(() => {
    const out = new Map<string, ClaimChecks>();
    const passageById = new Map(passages.map((p) => [p.id, p]));
    const sourceMap = new Map(sources.map((s) => [s.sha256, s]));
    for (const claim of claims) {
      const bindings = new Map(references.filter((r) => r.draftId === claim.draftId).map((r) => [r.ref, r.sourceSha256]));
      const ev = evidence
        .filter((e) => e.claimId === claim.id)
        .flatMap((e) => {
          const p = passageById.get(e.passageId);
          return p ? [{ id: e.id, sourceSha256: p.sourceSha256, range: [p.selectors.position.start, p.selectors.position.end] as [number, number] }] : [];
        });
      const pages = ev.length > 0 && texts ? checkCitedPages({ markers: claim.markers, bindings, evidence: ev, sources: sourceMap, texts }) : [];
      const quotes = quoteResults.get(claim.id) ?? [];
      if (quotes.length > 0 || pages.length > 0) out.set(claim.id, { quotes, pages });
    }
    return out;
  }, [claims, evidence, passages, references, sources, texts, quoteResults]);

  return { byClaim, progress, error, texts: texts ?? new Map() };
}
