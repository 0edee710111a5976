// Browser benchmarks of issues 5 and 7, in real Chromium (Debian's /usr/bin/chromium through
// playwright-core) driving the built web renderer through its UI, served with the app's CSP:
//  - pdf-first-page: import a generated 1,000-page PDF with the Add sources… picker (import rate against
//    pdf.js extraction in Node in the same run), then, after a reload, time from clicking the source to
//    page 1 drawn, measured with performance.now() in the page.
//  - pdf-scroll-heap: scroll the whole book one viewport at a time, waiting for the visible pages to
//    render; JS heap (performance.memory, --enable-precise-memory-info) peak while scrolling, and after a
//    forced GC against the same just after opening.
//  - ui-blocked: 5,000 generated pages (as transcripts) and a draft of 50 quotations; the app's own quote
//    check (in its worker) is observed by wrapping the Worker constructor before the app loads; the UI
//    thread's longest gap (5 ms timer chain) and long tasks during the check, per-quotation latency and
//    total against approx-string-match alone over the same text in the same page.
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PDF_EXTRACT_THREADS, PDF_SPLIT_MIN_PAGES, extractPdf } from '../cli/pdf/extract.ts';
import { MAX_ERROR_RATIO } from '../shared/anchor/match.ts';
import { EXPECTED_STATUS, QUOTE_KINDS, writeQuoteCorpus } from './browser/corpus.ts';
import {
  MONITOR_START,
  MONITOR_STOP,
  OPEN_FIRST_PDF,
  QUOTE_CHECK_SETTLED,
  SCROLL_WHOLE_BOOK,
  USED_HEAP,
  VIEWER_GEOMETRY,
  WORKER_LOG,
} from './browser/page-scripts.ts';
import { addSources, createWorkspace, heapAfterGc, openBench, prepareDraftImport, sourceButtons, type BenchSession } from './browser/session.ts';
import { figure, median, type Bench, type Figure } from './harness.ts';
import { generateTextPdf } from './pdf/generate.ts';

/** Pages of the generated book. */
const BOOK_PAGES = 1000;
/** Times the source is opened (each after a reload) for the first-page figure. */
const OPEN_RUNS = 3;
const MB = 1024 * 1024;

const log = (line: string) => process.stderr.write(`${line}\n`);

/** What INSTRUMENT_SCRIPT records (see bench/browser/page-scripts.ts). */
interface WorkerLog {
  posts: { type: string; id?: number; at: number; postMs: number; claims: number; quotes: number; chars: number }[];
  msgs: { type: string; id: number; done?: number; at: number; counts?: Record<string, number>; message?: string }[];
  extract: { name: string; created: number; done: number | null; error: number | null }[];
}
interface MonitorLog {
  now: number;
  gaps: [number, number][];
  long: [number, number][];
  ticks: number;
  longtaskSupported: boolean;
  workers: WorkerLog;
}
interface OpenTiming {
  textMs: number;
  canvasMs: number;
  canvasPixels: number;
}
interface ScrollResult {
  steps: number;
  timeouts: number;
  pagesSeen: number;
  lastRendered: number[];
  peak: number;
  samples: [number, number][];
  maxCanvases: number;
  elapsedMs: number;
  liveCanvases: number;
}

/** A temporary folder with the generated book; the callback's figures, the folder removed afterwards. */
async function withBook<T>(run: (file: string, bytes: Uint8Array) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pd-bench-book-'));
  try {
    const bytes = generateTextPdf(BOOK_PAGES);
    const file = path.join(dir, `book-${BOOK_PAGES}.pdf`);
    await writeFile(file, bytes);
    return await run(file, bytes);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function withSession<T>(run: (s: BenchSession) => Promise<T>): Promise<T> {
  const s = await openBench();
  try {
    const out = await run(s);
    if (s.problems.length > 0) log(`browser benches: the page reported: ${s.problems.slice(0, 5).join(' | ')}`);
    return out;
  } finally {
    await s.close();
  }
}

/** Creates a workspace and imports the book through the picker; resolves to the ms from choosing the file to its being listed. */
async function importBook(s: BenchSession, file: string): Promise<number> {
  await createWorkspace(s.page, s.url, 'Benchmark book');
  const t0 = performance.now();
  await addSources(s.page, [file], /^PDF /, 1, 180_000);
  return performance.now() - t0;
}

/** Reloads (nothing open) and opens the book by clicking it; resolves to the in-page timings. */
async function openBookFresh(s: BenchSession): Promise<OpenTiming> {
  await s.page.reload();
  await sourceButtons(s.page, /^PDF /).first().waitFor({ timeout: 30_000 });
  // Let the desk's live queries settle so that the click is timed, not the app's start.
  await s.page.waitForTimeout(500);
  return (await s.page.evaluate(OPEN_FIRST_PDF)) as OpenTiming;
}

async function pdfFirstPage(): Promise<Figure[]> {
  return withBook(async (file, bytes) => {
    // Baseline: the same extraction function in Node (pdf.js loaded once by a warm-up, as bench/pdf.bench.ts does).
    await extractPdf(generateTextPdf(PDF_SPLIT_MIN_PAGES), { fileName: 'warm-up.pdf', threads: PDF_EXTRACT_THREADS });
    const t0 = performance.now();
    await extractPdf(bytes, { fileName: file });
    const nodeMs = performance.now() - t0;
    return withSession(async (s) => {
      const importMs = await importBook(s, file);
      const workers = (await s.page.evaluate(WORKER_LOG)) as WorkerLog;
      const job = workers.extract.find((j) => j.done !== null);
      const extractMs = job?.done != null ? job.done - job.created : Number.NaN;
      const runs: OpenTiming[] = [];
      for (let i = 0; i < OPEN_RUNS; i++) runs.push(await openBookFresh(s));
      log(
        `pdf-first-page: import of ${BOOK_PAGES} pages (${(bytes.length / MB).toFixed(1)} MB) took ${importMs.toFixed(0)} ms, of which the extraction worker ${extractMs.toFixed(0)} ms; ` +
          `pdf.js in Node ${nodeMs.toFixed(0)} ms. Opening (click → text layer / canvas of page 1, ms): ${runs.map((r) => `${r.textMs.toFixed(0)}/${r.canvasMs.toFixed(0)}`).join(', ')}; ` +
          `page 1 canvas ${runs[0]?.canvasPixels ?? 0} px`,
      );
      return [
        figure('pdf-first-page', `ms from clicking a ${BOOK_PAGES}-page PDF to page 1 drawn (canvas + text layer), median of ${OPEN_RUNS} fresh page loads`, median(runs.map((r) => r.canvasMs)), null, '< 1000'),
        figure('pdf-first-page', 'ms from clicking it to page 1 text layer ready, median', median(runs.map((r) => r.textMs)), null, '< 1000'),
        figure('pdf-first-page', `import pages/s in Chromium (picker → listed: hash, worker extraction, store) vs pdf.js in Node`, BOOK_PAGES / (importMs / 1000), BOOK_PAGES / (nodeMs / 1000), '≥ 0.5'),
      ];
    });
  });
}

async function pdfScrollHeap(): Promise<Figure[]> {
  return withBook((file) =>
    withSession(async (s) => {
      await importBook(s, file);
      const open = await openBookFresh(s);
      await s.page.waitForTimeout(500);
      const openHeap = await heapAfterGc(s);
      const domBefore = await s.cdp.send('Memory.getDOMCounters');
      const geometry = await s.page.evaluate(VIEWER_GEOMETRY);
      const scroll = (await s.page.evaluate(SCROLL_WHOLE_BOOK)) as ScrollResult;
      const rawFinal = (await s.page.evaluate(USED_HEAP)) as number;
      const finalHeap = await heapAfterGc(s);
      const domAfter = await s.cdp.send('Memory.getDOMCounters');
      log(
        `pdf-scroll-heap: opened in ${open.canvasMs.toFixed(0)} ms; viewer ${JSON.stringify(geometry)}; ${scroll.steps} scroll steps in ${(scroll.elapsedMs / 1000).toFixed(1)} s, ` +
          `${scroll.timeouts} steps whose pages did not render within 10 s; ${scroll.pagesSeen} pages seen rendered; at most ${scroll.maxCanvases} canvases alive, ${scroll.liveCanvases} at the end; ` +
          `heap MB after open (GC) ${(openHeap / MB).toFixed(1)}, samples ${scroll.samples.map(([st, h]) => `${st}:${(h / MB).toFixed(0)}`).join(' ')}, ` +
          `final raw ${(rawFinal / MB).toFixed(1)}, final (GC) ${(finalHeap / MB).toFixed(1)}; DOM nodes ${domBefore.nodes} → ${domAfter.nodes}, listeners ${domBefore.jsEventListeners} → ${domAfter.jsEventListeners}`,
      );
      return [
        figure('pdf-scroll-heap', `pages rendered while scrolling the whole ${BOOK_PAGES}-page book one viewport at a time`, scroll.pagesSeen, null, `≥ ${BOOK_PAGES}`),
        figure('pdf-scroll-heap', 'peak JS heap MB while scrolling (usedJSHeapSize, no forced GC)', scroll.peak / MB, null, '< 300'),
        figure('pdf-scroll-heap', 'JS heap MB after scrolling (after GC)', finalHeap / MB, null, '< 300'),
        figure('pdf-scroll-heap', 'JS heap MB after scrolling vs just after opening (both after GC): flat', finalHeap / MB, openHeap / MB, '≤ 1.5'),
      ];
    }),
  );
}

/** approx-string-match's own build, as source text that evaluates to its search function in a page. */
async function approxStringMatchSource(): Promise<string> {
  const require = createRequire(import.meta.url);
  const src = await readFile(require.resolve('approx-string-match'), 'utf8');
  if (!src.includes('export default function search(')) throw new Error('approx-string-match: its build no longer has "export default function search"; update the benchmark');
  return `(() => { ${src.replace('export default function search(', 'function search(')}\n return search; })()`;
}

async function uiBlocked(): Promise<Figure[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pd-bench-quotes-'));
  try {
    const corpus = await writeQuoteCorpus(dir);
    return await withSession(async (s) => {
      const { page } = s;
      await createWorkspace(page, s.url, 'Benchmark quotations');
      const t0 = performance.now();
      await addSources(page, corpus.transcripts, /^Transcript /, corpus.transcripts.length, 180_000);
      const importMs = performance.now() - t0;
      await page.waitForTimeout(1000);
      const clickImport = await prepareDraftImport(page, corpus.draft);
      const startAt = (await page.evaluate(MONITOR_START)) as number;
      await clickImport();
      // Polled from here: page.waitForFunction evaluates its string with eval, which the app's CSP forbids.
      for (const deadline = Date.now() + 150_000; !((await page.evaluate(QUOTE_CHECK_SETTLED)) as boolean); ) {
        if (Date.now() > deadline) throw new Error('ui-blocked: the quote check did not finish within 150 s of importing the draft');
        await page.waitForTimeout(250);
      }
      const m = (await page.evaluate(MONITOR_STOP)) as MonitorLog;

      const posts = m.workers.posts.filter((p) => p.at >= startAt);
      const check = posts.filter((p) => p.type === 'check').at(-1);
      if (!check) throw new Error('ui-blocked: the app posted no quote check after the draft was imported');
      const corpusPost = posts.filter((p) => p.type === 'corpus' && p.at <= check.at).at(-1) ?? check;
      const msgs = m.workers.msgs.filter((x) => x.id === check.id || x.id === -1);
      const result = msgs.find((x) => x.type === 'result' || x.type === 'error');
      if (!result || result.type !== 'result') throw new Error(`ui-blocked: the quote check ended with an error: ${result?.message ?? 'no answer'}`);
      const expected: Record<string, number> = {};
      for (const [kind, n] of Object.entries(QUOTE_KINDS)) expected[EXPECTED_STATUS[kind as keyof typeof QUOTE_KINDS]] = n;
      const counts = result.counts ?? {};
      const total = Object.values(QUOTE_KINDS).reduce((a, b) => a + b, 0);
      if (check.quotes !== total || check.claims !== total || Object.entries(expected).some(([status, n]) => counts[status] !== n)) {
        throw new Error(`ui-blocked: expected ${total} quotations classified ${JSON.stringify(expected)}, the app checked ${check.quotes} in ${check.claims} claims: ${JSON.stringify(counts)}`);
      }
      // Per quotation: the gaps between the worker's progress messages (one claim, one quotation each); the
      // first is left out, as it also holds the corpus's transfer and preparation.
      const progress = msgs.filter((x) => x.type === 'progress').sort((a, b) => (a.done ?? 0) - (b.done ?? 0));
      const perQuote = progress.slice(1).map((x, i) => x.at - progress[i]!.at);
      const checkMs = result.at - corpusPost.at;
      const windowStart = posts[0]?.at ?? corpusPost.at;
      const windowEnd = m.now;
      const inWindow = ([a, b]: [number, number]) => b > windowStart && a < windowEnd;
      const longestGap = Math.max(0, ...m.gaps.filter(inWindow).map(([a, b]) => b - a));
      const longTasks = m.long.filter(([st, d]) => inWindow([st, st + d]));
      const longestTask = Math.max(0, ...longTasks.map(([, d]) => d));
      const gapsAll = Math.max(0, ...m.gaps.map(([a, b]) => b - a));
      // Where the longest gaps fall, relative to the corpus being posted, so that a miss can be attributed.
      const events = [...posts.map((p) => ({ at: p.at, what: `post ${p.type} (${p.postMs.toFixed(0)} ms)` })), ...msgs.filter((x) => x.type !== 'progress').map((x) => ({ at: x.at, what: `got ${x.type}` }))];
      const rel = (t: number) => `${t >= corpusPost.at ? '+' : '−'}${Math.abs(t - corpusPost.at).toFixed(0)}`;
      const topGaps = m.gaps
        .filter(inWindow)
        .sort((x, y) => y[1] - y[0] - (x[1] - x[0]))
        .slice(0, 4)
        .map(([a, b]) => {
          const inside = events.filter((e) => e.at >= a && e.at <= b).map((e) => e.what);
          return `${(b - a).toFixed(0)} ms at ${rel(a)}${inside.length > 0 ? ` [${inside.join(', ')}]` : ''}`;
        });

      // Baseline: approx-string-match alone over the same sources concatenated, in the same page, after the check.
      const texts = corpus.quotes.map((q) => q.text);
      const baseline = (await page.evaluate(
        `(() => { const search = ${await approxStringMatchSource()}; const text = ${JSON.stringify(corpus.concatenated)}; const quotes = ${JSON.stringify(texts)}; ` +
          `const ms = []; for (const q of quotes) { const t = performance.now(); search(text, q, Math.floor(q.length * ${MAX_ERROR_RATIO})); ms.push(performance.now() - t); } return ms; })()`,
      )) as number[];
      const baselineTotal = baseline.reduce((a, b) => a + b, 0);
      log(
        `ui-blocked: ${corpus.pages} pages in ${corpus.transcripts.length} transcripts (${(corpus.concatenated.length / MB).toFixed(1)} M chars) imported in ${(importMs / 1000).toFixed(1)} s; ` +
          `draft import click → check result ${(result.at - startAt).toFixed(0)} ms (page clock); ${posts.filter((p) => p.type === 'check').length} check request(s), ` +
          `corpus postMessage (structured clone on the UI thread) ${corpusPost.postMs.toFixed(1)} ms; corpus posted → first progress ${((progress[0]?.at ?? Number.NaN) - corpusPost.at).toFixed(0)} ms; ` +
          `result ${JSON.stringify(counts)}; ${m.ticks} monitor ticks, longest gap over the whole monitored time (draft import included) ${gapsAll.toFixed(0)} ms; ` +
          `longest gaps in the check window (from the corpus post): ${topGaps.join('; ')}; ` +
          `long tasks in the check window: ${longTasks.map(([st, d]) => `${d.toFixed(0)} ms at ${rel(st)}`).join(', ') || 'none'}${m.longtaskSupported ? '' : ' (longtask entries unsupported)'}; approx-string-match median ${median(baseline).toFixed(1)} ms; load average ${loadavg()[0]!.toFixed(1)} on this machine`,
      );
      return [
        figure('ui-blocked', `longest UI-thread task ms during the quote check (PerformanceObserver longtask; 0 = none of 50 ms or more; ${total} quotations, ${corpus.pages} pages)`, longestTask, null, '< 50'),
        figure('ui-blocked', 'longest UI-thread gap ms during the quote check (5 ms timer chain; also counts OS scheduling delays on a loaded machine)', longestGap, null, '< 50'),
        figure('ui-blocked', "median ms per quotation in the app's worker (progress gaps) vs approx-string-match alone in the same page", median(perQuote), median(baseline), '≤ 1.5'),
        figure('ui-blocked', 'quote check total ms (corpus posted → result: transfer, preparation, 50 quotations) vs approx-string-match over the 50', checkMs, baselineTotal, '≤ 1.5'),
      ];
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const benches: Bench[] = [
  {
    name: 'pdf-first-page',
    summary: `Chromium: import a generated ${BOOK_PAGES}-page PDF through the picker (vs pdf.js in Node), then time opening it to page 1 drawn`,
    run: pdfFirstPage,
  },
  {
    name: 'pdf-scroll-heap',
    summary: `Chromium: scroll the whole ${BOOK_PAGES}-page book in the viewer; JS heap peak, and after GC against just after opening`,
    run: pdfScrollHeap,
  },
  {
    name: 'ui-blocked',
    summary: "Chromium: the app's quote check of 50 quotations over 5,000 pages; UI thread's longest blocked interval, per-quotation and total vs approx-string-match",
    run: uiBlocked,
  },
];

export default benches;
