// Code that runs inside the app's page, kept as source text: benchmarks run under tsx, whose compiled
// functions reference a `__name` helper the page does not have, and bench/ is type-checked without the
// DOM library. Each constant is a JavaScript expression (usually a function) given to page.evaluate or
// page.addInitScript as a string.

/**
 * Installed before the app loads (addInitScript). Observes, without changing, the app's own workers: every
 * message the app posts to and receives from its quote-check worker and its PDF extraction workers, with
 * `performance.now()` times and the time postMessage took (the structured clone happens on the UI thread).
 * Also provides a main-thread gap monitor (a 5 ms setTimeout chain; a gap is time the thread could not run
 * it) and records every gap and every `longtask` entry from a PerformanceObserver.
 */
export const INSTRUMENT_SCRIPT = String.raw`(() => {
  const g = window;
  const log = { posts: [], msgs: [], extract: [] };
  g.__pdWorkers = log;
  const Native = g.Worker;
  if (Native) {
    const Wrapped = function (url, options) {
      const w = new Native(url, options);
      const name = options && typeof options.name === 'string' ? options.name : '';
      if (name === 'quote check') {
        const post = w.postMessage.bind(w);
        w.postMessage = function (m, t) {
          const at = performance.now();
          post(m, t);
          const claims = m && Array.isArray(m.claims) ? m.claims : [];
          let quotes = 0;
          for (const c of claims) quotes += c.quotes.length;
          let chars = 0;
          if (m && Array.isArray(m.texts)) for (const x of m.texts) chars += x.text.length;
          log.posts.push({ type: m && m.type, id: m && m.id, at, postMs: performance.now() - at, claims: claims.length, quotes, chars });
        };
        w.addEventListener('message', function (ev) {
          const d = ev.data || {};
          const rec = { type: d.type, id: d.id, done: d.done, at: performance.now() };
          if (d.type === 'result') {
            const counts = {};
            for (const r of d.results) for (const c of r.checks) counts[c.status] = (counts[c.status] || 0) + 1;
            rec.counts = counts;
          }
          if (d.type === 'error') rec.message = d.message;
          log.msgs.push(rec);
        });
      } else if (name.startsWith('extract ')) {
        const job = { name, created: performance.now(), done: null, error: null };
        log.extract.push(job);
        w.addEventListener('message', function (ev) {
          const d = ev.data || {};
          if (d.type === 'done') job.done = performance.now();
          if (d.type === 'error') job.error = performance.now();
        });
      }
      return w;
    };
    Wrapped.prototype = Native.prototype;
    g.Worker = Wrapped;
  }
  const mon = { running: false, gaps: [], long: [], ticks: 0 };
  g.__pdMonitor = mon;
  mon.start = function () {
    mon.running = true;
    mon.gaps = [];
    mon.ticks = 0;
    let last = performance.now();
    const tick = function () {
      const now = performance.now();
      mon.gaps.push([last, now]);
      mon.ticks++;
      last = now;
      if (mon.running) setTimeout(tick, 5);
    };
    setTimeout(tick, 5);
  };
  mon.stop = function () { mon.running = false; };
  try {
    new PerformanceObserver(function (list) {
      for (const e of list.getEntries()) mon.long.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
    mon.longtaskSupported = true;
  } catch (e) {
    mon.longtaskSupported = false;
  }
})()`;

/**
 * Opens the first PDF in the Sources list by clicking its button, and resolves to the milliseconds (from
 * just before the click, page clock) until page 1's text layer is ready and until page 1 is in the
 * viewer's `data-rendered-pages` (its canvas drawn and its text layer done). Rejects after 30 s.
 */
export const OPEN_FIRST_PDF = String.raw`(async () => {
  const list = document.querySelector('ul[aria-label="Source files"]');
  const button = list && [...list.querySelectorAll('button')].find((b) => (b.textContent || '').startsWith('PDF'));
  if (!button) throw new Error('no PDF in the Sources list');
  return await new Promise((resolve, reject) => {
    let textMs = null;
    let observer = null;
    const t0 = performance.now();
    const check = () => {
      const page = document.querySelector('[data-page-index="0"]');
      if (textMs === null && page && page.getAttribute('data-text-layer') === 'ready') textMs = performance.now() - t0;
      const viewer = document.querySelector('[data-rendered-pages]');
      const rendered = viewer ? (viewer.getAttribute('data-rendered-pages') || '').split(',') : [];
      if (rendered.includes('0')) {
        const canvasMs = performance.now() - t0;
        observer.disconnect();
        const canvas = page && page.querySelector('canvas');
        resolve({ textMs: textMs === null ? canvasMs : textMs, canvasMs, canvasPixels: canvas ? canvas.width * canvas.height : 0 });
      }
    };
    observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-text-layer', 'data-rendered-pages'] });
    setTimeout(() => {
      observer.disconnect();
      reject(new Error('page 1 was not rendered within 30 s of opening the source'));
    }, 30000);
    button.click();
  });
})()`;

/** The open viewer's geometry: page count, scroll height, viewport height and the first page's height. */
export const VIEWER_GEOMETRY = String.raw`(() => {
  const viewer = document.querySelector('[data-rendered-pages]');
  const scroller = viewer.querySelector('.pd-scroll');
  const first = viewer.querySelector('[data-page-index="0"]');
  return { pages: Number(viewer.getAttribute('data-page-count')), scrollHeight: scroller.scrollHeight, clientHeight: scroller.clientHeight, pageHeight: first.offsetHeight };
})()`;

/**
 * Scrolls the open PDF viewer from its top to its bottom, one viewport height at a time; after each step
 * waits until every page intersecting the viewport is in `data-rendered-pages` (at most 10 s a step), and
 * samples `performance.memory.usedJSHeapSize`. Resolves to steps, timed-out steps, pages seen rendered,
 * the peak and the samples (every 25th step), the most canvases alive at once and the elapsed ms.
 */
export const SCROLL_WHOLE_BOOK = String.raw`(async () => {
  const viewer = document.querySelector('[data-rendered-pages]');
  const scroller = viewer.querySelector('.pd-scroll');
  const pages = viewer.querySelectorAll('[data-page-index]');
  const heap = () => performance.memory.usedJSHeapSize;
  const rendered = () => new Set((viewer.getAttribute('data-rendered-pages') || '').split(',').filter(Boolean).map(Number));
  const pause = (ms) => new Promise((r) => setTimeout(r, ms));
  const visible = () => {
    const box = scroller.getBoundingClientRect();
    const stride = pages[0].offsetHeight + 12;
    const guess = Math.max(0, Math.floor(scroller.scrollTop / stride) - 2);
    const out = [];
    for (let i = guess; i < pages.length && i < guess + 8; i++) {
      const r = pages[i].getBoundingClientRect();
      if (r.bottom > box.top + 1 && r.top < box.bottom - 1) out.push(i);
    }
    return out;
  };
  const seen = new Set();
  const samples = [];
  let peak = heap();
  let maxCanvases = 0;
  let steps = 0;
  let timeouts = 0;
  const t0 = performance.now();
  for (;;) {
    const want = visible();
    const deadline = performance.now() + 10000;
    for (;;) {
      const have = rendered();
      if (want.every((i) => have.has(i))) break;
      if (performance.now() > deadline) { timeouts++; break; }
      await pause(5);
    }
    for (const i of rendered()) seen.add(i);
    const h = heap();
    if (h > peak) peak = h;
    const canvases = viewer.querySelectorAll('canvas').length;
    if (canvases > maxCanvases) maxCanvases = canvases;
    if (steps % 25 === 0) samples.push([steps, h]);
    if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
    scroller.scrollTop = Math.min(scroller.scrollHeight, scroller.scrollTop + scroller.clientHeight);
    steps++;
  }
  return { steps, timeouts, pagesSeen: seen.size, lastRendered: [...rendered()], peak, samples, maxCanvases, elapsedMs: performance.now() - t0, liveCanvases: viewer.querySelectorAll('canvas').length };
})()`;

/** `performance.memory.usedJSHeapSize` now. */
export const USED_HEAP = 'performance.memory.usedJSHeapSize';

/** Starts the gap monitor installed by INSTRUMENT_SCRIPT; resolves to the page clock at the start. */
export const MONITOR_START = '(() => { window.__pdMonitor.start(); return performance.now(); })()';

/** Stops the gap monitor and resolves to what it and the worker log recorded. */
export const MONITOR_STOP = String.raw`(() => {
  const mon = window.__pdMonitor;
  mon.stop();
  return { now: performance.now(), gaps: mon.gaps, long: mon.long, ticks: mon.ticks, longtaskSupported: mon.longtaskSupported, workers: window.__pdWorkers };
})()`;

/** The worker log (see INSTRUMENT_SCRIPT). */
export const WORKER_LOG = 'window.__pdWorkers';

/**
 * True once the quote-check worker has answered the newest check request and nothing was posted or
 * received for 1.5 s (the app re-runs the check when claims or texts change; the last run is the one shown).
 */
export const QUOTE_CHECK_SETTLED = String.raw`(() => {
  const log = window.__pdWorkers;
  const checks = log.posts.filter((p) => p.type === 'check');
  if (checks.length === 0) return false;
  const last = checks[checks.length - 1];
  const answered = log.msgs.some((m) => (m.type === 'result' || m.type === 'error') && m.id === last.id);
  const latest = Math.max(...log.posts.map((p) => p.at), ...log.msgs.map((m) => m.at));
  return answered && performance.now() - latest > 1500;
})()`;
