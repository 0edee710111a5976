import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LedgerEventType } from '../../../shared/types/events.ts';
import type { DeskDb } from '../store/db.ts';
import { listActors, listTypes, type EntryFilter } from '../store/queries.ts';
import { lastVerification, type WorkspaceProgress } from '../store/verify.ts';
import { useLedgerPages } from './use-ledger-pages.ts';
import { VerificationIndicator, VerificationProgress, VerificationResult } from './VerificationResult.tsx';
import './ledger.css';

/** Estimated height of one ledger row (px). */
export const LEDGER_ROW_PX = 44;

/** Props of the ledger panel. */
export interface LedgerPanelProps {
  /** The open workspace (read only: the panel lists its ledger and its last verification). */
  db: DeskDb;
  /** Starts verification. */
  onVerify(): void;
  /** Progress of a running verification (as verifyWorkspace reports it), or null when none runs. */
  progress: WorkspaceProgress | null;
  /** Makes a signed checkpoint now. */
  onCheckpoint(): void;
}

/** The workspace's ledger, newest first, read a page at a time as the list scrolls (virtualized, filter by type and actor, live as entries are appended), with Verify, its progress and what the last verification checked. */
export function LedgerPanel({ db, onVerify, progress, onCheckpoint }: LedgerPanelProps) {
  const [type, setType] = useState<'all' | LedgerEventType>('all');
  const [actor, setActor] = useState('all');
  const types = useLiveQuery(() => listTypes(db), [db]) ?? [];
  const actors = useLiveQuery(() => listActors(db), [db]) ?? [];
  const record = useLiveQuery(() => lastVerification(db), [db]);
  const filter = useMemo<EntryFilter>(() => ({ ...(type === 'all' ? {} : { types: [type] }), ...(actor === 'all' ? {} : { actor }) }), [type, actor]);
  const pages = useLedgerPages(db, filter);
  const total = pages.total ?? 0;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LEDGER_ROW_PX,
    overscan: 10,
    initialRect: { width: 600, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  const { request } = pages;
  // Another filter lists other entries: start again from the newest.
  useEffect(() => {
    scrollRef.current?.scrollTo?.({ top: 0 });
  }, [filter]);
  useEffect(() => {
    if (last >= first) request(first, last + 1);
  }, [first, last, request]);

  // A filter value no entry has any more (the ledger was replaced) stays listed, so the menu shows what is chosen.
  const typeOptions = type === 'all' || types.includes(type) ? types : [...types, type].sort();
  const actorOptions = actor === 'all' || actors.includes(actor) ? actors : [...actors, actor].sort();

  return (
    <div className="ledger-view">
      <div className="ledger-actions">
        <button type="button" className="primary" onClick={onVerify} disabled={progress !== null}>
          Verify workspace
        </button>
        <button type="button" onClick={onCheckpoint} disabled={progress !== null}>
          Make checkpoint
        </button>
        {progress !== null && <VerificationProgress progress={progress} />}
        <VerificationIndicator record={record} />
      </div>
      {record && <VerificationResult record={record} />}
      <div className="ledger-filters" role="group" aria-label="Filter ledger">
        <select aria-label="Filter by type" value={type} onChange={(e) => setType(e.target.value as 'all' | LedgerEventType)}>
          <option value="all">All types</option>
          {typeOptions.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <select aria-label="Filter by actor" value={actor} onChange={(e) => setActor(e.target.value)}>
          <option value="all">All actors</option>
          {actorOptions.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
        <span className="muted" role="status" aria-label="Matching entries">
          {pages.total === null ? 'Counting…' : `${total} ${total === 1 ? 'entry' : 'entries'}`}
        </span>
      </div>
      {pages.error !== null && (
        <p role="alert" className="error">
          Could not read the ledger: {pages.error}
        </p>
      )}
      {/* Focusable so the keyboard scrolls it (arrows, Page Up/Down, Home/End); scrolling reads the rows it reaches. */}
      <div ref={scrollRef} className="ledger-scroll" role="list" aria-label="Ledger entries" tabIndex={0}>
        <div className="claims-sizer" ref={(el) => el?.style.setProperty('height', `${virtualizer.getTotalSize()}px`)}>
          {items.map((v) => {
            const r = pages.rowAt(v.index);
            const place = (el: HTMLDivElement | null) => {
              if (!el) return;
              el.style.transform = `translateY(${v.start}px)`;
              virtualizer.measureElement(el);
            };
            if (r === undefined) {
              return (
                <div key={`pending-${v.index}`} role="listitem" className="ledger-row" aria-busy="true" data-index={v.index} ref={place}>
                  <span className="muted">Reading entry…</span>
                </div>
              );
            }
            return (
              <div key={r.seq} role="listitem" className="ledger-row" data-index={v.index} ref={place}>
                <span className="ledger-seq">#{r.seq}</span>
                <span className="ledger-type">{r.type}</span>
                <span className="ledger-summary">{r.summary}</span>
                <span className="muted">
                  {r.actor} · <time dateTime={r.time}>{new Date(r.time).toLocaleString()}</time>
                </span>
                <code className="ledger-hash" title={r.leaf}>
                  {r.leaf.slice(0, 16)}
                </code>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
