import { EXIT, UsageError, type Command } from '../command.ts';
import { describeUnit, loadSourceText, parseSourceArgs } from '../sources.ts';

/** `extract SOURCE [--json]`: the source text of a PDF or transcript with its units (DESIGN.md, CLI). */
export const extractCommand: Command = {
  summary: 'print the text of a PDF or transcript with its pages or cues',
  usage: 'extract SOURCE [--json] [--password PW]',
  async run(args, io) {
    const { positionals, json, password } = parseSourceArgs(args);
    if (positionals.length !== 1) throw new UsageError('expects exactly one SOURCE file');
    const file = positionals[0]!;
    io.err(`extracting ${file}\n`);
    const src = await loadSourceText(file, {
      ...(password === undefined ? {} : { password }),
      onProgress: (done, total) => {
        if (done === total || done % 100 === 0) io.err(`${file}: page ${done} of ${total}\n`);
      },
    });
    const { text, units } = src.sourceText;
    if (json) {
      io.out(JSON.stringify({ version: 1, file, sha256: src.sha256, kind: src.kind, text, units }) + '\n');
      return EXIT.ok;
    }
    io.out(`${file}  sha256 ${src.sha256}  ${src.kind}, ${units.length} ${src.kind === 'pdf' ? 'pages' : 'cues'}\n`);
    for (const u of units) {
      io.out(`\n== ${describeUnit(u)}  [${u.range[0]}, ${u.range[1]})\n`);
      const body = text.slice(u.range[0], u.range[1]).replace(/\n$/u, '');
      if (body) io.out(body + '\n');
    }
    return EXIT.ok;
  },
};
