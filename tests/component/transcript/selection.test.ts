import { beforeEach, describe, expect, it } from 'vitest';
import { offsetOfBoundary, sourceRangeFromDom, sourceRangeFromSelection, cueTextElements } from '../../../renderer/src/transcript/selection.ts';

// Two cue rows as the viewer renders them: a timecode, a speaker, and the cue text split by marks. Cue 0
// holds source chars [100, 117) "Hello brave world"; cue 1 holds [118, 134) "Second cue here.".
function mount(): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = [
    '<div class="row" id="r0"><button id="t0">00:00:01.000</button><span id="s0">Alice</span>',
    '<div data-range-start="100" id="c0">Hello <mark id="m0">brave</mark> world</div></div>',
    '<div class="row" id="r1"><button id="t1">00:00:03.000</button><span id="s1">Bob</span>',
    '<div data-range-start="118" id="c1">Second <mark id="m1" data-passage-id="p">cue</mark> here.</div></div>',
  ].join('');
  document.body.replaceChildren(root);
  return root;
}

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`no #${id}`);
  return el;
}

function textIn(id: string, nth = 0): Text {
  const nodes = [...byId(id).childNodes].filter((n): n is Text => n.nodeType === Node.TEXT_NODE);
  const node = nodes[nth];
  if (!node) throw new Error(`no text node ${nth} in #${id}`);
  return node;
}

function domRange(startNode: Node, startOffset: number, endNode: Node, endOffset: number): Range {
  const range = document.createRange();
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  return range;
}

describe('selection to source offsets', () => {
  let root: HTMLElement;
  beforeEach(() => {
    root = mount();
  });

  it('maps a selection inside one cue, through a mark', () => {
    // "lo brave wo": from offset 3 of "Hello " to offset 3 of " world".
    expect(sourceRangeFromDom(root, domRange(textIn('c0'), 3, textIn('c0', 1), 3))).toEqual({ start: 103, end: 114 });
  });

  it('maps a selection across two cues to one range of the source text', () => {
    // From "brave" (inside the mark, offset 2 → "ave") to "Second c" in cue 1's mark.
    const range = domRange(byId('m0').firstChild!, 2, byId('m1').firstChild!, 1);
    expect(sourceRangeFromDom(root, range)).toEqual({ start: 108, end: 126 });
  });

  it('snaps a start on a timecode forward to the cue text, and an end on a speaker back to the previous text', () => {
    // From cue 0's timecode to cue 1's speaker name: all of cue 0's text.
    const range = domRange(byId('t0').firstChild!, 2, byId('s1').firstChild!, 1);
    expect(sourceRangeFromDom(root, range)).toEqual({ start: 100, end: 117 });
  });

  it('maps element boundary points (as triple-click selections give)', () => {
    expect(sourceRangeFromDom(root, domRange(byId('c1'), 0, byId('c1'), byId('c1').childNodes.length))).toEqual({ start: 118, end: 134 });
  });

  it('gives null for a selection that covers no cue text', () => {
    expect(sourceRangeFromDom(root, domRange(byId('t1').firstChild!, 0, byId('s1').firstChild!, 2))).toBeNull();
    expect(sourceRangeFromDom(root, domRange(textIn('c0'), 2, textIn('c0'), 2))).toBeNull();
  });

  it('gives null on either side when there is no cue text there', () => {
    const texts = cueTextElements(root);
    expect(texts.map((t) => t.id)).toEqual(['c0', 'c1']);
    expect(offsetOfBoundary(texts, { node: byId('s1').firstChild!, offset: 0 }, 'start')).toBe(118);
    expect(offsetOfBoundary(texts, { node: byId('t0').firstChild!, offset: 0 }, 'end')).toBeNull();
    expect(offsetOfBoundary([], { node: root, offset: 0 }, 'start')).toBeNull();
  });

  it('reads the document selection only when it lies within the root', () => {
    const selection = document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(domRange(textIn('c0'), 0, textIn('c1', 1), 2));
    expect(sourceRangeFromSelection(root, selection)).toEqual({ start: 100, end: 130 });
    const outside = document.createElement('p');
    outside.textContent = 'elsewhere';
    document.body.append(outside);
    selection.removeAllRanges();
    selection.addRange(domRange(textIn('c0'), 0, outside.firstChild!, 3));
    expect(sourceRangeFromSelection(root, selection)).toBeNull();
    selection.removeAllRanges();
    expect(sourceRangeFromSelection(root, selection)).toBeNull();
  });
});
