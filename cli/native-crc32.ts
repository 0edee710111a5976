import { crc32 } from 'node:zlib';
import type { Crc32Function } from '../shared/packet/crc32.ts';

/** zlib's native CRC-32 as the Crc32Function buildPacket accepts: the same numbers as the pure-JS one, several times faster on source files. */
export const nativeCrc32: Crc32Function = (bytes) => crc32(bytes);
