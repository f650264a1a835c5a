import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE } from '../../src/state/manifest.js';
import type { Manifest } from '../../src/state/manifest.js';
import { parseManifest } from '../../src/state/read.js';
import { manifestFiles } from '../../src/state/write.js';
import { inMemory } from '../../src/targets/files.js';
import { generateFor, lambdas } from '../helpers/pipeline.js';
import { manifestIn, parseManifestFiles } from '../helpers/manifest.js';
import { REPO } from '../helpers/paths.js';
import { sortBy } from '../../src/util/compare.js';

/* The manifest's files leave out what the reader restores (src/state/compact.ts). */

/** The manifest as its files, by path: its shards (one per account and region), then its root. */
const written = (m: Manifest) => new Map(manifestFiles(m, inMemory, m.incremental).map((f) => [f.path, f.content]));
const read = (files: ReadonlyMap<string, string>) => {
  const { manifest, problem } = parseManifestFiles(files);
  expect(problem).toBeUndefined();
  return manifest!;
};
/**
 * A manifest without its incremental record (which vouches for one text only) and without its
 * shards' hashes among its files (a manifest edited in a test lists those it was read from).
 */
const unkeyed = ({ incremental: _i, ...m }: Manifest) => ({ ...m, files: m.files.filter((f) => !f.path.startsWith('manifest/')) });
const example = () => manifestIn(join(REPO, 'generated'));
/** Every line of the files, in path order and the root last (as `written` orders them). */
const allLines = (files: ReadonlyMap<string, string>) => [...files.values()].flatMap((t) => t.split('\n'));

/** The lines of a list in the files (one record per line), parsed: every shard's, in path order. */
function lines(files: ReadonlyMap<string, string>, key: string): Record<string, unknown>[] {
  return [...files.values()].flatMap((text) => {
    const start = text.indexOf(`\n  "${key}": [\n`);
    if (start < 0) return [];
    const end = text.indexOf('\n  ]', start + 1);
    return text
      .slice(start, end)
      .split('\n')
      .slice(2)
      .map((l) => JSON.parse(l.trim().replace(/,$/, '')) as Record<string, unknown>);
  });
}

/** `files` with the first one that holds `from` edited. */
function edited(files: ReadonlyMap<string, string>, from: string | RegExp, to: string): Map<string, string> {
  const out = new Map(files);
  const path = [...files].find(([, t]) => (typeof from === 'string' ? t.includes(from) : from.test(t)))?.[0];
  expect(path).toBeDefined();
  out.set(path!, files.get(path!)!.replace(from, to));
  return out;
}

/**
 * The files as one manifest file of `version` (3 to 5), as obsgen wrote them before version 6:
 * the root's keys, with every shard's lists in place of the list of shards.
 */
function oneFile(files: ReadonlyMap<string, string>, version: number): Record<string, unknown> & { resources: Record<string, unknown>[]; alarms: Record<string, unknown>[]; alarmDefaults: Record<string, unknown>[] } {
  const { shards, unmonitored, files: listed, incremental: _i, ...root } = JSON.parse(files.get(MANIFEST_FILE)!) as Record<string, unknown> & { shards: string[] };
  const parts = shards.map((p) => JSON.parse(files.get(p)!) as Record<string, unknown[]>);
  const list = (key: string) => parts.flatMap((p) => p[key]!);
  const keys = ['resources', 'existingLogGroups', 'stacks', 'alarmDefaults', 'alarms', 'composites', 'logGroups', 'metricFilters', 'dashboards'];
  // Resources in the order of their ARNs, as one file had them (each shard's are).
  const lists = Object.fromEntries(keys.map((k) => [k, k === 'resources' ? sortBy(list(k) as { arn: string }[], (r) => r.arn) : list(k)]));
  return { ...root, manifestVersion: version, ...lists, unmonitored, files: listed } as never;
}

/** The group of alarms an alarm is in: same scope, resource type and blueprint alarm. */
const groupOf = (id: string) => {
  const parts = id.split('/');
  return `${parts[0]}/${parts[1]}/${parts[2]}/*/${parts.at(-1)}`;
};

/**
 * An alarm with a value of `setting` that most of its group has by a margin of two or more, so
 * that its group's default stays that value when this one alarm's changes.
 */
function clearMajority(m: Manifest, setting: 'threshold' | 'tuning'): Manifest['alarms'][number] {
  const found = m.alarms.find((a) => {
    const counts = new Map<unknown, number>();
    for (const b of m.alarms) if (groupOf(b.id) === groupOf(a.id)) counts.set(b[setting], (counts.get(b[setting]) ?? 0) + 1);
    const own = counts.get(a[setting])!;
    return a[setting] !== undefined && own >= 3 && [...counts].every(([v, n]) => v === a[setting] || n < own - 1);
  });
  expect(found).toBeDefined();
  return found!;
}

describe('the manifest file', () => {
  it('read back gives the manifest the run built', () => {
    const m = generateFor([...lambdas(3), ...lambdas(2, { app: 'shop', env: 'prod' }, 'us-east-1'), { ResourceARN: 'arn:aws:s3:::shop-receipts', Tags: [{ Key: 'app', Value: 'shop' }] }], {
      config: (c) => void (c.actions.critical = ['arn:aws:sns:{{region}}:{{account}}:pager']),
    }).result!.manifest;
    expect(m.alarms.length).toBeGreaterThan(10);
    expect(read(written(m))).toEqual(m);
  });

  it("is a fixed point: the example's manifest read and written again is the same files", () => {
    const files = written(example());
    expect([...files.keys()]).toEqual(['manifest/111111111111/eu-west-1.json', 'manifest/111111111111/us-east-1.json', 'manifest/222222222222/eu-west-1.json', MANIFEST_FILE]);
    for (const [path, text] of files) expect(text, path).toBe(readFileSync(join(REPO, 'generated', path), 'utf8'));
  });

  it('leaves out the scope an id begins with, and the resource an alarm is on, which its id names', () => {
    const m = example();
    const text = written(m);
    const alarms = lines(text, 'alarms');
    expect(alarms).toHaveLength(m.alarms.length);
    for (const a of alarms) expect(Object.keys(a)).not.toContain('account');
    const resources = lines(text, 'resources');
    const byId = new Map(resources.map((r) => [r['id'], r]));
    expect(byId.size).toBe(resources.length);
    m.alarms.forEach((a, i) => {
      expect(alarms[i]).not.toHaveProperty('resource');
      expect(byId.get(a.id.slice(0, a.id.lastIndexOf('/')))!['arn']).toBe(a.resource);
    });
    // An ARN that holds no region and account (S3's, CloudFront's) keeps them in the resource.
    const s3 = resources.find((r) => (r['arn'] as string).startsWith('arn:aws:s3:::'))!;
    expect(s3).toMatchObject({ account: expect.any(String), region: expect.any(String) });
    for (const r of resources) {
      const [, , , region, account] = (r['arn'] as string).split(':');
      expect([r['arn'], 'account' in r, 'region' in r]).toEqual([r['arn'], account === '', region === '']);
    }
  });

  it('still has one line per alarm that a search for its id finds', () => {
    const m = example();
    const all = allLines(written(m));
    for (const a of m.alarms) expect(all.filter((l) => /^ {4}\{"id":("[^"]*")[,}]/.exec(l)?.[1] === JSON.stringify(a.id))).toHaveLength(1);
  });

  it('a resource added before the others changes no line of theirs (version 3 moved every later index)', () => {
    const arn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`;
    const tags = [{ Key: 'app', Value: 'shop' }, { Key: 'env', Value: 'prod' }];
    const before = generateFor(lambdas(6)).result!.manifest;
    const after = generateFor([{ ResourceARN: arn('aaa-new'), Tags: tags }, ...lambdas(6)]).result!.manifest;
    expect(after.resources[0]!.arn).toBe(arn('aaa-new'));
    const [old, next] = [before, after].map((m) => written(m));
    for (const list of ['resources', 'alarms', 'alarmDefaults']) {
      const kept = new Set(allLines(next!));
      const lost = lines(old!, list).filter((r) => !kept.has(`    ${JSON.stringify(r)},`) && !kept.has(`    ${JSON.stringify(r)}`));
      expect([list, lost]).toEqual([list, []]);
    }
    expect(lines(next!, 'alarms').length).toBeGreaterThan(lines(old!, 'alarms').length);
  });

  it('reads a version 3 file, whose alarms give their resource by its index', () => {
    const m = example();
    const file = oneFile(written(m), 3);
    const index = new Map(file.resources.map((r, i) => [r['arn'] as string, i]));
    const byId = new Map(m.alarms.map((a) => [a.id, a]));
    const v3 = {
      ...file,
      manifestVersion: 3,
      resources: file.resources.map(({ id: _id, ...r }) => r),
      alarms: file.alarms.map((a) => ({ ...a, resource: index.get(byId.get(a['id'] as string)!.resource) })),
    };
    expect(unkeyed(parseManifest(JSON.stringify(v3)).manifest!)).toEqual({ ...unkeyed(m), resources: m.resources.map(({ id: _id, ...r }) => r) });
  });

  it('reads a version 4 file, whose alarms spell out the metrics version 5 leaves to their group', () => {
    const m = example();
    const file = oneFile(written(m), 4);
    expect(file.alarmDefaults.some((g) => typeof g['metricTemplate'] === 'string')).toBe(true);
    const v4 = {
      ...file,
      manifestVersion: 4,
      alarmDefaults: file.alarmDefaults.map(({ metricTemplate: _t, ...g }) => g),
      alarms: file.alarms.map((a) => ('metric' in a ? a : { ...a, metric: m.alarms.find((b) => b.id === a['id'])!.metric })),
    };
    expect(unkeyed(parseManifest(JSON.stringify(v4)).manifest!)).toEqual(unkeyed(m));
  });

  it("leaves an alarm's metric to its group's template when it names its resource, and only then", () => {
    const text = written(example());
    const groups = new Map(lines(text, 'alarmDefaults').map((g) => [g['group'] as string, g]));
    const alarms = lines(text, 'alarms');
    const templated = alarms.filter((a) => !('metric' in a) && typeof groups.get(groupOf(a['id'] as string))?.['metricTemplate'] === 'string');
    // 154 of the example's 324 alarms. Of the others, 104 are alone in their group (a small
    // estate), 52 share a metric that names no resource (math), and 14 differ from their group's.
    expect(templated.length).toBeGreaterThan(alarms.length * 0.4);
    for (const g of groups.values()) if (typeof g['metricTemplate'] === 'string') expect(g['metricTemplate']).toContain('*');
  });

  it('restores a metric left to a template exactly: a name twice, inside other words, with * or / (random)', () => {
    const base = example();
    const first = base.alarms[0]!;
    const name = fc.string({ unit: fc.constantFrom('a', 'S', 'u', 'm', '-', '*', '/', ' ', '{', '='), maxLength: 6 });
    const spec = fc.record({ name, pre: fc.constantFrom('AWS/X M {D=', 'math a*b (', 'Sum ', ''), post: fc.constantFrom('} Sum', ') um', '', '*'), twice: fc.boolean() });
    fc.assert(
      fc.property(fc.array(spec, { minLength: 2, maxLength: 6 }), fc.boolean(), (specs, same) => {
        // `same`: every alarm the same name, so that most share one template and it is the group's.
        const alarms = specs.map((x, i) => {
          const n = same ? x.name || 'S' : `${x.name}${i}`;
          return { ...first, id: `111111111111/eu-west-1/lambda:function/${n}${same ? i : ''}/errors`, name: `obsgen/lambda:function/${n}/errors`, metric: `${x.pre}${n}${x.twice ? ` ${n}` : ''}${x.post}` };
        });
        const m = { ...base, alarms };
        // Read back in the order of their ids, as every manifest's alarms are (state/shards.ts).
        expect(read(written(m)).alarms).toEqual(sortBy(alarms, (a) => a.id));
      }),
      { numRuns: 300 },
    );
  });

  it("holds in an alarm's line only the settings that are not its group's", () => {
    const m = example();
    const text = written(m);
    const groups = new Map(lines(text, 'alarmDefaults').map((g) => [g['group'] as string, g]));
    expect(groups.size).toBeGreaterThan(10);
    let inherited = 0;
    for (const line of lines(text, 'alarms')) {
      // The group's line: the alarm's id with the resource name left out.
      const group = groups.get(groupOf(line['id'] as string));
      if (!group) continue;
      for (const [key, value] of Object.entries(group)) {
        if (key === 'group' || key === 'namePrefix') continue;
        if (key in line) expect(JSON.stringify(line[key])).not.toBe(JSON.stringify(value));
        else inherited++;
      }
    }
    expect(inherited).toBeGreaterThan(m.alarms.length);
    expect([...text.values()].join('').length).toBeLessThan(0.75 * JSON.stringify(m).length);
  });

  it("a change to one alarm's setting is a change to its line only", () => {
    const m = example();
    const text = written(m);
    const i = m.alarms.indexOf(clearMajority(m, 'threshold'));
    const changed = { ...m, alarms: m.alarms.map((a, j) => (j === i ? { ...a, threshold: a.threshold + 7 } : a)) };
    const after = written(changed);
    expect([...after.keys()]).toEqual([...text.keys()]);
    const [old, next] = [text, after].map(allLines);
    const differ = old!.flatMap((l, j) => (l === next![j] ? [] : [[l, next![j]]]));
    expect(old!.length).toBe(next!.length);
    // The alarm's line in its scope's shard; in the root, that shard's hashes and the incremental
    // record (it hashes the text above it).
    expect(differ).toHaveLength(3);
    expect(differ[0]![1]).toContain(`{"id":${JSON.stringify(m.alarms[i]!.id)},`);
    expect(differ[0]![1]).toContain(`"threshold":${m.alarms[i]!.threshold + 7}`);
    expect(differ[1]![1]).toContain(`{"path":"manifest/${m.alarms[i]!.account}/${m.alarms[i]!.region}.json",`);
    expect(differ[2]![1]).toContain('"incremental":');
    expect(unkeyed(read(after))).toEqual(unkeyed(changed));
  });

  it('an optional setting its group has and an alarm has not: null in its line, absent when read', () => {
    const m = example();
    const target = clearMajority(m, 'tuning');
    const changed = { ...m, alarms: m.alarms.map((a) => (a === target ? (({ tuning: _t, ...rest }) => rest)(a) : a)) };
    const text = written(changed);
    expect(lines(text, 'alarms').find((l) => l['id'] === target.id)).toMatchObject({ tuning: null });
    const back = read(text).alarms.find((a) => a.id === target.id)!;
    expect('tuning' in back).toBe(false);
    expect(unkeyed(read(text))).toEqual(unkeyed(changed));
  });

  it('gives each alarm objects of its own, as a file that spelled them out did', () => {
    const m = read(written(example()));
    const byProvenance = new Map<string, object>();
    for (const a of m.alarms) {
      const same = byProvenance.get(JSON.stringify(a.provenance));
      if (same) expect(a.provenance).not.toBe(same);
      byProvenance.set(JSON.stringify(a.provenance), a.provenance);
    }
  });

  it('writes out what the reader could not restore', () => {
    const m = example();
    const [a, b, c] = m.alarms;
    const odd: Manifest = {
      ...m,
      alarms: [
        // An id that does not begin with the alarm's scope.
        { ...a!, account: '999999999999', region: 'ap-south-1' },
        // A resource not among the resources.
        { ...b!, resource: 'arn:aws:lambda:eu-west-1:111111111111:function:gone' },
        // An application other than the resource's.
        { ...c!, app: 'elsewhere' },
        ...m.alarms.slice(3),
      ],
      composites: m.composites.map((x, i) => (i === 0 ? { ...x, region: 'ap-south-1' } : x)),
      resources: m.resources.map((r, i) => (i === 0 ? { ...r, account: '999999999999' } : r)),
    };
    const text = written(odd);
    const line = (id: string) => lines(text, 'alarms').find((l) => l['id'] === id);
    // The first alarm, with the scope it is in, is in that scope's shard.
    expect(lines(new Map([...text].filter(([p]) => p === 'manifest/999999999999/ap-south-1.json')), 'alarms')).toEqual([expect.objectContaining({ id: a!.id })]);
    expect(line(a!.id)).toMatchObject({ account: '999999999999', region: 'ap-south-1' });
    expect(line(b!.id)).toMatchObject({ resource: 'arn:aws:lambda:eu-west-1:111111111111:function:gone' });
    expect(line(c!.id)).toMatchObject({ app: 'elsewhere' });
    expect(unkeyed(read(text))).toEqual(unkeyed(odd));
  });

  it('damaged (an alarm whose id names no resource, a resource index out of range): a problem, not an exception', () => {
    const m = example();
    const first = m.resources[0]!.id!;
    // The first resource's line without its id: its alarms' ids name no resource.
    const files = edited(written(m), `{"id":${JSON.stringify(first)},`, '{');
    const shard = `manifest/${m.resources[0]!.account}/${m.resources[0]!.region}.json`;
    expect(parseManifestFiles(files).problem).toBe(`${shard}: damaged manifest: alarm ${m.alarms.find((a) => a.id.startsWith(`${first}/`))!.id} names no resource`);
    const v3 = JSON.stringify(oneFile(written(example()), 3)).replace(/("alarms":\[\{"id":"[^"]*")/, '$1,"resource":999999');
    expect(parseManifest(v3).problem).toMatch(/^damaged manifest: alarm \S+ names no resource$/);
    expect(parseManifestFiles(edited(files, '"alarms": [', '"alarms": [\n    17,')).problem).toBe(`${shard}: damaged manifest: its alarms are not a list of records`);
    // An alarm whose group's line is gone, and with it the settings the alarm took from it.
    const noGroups = edited(written(example()), /\n {2}"alarmDefaults": \[\n[^]*?\n {2}\],/, '\n  "alarmDefaults": [],');
    expect(parseManifestFiles(noGroups).problem).toMatch(/^manifest\/\S+: damaged manifest: alarm \S+ has no (name|severity)$/);
    // A shard the root does not list is not read; one it lists and is not there is a problem.
    const root = JSON.parse(written(m).get(MANIFEST_FILE)!) as { shards: string[] };
    expect(parseManifestFiles(new Map([...written(m)].filter(([p]) => p !== root.shards[1]))).problem).toBe(`no shard ${root.shards[1]}`);
  });
});
