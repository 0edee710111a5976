import { createRef } from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Passage } from '../../../shared/types/domain.ts';
import type { SourceText } from '../../../shared/types/text.ts';
import { parseTranscript } from '../../../shared/transcript/index.ts';
import { TranscriptViewer, type TranscriptViewerHandle, type TranscriptViewerProps } from '../../../renderer/src/transcript/TranscriptViewer.tsx';
import { makeLongTranscript, makePassage, makeTranscript } from './make-transcript.ts';

// jsdom loads and plays no media: play() and pause() are stubbed to flip `paused` and fire the events a
// browser fires, so the tests check the viewer's wiring to a real HTMLMediaElement's properties and events.
let playSpy: ReturnType<typeof vi.spyOn>;
let pauseSpy: ReturnType<typeof vi.spyOn>;

function setPaused(media: HTMLMediaElement, paused: boolean): void {
  Object.defineProperty(media, 'paused', { configurable: true, get: () => paused });
  media.dispatchEvent(new Event(paused ? 'pause' : 'play'));
}

beforeEach(() => {
  playSpy = vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
    setPaused(this, false);
    return Promise.resolve();
  });
  pauseSpy = vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(function (this: HTMLMediaElement) {
    setPaused(this, true);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

const small = makeTranscript([
  { start: 0, end: 2, speaker: 'Alice', words: 'Thanks for coming in today.' },
  { start: 2, end: 4.2, speaker: 'Bob', words: 'Happy to be here, Alice.' },
  { start: 4.2, end: 9.5, speaker: 'Alice', words: 'Let us talk about the budget.' },
  { start: 9.5, end: 12, speaker: null, words: '[crosstalk]' },
  { start: 12, end: 15, speaker: 'Bob', words: 'The budget grew by ten percent.' },
]);

function renderViewer(props: Partial<TranscriptViewerProps> & { sourceText?: SourceText } = {}) {
  const onCreateSelection = vi.fn();
  const onPassageClick = vi.fn();
  const result = render(
    <TranscriptViewer
      sourceText={small}
      mediaUrl="blob:http://localhost/recording"
      passages={[]}
      onCreateSelection={onCreateSelection}
      onPassageClick={onPassageClick}
      {...props}
    />,
  );
  return { ...result, onCreateSelection, onPassageClick };
}

function media(): HTMLMediaElement {
  const el = screen.getByLabelText('Recording');
  if (!(el instanceof HTMLMediaElement)) throw new Error('the Recording is not a media element');
  return el;
}

function rowOf(cueLabel: string): HTMLElement {
  const row = screen.getByRole('button', { name: cueLabel }).closest<HTMLElement>('[role="listitem"]');
  if (!row) throw new Error(`no row for ${cueLabel}`);
  return row;
}

function timeUpdate(t: number): void {
  const el = media();
  el.currentTime = t;
  fireEvent.timeUpdate(el);
}

/** Gives the cue list a scroll position that scrollTo moves, as a browser does, so the virtualizer follows it. */
function scrollableList(): { scroller: HTMLElement; scrollCalls: number[] } {
  const scroller = screen.getByRole('list', { name: 'Cues' });
  let top = 0;
  const scrollCalls: number[] = [];
  Object.defineProperty(scroller, 'scrollTop', { configurable: true, get: () => top, set: (v: number) => void (top = v) });
  // The scrollable height is the sized inner element's height, as layout would make it.
  Object.defineProperty(scroller, 'scrollHeight', {
    configurable: true,
    get: () => Number.parseFloat(scroller.querySelector<HTMLElement>('.tv-list')?.style.height ?? '0'),
  });
  scroller.scrollTo = ((options: ScrollToOptions) => {
    top = options.top ?? top;
    scrollCalls.push(top);
    // Browsers fire scroll events after the write, not inside it.
    setTimeout(() => scroller.dispatchEvent(new Event('scroll')), 0);
  }) as typeof scroller.scrollTo;
  return { scroller, scrollCalls };
}

describe('TranscriptViewer: cues', () => {
  it('lists cues with timecode and speaker, and labels each timecode button with the cue number and time', () => {
    renderViewer();
    const list = screen.getByRole('list', { name: 'Cues' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(5);
    expect(within(rows[1]!).getByRole('button', { name: 'Cue 2 at 00:00:02.000' })).toHaveTextContent('00:00:02.000');
    expect(rows[1]).toHaveTextContent('Bob');
    expect(rows[1]).toHaveTextContent('Happy to be here, Alice.');
    expect(screen.getByText('5 cues')).toBeInTheDocument();
  });

  it('renders a bounded number of rows for a 20,000-cue transcript', () => {
    renderViewer({ sourceText: makeLongTranscript(20_000) });
    const rows = screen.getAllByRole('listitem');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(100);
    expect(rows[0]).toHaveAttribute('aria-setsize', '20000');
    expect(screen.getByRole('button', { name: 'Cue 1 at 00:00:00.000' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cue 20000 at 13:53:17.500' })).not.toBeInTheDocument();
  });

  it('filters cues by speaker', async () => {
    const user = userEvent.setup();
    renderViewer();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by speaker' }), 'Bob');
    const rows = screen.getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toHaveTextContent('Bob');
    expect(screen.getByText('2 of 5 cues')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by speaker' }), 'No speaker named');
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByRole('listitem')).toHaveTextContent('[crosstalk]');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by speaker' }), 'All speakers');
    expect(screen.getAllByRole('listitem')).toHaveLength(5);
  });
});

describe('TranscriptViewer: find', () => {
  it('opens with Ctrl+F, counts and highlights hits, and steps to next and previous with wrap-around', async () => {
    const user = userEvent.setup();
    renderViewer();
    screen.getByRole('list', { name: 'Cues' }).focus();
    await user.keyboard('{Control>}f{/Control}');
    const input = screen.getByRole('searchbox', { name: 'Find in transcript' });
    await vi.waitFor(() => expect(input).toHaveFocus());
    await user.type(input, 'budget');
    const status = screen.getByRole('status');
    await vi.waitFor(() => expect(status).toHaveTextContent('1 of 2'));
    const current = () => document.querySelector('mark[aria-current="true"]');
    expect(current()).toHaveTextContent('budget');
    expect(current()!.closest('[role="listitem"]')).toHaveTextContent('Let us talk about the budget.');

    await user.click(screen.getByRole('button', { name: 'Next match' }));
    expect(status).toHaveTextContent('2 of 2');
    expect(current()!.closest('[role="listitem"]')).toHaveTextContent('The budget grew');
    await user.click(screen.getByRole('button', { name: 'Next match' }));
    expect(status).toHaveTextContent('1 of 2');
    await user.click(screen.getByRole('button', { name: 'Previous match' }));
    expect(status).toHaveTextContent('2 of 2');
    // Enter and Shift+Enter in the field step too.
    await user.type(input, '{Enter}');
    expect(status).toHaveTextContent('1 of 2');
    await user.type(input, '{Shift>}{Enter}{/Shift}');
    expect(status).toHaveTextContent('2 of 2');
    expect(document.querySelectorAll('mark.tv-hit')).toHaveLength(2);
  });

  it('finds only in the cues the speaker filter shows, and says when nothing matches', async () => {
    const user = userEvent.setup();
    renderViewer();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by speaker' }), 'Alice');
    await user.click(screen.getByRole('button', { name: 'Find' }));
    const input = screen.getByRole('searchbox', { name: 'Find in transcript' });
    await user.type(input, 'budget');
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('1 of 1'));
    await user.clear(input);
    await user.type(input, 'zebra');
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('No matches'));
    expect(screen.getByRole('button', { name: 'Next match' })).toBeDisabled();
  });

  it('counts hits across a line break inside a cue and across cues, hides those in filtered-out cues, and ignores a blank query', async () => {
    const user = userEvent.setup();
    renderViewer({
      sourceText: makeTranscript([
        { start: 0, end: 3, speaker: 'Alice', words: 'This is the first line\nsecond line of the cue.' },
        { start: 3, end: 5, speaker: 'Bob', words: 'Read the last line' },
        { start: 5, end: 8, speaker: 'Alice', words: 'second\u00A0time round.' },
      ]),
    });
    await user.click(screen.getByRole('button', { name: 'Find' }));
    const input = screen.getByRole('searchbox', { name: 'Find in transcript' });
    const status = screen.getByRole('status');
    await user.type(input, 'LINE  second');
    await vi.waitFor(() => expect(status).toHaveTextContent('1 of 2'));
    // The first hit runs over the cue's line break; the second over the end of one cue into the next,
    // painted as one mark in each cue.
    expect(document.querySelector('mark[data-hit="0"]')!.textContent).toBe('line\nsecond');
    const across = [...document.querySelectorAll('mark[data-hit="1"]')];
    expect(across.map((m) => m.textContent)).toEqual(['line', 'second']);
    expect(across.map((m) => m.closest('[role="listitem"]')!.getAttribute('data-cue-index'))).toEqual(['1', '2']);
    await user.click(screen.getByRole('button', { name: 'Next match' }));
    expect(status).toHaveTextContent('2 of 2');
    expect(document.querySelectorAll('mark[aria-current="true"]')).toHaveLength(2);

    // A hit that touches a cue the speaker filter hides is not counted.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by speaker' }), 'Alice');
    await vi.waitFor(() => expect(status).toHaveTextContent('1 of 1'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by speaker' }), 'All speakers');
    await vi.waitFor(() => expect(status).toHaveTextContent('1 of 2'));

    await user.clear(input);
    await user.type(input, '   ');
    await vi.waitFor(() => expect(status).toHaveTextContent(/^$/));
    expect(document.querySelectorAll('mark.tv-hit')).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Next match' })).toBeDisabled();
  });

  it('underlines the word being spoken where the transcript times its words, and nothing between words', () => {
    const parsed = parseTranscript('karaoke.vtt', new TextEncoder().encode('WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nNever <00:00:01.500>said <00:00:02.250>that.\n\n00:00:05.000 --> 00:00:07.000\nPlain cue.\n'));
    if (!parsed.ok) throw new Error(parsed.error);
    renderViewer({ sourceText: parsed.value.sourceText });
    const spoken = (): string[] => [...document.querySelectorAll('mark.tv-spoken')].map((m) => m.textContent ?? '');
    act(() => timeUpdate(1.2));
    expect(spoken()).toEqual(['Never']);
    act(() => timeUpdate(1.9));
    expect(spoken()).toEqual(['said']);
    act(() => timeUpdate(4.9));
    expect(spoken()).toEqual(['that.']);
    // The second cue has no word timings: its words are not marked.
    act(() => timeUpdate(6));
    expect(spoken()).toEqual([]);
  });

  it('keeps the first character typed right after Find opens (the field is focused and selected at once, not a frame later)', async () => {
    const user = userEvent.setup();
    renderViewer();
    // A click and a keystroke with no frame between them.
    fireEvent.click(screen.getByRole('button', { name: 'Find' }));
    const input = screen.getByRole('searchbox', { name: 'Find in transcript' });
    expect(input).toHaveFocus();
    await user.keyboard('L');
    // Past any frame callback: nothing selects the typed character afterwards.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await user.keyboard('INE');
    expect(input).toHaveValue('LINE');
  });

  it('moves to a hit far down a long transcript', async () => {
    const user = userEvent.setup();
    renderViewer({ sourceText: makeLongTranscript(20_000) });
    const { scrollCalls } = scrollableList();
    await user.click(screen.getByRole('button', { name: 'Find' }));
    await user.type(screen.getByRole('searchbox', { name: 'Find in transcript' }), 'number 15000 is');
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('1 of 1'));
    await vi.waitFor(() => expect(screen.getByText('number 15000 is', { selector: 'mark' })).toBeInTheDocument());
    expect(scrollCalls.at(-1)).toBeGreaterThan(0);
  });
});

describe('TranscriptViewer: playback', () => {
  it('seeks to a cue start and plays when its timecode is clicked', async () => {
    const user = userEvent.setup();
    renderViewer();
    await user.click(screen.getByRole('button', { name: 'Cue 3 at 00:00:04.200' }));
    expect(media().currentTime).toBe(4.2);
    expect(playSpy).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();
  });

  it('moves the current-cue highlight with timeupdate events', () => {
    renderViewer();
    timeUpdate(2.5);
    expect(rowOf('Cue 2 at 00:00:02.000')).toHaveAttribute('aria-current', 'time');
    expect(rowOf('Cue 1 at 00:00:00.000')).not.toHaveAttribute('aria-current');
    timeUpdate(13);
    expect(rowOf('Cue 5 at 00:00:12.000')).toHaveAttribute('aria-current', 'time');
    expect(rowOf('Cue 2 at 00:00:02.000')).not.toHaveAttribute('aria-current');
    expect(document.querySelectorAll('[aria-current="time"]')).toHaveLength(1);
  });

  it('follows playback down a long transcript, pauses following on a manual scroll, and resumes with a button', async () => {
    const user = userEvent.setup();
    renderViewer({ sourceText: makeLongTranscript(20_000) });
    const { scroller, scrollCalls } = scrollableList();
    await user.click(screen.getByRole('button', { name: 'Cue 1 at 00:00:00.000' }));
    // Cue 5001 starts at 12,500 s.
    act(() => timeUpdate(12_501));
    await vi.waitFor(() => expect(rowOf('Cue 5001 at 03:28:20.000')).toHaveAttribute('aria-current', 'time'));
    expect(scrollCalls.length).toBeGreaterThan(0);

    fireEvent.wheel(scroller, { deltaY: 300 });
    const resume = screen.getByRole('button', { name: 'Follow playback' });
    const callsBefore = scrollCalls.length;
    act(() => timeUpdate(25_001));
    expect(scrollCalls.length).toBe(callsBefore);
    expect(screen.queryByRole('button', { name: 'Cue 10001 at 06:56:40.000' })).not.toBeInTheDocument();

    await user.click(resume);
    await vi.waitFor(() => expect(rowOf('Cue 10001 at 06:56:40.000')).toHaveAttribute('aria-current', 'time'));
    expect(screen.queryByRole('button', { name: 'Follow playback' })).not.toBeInTheDocument();
  });

  it('sets the playback rate from the speed control', async () => {
    const user = userEvent.setup();
    renderViewer();
    const speed = screen.getByRole('combobox', { name: 'Playback speed' });
    await user.selectOptions(speed, '1.5');
    expect(media().playbackRate).toBe(1.5);
    await user.selectOptions(speed, '0.5');
    expect(media().playbackRate).toBe(0.5);
    expect(within(speed).getAllByRole('option').map((o) => o.textContent)).toEqual(['0.5×', '0.75×', '1×', '1.25×', '1.5×', '1.75×', '2×']);
  });

  it('plays and pauses with Space and K, and seeks with J, L and the arrow keys', async () => {
    const user = userEvent.setup();
    renderViewer();
    const el = media();
    screen.getByRole('list', { name: 'Cues' }).focus();
    await user.keyboard(' ');
    expect(playSpy).toHaveBeenCalledTimes(1);
    await user.keyboard('k');
    expect(pauseSpy).toHaveBeenCalledTimes(1);
    el.currentTime = 10;
    await user.keyboard('j');
    expect(el.currentTime).toBe(5);
    await user.keyboard('l');
    await user.keyboard('{ArrowRight}');
    expect(el.currentTime).toBe(15);
    await user.keyboard('{ArrowLeft}');
    expect(el.currentTime).toBe(10);
    // The same keys type into the find field instead.
    await user.click(screen.getByRole('button', { name: 'Find' }));
    await user.type(screen.getByRole('searchbox', { name: 'Find in transcript' }), 'k j');
    expect(playSpy).toHaveBeenCalledTimes(1);
    expect(el.currentTime).toBe(10);
  });

  it('labels the player buttons and seeks with them', async () => {
    const user = userEvent.setup();
    renderViewer();
    media().currentTime = 7;
    await user.click(screen.getByRole('button', { name: 'Forward 5 seconds' }));
    expect(media().currentTime).toBe(12);
    await user.click(screen.getByRole('button', { name: 'Back 5 seconds' }));
    expect(media().currentTime).toBe(7);
    await user.click(screen.getByRole('button', { name: 'Play' }));
    expect(playSpy).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Pause' }));
    expect(pauseSpy).toHaveBeenCalledTimes(1);
  });

  it('plays the selected passage from its start and stops at its end', async () => {
    const user = userEvent.setup();
    // Words of cue 2 through cue 3: t=2,9.5.
    const passage = makePassage('p1', small, small.units[1]!.range[0] + 6, small.units[2]!.range[0] + 8);
    renderViewer({ passages: [passage], selectedPassageId: 'p1' });
    await user.click(screen.getByRole('button', { name: 'Play passage' }));
    expect(media().currentTime).toBe(2);
    expect(playSpy).toHaveBeenCalledTimes(1);
    act(() => timeUpdate(5));
    expect(pauseSpy).not.toHaveBeenCalled();
    act(() => timeUpdate(9.6));
    expect(pauseSpy).toHaveBeenCalledTimes(1);
  });

  it('plays passages and ranges, seeks and scrolls through its ref', async () => {
    const handle = createRef<TranscriptViewerHandle>();
    const long = makeLongTranscript(20_000);
    renderViewer({ sourceText: long, ref: handle });
    scrollableList();
    const passage = makePassage('p9', long, long.units[100]!.range[0], long.units[101]!.range[1]);
    act(() => expect(handle.current!.playPassage(passage)).toBe(true));
    expect(media().currentTime).toBe(250);
    expect(playSpy).toHaveBeenCalledTimes(1);
    act(() => timeUpdate(255.1));
    expect(pauseSpy).toHaveBeenCalledTimes(1);
    act(() => handle.current!.seek(42));
    expect(media().currentTime).toBe(42);
    act(() => expect(handle.current!.scrollToOffset(long.units[9_000]!.range[0])).toBe(true));
    await vi.waitFor(() => expect(screen.getByText('Sentence number 9000 is spoken here.')).toBeInTheDocument());
    expect(handle.current!.scrollToOffset(long.text.length + 10)).toBe(false);
  });

  it('without a recording, shows no player and offers to attach one', async () => {
    const user = userEvent.setup();
    const onAttachRecording = vi.fn();
    renderViewer({ mediaUrl: null, onAttachRecording });
    expect(screen.queryByLabelText('Recording')).not.toBeInTheDocument();
    expect(screen.getByText(/No recording attached/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Cue 1 at/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Attach recording' }));
    expect(onAttachRecording).toHaveBeenCalledTimes(1);
  });
});

describe('TranscriptViewer: passages and highlighting', () => {
  function selectText(startNode: Node, startOffset: number, endNode: Node, endOffset: number): void {
    const range = document.createRange();
    range.setStart(startNode, startOffset);
    range.setEnd(endNode, endOffset);
    const selection = document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    document.dispatchEvent(new Event('selectionchange'));
  }
  function cueText(row: HTMLElement): Text {
    const node = row.querySelector('[data-range-start]')?.firstChild;
    if (!(node instanceof Text)) throw new Error('no cue text');
    return node;
  }

  it('maps a selection across two cues to source offsets and highlights it with H', async () => {
    const user = userEvent.setup();
    const { onCreateSelection } = renderViewer();
    const rowA = rowOf('Cue 2 at 00:00:02.000');
    const rowB = rowOf('Cue 3 at 00:00:04.200');
    // Dragging over text focuses the list (its focusable ancestor) and selects "be here, Alice.\nLet us talk".
    screen.getByRole('list', { name: 'Cues' }).focus();
    act(() => selectText(cueText(rowA), 9, cueText(rowB), 11));
    expect(screen.getByRole('button', { name: 'Highlight selection' })).toBeEnabled();
    await user.keyboard('h');
    expect(onCreateSelection).toHaveBeenCalledTimes(1);
    const created = onCreateSelection.mock.calls[0]![0];
    const start = small.units[1]!.range[0] + 9;
    expect(created).toMatchObject({ start, end: start + 27, speakers: ['Bob', 'Alice'], time: [2, 9.5] });
    expect(created.selectors.quote.exact).toBe('be here, Alice.\nLet us talk');
    expect(created.selectors.fragment.value).toBe('t=2,9.5');
    expect(created.selectors.position).toEqual({ type: 'TextPositionSelector', start, end: start + 27 });
  });

  it('highlights with the button, and says what to do when nothing is selected', async () => {
    const user = userEvent.setup();
    const { onCreateSelection } = renderViewer();
    const button = screen.getByRole('button', { name: 'Highlight selection' });
    expect(button).toBeDisabled();
    screen.getByRole('list', { name: 'Cues' }).focus();
    await user.keyboard('h');
    expect(screen.getByRole('alert')).toHaveTextContent('Select words in the transcript first');
    const row = rowOf('Cue 1 at 00:00:00.000');
    act(() => selectText(cueText(row), 0, cueText(row), 6));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    fireEvent.click(button);
    expect(onCreateSelection).toHaveBeenCalledTimes(1);
    expect(onCreateSelection.mock.calls[0]![0]).toMatchObject({ start: 0, end: 6, speakers: ['Alice'], time: [0, 2] });
  });

  it('refuses a selection that runs across cues the speaker filter hides', async () => {
    const user = userEvent.setup();
    const { onCreateSelection } = renderViewer();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by speaker' }), 'Alice');
    const first = rowOf('Cue 1 at 00:00:00.000');
    const third = rowOf('Cue 3 at 00:00:04.200');
    screen.getByRole('list', { name: 'Cues' }).focus();
    act(() => selectText(cueText(first), 0, cueText(third), 3));
    expect(screen.getByRole('button', { name: 'Highlight selection' })).toBeDisabled();
    await user.keyboard('h');
    expect(onCreateSelection).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('hidden by the speaker filter');
  });

  it('paints a passage across cues and reports clicks on it', async () => {
    const user = userEvent.setup();
    const passage = makePassage('p1', small, small.units[1]!.range[0] + 6, small.units[2]!.range[0] + 8);
    const other = makePassage('elsewhere', { ...small, sha256: 'b'.repeat(64) }, 0, 5);
    const { onPassageClick, rerender } = renderViewer({ passages: [passage, other] });
    const marks = document.querySelectorAll('mark[data-passage-id="p1"]');
    expect([...marks].map((m) => m.textContent)).toEqual(['to be here, Alice.', 'Let us t']);
    expect(document.querySelector('mark[data-passage-id="elsewhere"]')).toBeNull();
    await user.click(marks[1]!);
    expect(onPassageClick).toHaveBeenCalledWith('p1');
    rerender(
      <TranscriptViewer sourceText={small} mediaUrl="blob:x" passages={[passage]} selectedPassageId="p1" onCreateSelection={vi.fn()} onPassageClick={onPassageClick} />,
    );
    expect(document.querySelector('mark[data-passage-id="p1"]')).toHaveClass('is-selected');
  });

  it('scrolls to an offset when asked, clearing a filter that hides it', async () => {
    const user = userEvent.setup();
    const long = makeLongTranscript(20_000);
    const props = { sourceText: long, passages: [] as Passage[], onCreateSelection: vi.fn(), onPassageClick: vi.fn() };
    const { rerender } = render(<TranscriptViewer {...props} />);
    scrollableList();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by speaker' }), 'Alice');
    // Cue index 12345 is Bob's.
    rerender(<TranscriptViewer {...props} scrollTo={{ offset: long.units[12_345]!.range[0] + 3 }} />);
    await vi.waitFor(() => expect(screen.getByText('Sentence number 12345 is spoken here.')).toBeInTheDocument());
    expect(screen.getByRole('combobox', { name: 'Filter by speaker' })).toHaveValue('all');
  });
});
