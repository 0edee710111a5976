import { SEARCH_SHORTCUT_GROUP } from '../search/SearchPanel.tsx';

/** One keyboard shortcut shown on the shortcut sheet. */
export interface Shortcut {
  /** Keys as written for people, e.g. `Ctrl+F`. */
  keys: string;
  /** What it does. */
  action: string;
}

/** Every shortcut of the app, grouped for the sheet (`?`). Keep in step with the handlers. */
export const SHORTCUTS: { group: string; items: Shortcut[] }[] = [
  {
    group: 'Anywhere',
    items: [
      { keys: '?', action: 'Show this sheet' },
      { keys: 'Esc', action: 'Close a dialog' },
      { keys: 'F6 / Shift+F6', action: 'Move to the next or previous pane (claims, source viewer, evidence)' },
      { keys: 'Tab / Shift+Tab', action: 'Move between controls' },
      { keys: 'I', action: 'Import a draft' },
      { keys: 'A', action: 'Add sources' },
      { keys: 'R', action: 'References: bind reference numbers to sources, import a reference list' },
      { keys: 'Shift+L', action: 'Show or hide the ledger' },
      { keys: 'E', action: 'Export a packet' },
      { keys: '← / → on a splitter', action: 'Resize the claims or evidence pane (Home resets)' },
    ],
  },
  {
    group: 'Claims',
    items: [
      { keys: '↓ / ↑ or J / K', action: 'Select the next or previous claim (in the claims list)' },
      { keys: 'Home / End', action: 'First or last claim' },
    ],
  },
  {
    group: 'Evidence',
    items: [
      { keys: '1', action: 'Attach the highlighted passage to the selected claim as supporting' },
      { keys: '2', action: 'Attach it as contradicting' },
      { keys: '3', action: 'Attach it as context' },
      { keys: 'S', action: "Go to the selected claim's status (choose, then Enter sets it)" },
      { keys: 'Delete on an evidence item', action: 'Detach it (the ledger keeps it)' },
    ],
  },
  {
    group: 'PDF viewer',
    items: [
      { keys: 'H', action: 'Highlight the selection (or the current find result)' },
      { keys: 'Ctrl/Cmd+F', action: 'Find in the document' },
      { keys: 'F3 / Ctrl+G', action: 'Next find result' },
      { keys: 'Ctrl+Enter (in find)', action: 'Highlight the current result' },
      { keys: 'Ctrl/Cmd + / − / 0', action: 'Zoom in, out, fit width' },
    ],
  },
  {
    group: 'Transcript',
    items: [
      { keys: 'Space or K', action: 'Play or pause the recording' },
      { keys: 'J / ←', action: 'Back 5 seconds' },
      { keys: 'L / →', action: 'Forward 5 seconds' },
      { keys: 'H', action: 'Highlight the selection' },
      { keys: 'Ctrl/Cmd+F', action: 'Find in the transcript' },
    ],
  },
  SEARCH_SHORTCUT_GROUP,
];
