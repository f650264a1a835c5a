/** A generated file, path relative to the output folder (always with `/`). */
export interface OutputFile {
  path: string;
  content: string;
}

const encoded = new WeakMap<OutputFile, Buffer>();

/**
 * A file's content as UTF-8, encoded once: it is hashed for the manifest, compared with the
 * file on disk and written, and large outputs run to hundreds of megabytes.
 */
export function bytesOf(file: OutputFile): Buffer {
  let bytes = encoded.get(file);
  if (!bytes) {
    bytes = Buffer.from(file.content, 'utf8');
    encoded.set(file, bytes);
  }
  return bytes;
}
