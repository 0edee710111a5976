// Which keyboard targets keep their own keys: the viewer's single-key shortcuts (Space, J, K, L, H, ← →)
// must never steal typing or a form control's own keys.

/** True for elements that use printable and arrow keys themselves: inputs of any type, textareas, selects, editable content; never throws. */
export function isKeyConsumer(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="textbox"], [role="combobox"], [role="slider"]')) return true;
  return false;
}

/** True for buttons and links, which Space activates natively; never throws. */
export function isSpaceActivated(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('button, a[href], summary') !== null;
}
