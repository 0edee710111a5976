import { describe, expect, it } from 'vitest';
import { HTML_MAX_CHARS, HTML_MAX_DEPTH, HTML_MAX_ELEMENTS, HTML_MAX_NOTES, htmlToDraftText } from '../../../renderer/src/import/html.ts';
import { parseDraft } from '../../../shared/draft/parse.ts';

function text(html: string): string {
  const r = htmlToDraftText(html);
  if (!r.ok) throw new Error(r.error);
  return r.value.text;
}

describe('htmlToDraftText', () => {
  it('keeps Wikipedia reference and maintenance-flag superscripts as markers, with page locators', () => {
    const html = `<div class="mw-parser-output"><h2>Background<span class="mw-editsection">[<a href="?action=edit">edit</a>]</span></h2>
      <p>They were condemned by Montazeri;<sup id="cite_ref-18" class="reference"><a href="#cite_note-18">[18]</a></sup> and Italy.<sup class="noprint Inline-Template Template-Fact" style="white-space:nowrap;">&#91;<i><a href="/wiki/Wikipedia:Citation_needed"><span title="This claim needs references">citation needed</span></a></i>&#93;</sup>
      The Islamic modernist MeK had a complicated relationship.<sup class="reference"><a href="#cite_note-15">[15]</a></sup><sup class="reference nowrap"><span title="Page: 218">: 218</span></sup></p>
      <ol class="references"><li id="cite_note-18"><span class="mw-cite-backlink"><a href="#cite_ref-18">^</a></span> <span class="reference-text">Abrahamian 1999.</span></li></ol></div>`;
    const r = htmlToDraftText(html);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.text).toBe(
      'Background\nThey were condemned by Montazeri;[18] and Italy.[citation needed] The Islamic modernist MeK had a complicated relationship.[15]: 218',
    );
    expect(r.value.notes).toEqual([{ label: '18', text: 'Abrahamian 1999.' }]);
    const parsed = parseDraft(r.value.text);
    expect(parsed.claims.at(-1)!.markers).toEqual([expect.objectContaining({ ref: '15', locator: '218' })]);
    expect(parsed.claims[1]!.markers.map((m) => m.raw)).toEqual(['[18]', '[citation needed]']);
  });

  it('turns footnote superscripts linking to notes into [N] markers, and leaves exponents alone', () => {
    expect(text('<p>Area grew to 5 km<sup>2</sup> in 1990.<sup><a href="#fn3">3</a></sup></p>')).toBe('Area grew to 5 km2 in 1990.[3]');
    // pandoc: the link wraps the superscript
    expect(text('<p>A claim.<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a></p><section class="footnotes" role="doc-endnotes"><ol><li id="fn1"><p>Source.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li></ol></section>')).toBe('A claim.[1]');
    expect(text('<p>Another.<sup class="footnote-ref"><a href="#note-a">a</a></sup></p>')).toBe('Another.[a]');
  });

  it('makes block elements line breaks and drops scripts, styles and hidden text', () => {
    const html = `<html><head><title>T</title><style>p{}</style></head><body>
      <script>alert(1)</script><h1>Title</h1><p>First   paragraph,
      one sentence.</p><ul><li>Item one.</li><li>Item two.</li></ul><blockquote><p>Quoted block.</p></blockquote>
      <p hidden>hidden</p><p style="display: none">also hidden</p><div>Line<br>break&nbsp;here.</div><table><tr><td>a</td><td>b</td></tr></table></body></html>`;
    expect(text(html)).toBe('Title\nFirst paragraph, one sentence.\nItem one.\nItem two.\nQuoted block.\nLine\nbreak here.\na b');
  });

  it('keeps preformatted lines', () => {
    expect(text('<pre>line one\nline   two</pre>')).toBe('line one\nline   two');
  });

  it('rejects HTML with no text and HTML over the limit', () => {
    expect(htmlToDraftText('<script>x()</script><style></style>')).toEqual({ ok: false, error: 'The pasted HTML has no text.' });
    const r = htmlToDraftText('a'.repeat(HTML_MAX_CHARS + 1));
    expect(r.ok).toBe(false);
  });

  // Fuzz findings (issue 9, seed 2026 indexes 153, 162, 300, 1069): 100k nested divs, a 5 MB line of <b>
  // or <sup>1</sup>, and ~80k footnotes in 5 MB hung the import (a DOM parser outside Chromium slows down
  // with depth and element count; the walk recursed; nested note lists were compared pairwise).
  it('rejects nesting past the depth limit before parsing, and reads nesting at the limit', () => {
    expect(htmlToDraftText(`${'<div>'.repeat(100_000)}x${'</div>'.repeat(100_000)}`)).toEqual({
      ok: false,
      error: `The pasted HTML nests elements more than ${HTML_MAX_DEPTH} deep; the limit is ${HTML_MAX_DEPTH}. Paste it from a page that shows it, or as plain text.`,
    });
    expect(htmlToDraftText('<b>'.repeat(1_000_000))).toMatchObject({ ok: false, error: expect.stringMatching(/^The pasted HTML nests elements more than/) });
    // Void elements, sloppy <p>/<li> and closed siblings do not add up.
    const sloppy = `${'<p>para<br><img src="">'.repeat(2000)}${'<span>s</span>'.repeat(2000)}`;
    expect(htmlToDraftText(sloppy).ok).toBe(true);
    const depth = HTML_MAX_DEPTH - 3; // html, body and the walk's own root
    expect(text(`${'<div><span>'.repeat(depth / 2)}deep${'</span></div>'.repeat(depth / 2)}<p>after</p>`)).toBe('deep\nafter');
  });

  it('rejects more elements than the limit before parsing', () => {
    expect(htmlToDraftText('<sup>1</sup>'.repeat(HTML_MAX_ELEMENTS + 1))).toEqual({
      ok: false,
      error: `The pasted HTML has more than ${HTML_MAX_ELEMENTS} elements; the limit is ${HTML_MAX_ELEMENTS}. Paste or import a smaller part.`,
    });
  });

  it('rejects more footnotes than the limit, and reads a note list nested in another once', () => {
    const notes = (n: number): string => Array.from({ length: n }, (_, i) => `<li id="cite_note-${i + 1}">Note ${i + 1}.</li>`).join('');
    expect(htmlToDraftText(`<p>Text.</p><ol class="references">${notes(HTML_MAX_NOTES + 1)}</ol>`)).toEqual({
      ok: false,
      error: `The pasted HTML has more than ${HTML_MAX_NOTES} footnotes; the limit is ${HTML_MAX_NOTES}.`,
    });
    const nested = htmlToDraftText(`<p>Text.</p><div class="reflist"><ol class="references">${notes(2)}</ol></div>${'<ol><li id="fn-9">Own.</li></ol>'.repeat(3)}`);
    expect(nested.ok && nested.value.notes).toEqual([
      { label: '1', text: 'Note 1.' },
      { label: '2', text: 'Note 2.' },
      { label: '9', text: 'Own.' },
      { label: '9', text: 'Own.' },
      { label: '9', text: 'Own.' },
    ]);
    expect(nested.ok && nested.value.text).toBe('Text.');
  });
});
