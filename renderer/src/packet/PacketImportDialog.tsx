// Importing a packet into a new workspace (issue 8 items 4 and 6): pick a .zip, read it through the
// trust boundary, verify it in full, and only then store it. A failure is shown with the check and the
// entry that failed, and nothing is written.
import { useState } from 'react';
import type { PacketCheck } from '../../../shared/packet/verify.ts';
import type { Host } from '../host/host.ts';
import type { RegistryDb } from '../store/workspaces.ts';
import { importPacket, type ImportPhase } from './import.ts';
import { useModal } from './use-modal.ts';

/** Words for each import phase. */
export const IMPORT_PHASE_LABELS: Readonly<Record<ImportPhase, string>> = {
  reading: 'Reading the packet…',
  verifying: 'Verifying manifests, ledger, signature, proofs and quotes…',
  storing: 'Storing the new workspace…',
};

/** Props of the packet import dialog. */
export interface PacketImportDialogProps {
  /** Picks the .zip. */
  host: Pick<Host, 'pickFiles'>;
  /** The workspace registry the new workspace is listed in. */
  registry: RegistryDb;
  /** Opens the imported workspace (by registry id). */
  onOpen(id: string): void;
  /** Closes the dialog. */
  onClose(): void;
}

/** Picks, verifies and imports a packet as a new workspace that continues its ledger. */
export function PacketImportDialog({ host, registry, onOpen, onClose }: PacketImportDialogProps) {
  const [phase, setPhase] = useState<ImportPhase | null>(null);
  const [failure, setFailure] = useState<{ error: string; checks: PacketCheck[] } | null>(null);
  const [imported, setImported] = useState<{ id: string; name: string; size: number } | null>(null);
  const ref = useModal(onClose, phase !== null);

  const choose = async () => {
    setFailure(null);
    setImported(null);
    const picked = await host.pickFiles({ title: 'Import evidence packet', filters: [{ name: 'Evidence packet', extensions: ['zip'] }], multiple: false });
    if (!picked.ok) {
      setFailure({ error: picked.error, checks: [] });
      return;
    }
    const file = picked.value[0];
    if (file === undefined) return;
    try {
      const result = await importPacket(registry, file.bytes, { onPhase: setPhase });
      if (!result.ok) setFailure({ error: `${file.name}: ${result.error}`, checks: result.verification?.checks ?? [] });
      else {
        result.value.db.close();
        setImported({ id: result.value.id, name: result.value.name, size: result.value.size });
      }
    } finally {
      setPhase(null);
    }
  };

  return (
    <dialog ref={ref} className="dialog packet-import-dialog" aria-labelledby="packet-import-title">
      <h2 id="packet-import-title">Import evidence packet</h2>
      <p className="muted">
        The packet is verified in full before anything is stored. It becomes a new workspace holding the packet&apos;s ledger and checkpoint, and a signing key of its own: the first change made there
        announces that key in the ledger, with the packet&apos;s checkpoint as proof of what it continues, so work goes on and later packets verify.
      </p>
      {phase && (
        <p role="status">
          <progress aria-label="Import progress" /> {IMPORT_PHASE_LABELS[phase]}
        </p>
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
      {imported && (
        <p role="status">
          Imported as “{imported.name}”: {imported.size} ledger entries, verified.{' '}
          <button type="button" onClick={() => onOpen(imported.id)}>
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
