// Issue 4 benchmark: parse a long draft (the reference excerpt repeated to about 2 MB, the size limit)
// into claims, compared with Intl.Segmenter alone splitting the same text in the same run; and match a
// revision of a 900-claim draft with one sentence in ten edited.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseDraft } from '../shared/draft/parse.ts';
import { matchRevision } from '../shared/draft/revision.ts';
import { figure, median, type Bench } from './harness.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.resolve(here, '../../shared/fixtures/drafts/1988-executions-excerpt.txt');
const RUNS = 5;
const REPEAT_LONG = 290;
const REPEAT_REVISION = 30;

function time(run: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return median(times);
}

const benches: Bench[] = [
  {
    name: 'draft-parse',
    summary: 'parse a ~2 MB draft into claims, markers and quotations vs. Intl.Segmenter alone',
    async run() {
      const excerpt = readFileSync(FIXTURE, 'utf8');
      const text = `${excerpt}\n`.repeat(REPEAT_LONG);
      const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
      let claims = 0;
      const parseMs = time(() => {
        claims = parseDraft(text).claims.length;
      });
      let sentences = 0;
      const segmentMs = time(() => {
        sentences = [...segmenter.segment(text)].length;
      });
      const claimsPerSecond = claims / (parseMs / 1000);
      const sentencesPerSecond = sentences / (segmentMs / 1000);
      return [figure('draft-parse', 'claims/s', claimsPerSecond, sentencesPerSecond, '≥ 0.05')];
    },
  },
  {
    name: 'draft-revision',
    summary: 'match a 900-claim revision (one sentence in ten edited); the unchanged revision is the baseline',
    async run() {
      const excerpt = readFileSync(FIXTURE, 'utf8');
      const old = parseDraft(`${excerpt}\n`.repeat(REPEAT_REVISION)).claims.map((c) => ({ ...c, id: `o${c.index}` }));
      const edited = old.map((c) => ({ ...c, id: `n${c.index}`, text: c.index % 10 === 0 ? c.text.replace(/ the /, ' a ') : c.text }));
      const unchanged = old.map((c) => ({ ...c, id: `u${c.index}` }));
      const fuzzyMs = time(() => void matchRevision(old, edited));
      const exactMs = time(() => void matchRevision(old, unchanged));
      // Fuzzy matching costs far more than exact matching; the goal is absolute: a 900-claim revision in under two seconds.
      return [
        figure('draft-revision', 'claims/s (one in ten edited)', old.length / (fuzzyMs / 1000), null, '≥ 450'),
        figure('draft-revision', 'claims/s (unchanged)', old.length / (exactMs / 1000), null, '≥ 4500'),
      ];
    },
  },
];
export default benches;
