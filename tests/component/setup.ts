import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());

// findBy*/waitFor wait up to 5 s: live queries settle through IndexedDB, which is slow on a loaded CI box.
configure({ asyncUtilTimeout: 5000 });

// jsdom has no layout: ResizeObserver is absent. Virtualized lists observe their scroll element with it;
// this minimal one reports nothing, so they fall back to their initial rectangle.
if (typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver;
}

// jsdom computes no layout, so every element measures 0×0 and virtualized lists would render nothing.
// Give scroll containers (listbox, list, grid, feed, log roles) a viewport-sized box and other elements
// a row-sized one, so virtualization runs its real windowing logic in component tests.
const SCROLL_ROLES = new Set(['listbox', 'list', 'grid', 'feed', 'log']);
function layoutSize(el: HTMLElement): { width: number; height: number } {
  return SCROLL_ROLES.has(el.getAttribute('role') ?? '') ? { width: 1000, height: 800 } : { width: 1000, height: 40 };
}
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get(this: HTMLElement) { return layoutSize(this).height; } });
Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get(this: HTMLElement) { return layoutSize(this).width; } });
Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get(this: HTMLElement) { return layoutSize(this).height; } });
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get(this: HTMLElement) { return layoutSize(this).width; } });
HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
  const { width, height } = layoutSize(this);
  return { x: 0, y: 0, top: 0, left: 0, right: width, bottom: height, width, height, toJSON: () => ({}) } as DOMRect;
};
