// A minimal, valid PDF generator for benchmarks: text pages in Helvetica (a base-14 font, no embedding)
// with a correct cross-reference table, so the benchmark needs no network and no fixture files.

/** Lines of text per generated page. */
export const LINES_PER_PAGE = 45;

const WORDS = (
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they ' +
  'evidence source claim passage quote report record transcript editor checker archive ledger page witness ' +
  'budget council minutes statement interview document version figure analysis review public official'
).split(' ');

/** Deterministic pseudo-random words (xorshift), so every run benchmarks the same file. */
function* words(seed: number): Generator<string> {
  let x = seed || 1;
  for (;;) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    yield WORDS[(x >>> 0) % WORDS.length]!;
  }
}

/** Escapes a string for a PDF literal string. */
function pdfString(s: string): string {
  return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** A PDF of `pageCount` Letter pages, each LINES_PER_PAGE lines of Helvetica text, as bytes; never throws. */
export function generateTextPdf(pageCount: number): Uint8Array {
  const gen = words(pageCount * 7919);
  const objects: string[] = []; // objects[n - 1] is object n's body
  const fontId = 3;
  const firstPageId = 4; // page k is object 4 + 2k, its content 5 + 2k
  const kids = Array.from({ length: pageCount }, (_, k) => `${firstPageId + 2 * k} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Count ${pageCount} /Kids [${kids}] >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  for (let k = 0; k < pageCount; k++) {
    const lines: string[] = ['BT', '/F1 11 Tf', '14 TL', '72 740 Td'];
    for (let l = 0; l < LINES_PER_PAGE; l++) {
      const line: string[] = l === 0 ? [`Page ${k + 1}.`] : [];
      while (line.join(' ').length < 80) line.push(gen.next().value);
      lines.push(`${pdfString(line.join(' '))} Tj T*`);
    }
    lines.push('ET');
    const content = lines.join('\n');
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${fontId} 0 R >> >> /Contents ${firstPageId + 2 * k + 1} 0 R >>`);
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  }
  // Everything is ASCII, so string length equals byte length and offsets can be counted in characters.
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
