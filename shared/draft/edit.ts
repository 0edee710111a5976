// Editors' changes to claims, as pure functions: each returns the ledger payload the store records
// (shared/types/events.ts: claim.split, claim.merged, claim.marker-moved, claim.note-set) and the draft's
// claims as they are after the change, so the app can show the result before the entry is written.
import { MAX_NOTE_LENGTH } from '../ledger/limits.ts';
import type { Claim, Marker, QuotedSpan } from '../types/domain.ts';
import type { ClaimMarkerMoved, ClaimMerged, ClaimNoteSet, ClaimSplit } from '../types/events.ts';
import type { CharRange } from '../types/text.ts';
import { findMarkers, markerEnd, stripMarkers } from './markers.ts';

/** Thrown by the edit functions for an edit that cannot be made (unknown claim, bad split point, …). */
export class ClaimEditError extends Error {
  override name = 'ClaimEditError';
}

/** An edit: the payload of its ledger event and the draft's claims afterwards, in index order. */
export interface ClaimEdit<P> {
  /** The ledger event's payload. */
  payload: P;
  /** Every claim of the draft after the edit, indexes 0…n-1. */
  claims: Claim[];
}

function sorted(claims: readonly Claim[]): Claim[] {
  return [...claims].sort((a, b) => a.index - b.index);
}

function mustFind(claims: readonly Claim[], id: string): Claim {
  const claim = claims.find((c) => c.id === id);
  if (!claim) throw new ClaimEditError(`no claim ${id} in this draft`);
  return claim;
}

function insideMarker(markers: readonly Marker[], at: number): Marker | undefined {
  return markers.find((m) => m.offset < at && at < markerEnd(m));
}

/** Trims whitespace and markers from both ends of a range. */
function trimRange(text: string, markers: readonly Marker[], [start, end]: CharRange): CharRange {
  let s = start;
  let e = end;
  for (;;) {
    const before = s;
    while (s < e && /\s/.test(text[s]!)) s++;
    const m = markers.find((x) => x.offset === s && markerEnd(x) <= e);
    if (m) s = markerEnd(m);
    if (s === before) break;
  }
  for (;;) {
    const before = e;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    const m = markers.find((x) => markerEnd(x) === e && x.offset >= s);
    if (m) e = m.offset;
    if (e === before) break;
  }
  return [s, e];
}

/** The claim text of a range: markers taken out, line breaks (from merged lines) made spaces. */
function textOf(text: string, markers: readonly Marker[], [s, e]: CharRange): string {
  return stripMarkers(text, s, e, markers).replace(/[ \t]*[\r\n]+\s*/g, ' ');
}

function clipQuotes(quotes: readonly QuotedSpan[], text: string, markers: readonly Marker[], [s, e]: CharRange): QuotedSpan[] {
  const out: QuotedSpan[] = [];
  for (const q of quotes) {
    const [qs, qe] = trimRange(text, markers, [Math.max(s, q.range[0]), Math.min(e, q.range[1])]);
    if (qe > qs) out.push({ text: textOf(text, markers, [qs, qe]).trim(), range: [qs, qe] });
  }
  return out;
}

function reindex(claims: Claim[]): Claim[] {
  return claims.map((c, index) => (c.index === index ? c : { ...c, index }));
}

/**
 * Splits a claim at a draft offset into two consecutive claims; the first keeps the id, the second gets
 * `newId()`. Markers before the second part's first word stay with the first. The part named by
 * `evidenceTo` keeps the status, note and evidence; the other starts unreviewed. Throws ClaimEditError
 * when the claim is unknown or the offset leaves either part without words or falls inside a marker.
 */
export function splitClaim(draftText: string, claims: readonly Claim[], claimId: string, at: number, newId: () => string, evidenceTo: 'first' | 'second' = 'first'): ClaimEdit<ClaimSplit['payload']> {
  const all = sorted(claims);
  const old = mustFind(all, claimId);
  const markers = findMarkers(draftText);
  const [s, e] = old.range;
  if (!(at > s && at < e)) throw new ClaimEditError(`offset ${at} is not inside claim ${old.index + 1} (${s}–${e})`);
  const cut = insideMarker(markers, at);
  if (cut) throw new ClaimEditError(`offset ${at} is inside the marker ${cut.raw}`);
  const left = trimRange(draftText, markers, [s, at]);
  const right = trimRange(draftText, markers, [at, e]);
  const hasWord = (r: CharRange): boolean => /[\p{L}\p{N}]/u.test(stripMarkers(draftText, r[0], r[1], markers));
  if (!hasWord(left) || !hasWord(right)) throw new ClaimEditError(`splitting claim ${old.index + 1} at ${at} would leave a part without words`);
  const keepFirst = evidenceTo === 'first';
  const part = (id: string, index: number, range: CharRange, own: Marker[], keeps: boolean): Claim => ({
    ...old,
    id,
    index,
    text: textOf(draftText, markers, range),
    range,
    markers: own,
    quotes: clipQuotes(old.quotes, draftText, markers, range),
    status: keeps ? old.status : 'unreviewed',
    note: keeps ? old.note : '',
    changedSinceEvidence: keeps ? old.changedSinceEvidence : false,
  });
  const first = part(old.id, old.index, left, old.markers.filter((m) => m.offset < right[0]), keepFirst);
  const second = part(newId(), old.index + 1, right, old.markers.filter((m) => m.offset >= right[0]), !keepFirst);
  if (second.id === first.id || all.some((c) => c.id === second.id)) throw new ClaimEditError(`the new claim id ${second.id} is already used`);
  const after = reindex(all.flatMap((c) => (c.id === old.id ? [first, second] : [c])));
  return { payload: { claimId: old.id, claims: [first, second], evidenceTo: keepFirst ? first.id : second.id }, claims: after };
}

/**
 * Merges consecutive claims (in index order) into the first, which keeps its id and gets all markers,
 * quotations and evidence; notes are joined and the status kept only when all agree. Throws
 * ClaimEditError for fewer than two claims, unknown ids, or claims that are not consecutive.
 */
export function mergeClaims(draftText: string, claims: readonly Claim[], claimIds: readonly string[]): ClaimEdit<ClaimMerged['payload']> {
  if (claimIds.length < 2) throw new ClaimEditError('merging needs at least two claims');
  const all = sorted(claims);
  const olds = claimIds.map((id) => mustFind(all, id)).sort((a, b) => a.index - b.index);
  for (let i = 1; i < olds.length; i++) {
    if (olds[i]!.index !== olds[0]!.index + i) throw new ClaimEditError(`claims ${olds[0]!.index + 1}–${olds.at(-1)!.index + 1} are not consecutive`);
  }
  const first = olds[0]!;
  const markers = findMarkers(draftText);
  const range: CharRange = [first.range[0], olds.at(-1)!.range[1]];
  const statuses = new Set(olds.map((c) => c.status));
  const merged: Claim = {
    ...first,
    text: textOf(draftText, markers, range),
    range,
    markers: olds.flatMap((c) => c.markers).sort((a, b) => a.offset - b.offset),
    quotes: olds.flatMap((c) => c.quotes),
    status: statuses.size === 1 ? first.status : 'unreviewed',
    note: olds.map((c) => c.note.trim()).filter(Boolean).join('\n\n').slice(0, MAX_NOTE_LENGTH),
    changedSinceEvidence: olds.some((c) => c.changedSinceEvidence),
  };
  const removed = new Set(olds.slice(1).map((c) => c.id));
  const after = reindex(all.filter((c) => !removed.has(c.id)).map((c) => (c.id === first.id ? merged : c)));
  return { payload: { claimIds: olds.map((c) => c.id), claim: merged }, claims: after };
}

/** Moves the marker at `offset` from one claim to another; throws ClaimEditError when either claim or the marker is missing. */
export function moveMarker(claims: readonly Claim[], fromClaimId: string, offset: number, toClaimId: string): ClaimEdit<ClaimMarkerMoved['payload']> {
  if (fromClaimId === toClaimId) throw new ClaimEditError('the marker is already on that claim');
  const all = sorted(claims);
  const from = mustFind(all, fromClaimId);
  const to = mustFind(all, toClaimId);
  const marker = from.markers.find((m) => m.offset === offset);
  if (!marker) throw new ClaimEditError(`claim ${from.index + 1} has no marker at offset ${offset}`);
  const after = all.map((c) => {
    if (c.id === from.id) return { ...c, markers: c.markers.filter((m) => m !== marker) };
    if (c.id === to.id) return { ...c, markers: [...c.markers, marker].sort((a, b) => a.offset - b.offset) };
    return c;
  });
  return { payload: { fromClaimId, toClaimId, offset }, claims: after };
}

/** Sets a claim's note; throws ClaimEditError for an unknown claim or a note over MAX_NOTE_LENGTH characters. */
export function setClaimNote(claims: readonly Claim[], claimId: string, note: string): ClaimEdit<ClaimNoteSet['payload']> {
  if (note.length > MAX_NOTE_LENGTH) throw new ClaimEditError(`the note has ${note.length} characters; the limit is ${MAX_NOTE_LENGTH}`);
  const all = sorted(claims);
  const claim = mustFind(all, claimId);
  return { payload: { claimId, from: claim.note, to: note }, claims: all.map((c) => (c.id === claimId ? { ...c, note } : c)) };
}
