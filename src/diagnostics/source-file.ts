import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Diagnostics } from './diagnostic.js';
import type { Position } from './source-document.js';

// `fatal`: a byte that is not UTF-8 throws instead of becoming U+FFFD, which would change the
// text (a tag value, an ARN) without anyone noticing.
const STRICT = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads an input file (gunzipping `.gz` files) as UTF-8 text: the one way every JSON and YAML
 * input is read. An unreadable file or one that is not UTF-8 is an error at its position;
 * the result is then undefined.
 */
export function readSourceFile(file: string, diags: Diagnostics, what = ''): string | undefined {
  const bytes = readSourceBytes(file, diags, what);
  return bytes && decodeUtf8(file, bytes, diags);
}

/** An input file's bytes (gunzipped for `.gz`), for a reader that decodes them a piece at a time; an unreadable file is an error. */
export function readSourceBytes(file: string, diags: Diagnostics, what = ''): Uint8Array | undefined {
  try {
    const raw = readFileSync(file);
    return file.endsWith('.gz') ? gunzipSync(raw) : raw;
  } catch (e) {
    diags.error(`cannot read${what ? ` ${what}` : ''}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file });
    return undefined;
  }
}

/** UTF-8 bytes as text (a leading byte order mark dropped); invalid UTF-8 is an error at its line and column. */
export function decodeUtf8(file: string, bytes: Uint8Array, diags: Diagnostics): string | undefined {
  try {
    return STRICT.decode(bytes);
  } catch {
    const { position, byte } = firstInvalidUtf8(bytes);
    diags.error(`invalid UTF-8 (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')}); input files must be UTF-8 text`, { file, ...position });
    return undefined;
  }
}

/**
 * Where the first byte that is not UTF-8 is. The lenient decoder gives the same text as the
 * strict one up to that byte, so walking its characters while counting their UTF-8 lengths
 * finds it: the first U+FFFD that is not the three bytes EF BF BD of a real U+FFFD.
 */
function firstInvalidUtf8(bytes: Uint8Array): { position: Position; byte: number } {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  // The strict decoder drops a leading byte order mark, so parsers count columns without it.
  const bom = text.charCodeAt(0) === 0xfeff;
  let i = bom ? 1 : 0;
  let o = bom ? 3 : 0;
  let line = 1;
  let lineStart = i;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    if (cp === 0xfffd && !(bytes[o] === 0xef && bytes[o + 1] === 0xbf && bytes[o + 2] === 0xbd)) break;
    o += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
    if (cp === 0x0a) {
      line++;
      lineStart = i;
    }
  }
  return { position: { line, column: i - lineStart + 1 }, byte: bytes[o] ?? 0 };
}
