import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markerEnd } from '../../../shared/draft/markers.ts';
import { parseDraft } from '../../../shared/draft/parse.ts';

const piece = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('Word', 'the', ' ', '. ', '.', '\n', '\r\n', '"', '“', '”', '’', "'", ':', ' said: ', '...', 'Dr. ', 'U.S. ', '[', ']'),
  fc.constantFrom('[15]', '[15]: 218', '[8]: 81–83', '[24]: 234, 239', '[a]', '[note 3]', '[citation needed]', '[when?]', '[dubious – discuss]', '[Hypocrites]', '[was]'),
  fc.integer({ min: 0, max: 999 }).map((n) => `[${n}]`),
);
const draft = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));

describe('parseDraft on random text with random markers', () => {
  it('never throws and keeps every range in bounds and in order', () => {
    fc.assert(
      fc.property(draft, (text) => {
        const p = parseDraft(text);
        let previousEnd = 0;
        for (const [i, c] of p.claims.entries()) {
          expect(c.index).toBe(i);
          expect(c.range[0]).toBeGreaterThanOrEqual(previousEnd);
          expect(c.range[1]).toBeGreaterThan(c.range[0]);
          expect(c.range[1]).toBeLessThanOrEqual(text.length);
          previousEnd = c.range[1];
          for (const q of c.quotes) {
            expect(q.range[0]).toBeGreaterThanOrEqual(c.range[0]);
            expect(q.range[1]).toBeLessThanOrEqual(c.range[1]);
            expect(q.range[1]).toBeGreaterThan(q.range[0]);
          }
          for (const m of c.markers) expect(m.offset).toBeGreaterThanOrEqual(c.range[0]);
        }
        const markers = [...p.orphans, ...p.claims.flatMap((c) => c.markers)];
        let last = 0;
        for (const m of markers) {
          expect(m.offset).toBeGreaterThanOrEqual(last);
          expect(text.slice(m.offset, markerEnd(m))).toBe(m.raw);
          last = markerEnd(m);
        }
        for (const m of p.orphans) expect(p.claims.every((c) => c.range[0] > m.offset)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
