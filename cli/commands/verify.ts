import fs from 'node:fs';
import path from 'node:path';
import { MAX_BAG_ENTRIES, MAX_BAG_ENTRY_BYTES, MAX_BAG_TOTAL_BYTES, type FolderInput, type OpenedBag } from '../../shared/packet/bagit.ts';
import { openPacket } from '../../shared/packet/packet.ts';
import { verifyPacket } from '../../shared/packet/verify.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { nativeSha256 } from '../native-sha256.ts';

/** Largest packet zip `verify` reads into memory, in bytes. */
export const VERIFY_MAX_ZIP_BYTES = MAX_BAG_TOTAL_BYTES;

/** Reads a folder's regular files (relative `/` paths), recording links and special files instead of following them; throws UsageError past the limits. */
export function readPacketFolder(root: string): FolderInput {
  const files = new Map<string, Uint8Array>();
  const links: string[] = [];
  let total = 0;
  const walk = (dir: string, rel: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, relPath);
      else if (!entry.isFile()) links.push(relPath);
      else {
        const size = fs.lstatSync(full).size;
        if (size > MAX_BAG_ENTRY_BYTES) throw new UsageError(`${full}: ${size} bytes, more than the limit of ${MAX_BAG_ENTRY_BYTES}`);
        total += size;
        if (total > MAX_BAG_TOTAL_BYTES) throw new UsageError(`${root}: more than ${MAX_BAG_TOTAL_BYTES} bytes in all`);
        if (files.size >= MAX_BAG_ENTRIES) throw new UsageError(`${root}: more than ${MAX_BAG_ENTRIES} files`);
        files.set(relPath, new Uint8Array(fs.readFileSync(full)));
      }
    }
  };
  walk(root, '');
  return { files, links };
}

/** Opens PACKET (a .zip or an unzipped folder) through the trust boundary; throws UsageError naming the file when it cannot. */
export function openPacketPath(file: string): OpenedBag {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UsageError(`${file}: no such file or folder`);
  }
  let source: Uint8Array | FolderInput;
  try {
    if (stat.isDirectory()) source = readPacketFolder(file);
    else {
      if (stat.size > VERIFY_MAX_ZIP_BYTES) throw new UsageError(`${file}: ${stat.size} bytes, more than the limit of ${VERIFY_MAX_ZIP_BYTES}`);
      source = new Uint8Array(fs.readFileSync(file));
    }
  } catch (error: unknown) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  const opened = openPacket(source);
  if (!opened.ok) throw new UsageError(`${file}: ${opened.error}`);
  return opened.value;
}

/** `verify PACKET [--json] [--previous OLDER_PACKET]`: checks a packet; exit 0 only when every check holds (DESIGN.md, CLI). */
export const verifyCommand: Command = {
  summary: 'check an evidence packet: manifests, ledger, signature, inclusion proofs, quotes (and that it extends an older one)',
  usage: 'verify PACKET [--json] [--previous OLDER_PACKET]',
  async run(args, io) {
    const positionals: string[] = [];
    let json = false;
    let previousPath: string | null = null;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--json') json = true;
      else if (arg === '--previous') {
        const next = args[++i];
        if (next === undefined || next.startsWith('--')) throw new UsageError('--previous needs an older packet');
        previousPath = next;
      } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
      else positionals.push(arg);
    }
    if (positionals.length !== 1) throw new UsageError('expected exactly one PACKET (a .zip or an unzipped packet folder)');
    const file = positionals[0]!;
    io.err(`verifying ${file}\n`);
    const bag = openPacketPath(file);
    const previous = previousPath === null ? undefined : openPacketPath(previousPath);
    const result = await verifyPacket(bag, { previous, sha256: nativeSha256, onProgress: (check) => io.err(`  checking ${check}…\n`) });
    if (json) io.out(JSON.stringify(result) + '\n');
    else {
      const lines = result.checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}`);
      lines.push('', result.ok ? `${file}: every check holds.` : `${file}: verification FAILED at ${result.firstFailure?.name}: ${result.firstFailure?.detail}`);
      io.out(lines.join('\n') + '\n');
    }
    return result.ok ? EXIT.ok : EXIT.negative;
  },
};
