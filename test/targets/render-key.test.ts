import { describe, expect, it } from 'vitest';
import { canonical, Renders } from '../../src/targets/render-key.js';
import type { FileRecord, FileSink } from '../../src/targets/files.js';

describe('canonical', () => {
  it('tells apart what JSON merges', () => {
    const distinct: unknown[] = [0, -0, null, NaN, Infinity, -Infinity, undefined, '\u0000u', '\u0000n-0', 'null', {}, { a: undefined }, { a: null }, [undefined], [null], [], '', '0'];
    const texts = distinct.map((v) => canonical(v));
    expect(new Set(texts).size).toBe(distinct.length);
  });

  it('is JSON for plain data, and the same text whichever path makes it', () => {
    const data = { a: [1, 'x', { b: true, c: null }], d: 'é\u2028' };
    expect(canonical(data)).toBe(JSON.stringify(data));
    // One value that needs a tag sends the whole value through the replacer: the rest reads the same.
    expect(canonical({ ...data, e: -0 })).toBe(`${JSON.stringify(data).slice(0, -1)},"e":"\\u0000n-0"}`);
  });

  it('keeps key order (another order is another key, never the same one)', () => {
    expect(canonical({ a: 1, b: 2 })).not.toBe(canonical({ b: 2, a: 1 }));
  });

  it('refuses what it cannot write faithfully', () => {
    expect(() => canonical(new Map())).toThrow(/render key over a Map/);
    expect(() => canonical({ f: () => 1 })).toThrow(/function/);
  });
});

describe('Renders', () => {
  const sink = (kept: boolean) => {
    const calls: string[] = [];
    const s: FileSink<FileRecord> = {
      put: (path) => (calls.push(`put ${path}`), { path, size: 1, sha256: 'new', xxh64: 'new' }),
      keep: (path, recorded) => (calls.push(`keep ${path} ${recorded.xxh64}`), kept ? { path, size: 1, ...recorded } : undefined),
    };
    return { s, calls };
  };

  it('keeps a file only when its key is the recorded one and the sink still has it', () => {
    const key = new Renders('1.0.0', undefined).key('docs', 'a.md', { x: 1 });
    const recorded = new Map([['a.md', { render: key, sha256: 'old', xxh64: 'old' }]]);
    const same = sink(true);
    expect(new Renders('1.0.0', recorded).file(same.s, 'docs', 'a.md', { x: 1 }, () => 'text').sha256).toBe('old');
    expect(same.calls).toEqual(['keep a.md old']);
    const gone = sink(false);
    new Renders('1.0.0', recorded).file(gone.s, 'docs', 'a.md', { x: 1 }, () => 'text');
    expect(gone.calls).toEqual(['keep a.md old', 'put a.md']);
    for (const [tool, args] of [['1.0.1', { x: 1 }], ['1.0.0', { x: 2 }]] as const) {
      const other = sink(true);
      new Renders(tool, recorded).file(other.s, 'docs', 'a.md', args, () => 'text');
      expect(other.calls).toEqual(['put a.md']);
    }
    // Reuse off: always rendered, the key still recorded.
    const off = sink(true);
    const renders = new Renders('1.0.0', undefined);
    renders.file(off.s, 'docs', 'a.md', { x: 1 }, () => 'text');
    expect(off.calls).toEqual(['put a.md']);
    expect(renders.keys.get('a.md')).toBe(key);
  });
});
