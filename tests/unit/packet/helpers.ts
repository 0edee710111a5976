// Test helpers for packets: read a folder from disk as a bag's FolderInput.
import fs from 'node:fs';
import path from 'node:path';
import type { FolderInput } from '../../../shared/packet/bagit.ts';

/** The BagIt conformance suite, read-only, beside the repository. */
export const BAGIT_SUITE = path.resolve(import.meta.dirname, '../../../../shared/conformance/bagit-conformance');
/** The W3C annotation-model test suite, read-only, beside the repository. */
export const ANNOTATION_SUITE = path.resolve(import.meta.dirname, '../../../../shared/conformance/w3c-annotation-model');

/** Reads every file under a folder (relative `/` paths), recording symbolic links instead of following them. */
export function readFolder(root: string): FolderInput {
  const files = new Map<string, Uint8Array>();
  const links: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) links.push(relPath);
      else if (entry.isDirectory()) walk(full, relPath);
      else if (entry.isFile()) files.set(relPath, new Uint8Array(fs.readFileSync(full)));
      else links.push(relPath);
    }
  };
  walk(root, '');
  return { files, links };
}

/** The bag folders of one version and category of the conformance suite (empty when absent). */
export function suiteBags(version: string, category: string): string[] {
  const dir = path.join(BAGIT_SUITE, version, category);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(dir, e.name))
    .sort();
}
