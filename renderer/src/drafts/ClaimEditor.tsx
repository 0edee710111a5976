import { useMemo, useState } from 'react';
import { ClaimEditError, splitClaim } from '../../../shared/draft/edit.ts';
import { findMarkers, markerEnd, stripMarkers } from '../../../shared/draft/markers.ts';
import { MAX_NOTE_LENGTH } from '../../../shared/ledger/limits.ts';
import type { Claim, Marker } from '../../../shared/types/domain.ts';
import type { DeskDb } from '../store/db.ts';
import { mergeWithNext, moveMarkerTo, setNote, splitClaimAt } from './draft-actions.ts';

/** Words of context shown on each side of a split point. */
export const SPLIT_CONTEXT_WORDS = 3;

/** A place a claim can be split: before a word of its sentence. */
export interface SplitPoint {
  /** Offset in the draft text where the second part would start. */
  offset: number;
  /** The words on either side, for people: `…the court ruled | that the…`. */
  label: string;
}

const WORD = /[\p{L}\p{N}]/u;
/** Characters read on each side of a split point for its label (enough for SPLIT_CONTEXT_WORDS words). */
const CONTEXT_CHARS = 160;

/** The offsets before each word of a claim (except the first) where a split leaves words on both sides and cuts no marker; never throws. */
export function splitPointsOf(draftText: string, claim: Pick<Claim, 'range'>, markers: readonly Marker[]): SplitPoint[] {
  const [s, e] = claim.range;
  const inside = markers.filter((m) => m.offset < e && markerEnd(m) > s);
  const markerAt = (i: number): Marker | undefined => inside.find((m) => m.offset <= i && i < markerEnd(m));
  const inMarker = (i: number): boolean => markerAt(i) !== undefined;
  // The first and last word characters outside markers: a split point must lie after the one, at or before the other.
  let first = -1;
  let last = -1;
  for (let i = s; i < e; i++) {
    if (!WORD.test(draftText[i]!) || inMarker(i)) continue;
    if (first < 0) first = i;
    last = i;
  }
  const points: SplitPoint[] = [];
  for (let i = first + 1; first >= 0 && i <= last; i++) {
    if (!/\s/.test(draftText[i - 1]!) || /\s/.test(draftText[i]!) || inMarker(i)) continue;
    // Context windows never start or end inside a marker, so no half marker shows in a label.
    const from = Math.max(s, i - CONTEXT_CHARS);
    const to = Math.min(e, i + CONTEXT_CHARS);
    const before = stripMarkers(draftText, markerAt(from) ? markerEnd(markerAt(from)!) : from, i, inside).replace(/\s+/g, ' ').trim();
    const after = stripMarkers(draftText, i, markerAt(to) ? markerAt(to)!.offset : to, inside).replace(/\s+/g, ' ').trim();
    const left = before.split(' ').slice(-SPLIT_CONTEXT_WORDS).join(' ');
    const right = after.split(' ').slice(0, SPLIT_CONTEXT_WORDS).join(' ');
    points.push({ offset: i, label: `…${left} | ${right}…` });
  }
  return points;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Props of the claim editor. */
export interface ClaimEditorProps {
  /** The workspace database (written only through the draft actions). */
  db: DeskDb;
  /** Who makes the changes (the ledger entries' actor). */
  actor: string;
  /** The selected claim. */
  claim: Claim;
  /** The text of the claim's draft. */
  draftText: string;
  /** Every claim of the claim's draft, in any order. */
  claims: readonly Claim[];
  /** When given, a button offers to import a new version of the claim's draft. */
  onImportRevision?(draftId: string): void;
}

/** Edits the selected claim: its note, splitting it, merging it with the next claim, moving its markers; each change one ledger entry. */
export function ClaimEditor({ db, actor, claim, draftText, claims, onImportRevision }: ClaimEditorProps) {
  const [tracked, setTracked] = useState({ id: claim.id, note: claim.note, range: claim.range });
  const [note, setNoteText] = useState(claim.note);
  const [splitAt, setSplitAt] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // A different claim, or this one changed by an edit: start again from what is stored.
  if (tracked.id !== claim.id || tracked.note !== claim.note || tracked.range[0] !== claim.range[0] || tracked.range[1] !== claim.range[1]) {
    if (tracked.id !== claim.id) {
      setError(null);
      setDone(null);
    }
    setTracked({ id: claim.id, note: claim.note, range: claim.range });
    setNoteText(claim.note);
    setSplitAt(null);
  }

  const sorted = useMemo(() => [...claims].sort((a, b) => a.index - b.index), [claims]);
  const previous = sorted.find((c) => c.index === claim.index - 1) ?? null;
  const next = sorted.find((c) => c.index === claim.index + 1) ?? null;
  const markers = useMemo(() => findMarkers(draftText), [draftText]);
  const points = useMemo(() => splitPointsOf(draftText, claim, markers), [draftText, claim, markers]);
  const chosen = points.find((p) => p.offset === splitAt) ?? null;
  const preview = useMemo(() => {
    if (chosen === null) return null;
    try {
      const [first, second] = splitClaim(draftText, sorted, claim.id, chosen.offset, () => `${claim.id}:preview`).payload.claims;
      return { ok: true as const, first: first!.text, second: second!.text };
    } catch (e: unknown) {
      if (e instanceof ClaimEditError) return { ok: false as const, error: e.message };
      throw e;
    }
  }, [chosen, draftText, sorted, claim.id]);

  const act = async (what: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await what());
    } catch (e: unknown) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const saveNote = () => {
    if (note === claim.note || busy) return;
    void act(async () => {
      await setNote(db, actor, claim.id, note);
      return 'Note saved.';
    });
  };
  const n = claim.index + 1;

  return (
    <section className="claim-editor" aria-label={`Edit claim ${n}`}>
      <h3>Edit claim {n}</h3>

      <form
        aria-label="Edit note"
        onSubmit={(e) => {
          e.preventDefault();
          saveNote();
        }}
      >
        <label className="block">
          Note{' '}
          <textarea
            aria-label="Claim note"
            aria-keyshortcuts="Control+Enter Meta+Enter"
            rows={3}
            maxLength={MAX_NOTE_LENGTH}
            value={note}
            onChange={(e) => setNoteText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                saveNote();
              }
            }}
          />
        </label>
        <button type="submit" disabled={busy || note === claim.note}>
          Save note
        </button>{' '}
        <span className="muted">Ctrl+Enter saves.</span>
      </form>

      <form
        aria-label="Split claim"
        onSubmit={(e) => {
          e.preventDefault();
          if (chosen === null || busy) return;
          void act(async () => {
            await splitClaimAt(db, actor, claim.id, chosen.offset);
            return `Split into claims ${n} and ${n + 1}.`;
          });
        }}
      >
        {points.length === 0 ? (
          <p className="muted">This claim has a single word and cannot be split.</p>
        ) : (
          <>
            <label className="block">
              Split before{' '}
              <select aria-label="Split point" value={splitAt ?? ''} onChange={(e) => setSplitAt(e.target.value === '' ? null : Number(e.target.value))}>
                <option value="">Choose where the second claim starts…</option>
                {points.map((p, i) => (
                  <option key={p.offset} value={p.offset}>
                    {`word ${i + 2}: ${p.label}`}
                  </option>
                ))}
              </select>
            </label>
            {preview?.ok === true && (
              <ol className="split-preview" aria-label="Split preview" start={n}>
                <li>{preview.first}</li>
                <li>{preview.second}</li>
              </ol>
            )}
            {preview?.ok === false && <p className="error">{preview.error}</p>}
            <button type="submit" disabled={busy || preview?.ok !== true}>
              Split claim
            </button>
          </>
        )}
      </form>

      <div className="merge">
        {next ? (
          <p className="muted" aria-label="Next claim">
            Next: {next.text}
          </p>
        ) : (
          <p className="muted">This is the last claim of its draft.</p>
        )}
        <button
          type="button"
          disabled={busy || next === null}
          onClick={() =>
            void act(async () => {
              await mergeWithNext(db, actor, claim.id);
              return `Merged claims ${n} and ${n + 1}.`;
            })
          }
        >
          Merge with next claim
        </button>
      </div>

      {claim.markers.length > 0 && (
        <ul className="marker-moves" aria-label="Markers">
          {claim.markers.map((m) => (
            <li key={m.offset}>
              <code>{m.raw}</code>{' '}
              <button
                type="button"
                disabled={busy || previous === null}
                aria-label={`Move ${m.raw} to the previous claim`}
                onClick={() =>
                  previous &&
                  void act(async () => {
                    await moveMarkerTo(db, actor, claim.id, m.offset, previous.id);
                    return `Moved ${m.raw} to claim ${previous.index + 1}.`;
                  })
                }
              >
                ← Previous claim
              </button>{' '}
              <button
                type="button"
                disabled={busy || next === null}
                aria-label={`Move ${m.raw} to the next claim`}
                onClick={() =>
                  next &&
                  void act(async () => {
                    await moveMarkerTo(db, actor, claim.id, m.offset, next.id);
                    return `Moved ${m.raw} to claim ${next.index + 1}.`;
                  })
                }
              >
                Next claim →
              </button>
            </li>
          ))}
        </ul>
      )}

      {onImportRevision && (
        <button type="button" onClick={() => onImportRevision(claim.draftId)}>
          Import a new version of this draft…
        </button>
      )}

      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {done && (
        <p role="status" className="muted">
          {done}
        </p>
      )}
    </section>
  );
}
