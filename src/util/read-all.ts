import { readSync } from 'node:fs';

/** Reads `length` bytes at `position` into the start of `buffer` (fewer at the end of the file); the bytes read. */
export function readAll(fd: number, buffer: Uint8Array, length: number, position: number): number {
  let used = 0;
  while (used < length) {
    const n = readSync(fd, buffer, used, length - used, position + used);
    if (n === 0) break;
    used += n;
  }
  return used;
}
