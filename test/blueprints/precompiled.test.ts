import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBlueprints, parseBlueprint } from '../../src/blueprints/load.js';
import type { BlueprintSource } from '../../src/blueprints/load.js';
import { fromPrecompiled, precompileBlueprints } from '../../src/blueprints/precompiled.js';
import type { Precompiled } from '../../src/blueprints/precompiled.js';
import type { Blueprint } from '../../src/blueprints/types.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import type { DocPath } from '../../src/diagnostics/source-document.js';
import { builtinBlueprintFiles } from '../../src/services/registry.js';
import { sha256 } from '../../src/util/hash.js';

function builtinSources(): BlueprintSource[] {
  return builtinBlueprintFiles().map((file) => ({ file, text: fs.readFileSync(file, 'utf8'), builtin: true }));
}

const precompiled: Precompiled = precompileBlueprints(builtinSources(), (s, d) => parseBlueprint(s, d));

/** Every `at` in a blueprint: its path, and where it points in the file. */
function positions(b: Blueprint): { path: DocPath; line: number; column: number; lineTwo: { line: number; column: number } }[] {
  const out: ReturnType<typeof positions> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'at') {
          const at = x as Blueprint['alarms'][number]['at'];
          out.push({ path: at.path, ...at.doc.locate(at.path), lineTwo: at.doc.locateLine([...at.path, 'id'], 2) });
        } else walk(x);
      }
    }
  };
  walk(b);
  return out;
}

/** A blueprint without its source documents (compared through `positions`). */
function plain(b: Blueprint): unknown {
  return JSON.parse(JSON.stringify(b, (k, v: unknown) => (k === 'at' ? (v as { path: DocPath }).path : v instanceof RegExp ? `/${v.source}/${v.flags}` : v)));
}

describe('precompiled built-in blueprints', () => {
  it('give every built-in blueprint exactly as the full check makes it, positions included', () => {
    const sources = builtinSources();
    expect(Object.keys(precompiled.entries)).toHaveLength(sources.length);
    for (const source of sources) {
      const full = parseBlueprint(source, new Diagnostics())!;
      const diags = new Diagnostics();
      const fast = fromPrecompiled(precompiled, source, sha256(source.text), diags)!;
      expect(plain(fast)).toEqual(plain(full));
      expect(positions(fast)).toEqual(positions(full));
      expect(diags.items).toEqual([]);
    }
  });

  it('load the same blueprints and diagnostics with and without the precompiled set, a bad user blueprint beside them', () => {
    const user: BlueprintSource[] = [
      // Replaces a built-in, and is fine.
      { file: 'mine/override.yaml', text: sourceOfFirstBuiltin().text.replace(/^description:.*\n(?: {2}.*\n)*/m, 'description: Mine\n'), builtin: false },
      // Bad: an unknown field, a template that does not compile, a period CloudWatch refuses.
      {
        file: 'mine/bad.yaml',
        text: 'id: bad\nresourceType: lambda:function\ndescription: x\nalarms:\n  - id: e\n    title: E\n    severity: critical\n    description: "{{#if}}"\n    source: t\n    metric: { name: Errors, statistic: Sum }\n    period: 60\n    evaluationPeriods: 2000\n    comparison: GreaterThanThreshold\n    threshold: 0\n    treatMissingData: notBreaching\n',
        builtin: false,
      },
      { file: 'mine/worse.yaml', text: 'id: worse\nresourceType: lambda:function\nsurprise: 1\n', builtin: false },
    ];
    const sources = [...builtinSources(), ...user];
    const slow = new Diagnostics();
    const fast = new Diagnostics();
    const a = loadBlueprints(sources, slow, undefined, () => undefined);
    const b = loadBlueprints(sources, fast, undefined, () => precompiled);
    expect(b.map(plain)).toEqual(a.map(plain));
    expect(fast.items).toEqual(slow.items);
    expect(slow.items.filter((d) => d.file === 'mine/bad.yaml').length).toBeGreaterThan(0);
    expect(slow.items.filter((d) => d.file === 'mine/worse.yaml').length).toBeGreaterThan(0);
    expect(b.find((x) => x.id === a.find((y) => y.file === 'mine/override.yaml')!.id)!.description).toBe('Mine');
  });

  it('check a built-in file again when its text is not the one the build checked', () => {
    const source = sourceOfFirstBuiltin();
    const changed = { ...source, text: source.text.replace(/^(\s+period: )\d+$/m, '$17') };
    const slow = new Diagnostics();
    const fast = new Diagnostics();
    loadBlueprints([changed], slow, undefined, () => undefined);
    loadBlueprints([changed], fast, undefined, () => precompiled);
    expect(slow.hasErrors).toBe(true);
    expect(fast.items).toEqual(slow.items);
  });

  it('refuse to build with a built-in blueprint that has an error', () => {
    const source = sourceOfFirstBuiltin();
    const bad = { ...source, text: `${source.text}surprise: 1\n` };
    expect(() => precompileBlueprints([bad], (s, d) => parseBlueprint(s, d))).toThrow(/is invalid:\n.*surprise/s);
  });
});

function sourceOfFirstBuiltin(): BlueprintSource {
  return builtinSources()[0]!;
}
