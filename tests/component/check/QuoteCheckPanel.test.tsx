// The quotation check panel, by role and label, fed with the real quote check (shared/check/quote-check.ts)
// and the real cited-page check over small source texts.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { checkCitedPages } from '../../../shared/check/page-check.ts';
import { checkClaimQuotes, checkQuote, prepareCorpus, type QuoteCheck } from '../../../shared/check/quote-check.ts';
import type { Source } from '../../../shared/types/domain.ts';
import type { SourceText } from '../../../shared/types/text.ts';
import { CANDIDATES_SHOWN, QuoteCheckPanel, unitsLabel } from '../../../renderer/src/check/QuoteCheckPanel.tsx';

function pdfText(sha256: string, pages: string[], labels: string[]): SourceText {
  const units: SourceText['units'] = [];
  let text = '';
  pages.forEach((p, index) => {
    if (index > 0) text += '\n';
    units.push({ kind: 'page', index, label: labels[index]!, range: [text.length, text.length + p.length] });
    text += p;
  });
  return { type: 'source-text', sha256, kind: 'pdf', text, units };
}

const report = pdfText(
  'a'.repeat(64),
  [
    'Annual report of the harbour authority.',
    'The minister said the harbour plan was not a complete success, and the budget overran by a third.',
    'The committee found no evidence of fraud in the tender.',
  ],
  ['i', '217', '218'],
);
const reprint = pdfText('c'.repeat(64), ['Reprinted: no evidence of fraud in the tender.'], ['1']);
const hearing: SourceText = {
  type: 'source-text',
  sha256: 'b'.repeat(64),
  kind: 'transcript',
  text: 'Good evening and welcome.\nWe expect the ferry to run by April, weather permitting.',
  units: [
    { kind: 'cue', index: 0, time: [0, 5], speaker: 'Mayor Quinn', range: [0, 25] },
    { kind: 'cue', index: 1, time: [65, 72.5], speaker: 'Mayor Quinn', range: [26, 83] },
  ],
};
const corpus = prepareCorpus([report, hearing, reprint]);

function source(text: SourceText, title: string): Source {
  return {
    type: 'source', sha256: text.sha256, kind: text.kind, fileName: `${title}.pdf`, mediaType: 'application/pdf', size: 1, title, author: null,
    unitCount: text.units.length, recordingSha256: null, replaces: null, pageOffset: 0, addedAt: '2026-01-01T00:00:00Z',
  };
}
const sources = new Map([
  [report.sha256, source(report, 'Harbour report')],
  [hearing.sha256, source(hearing, 'Council hearing')],
  [reprint.sha256, source(reprint, 'Reprint')],
]);

const span = (text: string, at = 0) => ({ text, range: [at, at + text.length] as [number, number] });

function renderPanel(checks: QuoteCheck[], extra: Partial<Parameters<typeof QuoteCheckPanel>[0]> = {}) {
  const onAttach = vi.fn();
  const onShow = vi.fn();
  const view = render(<QuoteCheckPanel checks={checks} pages={[]} sources={sources} running={false} onAttach={onAttach} onShow={onShow} {...extra} />);
  return { ...view, onAttach, onShow };
}

/** The list item of the quotation whose text is `quote`. */
function quotationItem(quote: string): HTMLElement {
  const region = screen.getByRole('region', { name: 'Checks' });
  const item = within(region)
    .getAllByRole('listitem')
    .find((li) => li.querySelector('q')?.textContent === quote);
  if (!item) throw new Error(`no list item for “${quote}”`);
  return item;
}

describe('QuoteCheckPanel', () => {
  it('lists a found quotation with each candidate’s source, location and “exact”', () => {
    const check = checkQuote(corpus, span('no evidence of fraud in the tender'));
    expect(check.status).toBe('found');
    expect(check.candidates.map((c) => c.sha256)).toEqual([report.sha256, reprint.sha256]);
    renderPanel([check]);
    const item = quotationItem('no evidence of fraud in the tender');
    expect(item).toHaveTextContent('— Found');
    expect(item).toHaveTextContent('Harbour report · p. 218 · exact');
    expect(item).toHaveTextContent('Reprint · p. 1 · exact');
    expect(within(item).getAllByRole('button', { name: /^Show candidate \d+ of quotation \d+$/ })).toHaveLength(2);
    // Exact candidates carry no diff.
    expect(within(item).queryByLabelText('Differences from the source')).toBeNull();
  });

  it('shows a fuzzy candidate’s score, not “exact”', () => {
    const check = checkQuote(corpus, span('THE COMMITTEE FOUND'));
    expect(check.candidates[0]).toMatchObject({ exact: false, score: 1 });
    renderPanel([check]);
    expect(quotationItem('THE COMMITTEE FOUND')).toHaveTextContent('Harbour report · p. 218 · score 1.00');
  });

  it('shows “Not found in any source” with no candidates and no buttons', () => {
    const check = checkQuote(corpus, span('the tunnel will be finished before the election'));
    expect(check.status).toBe('not-found');
    renderPanel([check]);
    const item = quotationItem('the tunnel will be finished before the election');
    expect(item).toHaveTextContent('Not found in any source');
    expect(within(item).queryByRole('button')).toBeNull();
  });

  it('shows the note of an unsearchable quotation', () => {
    renderPanel([checkQuote(corpus, span('  '))]);
    expect(screen.getByRole('region', { name: 'Checks' })).toHaveTextContent('Not found in any source (the quotation is empty)');
  });

  it('shows a possible misquote with the word diff: the dropped word inserted, the changed word deleted and inserted', () => {
    const missing = checkQuote(corpus, span('The minister said the harbour plan was a complete success'));
    const changed = checkQuote(corpus, span('We expect the ferry to run by March, weather permitting.', 80));
    expect([missing.status, changed.status]).toEqual(['possible-misquote', 'possible-misquote']);
    renderPanel([missing, changed]);

    const first = quotationItem('The minister said the harbour plan was a complete success');
    expect(first).toHaveTextContent('— Possible misquote');
    expect(first).toHaveTextContent(`Harbour report · p. 217 · score ${missing.candidates[0]!.score.toFixed(2)}`);
    const diff1 = within(first).getByLabelText('Differences from the source');
    expect(within(diff1).getAllByRole('insertion').map((e) => e.textContent?.trim())).toEqual(['not']);
    expect(within(diff1).queryAllByRole('deletion')).toEqual([]);
    expect(within(diff1).getByRole('insertion')).toHaveAttribute('title', 'in the source, not in the draft');
    expect(diff1.textContent?.replace(/\s+/g, ' ').trim()).toBe('The minister said the harbour plan was not a complete success');

    const second = quotationItem('We expect the ferry to run by March, weather permitting.');
    // A transcript candidate is located by time and speaker.
    expect(second).toHaveTextContent('Council hearing · 00:01:05.000–00:01:12.500 (Mayor Quinn)');
    const diff2 = within(second).getByLabelText('Differences from the source');
    const deleted = within(diff2).getByRole('deletion');
    expect(deleted).toHaveTextContent('March');
    expect(deleted).toHaveAttribute('title', 'in the draft, not in the source');
    expect(within(diff2).getByRole('insertion')).toHaveTextContent('April');
    // Deleted before inserted, between the equal words.
    expect(diff2.innerHTML.indexOf('March')).toBeLessThan(diff2.innerHTML.indexOf('April'));
    // Words are spaced, punctuation is not: "April, weather", never "April , weather".
    expect(diff2.textContent).toContain('April, weather');
    expect(diff2.textContent).not.toMatch(/\s[,.;:!?]/);
  });

  it('Show and Attach call their handlers with the quotation’s and the candidate’s index', async () => {
    const user = userEvent.setup();
    const checks = checkClaimQuotes(corpus, {
      quotes: [span('Good evening and welcome', 0), span('no evidence of fraud in the tender', 40)],
    });
    const { onAttach, onShow } = renderPanel(checks);
    const item = quotationItem('no evidence of fraud in the tender');

    await user.click(within(item).getAllByRole('button', { name: /^Show candidate \d+ of quotation \d+$/ })[1]!);
    expect(onShow).toHaveBeenCalledExactlyOnceWith(1, 1);
    expect(checks[1]!.candidates[1]!.sha256).toBe(reprint.sha256);

    await user.click(screen.getByRole('button', { name: 'Attach as supporting: candidate 2 of quotation 2' }));
    expect(onAttach).toHaveBeenCalledExactlyOnceWith(1, 1);

    await user.click(screen.getByRole('button', { name: 'Attach as supporting: candidate 1 of quotation 1' }));
    expect(onAttach).toHaveBeenLastCalledWith(0, 0);
    expect(checks[0]!.candidates[0]!.sha256).toBe(hearing.sha256);
    expect(onShow).toHaveBeenCalledTimes(1);
  });

  it(`lists at most ${CANDIDATES_SHOWN} candidates per quotation`, () => {
    const many = pdfText('d'.repeat(64), ['the tide is high', 'the tide is high', 'the tide is high', 'the tide is high', 'the tide is high'], ['1', '2', '3', '4', '5']);
    const check = checkQuote(prepareCorpus([many]), span('the tide is high'));
    expect(check.candidates.length).toBeGreaterThan(CANDIDATES_SHOWN);
    renderPanel([check]);
    expect(screen.getAllByRole('button', { name: /^Attach as supporting: candidate/ })).toHaveLength(CANDIDATES_SHOWN);
    expect(screen.queryByRole('button', { name: `Attach as supporting: candidate ${CANDIDATES_SHOWN + 1} of quotation 1` })).toBeNull();
  });

  it('lists cited-page findings from the real page check', () => {
    const start = report.text.indexOf('no evidence of fraud');
    const pages = checkCitedPages({
      markers: [
        { raw: '[15]: 217', ref: '15', locator: '217', flag: null, offset: 0 },
        { raw: '[16]: passim', ref: '16', locator: 'passim', flag: null, offset: 10 },
      ],
      bindings: new Map([['15', report.sha256], ['16', hearing.sha256]]),
      evidence: [{ id: 'e1', sourceSha256: report.sha256, range: [start, start + 20] }],
      sources,
      texts: new Map([[report.sha256, report]]),
    });
    renderPanel([], { pages });
    const findings = screen.getByRole('list', { name: 'Cited-page check' });
    expect(within(findings).getByText('Evidence from reference [15] is on 218, outside the cited 217.')).toBeInTheDocument();
    expect(within(findings).getByText(/\[16\]: “passim” is not a page locator the check understands/)).toBeInTheDocument();
  });

  it('says it is checking while the worker runs and nothing is known yet, and renders nothing when idle', () => {
    const { rerender, container } = renderPanel([], { running: true });
    expect(screen.getByRole('status')).toHaveTextContent('Checking quotations…');
    rerender(<QuoteCheckPanel checks={[]} pages={[]} sources={sources} running={false} onAttach={vi.fn()} onShow={vi.fn()} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('falls back to the SHA-256 prefix when the source is unknown', () => {
    renderPanel([checkQuote(corpus, span('Good evening and welcome'))], { sources: new Map() });
    expect(quotationItem('Good evening and welcome')).toHaveTextContent(`${hearing.sha256.slice(0, 12)} · 00:00:00.000–00:00:05.000 (Mayor Quinn) · exact`);
  });
});

describe('unitsLabel', () => {
  it('names one page, a page range, or a time range with the speaker', () => {
    expect(unitsLabel([report.units[1]!], report.units[1]!.range)).toBe('p. 217');
    expect(unitsLabel([report.units[1]!, report.units[2]!], [report.units[1]!.range[0], report.units[2]!.range[1]])).toBe('pp. 217–218');
    expect(unitsLabel(hearing.units, [0, hearing.text.length])).toBe('00:00:00.000–00:01:12.500 (Mayor Quinn)');
    expect(unitsLabel([], [0, 0])).toBe('');
  });
});
