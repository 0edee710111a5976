import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { auditClaim } from '../../../shared/draft/audit.ts';
import { fromEntryLine } from '../../../shared/ledger/entry.ts';
import { formatTimeRange } from '../../../shared/transcript/index.ts';
import type { Claim, ClaimStatus, EvidenceRelation, Passage, Source } from '../../../shared/types/domain.ts';
import type { CharRange, SourceText } from '../../../shared/types/text.ts';
import { ClaimsList, type ClaimListItem } from '../claims/ClaimsList.tsx';
import { ClaimsSummary } from '../claims/ClaimsSummary.tsx';
import { PassageList } from '../pdf/PassageList.tsx';
import { hasRealPageLabels } from '../../../shared/check/page-check.ts';
import { DraftImportDialog, type DraftConverters, type DraftInput } from '../drafts/DraftImportDialog.tsx';
import { EvidencePane, RELATION_UI, shorten, type EvidenceView, type PendingPassage, type StatusChange } from '../evidence/EvidencePane.tsx';
import type { Host } from '../host/host.ts';
import { docxToDraftText } from '../import/docx.ts';
import { htmlToDraftText } from '../import/html.ts';
import { LedgerPanel } from '../ledger/LedgerPanel.tsx';
import { VERIFY_STARTED } from '../ledger/verify-progress.ts';
import { deskKeyAction, focusPane, openSourceFind } from './desk-keys.ts';
import { claimLineage } from '../claims/lineage.ts';
import { ReplacementReportDialog } from '../sources/ReplacementReportDialog.tsx';
import { passageRange } from '../pdf/passage-ranges.ts';
import type { ReplacementReport } from '../../../shared/anchor/replace.ts';
import { MAX_PAGE_OFFSET } from '../../../shared/ledger/limits.ts';
import { SourcesPanel, type ImportJob } from '../sources/SourcesPanel.tsx';
import { SourceView } from '../sources/SourceView.tsx';
import { digestHex, prepareSource } from '../sources/prepare-source.ts';
import { makeCheckpoint } from '../store/checkpoints.ts';
import type { DeskDb } from '../store/db.ts';
import { verifyWorkspace, type WorkspaceProgress } from '../store/verify.ts';
import { addSource, attachEvidence, attachRecording, bindReference, createPassage, deletePassage, replaceSource, setPageOffset, detachEvidence, importDraft, newId, setClaimStatus, type PassageDraft } from './actions.ts';
import { ReferencesDialog, type ReferenceSuggestion } from '../references/ReferencesDialog.tsx';
import { matchReferences, type MatchReason } from '../../../shared/references/match.ts';
import { cslForReference, parseCslJson, type CslItem } from '../../../shared/references/csl.ts';
import { parseBibtex } from '../../../shared/references/bibtex.ts';
import { decodeTextFile } from '../drafts/DraftImportDialog.tsx';
import { PaneLayout } from './PaneLayout.tsx';
import { PdfPasswordError } from '../pdf/pdfjs.ts';
import { createSelectors } from '../../../shared/anchor/selectors.ts';
import { problemsOf, useChecks } from '../check/use-checks.ts';
import { QuoteCheckPanel } from '../check/QuoteCheckPanel.tsx';
import { SearchPanel } from '../search/SearchPanel.tsx';
import { ExportDialog } from '../packet/ExportDialog.tsx';
import { ReadOnlyBanner } from '../packet/ReadOnlyBanner.tsx';
import { BackupsDialog } from '../backup/BackupsDialog.tsx';
import type { BackupStore } from '../backup/backup-store.ts';
import type { RegistryDb } from '../store/workspaces.ts';
import { ClaimEditor } from '../drafts/ClaimEditor.tsx';
import { RevisionReport } from '../drafts/RevisionReport.tsx';
import { reviseDraft, type RevisionReport as RevisionReportData } from '../drafts/revise.ts';
import { draftFilterOptions, draftsShown, effectiveDraftFilter, type DraftFilter } from '../claims/draft-filter.ts';
import { useSearch, workspaceIdOf } from '../search/use-search.ts';

/** Converters the draft import dialog uses: mammoth for .docx, DOMParser for HTML. */
export const DRAFT_CONVERTERS: DraftConverters = {
  async docx(bytes, fileName) {
    const r = await docxToDraftText(bytes.slice().buffer, fileName);
    return r.ok ? { ok: true, value: r.value.text } : r;
  },
  html(html) {
    const r = htmlToDraftText(html);
    return r.ok ? { ok: true, value: r.value.text } : r;
  },
};

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Location of a passage for people: `p. 218` (page label) or a time range. */
export function locationOf(passage: Pick<Passage, 'selectors'>, text: SourceText | undefined): string {
  const frag = passage.selectors.fragment.value;
  const page = /^page=(\d+)$/.exec(frag);
  if (page) {
    const index = Number(page[1]) - 1;
    const unit = text?.units.find((u) => u.kind === 'page' && u.index === index);
    return `p. ${unit && unit.kind === 'page' ? unit.label : page[1]}`;
  }
  const t = /^t=([\d.]+),([\d.]+)$/.exec(frag);
  if (t) return formatTimeRange([Number(t[1]), Number(t[2])]);
  return frag;
}

/** Props of the desk. */
export interface DeskProps {
  /** The open workspace. */
  db: DeskDb;
  /** The platform door. */
  host: Host;
  /** Who works (on every ledger entry). */
  actor: string;
  /** The workspace's name. */
  workspaceName: string;
  /** The workspace registry (restores open other workspaces). */
  registry: RegistryDb;
  /** Where backups are kept. */
  backupStore: BackupStore;
  /** Back to the workspace list. */
  onClose(): void;
  /** Opens the shortcut sheet. */
  onShortcuts(): void;
  /** Opens another workspace (after a restore as a new one). */
  onOpenWorkspace(id: string): void;
}

/** The workspace window: toolbar, claims, source viewer (or ledger) and evidence, all live on the store. */
export function Desk({ db, host, actor, workspaceName, registry, backupStore, onClose, onShortcuts, onOpenWorkspace }: DeskProps) {
  // Drafts in the order they were imported (their ids are random).
  const drafts = useLiveQuery(() => db.drafts.toArray().then((ds) => ds.sort((a, b) => a.importedAt.localeCompare(b.importedAt))), [db]) ?? [];
  const claims = useLiveQuery(() => db.claims.toArray(), [db]) ?? [];
  const sources = useLiveQuery(() => db.sources.toArray(), [db]) ?? [];
  const passages = useLiveQuery(() => db.passages.toArray(), [db]) ?? [];
  const evidence = useLiveQuery(() => db.evidence.toArray(), [db]) ?? [];
  const references = useLiveQuery(() => db.references.toArray(), [db]) ?? [];

  const [selectedClaimId, setSelectedClaimId] = useState<string | null>(null);
  const [openSha, setOpenSha] = useState<string | null>(null);
  const [selectedPassageId, setSelectedPassageId] = useState<string | null>(null);
  const [pendingDraft, setPendingDraft] = useState<PassageDraft | null>(null);
  const [scrollTo, setScrollTo] = useState<{ passageId: string | null; offset: number; page: number | null } | null>(null);
  const [middle, setMiddle] = useState<'source' | 'ledger'>('source');
  const [showDraftImport, setShowDraftImport] = useState(false);
  const [showReferences, setShowReferences] = useState(false);
  const [showExport, setShowExport] = useState(false);
  const [showBackups, setShowBackups] = useState(false);
  const [refItems, setRefItems] = useState<CslItem[]>([]);
  const [jobs, setJobs] = useState<ImportJob[]>([]);
  const [controllers] = useState(() => new Map<string, AbortController>());
  const [pendingFiles] = useState(() => new Map<string, import('../host/host.ts').PickedFile>());
  // Import jobs that bring a new version of a source (job id → the replaced source's SHA-256).
  const [replacing] = useState(() => new Map<string, string>());
  const [notice, setNotice] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [progress, setProgress] = useState<WorkspaceProgress | null>(null);

  const draftOrder = useMemo(() => new Map(drafts.map((d, i) => [d.id, i])), [drafts]);
  const sortedClaims = useMemo(
    () => [...claims].sort((a, b) => (draftOrder.get(a.draftId) ?? 0) - (draftOrder.get(b.draftId) ?? 0) || a.index - b.index),
    [claims, draftOrder],
  );
  const evidenceCount = useMemo(() => {
    const m = new Map<string, number>();
    for (const e of evidence) m.set(e.claimId, (m.get(e.claimId) ?? 0) + 1);
    return m;
  }, [evidence]);
  const checks = useChecks(db, claims, sources, evidence, passages, references);
  // Which drafts' claims the list shows: by default the current versions (a revision's claims otherwise sit
  // beside the original's), or all, or one draft.
  const [draftFilter, setDraftFilter] = useState<DraftFilter>('current');
  const shownDrafts = useMemo(() => draftsShown(draftFilter, drafts), [draftFilter, drafts]);
  const shownDraftIds = useMemo(() => new Set(shownDrafts.map((d) => d.id)), [shownDrafts]);
  const search = useSearch(db, workspaceIdOf(db), sources);
  const items: ClaimListItem[] = useMemo(
    () =>
      sortedClaims
        .filter((claim) => shownDraftIds.has(claim.draftId))
        .map((claim) => ({
        claim,
        findings: auditClaim(claim).findings,
        evidenceCount: evidenceCount.get(claim.id) ?? 0,
        problems: problemsOf(checks.byClaim.get(claim.id)),
      })),
    [sortedClaims, evidenceCount, checks.byClaim, shownDraftIds],
  );
  const suggestions: ReferenceSuggestion[] = useMemo(() => {
    if (!showReferences) return [];
    const out: ReferenceSuggestion[] = [];
    const candidates = sources.filter((s) => s.kind !== 'recording');
    const reasonText = (r: MatchReason) =>
      r.kind === 'doi' ? `DOI ${r.doi}` : r.kind === 'title' ? `title ${Math.round(r.similarity * 100)}%` : r.kind === 'file-number' ? `file name ${r.fileName}` : `${r.author} ${r.year}`;
    for (const d of drafts) {
      const refs = references.filter((r) => r.draftId === d.id);
      for (const p of matchReferences(refs.map((r) => r.ref), refItems, candidates, [...checks.texts.values()])) {
        const best = p.proposals[0];
        const ref = refs.find((r) => r.ref === p.ref);
        if (best && ref) out.push({ referenceId: ref.id, sourceSha256: best.sha256, reason: best.reasons.map(reasonText).join(', '), csl: cslForReference(p.item) });
      }
    }
    return out;
  }, [showReferences, sources, drafts, references, refItems, checks.texts]);

  const claim: Claim | null = useMemo(() => claims.find((c) => c.id === selectedClaimId) ?? null, [claims, selectedClaimId]);
  const [reviseOf, setReviseOf] = useState<string | null>(null);
  const [revisionReport, setRevisionReport] = useState<RevisionReportData | null>(null);
  const [replacement, setReplacement] = useState<{ oldTitle: string; newName: string; report: ReplacementReport } | null>(null);
  const claimDraft = useMemo(() => (claim ? (drafts.find((d) => d.id === claim.draftId) ?? null) : null), [claim, drafts]);
  const draftClaims = useMemo(() => (claim ? claims.filter((c) => c.draftId === claim.draftId) : []), [claim, claims]);
  const openSource: Source | null = useMemo(() => sources.find((s) => s.sha256 === openSha) ?? null, [sources, openSha]);
  const sourceByHash = useMemo(() => new Map(sources.map((s) => [s.sha256, s])), [sources]);
  const openText = openSha ? checks.texts.get(openSha) : undefined;
  const openPassages = useMemo(() => passages.filter((p) => p.sourceSha256 === openSha), [passages, openSha]);
  // The passage list of a source also shows, as orphaned, the passages left on its earlier versions (not
  // found when it replaced them); choosing one opens the old version at it.
  const listedPassages = useMemo(() => {
    const older = new Set<string>();
    for (let s = openSha ? sourceByHash.get(openSha) : undefined; s?.replaces && !older.has(s.replaces); s = sourceByHash.get(s.replaces)) older.add(s.replaces);
    const orphans = passages.filter((p) => older.has(p.sourceSha256));
    const ranges = new Map<string, CharRange | null>(orphans.map((p) => [p.id, null]));
    if (openText) for (const p of openPassages) ranges.set(p.id, passageRange(p, openText.text));
    return { passages: [...openPassages, ...orphans], ranges };
  }, [passages, openPassages, openSha, sourceByHash, openText]);
  const noTextPages = useMemo(() => (openText ? openText.units.flatMap((u) => (u.kind === 'page' && u.noText ? [u.label] : [])) : []), [openText]);
  const passageById = useMemo(() => new Map(passages.map((p) => [p.id, p])), [passages]);

  // The texts of the sources the selected claim's evidence is in, for page labels.
  const claimEvidence = useMemo(() => evidence.filter((e) => e.claimId === selectedClaimId), [evidence, selectedClaimId]);
  const neededTexts = useMemo(
    () => [...new Set(claimEvidence.map((e) => passageById.get(e.passageId)?.sourceSha256).filter((x): x is string => !!x))].sort().join(','),
    [claimEvidence, passageById],
  );
  const texts = useLiveQuery(async () => {
    const shas = neededTexts === '' ? [] : neededTexts.split(',');
    const rows = await db.sourceTexts.bulkGet(shas);
    return new Map(rows.filter((r): r is SourceText => !!r).map((r) => [r.sha256, r]));
  }, [db, neededTexts]);

  const evidenceViews: EvidenceView[] = useMemo(
    () =>
      claimEvidence.map((e) => {
        const p = passageById.get(e.passageId);
        const s = p ? sourceByHash.get(p.sourceSha256) : undefined;
        return {
          id: e.id,
          relation: e.relation,
          note: e.note,
          before: p?.selectors.quote.prefix ?? '',
          quote: p?.selectors.quote.exact ?? '(passage missing)',
          after: p?.selectors.quote.suffix ?? '',
          location: p ? locationOf(p, texts?.get(p.sourceSha256)) : '',
          sourceTitle: s?.title ?? 'missing source',
          sourceSha256: p?.sourceSha256 ?? '',
          actor: e.actor,
          attachedAt: e.attachedAt,
          problems: (checks.byClaim.get(e.claimId)?.pages ?? []).flatMap((f) =>
            f.type === 'page-mismatch' && f.evidenceId === e.id ? [`Page ${f.actual.join(', ')} outside the cited ${f.expected}`] : [],
          ),
        };
      }),
    [claimEvidence, passageById, sourceByHash, texts, checks.byClaim],
  );

  const citedSources = useMemo(() => {
    if (!claim) return [];
    const refs = [...new Set(claim.markers.map((m) => m.ref).filter((r): r is string => r !== null))];
    return refs.map((ref) => {
      const r = references.find((x) => x.draftId === claim.draftId && x.ref === ref);
      const s = r?.sourceSha256 ? sourceByHash.get(r.sourceSha256) : undefined;
      return `[${ref}] ${s ? s.title : 'not bound to a source yet'}`;
    });
  }, [claim, references, sourceByHash]);

  // The claim's status history, with that of the claims it was split from or merged from (their status
  // carries over), oldest first.
  const history = useLiveQuery(async (): Promise<StatusChange[]> => {
    if (!selectedClaimId) return [];
    const reshapes = (await db.ledger.where('type').anyOf('claim.split', 'claim.merged').toArray()).flatMap((row) => {
      const parsed = fromEntryLine(row.line);
      return parsed.ok ? [parsed.value] : [];
    });
    const lineage = claimLineage(selectedClaimId, reshapes);
    const rows = await db.ledger.where('type').equals('claim.status-set').sortBy('seq');
    const out: StatusChange[] = [];
    for (const row of rows) {
      const parsed = fromEntryLine(row.line);
      if (!parsed.ok || parsed.value.type !== 'claim.status-set' || !lineage.has(parsed.value.payload.claimId)) continue;
      const { from, to, note } = parsed.value.payload;
      out.push({ seq: row.seq, actor: row.actor, time: row.time, from, to, note });
    }
    return out;
  }, [db, selectedClaimId]) ?? [];

  const pending: PendingPassage | null = useMemo(() => {
    if (pendingDraft) return { quote: pendingDraft.selectors.quote.exact, location: locationOf(pendingDraft, undefined) };
    const p = selectedPassageId ? passageById.get(selectedPassageId) : undefined;
    return p ? { quote: p.selectors.quote.exact, location: locationOf(p, undefined) } : null;
  }, [pendingDraft, selectedPassageId, passageById]);

  const run = useCallback(async (what: () => Promise<unknown>, done?: string) => {
    try {
      await what();
      if (done) setNotice({ kind: 'info', text: done });
    } catch (error: unknown) {
      setNotice({ kind: 'error', text: messageOf(error) });
    }
  }, []);

  const attach = useCallback(
    (relation: EvidenceRelation, note: string) => {
      if (!claim) return setNotice({ kind: 'error', text: 'Select a claim first, then attach the passage to it.' });
      const passage = pendingDraft ?? (selectedPassageId ? { id: selectedPassageId } : null);
      if (!passage) return setNotice({ kind: 'error', text: 'Highlight a passage in a source first.' });
      void run(async () => {
        await attachEvidence(db, actor, claim.id, passage, relation, note);
        setPendingDraft(null);
      }, `Attached as ${RELATION_UI[relation].label.toLowerCase()}.`);
    },
    [claim, pendingDraft, selectedPassageId, db, actor, run],
  );

  // Keyboard (desk-keys.ts): F6 moves between panes; 1/2/3 attach the pending passage with a relation;
  // S status, R references, Shift+L ledger, I import a draft, A add sources, E export; Ctrl/Cmd+F finds in
  // the open source wherever the focus is.
  const pickSourcesRef = useRef<() => void>(() => undefined);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = deskKeyAction(e, isTyping(e.target));
      if (action === null) return;
      switch (action.kind) {
        case 'focus-pane':
          e.preventDefault();
          focusPane(document, action.step);
          return;
        case 'attach':
          if ((pendingDraft || selectedPassageId) && claim) {
            e.preventDefault();
            attach(action.relation, '');
          }
          return;
        case 'focus-status': {
          const status = document.querySelector<HTMLSelectElement>('section[aria-labelledby="evidence-heading"] select[aria-label="Status"]');
          if (status) {
            e.preventDefault();
            status.focus();
          }
          return;
        }
        case 'references':
          if (drafts.length > 0) {
            e.preventDefault();
            setShowReferences(true);
          }
          return;
        case 'ledger':
          e.preventDefault();
          setMiddle((m) => (m === 'ledger' ? 'source' : 'ledger'));
          return;
        case 'import-draft':
          e.preventDefault();
          setShowDraftImport(true);
          return;
        case 'add-sources':
          e.preventDefault();
          pickSourcesRef.current();
          return;
        case 'export':
          e.preventDefault();
          setShowExport(true);
          return;
        case 'find-in-source':
          if (openSourceFind(document, e)) e.preventDefault();
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [attach, pendingDraft, selectedPassageId, claim, drafts.length]);

  // What replacing a source did to its passages: a notice, and the report when there were any.
  const showReplacement = useCallback((oldTitle: string, newName: string, report: ReplacementReport) => {
    setNotice({
      kind: report.orphaned.length > 0 ? 'error' : 'info',
      text:
        `${newName} replaces ${oldTitle}: ${report.moved.length} passage(s) re-anchored with the same words, ${report.reworded.length} reworded` +
        (report.orphaned.length > 0 ? `; ${report.orphaned.length} orphaned, kept on the old version (listed as orphaned under the new one).` : '.'),
    });
    if (report.moved.length + report.reworded.length + report.orphaned.length > 0) setReplacement({ oldTitle, newName, report });
  }, []);

  // Imports files as sources, each a job with progress, cancel and a password prompt; a job of `replacing`
  // (or with `replaceOf`) brings a new version of that source instead of a new source.
  const importFiles = useCallback(
    async (files: import('../host/host.ts').PickedFile[], password?: string, jobId?: string, replaceOf?: string) => {
      for (const file of files) {
        const id = jobId ?? newId();
        const controller = new AbortController();
        controllers.set(id, controller);
        pendingFiles.set(id, file);
        if (replaceOf !== undefined) replacing.set(id, replaceOf);
        const oldSha = replacing.get(id);
        const update = (patch: Partial<ImportJob>) => setJobs((js) => js.map((j) => (j.id === id ? { ...j, ...patch } : j)));
        setJobs((js) => [...js.filter((j) => j.id !== id), { id, fileName: file.name, progress: null, state: 'running', message: null }]);
        const duplicate = `${file.name} is already in this workspace (same SHA-256); it was not stored twice.`;
        try {
          // A file already in the workspace is recognised by its hash before any extraction work.
          if ((await db.sources.get(await digestHex(file.bytes))) !== undefined) {
            update({ state: 'duplicate', message: duplicate });
            continue;
          }
          const prepared = await prepareSource(file, {
            now: new Date().toISOString(),
            signal: controller.signal,
            onProgress: (done, total) => update({ progress: { done, total } }),
            ...(password !== undefined ? { password } : {}),
          });
          if (oldSha !== undefined) {
            const oldTitle = (await db.sources.get(oldSha))?.title ?? oldSha.slice(0, 12);
            const report = await replaceSource(db, actor, oldSha, prepared);
            setJobs((js) => js.filter((j) => j.id !== id));
            pendingFiles.delete(id);
            replacing.delete(id);
            setOpenSha(prepared.source.sha256);
            showReplacement(oldTitle, file.name, report);
            continue;
          }
          const added = await addSource(db, actor, prepared);
          if (added) {
            setJobs((js) => js.filter((j) => j.id !== id));
            pendingFiles.delete(id);
            if (prepared.source.kind !== 'recording') setOpenSha((cur) => cur ?? prepared.source.sha256);
          } else update({ state: 'duplicate', message: duplicate });
        } catch (error: unknown) {
          if (controller.signal.aborted) {
            setJobs((js) => js.filter((j) => j.id !== id));
            pendingFiles.delete(id);
            replacing.delete(id);
          } else if (error instanceof PdfPasswordError) {
            update({ state: 'needs-password', message: password === undefined ? `${file.name} is encrypted.` : 'That password is not right.' });
          } else update({ state: 'failed', message: messageOf(error) });
        } finally {
          controllers.delete(id);
        }
      }
    },
    [db, actor, controllers, pendingFiles, replacing, showReplacement],
  );

  const pickSources = async () => {
    const picked = await host.pickFiles({
      title: 'Add sources',
      filters: [{ name: 'PDFs, transcripts, recordings', extensions: ['pdf', 'vtt', 'srt', 'json', 'txt', 'wav', 'mp3', 'm4a', 'ogg', 'flac', 'webm', 'mp4'] }],
      multiple: true,
    });
    if (!picked.ok) return setNotice({ kind: 'error', text: picked.error });
    await importFiles(picked.value);
  };
  pickSourcesRef.current = () => void pickSources();

  const pickOne = async (title: string, extensions: string[]) => {
    const picked = await host.pickFiles({ title, filters: [{ name: title, extensions }], multiple: false });
    if (!picked.ok) {
      setNotice({ kind: 'error', text: picked.error });
      return null;
    }
    return picked.value[0] ?? null;
  };

  const replace = async (oldSha: string) => {
    const old = sourceByHash.get(oldSha);
    if (!old) return;
    const file = await pickOne(`New version of ${old.title}`, old.kind === 'pdf' ? ['pdf'] : ['vtt', 'srt', 'json', 'txt']);
    if (!file) return;
    // An import job like any other: progress, cancel, and a password prompt for an encrypted PDF.
    await importFiles([file], undefined, undefined, oldSha);
  };

  const addRecording = async (transcriptSha: string) => {
    const file = await pickOne('Attach a recording', ['wav', 'mp3', 'm4a', 'ogg', 'oga', 'opus', 'flac', 'webm', 'mp4', 'm4v', 'mov']);
    if (!file) return;
    await run(async () => {
      const prepared = await prepareSource(file, { now: new Date().toISOString() });
      await attachRecording(db, actor, transcriptSha, prepared);
    }, `Attached ${file.name} to the transcript.`);
  };

  const verify = () => {
    setProgress(VERIFY_STARTED);
    void verifyWorkspace(db, setProgress)
      .then((r) => setNotice(r.ok ? { kind: 'info', text: `Workspace verified: ${r.size} entries, root ${r.root?.slice(0, 16) ?? '?'}…` } : { kind: 'error', text: `Verification failed: ${r.firstFailure?.detail ?? 'unknown'}` }))
      .catch((e: unknown) => setNotice({ kind: 'error', text: messageOf(e) }))
      .finally(() => setProgress(null));
  };

  const openPassage = (id: string) => {
    const p = passageById.get(id);
    if (!p) return;
    setOpenSha(p.sourceSha256);
    setMiddle('source');
    setSelectedPassageId(id);
    setPendingDraft(null);
    setScrollTo({ passageId: id, offset: p.selectors.position.start, page: null });
  };

  return (
    <div className="app">
      <header className="toolbar">
        <h1 className="app-title">Provenance Desk</h1>
        <span className="workspace-name" aria-label="Workspace">{workspaceName}</span>
        <nav aria-label="Workspace actions" className="toolbar-actions">
          <button type="button" onClick={() => setShowDraftImport(true)}>Import draft…</button>
          <button type="button" onClick={() => void pickSources()}>Add sources…</button>
          <button type="button" onClick={() => setShowReferences(true)} disabled={drafts.length === 0}>References…</button>
          <button type="button" aria-pressed={middle === 'ledger'} onClick={() => setMiddle(middle === 'ledger' ? 'source' : 'ledger')}>Ledger</button>
          <button type="button" onClick={verify} disabled={progress !== null}>Verify workspace</button>
          <button type="button" onClick={() => setShowExport(true)}>Export packet…</button>
          <button type="button" onClick={() => setShowBackups(true)}>Backups…</button>
          <button type="button" onClick={onShortcuts} aria-keyshortcuts="?">Keyboard shortcuts</button>
          <button type="button" onClick={onClose}>Workspaces</button>
        </nav>
        <span className="host-kind">{actor} · {host.kind === 'electron' ? 'Desktop app' : 'Browser'}</span>
      </header>
      <ReadOnlyBanner db={db} />
      {notice && (
        <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text} <button type="button" onClick={() => setNotice(null)} aria-label="Dismiss message">×</button>
        </div>
      )}
      <PaneLayout
        left={
          <section className="pane" aria-labelledby="claims-heading">
            <h2 id="claims-heading">Claims</h2>
            <SearchPanel
              search={search}
              sources={sourceByHash}
              onOpen={({ sha256, range, unit }) => {
                setOpenSha(sha256);
                setMiddle('source');
                setSelectedPassageId(null);
                setPendingDraft(null);
                setScrollTo({ passageId: null, offset: range[0], page: unit.kind === 'page' ? unit.index : null });
              }}
              onMakePassage={({ sha256, start, end }) => {
                const text = checks.texts.get(sha256);
                if (!text) return;
                const units = text.units.filter((u) => u.range[0] < end && u.range[1] > start);
                setOpenSha(sha256);
                setMiddle('source');
                setSelectedPassageId(null);
                setPendingDraft({
                  sourceSha256: sha256,
                  selectors: createSelectors(text, start, end),
                  rects: [],
                  speakers: [...new Set(units.flatMap((u) => (u.kind === 'cue' && u.speaker ? [u.speaker] : [])))],
                });
                setScrollTo({ passageId: null, offset: start, page: units[0]?.kind === 'page' ? units[0].index : null });
              }}
            />
            {claims.length === 0 ? (
              <div className="empty-state">
                <p>No draft yet.</p>
                <p>Import a draft (.txt, .md or .docx) or paste its text: each sentence becomes a claim with its citation markers.</p>
                <button type="button" className="primary" onClick={() => setShowDraftImport(true)}>Import draft…</button>
              </div>
            ) : (
              <>
                {drafts.length > 1 && (
                  <label className="draft-filter">
                    Draft{' '}
                    <select aria-label="Show claims of" value={effectiveDraftFilter(draftFilter, drafts)} onChange={(e) => setDraftFilter(e.target.value)}>
                      {draftFilterOptions(drafts).map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
                <ClaimsSummary items={items} drafts={shownDrafts} />
                <ClaimsList items={items} selectedId={selectedClaimId} onSelect={setSelectedClaimId} />
              </>
            )}
          </section>
        }
        middle={
          <section className="pane" aria-labelledby="source-heading">
            <h2 id="source-heading">{middle === 'ledger' ? 'Ledger' : 'Source viewer'}</h2>
            {middle === 'ledger' ? (
              <LedgerPanel db={db} onVerify={verify} progress={progress} onCheckpoint={() => void run(() => makeCheckpoint(db), 'Checkpoint signed.')} />
            ) : (
              <>
                <SourcesPanel
                  sources={sources}
                  openSha256={openSha}
                  jobs={jobs}
                  onAdd={() => void pickSources()}
                  onDrop={(files) => void Promise.all(files.map(async (f) => ({ name: f.name, mediaType: f.type, bytes: new Uint8Array(await f.arrayBuffer()) }))).then((picked) => importFiles(picked))}
                  onOpen={(sha) => {
                    setOpenSha(sha);
                    setPendingDraft(null);
                  }}
                  onCancel={(id) => {
                    const c = controllers.get(id);
                    if (c) c.abort();
                    else setJobs((js) => js.filter((j) => j.id !== id));
                    pendingFiles.delete(id);
                    replacing.delete(id);
                  }}
                  onReplace={(sha) => void replace(sha)}
                  onPassword={(id, password) => {
                    const file = pendingFiles.get(id);
                    if (file) void importFiles([file], password, id);
                  }}
                />
                {pendingDraft && (
                  <div className="pending-bar" role="region" aria-label="New highlight">
                    <span>
                      New highlight: “{shorten(pendingDraft.selectors.quote.exact.replace(/\s+/g, ' '), 160)}” <span className="muted">{locationOf(pendingDraft, undefined)}</span>
                    </span>
                    <button
                      type="button"
                      onClick={() =>
                        void run(async () => {
                          const id = await createPassage(db, actor, pendingDraft);
                          setPendingDraft(null);
                          setSelectedPassageId(id);
                        }, 'Highlight saved as a passage.')
                      }
                    >
                      Save highlight
                    </button>
                    <button type="button" onClick={() => setPendingDraft(null)}>
                      Discard
                    </button>
                    <span className="muted">{claim ? 'or attach it to the selected claim: 1 supports, 2 contradicts, 3 context' : 'select a claim to attach it'}</span>
                  </div>
                )}
                {openSource && openText && (
                  <div className="source-tools" role="group" aria-label="Source details">
                    {openSource.kind === 'pdf' &&
                      (hasRealPageLabels(openText) ? (
                        <span className="muted">Printed pages follow the PDF's own page labels.</span>
                      ) : (
                        <label>
                          Page offset{' '}
                          <input
                            type="number"
                            aria-label="Page offset"
                            step={1}
                            min={-MAX_PAGE_OFFSET}
                            max={MAX_PAGE_OFFSET}
                            defaultValue={openSource.pageOffset}
                            key={`${openSource.sha256}:${openSource.pageOffset}`}
                            onBlur={(e) => {
                              const to = Number(e.target.value);
                              if (to !== openSource.pageOffset) void run(() => setPageOffset(db, actor, openSource.sha256, to), `Page offset set to ${to}.`);
                            }}
                          />{' '}
                          <span className="muted">printed page = PDF page + offset</span>
                        </label>
                      ))}
                    {noTextPages.length > 0 && (
                      <span className="badge badge-problem" title="These pages are images without a text layer.">
                        No text — needs OCR: p. {noTextPages.join(', ')}
                      </span>
                    )}
                  </div>
                )}
                {openSource ? (
                  <div className="viewer-slot">
                    <SourceView
                      db={db}
                      source={openSource}
                      passages={openPassages}
                      selectedPassageId={selectedPassageId}
                      onSelection={(d) => {
                        setPendingDraft(d);
                        setSelectedPassageId(null);
                      }}
                      onPassageClick={(id) => {
                        setSelectedPassageId(id);
                        setPendingDraft(null);
                      }}
                      scrollTo={scrollTo}
                      onAttachRecording={() => void addRecording(openSource.sha256)}
                    />
                  </div>
                ) : (
                  sources.length > 0 && <p className="empty-state">Open a source above to read it and highlight passages.</p>
                )}
                {openSource && openText && listedPassages.passages.length > 0 && (
                  <div className="passages-aside" role="region" aria-label="Passages of this source">
                    <PassageList
                      passages={listedPassages.passages}
                      anchoredRanges={listedPassages.ranges}
                      sourceText={openText}
                      selectedPassageId={selectedPassageId}
                      onSelect={(id) => openPassage(id)}
                      evidenceCountOf={(id) => evidence.filter((e) => e.passageId === id).length}
                      onDelete={(id) =>
                        void run(async () => {
                          const { detached } = await deletePassage(db, actor, id);
                          if (selectedPassageId === id) setSelectedPassageId(null);
                          setNotice({ kind: 'info', text: detached > 0 ? `Passage deleted; ${detached} evidence item(s) detached from it.` : 'Passage deleted.' });
                        })
                      }
                    />
                  </div>
                )}
              </>
            )}
          </section>
        }
        right={
          <section className="pane" aria-labelledby="evidence-heading">
            <h2 id="evidence-heading">Evidence</h2>
            <EvidencePane
              claim={claim}
              citedSources={citedSources}
              items={evidenceViews}
              history={history}
              pending={pending}
              onAttach={attach}
              onDetach={(id) => void run(() => detachEvidence(db, actor, id), 'Evidence detached (the ledger keeps the record).')}
              onJump={(id) => {
                const e = evidence.find((x) => x.id === id);
                if (e) openPassage(e.passageId);
              }}
              onSetStatus={(status: ClaimStatus, note: string) => {
                if (claim) void run(() => setClaimStatus(db, actor, claim.id, status, note));
              }}
            />
            {claim && (
              <QuoteCheckPanel
                checks={checks.byClaim.get(claim.id)?.quotes ?? []}
                pages={checks.byClaim.get(claim.id)?.pages ?? []}
                sources={sourceByHash}
                running={checks.progress !== null}
                onShow={(qi, ci) => {
                  const cand = checks.byClaim.get(claim.id)?.quotes[qi]?.candidates[ci];
                  if (!cand) return;
                  const unit = cand.units[0];
                  setOpenSha(cand.sha256);
                  setMiddle('source');
                  setScrollTo({ passageId: null, offset: cand.range[0], page: unit?.kind === 'page' ? unit.index : null });
                }}
                onAttach={(qi, ci) => {
                  const cand = checks.byClaim.get(claim.id)?.quotes[qi]?.candidates[ci];
                  const text = cand ? checks.texts.get(cand.sha256) : undefined;
                  if (!cand || !text) return;
                  void run(
                    () =>
                      attachEvidence(
                        db,
                        actor,
                        claim.id,
                        {
                          sourceSha256: cand.sha256,
                          selectors: createSelectors(text, cand.range[0], cand.range[1]),
                          rects: [],
                          speakers: [...new Set(cand.units.flatMap((u) => (u.kind === 'cue' && u.speaker ? [u.speaker] : [])))],
                        },
                        'supports',
                        cand.exact ? 'quotation found verbatim by the quote check' : `near match (score ${cand.score.toFixed(2)}) found by the quote check`,
                      ),
                    'Attached the quotation as supporting evidence.',
                  );
                }}
              />
            )}
            {checks.error && <p className="error" role="alert">Quote check: {checks.error}</p>}
            {claim && claimDraft && (
              <details className="claim-editor-box">
                <summary>Edit this claim (note, split, merge, markers) or import a new version of its draft</summary>
                <ClaimEditor db={db} actor={actor} claim={claim} draftText={claimDraft.text} claims={draftClaims} onImportRevision={setReviseOf} />
              </details>
            )}
          </section>
        }
      />
      {showExport && <ExportDialog db={db} host={host} actor={actor} drafts={drafts} onClose={() => setShowExport(false)} />}
      {showBackups && (
        <BackupsDialog db={db} registry={registry} store={backupStore} actor={actor} onOpenWorkspace={onOpenWorkspace} onClose={() => setShowBackups(false)} />
      )}
      {showReferences && (
        <ReferencesDialog
          drafts={drafts}
          references={references}
          sources={sources}
          suggestions={suggestions}
          onBind={(r, sha, csl) => void run(() => bindReference(db, actor, r, sha, csl))}
          onImportList={() =>
            void (async () => {
              const file = await pickOne('Import a reference list', ['json', 'bib', 'bibtex']);
              if (!file) return;
              const text = decodeTextFile(file.bytes, file.name);
              if (!text.ok) return setNotice({ kind: 'error', text: text.error });
              const parsed = /\.bib(tex)?$/i.test(file.name) ? parseBibtex(file.name, text.value) : parseCslJson(file.name, text.value);
              if (!parsed.ok) return setNotice({ kind: 'error', text: parsed.error });
              setRefItems(parsed.value);
              setNotice({ kind: 'info', text: `${file.name}: ${parsed.value.length} references read; proposals updated.` });
            })()
          }
          onClose={() => setShowReferences(false)}
        />
      )}
      {reviseOf !== null && (
        <DraftImportDialog
          host={host}
          converters={DRAFT_CONVERTERS}
          onClose={() => setReviseOf(null)}
          onImport={(input: DraftInput) =>
            void run(async () => {
              const report = await reviseDraft(db, actor, reviseOf, input);
              setReviseOf(null);
              setDraftFilter('current'); // the new version's claims, not the older ones beside them
              setRevisionReport(report);
            })
          }
        />
      )}
      {revisionReport && <RevisionReport report={revisionReport} onClose={() => setRevisionReport(null)} />}
      {replacement && <ReplacementReportDialog {...replacement} onClose={() => setReplacement(null)} />}
      {showDraftImport && (
        <DraftImportDialog
          host={host}
          converters={DRAFT_CONVERTERS}
          onClose={() => setShowDraftImport(false)}
          onImport={(input: DraftInput) =>
            void run(async () => {
              await importDraft(db, actor, input);
              setShowDraftImport(false);
            }, `Imported ${input.title}.`)
          }
        />
      )}
    </div>
  );
}

