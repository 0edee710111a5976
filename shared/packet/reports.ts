// The packet's human-readable reports: report.md, claims.csv (RFC 4180) and a self-contained, printable
// report.html (no script, no network, everything escaped). Each is a pure function of the packet's rows
// and texts, so a verifier can regenerate them and compare bytes.
import { auditClaim } from '../draft/audit.ts';
import type { Claim, Draft, Evidence, Passage, Source } from '../types/domain.ts';
import type { PacketRows } from './packet.ts';
import type { SourceText, TextUnit } from '../types/text.ts';
import { cueTimeRange, unitsInRange, formatFragmentSeconds } from '../anchor/selectors.ts';
import { firstBy, groupBy } from './lookup.ts';

/** Characters of source text shown on each side of a quoted passage in the reports. */
export const REPORT_CONTEXT_CHARS = 80;
/** Hex digits of a source's SHA-256 shown in the reports. */
export const REPORT_HASH_PREFIX = 12;

/**
 * What the reports are made from: the packet's rows (drafts in order; claims in any order, reported by
 * draft, then index), its texts by SHA-256, and the time its checkpoint was signed.
 */
export interface ReportInput extends Omit<PacketRows, 'workspace'> {
  /** Workspace name. */
  workspaceName: string;
  /** ISO 8601 time of the packet's checkpoint (the state the reports describe). */
  asOf: string;
  /** Source texts, by SHA-256. */
  texts: Map<string, SourceText>;
}

/** One evidence item as the reports show it. */
interface EvidenceView {
  evidence: Evidence;
  passage: Passage | undefined;
  source: Source | undefined;
  before: string;
  exact: string;
  after: string;
  locator: string;
}

function locatorOf(units: TextUnit[], source: Source | undefined, start: number, end: number): string {
  const first = units[0];
  const last = units[units.length - 1];
  if (!first || !last) return '';
  if (first.kind === 'page') {
    const label = (u: TextUnit): string => (u.kind === 'page' ? (source && source.pageOffset !== 0 && /^\d+$/.test(u.label) ? String(Number(u.label) + source.pageOffset) : u.label) : '');
    return first === last ? `p. ${label(first)}` : `pp. ${label(first)}–${label(last)}`;
  }
  const time = cueTimeRange(units, start, end);
  return time ? `${formatTimecode(time[0])}–${formatTimecode(time[1])}` : '';
}

/** `h:mm:ss.s` (or `m:ss.s`) for a time in seconds; never throws. */
export function formatTimecode(seconds: number): string {
  const s = Math.max(0, seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = formatFragmentSeconds(s - h * 3600 - m * 60);
  const [whole, frac] = rest.split('.');
  const ss = `${(whole ?? '0').padStart(2, '0')}${frac ? `.${frac}` : ''}`;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

function sortedClaims(input: ReportInput): { draft: Draft | undefined; claim: Claim }[] {
  const order = new Map(input.drafts.map((d, i) => [d.id, i]));
  const drafts = firstBy(input.drafts, (d) => d.id);
  return [...input.claims]
    .sort((a, b) => (order.get(a.draftId) ?? 1e9) - (order.get(b.draftId) ?? 1e9) || a.index - b.index || (a.id < b.id ? -1 : 1))
    .map((claim) => ({ draft: drafts.get(claim.draftId), claim }));
}

/** Lookups the reports make for every claim, built once per report (the rows are large: linear, not per claim). */
interface ReportIndex {
  /** Evidence by claim id, in the input's order. */
  evidenceByClaim: Map<string, Evidence[]>;
  /** First passage of each id. */
  passages: Map<string, Passage>;
  /** First source of each SHA-256. */
  sources: Map<string, Source>;
}

function indexOf(input: ReportInput): ReportIndex {
  return { evidenceByClaim: groupBy(input.evidence, (e) => e.claimId), passages: firstBy(input.passages, (p) => p.id), sources: firstBy(input.sources, (s) => s.sha256) };
}

function evidenceOf(input: ReportInput, index: ReportIndex, claim: Claim): EvidenceView[] {
  return [...(index.evidenceByClaim.get(claim.id) ?? [])]
    .sort((a, b) => (a.attachedAt < b.attachedAt ? -1 : a.attachedAt > b.attachedAt ? 1 : a.id < b.id ? -1 : 1))
    .map((evidence) => {
      const passage = index.passages.get(evidence.passageId);
      const source = passage ? index.sources.get(passage.sourceSha256) : undefined;
      const text = passage ? input.texts.get(passage.sourceSha256) : undefined;
      if (!passage) return { evidence, passage, source, before: '', exact: '', after: '', locator: '' };
      const { start, end } = passage.selectors.position;
      if (!text) return { evidence, passage, source, before: passage.selectors.quote.prefix, exact: passage.selectors.quote.exact, after: passage.selectors.quote.suffix, locator: '' };
      return {
        evidence,
        passage,
        source,
        before: text.text.slice(Math.max(0, start - REPORT_CONTEXT_CHARS), start),
        exact: text.text.slice(start, end),
        after: text.text.slice(end, end + REPORT_CONTEXT_CHARS),
        locator: locatorOf(unitsInRange(text, start, end), source, start, end),
      };
    });
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ');

function sourceLabel(v: EvidenceView): string {
  return v.source ? `${v.source.title} (sha256 ${v.source.sha256.slice(0, REPORT_HASH_PREFIX)})` : `unknown source ${v.passage?.sourceSha256.slice(0, REPORT_HASH_PREFIX) ?? ''}`;
}

function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_{}[\]<>()#+\-.!|])/g, '\\$1');
}

/** report.md: each claim with its status, markers, note and evidence in context; never throws. */
export function toReportMarkdown(input: ReportInput): string {
  const out: string[] = [`# Evidence report: ${escapeMarkdown(input.workspaceName)}`, '', `State as of ${input.asOf}.`, ''];
  const index = indexOf(input);
  let current: string | null = null;
  for (const { draft, claim } of sortedClaims(input)) {
    if (claim.draftId !== current) {
      current = claim.draftId;
      out.push(`## ${escapeMarkdown(draft?.title ?? claim.draftId)}`, '');
    }
    out.push(`### Claim ${claim.index + 1}: ${claim.status}`, '', `> ${escapeMarkdown(oneLine(claim.text))}`, '');
    if (claim.markers.length > 0) out.push(`Markers: ${claim.markers.map((m) => `\`${m.raw.replace(/`/g, "'")}\``).join(' ')}`, '');
    if (claim.note) out.push(`Note: ${escapeMarkdown(oneLine(claim.note))}`, '');
    const views = evidenceOf(input, index, claim);
    if (views.length === 0) out.push('No evidence attached.', '');
    for (const v of views) {
      out.push(
        `- **${v.evidence.relation}**, ${escapeMarkdown(sourceLabel(v))}${v.locator ? `, ${v.locator}` : ''}, attached by ${escapeMarkdown(v.evidence.actor)} at ${v.evidence.attachedAt}`,
        `  > …${escapeMarkdown(oneLine(v.before))}**${escapeMarkdown(oneLine(v.exact))}**${escapeMarkdown(oneLine(v.after))}…`,
      );
      if (v.evidence.note) out.push(`  Note: ${escapeMarkdown(oneLine(v.evidence.note))}`);
    }
    if (views.length > 0) out.push('');
  }
  return out.join('\n');
}

/** One CSV field, quoted per RFC 4180 when it holds a comma, quote, CR or LF; never throws. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The columns of claims.csv. */
export const CLAIMS_CSV_COLUMNS = ['index', 'draft', 'text', 'status', 'markers', 'evidence', 'findings'] as const;

/** claims.csv: a header and one row per claim, CRLF line ends (RFC 4180); never throws. */
export function toClaimsCsv(input: ReportInput): string {
  const rows = [CLAIMS_CSV_COLUMNS.join(',')];
  const index = indexOf(input);
  for (const { draft, claim } of sortedClaims(input)) {
    rows.push(
      [
        claim.index,
        draft?.title ?? claim.draftId,
        claim.text,
        claim.status,
        claim.markers.map((m) => m.raw).join(' '),
        index.evidenceByClaim.get(claim.id)?.length ?? 0,
        auditClaim(claim).findings.join(' '),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return rows.join('\r\n') + '\r\n';
}

/** Escapes text for HTML content and attribute values; never throws. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const REPORT_CSS = `
body{font:15px/1.5 Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:1px solid #999;margin-top:2rem}
.claim{margin:1.2rem 0;padding:.6rem .9rem;border:1px solid #ccc;break-inside:avoid}
.status{font:bold 12px/1 sans-serif;text-transform:uppercase;padding:.2rem .4rem;border:1px solid #444}
.evidence{margin:.6rem 0 .2rem 1rem;padding-left:.6rem;border-left:3px solid #888}
.supports{border-color:#2a7}.contradicts{border-color:#c33}.context{border-color:#888}
mark{background:#ffe38a}.meta{font:12px/1.4 sans-serif;color:#444}.ctx{color:#555}
@media print{body{margin:0;max-width:none}.claim{border-color:#999}}
`;

/** report.html: a standalone printable page (inline style, no script, no network, all text escaped); never throws. */
export function toReportHtml(input: ReportInput): string {
  const e = escapeHtml;
  const parts: string[] = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>Evidence report: ${e(input.workspaceName)}</title>`,
    `<style>${REPORT_CSS}</style></head><body>`,
    `<h1>Evidence report: ${e(input.workspaceName)}</h1>`,
    `<p class="meta">State as of ${e(input.asOf)}.</p>`,
  ];
  const index = indexOf(input);
  let current: string | null = null;
  for (const { draft, claim } of sortedClaims(input)) {
    if (claim.draftId !== current) {
      current = claim.draftId;
      parts.push(`<h2>${e(draft?.title ?? claim.draftId)}</h2>`);
    }
    parts.push(`<section class="claim"><p><span class="status">${e(claim.status)}</span> Claim ${claim.index + 1}</p>`, `<blockquote>${e(claim.text)}</blockquote>`);
    if (claim.markers.length > 0) parts.push(`<p class="meta">Markers: ${claim.markers.map((m) => `<code>${e(m.raw)}</code>`).join(' ')}</p>`);
    if (claim.note) parts.push(`<p class="meta">Note: ${e(claim.note)}</p>`);
    const views = evidenceOf(input, index, claim);
    if (views.length === 0) parts.push('<p class="meta">No evidence attached.</p>');
    for (const v of views) {
      parts.push(
        `<div class="evidence ${e(v.evidence.relation)}">`,
        `<p class="meta"><strong>${e(v.evidence.relation)}</strong>: ${e(sourceLabel(v))}${v.locator ? `, ${e(v.locator)}` : ''}; attached by ${e(v.evidence.actor)} at ${e(v.evidence.attachedAt)}</p>`,
        `<p><span class="ctx">…${e(v.before)}</span><mark>${e(v.exact)}</mark><span class="ctx">${e(v.after)}…</span></p>`,
      );
      if (v.evidence.note) parts.push(`<p class="meta">Note: ${e(v.evidence.note)}</p>`);
      parts.push('</div>');
    }
    parts.push('</section>');
  }
  parts.push('</body></html>', '');
  return parts.join('\n');
}
