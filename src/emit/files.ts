/**
 * A generated file, path relative to the output folder (always with `/`). Its content is
 * held as UTF-8 bytes from the moment it is made: the bytes are what is hashed for the
 * manifest, compared with the file on disk and written, and large outputs run to hundreds of
 * megabytes, so keeping the (often concatenated, rope-shaped) string alive as well would
 * double the heap and the garbage collector's work.
 */
export interface OutputFile {
  readonly path: string;
  readonly bytes: Buffer;
  /** The content as text, decoded on each read (for tests and small files). */
  readonly content: string;
}

/**
 * Makes an output file, encoding its content once. Content may be given as pieces to be
 * concatenated: large files are then encoded piece by piece without ever being one string,
 * which at scale saves a second copy of every file in the heap (see `encodePieces`).
 */
export function outputFile(path: string, content: string | readonly string[]): OutputFile {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : encodePieces(content);
  return {
    path,
    bytes,
    get content() {
      return bytes.toString('utf8');
    },
  };
}

/**
 * The UTF-8 bytes of the concatenated pieces. Measured first, then written into one buffer
 * of the exact size: joining them into a string first would allocate (and later collect) a
 * large string per file, and at scale fresh memory is what costs most.
 */
function encodePieces(pieces: readonly string[]): Buffer {
  let size = 0;
  for (const piece of pieces) size += Buffer.byteLength(piece, 'utf8');
  const bytes = Buffer.allocUnsafeSlow(size);
  let used = 0;
  for (const piece of pieces) used += bytes.write(piece, used, 'utf8');
  return bytes;
}
