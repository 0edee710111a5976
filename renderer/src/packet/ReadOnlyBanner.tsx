// The banner of a read-only imported copy: it holds a packet's ledger and checkpoint but no key of its
// own (imported before key handover existed, from a ledger with no checkpoint to hand over from, or
// where WebCrypto lacks Ed25519), so it cannot sign new checkpoints. A copy imported with a key of its
// own shows nothing: its first change hands signing over to that key (store/import-ledger.ts).
import { useLiveQuery } from 'dexie-react-hooks';
import type { DeskDb } from '../store/db.ts';
import { canSignCheckpoints } from '../store/import-ledger.ts';

/** Text of the banner. */
export const READ_ONLY_TEXT =
  'Imported read-only: this copy holds no signing key of its own, so it cannot sign new checkpoints. It can be verified and exported again exactly as imported; changes made here could not be signed or exported.';

/** Shows the read-only banner when the workspace holds no key its ledger names; renders nothing otherwise or while loading. */
export function ReadOnlyBanner({ db }: { db: DeskDb }) {
  const canSign = useLiveQuery(() => canSignCheckpoints(db), [db]);
  if (canSign !== false) return null;
  return (
    <p role="note" className="read-only-banner">
      {READ_ONLY_TEXT}
    </p>
  );
}
