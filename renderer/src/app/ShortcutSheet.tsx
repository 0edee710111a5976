import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './shortcuts.ts';

/** The keyboard shortcut sheet, a modal dialog closed by Esc or its button. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // jsdom lacks showModal; the open attribute keeps the sheet usable there and in old engines.
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    const onCancel = (event: Event) => {
      event.preventDefault();
      onClose();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => dialog.removeEventListener('cancel', onCancel);
  }, [onClose]);
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
