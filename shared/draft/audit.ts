// The audit of a draft (DESIGN.md, CLI: audit): per claim, whether it cites nothing, carries maintenance
// flags, lacks a page, or quotes words a source must contain; the orphan markers; counts per kind. It
// works on parsed claims and on stored Claim rows alike, so the app audits claims after editors' edits.
import { z } from 'zod';
import type { AuditFinding, Marker, QuotedSpan } from '../types/domain.ts';
import type { CharRange } from '../types/text.ts';
import { isNumberedRef, isPageFlag } from './markers.ts';

/** Version of the `audit` JSON shape; it changes when a field is renamed or removed. */
export const AUDIT_JSON_VERSION = 1;

/** Every finding, in the order they are listed on a claim. */
export const AUDIT_FINDINGS: readonly AuditFinding[] = ['uncited', 'flagged', 'page-needed', 'has-quotes'];

/** What the audit needs of a claim: a ParsedClaim or a stored Claim row. */
export interface AuditableClaim {
  /** Position in the draft, from 0. */
  index: number;
  /** The sentence with its markers taken out. */
  text: string;
  /** Span in the draft. */
  range: CharRange;
  /** Markers that belong to the claim. */
  markers: readonly Marker[];
  /** Quotations inside the claim. */
  quotes: readonly QuotedSpan[];
}

/** The audit of one claim. */
export interface ClaimAudit {
  /** The claim's index. */
  index: number;
  /** Findings, in AUDIT_FINDINGS order. */
  findings: AuditFinding[];
  /** The maintenance flags on the claim (`citation needed`, `page needed`), in marker order. */
  flags: string[];
}

/** Counts per kind, for a summary line and the app's filters. */
export interface AuditSummary {
  /** Claims in the draft. */
  claims: number;
  /** Markers in the draft, orphans included. */
  markers: number;
  /** Distinct numbered references. */
  references: number;
  /** Orphan markers. */
  orphans: number;
  /** Claims with each finding. */
  findings: Record<AuditFinding, number>;
}

/** The audit of a whole draft. */
export interface DraftAudit {
  /** One audit per claim, in claim order. */
  claims: ClaimAudit[];
  /** Markers with no sentence before them. */
  orphans: Marker[];
  /** Counts per kind. */
  summary: AuditSummary;
}

/** Audits one claim: uncited (no reference or note), flagged, page-needed, has-quotes; never throws. */
export function auditClaim(claim: AuditableClaim): ClaimAudit {
  const flags = claim.markers.flatMap((m) => (m.flag === null ? [] : [m.flag]));
  const has: Record<AuditFinding, boolean> = {
    uncited: !claim.markers.some((m) => m.ref !== null),
    flagged: flags.length > 0,
    'page-needed': flags.some(isPageFlag),
    'has-quotes': claim.quotes.length > 0,
  };
  return { index: claim.index, findings: AUDIT_FINDINGS.filter((f) => has[f]), flags };
}

/** Distinct numbered references of the markers, in numeric order; never throws. */
export function referencesOf(markers: readonly Marker[]): string[] {
  const refs = new Set<string>();
  for (const m of markers) if (isNumberedRef(m)) refs.add(String(Number(m.ref)));
  return [...refs].sort((a, b) => Number(a) - Number(b));
}

/** Audits every claim of a draft and counts findings per kind; never throws. */
export function auditDraft(draft: { claims: readonly AuditableClaim[]; orphans: readonly Marker[] }): DraftAudit {
  const claims = draft.claims.map(auditClaim);
  const findings = Object.fromEntries(AUDIT_FINDINGS.map((f) => [f, claims.filter((c) => c.findings.includes(f)).length])) as Record<AuditFinding, number>;
  const markers = [...draft.orphans, ...draft.claims.flatMap((c) => c.markers)];
  return {
    claims,
    orphans: [...draft.orphans],
    summary: { claims: claims.length, markers: markers.length, references: referencesOf(markers).length, orphans: draft.orphans.length, findings },
  };
}

const range = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);
const markerJson = z.strictObject({
  raw: z.string(),
  ref: z.string().nullable(),
  locator: z.string().nullable(),
  flag: z.string().nullable(),
  offset: z.number().int().nonnegative(),
});
/** The `audit --json` document (DESIGN.md, CLI), strict: unknown fields are rejected. */
export const auditJsonSchema = z.strictObject({
  version: z.literal(AUDIT_JSON_VERSION),
  draft: z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  claims: z.array(
    z.strictObject({
      index: z.number().int().nonnegative(),
      text: z.string(),
      range,
      markers: z.array(markerJson),
      quotes: z.array(z.strictObject({ text: z.string(), range })),
      findings: z.array(z.enum(['uncited', 'flagged', 'page-needed', 'has-quotes'])),
    }),
  ),
  orphans: z.array(z.strictObject({ raw: z.string(), offset: z.number().int().nonnegative() })),
  references: z.array(z.string()),
});
/** The `audit --json` document. */
export type AuditJson = z.infer<typeof auditJsonSchema>;

/** The `audit --json` document of a draft, exactly the DESIGN.md shape (version 1); never throws. */
export function toAuditJson(draft: { sha256: string; claims: readonly AuditableClaim[]; orphans: readonly Marker[] }): AuditJson {
  const markerOf = (m: Marker): z.infer<typeof markerJson> => ({ raw: m.raw, ref: m.ref, locator: m.locator, flag: m.flag, offset: m.offset });
  return {
    version: AUDIT_JSON_VERSION,
    draft: { sha256: draft.sha256 },
    claims: draft.claims.map((c) => ({
      index: c.index,
      text: c.text,
      range: [c.range[0], c.range[1]],
      markers: c.markers.map(markerOf),
      quotes: c.quotes.map((q) => ({ text: q.text, range: [q.range[0], q.range[1]] })),
      findings: auditClaim(c).findings,
    })),
    orphans: draft.orphans.map((m) => ({ raw: m.raw, offset: m.offset })),
    references: referencesOf([...draft.orphans, ...draft.claims.flatMap((c) => c.markers)]),
  };
}
