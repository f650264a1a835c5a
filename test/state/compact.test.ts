import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

  it('leaves out the scope an id begins with, and the resource an alarm is on as its index', () => {
    const m = example();
    const text = written(m);
    const alarms = lines(text, 'alarms');
    expect(alarms).toHaveLength(m.alarms.length);
    for (const a of alarms) expect(Object.keys(a)).not.toContain('account');
    const resources = lines(text, 'resources');
    m.alarms.forEach((a, i) => expect(resources[alarms[i]!['resource'] as number]!['arn']).toBe(a.resource));
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
    for (const a of m.alarms) expect(text.split('\n').filter((l) => l.startsWith(`    {"id":${JSON.stringify(a.id)},`))).toHaveLength(1);
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

  it('damaged (a resource index out of range): a problem, not an exception', () => {
    const text = written(example()).replace(/("resource":)\d+/, '$1999999');
    expect(parseManifest(text).problem).toMatch(/^damaged manifest: alarm \S+ names no resource$/);
    expect(parseManifest(text.replace('"alarms": [', '"alarms": [\n    17,')).problem).toBe('damaged manifest: its alarms are not a list of records');
  });
});
