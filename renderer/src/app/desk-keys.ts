// The desk's own keyboard shortcuts (issue 7: keyboard-first), decided apart from the DOM so the rules
// can be tested: F6 / Shift+F6 move focus between the three panes from anywhere; the letters act only
// when the user is not typing and no viewer has already used the key (defaultPrevented). Viewer keys
// (H, J/K/L, Space, Ctrl+F) and the claims list's arrows are handled where they belong.
import type { EvidenceRelation } from '../../../shared/types/domain.ts';
import { RELATION_UI } from '../evidence/EvidencePane.tsx';

/** What a key press asks the desk to do. */
export type DeskKeyAction =
  | { kind: 'focus-pane'; step: 1 | -1 }
  | { kind: 'attach'; relation: EvidenceRelation }
  | { kind: 'focus-status' }
  | { kind: 'references' }
  | { kind: 'ledger' }
  | { kind: 'import-draft' }
  | { kind: 'add-sources' }
  | { kind: 'export' }
  | { kind: 'find-in-source' };

/** The parts of a KeyboardEvent the decision needs. */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
}

/** Single-letter shortcuts (no modifier but Shift where the key itself says so). */
const LETTERS: Readonly<Record<string, DeskKeyAction>> = {
  s: { kind: 'focus-status' },
  r: { kind: 'references' },
  L: { kind: 'ledger' },
  i: { kind: 'import-draft' },
  a: { kind: 'add-sources' },
  e: { kind: 'export' },
};

/** The action a key press asks for, or null; `typing` is true when focus is in a text field or a select; never throws. */
export function deskKeyAction(press: KeyPress, typing: boolean): DeskKeyAction | null {
  // Ctrl/Cmd+F that no viewer took (the focus was elsewhere): find in the open source, not the browser's find.
  if ((press.ctrlKey || press.metaKey) && !press.altKey && !press.shiftKey && press.key.toLowerCase() === 'f') return press.defaultPrevented ? null : { kind: 'find-in-source' };
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.key === 'F6') return { kind: 'focus-pane', step: press.shiftKey ? -1 : 1 };
  if (typing || press.defaultPrevented) return null;
  const relation = (Object.keys(RELATION_UI) as EvidenceRelation[]).find((r) => RELATION_UI[r].key === press.key);
  if (relation) return { kind: 'attach', relation };
  return LETTERS[press.key] ?? null;
}

/**
 * Opens the find bar of the open source's viewer (the element marked data-find-target) by giving it the
 * Ctrl/Cmd+F it handles; returns whether the viewer took it (false when none is open); never throws.
 */
export function openSourceFind(doc: Document, press: Pick<KeyPress, 'ctrlKey' | 'metaKey'>): boolean {
  const viewer = doc.querySelector<HTMLElement>('[data-find-target]');
  // The handed-on key bubbles back up to the desk's own listener: it must not be handed on again.
  if (!viewer || handingOn) return false;
  handingOn = true;
  try {
    return !viewer.dispatchEvent(new KeyboardEvent('keydown', { key: 'f', ctrlKey: press.ctrlKey, metaKey: press.metaKey, bubbles: true, cancelable: true }));
  } finally {
    handingOn = false;
  }
}
let handingOn = false;

/** The headings' ids of the desk's panes, in focus order (claims, source viewer or ledger, evidence). */
export const PANE_HEADING_IDS = ['claims-heading', 'source-heading', 'evidence-heading'] as const;

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Moves focus to the next (or previous) pane: into its list when it has one (the claims list), else its
 * first control, else the pane itself; returns the pane focused, or null when there is none; never throws.
 */
export function focusPane(doc: Document, step: 1 | -1): HTMLElement | null {
  const panes = PANE_HEADING_IDS.map((id) => doc.querySelector<HTMLElement>(`section[aria-labelledby="${id}"]`)).filter((p): p is HTMLElement => p !== null);
  if (panes.length === 0) return null;
  const active = doc.activeElement;
  const current = panes.findIndex((p) => active !== null && p.contains(active));
  const index = current === -1 ? (step === 1 ? 0 : panes.length - 1) : (current + step + panes.length) % panes.length;
  const pane = panes[index]!;
  const target = pane.querySelector<HTMLElement>('[role="listbox"]') ?? pane.querySelector<HTMLElement>(FOCUSABLE);
  if (target) target.focus();
  else {
    pane.tabIndex = -1;
    pane.focus();
  }
  return pane;
}
