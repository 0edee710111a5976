// Limits the PDF extraction worker (extract-worker.ts) enforces inside its thread, in a module of their own
// so that tests and callers can read them without starting a worker.

/**
 * Largest byte array pdf.js may allocate in one piece in this thread. pdf.js grows a decoded stream's
 * buffer by doubling, so a flate bomb asks for 512 MiB, then 1 GiB, in single allocations that land
 * between two samples of the parent's memory watch; refusing them here stops the bomb before the memory
 * is taken. No content stream a text extraction decodes comes near this size.
 */
export const PDF_MAX_BUFFER_BYTES = 128 * 1024 * 1024;

/**
 * Globals the worker removes before pdf.js runs: Node's web compression streams, which are native zlib
 * handles that abort the process when the worker is terminated while one is being set up. pdf.js falls
 * back to its own JavaScript inflate when DecompressionStream is missing.
 */
export const NATIVE_STREAM_GLOBALS = ['DecompressionStream', 'CompressionStream'] as const;
