import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Host } from '../host/host.ts';
import type { DeskDb } from '../store/db.ts';
import { createWorkspace, deleteWorkspace, getActor, listWorkspaces, openWorkspace, RegistryDb, renameWorkspace, setActor } from '../store/workspaces.ts';
import { ActorPrompt, WorkspacePicker } from '../workspace/WorkspacePicker.tsx';
import { Desk } from './Desk.tsx';
import { openSample } from '../sample/open-sample.ts';
import { deleteSearchCache } from '../search/search-cache.ts';
import { BackupStore } from '../backup/backup-store.ts';
import { startBackupTimer } from '../backup/backups.ts';
import { PacketImportDialog } from '../packet/PacketImportDialog.tsx';
import { ShortcutSheet } from './ShortcutSheet.tsx';

/** Where the app remembers, on this computer, who works and which workspace was open last. */
export const ACTOR_KEY = 'provenance-desk.actor';
/** Key of the last open workspace's id. */
export const LAST_WORKSPACE_KEY = 'provenance-desk.last-workspace';

/** Props of the application root. */
export interface AppProps {
  /** The platform door: Electron or browser. */
  host: Host;
  /** The workspace registry (injectable for tests). */
  registry?: RegistryDb;
}

function remembered(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function remember(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage disabled: the app still works; it just asks again next time.
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The application: asks who works (once), then lists workspaces, then shows the open one. */
export function App({ host, registry: given }: AppProps) {
  const registry = useMemo(() => given ?? new RegistryDb(), [given]);
  const [actor, setActorState] = useState<string | null>(() => remembered(ACTOR_KEY));
  const [open, setOpen] = useState<{ db: DeskDb; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [showImport, setShowImport] = useState(false);
  const backupStore = useMemo(() => new BackupStore(), []);
  // Automatic backups of every workspace while the app runs (schedule and retention in the Backups dialog).
  useEffect(() => (actor === null ? undefined : startBackupTimer(registry, backupStore, { actor, onError: (m: string) => setError(m) })), [registry, backupStore, actor]);
  const [restoring, setRestoring] = useState(() => remembered(LAST_WORKSPACE_KEY) !== null);
  const workspaces = useLiveQuery(() => listWorkspaces(registry), [registry]) ?? [];

  const openById = useCallback(
    async (id: string) => {
      try {
        const db = await openWorkspace(registry, id);
        const ws = await db.workspace.toCollection().first();
        if (actor !== null && (await getActor(db)) === null) await setActor(db, actor);
        remember(LAST_WORKSPACE_KEY, id);
        setOpen({ db, name: ws?.name ?? 'Workspace' });
        setError(null);
      } catch (e: unknown) {
        remember(LAST_WORKSPACE_KEY, null);
        setError(`The workspace could not be opened: ${messageOf(e)}`);
      }
    },
    [registry, actor],
  );

  // Reopen the workspace that was open last, so a reload loses nothing of where the user was.
  useEffect(() => {
    const last = remembered(LAST_WORKSPACE_KEY);
    if (last === null || actor === null) {
      setRestoring(false);
      return;
    }
    void openById(last).finally(() => setRestoring(false));
    // Only on start: openById changes with the actor, and the last workspace is opened once.
  }, []);

  // The application menu's commands (Electron's Help › Keyboard Shortcuts).
  useEffect(
    () =>
      host.onMenuCommand((command) => {
        if (command === 'show-shortcuts') setShowShortcuts(true);
      }),
    [host],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target !== null && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      if (!typing && event.key === '?') {
        event.preventDefault();
        setShowShortcuts(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Another window opening a newer schema asks this one to let go (IndexedDB 'versionchange'). Dexie then
  // closes this connection; the user is told, and a reload picks up the upgraded database: every change
  // was committed in its own transaction, so nothing is lost.
  const [upgradedElsewhere, setUpgradedElsewhere] = useState(false);
  useEffect(() => {
    if (!open) return;
    const onVersionChange = () => {
      setUpgradedElsewhere(true);
      // Returning nothing lets Dexie close the connection so the other window's upgrade can proceed.
    };
    open.db.on('versionchange', onVersionChange);
    return () => open.db.on('versionchange').unsubscribe(onVersionChange);
  }, [open]);

  // Keep the window title on the open workspace (the Workspace name is also shown in the toolbar).
  useEffect(() => {
    document.title = open ? `${open.name} — Provenance Desk` : 'Provenance Desk';
  }, [open]);

  const sheet = showShortcuts && <ShortcutSheet onClose={() => setShowShortcuts(false)} />;

  if (actor === null) {
    return (
      <div className="app app-centered">
        <ActorPrompt
          onSave={(name) => {
            remember(ACTOR_KEY, name);
            setActorState(name);
          }}
        />
        {sheet}
      </div>
    );
  }
  if (open) {
    return (
      <>
        {upgradedElsewhere && (
          <div className="upgrade-banner" role="alertdialog" aria-labelledby="upgrade-title">
            <p id="upgrade-title">
              <strong>This workspace was upgraded in another window.</strong> Reload to continue with the new version; everything saved so far is kept.
            </p>
            <button type="button" className="primary" onClick={() => window.location.reload()} autoFocus>
              Reload now
            </button>
          </div>
        )}
        <Desk
          db={open.db}
          host={host}
          actor={actor}
          workspaceName={open.name}
          onShortcuts={() => setShowShortcuts(true)}
          registry={registry}
          backupStore={backupStore}
          onOpenWorkspace={(id) => {
            open.db.close();
            void openById(id);
          }}
          onClose={() => {
            open.db.close();
            remember(LAST_WORKSPACE_KEY, null);
            setOpen(null);
          }}
        />
        {sheet}
      </>
    );
  }
  if (restoring) return <p className="muted" role="status">Opening your last workspace…</p>;
  return (
    <div className="app app-centered">
      <header className="toolbar">
        <h1 className="app-title">Provenance Desk</h1>
        <nav aria-label="App actions" className="toolbar-actions">
          <button type="button" onClick={() => setShowImport(true)}>
            Import packet…
          </button>
          <button type="button" onClick={() => setShowShortcuts(true)} aria-keyshortcuts="?">
            Keyboard shortcuts
          </button>
        </nav>
        <span className="host-kind">
          {actor} · {host.kind === 'electron' ? 'Desktop app' : 'Browser'}
        </span>
      </header>
      {busy && (
        <p className="muted" role="status">
          {busy}
        </p>
      )}
      <WorkspacePicker
        workspaces={workspaces}
        error={error}
        onCreate={(name) =>
          void createWorkspace(registry, name, actor)
            .then(async (db) => {
              const ws = await db.workspace.toCollection().first();
              remember(LAST_WORKSPACE_KEY, ws?.id ?? null);
              setOpen({ db, name });
              setError(null);
            })
            .catch((e: unknown) => setError(`The workspace could not be created: ${messageOf(e)}`))
        }
        onOpen={(id) => void openById(id)}
        onOpenSample={() => {
          setBusy('Opening the sample workspace: importing its draft, PDFs, transcript and recording…');
          void openSample(registry, actor)
            .then(async (db) => {
              const ws = await db.workspace.toCollection().first();
              remember(LAST_WORKSPACE_KEY, ws?.id ?? null);
              setOpen({ db, name: ws?.name ?? 'Sample' });
              setError(null);
            })
            .catch((e: unknown) => setError(`The sample workspace could not be opened: ${messageOf(e)}`))
            .finally(() => setBusy(null));
        }}
        onRename={(id, name) =>
          void openWorkspace(registry, id)
            .then(async (db) => {
              await renameWorkspace(registry, db, name, actor);
              db.close();
            })
            .catch((e: unknown) => setError(`The workspace could not be renamed: ${messageOf(e)}`))
        }
        onDelete={(id) =>
          void deleteWorkspace(registry, id)
            // The search index cache is derived data in its own database; it goes with the workspace.
            .then(() => deleteSearchCache(id).catch(() => undefined))
            .catch((e: unknown) => setError(`The workspace could not be deleted: ${messageOf(e)}`))
        }
      />
      {showImport && (
        <PacketImportDialog
          host={host}
          registry={registry}
          onOpen={(id) => {
            setShowImport(false);
            void openById(id);
          }}
          onClose={() => setShowImport(false)}
        />
      )}
      {sheet}
    </div>
  );
}
