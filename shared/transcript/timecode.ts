// Times as the CLI prints them (issue 6: `00:12:34.500–00:12:41.000`).

/** Formats seconds as `HH:MM:SS.mmm` (hours grow past two digits when needed); throws RangeError for negative or non-finite seconds. */
export function formatTimecode(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`cannot format ${seconds} as a timecode: seconds must be finite and not negative`);
  const totalMs = Math.round(seconds * 1000);
  const ms = totalMs % 1000;
  const totalS = (totalMs - ms) / 1000;
  const s = totalS % 60;
  const m = ((totalS - s) / 60) % 60;
  const h = Math.floor(totalS / 3600);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(h)}:${two(m)}:${two(s)}.${String(ms).padStart(3, '0')}`;
}

/** Formats a cue or passage time range as `00:12:34.500–00:12:41.000` (en dash); throws RangeError like formatTimecode. */
export function formatTimeRange(range: readonly [start: number, end: number]): string {
  return `${formatTimecode(range[0])}\u2013${formatTimecode(range[1])}`;
}
