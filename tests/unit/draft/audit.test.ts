import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDraft, auditJsonSchema, toAuditJson } from '../../../shared/draft/audit.ts';
import { parseDraft } from '../../../shared/draft/parse.ts';
import { createDraftRows } from '../../../shared/draft/rows.ts';
import { sha256Hex, toUtf8 } from '../../../shared/hash.ts';

const fixture = readFileSync(path.resolve(import.meta.dirname, '../../../../shared/fixtures/drafts/1988-executions-excerpt.txt'), 'utf8');

describe('auditDraft', () => {
  it('finds uncited, flagged, page-needed and quoted claims', () => {
    const draft = 'Cited.[1] Flagged only.[citation needed] Needs a page.[2][page needed] He said "this". Nothing here.';
    const audit = auditDraft(parseDraft(draft));
    expect(audit.claims.map((c) => c.findings)).toEqual([
      [],
      ['uncited', 'flagged'],
      ['flagged', 'page-needed'],
      ['uncited', 'has-quotes'],
      ['uncited'],
    ]);
    expect(audit.claims[1]!.flags).toEqual(['citation needed']);
    expect(audit.summary).toEqual({
      claims: 5,
      markers: 4,
      references: 2,
      orphans: 0,
      findings: { uncited: 3, flagged: 2, 'page-needed': 1, 'has-quotes': 1 },
    });
  });

  it('counts a letter note as a citation', () => {
    expect(auditDraft(parseDraft('Noted.[a]')).claims[0]!.findings).toEqual([]);
  });

  it('summarises the reference draft', () => {
    const audit = auditDraft(parseDraft(fixture));
    expect(audit.summary.claims).toBe(30);
    expect(audit.summary.references).toBe(19);
    expect(audit.summary.orphans).toBe(1);
    expect(audit.summary.findings.flagged).toBe(5); // 2 citation needed, 2 page needed, 1 when? — each on its own claim
    expect(audit.summary.findings['page-needed']).toBe(2);
  });
});

describe('toAuditJson', () => {
  it('gives exactly the DESIGN.md audit shape', () => {
    const sha256 = sha256Hex(toUtf8(fixture));
    const json = toAuditJson({ sha256, ...parseDraft(fixture) });
    expect(auditJsonSchema.parse(json)).toEqual(json);
    expect(Object.keys(json)).toEqual(['version', 'draft', 'claims', 'orphans', 'references']);
    expect(json.version).toBe(1);
    expect(json.orphans).toEqual([{ raw: '[15]: 218', offset: 0 }]);
    expect(Object.keys(json.claims[0]!)).toEqual(['index', 'text', 'range', 'markers', 'quotes', 'findings']);
    expect(json.claims[1]!.markers.at(-1)).toEqual({ raw: '[citation needed]', ref: null, locator: null, flag: 'citation needed', offset: 343 });
    expect(json.claims[24]!.markers).toEqual([
      { raw: '[15]: 220', ref: '15', locator: '220', flag: null, offset: 5738 },
      { raw: '[when?]', ref: null, locator: null, flag: 'when?', offset: 5748 },
    ]);
    expect(json.claims[6]!.findings).toEqual(['uncited', 'has-quotes']);
  });

  it('rejects added or missing fields in its schema', () => {
    const json = toAuditJson({ sha256: 'a'.repeat(64), ...parseDraft('One.[1]') });
    expect(auditJsonSchema.safeParse({ ...json, extra: 1 }).success).toBe(false);
    const { references: _r, ...missing } = json;
    expect(auditJsonSchema.safeParse(missing).success).toBe(false);
  });
});

describe('createDraftRows', () => {
  it('builds draft, claim and reference rows with the caller’s ids', () => {
    let n = 0;
    const result = createDraftRows({ text: fixture, fileName: '/tmp/1988-executions-excerpt.txt', origin: 'txt', importedAt: '2026-01-01T00:00:00.000Z' }, () => `id${n++}`);
    if (!result.ok) throw new Error(result.error);
    const { draft, claims, references } = result.value;
    expect(draft).toMatchObject({ type: 'draft', id: 'id0', title: '1988-executions-excerpt', origin: 'txt', revisionOf: null, sha256: sha256Hex(toUtf8(fixture)) });
    expect(draft.text).toBe(fixture);
    expect(draft.orphans).toHaveLength(1);
    expect(claims.map((c) => c.id)).toEqual(Array.from({ length: 30 }, (_, i) => `id${i + 1}`));
    expect(claims[0]).toMatchObject({ type: 'claim', draftId: 'id0', index: 0, status: 'unreviewed', note: '', changedSinceEvidence: false });
    expect(references).toHaveLength(19);
    expect(references[0]).toEqual({ type: 'reference', id: 'id0#8', draftId: 'id0', ref: '8', sourceSha256: null, csl: null });
  });

  it('titles a pasted draft by its first words and rejects empty or sentence-less drafts', () => {
    const r = createDraftRows({ text: 'One two three four five six seven eight nine ten eleven twelve.', fileName: null, origin: 'paste', importedAt: 'x' }, () => 'a');
    expect(r.ok && r.value.draft.title).toBe('One two three four five six seven eight nine ten…');
    expect(createDraftRows({ text: ' \n ', fileName: null, origin: 'paste', importedAt: 'x' }, () => 'a')).toEqual({ ok: false, error: 'the pasted draft: the draft is empty' });
    const markersOnly = createDraftRows({ text: '[1][2]', fileName: 'd.txt', origin: 'txt', importedAt: 'x' }, () => 'a');
    expect(markersOnly.ok).toBe(false);
    expect(!markersOnly.ok && markersOnly.error).toMatch(/^d\.txt: .*no sentences/);
  });
});
