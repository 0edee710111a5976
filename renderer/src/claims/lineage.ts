// Which claims a claim came from: splitting gives new claims (claim.split names the one split), merging
// gives one (claim.merged names those merged). A claim's status carries over through both, so its status
// history is that of its whole lineage.
import type { LedgerEntry } from '../../../shared/types/events.ts';

/** The claim ids whose history is `claimId`'s: itself and every claim it was split from or merged from, through any number of steps; never throws. */
export function claimLineage(claimId: string, reshapes: readonly LedgerEntry[]): Set<string> {
  const lineage = new Set([claimId]);
  // Newest first, so a claim's ancestors are known before their own ancestors are looked for.
  for (const e of [...reshapes].sort((a, b) => b.seq - a.seq)) {
    if (e.type === 'claim.split' && e.payload.claims.some((c) => lineage.has(c.id))) lineage.add(e.payload.claimId);
    if (e.type === 'claim.merged' && lineage.has(e.payload.claim.id)) for (const id of e.payload.claimIds) lineage.add(id);
  }
  return lineage;
}
