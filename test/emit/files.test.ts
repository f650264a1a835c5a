import { describe, expect, it } from 'vitest';
import { Encoder, outputFile } from '../../src/emit/files.js';

describe('outputFile', () => {
  it('encodes pieces to the same bytes as their concatenation, multi-byte and astral characters included', () => {
    const pieces = ['plain ', '', 'é · × – ', '😀', 'a\u0000b', 'x'.repeat(70_000), '\n'];
    const file = outputFile('a.txt', pieces);
    expect(file.bytes.equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
    expect(file.content).toBe(pieces.join(''));
    expect(outputFile('b.txt', pieces.join('')).bytes.equals(file.bytes)).toBe(true);
  });

  it('gives an empty file for no pieces', () => {
    expect(outputFile('empty.txt', []).bytes.length).toBe(0);
  });

  it('takes pieces from a generator, one at a time, and bytes as they are', () => {
    const made: number[] = [];
    function* pieces() {
      for (let i = 0; i < 3; i++) {
        made.push(i);
        yield `line ${i} · é\n`;
      }
      yield Buffer.from('bytes 😀\n', 'utf8');
    }
    expect(made).toEqual([]);
    const file = outputFile('gen.txt', pieces());
    expect(made).toEqual([0, 1, 2]);
    expect(file.content).toBe('line 0 · é\nline 1 · é\nline 2 · é\nbytes 😀\n');
  });
});

describe('Encoder', () => {
  it('grows its buffer in the middle of a file and keeps what it had encoded', () => {
    const encoder = new Encoder();
    // Past the first megabyte (2^20 bytes) with multi-byte text whose characters would fit
    // but whose bytes do not, with bytes, and with a piece larger than the grown buffer.
    const pieces = ['é'.repeat(500_000), '€'.repeat(20_000), Buffer.alloc(300_000, 0x61), '€'.repeat(200_000), 'z'.repeat(3_000_000), '😀'];
    const expected = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
    expect(encoder.encode(pieces).equals(expected)).toBe(true);
    // The grown buffer is reused: a small file after a large one is right too.
    expect(encoder.encode(['small', Buffer.from(' file')]).toString()).toBe('small file');
  });

  it('refuses to encode a file while another is being encoded', () => {
    const encoder = new Encoder();
    function* nested() {
      yield 'outer ';
      encoder.encode('inner');
    }
    expect(() => encoder.encode(nested())).toThrow(/while another was being encoded/);
    // And is usable again afterwards.
    expect(encoder.encode('after').toString()).toBe('after');
  });
});
