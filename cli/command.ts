// The contract every CLI command implements (DESIGN.md, CLI): exit 0 success, 1 a negative answer,
// 2 bad usage or bad input with a one-line message naming the file. Progress goes to stderr.

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, negative: 1, usage: 2 } as const;

/** Where a command writes; injectable so tests capture output without spawning a process. */
export interface CliIo {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes progress and errors to standard error. */
  err(text: string): void;
}

/** A subcommand of `provenance-desk`. */
export interface Command {
  /** One line shown by `--help`. */
  summary: string;
  /** The usage line, e.g. `audit DRAFT [--json]`. */
  usage: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Thrown by commands for bad usage or bad input; main prints its message and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
