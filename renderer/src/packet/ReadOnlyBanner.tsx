// The banner of an imported copy: it holds a packet's ledger and checkpoint but not the key that
// signed them, so it cannot sign new checkpoints (store/import-ledger.ts says why).
import { useLiveQuery } from 'dexie-react-hooks';
import type { DeskDb } from '../store/db.ts';
import { canSignCheckpoints } from '../store/import-ledger.ts';

/** Text of the banner. */
export const READ_ONLY_TEXT =
  'Imported read-only: this copy cannot sign new checkpoints. It can be verified and exported again exactly as imported; changes made here could not be signed or exported.';

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
