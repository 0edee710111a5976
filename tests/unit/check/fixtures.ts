import type { CueUnit, PageUnit, SourceText } from '../../../shared/types/text.ts';

/** A PDF-like source text from page strings (joined by '\n'), labels optional. */
export function pdfText(sha256: string, pages: string[], labels?: string[]): SourceText {
  const units: PageUnit[] = [];
  let text = '';
  pages.forEach((p, index) => {
    if (index > 0) text += '\n';
    const start = text.length;
    text += p;
    units.push({ kind: 'page', index, label: labels?.[index] ?? String(index + 1), range: [start, text.length] });
  });
  return { type: 'source-text', sha256, kind: 'pdf', text, units };
}

/** A transcript source text from cues of [seconds, speaker, text]. */
export function transcriptText(sha256: string, cues: [number, string | null, string][]): SourceText {
  const units: CueUnit[] = [];
  let text = '';
  cues.forEach(([time, speaker, t], index) => {
    if (index > 0) text += '\n';
    const start = text.length;
    text += t;
    units.push({ kind: 'cue', index, time: [time, time + 5], speaker, range: [start, text.length] });
  });
  return { type: 'source-text', sha256, kind: 'transcript', text, units };
}

/** A deterministic pseudo-random generator (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
