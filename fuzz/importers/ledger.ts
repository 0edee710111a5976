// Adapter: importing a ledger (data/ledger.jsonl of a packet): shared/packet parseLedger, which validates
// every line with shared/ledger/entry.ts fromEntryLine (JSON, schema, size limits, canonical form).
import { parseLedger } from '../../shared/packet/packet.ts';
import type { AdapterOutcome, FuzzInput } from '../protocol.ts';

/** Parses the bytes as ledger.jsonl; a rejection is the error Result naming the line. */
export function run(input: FuzzInput): Promise<AdapterOutcome> {
  const parsed = parseLedger(input.bytes);
  return Promise.resolve(parsed.ok ? { kind: 'accepted' } : { kind: 'rejected', message: parsed.error });
}
