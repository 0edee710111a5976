// The IPC contract (DESIGN.md, Electron shell): for every channel, the schema its argument must pass in
// the main process and the type of the value it resolves to. The preload exposes one method per channel
// (shared/ipc/channels.ts) and the main process validates every payload against these schemas, so a
// compromised renderer can send nothing the handlers do not expect.
import { z } from 'zod';
import type { IpcChannel } from './channels.ts';

/** Most files one pick may return. */
export const MAX_PICK_FILES = 100;
/** Largest single file a pick may read into memory (bytes). */
export const MAX_PICK_FILE_BYTES = 512 * 1024 * 1024;
/** Largest total of all files one pick may read into memory (bytes). */
export const MAX_PICK_TOTAL_BYTES = 1024 * 1024 * 1024;
/** Largest file the renderer may ask to save (bytes). */
export const MAX_SAVE_BYTES = 1024 * 1024 * 1024;
/** Longest dialog title (characters). */
export const MAX_TITLE_LENGTH = 200;
/** Most file-type filters in one dialog. */
export const MAX_FILTERS = 20;
/** Most extensions in one filter. */
export const MAX_FILTER_EXTENSIONS = 50;
/** Longest filter label (characters). */
export const MAX_FILTER_NAME_LENGTH = 100;
/** Longest file name (characters), the common file-system limit. */
export const MAX_FILE_NAME_LENGTH = 255;
/** Longest media type (characters), RFC 6838's bound on type plus subtype with room for parameters. */
export const MAX_MEDIA_TYPE_LENGTH = 255;

// Extensions without dots: letters and digits only, so nothing like `*` or `../` reaches the dialog.
const extensionSchema = z.string().regex(/^[A-Za-z0-9]{1,16}$/, 'an extension is 1–16 letters or digits, without a dot');

// `type/subtype` with optional parameters, e.g. `text/csv; charset=utf-8`.
const mediaTypeSchema = z
  .string()
  .max(MAX_MEDIA_TYPE_LENGTH)
  .regex(/^([A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\s*;[^\r\n\0]*)?)?$/, 'not a media type like application/zip');

// A base name only: no directory part, no control characters, not `.` or `..`.
const baseNameSchema = z
  .string()
  .min(1, 'the file name is empty')
  .max(MAX_FILE_NAME_LENGTH)
  .refine((name) => !/[/\\]/.test(name), 'the file name must not contain / or \\')
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'the file name must not contain control characters')
  .refine((name) => name !== '.' && name !== '..', 'the file name must not be . or ..');

/** Schema of `PickOptions`: a dialog title, file-type filters, and whether several files may be chosen. */
export const pickOptionsSchema = z.strictObject({
  title: z.string().max(MAX_TITLE_LENGTH),
  filters: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(MAX_FILTER_NAME_LENGTH),
        extensions: z.array(extensionSchema).min(1).max(MAX_FILTER_EXTENSIONS),
      }),
    )
    .max(MAX_FILTERS),
  multiple: z.boolean(),
});

/** Schema of `SaveOptions`: a suggested base name, the bytes (bounded), and their media type. */
export const saveOptionsSchema = z.strictObject({
  suggestedName: baseNameSchema,
  bytes: z
    .custom<Uint8Array>((value) => value instanceof Uint8Array, { error: 'bytes must be a Uint8Array' })
    .refine((bytes) => bytes.byteLength <= MAX_SAVE_BYTES, `the file is larger than ${MAX_SAVE_BYTES} bytes`),
  mediaType: mediaTypeSchema,
});

/** What the user may pick. */
export type PickOptions = z.input<typeof pickOptionsSchema>;
/** A file to save. */
export type SaveOptions = z.input<typeof saveOptionsSchema>;

/** A file the user chose, read into memory. */
export interface PickedFile {
  /** The file's base name, without any directory. */
  name: string;
  /** IANA media type guessed from the extension, or '' when unknown. */
  mediaType: string;
  /** The file's bytes. */
  bytes: Uint8Array;
}

/** Where a file was saved. */
export interface SavedFile {
  /** The absolute path the user chose. */
  savedAs: string;
}

/** Facts about the running app, for the About box and bug reports. */
export interface AppInfo {
  /** The product name. */
  name: string;
  /** The app's version (package.json). */
  version: string;
  /** The Electron version. */
  electron: string;
  /** The Chromium version. */
  chrome: string;
  /** Node's `process.platform`, e.g. `linux`. */
  platform: string;
}

// The result type rides along as a phantom: it exists only for the compiler.
declare const resultType: unique symbol;

/** One channel's argument schema, with its result type attached for the compiler. */
export interface ChannelSpec<A extends z.ZodType, R> {
  /** Validates the single argument the renderer sends. */
  readonly args: A;
  /** Never set; carries the result type. */
  readonly [resultType]?: R;
}

function channel<R>(): <A extends z.ZodType>(args: A) => ChannelSpec<A, R> {
  return (args) => ({ args });
}

/** The contract: every channel's argument schema and result type. */
export const IPC_CONTRACT = {
  'dialog:pick-files': channel<PickedFile[]>()(pickOptionsSchema),
  'dialog:save-file': channel<SavedFile | null>()(saveOptionsSchema),
  'app:info': channel<AppInfo>()(z.undefined({ error: 'app:info takes no argument' })),
} as const satisfies Record<IpcChannel, ChannelSpec<z.ZodType, unknown>>;

/** The contract's type. */
export type IpcContract = typeof IPC_CONTRACT;
/** The argument a channel's handler receives, after validation. */
export type IpcArg<C extends IpcChannel> = z.output<IpcContract[C]['args']>;
/** The argument the renderer passes for a channel. */
export type IpcArgInput<C extends IpcChannel> = z.input<IpcContract[C]['args']>;
/** The value a channel resolves to (inside a Result). */
export type IpcResult<C extends IpcChannel> = IpcContract[C] extends ChannelSpec<z.ZodType, infer R> ? R : never;
