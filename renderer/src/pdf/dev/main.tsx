// Dev harness for the PDF viewer: pick a PDF, watch extraction progress, then view, find and highlight.
// Passages live in memory (and localStorage, so a reload shows them painted again).
import { createRoot } from 'react-dom/client';
import { useState } from 'react';
import '../../styles/app.css';
import type { Passage } from '../../../../shared/types/domain.ts';
import { extractPdfInWorker, type PdfExtractionResult } from '../extract-client.ts';
import { PassageList } from '../PassageList.tsx';
import { PdfViewer, type ScrollTarget } from '../PdfViewer.tsx';
import { usePdfDocument } from '../usePdfDocument.ts';
import './harness.css';

const STORE_KEY = 'pdf-dev-passages';

function loadPassages(): Passage[] {
  try {
    return JSON.parse(localStorage.getItem(STORE_KEY) ?? '[]') as Passage[];
  } catch {
    return [];
  }
}

function Viewer({ bytes, name, result }: { bytes: Uint8Array; name: string; result: PdfExtractionResult }) {
  const doc = usePdfDocument(bytes, name);
  const [passages, setPassages] = useState<Passage[]>(() => loadPassages().filter((p) => p.sourceSha256 === result.info.sha256));
  const [selected, setSelected] = useState<string | null>(null);
  const [scrollTo, setScrollTo] = useState<ScrollTarget | null>(null);
  if (doc.status !== 'ready') return <p>{doc.status === 'error' ? doc.message : doc.status}</p>;
  return (
    <div className="harness-split">
      <PdfViewer
        pdf={doc.pdf}
        label={name}
        sourceText={result.layout.sourceText}
        passages={passages}
        selectedPassageId={selected}
        scrollTo={scrollTo}
        onPassageClick={(id) => setSelected(id)}
        onHighlight={(draft) => {
          const p: Passage = {
            type: 'passage',
            id: `p${Date.now()}`,
            sourceSha256: draft.sourceSha256,
            selectors: draft.selectors,
            rects: draft.rects,
            speakers: [],
            createdAt: new Date().toISOString(),
          };
          const next = [...passages, p];
          setPassages(next);
          localStorage.setItem(STORE_KEY, JSON.stringify(next));
        }}
      />
      <PassageList
        passages={passages}
        sourceText={result.layout.sourceText}
        selectedPassageId={selected}
        onSelect={(id) => {
          setSelected(id);
          setScrollTo({ passageId: id });
        }}
      />
    </div>
  );
}

function Harness() {
  const [progress, setProgress] = useState('');
  const [file, setFile] = useState<{ bytes: Uint8Array; name: string; result: PdfExtractionResult } | null>(null);
  const [error, setError] = useState('');
  const [abort, setAbort] = useState<AbortController | null>(null);
  return (
    <div className="harness">
      <div className="harness-bar">
        <input
          type="file"
          aria-label="PDF file"
          accept="application/pdf"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (!f) return;
            const ac = new AbortController();
            setAbort(ac);
            setError('');
            try {
              const bytes = new Uint8Array(await f.arrayBuffer());
              const result = await extractPdfInWorker(bytes, { fileName: f.name, signal: ac.signal, onProgress: (d, t) => setProgress(`${d}/${t}`) });
              setFile({ bytes, name: f.name, result });
            } catch (err) {
              setError(`${(err as Error).name}: ${(err as Error).message}`);
            } finally {
              setAbort(null);
            }
          }}
        />
        <progress aria-label="Extraction" max={1} value={0} hidden={!abort} />
        <span data-testid="progress">{progress}</span>
        {abort && (
          <button type="button" onClick={() => abort.abort()}>
            Cancel
          </button>
        )}
        <span data-testid="error">{error}</span>
      </div>
      {file && <Viewer key={file.result.info.sha256} {...file} />}
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<Harness />);
