// A workspace held in memory (DESIGN.md, Ledger): the state tables as maps and the ledger as canonical
// lines. It changes only through `commit`, which does what the Dexie store does in one transaction:
// validate the entry, let the pure projection (`applyEvent`) compute the row operations over the current
// state, apply them and append the line. So its rows always equal a replay of its lines. Used by the
// headless `check` pipeline; pure, so packet import and the app can use it too.
import { fromEntryLine, toEntryLine } from '../ledger/entry.ts';
import { MemoryState, applyEvent, replay, type RowOp, type StateRows, type StateTable } from '../ledger/project.ts';
import type { PacketRows } from '../packet/packet.ts';
import { err, ok, type Result } from '../types/result.ts';
import type { LedgerEntry, LedgerEvent } from '../types/events.ts';
import type { SourceText } from '../types/text.ts';

/** What buildPacket takes from a workspace besides the ledger: the rows and the source texts. */
export interface WorkspaceRows extends PacketRows {
  /** Extracted texts of the sources (PDFs and transcripts). */
  sourceTexts: SourceText[];
}

/** Thrown by MemoryWorkspace.commit when an event is invalid or cannot apply; nothing was changed. */
export class CommitError extends Error {
  override name = 'CommitError';
}

/** An in-memory workspace: state rows by table and the ledger's canonical lines, changed only by commit. */
export class MemoryWorkspace {
  private readonly state: MemoryState;
  private readonly ledger: string[];
  // Commits run one after another, so concurrent callers get consecutive seqs, never the same one.
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(state: MemoryState, lines: string[]) {
    this.state = state;
    this.ledger = lines;
  }

  /** An empty workspace (no ledger yet: the first commit must be `workspace.created`); never throws. */
  static create(): MemoryWorkspace {
    return new MemoryWorkspace(new MemoryState(), []);
  }

  /** A workspace rebuilt from canonical ledger lines (e.g. a packet's ledger.jsonl); an error naming the first bad line or entry. */
  static async fromLines(lines: readonly string[]): Promise<Result<MemoryWorkspace>> {
    const entries: LedgerEntry[] = [];
    for (const [i, line] of lines.entries()) {
      const parsed = fromEntryLine(line);
      if (!parsed.ok) return err(`ledger line ${i + 1}: ${parsed.error}`);
      if (parsed.value.seq !== i) return err(`ledger line ${i + 1}: seq is ${parsed.value.seq}, not ${i}`);
      entries.push(parsed.value);
    }
    try {
      return ok(new MemoryWorkspace(await replay(entries), [...lines]));
    } catch (error: unknown) {
      return err(error instanceof Error ? error.message : String(error));
    }
  }

  /** Number of ledger entries. */
  get size(): number {
    return this.ledger.length;
  }

  /**
   * Validates the event as the next entry (by `actor` at `time`), applies it through the projection and
   * appends its canonical line; resolves to the entry as stored. Rejects with a CommitError naming the
   * entry and field when it is invalid or does not apply; the workspace is then unchanged.
   */
  commit(actor: string, event: LedgerEvent, time: Date = new Date()): Promise<LedgerEntry> {
    const run = this.queue.then(() => this.commitNow(actor, event, time));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async commitNow(actor: string, event: LedgerEvent, time: Date): Promise<LedgerEntry> {
    const seq = this.ledger.length;
    let line: string;
    try {
      line = toEntryLine({ seq, time: time.toISOString(), actor, ...event } as LedgerEntry);
    } catch (error: unknown) {
      throw new CommitError(error instanceof Error ? error.message : String(error));
    }
    // Apply the entry as parsed back from its line, exactly what a replay of the ledger will see.
    const parsed = fromEntryLine(line);
    if (!parsed.ok) throw new CommitError(parsed.error);
    let ops: RowOp[];
    try {
      ops = await applyEvent(this.state, parsed.value);
    } catch (error: unknown) {
      throw new CommitError(error instanceof Error ? error.message : String(error));
    }
    this.state.apply(ops, seq);
    this.ledger.push(line);
    return parsed.value;
  }

  /** The ledger's canonical lines, in seq order (a copy). */
  lines(): string[] {
    return [...this.ledger];
  }

  /** One row by table and key, or undefined. */
  get<T extends StateTable>(table: T, key: string): StateRows[T] | undefined {
    return this.state.tables[table].get(key);
  }

  /** Every row of a table, in insertion order (a copy). */
  all<T extends StateTable>(table: T): StateRows[T][] {
    return [...this.state.tables[table].values()];
  }

  /** The rows and texts buildPacket needs; throws when there is no workspace row yet (nothing committed). */
  rows(): WorkspaceRows {
    const workspace = this.state.tables.workspace.values().next().value;
    if (workspace === undefined) throw new Error('the workspace has no ledger yet: commit workspace.created first');
    return {
      workspace,
      drafts: this.all('drafts'),
      claims: this.all('claims'),
      references: this.all('references'),
      sources: this.all('sources'),
      passages: this.all('passages'),
      evidence: this.all('evidence'),
      sourceTexts: this.all('sourceTexts'),
    };
  }
}
