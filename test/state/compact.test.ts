import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/state/manifest.js';
import { parseManifest } from '../../src/state/read.js';
import { manifestFile } from '../../src/state/write.js';
import { inMemory } from '../../src/targets/files.js';
import { generateFor, lambdas } from '../helpers/pipeline.js';
import { REPO } from '../helpers/paths.js';

/* The manifest file leaves out what the reader restores (src/state/compact.ts). */

const written = (m: Manifest) => manifestFile(m, inMemory, m.incremental).content;
const read = (text: string) => {
  const { manifest, problem } = parseManifest(text);
  expect(problem).toBeUndefined();
  return manifest!;
};
/** A manifest without its incremental record (which vouches for one text only). */
const unkeyed = ({ incremental: _i, ...m }: Manifest) => m;
const example = () => read(readFileSync(join(REPO, 'generated/obsgen.manifest.json'), 'utf8'));

/** The lines of a list in the file (one record per line), parsed. */
function lines(text: string, key: string): Record<string, unknown>[] {
  const start = text.indexOf(`\n  "${key}": [\n`);
  const end = text.indexOf('\n  ]', start + 1);
  return text
    .slice(start, end)
    .split('\n')
    .slice(2)
    .map((l) => JSON.parse(l.trim().replace(/,$/, '')) as Record<string, unknown>);
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

  it("is a fixed point: the example's manifest read and written again is the same text", () => {
    const text = readFileSync(join(REPO, 'generated/obsgen.manifest.json'), 'utf8');
    expect(written(read(text))).toBe(text);
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
    const text = written(m);
    const all = text.split('\n');
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
      const kept = new Set(next!.split('\n'));
      const lost = lines(old!, list).filter((r) => !kept.has(`    ${JSON.stringify(r)},`) && !kept.has(`    ${JSON.stringify(r)}`));
      expect([list, lost]).toEqual([list, []]);
    }
    expect(lines(next!, 'alarms').length).toBeGreaterThan(lines(old!, 'alarms').length);
  });

  it('reads a version 3 file, whose alarms give their resource by its index', () => {
    const m = example();
    const file = JSON.parse(written(m)) as Record<string, unknown> & { resources: Record<string, unknown>[]; alarms: Record<string, unknown>[] };
    const index = new Map(m.resources.map((r, i) => [r.arn, i]));
    const v3 = {
      ...file,
      manifestVersion: 3,
      resources: file.resources.map(({ id: _id, ...r }) => r),
      alarms: file.alarms.map((a, i) => ({ ...a, resource: index.get(m.alarms[i]!.resource) })),
    };
    expect(unkeyed(read(JSON.stringify(v3)))).toEqual({ ...unkeyed(m), resources: m.resources.map(({ id: _id, ...r }) => r) });
  });

  it('reads a version 4 file, whose alarms spell out the metrics version 5 leaves to their group', () => {
    const m = example();
    const file = JSON.parse(written(m)) as Record<string, unknown> & { alarmDefaults: Record<string, unknown>[]; alarms: Record<string, unknown>[] };
    expect(file.alarmDefaults.some((g) => typeof g['metricTemplate'] === 'string')).toBe(true);
    const v4 = {
      ...file,
      manifestVersion: 4,
      alarmDefaults: file.alarmDefaults.map(({ metricTemplate: _t, ...g }) => g),
      alarms: file.alarms.map((a, i) => ('metric' in a ? a : { ...a, metric: m.alarms[i]!.metric })),
    };
    expect(unkeyed(read(JSON.stringify(v4)))).toEqual(unkeyed(m));
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
        expect(read(written(m)).alarms).toEqual(alarms);
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
    expect(text.length).toBeLessThan(0.75 * JSON.stringify(m).length);
  });

  it("a change to one alarm's setting is a change to its line only", () => {
    const m = example();
    const text = written(m);
    const i = m.alarms.indexOf(clearMajority(m, 'threshold'));
    const changed = { ...m, alarms: m.alarms.map((a, j) => (j === i ? { ...a, threshold: a.threshold + 7 } : a)) };
    const [before, after] = [text, written(changed)].map((t) => t.split('\n'));
    const differ = before!.flatMap((l, j) => (l === after![j] ? [] : [[l, after![j]]]));
    expect(before!.length).toBe(after!.length);
    // The alarm's line, and the incremental record's (it hashes the text above it).
    expect(differ).toHaveLength(2);
    expect(differ[0]![1]).toContain(`{"id":${JSON.stringify(m.alarms[i]!.id)},`);
    expect(differ[0]![1]).toContain(`"threshold":${m.alarms[i]!.threshold + 7}`);
    expect(unkeyed(read(after!.join('\n')))).toEqual(unkeyed(changed));
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
    expect(lines(text, 'alarms')[0]).toMatchObject({ account: '999999999999', region: 'ap-south-1' });
    expect(lines(text, 'alarms')[1]).toMatchObject({ resource: 'arn:aws:lambda:eu-west-1:111111111111:function:gone' });
    expect(lines(text, 'alarms')[2]).toMatchObject({ app: 'elsewhere' });
    expect(unkeyed(read(text))).toEqual(unkeyed(odd));
  });

  it('damaged (an alarm whose id names no resource, a resource index out of range): a problem, not an exception', () => {
    const m = example();
    const first = m.resources[0]!.id!;
    // The first resource's line without its id: its alarms' ids name no resource.
    const text = written(m).replace(`{"id":${JSON.stringify(first)},`, '{');
    expect(parseManifest(text).problem).toBe(`damaged manifest: alarm ${m.alarms.find((a) => a.id.startsWith(`${first}/`))!.id} names no resource`);
    const v3 = written(example()).replace('"manifestVersion": 4', '"manifestVersion": 3').replace(/("alarms": \[\n {4}\{"id":"[^"]*")/, '$1,"resource":999999');
    expect(parseManifest(v3).problem).toMatch(/^damaged manifest: alarm \S+ names no resource$/);
    expect(parseManifest(text.replace('"alarms": [', '"alarms": [\n    17,')).problem).toBe('damaged manifest: its alarms are not a list of records');
    // An alarm whose group's line is gone, and with it the settings the alarm took from it.
    const noGroups = written(example()).replace(/\n {2}"alarmDefaults": \[\n[^]*?\n {2}\],/, '\n  "alarmDefaults": [],');
    expect(parseManifest(noGroups).problem).toMatch(/^damaged manifest: alarm \S+ has no (name|severity)$/);
  });
});
