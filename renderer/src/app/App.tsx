import { useEffect, useState } from 'react';
import type { Host } from '../host/host.ts';
import { PaneLayout } from './PaneLayout.tsx';
import { ShortcutSheet } from './ShortcutSheet.tsx';

/** Props of the application root. */
export interface AppProps {
  /** The platform door: Electron or browser. */
  host: Host;
}

/** The workspace window: a toolbar and three regions (claims, source viewer, evidence). */
export function App({ host }: AppProps) {
  const [showShortcuts, setShowShortcuts] = useState(false);

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

  return (
    <div className="app">
      <header className="toolbar" role="banner">
        <h1 className="app-title">Provenance Desk</h1>
        <nav aria-label="Workspace actions" className="toolbar-actions">
          <button type="button" onClick={() => setShowShortcuts(true)} aria-keyshortcuts="?">
            Keyboard shortcuts
          </button>
        </nav>
        <span className="host-kind" aria-label="Running in">
          {host.kind === 'electron' ? 'Desktop app' : 'Browser'}
        </span>
      </header>
      <PaneLayout
        left={
        <section className="pane" aria-labelledby="claims-heading" tabIndex={-1}>
          <h2 id="claims-heading">Claims</h2>
          <div className="empty-state">
            <p>No draft yet.</p>
            <p>Import a draft (.txt, .md or .docx) or paste its text: each sentence becomes a claim with its citation markers.</p>
          </div>
        </section>
        }
        middle={
        <section className="pane" aria-labelledby="source-heading" tabIndex={-1}>
          <h2 id="source-heading">Source viewer</h2>
          <div className="empty-state">
            <p>No source open.</p>
            <p>Add the PDFs and transcripts behind the draft, then open one here to highlight passages.</p>
          </div>
        </section>
        }
        right={
        <section className="pane" aria-labelledby="evidence-heading" tabIndex={-1}>
          <h2 id="evidence-heading">Evidence</h2>
          <div className="empty-state">
            <p>No claim selected.</p>
            <p>Select a claim to see its evidence; highlight a passage in a source and attach it as supporting, contradicting or context.</p>
          </div>
        </section>
        }
      />
      {showShortcuts && <ShortcutSheet onClose={() => setShowShortcuts(false)} />}
    </div>
  );
}
