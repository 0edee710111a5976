import { auditDraft, toAuditJson } from '../../shared/draft/audit.ts';
import { DRAFT_MAX_CHARS, parseDraft, type ParsedClaim } from '../../shared/draft/parse.ts';
import { sha256Hex, toUtf8 } from '../../shared/hash.ts';
import type { Marker } from '../../shared/types/domain.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { readTextFile } from '../read-input.ts';

/** Largest draft file `audit` reads, in bytes (DRAFT_MAX_CHARS of text needs at most 3 bytes a character). */
export const AUDIT_MAX_DRAFT_BYTES = 8 * 1024 * 1024;
/** Longest quotation printed in full by the human output; longer ones are shortened in the middle. */
export const AUDIT_QUOTE_PREVIEW_CHARS = 160;

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const half = Math.floor((max - 3) / 2);
  return `${text.slice(0, half)} … ${text.slice(-half)}`;
}

function describeMarker(m: Marker): string {
  if (m.flag !== null) return `${m.raw} (flag)`;
  return m.locator === null ? m.raw : `${m.raw} (ref ${m.ref}, ${/[,\u2013-]/.test(m.locator) ? 'pages' : 'page'} ${m.locator})`;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function humanReport(file: string, text: string, sha256: string, claims: ParsedClaim[], orphans: Marker[]): string {
  const audit = auditDraft({ claims, orphans });
  const { summary } = audit;
  const out: string[] = [`${file}  sha256 ${sha256}`, `${summary.claims} claims, ${summary.markers} markers, ${summary.references} references`, ''];
  if (orphans.length > 0) {
    out.push(`Orphan markers (no sentence before them): ${orphans.map((m) => `${m.raw} at line ${lineOf(text, m.offset)}`).join(', ')}`, '');
  }
  for (const [i, c] of claims.entries()) {
    const a = audit.claims[i]!;
    out.push(`#${c.index + 1}  line ${lineOf(text, c.range[0])}, chars ${c.range[0]}–${c.range[1]}${a.findings.length ? `  [${a.findings.join(', ')}]` : ''}`);
    out.push(`    ${c.text}`);
    if (c.markers.length) out.push(`    markers: ${c.markers.map(describeMarker).join(', ')}`);
    if (a.flags.length) out.push(`    flags: ${a.flags.join(', ')}`);
    for (const q of c.quotes) out.push(`    quote: “${shorten(q.text, AUDIT_QUOTE_PREVIEW_CHARS)}”`);
  }
  const f = summary.findings;
  out.push(
    '',
    `Summary: ${summary.claims} claims; ${f.uncited} uncited; ${f.flagged} flagged; ${f['page-needed']} page-needed; ${f['has-quotes']} with quotations; ${summary.orphans} orphan marker${summary.orphans === 1 ? '' : 's'}`,
  );
  return out.join('\n') + '\n';
}

/** `audit DRAFT [--json]`: the draft's claims with their markers, flags, quotations and findings (DESIGN.md, CLI). */
export const auditCommand: Command = {
  summary: 'list a draft’s claims with their markers, flags, quotations and findings',
  usage: 'audit DRAFT [--json]',
  async run(args, io) {
    const positionals: string[] = [];
    let json = false;
    for (const arg of args) {
      if (arg === '--json') json = true;
      else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}; usage: audit DRAFT [--json]`);
      else positionals.push(arg);
    }
    if (positionals.length !== 1) throw new UsageError('expects exactly one DRAFT file; usage: audit DRAFT [--json]');
    const file = positionals[0]!;
    const text = await readTextFile(file, { limit: AUDIT_MAX_DRAFT_BYTES, what: 'draft' });
    if (text.length > DRAFT_MAX_CHARS) throw new UsageError(`${file}: the draft has ${text.length} characters; the limit is ${DRAFT_MAX_CHARS}`);
    const { claims, orphans } = parseDraft(text);
    if (claims.length === 0) throw new UsageError(`${file}: the draft has no sentences, only markers or punctuation`);
    const sha256 = sha256Hex(toUtf8(text));
    io.out(json ? JSON.stringify(toAuditJson({ sha256, claims, orphans })) + '\n' : humanReport(file, text, sha256, claims, orphans));
    return EXIT.ok;
  },
};
