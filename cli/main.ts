import process from 'node:process';
import { EXIT, UsageError, type CliIo } from './command.ts';
import { commands } from './commands/index.ts';

const VERSION = '0.1.0';

/** Text of `provenance-desk --help`; never throws. */
export function helpText(): string {
  const lines = [
    'provenance-desk: audit drafts, find quotes in sources, build and verify evidence packets',
    '',
    'Usage: provenance-desk COMMAND [ARGS] [--json]',
    '',
    'Commands:',
  ];
  const names = Object.keys(commands).sort();
  const width = Math.max(0, ...names.map((n) => commands[n]!.usage.length));
  for (const name of names) {
    const c = commands[name]!;
    lines.push(`  ${c.usage.padEnd(width)}  ${c.summary}`);
  }
  if (names.length === 0) lines.push('  (none yet)');
  lines.push(
    '',
    'Exit codes: 0 success; 1 a negative answer (nothing found, verification failed); 2 bad usage or bad input.',
    'With --json, standard output is one JSON document; progress always goes to standard error.',
  );
  return lines.join('\n') + '\n';
}

/** Runs the CLI with argv (without node and script); resolves to the exit code, never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = commands[name];
  if (!command) {
    io.err(`provenance-desk: unknown command "${name}"; run provenance-desk --help for the list\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: provenance-desk ${command.usage}\n${command.summary}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error: unknown) {
    if (error instanceof UsageError) {
      io.err(`provenance-desk ${name}: ${error.message}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`provenance-desk ${name}: unexpected failure: ${message}\n`);
    return EXIT.usage;
  }
}

const isEntry = process.argv[1] !== undefined && /cli[\\/]main\.ts$/.test(process.argv[1]);
if (isEntry) {
  const io: CliIo = {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
  };
  runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
