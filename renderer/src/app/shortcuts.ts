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
      { keys: 'Tab / Shift+Tab', action: 'Move between controls and panes' },
    ],
  },
];
