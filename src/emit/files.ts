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
 * A file's content: one string, or pieces to be concatenated in order. Large files are given
 * as pieces, each encoded as soon as it is taken, so that no file is ever held as one string.
 * An iterable may be a generator that makes each piece when asked: the piece is then garbage
 * before the next is made, instead of surviving (and being copied by) the collector until the
 * whole file is done. Bytes are pieces too, for text already encoded.
 */
export type FileContent = string | Iterable<FilePiece>;
export type FilePiece = string | Uint8Array;

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
  private busy = false;

  /** The UTF-8 bytes of the content, in the shared buffer. */
  encode(content: FileContent): Buffer {
    // A generator of pieces could itself make and encode another file: that would overwrite
    // the bytes of this one.
    if (this.busy) throw new Error('internal error: a file was encoded while another was being encoded');
    this.busy = true;
    try {
      let used = 0;
      for (const piece of typeof content === 'string' ? [content] : content) {
        if (typeof piece === 'string') {
          // UTF-8 takes at most 3 bytes per UTF-16 unit: the exact length is counted only
          // when the buffer might be too small.
          if (used + piece.length * 3 > this.buffer.length) this.reserve(used, Buffer.byteLength(piece, 'utf8'));
          used += this.buffer.write(piece, used, 'utf8');
        } else {
          this.reserve(used, piece.length);
          this.buffer.set(piece, used);
          used += piece.length;
        }
      }
      return this.buffer.subarray(0, used);
    } finally {
      this.busy = false;
    }
  }

  /** Makes room for `size` more bytes after the first `used`, keeping those. */
  private reserve(used: number, size: number): void {
    const grown = atLeast(this.buffer, used + size);
    if (grown !== this.buffer) this.buffer.copy(grown, 0, 0, used);
    this.buffer = grown;
  }
}

const shared = new Encoder();

/** Keeps every file in memory. */
export const inMemory: FileSink<OutputFile> = { put: outputFile };
