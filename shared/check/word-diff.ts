// A word-level diff between a claim's quotation and the source's words, for the "possible misquote" view.
// Words are compared in comparison form (case, curly quotes, dashes folded), so only changes of wording
// show; the texts in the result are the original spellings. Myers' O(ND) algorithm over word tokens.
import { foldString } from './fold.ts';

/** One run of the diff: words both have (`equal`), words only the source has (`insert`), words only the claim has (`delete`). */
export interface DiffPart {
  /** equal: in both; insert: in the source, not in the claim; delete: in the claim, not in the source. */
  op: 'equal' | 'insert' | 'delete';
  /** The words as written (the claim's spelling for equal and delete, the source's for insert). */
  text: string;
}

/** Most words per side diffed; longer texts are diffed as one delete and one insert. */
export const MAX_DIFF_WORDS = 5_000;
/** Most differing words the diff looks for before giving up and reporting a delete and an insert. */
export const MAX_DIFF_EDITS = 1_000;

interface Token {
  start: number;
  end: number;
  key: string;
}

// Words (letters, digits, marks, inner apostrophes) and each punctuation mark on its own.
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:['\u2019][\p{L}\p{N}\p{M}]+)*|[^\s\p{L}\p{N}\p{M}]/gu;

/** The word and punctuation tokens of a text with their offsets; never throws. */
export function tokenizeWords(text: string): { start: number; end: number; text: string }[] {
  return tokens(text).map((t) => ({ start: t.start, end: t.end, text: text.slice(t.start, t.end) }));
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    out.push({ start, end: start + m[0].length, key: foldString(m[0]) });
  }
  return out;
}

type Op = DiffPart['op'];

/** Edit script a → b as one op per token (Myers' greedy forward algorithm with trace); null when over MAX_DIFF_EDITS. */
function myers(a: Token[], b: Token[]): Op[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_DIFF_EDITS);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0))) x = v[offset + k + 1] ?? 0;
      else x = (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x]?.key === b[y]?.key) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, next, offset, n, m, d);
    }
    v = next;
  }
  return null;
}

function backtrack(trace: Int32Array[], last: Int32Array, offset: number, n: number, m: number, dEnd: number): Op[] {
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = dEnd; d > 0; d--) {
    const v = trace[d] ?? last;
    const k = x - y;
    const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK] ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('equal');
      x--;
      y--;
    }
    ops.push(down ? 'insert' : 'delete');
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push('equal');
    x--;
    y--;
  }
  return ops.reverse();
}

/** Word diff turning the claim's words into the source's (see DiffPart); never throws. */
export function diffWords(claimText: string, sourceText: string): DiffPart[] {
  const a = tokens(claimText);
  const b = tokens(sourceText);
  const ops = a.length <= MAX_DIFF_WORDS && b.length <= MAX_DIFF_WORDS ? myers(a, b) : null;
  const script: Op[] = ops ?? [...a.map((): Op => 'delete'), ...b.map((): Op => 'insert')];
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  let run: { op: Op; from: number; to: number } | null = null;
  const flush = () => {
    if (!run) return;
    const side = run.op === 'insert' ? b : a;
    const text = run.op === 'insert' ? sourceText : claimText;
    parts.push({ op: run.op, text: text.slice(side[run.from]?.start ?? 0, side[run.to - 1]?.end ?? 0) });
    run = null;
  };
  for (const op of script) {
    const index = op === 'insert' ? j : i;
    if (run === null || run.op !== op) {
      flush();
      run = { op, from: index, to: index + 1 };
    } else {
      run.to = index + 1;
    }
    if (op !== 'insert') i++;
    if (op !== 'delete') j++;
  }
  flush();
  return parts;
}
