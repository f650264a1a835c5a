import xxhash from 'xxhash-wasm';
import { fileDigest } from './hash.js';
import type { StreamHash } from './hash.js';

/*
 * XXH64, the check that a generated file is still what a run wrote. The manifest records two
 * hashes of every file: SHA-256 is its identity (anyone can check it with `sha256sum`; `plan`
 * and the write journal compare it), XXH64 is what a run checks when it reuses the folder's
 * files: an unchanged nightly run reads and checks every byte of the output, and a run that
 * keeps the files it need not render checks each of those. Nothing here defends against a
 * forged file, and nothing needs to: whoever can edit the files can edit the manifest beside them.
 *
 * Measured on the 406 files (282 MB) of a 10,000-resource output, hashed in memory on a 2-CPU
 * machine with SHA extensions: SHA-256 (node:crypto) 160 ms CPU, SHA-1 151 ms, XXH64
 * (xxhash-wasm) 48 ms, XXH3 through @node-rs/xxhash's native binding 124 ms. xxhash-wasm is
 * dependency-free WebAssembly (no platform binaries); compiling it costs ~3.5 ms CPU, once, in
 * the commands that write or check output (this module is imported only there).
 */
const xxh = await xxhash();

/** A 64-bit digest as 16 hex digits. */
const hex = (digest: bigint) => digest.toString(16).padStart(16, '0');

/** An incremental XXH64 (seed 0), digested as 16 hex digits. */
export function createXxh64(): StreamHash {
  const h = xxh.create64();
  return {
    update: (bytes) => void h.update(bytes),
    digest: () => hex(h.digest()),
  };
}

/** Hex XXH64 (seed 0) of bytes. */
export function xxh64(bytes: Uint8Array): string {
  return hex(xxh.h64Raw(bytes));
}

/**
 * The hex XXH64 of a file's bytes, read through `buffer` (1 MB unless given: reused across
 * files by a caller hashing many); undefined when it is not a readable plain file.
 */
export function fileXxh64(file: string, buffer?: Buffer): string | undefined {
  return fileDigest(file, createXxh64, buffer);
}
