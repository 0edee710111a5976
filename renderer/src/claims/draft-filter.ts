// Which drafts' claims the claims pane lists. A revision (draft.revised) is a new draft beside the one it
// revises, and both keep their claims (their evidence and history stay where they were made), so by
// default the pane lists the current versions only: every draft that no other draft revises. The
// editor may also list every draft, older versions included, or one draft.
import type { Draft } from '../../../shared/types/domain.ts';

/** 'current' (drafts no other draft revises), 'all', or one draft's id. */
export type DraftFilter = 'current' | 'all' | (string & {});

/** One choice of the pane's draft selector. */
export interface DraftFilterOption {
  /** The filter it sets. */
  value: DraftFilter;
  /** What the selector shows. */
  label: string;
}

/** The ids of drafts that a later draft revises; never throws. */
export function supersededDrafts(drafts: readonly Draft[]): Set<string> {
  return new Set(drafts.flatMap((d) => (d.revisionOf !== null ? [d.revisionOf] : [])));
}

/**
 * The filter actually in force: `filter`, except that 'current' is 'all' when no draft is revised and a
 * draft id that no longer exists (deleted, another workspace) falls back to 'current'; never throws.
 */
export function effectiveDraftFilter(filter: DraftFilter, drafts: readonly Draft[]): DraftFilter {
  const superseded = supersededDrafts(drafts);
  if (filter !== 'current' && filter !== 'all' && !drafts.some((d) => d.id === filter)) return effectiveDraftFilter('current', drafts);
  if (filter === 'current' && superseded.size === 0) return 'all';
  return filter;
}

/** The drafts a filter lists, in the given order; never throws. */
export function draftsShown(filter: DraftFilter, drafts: readonly Draft[]): Draft[] {
  const f = effectiveDraftFilter(filter, drafts);
  if (f === 'all') return [...drafts];
  if (f === 'current') {
    const superseded = supersededDrafts(drafts);
    return drafts.filter((d) => !superseded.has(d.id));
  }
  return drafts.filter((d) => d.id === f);
}

/** The selector's choices: current versions (only when some draft is revised), all drafts, then each draft marked as a newer or an older version; never throws. */
export function draftFilterOptions(drafts: readonly Draft[]): DraftFilterOption[] {
  const superseded = supersededDrafts(drafts);
  const options: DraftFilterOption[] = [];
  if (superseded.size > 0) options.push({ value: 'current', label: `Current versions (${drafts.length - superseded.size})` });
  options.push({ value: 'all', label: superseded.size > 0 ? `All drafts, older versions too (${drafts.length})` : `All drafts (${drafts.length})` });
  for (const d of drafts) {
    const marks = [d.revisionOf !== null ? 'new version' : null, superseded.has(d.id) ? 'older version' : null].filter((m) => m !== null);
    options.push({ value: d.id, label: marks.length > 0 ? `${d.title} (${marks.join(', ')})` : d.title });
  }
  return options;
}
