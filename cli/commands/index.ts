import type { Command } from '../command.ts';
import { auditCommand } from './audit.ts';
import { checkCommand } from './check.ts';
import { extractCommand } from './extract.ts';
import { findCommand } from './find.ts';
import { verifyCommand } from './verify.ts';

// One line per command; each command lives in its own file beside this one.
/** Every subcommand of the CLI, by name. */
export const commands: Record<string, Command> = {
  audit: auditCommand,
  check: checkCommand,
  extract: extractCommand,
  find: findCommand,
  verify: verifyCommand,
};
