import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createXxh64, fileXxh64, xxh64 } from '../../src/util/xxh64.js';
import { tempDir } from '../helpers/files.js';

// Reference values from xxHash's own `xxhsum -H1` (XXH64, seed 0).
const VECTORS: [string, string][] = [
  ['', 'ef46db3751d8e999'],
  ['a', 'd24ec4f1a98c6e5b'],
  ['abc', '44bc2cf5ad770999'],
  ['Nobody inspects the spammish repetition', 'fbcea83c8a378bf1'],
];

describe('xxh64', () => {
  it.each(VECTORS)('hashes %j as xxhsum does', (text, hex) => {
    expect(xxh64(Buffer.from(text))).toBe(hex);
  });

  it('gives the same digest fed in pieces, and from a file read in small buffers', () => {
    const bytes = Buffer.from('x'.repeat(10_000) + 'é'.repeat(3_000));
    const h = createXxh64();
    for (let i = 0; i < bytes.length; i += 777) h.update(bytes.subarray(i, i + 777));
    expect(h.digest()).toBe(xxh64(bytes));
    const file = join(tempDir(), 'f');
    writeFileSync(file, bytes);
    expect(fileXxh64(file, Buffer.alloc(1000))).toBe(xxh64(bytes));
    expect(fileXxh64(join(file, 'missing'))).toBeUndefined();
  });
});
