import { describe, expect, it } from 'vitest';
import { outputFile } from '../../src/emit/files.js';

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
});
