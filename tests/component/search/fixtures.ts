// Two small source texts (a PDF with page labels, a transcript with cues) and an in-process stand-in for
// the search worker, so the hook and panel run the real engine without a Worker.
import type { Source } from '../../../shared/types/domain.ts';
import type { SourceText } from '../../../shared/types/text.ts';
import { pdfText, transcriptText } from '../../unit/check/fixtures.ts';
import type { SearchCache } from '../../../renderer/src/search/search-cache.ts';
import { createSearchEngine, type SearchEngine } from '../../../renderer/src/search/search-engine.ts';
import type { SearchRequest, SearchResponse } from '../../../renderer/src/search/search-protocol.ts';
import type { SearchPort } from '../../../renderer/src/search/use-search.ts';

// The same builders as the check tests use: one definition of a PDF-like and a transcript source text.
export { pdfText, transcriptText };

export const REPORT = pdfText(
  'a'.repeat(64),
  [
    'The harbour authority met in March. The plan was discussed at length.',
    'The minister said the harbour plan was not a complete success. Budget and harbour.',
    'Budget figures: the dredging budget overran. José Müller signed the tender.',
  ],
  ['xi', 'xii', '1'],
);

/** The council hearing: two cues. */
export const HEARING = transcriptText('b'.repeat(64), [
  [62, 'Mayor Quinn', 'Good evening. The harbour plan is on the agenda tonight.'],
  [67, 'Reporter', 'What about the ferry timetable?'],
]);

/** A third source, for adding and removing. */
export const MEMO = pdfText('c'.repeat(64), ['A memo about the ferry contract and its penalties.'], ['1']);

/** A Source row for a text. */
export function sourceOf(text: SourceText, title: string): Source {
  return {
    type: 'source',
    sha256: text.sha256,
    kind: text.kind,
    fileName: `${title}.${text.kind === 'pdf' ? 'pdf' : 'vtt'}`,
    mediaType: text.kind === 'pdf' ? 'application/pdf' : 'text/vtt',
    size: text.text.length,
    title,
    author: null,
    unitCount: text.units.length,
    recordingSha256: null,
    replaces: null,
    pageOffset: 0,
    addedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** A SearchCache in memory that counts reads and writes. */
export class MemoryCache implements SearchCache {
  /** Stored values by SHA-256. */
  readonly rows = new Map<string, unknown>();
  /** SHA-256s written, in order. */
  readonly puts: string[] = [];
  async get(sha256: string): Promise<unknown> {
    return structuredClone(this.rows.get(sha256));
  }
  async put(index: { sha256: string }): Promise<void> {
    this.puts.push(index.sha256);
    this.rows.set(index.sha256, structuredClone(index));
  }
  async delete(shas: readonly string[]): Promise<void> {
    for (const sha of shas) this.rows.delete(sha);
  }
  async keys(): Promise<string[]> {
    return [...this.rows.keys()];
  }
  close(): void {}
}

type Listener = (event: MessageEvent<SearchResponse>) => void;

/** A worker stand-in that records requests and lets the test deliver responses. */
export class ManualPort implements SearchPort {
  /** Every request posted, in order. */
  readonly sent: SearchRequest[] = [];
  /** True once terminated. */
  terminated = false;
  private readonly listeners = new Set<Listener>();
  postMessage(message: SearchRequest): void {
    this.sent.push(message);
  }
  addEventListener(_type: 'message', listener: Listener): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'message', listener: Listener): void {
    this.listeners.delete(listener);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Delivers a response to the hook as the worker would. */
  deliver(message: SearchResponse): void {
    for (const l of this.listeners) l(new MessageEvent('message', { data: message }));
  }
}

/** A worker stand-in running the real engine in-process, messages cloned and delivered asynchronously as a Worker's are. */
export class EnginePort extends ManualPort {
  /** The engine behind the port. */
  readonly engine: SearchEngine;
  constructor(cache: SearchCache) {
    super();
    this.engine = createSearchEngine({
      post: (m) => setTimeout(() => this.deliver(structuredClone(m)), 0),
      openCache: async () => cache,
    });
  }
  override postMessage(message: SearchRequest): void {
    super.postMessage(message);
    const copy = structuredClone(message);
    setTimeout(() => void this.engine.handle(copy), 0);
  }
}
