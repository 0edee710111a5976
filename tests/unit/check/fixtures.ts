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

/** A deterministic pseudo-random generator (mulberry32), the one shared/seeded-random.ts defines. */
export { mulberry32 as seeded } from '../../../shared/seeded-random.ts';
