import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE } from '../../src/state/manifest.js';
import type { Manifest } from '../../src/state/manifest.js';
import { isShardPath, joinRecords, SCOPED_LISTS, shardPath, splitRecords } from '../../src/state/shards.js';
import { manifestFiles } from '../../src/state/write.js';
import { inMemory } from '../../src/targets/files.js';
import { runObsgen } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/files.js';
import { manifestIn, parseManifestFiles } from '../helpers/manifest.js';
import { REPO } from '../helpers/paths.js';

/* The manifest in a shard per account and region (src/state/shards.ts). */

const example = () => manifestIn(join(REPO, 'generated'));
const scoped = (m: Manifest) => Object.fromEntries(SCOPED_LISTS.map((l) => [l, m[l]]));

describe('the shards of the manifest', () => {
  it("put each scope's records in its own file, and nothing of another scope", () => {
    const m = example();
    const shards = splitRecords(m);
    expect(shards.map((s) => s.path)).toEqual(['manifest/111111111111/eu-west-1.json', 'manifest/111111111111/us-east-1.json', 'manifest/222222222222/eu-west-1.json']);
    for (const { path, scope, records } of shards) {
      expect(path).toBe(shardPath(scope!));
      const prefix = `${scope!.account}/${scope!.region}/`;
      for (const list of ['alarms', 'composites', 'logGroups', 'metricFilters', 'dashboards'] as const) for (const r of records[list]) expect(r.id.startsWith(prefix), `${list} ${r.id} in ${path}`).toBe(true);
      for (const list of ['resources', 'existingLogGroups', 'stacks'] as const) for (const r of records[list]) expect([r.account, r.region]).toEqual([scope!.account, scope!.region]);
    }
    // Every record is in one shard.
    for (const list of SCOPED_LISTS) expect(shards.reduce((n, s) => n + s.records[list].length, 0)).toBe(m[list].length);
  });

  it('read back in any order of shards, give the lists in the order the run made them (random)', () => {
    const m = example();
    const shards = splitRecords(m).map((s) => s.records);
    fc.assert(
      fc.property(fc.shuffledSubarray(shards, { minLength: shards.length }), (order) => {
        expect(joinRecords(order)).toEqual(scoped(m));
      }),
      { numRuns: 20 },
    );
  });

  it('read back give the manifest written, whatever scope each record claims (random)', () => {
    const m = example();
    // Scopes that name a folder, one that differs from another in case only, and some that cannot.
    const scope = fc.constantFrom(['111111111111', 'eu-west-1'], ['111111111111', 'us-east-1'], ['222222222222', 'eu-west-1'], ['333333333333', 'ap-south-1'], ['Acme', 'eu-west-1'], ['', ''], ['../x', 'eu-west-1'], ['111111111111', 'eu/west']);
    const moved = <T extends { account: string; region: string }>(items: T[], picks: readonly (readonly [string, string] | null)[]) => items.map((x, i) => (picks[i % picks.length] ? { ...x, account: picks[i % picks.length]![0], region: picks[i % picks.length]![1] } : x));
    const picks = fc.array(fc.option(scope, { nil: null, freq: 2 }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(picks, picks, picks, (r, a, c) => {
        const odd: Manifest = { ...m, resources: moved(m.resources, r), alarms: moved(m.alarms, a), composites: moved(m.composites, c), existingLogGroups: moved(m.existingLogGroups, c), stacks: moved(m.stacks, r) };
        const files = new Map(manifestFiles(odd, inMemory).map((f) => [f.path, f.content]));
        for (const p of files.keys()) expect(isShardPath(p) || p === MANIFEST_FILE, p).toBe(true);
        const back = parseManifestFiles(files).manifest!;
        // Each list in the order the reader gives every manifest's (state/shards.ts).
        const expected = { ...odd, ...joinRecords([odd]), files: back.files, incremental: back.incremental };
        expect(back).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('a scope whose account or region cannot name a folder goes to manifest/unscoped.json, and reads back', () => {
    const m = example();
    // A path, no region, and an account that differs from another in case only.
    const odd = { ...m, alarms: m.alarms.map((a, i) => (i === 0 ? { ...a, account: '../x' } : i === 1 ? { ...a, region: '' } : i === 2 ? { ...a, account: 'Acme' } : a)) };
    const files = new Map(manifestFiles(odd, inMemory).map((f) => [f.path, f.content]));
    expect([...files.keys()].filter((p) => p.startsWith('manifest/'))).toEqual(['manifest/111111111111/eu-west-1.json', 'manifest/111111111111/us-east-1.json', 'manifest/222222222222/eu-west-1.json', 'manifest/unscoped.json']);
    expect(files.get('manifest/unscoped.json')).not.toContain('"scope"');
    const back = parseManifestFiles(files).manifest!;
    expect(back.alarms).toEqual(odd.alarms);
    for (const p of files.keys()) expect(isShardPath(p), p).toBe(p !== MANIFEST_FILE);
    for (const p of ['manifest/a/b/c.json', 'manifest/../b.json', 'manifest/a/.json', 'manifest/a.json', 'manifest/a/b.yaml', 'manifest/A/b.json', 'cloudformation/a/b.json']) expect(isShardPath(p), p).toBe(false);
    // The root lists each shard once.
    const root = JSON.parse(files.get(MANIFEST_FILE)!) as { shards: string[] };
    const twice = new Map(files).set(MANIFEST_FILE, JSON.stringify({ ...root, shards: [...root.shards, root.shards[0]] }));
    expect(parseManifestFiles(twice).problem).toBe('damaged manifest: its shards are not a list of shard paths, each once');
  });

  it('are each as large as their scope: at three scopes, none holds more than half the records', () => {
    const files = readTree(join(REPO, 'generated'));
    const sizes = [...files].filter(([p]) => p.startsWith('manifest/')).map(([, t]) => t.length);
    const all = sizes.reduce((a, b) => a + b, 0);
    expect(Math.max(...sizes)).toBeLessThan(all * 0.7);
    expect(files.get(MANIFEST_FILE)!.length).toBeLessThan(all * 0.1);
  });
});

describe('the previous manifest in the output folder', () => {
  const run = (out: string, ...more: string[]) => runObsgen(['generate', '--config', 'examples/acme/obsgen.config.yaml', '--out', out, ...more], REPO);
  const SHARD = 'manifest/111111111111/eu-west-1.json';
  const copy = () => {
    const out = tempDir();
    cpSync(join(REPO, 'generated'), out, { recursive: true });
    return out;
  };

  it('with a shard edited by hand (the same JSON, other bytes): refused, nothing written', async () => {
    const out = copy();
    writeFileSync(join(out, SHARD), readFileSync(join(out, SHARD), 'utf8').replace('"threshold":', '"threshold": '));
    const before = readTree(out);
    const r = await run(out);
    expect(r.code).toBe(2);
    // The folder as the CLI names it: relative to the working directory, or absolute when shorter.
    expect(r.stderr).toMatch(new RegExp(`^\\S*${out.split('/').pop()!}/${MANIFEST_FILE.replaceAll('.', '\\.')}: error: `));
    expect(r.stderr).toContain(`/${MANIFEST_FILE}: error: its shard ${SHARD} is not the one it was written with: edited by hand?; obsgen will not touch this folder until it is fixed or removed`);
    expect(readTree(out)).toEqual(before);
  });

  it('with a shard missing: refused, nothing written', async () => {
    const out = copy();
    rmSync(join(out, SHARD));
    const before = readTree(out);
    const r = await run(out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`its shard ${SHARD} is missing; obsgen will not touch this folder`);
    expect(readTree(out)).toEqual(before);
  });

  it('with CRLF line endings (Git on Windows): read as written; --check names the files and the fix', async () => {
    const out = copy();
    for (const [path, text] of readTree(out)) writeFileSync(join(out, path), text.replaceAll('\n', '\r\n'));
    expect(manifestIn(out)).toEqual(example());
    const r = await run(out, '--check');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('had CRLF line endings where obsgen writes LF');
  });
});
