import { createHash } from 'node:crypto';

/** Hex SHA-256 of a string (UTF-8). */
export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A short, stable hash for disambiguating names and ids. */
export function shortHash(text: string, length = 8): string {
  return sha256(text).slice(0, length);
}
