import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { Passage, Source } from '../../../shared/types/domain.ts';
import type { PassageDraft } from '../app/actions.ts';
import { PdfViewer, type ScrollTarget } from '../pdf/PdfViewer.tsx';
import { usePdfDocument } from '../pdf/usePdfDocument.ts';
import type { DeskDb } from '../store/db.ts';
import { TranscriptViewer } from '../transcript/TranscriptViewer.tsx';

/** Props of the source view. */
export interface SourceViewProps {
  /** The workspace. */
  db: DeskDb;
  /** The source to show (a PDF or a transcript). */
  source: Source;
  /** Passages of this source. */
  passages: Passage[];
  /** The passage shown selected. */
  selectedPassageId: string | null;
  /** A new highlight. */
  onSelection(draft: PassageDraft): void;
  /** A painted passage was clicked. */
  onPassageClick(id: string): void;
  /** Where to scroll, when it changes. */
  scrollTo: { passageId: string | null; offset: number; page: number | null } | null;
  /** Asks the user for a recording to attach to a transcript. */
  onAttachRecording?: () => void;
}

function useFileBytes(db: DeskDb, sha256: string | null): Uint8Array | null {
  const [bytes, setBytes] = useState<Uint8Array | null>(null);
  useEffect(() => {
    let live = true;
    setBytes(null);
    if (!sha256) return;
    void db.files.get(sha256).then(async (row) => {
      if (!row || !live) return;
      const data = new Uint8Array(await row.blob.arrayBuffer());
      if (live) setBytes(data);
    });
    return () => {
      live = false;
    };
  }, [db, sha256]);
  return bytes;
}

function useBlobUrl(db: DeskDb, sha256: string | null, mediaType: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    setUrl(null);
    if (!sha256) return;
    void db.files.get(sha256).then((row) => {
      if (!row || !live) return;
      made = URL.createObjectURL(row.blob.type ? row.blob : new Blob([row.blob], { type: mediaType }));
      setUrl(made);
    });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [db, sha256, mediaType]);
  return url;
}

function PdfSource({ db, source, passages, selectedPassageId, onSelection, onPassageClick, scrollTo }: SourceViewProps) {
  const bytes = useFileBytes(db, source.sha256);
  const text = useLiveQuery(() => db.sourceTexts.get(source.sha256), [db, source.sha256]);
  const [password, setPassword] = useState<string | undefined>(undefined);
  const [typed, setTyped] = useState('');
  const state = usePdfDocument(bytes, source.fileName, password);
  const target = useMemo<ScrollTarget | null>(
    () => (scrollTo ? (scrollTo.passageId ? { passageId: scrollTo.passageId } : { page: scrollTo.page ?? 0 }) : null),
    [scrollTo],
  );
  if (!bytes || text === undefined || state.status === 'loading') return <p className="muted" role="status">Opening {source.fileName}…</p>;
  if (text === null || text === undefined) return <p className="error">The extracted text of {source.fileName} is missing from the workspace.</p>;
  if (state.status === 'password') {
    return (
      <form
        className="password-prompt"
        aria-label={`Password for ${source.fileName}`}
        onSubmit={(e) => {
          e.preventDefault();
          setPassword(typed);
        }}
      >
        <p>{state.reason === 'incorrect' ? 'That password is not right.' : `${source.fileName} is encrypted.`} Enter its password to view it.</p>
        <input type="password" aria-label="PDF password" value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus /> <button type="submit">Open</button>
      </form>
    );
  }
  if (state.status === 'error') return <p className="error" role="alert">{state.message}</p>;
  return (
    <PdfViewer
      pdf={state.pdf}
      sourceText={text}
      passages={passages}
      selectedPassageId={selectedPassageId}
      onHighlight={(d) => onSelection({ sourceSha256: source.sha256, selectors: d.selectors, rects: d.rects, speakers: [] })}
      onPassageClick={onPassageClick}
      scrollTo={target}
      label={source.title}
    />
  );
}

function TranscriptSource({ db, source, passages, selectedPassageId, onSelection, onPassageClick, scrollTo, onAttachRecording }: SourceViewProps) {
  const text = useLiveQuery(() => db.sourceTexts.get(source.sha256), [db, source.sha256]);
  const recording = useLiveQuery(() => (source.recordingSha256 ? db.sources.get(source.recordingSha256) : undefined), [db, source.recordingSha256]);
  const mediaUrl = useBlobUrl(db, recording?.sha256 ?? null, recording?.mediaType ?? 'audio/wav');
  const target = useMemo(() => (scrollTo ? { offset: scrollTo.offset } : null), [scrollTo]);
  if (text === undefined) return <p className="muted" role="status">Opening {source.fileName}…</p>;
  if (text === null) return <p className="error">The transcript text of {source.fileName} is missing from the workspace.</p>;
  return (
    <TranscriptViewer
      sourceText={text}
      mediaUrl={mediaUrl}
      mediaKind={recording?.mediaType.startsWith('video/') ? 'video' : 'audio'}
      passages={passages}
      selectedPassageId={selectedPassageId}
      onCreateSelection={(sel) => onSelection({ sourceSha256: source.sha256, selectors: sel.selectors, rects: [], speakers: sel.speakers })}
      onPassageClick={onPassageClick}
      scrollTo={target}
      {...(onAttachRecording ? { onAttachRecording } : {})}
    />
  );
}

/** The middle pane's viewer for one source: the PDF viewer or the transcript viewer with its recording. */
export function SourceView(props: SourceViewProps) {
  if (props.source.kind === 'pdf') return <PdfSource key={props.source.sha256} {...props} />;
  if (props.source.kind === 'transcript') return <TranscriptSource key={props.source.sha256} {...props} />;
  return <p className="muted">Recordings play with their transcript: open the transcript and attach this recording to it.</p>;
}
