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

/** Makes an output file, encoding its content once. */
export function outputFile(path: string, content: string): OutputFile {
  const bytes = Buffer.from(content, 'utf8');
  return {
    path,
    bytes,
    get content() {
      return bytes.toString('utf8');
    },
  };
}
