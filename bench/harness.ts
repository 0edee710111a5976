// The benchmark contract (DESIGN.md, Tests): each benchmark prints its figures and the ratio to a
// baseline measured in the same run, one line each, or one JSON object per line with --json.

/** One measured figure with its same-run baseline. */
export interface Figure {
  /** Benchmark name, e.g. `ledger-verify`. */
  bench: string;
  /** What is measured and its unit, e.g. `entries/s`. */
  figure: string;
  /** The measured value. */
  value: number;
  /** The baseline measured in the same run, in the same unit (or null when the figure has none). */
  baseline: number | null;
  /** value / baseline, or null without a baseline. */
  ratio: number | null;
  /** The goal as text, e.g. `≥ 0.5` (applies to the ratio when there is a baseline, else to the value). */
  goal: string;
  /** Whether the goal was met. */
  met: boolean;
}

/** A benchmark: a name and a function that measures and returns its figures. */
export interface Bench {
  /** Name used on the command line: `npm run bench -- NAME`. */
  name: string;
  /** One line describing what is measured. */
  summary: string;
  /** Runs the measurement; resolves to its figures. */
  run(): Promise<Figure[]>;
}

/** Builds a Figure, computing the ratio and whether a goal like `≥ 0.5`, `≤ 1.5` or `< 1000` is met; throws on a malformed goal. */
export function figure(bench: string, name: string, value: number, baseline: number | null, goal: string): Figure {
  const ratio = baseline === null || baseline === 0 ? null : value / baseline;
  const subject = baseline === null ? value : (ratio ?? Number.NaN);
  const m = /^\s*(≥|>=|≤|<=|<|>)\s*([0-9.]+)\s*$/.exec(goal);
  if (!m) throw new Error(`benchmark ${bench}: goal "${goal}" is not of the form "≥ N", "≤ N", "< N" or "> N"`);
  const limit = Number(m[2]);
  const op = m[1];
  const met =
    op === '≥' || op === '>=' ? subject >= limit : op === '≤' || op === '<=' ? subject <= limit : op === '<' ? subject < limit : subject > limit;
  return { bench, figure: name, value, baseline, ratio, goal, met };
}

/** Median of numbers; returns NaN for an empty list. */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** One human-readable line for a figure; never throws. */
export function formatFigure(f: Figure): string {
  const num = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3));
  const base = f.baseline === null ? '' : ` baseline ${num(f.baseline)}, ratio ${f.ratio === null ? 'n/a' : num(f.ratio)}`;
  return `${f.bench}: ${f.figure} ${num(f.value)}${base} (goal ${f.goal}: ${f.met ? 'met' : 'NOT met'})`;
}
