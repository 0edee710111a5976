// Opens the sample workspace: a new workspace with the shipped draft and sources, recordings attached to
// their transcripts and references bound by file name, each step an ordinary ledger entry.
import { bindByFileName } from '../../../shared/references/match.ts';
import { addSource, attachRecording, bindReference, importDraft } from '../app/actions.ts';
import type { PickedFile } from '../host/host.ts';
import { detectSourceKind, prepareSource } from '../sources/prepare-source.ts';
import type { DeskDb } from '../store/db.ts';
import { createWorkspace, type RegistryDb } from '../store/workspaces.ts';
import type { SampleManifest } from './vite-plugin-sample.ts';

/** Where the sample is served, relative to the app. */
export const SAMPLE_BASE = './sample/';

async function fetchFile(base: string, name: string): Promise<PickedFile> {
  const url = new URL(`${SAMPLE_BASE}${name.split('/').map(encodeURIComponent).join('/')}`, base);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`The sample file ${name} could not be loaded (HTTP ${res.status}).`);
  return { name: name.split('/').pop() ?? name, mediaType: res.headers.get('Content-Type')?.split(';')[0] ?? '', bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** Creates and fills the sample workspace; resolves to its database, or rejects with a message naming the file that failed (the partial workspace is left for the user to delete). */
export async function openSample(registry: RegistryDb, actor: string, base: string = document.baseURI, onStep?: (what: string) => void): Promise<DeskDb> {
  const res = await fetch(new URL(`${SAMPLE_BASE}manifest.json`, base));
  if (!res.ok) throw new Error('This build has no sample workspace.');
  const manifest = (await res.json()) as SampleManifest;
  const db = await createWorkspace(registry, manifest.title, actor);
  onStep?.('draft');
  const draft = await fetchFile(base, manifest.draft);
  await importDraft(db, actor, { text: new TextDecoder().decode(draft.bytes), origin: 'txt', fileName: draft.name, title: 'Sample draft' });
  const files: PickedFile[] = [];
  for (const name of manifest.sources) files.push(await fetchFile(base, `sources/${name}`));
  const now = () => new Date().toISOString();
  const transcripts = new Map<string, string>();
  const recordings: PickedFile[] = [];
  for (const file of files) {
    const kind = detectSourceKind(file);
    if (kind === null || (kind === 'transcript' && /^references\.json$/i.test(file.name))) continue;
    if (kind === 'recording') {
      recordings.push(file);
      continue;
    }
    onStep?.(file.name);
    const prepared = await prepareSource(file, { now: now() });
    await addSource(db, actor, prepared);
    if (kind === 'transcript') transcripts.set(file.name.replace(/\.[^.]+$/, ''), prepared.source.sha256);
  }
  for (const rec of recordings) {
    const transcript = transcripts.get(rec.name.replace(/\.[^.]+$/, ''));
    const prepared = await prepareSource(rec, { now: now() });
    if (transcript) await attachRecording(db, actor, transcript, prepared);
    else await addSource(db, actor, prepared);
  }
  const sources = (await db.sources.toArray()).filter((s) => s.kind !== 'recording');
  const references = await db.references.toArray();
  const binding = bindByFileName(
    references.map((r) => r.ref),
    sources.map((s) => s.fileName),
  );
  for (const [ref, fileName] of binding.bound) {
    const reference = references.find((r) => r.ref === ref);
    const source = sources.find((s) => s.fileName === fileName);
    if (reference && source) await bindReference(db, actor, reference, source.sha256);
  }
  return db;
}
