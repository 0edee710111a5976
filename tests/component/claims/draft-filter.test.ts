import { describe, expect, it } from 'vitest';
import { draftFilterOptions, draftsShown, effectiveDraftFilter } from '../../../renderer/src/claims/draft-filter.ts';
import type { Draft } from '../../../shared/types/domain.ts';

const draft = (id: string, title: string, revisionOf: string | null = null): Draft => ({
  type: 'draft',
  id,
  title,
  fileName: null,
  origin: 'paste',
  sha256: '0'.repeat(64),
  text: '',
  orphans: [],
  revisionOf,
  importedAt: '2026-01-01T00:00:00.000Z',
});

describe('the claims pane’s draft filter', () => {
  const a = draft('a', 'Budget story');
  const a2 = draft('a2', 'Budget story v2', 'a');
  const a3 = draft('a3', 'Budget story v3', 'a2');
  const b = draft('b', 'Flood story');

  it('lists the current versions by default: every draft no other draft revises', () => {
    expect(draftsShown('current', [a, a2, a3, b]).map((d) => d.id)).toEqual(['a3', 'b']);
    expect(draftsShown('all', [a, a2, a3, b]).map((d) => d.id)).toEqual(['a', 'a2', 'a3', 'b']);
    expect(draftsShown('a2', [a, a2, a3, b]).map((d) => d.id)).toEqual(['a2']);
  });

  it('offers "current" only when some draft is revised, and marks newer and older versions', () => {
    expect(draftFilterOptions([a, b])).toEqual([
      { value: 'all', label: 'All drafts (2)' },
      { value: 'a', label: 'Budget story' },
      { value: 'b', label: 'Flood story' },
    ]);
    expect(draftFilterOptions([a, a2, a3, b])).toEqual([
      { value: 'current', label: 'Current versions (2)' },
      { value: 'all', label: 'All drafts, older versions too (4)' },
      { value: 'a', label: 'Budget story (older version)' },
      { value: 'a2', label: 'Budget story v2 (new version, older version)' },
      { value: 'a3', label: 'Budget story v3 (new version)' },
      { value: 'b', label: 'Flood story' },
    ]);
  });

  it('shows a filter that the selector offers: "current" is "all" with no revision, a vanished draft falls back', () => {
    expect(effectiveDraftFilter('current', [a, b])).toBe('all');
    expect(effectiveDraftFilter('current', [a, a2])).toBe('current');
    expect(effectiveDraftFilter('gone', [a, a2])).toBe('current');
    expect(effectiveDraftFilter('gone', [a, b])).toBe('all');
    expect(draftsShown('gone', [a, a2]).map((d) => d.id)).toEqual(['a2']);
    for (const drafts of [[a, b], [a, a2, a3, b]]) {
      for (const f of ['current', 'all', 'a', 'gone']) expect(draftFilterOptions(drafts).map((o) => o.value)).toContain(effectiveDraftFilter(f, drafts));
    }
  });
});
