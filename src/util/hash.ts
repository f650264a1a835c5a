import { createHash, hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

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

/** A hash fed in pieces, digested as hex. */
export interface StreamHash {
  update(bytes: Uint8Array): void;
  digest(): string;
}

/** An incremental SHA-256. */
export function createSha256(): StreamHash {
  const h = createHash('sha256');
  return {
    update: (bytes) => void h.update(bytes),
    digest: () => h.digest('hex'),
  };
}

/**
 * The digest of a file's bytes by a hash `create` makes, read through `buffer` (1 MB unless
 * given: reused across files by a caller hashing many); undefined when it is not a readable
 * plain file.
 */
export function fileDigest(file: string, create: () => StreamHash, buffer: Buffer = Buffer.allocUnsafeSlow(1 << 20)): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined;
    const digest = create();
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) digest.update(buffer.subarray(0, n));
    return digest.digest();
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** The hex SHA-256 of a file's bytes (see `fileDigest`). */
export function fileSha256(file: string, buffer?: Buffer): string | undefined {
  return fileDigest(file, createSha256, buffer);
}
