import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/state/manifest.js';
import { runObsgen } from '../helpers/cli.js';
import { tempDir } from '../helpers/files.js';
import { REPO } from '../helpers/paths.js';
import { manifestIn } from '../helpers/manifest.js';

/*
 * The files a snapshot folder lists are data, as a live answer is: one that cannot be used
 * makes its scope incomplete (kept exactly as the previous run left it), the other scopes are
 * generated, and the run says so (exit 1). Never an empty scope, never a stopped run.
 */

const EXAMPLE = join(REPO, 'examples/acme');
const ACCOUNT = '111111111111';

/** The example's production account as `obsgen snapshot` would have written it. */
function snapshotOfExample(): string {
  const dir = tempDir();
  cpSync(EXAMPLE, dir, { recursive: true });
  const snap = join(dir, 'snap');
  for (const sub of ['inventory', 'log-groups', 'metrics']) mkdirSync(join(snap, sub), { recursive: true });
  const copy = (from: string, to: string) => cpSync(join(dir, from), join(snap, to));
  copy('inventory/prod-eu-west-1.json', `inventory/${ACCOUNT}-eu-west-1.json`);
  copy('inventory/prod-us-east-1.json', `inventory/${ACCOUNT}-us-east-1.json`);
  copy('log-groups/prod-eu-west-1.json', `log-groups/${ACCOUNT}-eu-west-1.json`);
  copy(`metrics/${ACCOUNT}-eu-west-1.json.gz`, `metrics/${ACCOUNT}-eu-west-1.json.gz`);
  copy(`metrics/${ACCOUNT}-us-east-1.json.gz`, `metrics/${ACCOUNT}-us-east-1.json.gz`);
  const index = {
    generator: 'obsgen-snapshot',
    version: 1,
    scopes: ['eu-west-1', 'us-east-1'].map((region) => ({ account: ACCOUNT, region, partition: 'aws', complete: true })),
    inventory: [`inventory/${ACCOUNT}-eu-west-1.json`, `inventory/${ACCOUNT}-us-east-1.json`],
    logGroups: [`log-groups/${ACCOUNT}-eu-west-1.json`],
    metrics: [`metrics/${ACCOUNT}-eu-west-1.json.gz`, `metrics/${ACCOUNT}-us-east-1.json.gz`],
  };
  writeFileSync(join(snap, 'obsgen.snapshot.json'), JSON.stringify(index, null, 2));
  return dir;
}

const generate = (dir: string) => runObsgen(['generate', '--config', 'obsgen.config.yaml', '--snapshot', 'snap', '--out', 'out'], dir);
const manifestOf = (dir: string) => manifestIn(join(dir, 'out'));
const inScope = (region: string) => (x: { region: string }) => x.region === region;

/** Adds one SQS queue to a scope's inventory in the snapshot. */
function addQueue(dir: string, region: string, name: string): void {
  const file = join(dir, `snap/inventory/${ACCOUNT}-${region}.json`);
  const listing = JSON.parse(readFileSync(file, 'utf8')) as { ResourceTagMappingList: unknown[] };
  listing.ResourceTagMappingList.push({ ResourceARN: `arn:aws:sqs:${region}:${ACCOUNT}:${name}`, Tags: [{ Key: 'app', Value: 'checkout' }] });
  writeFileSync(file, JSON.stringify(listing, null, 2));
}

describe('a snapshot file that cannot be used leaves its scope as it was; the others are generated', () => {
  it.each([
    ['not UTF-8', (text: Buffer) => Buffer.concat([text.subarray(0, 40), Buffer.from([0xc3, 0x28]), text.subarray(40)]), /:\d+:\d+: warning: invalid UTF-8/],
    ['a duplicate key', (text: Buffer) => Buffer.from(text.toString().replace('{', '{"ResourceTagMappingList": [], ')), /:\d+:\d+: warning: duplicate key "ResourceTagMappingList"/],
    ['not an inventory', () => Buffer.from('{"logGroups": []}'), /:1:1: warning: not an inventory/],
  ])('an inventory file that is %s', async (_, breakIt, message) => {
    const dir = snapshotOfExample();
    expect((await generate(dir)).code).toBe(0);
    const before = manifestOf(dir);

    // Next night: a new queue in each scope, and eu-west-1's file is broken.
    addQueue(dir, 'eu-west-1', 'new-eu');
    addQueue(dir, 'us-east-1', 'new-us');
    const file = join(dir, `snap/inventory/${ACCOUNT}-eu-west-1.json`);
    writeFileSync(file, breakIt(readFileSync(file)));
    const run = await generate(dir);

    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n').filter((l) => l.startsWith(`snap/inventory/${ACCOUNT}-eu-west-1.json:`));
    expect(lines.some((l) => message.test(l)), run.stderr).toBe(true);
    expect(run.stderr).toContain(`aws:${ACCOUNT}/eu-west-1: warning: a file of this scope in the snapshot cannot be used (see above); its monitoring is not changed by this run`);
    const after = manifestOf(dir);
    // eu-west-1 exactly as it was (its new queue waits for a usable file); us-east-1 gained its queue.
    expect(after.resources.filter(inScope('eu-west-1'))).toEqual(before.resources.filter(inScope('eu-west-1')));
    expect(after.alarms.filter(inScope('eu-west-1'))).toEqual(before.alarms.filter(inScope('eu-west-1')));
    expect(after.resources.filter(inScope('us-east-1')).map((r) => r.arn)).toContain(`arn:aws:sqs:us-east-1:${ACCOUNT}:new-us`);
    expect(after.scopes.find(inScope('eu-west-1'))?.complete).toBe(false);
  });

  it('a log group file that cannot be used keeps its scope too', async () => {
    const dir = snapshotOfExample();
    expect((await generate(dir)).code).toBe(0);
    const before = manifestOf(dir);
    writeFileSync(join(dir, `snap/log-groups/${ACCOUNT}-eu-west-1.json`), '{"logGroups": [], "logGroups": []}');
    const run = await generate(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`snap/log-groups/${ACCOUNT}-eu-west-1.json:1:19: warning: duplicate key "logGroups" (first at line 1, column 2)`);
    expect(manifestOf(dir).existingLogGroups).toEqual(before.existingLogGroups);
  });

  it('metric history that cannot be used keeps that scope\'s tuned thresholds', async () => {
    const dir = snapshotOfExample();
    expect((await generate(dir)).code).toBe(0);
    const before = manifestOf(dir);
    writeFileSync(join(dir, `snap/metrics/${ACCOUNT}-eu-west-1.json.gz`), 'not gzip');
    const run = await generate(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`snap/metrics/${ACCOUNT}-eu-west-1\\.json\\.gz: warning: cannot read: `));
    expect(run.stderr).toContain(`aws:${ACCOUNT}/eu-west-1: warning: the metric history in the snapshot cannot be used (see above); tuned thresholds keep their previous values`);
    const thresholds = (m: Manifest) => m.alarms.filter(inScope('eu-west-1')).map((a) => [a.id, a.threshold]);
    expect(thresholds(manifestOf(dir))).toEqual(thresholds(before));
  });

});
