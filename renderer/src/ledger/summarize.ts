// What one ledger entry changed, in one line for the Ledger view (moved here from app/Desk.tsx so the
// panel that lists entries owns the wording).
import { fromEntryLine } from '../../../shared/ledger/entry.ts';

/** One line saying what a ledger entry changed, from its canonical line; never throws. */
export function summarizeEntry(type: string, line: string): string {
  const parsed = fromEntryLine(line);
  if (!parsed.ok) return type;
  const e = parsed.value;
  switch (e.type) {
    case 'workspace.created':
      return `Workspace “${e.payload.workspace.name}” created`;
    case 'workspace.renamed':
      return `Renamed “${e.payload.from}” → “${e.payload.to}”`;
    case 'workspace.key-added':
      return `Signing key ${e.payload.publicKey.slice(0, 12)}… added (${e.payload.reason}), continuing from checkpoint of ${e.payload.previous.size} entries`;
    case 'draft.imported':
    case 'draft.revised':
      return `Draft “${e.payload.draft.title}”: ${e.payload.claims.length} claims`;
    case 'source.added':
      return `Source ${e.payload.source.fileName} (${e.payload.source.sha256.slice(0, 12)})`;
    case 'passage.created':
      return `Passage “${e.payload.passage.selectors.quote.exact.slice(0, 60)}”`;
    case 'evidence.attached':
      return `Evidence ${e.payload.evidence.relation} claim ${e.payload.evidence.claimId.slice(0, 8)}`;
    case 'claim.status-set':
      return `Claim ${e.payload.claimId.slice(0, 8)}: ${e.payload.from} → ${e.payload.to}`;
    case 'claim.split':
      return `Claim ${e.payload.claimId.slice(0, 8)} split in ${e.payload.claims.length}`;
    case 'claim.merged':
      return `${e.payload.claimIds.length} claims merged`;
    case 'claim.marker-moved':
      return `Marker at ${e.payload.offset} moved to claim ${e.payload.toClaimId.slice(0, 8)}`;
    case 'claim.note-set':
      return `Note of claim ${e.payload.claimId.slice(0, 8)}: “${e.payload.to.slice(0, 60)}”`;
    case 'evidence.detached':
      return `Evidence ${e.payload.evidenceId.slice(0, 8)} detached`;
    case 'reference.bound':
      return `Reference [${e.payload.reference.ref}] bound to ${e.payload.reference.sourceSha256?.slice(0, 12) ?? ''}`;
    case 'source.recording-set':
      return `Recording ${e.payload.to?.slice(0, 12) ?? 'removed'} for transcript ${e.payload.transcriptSha256.slice(0, 12)}`;
    case 'passage.reanchored':
      return `Passage ${e.payload.passageId.slice(0, 8)} re-anchored (${e.payload.how}) in ${e.payload.toSha256.slice(0, 12)}`;
    case 'packet.exported':
      return `Packet ${e.payload.fileName}: ${e.payload.claims} claims, ${e.payload.evidence} evidence`;
    case 'workspace.restored':
      return e.payload.how === 'new-workspace'
        ? `Restored as a new workspace from ${e.payload.backup} (${e.payload.size} entries)`
        : `Restored in place from ${e.payload.backup}: ${e.payload.appended} lost entries appended`;
    default:
      return type;
  }
}
