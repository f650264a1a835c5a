import { describe, expect, it } from 'vitest';
import { canonical, digest, Renders } from '../../src/targets/render-key.js';
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

describe('digest', () => {
  // An alarm's decision as tuning makes it, and as a later run reads it back from the manifest.
  const alarm = (threshold: Record<string, unknown>) => ({ id: 'a/b/lambda:function/f/errors', threshold });
  const fresh = { value: 5, provenance: { kind: 'fallback', reason: 'only 0 days of history (needs 2)' }, report: { lookbackDays: 14, summary: { n: 0, min: NaN, p50: NaN, max: NaN } } };

  it("is the same for a decision kept from the manifest: its keys in another order, NaN as JSON's null, `kept` beside it", () => {
    const readBack = { ...(JSON.parse(JSON.stringify(fresh)) as Record<string, unknown>), kept: { reason: 'still not tuned' } } as Record<string, unknown>;
    const reordered = { report: readBack['report'], provenance: readBack['provenance'], value: 5, kept: readBack['kept'] };
    expect(digest(alarm(reordered))).toBe(digest(alarm(fresh)));
  });

  it('differs for another decision, and for a NaN outside the decision', () => {
    expect(digest(alarm({ ...fresh, value: 6 }))).not.toBe(digest(alarm(fresh)));
    expect(digest(alarm({ ...fresh, report: { ...fresh.report, summary: { ...fresh.report.summary, n: 1 } } }))).not.toBe(digest(alarm(fresh)));
    expect(digest({ ...alarm(fresh), period: NaN })).not.toBe(digest({ ...alarm(fresh), period: null }));
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

  it('keeps files rendered together only as a group: all that were recorded with the first, or none', () => {
    const made: [string, string][] = [
      ['p.md', 'page'],
      ['parts/p/1.md', 'one'],
      ['parts/p/2.md', 'two'],
    ];
    const first = new Renders('1.0.0', undefined);
    first.files(sink(true).s, 'docs', 'p.md', 'parts/p/', { x: 1 }, () => made);
    const keys = first.keys;
    expect([...keys.keys()]).toEqual(['p.md', 'parts/p/1.md', 'parts/p/2.md']);
    expect(new Set(keys.values()).size).toBe(3);
    const recorded = new Map([...keys].map(([path, render]) => [path, { render, sha256: 'old', xxh64: 'old' }]));

    // Same arguments, every file there: all kept, nothing rendered.
    const same = sink(true);
    const again = new Renders('1.0.0', recorded);
    let rendered = 0;
    again.files(same.s, 'docs', 'p.md', 'parts/p/', { x: 1 }, () => (rendered++, made));
    expect([rendered, same.calls]).toEqual([0, ['keep p.md old', 'keep parts/p/1.md old', 'keep parts/p/2.md old']]);
    expect([again.kept, again.rendered, again.keys]).toEqual([3, 0, keys]);

    // A part edited by hand: the group rendered, and only that part put.
    const edited = sink(true);
    const sinkEdited: FileSink<FileRecord> = { ...edited.s, keep: (path, r) => (edited.calls.push(`keep ${path}`), path === 'parts/p/1.md' ? undefined : { path, size: 1, ...r }) };
    const fix = new Renders('1.0.0', recorded);
    fix.files(sinkEdited, 'docs', 'p.md', 'parts/p/', { x: 1 }, () => made);
    expect(edited.calls).toEqual(['keep p.md', 'keep parts/p/1.md', 'keep parts/p/2.md', 'put parts/p/1.md']);
    expect([fix.kept, fix.rendered]).toEqual([2, 1]);

    // Other arguments: rendered, even a part at a path recorded before; a part no longer made is not asked for.
    const other = sink(true);
    new Renders('1.0.0', recorded).files(other.s, 'docs', 'p.md', 'parts/p/', { x: 2 }, () => made.slice(0, 2));
    expect(other.calls).toEqual(['put p.md', 'put parts/p/1.md']);
  });
});
