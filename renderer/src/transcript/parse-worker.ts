/// <reference lib="webworker" />
// Parses one transcript off the UI thread (issue 7: the UI never freezes during import): a ten-hour
// WebVTT file takes a few hundred milliseconds to decode, parse and index.
import { parseTranscript } from '../../../shared/transcript/index.ts';
import type { ParseRequest, ParseResponse } from './parse-client.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.addEventListener('message', (event: MessageEvent<ParseRequest>) => {
  const { fileName, bytes } = event.data;
  let response: ParseResponse;
  try {
    response = parseTranscript(fileName, bytes);
  } catch (error: unknown) {
    response = { ok: false, error: `${fileName}: the transcript reader stopped (${error instanceof Error ? error.message : String(error)})` };
  }
  scope.postMessage(response);
});
