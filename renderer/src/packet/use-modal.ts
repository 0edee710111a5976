// Opens a <dialog> as a modal when mounted (an `open` attribute where showModal is missing, as in
// jsdom) and turns Escape's `cancel` into the caller's close, unless `busy` says a step must finish.
import { useEffect, useRef, type RefObject } from 'react';

/** A ref for a <dialog> that is shown modally on mount and calls `onClose` on Escape when not busy; never throws. */
export function useModal(onClose: () => void, busy: boolean): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  const state = useRef({ onClose, busy });
  state.current = { onClose, busy };
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (typeof dialog.showModal === 'function' && !dialog.open) dialog.showModal();
    else dialog.setAttribute('open', '');
    const onCancel = (e: Event) => {
      e.preventDefault();
      if (!state.current.busy) state.current.onClose();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => dialog.removeEventListener('cancel', onCancel);
  }, []);
  return ref;
}
