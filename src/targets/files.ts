import { sha256 } from '../util/hash.js';
import { xxh64 } from '../util/xxh64.js';

/**
 * What the run knows of a generated file once it has been handed on: its path relative to
 * the output folder (always with `/`), its size and the hashes the manifest records (see
 * util/xxh64.ts for why two).
 */
export interface FileRecord {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly xxh64: string;
}

/** A generated file held in memory (for the library, tests, and commands that write nothing). */
export interface OutputFile extends FileRecord {
  readonly bytes: Buffer;
  /** The content as text, decoded on each read (for tests and small files). */
  readonly content: string;
}

/**
 * A file's content: one string, or pieces to be concatenated in order. Large files are given
 * as pieces, each encoded as soon as it is taken, so that no file is ever held as one string.
 * An iterable may be a generator that makes each piece when asked: the piece is then garbage
 * before the next is made, instead of surviving (and being copied by) the collector until the
 * whole file is done.
 */
export type FileContent = string | Iterable<string>;

/**
 * Where the emitters put each file as they make it. In memory (`inMemory`) the run keeps
 * every file; the CLI's output folder (`OutputDir`) compares and stages each file at once
 * and keeps only its record, so a large estate's output is never all in memory.
 */
export interface FileSink<F extends FileRecord> {
  put(path: string, content: FileContent): F;
  /**
   * Keeps the file already at `path` as it is, when it holds the bytes `recorded` hashes (a file
   * the previous run generated and this run would render the same: see render-key.ts); checked
   * by their XXH64, their SHA-256 taken as recorded beside it. It counts as generated, like a
   * file `put`. Undefined when it does not hold them (then the file is rendered and `put`). A
   * sink without the method keeps nothing.
   */
  keep?(path: string, recorded: { sha256: string; xxh64: string }): F | undefined;
}

/** Makes an in-memory output file, encoding its content once. */
export function outputFile(path: string, content: FileContent): OutputFile {
  const parts: Buffer[] = [];
  for (const chunk of shared.chunks(content)) parts.push(Buffer.from(chunk));
  const bytes = Buffer.concat(parts);
  return {
    path,
    size: bytes.length,
    sha256: sha256(bytes),
    xxh64: xxh64(bytes),
    bytes,
    get content() {
      return bytes.toString('utf8');
    },
  };
}

/** The size of an encoded chunk: large enough for few system calls, small enough to stay in cache. */
export const CHUNK_BYTES = 1 << 20;

// A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, two units, takes 4).
const MAX_BYTES_PER_UNIT = 3;

/**
 * Encodes file contents as UTF-8 in chunks of at most `CHUNK_BYTES`, in one buffer reused from
 * chunk to chunk and file to file: whatever the size of a file, encoding it takes no fresh
 * memory, where a buffer grown to the largest file (the version 2 manifest: 167 MB at 50,000 resources)
 * was fresh memory and garbage each time it grew.
 */
export class Encoder {
  private readonly buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  private busy = false;

  /**
   * The content's bytes in order, each chunk a view of the shared buffer that is valid until
   * the next one is taken. Chunks are never empty.
   */
  *chunks(content: FileContent): Generator<Buffer> {
    // A generator of pieces could itself make and encode another file: that would overwrite
    // the bytes of this one.
    if (this.busy) throw new Error('internal error: a file was encoded while another was being encoded');
    this.busy = true;
    try {
      let used = 0;
      for (const piece of typeof content === 'string' ? [content] : content) {
        for (let start = 0; start < piece.length; ) {
          let end = Math.min(piece.length, start + Math.floor((CHUNK_BYTES - used) / MAX_BYTES_PER_UNIT));
          // A surrogate pair stays in one slice: apart, each half would encode as U+FFFD.
          if (end < piece.length && isHighSurrogate(piece.charCodeAt(end - 1))) end--;
          if (end <= start) {
            yield this.buffer.subarray(0, used);
            used = 0;
            continue;
          }
          used += this.buffer.write(start === 0 && end === piece.length ? piece : piece.slice(start, end), used, 'utf8');
          start = end;
        }
      }
      if (used > 0) yield this.buffer.subarray(0, used);
    } finally {
      this.busy = false;
    }
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

const shared = new Encoder();

/** Keeps every file in memory. */
export const inMemory: FileSink<OutputFile> = { put: outputFile };
