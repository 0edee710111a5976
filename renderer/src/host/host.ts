import type { MenuCommand } from '../../../shared/ipc/channels.ts';
import type { Result } from '../../../shared/types/result.ts';

/** A file the user chose, read into memory. */
export interface PickedFile {
  /** The file's base name, without any directory. */
  name: string;
  /** IANA media type as reported by the platform, or '' when unknown. */
  mediaType: string;
  /** The file's bytes. */
  bytes: Uint8Array;
}

/** What the user may pick: a dialog title and file-type filters. */
export interface PickOptions {
  /** Dialog title, e.g. "Import PDFs". */
  title: string;
  /** Accepted kinds: a label and extensions without dots. */
  filters: { name: string; extensions: string[] }[];
  /** Whether several files may be chosen at once. */
  multiple: boolean;
}

/** A file to save: its suggested name, its bytes and its media type. */
export interface SaveOptions {
  /** Suggested file name, e.g. `packet-2026-11-28.zip`. */
  suggestedName: string;
  /** The bytes to write. */
  bytes: Uint8Array;
  /** IANA media type, e.g. `application/zip`. */
  mediaType: string;
}

/**
 * The renderer's only door to its platform (DESIGN.md, Hosts). The Electron host calls the preload API;
 * the browser host uses the File API and downloads. Every method returns a Result, never throws.
 */
export interface Host {
  /** Which platform this is, for the About box and for features only one of them has. */
  readonly kind: 'electron' | 'browser';
  /** Lets the user choose files; resolves to an empty list when the user cancels. */
  pickFiles(options: PickOptions): Promise<Result<PickedFile[]>>;
  /** Saves bytes where the user chooses (a download in the browser); resolves to null when the user cancels. */
  saveFile(options: SaveOptions): Promise<Result<{ savedAs: string } | null>>;
  /** Calls `listener` with each command the application menu sends (Electron; a browser has no app menu); returns the unsubscribe. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
