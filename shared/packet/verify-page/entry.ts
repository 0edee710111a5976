// The browser entry of verify.html, bundled into one IIFE by scripts/build-verify-page.mjs. It is the
// only browser-facing file in shared/: it reaches the DOM through the few declared members below (via
// globalThis), so shared/ still compiles without the DOM library, and all checking is model.ts's.
import { z } from 'zod';
import { renderOutcome, verifyDropped, type DroppedFile } from './model.ts';

// The page's CSP forbids eval; zod would otherwise probe `new Function` for its JIT.
z.config({ jitless: true });

interface PageFile {
  name: string;
  webkitRelativePath?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}
interface PageEntry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  file?(ok: (f: PageFile) => void, fail: (e: unknown) => void): void;
  createReader?(): { readEntries(ok: (entries: PageEntry[]) => void, fail: (e: unknown) => void): void };
}
interface PageElement {
  innerHTML: string;
  textContent: string | null;
  files?: ArrayLike<PageFile> | null;
  classList: { add(c: string): void; remove(c: string): void };
  addEventListener(type: string, listener: (event: PageEvent) => void): void;
}
interface PageEvent {
  preventDefault(): void;
  dataTransfer?: { items: ArrayLike<{ webkitGetAsEntry(): PageEntry | null }>; files: ArrayLike<PageFile> } | null;
}
interface PageDocument {
  getElementById(id: string): PageElement | null;
}

const doc = (globalThis as unknown as { document: PageDocument }).document;

function element(id: string): PageElement {
  const el = doc.getElementById(id);
  if (!el) throw new Error(`verify.html is missing #${id}`);
  return el;
}

async function fromFiles(list: ArrayLike<PageFile>): Promise<DroppedFile[]> {
  const out: DroppedFile[] = [];
  for (const f of Array.from(list)) out.push({ path: f.webkitRelativePath || f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  return out;
}

async function fromEntry(entry: PageEntry, prefix: string, out: DroppedFile[]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile && entry.file) {
    const file = await new Promise<PageFile>((ok, fail) => entry.file!(ok, fail));
    out.push({ path, bytes: new Uint8Array(await file.arrayBuffer()) });
  } else if (entry.isDirectory && entry.createReader) {
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise<PageEntry[]>((ok, fail) => reader.readEntries(ok, fail));
      if (batch.length === 0) break;
      for (const child of batch) await fromEntry(child, path, out);
    }
  }
}

async function show(files: DroppedFile[]): Promise<void> {
  const result = element('result');
  result.textContent = 'Checking…';
  const outcome = await verifyDropped(files, (check) => {
    result.textContent = `Checking ${check}…`;
  });
  result.innerHTML = renderOutcome(outcome);
}

function start(): void {
  const zipInput = element('zip');
  const folderInput = element('folder');
  const drop = element('drop');
  zipInput.addEventListener('change', () => void fromFiles(zipInput.files ?? []).then(show));
  folderInput.addEventListener('change', () => void fromFiles(folderInput.files ?? []).then(show));
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    const transfer = event.dataTransfer;
    if (!transfer) return;
    const entries = Array.from(transfer.items)
      .map((item) => item.webkitGetAsEntry())
      .filter((x): x is PageEntry => x !== null);
    void (async () => {
      if (entries.length === 0) return show(await fromFiles(transfer.files));
      const out: DroppedFile[] = [];
      for (const entry of entries) await fromEntry(entry, '', out);
      return show(out);
    })();
  });
}

start();
