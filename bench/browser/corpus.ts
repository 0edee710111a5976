// Files for the ui-blocked benchmark: the quote-check benchmark's seeded 5,000 generated pages (10 sources
// of ~2,000 characters a page) written as WebVTT transcripts, one cue per page, so that the app imports
// them quickly (no PDF extraction) and its source texts are the very texts the Node benchmark checks
// (cue texts joined by '\n', as pages are); and a draft of 50 claims, each quoting one passage: exact,
// altered in one or two words, or found nowhere, in the Node benchmark's proportions.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatTimecode } from '../../shared/transcript/timecode.ts';
import type { SourceText } from '../../shared/types/text.ts';
import { generateSources } from '../check.bench.ts';
import { mulberry32 } from '../../shared/seeded-random.ts';

/** Quotations of each kind in the draft. */
export const QUOTE_KINDS = { exact: 20, altered: 20, absent: 10 } as const;
/** The status the quote check must give each kind (the benchmark refuses to time wrong answers). */
export const EXPECTED_STATUS = { exact: 'found', altered: 'possible-misquote', absent: 'not-found' } as const;

type Kind = keyof typeof QUOTE_KINDS;


/** One source as a WebVTT file: one 10-second cue per page. */
function toWebVtt(source: SourceText): string {
  const cues = source.units.map((u, i) => `${i + 1}\n${formatTimecode(i * 10)} --> ${formatTimecode(i * 10 + 10)}\n${source.text.slice(u.range[0], u.range[1])}\n`);
  return `WEBVTT\n\n${cues.join('\n')}`;
}

/** A quotation for the draft and what kind it is. */
export interface DraftQuote {
  /** The quoted words. */
  text: string;
  /** exact, altered or absent. */
  kind: Kind;
}

/** 50 quotations (seeded): passages without quotation marks of their own, some altered, and word salads found nowhere. */
export function pickDraftQuotes(sources: SourceText[], seed = 0x51de_b10c): DraftQuote[] {
  const random = mulberry32(seed);
  const passage = (min: number): string => {
    for (;;) {
      const s = sources[Math.floor(random() * sources.length)]!;
      const length = min + Math.floor(random() * 120);
      const at = Math.floor(random() * (s.text.length - length));
      const from = s.text.indexOf(' ', at) + 1;
      const text = s.text.slice(from, s.text.lastIndexOf(' ', from + length));
      // The draft wraps each quotation in curly double quotes: the passage must hold none, nor a page break.
      if (!/[“”"\n]/.test(text)) return text;
    }
  };
  const quotes: DraftQuote[] = [];
  for (let i = 0; i < QUOTE_KINDS.exact; i++) quotes.push({ text: passage(60), kind: 'exact' });
  for (let i = 0; i < QUOTE_KINDS.altered; i++) {
    const words = passage(100).split(' ');
    const changes = 1 + Math.floor(random() * 2);
    for (let c = 0; c < changes; c++) {
      const w = 1 + Math.floor(random() * (words.length - 2));
      words.splice(w, 1, random() < 0.5 ? 'not' : `${words[w] ?? ''}s`);
    }
    quotes.push({ text: words.join(' '), kind: 'altered' });
  }
  const foreign = ['harbour', 'minister', 'budget', 'tender', 'evidence', 'committee', 'ferry', 'spring', 'weather', 'council', 'report'];
  for (let i = 0; i < QUOTE_KINDS.absent; i++) {
    const n = 10 + Math.floor(random() * 10);
    quotes.push({ text: Array.from({ length: n }, () => foreign[Math.floor(random() * foreign.length)]).join(' '), kind: 'absent' });
  }
  return quotes;
}

/** The files written and what they hold. */
export interface QuoteCorpus {
  /** The transcript files. */
  transcripts: string[];
  /** The draft file (one paragraph per claim). */
  draft: string;
  /** The quotations, in claim order. */
  quotes: DraftQuote[];
  /** The sources' texts joined by '\n' (the baseline searches this). */
  concatenated: string;
  /** Pages in all sources. */
  pages: number;
}

/** Writes the transcripts and the draft into `dir`; resolves to what was written. */
export async function writeQuoteCorpus(dir: string): Promise<QuoteCorpus> {
  const sources = generateSources();
  const quotes = pickDraftQuotes(sources);
  const transcripts: string[] = [];
  for (const [i, s] of sources.entries()) {
    const file = path.join(dir, `hearing-${String(i + 1).padStart(2, '0')}.vtt`);
    await writeFile(file, toWebVtt(s));
    transcripts.push(file);
  }
  const paragraphs = quotes.map((q, i) => `Claim ${i + 1} rests on the record, which says “${q.text}”.[${(i % sources.length) + 1}]`);
  const draft = path.join(dir, 'draft.txt');
  await writeFile(draft, `${paragraphs.join('\n\n')}\n`);
  return { transcripts, draft, quotes, concatenated: sources.map((s) => s.text).join('\n'), pages: sources.reduce((n, s) => n + s.units.length, 0) };
}
