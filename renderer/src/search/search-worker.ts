/// <reference lib="webworker" />
// Holds the search index off the UI thread (issue 7: the UI never freezes during search or import).
import { openSearchCache } from './search-cache.ts';
import { createSearchEngine } from './search-engine.ts';
import type { SearchRequest, SearchResponse } from './search-protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const engine = createSearchEngine({
  post: (message: SearchResponse) => scope.postMessage(message),
  openCache: (workspaceId) => openSearchCache(workspaceId),
});

scope.addEventListener('message', (event: MessageEvent<SearchRequest>) => void engine.handle(event.data));
