// Importing a packet (issue 8 items 4 and 6): pick a .zip, read it through the trust boundary, verify it
// in full, and only then store it, as a new workspace or, when the workspace it came from (or a copy of
// it) is on this computer, into that one. Continuing is append-only (import.ts): it appends the entries
// the workspace lacks, or changes nothing when it holds them all, and refuses a packet whose ledger
// differs from the workspace's. A failure is shown with the check and the entry that failed, and nothing
// is written.
import { useState } from 'react';
import type { PacketCheck } from '../../../shared/packet/verify.ts';
import type { Workspace } from '../../../shared/types/events.ts';
import type { Host } from '../host/host.ts';
import type { DeskDb } from '../store/db.ts';
import { openWorkspace, type RegistryDb } from '../store/workspaces.ts';
import {
  continueWithVerifiedPacket,
  findLedgerWorkspaces,
  importVerifiedPacket,
  packetWorkspace,
  readVerifiedPacket,
  type ImportPhase,
  type LedgerWorkspaceListing,
  type VerifiedPacket,
} from './import.ts';
import { useModal } from './use-modal.ts';

/** Words for each import phase. */
export const IMPORT_PHASE_LABELS: Readonly<Record<ImportPhase, string>> = {
  reading: 'Reading the packet…',
  verifying: 'Verifying manifests, ledger, signature, proofs and quotes…',
  storing: 'Storing the new workspace…',
  appending: 'Appending the entries the workspace lacks…',
};

/** The label of the choice that continues a registered workspace with the packet. */
export function continueLabel(target: LedgerWorkspaceListing): string {
  return target.origin ? 'Continue the workspace it came from' : `Continue the copy “${target.name}”`;
}

/** Props of the packet import dialog. */
export interface PacketImportDialogProps {
  /** Picks the .zip. */
  host: Pick<Host, 'pickFiles'>;
  /** The workspace registry the new workspace is listed in, and where the workspace a packet came from is looked for. */
  registry: RegistryDb;
  /** Opens the imported or continued workspace (by registry id). */
  onOpen(id: string): void;
  /** Closes the dialog. */
  onClose(): void;
}

/** A verified packet whose workspace is on this computer: where to import it is the user's choice. */
interface Offer {
  fileName: string;
  verified: VerifiedPacket;
  workspace: Workspace;
  targets: LedgerWorkspaceListing[];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Picks and verifies a packet, then imports it as a new workspace that continues its ledger, or continues the workspace it came from. */
export function PacketImportDialog({ host, registry, onOpen, onClose }: PacketImportDialogProps) {
  const [phase, setPhase] = useState<ImportPhase | null>(null);
  const [failure, setFailure] = useState<{ error: string; checks: PacketCheck[] } | null>(null);
  const [offer, setOffer] = useState<Offer | null>(null);
  const [done, setDone] = useState<{ id: string; text: string } | null>(null);
  const ref = useModal(onClose, phase !== null);

  const importAsNew = async (fileName: string, verified: VerifiedPacket) => {
    const result = await importVerifiedPacket(registry, verified, { onPhase: setPhase });
    if (!result.ok) {
      setFailure({ error: `${fileName}: ${result.error}`, checks: result.verification?.checks ?? [] });
      return;
    }
    result.value.db.close();
    setOffer(null);
    setDone({ id: result.value.id, text: `Imported as “${result.value.name}”: ${result.value.size} ledger entries, verified.` });
  };

  const continueInto = async ({ fileName, verified }: Offer, target: LedgerWorkspaceListing) => {
    let db: DeskDb | null = null;
    try {
      db = await openWorkspace(registry, target.id);
      const result = await continueWithVerifiedPacket(db, verified, { onPhase: setPhase });
      // The packet verified; what failed is the continuation, so the offer stays (a new workspace is still possible).
      if (!result.ok) setFailure({ error: `${fileName}: ${result.error}`, checks: [] });
      else {
        setOffer(null);
        const { outcome, message } = result.value;
        setDone({ id: target.id, text: outcome === 'appended' ? `Continued “${target.name}”: ${message}; verified.` : `“${target.name}”: ${message}.` });
      }
    } catch (error: unknown) {
      setFailure({ error: `“${target.name}” could not be opened: ${messageOf(error)}`, checks: [] });
    } finally {
      db?.close();
    }
  };

  const run = async (work: () => Promise<void>) => {
    setFailure(null);
    setDone(null);
    try {
      await work();
    } finally {
      setPhase(null);
    }
  };

  const choose = async () => {
    setOffer(null);
    setFailure(null);
    setDone(null);
    const picked = await host.pickFiles({ title: 'Import evidence packet', filters: [{ name: 'Evidence packet', extensions: ['zip'] }], multiple: false });
    if (!picked.ok) {
      setFailure({ error: picked.error, checks: [] });
      return;
    }
    const file = picked.value[0];
    if (file === undefined) return;
    await run(async () => {
      const verified = await readVerifiedPacket(file.bytes, setPhase);
      if (!verified.ok) {
        setFailure({ error: `${file.name}: ${verified.error}`, checks: verified.verification?.checks ?? [] });
        return;
      }
      const workspace = packetWorkspace(verified.value);
      const targets = workspace === null ? [] : await findLedgerWorkspaces(registry, workspace.id);
      if (workspace === null || targets.length === 0) await importAsNew(file.name, verified.value);
      else setOffer({ fileName: file.name, verified: verified.value, workspace, targets });
    });
  };

  const origin = offer?.targets.find((t) => t.origin);
  return (
    <dialog ref={ref} className="dialog packet-import-dialog" aria-labelledby="packet-import-title">
      <h2 id="packet-import-title">Import evidence packet</h2>
      <p className="muted">
        The packet is verified in full before anything is stored. It becomes a new workspace holding the packet&apos;s ledger and checkpoint, and a signing key of its own: the first change made there
        announces that key in the ledger, with the packet&apos;s checkpoint as proof of what it continues, so work goes on and later packets verify. When the workspace it came from is on this computer,
        you can continue that one instead.
      </p>
      {phase && (
        <p role="status">
          <progress aria-label="Import progress" /> {IMPORT_PHASE_LABELS[phase]}
        </p>
      )}
      {offer && (
        <section aria-label="Where to import" className="import-choice">
          <p>
            {offer.fileName} verifies: {offer.verified.contents.ledger.lines.length} ledger entries of the workspace “{offer.workspace.name}”,{' '}
            {origin ? `which is on this computer as “${origin.name}”` : 'of which this computer holds an imported copy'}.
          </p>
          <p className="muted">
            The ledger is append-only, so continuing a workspace removes nothing: it appends the packet&apos;s entries that the workspace lacks, with the packet&apos;s checkpoint and files, and keeps its
            own key and checkpoints. If it already holds every entry of the packet, nothing changes; if its ledger and the packet&apos;s differ at some entry, nothing changes either, and the packet can
            still be imported as a new workspace.
          </p>
          {offer.targets.map((target) => (
            <span key={target.id}>
              <button type="button" disabled={phase !== null} onClick={() => void run(() => continueInto(offer, target))}>
                {continueLabel(target)}
              </button>{' '}
            </span>
          ))}
          <button type="button" disabled={phase !== null} onClick={() => void run(() => importAsNew(offer.fileName, offer.verified))}>
            Import as a new workspace
          </button>{' '}
          <button type="button" disabled={phase !== null} onClick={() => setOffer(null)}>
            Cancel
          </button>
        </section>
      )}
      {failure && (
        <div role="alert" className="error">
          <p>Nothing was imported. {failure.error}</p>
          {failure.checks.length > 0 && (
            <ul aria-label="Verification checks">
              {failure.checks.map((c, i) => (
                <li key={`${c.name}-${i}`}>
                  {c.ok ? '✓' : '✗'} {c.name}: {c.detail}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {done && (
        <p role="status">
          {done.text}{' '}
          <button type="button" onClick={() => onOpen(done.id)}>
            Open it
          </button>
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" className="primary" disabled={phase !== null} onClick={() => void choose()}>
          Choose packet…
        </button>
        <button type="button" disabled={phase !== null} onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
