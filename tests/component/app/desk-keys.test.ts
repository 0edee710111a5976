import { describe, expect, it } from 'vitest';
import { deskKeyAction, focusPane, openSourceFind, type KeyPress } from '../../../renderer/src/app/desk-keys.ts';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, defaultPrevented: false, ...extra });

describe("the desk's keyboard shortcuts", () => {
  it('maps each letter and number to its action when not typing', () => {
    expect(deskKeyAction(press('1'), false)).toEqual({ kind: 'attach', relation: 'supports' });
    expect(deskKeyAction(press('2'), false)).toEqual({ kind: 'attach', relation: 'contradicts' });
    expect(deskKeyAction(press('3'), false)).toEqual({ kind: 'attach', relation: 'context' });
    expect(deskKeyAction(press('s'), false)).toEqual({ kind: 'focus-status' });
    expect(deskKeyAction(press('r'), false)).toEqual({ kind: 'references' });
    expect(deskKeyAction(press('L', { shiftKey: true }), false)).toEqual({ kind: 'ledger' });
    expect(deskKeyAction(press('i'), false)).toEqual({ kind: 'import-draft' });
    expect(deskKeyAction(press('a'), false)).toEqual({ kind: 'add-sources' });
    expect(deskKeyAction(press('e'), false)).toEqual({ kind: 'export' });
    expect(deskKeyAction(press('l'), false)).toBeNull(); // plain L is the transcript's "forward"
    expect(deskKeyAction(press('x'), false)).toBeNull();
  });

  it('leaves keys alone while typing, with a modifier, or when a viewer already used them; F6 works anywhere', () => {
    expect(deskKeyAction(press('1'), true)).toBeNull();
    expect(deskKeyAction(press('s', { ctrlKey: true }), false)).toBeNull();
    expect(deskKeyAction(press('e', { metaKey: true }), false)).toBeNull();
    expect(deskKeyAction(press('r', { altKey: true }), false)).toBeNull();
    expect(deskKeyAction(press('L', { shiftKey: true, defaultPrevented: true }), false)).toBeNull();
    expect(deskKeyAction(press('F6'), true)).toEqual({ kind: 'focus-pane', step: 1 });
    expect(deskKeyAction(press('F6', { shiftKey: true }), false)).toEqual({ kind: 'focus-pane', step: -1 });
    expect(deskKeyAction(press('F6', { ctrlKey: true }), false)).toBeNull();
  });

  it('moves focus pane by pane, into the claims list, a first control, or the pane itself, and wraps around', () => {
    document.body.innerHTML = `
      <section aria-labelledby="claims-heading"><h2 id="claims-heading">Claims</h2><input aria-label="Search claims"><ul role="listbox" tabindex="0" aria-label="Claims"></ul></section>
      <section aria-labelledby="source-heading"><h2 id="source-heading">Source viewer</h2><p>No sources yet.</p></section>
      <section aria-labelledby="evidence-heading"><h2 id="evidence-heading">Evidence</h2><button disabled>Off</button><select aria-label="Status"></select></section>`;
    const claims = document.querySelector<HTMLElement>('[role="listbox"]')!;
    const source = document.querySelector<HTMLElement>('section[aria-labelledby="source-heading"]')!;
    const status = document.querySelector<HTMLElement>('select')!;
    focusPane(document, 1);
    expect(document.activeElement).toBe(claims);
    focusPane(document, 1);
    expect(document.activeElement).toBe(source);
    focusPane(document, 1);
    expect(document.activeElement).toBe(status);
    focusPane(document, 1);
    expect(document.activeElement).toBe(claims);
    focusPane(document, -1);
    expect(document.activeElement).toBe(status);
    document.body.innerHTML = '';
    expect(focusPane(document, 1)).toBeNull();
  });
});

describe('Ctrl/Cmd+F outside the viewer', () => {
  it('asks for the open source’s find unless a viewer already took the key', () => {
    expect(deskKeyAction(press('f', { ctrlKey: true }), false)).toEqual({ kind: 'find-in-source' });
    expect(deskKeyAction(press('F', { metaKey: true }), true)).toEqual({ kind: 'find-in-source' });
    expect(deskKeyAction(press('f', { ctrlKey: true, defaultPrevented: true }), false)).toBeNull();
    expect(deskKeyAction(press('f', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
  });

  it('hands the key to the element marked data-find-target, once, and says whether it was taken', () => {
    document.body.innerHTML = '<div data-find-target><input aria-label="Find"></div>';
    const viewer = document.querySelector<HTMLElement>('[data-find-target]')!;
    let seen = 0;
    viewer.addEventListener('keydown', (e) => {
      seen++;
      if (e.key === 'f' && e.ctrlKey) e.preventDefault();
    });
    // The desk listens on window: the handed-on key reaches it again and must not loop.
    const desk = (e: KeyboardEvent) => {
      if (deskKeyAction(e, false)?.kind === 'find-in-source') openSourceFind(document, e);
    };
    window.addEventListener('keydown', desk);
    expect(openSourceFind(document, { ctrlKey: true, metaKey: false })).toBe(true);
    expect(seen).toBe(1);
    const idle = document.createElement('div');
    idle.setAttribute('data-find-target', '');
    viewer.replaceWith(idle);
    expect(openSourceFind(document, { ctrlKey: true, metaKey: false })).toBe(false); // not taken: no loop either
    window.removeEventListener('keydown', desk);
    document.body.innerHTML = '';
    expect(openSourceFind(document, { ctrlKey: true, metaKey: false })).toBe(false);
  });
});
