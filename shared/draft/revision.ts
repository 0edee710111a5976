// A new version of a draft against the old one (issue 4, Revisions): claims are matched as unchanged
// (same words), edited (similar words, scored with Myers' approximate matching as passages are
// re-anchored), new or removed. Evidence then follows its claim: matched claims keep it, edited claims
// with evidence are marked changed since the evidence was attached, and evidence of removed claims is
// listed as detached from a removed claim, never dropped.
import search from 'approx-string-match';
import type { Claim, Evidence, Reference } from '../types/domain.ts';

/** Lowest similarity (0–1) for an old and a new sentence to count as the same claim, edited. */
export const EDIT_MATCH_MIN_SCORE = 0.6;
/** Lowest word overlap (Dice coefficient, 0–1) for a pair to be scored at all; a cheap filter. */
export const WORD_OVERLAP_MIN = 0.5;
/** Most old × new pairs compared in full; beyond it only pairs at a similar position in the draft are. */
export const REVISION_MAX_PAIRS = 250_000;
/** Longest sentence compared character by character; longer ones are compared on their first characters. */
export const SIMILARITY_MAX_CHARS = 4_000;

/** What matching needs of a claim. */
export interface MatchableClaim {
  /** Stable id. */
  id: string;
  /** Position in its draft. */
  index: number;
  /** The sentence with its markers taken out. */
  text: string;
}

/** An old claim found again in the new version. */
export interface ClaimMatch<C extends MatchableClaim> {
  /** The claim in the old version. */
  old: C;
  /** The claim in the new version. */
  new: C;
  /** `unchanged` (same words, ignoring spacing, case and quote style) or `edited`. */
  kind: 'unchanged' | 'edited';
  /** Similarity of the two sentences, 1 when unchanged. */
  score: number;
}

/** How the claims of two versions correspond. */
export interface RevisionMatch<C extends MatchableClaim> {
  /** Matched claims, in the new version's order. */
  matches: ClaimMatch<C>[];
  /** Claims only in the new version. */
  added: C[];
  /** Claims only in the old version. */
  removed: C[];
}

/** The comparable form of a sentence: NFC, lowercase, one space, one kind of quote and dash. */
export function normalizeClaimText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[“”„«»]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

function words(text: string): Map<string, number> {
  const bag = new Map<string, number>();
  for (const w of text.match(/[\p{L}\p{N}]+/gu) ?? []) bag.set(w, (bag.get(w) ?? 0) + 1);
  return bag;
}

function dice(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  let total = 0;
  for (const n of a.values()) total += n;
  for (const n of b.values()) total += n;
  for (const [w, n] of a) shared += Math.min(n, b.get(w) ?? 0);
  return total === 0 ? 1 : (2 * shared) / total;
}

/**
 * Similarity of two sentences from 0 to 1: one minus an edit distance (the shorter found in the longer
 * with Myers' algorithm, plus what the longer has beyond it) over the longer's length; never throws.
 */
export function claimSimilarity(a: string, b: string): number {
  const x = normalizeClaimText(a).slice(0, SIMILARITY_MAX_CHARS);
  const y = normalizeClaimText(b).slice(0, SIMILARITY_MAX_CHARS);
  if (x === y) return 1;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (short.length === 0) return 0;
  const maxErrors = Math.ceil(long.length * (1 - EDIT_MATCH_MIN_SCORE));
  if (long.length - short.length > maxErrors) return 1 - (long.length - short.length) / long.length;
  let best = Number.POSITIVE_INFINITY;
  for (const m of search(long, short, Math.min(maxErrors, short.length))) best = Math.min(best, m.errors + long.length - (m.end - m.start));
  if (!Number.isFinite(best)) return Math.max(0, 1 - (maxErrors + 1) / long.length);
  return Math.max(0, 1 - best / long.length);
}

/** Matches a new version's claims to the old version's: unchanged first, then edited by best score; never throws. */
export function matchRevision<C extends MatchableClaim>(oldClaims: readonly C[], newClaims: readonly C[]): RevisionMatch<C> {
  const olds = [...oldClaims].sort((a, b) => a.index - b.index);
  const news = [...newClaims].sort((a, b) => a.index - b.index);
  const pairOf = new Map<C, ClaimMatch<C>>();
  const usedOld = new Set<C>();

  const byText = new Map<string, C[]>();
  for (const c of olds) {
    const key = normalizeClaimText(c.text);
    byText.set(key, [...(byText.get(key) ?? []), c]);
  }
  for (const n of news) {
    const queue = byText.get(normalizeClaimText(n.text));
    const o = queue?.shift();
    if (o) {
      pairOf.set(n, { old: o, new: n, kind: 'unchanged', score: 1 });
      usedOld.add(o);
    }
  }

  const restOld = olds.filter((o) => !usedOld.has(o));
  const restNew = news.filter((n) => !pairOf.has(n));
  const position = (i: number, n: number): number => (n <= 1 ? 0 : i / (n - 1));
  const oldPos = new Map(olds.map((c, i) => [c, position(i, olds.length)]));
  const newPos = new Map(news.map((c, i) => [c, position(i, news.length)]));
  // Each new claim is compared with the old ones within `window` of its relative position: about
  // 2 · window · |old| pairs each, REVISION_MAX_PAIRS in all.
  const pairs = restOld.length * restNew.length;
  const window = pairs > REVISION_MAX_PAIRS ? REVISION_MAX_PAIRS / (2 * pairs) : Number.POSITIVE_INFINITY;
  const oldWords = new Map(restOld.map((c) => [c, words(normalizeClaimText(c.text))]));
  const candidates: { o: C; n: C; score: number; distance: number }[] = [];
  for (const n of restNew) {
    const nw = words(normalizeClaimText(n.text));
    for (const o of restOld) {
      const distance = Math.abs(oldPos.get(o)! - newPos.get(n)!);
      if (distance > window) continue;
      if (dice(oldWords.get(o)!, nw) < WORD_OVERLAP_MIN) continue;
      const score = claimSimilarity(o.text, n.text);
      if (score >= EDIT_MATCH_MIN_SCORE) candidates.push({ o, n, score, distance });
    }
  }
  candidates.sort((a, b) => b.score - a.score || a.distance - b.distance || a.n.index - b.n.index);
  for (const { o, n, score } of candidates) {
    if (usedOld.has(o) || pairOf.has(n)) continue;
    usedOld.add(o);
    pairOf.set(n, { old: o, new: n, kind: 'edited', score });
  }
  return {
    matches: news.flatMap((n) => pairOf.get(n) ?? []),
    added: news.filter((n) => !pairOf.has(n)),
    removed: olds.filter((o) => !usedOld.has(o)),
  };
}

/** Evidence that stays with the old version because its claim is gone from the new one. */
export interface DetachedEvidence {
  /** The evidence, unchanged (it stays attached to the old version's claim). */
  evidence: Evidence;
  /** The removed claim it was attached to. */
  removedClaim: Pick<Claim, 'id' | 'index' | 'text'>;
}

/** What importing a revision does to claims and evidence. */
export interface EvidenceCarryOver {
  /** The new version's claims: matched ones take the old status and note; edited ones with evidence are marked changedSinceEvidence. */
  claims: Claim[];
  /** New evidence rows (ids from the caller) attaching the same passages to the matched new claims. */
  evidence: Evidence[];
  /** For each carried row: the old evidence id it copies. */
  carriedFrom: Record<string, string>;
  /** Evidence of removed claims, listed as detached from a removed claim. */
  detached: DetachedEvidence[];
}

/**
 * Plans how evidence follows a revision: every evidence row of a matched old claim is copied (new id from
 * `newId`) to its new claim; the old rows are left as they are, so nothing attached is lost; never throws.
 */
export function planEvidenceCarryOver(match: RevisionMatch<Claim>, oldEvidence: readonly Evidence[], newId: () => string): EvidenceCarryOver {
  const evidenceOf = new Map<string, Evidence[]>();
  for (const e of oldEvidence) evidenceOf.set(e.claimId, [...(evidenceOf.get(e.claimId) ?? []), e]);
  const updated = new Map<string, Claim>();
  const evidence: Evidence[] = [];
  const carriedFrom: Record<string, string> = {};
  for (const m of match.matches) {
    const attached = evidenceOf.get(m.old.id) ?? [];
    updated.set(m.new.id, {
      ...m.new,
      status: m.old.status,
      note: m.old.note,
      changedSinceEvidence: attached.length > 0 && (m.old.changedSinceEvidence || m.kind === 'edited'),
    });
    for (const e of attached) {
      const copy: Evidence = { ...e, id: newId(), claimId: m.new.id };
      evidence.push(copy);
      carriedFrom[copy.id] = e.id;
    }
  }
  const claims = [...match.matches.map((m) => m.new), ...match.added].sort((a, b) => a.index - b.index).map((c) => updated.get(c.id) ?? c);
  const detached = match.removed.flatMap((c) => (evidenceOf.get(c.id) ?? []).map((e) => ({ evidence: e, removedClaim: { id: c.id, index: c.index, text: c.text } })));
  return { claims, evidence, carriedFrom, detached };
}

/** The new version's references with the old version's bindings (source and CSL) for the same reference numbers; never throws. */
export function carryReferences(oldRefs: readonly Reference[], newRefs: readonly Reference[]): Reference[] {
  const bound = new Map(oldRefs.map((r) => [r.ref, r]));
  return newRefs.map((r) => {
    const old = bound.get(r.ref);
    return old ? { ...r, sourceSha256: old.sourceSha256, csl: old.csl } : r;
  });
}
