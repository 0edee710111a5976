import { findAll } from '../../shared/anchor/match.ts';
import { cueTimeRange, unitsInRange } from '../../shared/anchor/selectors.ts';
import { formatTimeRange } from '../../shared/transcript/timecode.ts';
import type { CharRange, TextUnit } from '../../shared/types/text.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { describeUnit, loadSourceText, parseSourceArgs } from '../sources.ts';

/** One occurrence of the quote, as in DESIGN.md's `find` JSON shape. */
interface FindMatch {
  file: string;
  sha256: string;
  range: CharRange;
  units: TextUnit[];
  /** For a transcript, the seconds the match is spoken in (its timed words' where the cues have them); null for a PDF. */
  time: [start: number, end: number] | null;
  exact: boolean;
  score: number;
  text: string;
}

/** Where a transcript match is said: its own time range and the speakers of its cues (`00:12:34.500–00:12:41.000 Alice, Bob`). */
function describeSpoken(time: [number, number], units: readonly TextUnit[]): string {
  const speakers = [...new Set(units.flatMap((u) => (u.kind === 'cue' && u.speaker !== null ? [u.speaker] : [])))];
  return `${formatTimeRange(time)}${speakers.length > 0 ? ` ${speakers.join(', ')}` : ''}`;
}

/** `find QUOTE SOURCE...`: where a quote occurs in PDFs and transcripts, best first; exit 1 when nowhere. */
export const findCommand: Command = {
  summary: 'find where a quote occurs in PDFs and transcripts (page or time, exact or fuzzy, with score)',
  usage: 'find QUOTE SOURCE... [--json] [--password PW]',
  async run(args, io) {
    const { positionals, json, password } = parseSourceArgs(args);
    const [query, ...files] = positionals;
    if (query === undefined || files.length === 0) throw new UsageError('expects a QUOTE and at least one SOURCE file');
    if (query.trim() === '') throw new UsageError('the QUOTE is empty');
    const matches: FindMatch[] = [];
    for (const file of files) {
      io.err(`searching ${file}\n`);
      const src = await loadSourceText(file, {
        ...(password === undefined ? {} : { password }),
        onProgress: (done, total) => {
          if (done % 100 === 0 && done !== total) io.err(`${file}: page ${done} of ${total}\n`);
        },
      });
      for (const m of findAll(src.sourceText.text, query)) {
        const units = unitsInRange(src.sourceText, m.start, m.end);
        matches.push({
          file,
          sha256: src.sha256,
          range: [m.start, m.end],
          units,
          time: cueTimeRange(units, m.start, m.end),
          exact: m.exact,
          score: m.score,
          text: src.sourceText.text.slice(m.start, m.end),
        });
      }
    }
    // Stable sort: equal scores stay in file order, then text order.
    matches.sort((a, b) => b.score - a.score);
    if (json) {
      io.out(JSON.stringify({ version: 1, query, matches }) + '\n');
    } else {
      for (const m of matches) {
        const where = m.time ? describeSpoken(m.time, m.units) : m.units.map(describeUnit).join(' → ');
        io.out(`${m.file}  ${where}  [${m.range[0]}, ${m.range[1]})  ${m.exact ? 'exact' : 'fuzzy'}  score ${m.score.toFixed(3)}\n`);
        io.out(`  “${m.text.replace(/\s+/gu, ' ')}”\n`);
      }
      if (matches.length === 0) io.err(`not found: "${query}"\n`);
    }
    return matches.length > 0 ? EXIT.ok : EXIT.negative;
  },
};
