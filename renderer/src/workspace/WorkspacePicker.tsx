import { useState } from 'react';

/** Longest workspace name accepted (characters). */
export const MAX_WORKSPACE_NAME = 120;

/** A workspace as the picker lists it. */
export interface WorkspaceListing {
  /** Stable id. */
  id: string;
  /** Name. */
  name: string;
  /** ISO 8601 time of creation. */
  createdAt: string;
}

/** Props of the workspace picker. */
export interface WorkspacePickerProps {
  /** Known workspaces. */
  workspaces: WorkspaceListing[];
  /** Creates a workspace with a name. */
  onCreate(name: string): void;
  /** Opens one. */
  onOpen(id: string): void;
  /** Renames one. */
  onRename(id: string, name: string): void;
  /** Deletes one (after the user confirmed by typing its name). */
  onDelete(id: string): void;
  /** Opens the sample workspace, when the app ships one. */
  onOpenSample?: () => void;
  /** An error to show, or null. */
  error: string | null;
}

/** Validates a workspace name; returns an error message or null when it is fine. */
export function checkWorkspaceName(name: string): string | null {
  const n = name.trim();
  if (n === '') return 'A workspace needs a name.';
  if (n.length > MAX_WORKSPACE_NAME) return `A workspace name has at most ${MAX_WORKSPACE_NAME} characters.`;
  return null;
}

/** Lists workspaces to open, rename or delete (with confirmation), and creates new ones. */
export function WorkspacePicker(props: WorkspacePickerProps) {
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [deleting, setDeleting] = useState<{ id: string; name: string; typed: string } | null>(null);
  return (
    <div className="workspace-picker">
      <h2>Workspaces</h2>
      {props.error && (
        <p role="alert" className="error">
          {props.error}
        </p>
      )}
      <form
        aria-label="New workspace"
        onSubmit={(e) => {
          e.preventDefault();
          const problem = checkWorkspaceName(name);
          setNameError(problem);
          if (problem) return;
          props.onCreate(name.trim());
          setName('');
        }}
      >
        <label>
          Name <input aria-label="Workspace name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. 1988 executions fact-check" />
        </label>{' '}
        <button type="submit" className="primary">
          Create workspace
        </button>
        {nameError && <p className="error">{nameError}</p>}
      </form>
      {props.onOpenSample && (
        <p>
          New here?{' '}
          <button type="button" onClick={props.onOpenSample}>
            Open the sample workspace
          </button>
        </p>
      )}
      {props.workspaces.length === 0 ? (
        <p className="muted">No workspaces yet. A workspace holds one investigation: its drafts, sources, evidence and ledger.</p>
      ) : (
        <ul className="workspace-list" aria-label="Workspaces">
          {props.workspaces.map((w) => (
            <li key={w.id}>
              {renaming?.id === w.id ? (
                <form
                  aria-label={`Rename ${w.name}`}
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (checkWorkspaceName(renaming.name)) return;
                    props.onRename(w.id, renaming.name.trim());
                    setRenaming(null);
                  }}
                >
                  <input aria-label="New name" value={renaming.name} onChange={(e) => setRenaming({ id: w.id, name: e.target.value })} autoFocus />
                  <button type="submit">Save</button>
                  <button type="button" onClick={() => setRenaming(null)}>
                    Cancel
                  </button>
                </form>
              ) : deleting?.id === w.id ? (
                <form
                  aria-label={`Delete ${w.name}`}
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (deleting.typed !== w.name) return;
                    props.onDelete(w.id);
                    setDeleting(null);
                  }}
                >
                  <p>
                    Deleting “{w.name}” removes its drafts, sources, evidence and ledger from this computer. Export a packet first to keep a copy. Type the
                    name to confirm.
                  </p>
                  <input aria-label="Type the workspace name to confirm" value={deleting.typed} onChange={(e) => setDeleting({ ...deleting, typed: e.target.value })} autoFocus />
                  <button type="submit" disabled={deleting.typed !== w.name}>
                    Delete permanently
                  </button>
                  <button type="button" onClick={() => setDeleting(null)}>
                    Cancel
                  </button>
                </form>
              ) : (
                <>
                  <button type="button" className="workspace-open" onClick={() => props.onOpen(w.id)}>
                    {w.name}
                  </button>
                  <span className="muted"> created {new Date(w.createdAt).toLocaleDateString()}</span>{' '}
                  <button type="button" aria-label={`Rename ${w.name}`} onClick={() => setRenaming({ id: w.id, name: w.name })}>
                    Rename
                  </button>{' '}
                  <button type="button" aria-label={`Delete ${w.name}`} onClick={() => setDeleting({ id: w.id, name: w.name, typed: '' })}>
                    Delete
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Asks for the name shown on every ledger entry (first use). */
export function ActorPrompt({ onSave }: { onSave(name: string): void }) {
  const [name, setName] = useState('');
  return (
    <form
      className="actor-prompt"
      aria-label="Your name"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim() !== '') onSave(name.trim());
      }}
    >
      <h2>Who is working?</h2>
      <p>Every change you make is recorded in the workspace's ledger under this name.</p>
      <input aria-label="Your name" value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={200} />{' '}
      <button type="submit" className="primary" disabled={name.trim() === ''}>
        Continue
      </button>
    </form>
  );
}
