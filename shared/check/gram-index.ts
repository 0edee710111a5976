// A sampled q-gram index over one folded text, so the quote check can find every verbatim occurrence of a
// piece of a quote without scanning megabytes: the GRAM_CHARS-gram starting at every GRAM_STEP-th position is
// hashed into buckets (counting sort into typed arrays: compact, and plain data that a worker can transfer).
// Any occurrence of a piece at least GRAM_CHARS + GRAM_STEP − 1 long covers one sampled position, at an
// offset j < GRAM_STEP into the piece, so looking up the piece's first GRAM_STEP grams and verifying each
// position finds every occurrence exactly once.

/** Characters per indexed gram. */
export const GRAM_CHARS = 8;
/** Every GRAM_STEP-th text position starts an indexed gram. */
export const GRAM_STEP = 4;
/** Shortest piece that lookupPiece can answer. */
export const MIN_PIECE_CHARS = GRAM_CHARS + GRAM_STEP - 1;

/** The index of one text. */
export interface GramIndex {
  /** log2 of the number of buckets. */
  bits: number;
  /** Bucket b holds positions[starts[b] .. starts[b + 1]). */
  starts: Int32Array;
  /** Sampled positions, grouped by bucket, ascending within a bucket. */
  positions: Int32Array;
}

// FNV-1a over GRAM_CHARS UTF-16 code units.
function hashAt(text: string, at: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < GRAM_CHARS; i++) {
    h ^= text.charCodeAt(at + i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Builds the index of a text; never throws. */
export function buildGramIndex(text: string): GramIndex {
  const count = text.length >= GRAM_CHARS ? Math.floor((text.length - GRAM_CHARS) / GRAM_STEP) + 1 : 0;
  const bits = Math.max(4, Math.min(24, Math.ceil(Math.log2(Math.max(1, count)))));
  const shift = 32 - bits;
  const buckets = new Int32Array(count);
  const starts = new Int32Array((1 << bits) + 1);
  for (let i = 0; i < count; i++) {
    const b = hashAt(text, i * GRAM_STEP) >>> shift;
    buckets[i] = b;
    starts[b + 1] = (starts[b + 1] ?? 0) + 1;
  }
  for (let b = 1; b < starts.length; b++) starts[b] = (starts[b] ?? 0) + (starts[b - 1] ?? 0);
  const fill = starts.slice(0, -1);
  const positions = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const b = buckets[i] ?? 0;
    positions[fill[b]!++] = i * GRAM_STEP;
  }
  return { bits, starts, positions };
}

/** Every position where `piece` occurs in `text` (which `index` was built from), unordered; throws RangeError for a piece shorter than MIN_PIECE_CHARS. */
export function lookupPiece(index: GramIndex, text: string, piece: string, visit: (at: number) => void): void {
  if (piece.length < MIN_PIECE_CHARS) throw new RangeError(`piece of ${piece.length} characters is shorter than the ${MIN_PIECE_CHARS} the gram index needs`);
  const shift = 32 - index.bits;
  for (let j = 0; j < GRAM_STEP; j++) {
    const b = hashAt(piece, j) >>> shift;
    const end = index.starts[b + 1] ?? 0;
    for (let k = index.starts[b] ?? 0; k < end; k++) {
      const at = (index.positions[k] ?? 0) - j;
      if (at >= 0 && text.startsWith(piece, at)) visit(at);
    }
  }
}
