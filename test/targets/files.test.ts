import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, Encoder, outputFile } from '../../src/targets/files.js';

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

  it('takes pieces from a generator, one at a time', () => {
    const made: number[] = [];
    function* pieces() {
      for (let i = 0; i < 3; i++) {
        made.push(i);
        yield `line ${i} · é\n`;
      }
      yield 'last 😀\n';
    }
    expect(made).toEqual([]);
    const file = outputFile('gen.txt', pieces());
    expect(made).toEqual([0, 1, 2]);
    expect(file.content).toBe('line 0 · é\nline 1 · é\nline 2 · é\nlast 😀\n');
  });
});

/** The chunks of a content, each copied as it comes (a chunk is valid until the next is taken). */
function chunksOf(encoder: Encoder, content: Parameters<Encoder['chunks']>[0]): Buffer[] {
  const out: Buffer[] = [];
  for (const chunk of encoder.chunks(content)) out.push(Buffer.from(chunk));
  return out;
}

describe('Encoder', () => {
  it('encodes in chunks of at most CHUNK_BYTES, never splitting a character, whatever the pieces', () => {
    const encoder = new Encoder();
    // Astral characters (surrogate pairs) and 2- and 3-byte characters across chunk
    // boundaries, pieces larger than a chunk, empty pieces, and a lone surrogate.
    const pieces = ['é'.repeat(500_000), '😀'.repeat(300_000), '', 'a'.repeat(2_500_000), '€'.repeat(400_000), 'a\ud800', 'z'.repeat(3_000_001)];
    const chunks = chunksOf(encoder, pieces);
    const expected = Buffer.from(pieces.join(''), 'utf8');
    expect(Buffer.concat(chunks).equals(expected)).toBe(true);
    expect(chunks.length).toBeGreaterThan(expected.length / CHUNK_BYTES);
    for (const chunk of chunks) {
      expect(chunk.length).toBeGreaterThan(0);
      expect(chunk.length).toBeLessThanOrEqual(CHUNK_BYTES);
    }
    // Text chunks end on a character boundary: each decodes on its own to its part of the text.
    const text = pieces.slice(0, 2).join('');
    expect(chunksOf(encoder, [text]).map((c) => c.toString('utf8')).join('')).toBe(text);
    // The shared buffer is reused: a small file after a large one is right too.
    expect(Buffer.concat(chunksOf(encoder, ['small', ' file'])).toString()).toBe('small file');
    expect(chunksOf(encoder, [])).toEqual([]);
    expect(chunksOf(encoder, [''])).toEqual([]);
  });

  it('refuses to encode a file while another is being encoded', () => {
    const encoder = new Encoder();
    function* nested() {
      yield 'outer ';
      chunksOf(encoder, 'inner');
    }
    expect(() => chunksOf(encoder, nested())).toThrow(/while another was being encoded/);
    // And is usable again afterwards, also after a consumer stopped early.
    for (const _ of encoder.chunks('x'.repeat(3 * CHUNK_BYTES))) break;
    expect(Buffer.concat(chunksOf(encoder, 'after')).toString()).toBe('after');
  });
});
