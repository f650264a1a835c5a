import { sha256 } from '../util/hash.js';

/**
 * What the run knows of a generated file once it has been handed on: its path relative to
 * the output folder (always with `/`), its size and the hash the manifest records.
 */
export interface FileRecord {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/** A generated file held in memory (for the library, tests, and commands that write nothing). */
export interface OutputFile extends FileRecord {
  readonly bytes: Buffer;
  /** The content as text, decoded on each read (for tests and small files). */
  readonly content: string;
}

/**
 * A file's content: one string, or pieces to be concatenated. Large files are given as
 * pieces so that they are encoded piece by piece and never held as one string, which at
 * scale would be a second copy of every file in the heap.
 */
export type FileContent = string | readonly string[];

/**
 * Where the emitters put each file as they make it. In memory (`inMemory`) the run keeps
 * every file; the CLI's output folder (`OutputDir`) compares and stages each file at once
 * and keeps only its record, so a large estate's output is never all in memory.
 */
export interface FileSink<F extends FileRecord> {
  put(path: string, content: FileContent): F;
}

/** Makes an in-memory output file, encoding its content once. */
export function outputFile(path: string, content: FileContent): OutputFile {
  const bytes = Buffer.from(shared.encode(content));
  return {
    path,
    size: bytes.length,
    sha256: sha256(bytes),
    bytes,
    get content() {
      return bytes.toString('utf8');
    },
  };
}

/** A buffer of at least `size` bytes: `buffer` itself, or a new one (at least twice as large). */
export function atLeast(buffer: Buffer<ArrayBuffer>, size: number): Buffer<ArrayBuffer> {
  return size <= buffer.length ? buffer : Buffer.allocUnsafeSlow(Math.max(size, buffer.length * 2));
}

/**
 * Encodes file contents into one buffer that is reused from file to file (and grown to the
 * largest): the bytes of a file are valid until the next call. Fresh memory is what costs
 * most when hundreds of megabytes are generated, and none is taken per file this way.
 */
export class Encoder {
  private buffer = Buffer.allocUnsafeSlow(1 << 20);

  /** The UTF-8 bytes of the content, in the shared buffer. */
  encode(content: FileContent): Buffer {
    const pieces = typeof content === 'string' ? [content] : content;
    let size = 0;
    for (const piece of pieces) size += Buffer.byteLength(piece, 'utf8');
    this.buffer = atLeast(this.buffer, size);
    let used = 0;
    for (const piece of pieces) used += this.buffer.write(piece, used, 'utf8');
    return this.buffer.subarray(0, used);
  }
}

const shared = new Encoder();

/** Keeps every file in memory. */
export const inMemory: FileSink<OutputFile> = { put: outputFile };
