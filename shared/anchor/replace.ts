// Replacing a source with another version of the same work (a re-saved or re-OCRed PDF, a regenerated
// transcript): every passage is anchored anew in the new text. What is found moves (a passage.reanchored
// event); what is not stays on the old version, shown as an orphan with its stored quote, never dropped.
import { reanchorPassages } from '../transcript/reanchor.ts';
import type { Passage } from '../types/domain.ts';
import type { PassageReanchored } from '../types/events.ts';
import type { SourceText } from '../types/text.ts';
import { anchorPassage } from './anchor.ts';
import { createSelectors } from './selectors.ts';

/** What replacing a source did to its passages. */
export interface ReplacementReport {
  /** Passages found with the same words (at the same or a new place). */
  moved: { id: string; quote: string }[];
  /** Passages found by a fuzzy match: their old and new words. */
  reworded: { id: string; old: string; new: string; score: number }[];
  /** Passages not found: they stay on the old version with their stored quote. */
  orphaned: { id: string; quote: string }[];
}

/** Re-anchors `passages` (all on `oldText`) in `newText`: the events to commit and a report; never throws. */
export function planReplacement(oldText: SourceText, newText: SourceText, passages: readonly Passage[]): { events: PassageReanchored[]; report: ReplacementReport } {
  const events: PassageReanchored[] = [];
  const report: ReplacementReport = { moved: [], reworded: [], orphaned: [] };
  const event = (p: Passage, start: number, end: number, how: 'exact' | 'fuzzy', score: number): PassageReanchored => ({
    type: 'passage.reanchored',
    payload: { passageId: p.id, fromSha256: oldText.sha256, toSha256: newText.sha256, selectors: createSelectors(newText, start, end), rects: [], how, score },
  });
  if (oldText.kind === 'transcript' && newText.kind === 'transcript') {
    const byId = new Map(passages.map((p) => [p.id, p]));
    const r = reanchorPassages(oldText, passages.map((p) => ({ id: p.id, selectors: p.selectors })), newText);
    for (const f of [...r.unchanged, ...r.moved]) {
      const p = byId.get(f.id);
      if (!p) continue;
      events.push({ type: 'passage.reanchored', payload: { passageId: p.id, fromSha256: oldText.sha256, toSha256: newText.sha256, selectors: f.selectors, rects: [], how: 'exact', score: 1 } });
      report.moved.push({ id: p.id, quote: p.selectors.quote.exact });
    }
    for (const f of r.reworded) {
      const p = byId.get(f.id);
      if (!p) continue;
      events.push({ type: 'passage.reanchored', payload: { passageId: p.id, fromSha256: oldText.sha256, toSha256: newText.sha256, selectors: f.selectors, rects: [], how: 'fuzzy', score: Math.max(0, Math.min(1, f.score)) } });
      report.reworded.push({ id: p.id, old: p.selectors.quote.exact, new: f.selectors.quote.exact, score: f.score });
    }
    for (const f of r.orphaned) report.orphaned.push({ id: f.id, quote: f.quote.exact });
    return { events, report };
  }
  for (const p of passages) {
    const a = anchorPassage(newText, p.selectors);
    if (a.status === 'orphaned' || a.start >= a.end) {
      report.orphaned.push({ id: p.id, quote: p.selectors.quote.exact });
      continue;
    }
    const how = a.status === 'anchored' ? 'exact' : 'fuzzy';
    events.push(event(p, a.start, a.end, how, Math.max(0, Math.min(1, a.score))));
    if (how === 'exact') report.moved.push({ id: p.id, quote: p.selectors.quote.exact });
    else report.reworded.push({ id: p.id, old: p.selectors.quote.exact, new: newText.text.slice(a.start, a.end), score: a.score });
  }
  return { events, report };
}
