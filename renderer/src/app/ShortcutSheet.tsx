import { useModal } from '../packet/use-modal.ts';
import { SHORTCUTS } from './shortcuts.ts';

/** The keyboard shortcut sheet, a modal dialog closed by Esc or its button. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const ref = useModal(onClose, false);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="shortcut-sheet-title">
      <h2 id="shortcut-sheet-title">Keyboard shortcuts</h2>
      {SHORTCUTS.map((g) => (
        <section key={g.group} aria-label={g.group}>
          <h3>{g.group}</h3>
          <dl className="shortcut-list">
            {g.items.map((s) => (
              <div key={s.keys} className="shortcut-row">
                <dt>
                  <kbd>{s.keys}</kbd>
                </dt>
                <dd>{s.action}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <button type="button" onClick={onClose} autoFocus>
        Close
      </button>
    </dialog>
  );
}
