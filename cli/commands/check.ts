import { EXIT, UsageError, type CliIo, type Command } from '../command.ts';
import { runCheck, type CheckFinding, type CheckReport } from '../check/pipeline.ts';

/** Version of the `check --json` shape. */
export const CHECK_JSON_VERSION = 1;

/** Parsed arguments of `check`. */
interface CheckArgs {
  draft: string;
  sources: string;
  out: string;
  json: boolean;
  includeSources: boolean;
}

function parseCheckArgs(args: string[]): CheckArgs {
  const positionals: string[] = [];
  let sources: string | null = null;
  let out: string | null = null;
  let json = false;
  let includeSources = false;
  const value = (flag: string, next: string | undefined, what: string): string => {
    if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs ${what}`);
    return next;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--include-sources') includeSources = true;
    else if (a === '--sources') sources = value(a, args[++i], 'a folder of sources');
    else if (a.startsWith('--sources=')) sources = a.slice('--sources='.length);
    else if (a === '--out') out = value(a, args[++i], 'the packet file to write');
    else if (a.startsWith('--out=')) out = a.slice('--out='.length);
    else if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else positionals.push(a);
  }
  if (positionals.length !== 1) throw new UsageError(`expects exactly one DRAFT file (got ${positionals.length}); usage: ${checkCommand.usage}`);
  if (sources === null || sources === '') throw new UsageError('--sources DIR is required (the folder of PDFs, transcripts and recordings)');
  if (out === null || out === '') throw new UsageError('--out PACKET is required (the evidence packet .zip to write)');
  return { draft: positionals[0]!, sources, out, json, includeSources };
}

/** The `check --json` document (DESIGN.md, CLI check); never throws. */
export function toCheckJson(report: CheckReport): { version: number; packet: string; claims: { index: number; findings: CheckFinding[]; evidence: CheckReport['claims'][number]['evidence'] }[] } {
  return {
    version: CHECK_JSON_VERSION,
    packet: report.packet,
    claims: report.claims.map((c) => ({ index: c.index, findings: c.findings, evidence: c.evidence })),
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function printSummary(report: CheckReport, io: CliIo): void {
  const lines: string[] = [];
  for (const c of report.claims) {
    const text = c.text.replace(/\s+/gu, ' ');
    lines.push(`claim ${c.index}: ${c.findings.join(', ') || 'no findings'}  — ${text.length > 90 ? `${text.slice(0, 89)}…` : text}`);
    for (const d of c.details) lines.push(`    ${d}`);
  }
  const quotes = report.claims.flatMap((c) => c.quotes);
  const count = (f: CheckFinding) => report.claims.filter((c) => c.findings.includes(f)).length;
  const kinds = ['pdf', 'transcript', 'recording'] as const;
  const bound = report.bindings.filter((b) => b.sourceSha256 !== null).length;
  lines.push(
    '',
    `${plural(report.claims.length, 'claim')}; ${plural(quotes.length, 'quotation')}: ${quotes.filter((q) => q === 'found').length} found, ` +
      `${quotes.filter((q) => q === 'possible-misquote').length} possible misquote, ${quotes.filter((q) => q === 'not-found').length} not found; ` +
      `${count('page-mismatch')} page mismatch, ${count('uncited')} uncited, ${count('flagged')} flagged; ` +
      `${plural(report.claims.reduce((n, c) => n + c.evidence.length, 0), 'evidence item')} attached by auto-check.`,
    `Sources: ${report.sources.length} imported (${kinds.map((k) => `${report.sources.filter((s) => s.kind === k).length} ${k}`).join(', ')}), ${report.skipped.length} skipped; ` +
      `references bound: ${bound} of ${report.bindings.length}.`,
    `Packet: ${report.packet} (${plural(report.entries, 'ledger entry', 'ledger entries')}, signed checkpoint). Check it with: provenance-desk verify ${report.packet}`,
  );
  for (const s of report.skipped) lines.push(`Skipped: ${s.reason}`);
  io.out(lines.join('\n') + '\n');
}

/** `check DRAFT --sources DIR --out PACKET`: the headless pipeline; exit 0 when the packet was written, whatever the findings (they are its content). */
export const checkCommand: Command = {
  summary: 'import a draft and a folder of sources, locate every quotation, attach what is found, flag what is not, write a packet',
  usage: 'check DRAFT --sources DIR --out PACKET [--json] [--include-sources]',
  async run(args, io) {
    const parsed = parseCheckArgs(args);
    io.err(`checking ${parsed.draft} against ${parsed.sources}\n`);
    const report = await runCheck({
      draft: parsed.draft,
      sources: parsed.sources,
      out: parsed.out,
      includeSources: parsed.includeSources,
      onProgress: (line) => io.err(`${line}\n`),
    });
    if (parsed.json) io.out(JSON.stringify(toCheckJson(report)) + '\n');
    else printSummary(report, io);
    return EXIT.ok;
  },
};
