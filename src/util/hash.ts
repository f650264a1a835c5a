import { hash } from 'node:crypto';

/** Hex SHA-256 of a string (UTF-8). */
export function sha256(text: string | Uint8Array): string {
  // The one-shot form: most hashes here are of short ids (one or two per generated
  // resource), where making a Hash object cost more than the hashing.
  return hash('sha256', text, 'hex');
}

/** A short, stable hash for disambiguating names and ids. */
export function shortHash(text: string, length = 8): string {
  return sha256(text).slice(0, length);
}
