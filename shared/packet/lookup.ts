// Lookups by key over a packet's rows. Building, reporting and verifying a packet look rows up once per
// evidence item or claim; with 10,000s of rows, `Array.prototype.find` per item is quadratic, so the rows
// are indexed once instead, keeping `find`'s choice of the first row when a key repeats.

/** Rows by key, the first row of each key winning (what `Array.prototype.find` would return); never throws. */
export function firstBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T> {
  const out = new Map<string, T>();
  for (const row of rows) {
    const k = key(row);
    if (!out.has(k)) out.set(k, row);
  }
  return out;
}

/** Rows grouped by key, each group in the rows' order (what `Array.prototype.filter` per key would give); never throws. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = out.get(k);
    if (group) group.push(row);
    else out.set(k, [row]);
  }
  return out;
}
