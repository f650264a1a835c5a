import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Diagnostics, formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { decodeUtf8, readSourceFile } from '../../src/diagnostics/source-file.js';
import { tempDir } from '../helpers/files.js';

function decode(bytes: number[] | Buffer): { text: string | undefined; messages: string[] } {
  const diags = new Diagnostics();
  const text = decodeUtf8('in.json', Uint8Array.from(bytes), diags);
  return { text, messages: diags.items.map(formatDiagnostic) };
}

const utf8 = (s: string) => [...Buffer.from(s, 'utf8')];

describe('decodeUtf8: input text is UTF-8 or an error at the byte', () => {
  it('decodes UTF-8, multi-byte characters and a real U+FFFD included', () => {
    expect(decode(utf8('{"a": "é€😀\uFFFD"}'))).toEqual({ text: '{"a": "é€😀\uFFFD"}', messages: [] });
  });

  it('drops a leading byte order mark, as editors write it', () => {
    expect(decode([0xef, 0xbb, 0xbf, ...utf8('{}')]).text).toBe('{}');
  });

  it('reports a stray byte at its line and column instead of replacing it', () => {
    expect(decode([...utf8('{\n  "a": "x'), 0xff, ...utf8('y"\n}')])).toEqual({
      text: undefined,
      messages: ['in.json:2:10: error: invalid UTF-8 (byte 0xFF); input files must be UTF-8 text'],
    });
  });

  it('counts columns as the parsers do (UTF-16 units), after multi-byte characters and a byte order mark', () => {
    // "é" is one UTF-16 unit and "😀" two: the bad byte comes fourth.
    expect(decode([...utf8('é😀'), 0xc3, 0x28]).messages).toEqual(['in.json:1:4: error: invalid UTF-8 (byte 0xC3); input files must be UTF-8 text']);
    expect(decode([0xef, 0xbb, 0xbf, ...utf8('ab'), 0x80]).messages).toEqual(['in.json:1:3: error: invalid UTF-8 (byte 0x80); input files must be UTF-8 text']);
  });

  it('reports an encoded surrogate, an overlong form and a truncated character at the end', () => {
    expect(decode([...utf8('a\nb'), 0xed, 0xa0, 0x80]).messages).toEqual(['in.json:2:2: error: invalid UTF-8 (byte 0xED); input files must be UTF-8 text']);
    expect(decode([0xc0, 0xaf]).messages).toEqual(['in.json:1:1: error: invalid UTF-8 (byte 0xC0); input files must be UTF-8 text']);
    expect(decode([...utf8('ok '), 0xe2, 0x82]).messages).toEqual(['in.json:1:4: error: invalid UTF-8 (byte 0xE2); input files must be UTF-8 text']);
  });

  it('does not take the bytes of U+FFFD followed by a bad byte for the bad byte', () => {
    expect(decode([...utf8('\uFFFD'), 0xef, 0xbf, 0x41]).messages).toEqual(['in.json:1:2: error: invalid UTF-8 (byte 0xEF); input files must be UTF-8 text']);
  });
});

describe('readSourceFile', () => {
  it('reads gzipped files, and checks what is inside them', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'good.json.gz'), gzipSync(Buffer.from('{"é": 1}')));
    writeFileSync(join(dir, 'bad.json.gz'), gzipSync(Buffer.from([...utf8('{"a":\n"'), 0xfe, ...utf8('"}')])));
    const diags = new Diagnostics();
    expect(readSourceFile(join(dir, 'good.json.gz'), diags)).toBe('{"é": 1}');
    expect(readSourceFile(join(dir, 'bad.json.gz'), diags)).toBeUndefined();
    expect(diags.items.map(formatDiagnostic)).toEqual([`${join(dir, 'bad.json.gz')}:2:2: error: invalid UTF-8 (byte 0xFE); input files must be UTF-8 text`]);
  });

  it('names a file it cannot read', () => {
    const diags = new Diagnostics();
    expect(readSourceFile('/nonexistent/x.json', diags, 'config')).toBeUndefined();
    expect(diags.items.map(formatDiagnostic)).toEqual(['/nonexistent/x.json: error: cannot read config: ENOENT']);
  });
});
