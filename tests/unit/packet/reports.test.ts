import { describe, expect, it } from 'vitest';
import { csvField, formatTimecode, toClaimsCsv, toReportHtml, toReportMarkdown, type ReportInput } from '../../../shared/packet/reports.ts';
import { makeWorkspace } from './fixture.ts';

function input(): ReportInput {
  const w = makeWorkspace('AAAA');
  return { workspaceName: 'Flood <check>', asOf: '2025-03-01T11:00:00.000Z', ...w, texts: new Map(w.sourceTexts.map((t) => [t.sha256, t])) };
}

/** A strict RFC 4180 parser, to check the CSV independently of the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    if (c === '"' || c === '\n' || c === '\r') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    field += c; i++;
  }
  if (field !== '' || row.length > 0) throw new Error('last line has no CRLF');
  return rows;
}

describe('claims.csv', () => {
  it('quotes per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });
  it('has a header and one row per claim that parse back to the values', () => {
    const rows = parseCsv(toClaimsCsv(input()));
    expect(rows[0]).toEqual(['index', 'draft', 'text', 'status', 'markers', 'evidence', 'findings']);
    expect(rows.length).toBe(3);
    expect(rows[2]).toEqual(['1', 'Flood story', 'Officials said "the levee held".', 'unreviewed', '[1]', '1', 'has-quotes']);
    expect(rows[1]![4]).toBe('[1]: 2');
  });
});

describe('report.html', () => {
  const html = toReportHtml(input());
  it('is self-contained: no script, no external resource, a restrictive CSP', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)=/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain("default-src 'none'");
  });
  it('escapes every piece of text', () => {
    expect(html).toContain('Flood &lt;check&gt;');
    expect(html).toContain('Report on the &lt;Mississippi&gt; &amp; &quot;levees&quot;');
    expect(html).toContain('Officials &quot;insisted&quot;; &lt;b&gt;not&lt;/b&gt; said');
    expect(html).not.toContain('<b>not</b>');
  });
  it('shows each claim with status, and its evidence in context with page and hash prefix', () => {
    expect(html).toContain('<mark>The river flooded in the spring of 1927</mark>');
    expect(html).toMatch(/Report on the Mississippi\.\n?<\/span>|…Report on the Mississippi\.\n<\/span>/);
    expect(html).toContain('p. 1');
    expect(html).toContain('p. 2');
    expect(html).toMatch(/sha256 [0-9a-f]{12}\)/);
    expect((html.match(/class="claim"/g) ?? []).length).toBe(2);
    expect(html).toContain('<span class="status">unreviewed</span>');
  });
});

describe('report.md', () => {
  it('lists the claims with evidence, escaping Markdown', () => {
    const md = toReportMarkdown(input());
    expect(md).toContain('### Claim 1: unreviewed');
    expect(md).toContain('**The river flooded in the spring of 1927**');
    expect(md).toContain('\\<b\\>not\\</b\\>');
    expect(md).toContain('p. 2');
  });
  it('formats timecodes', () => {
    expect(formatTimecode(75.5)).toBe('1:15.5');
    expect(formatTimecode(3725)).toBe('1:02:05');
  });
});
