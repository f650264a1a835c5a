import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/state/manifest.js';
import { runObsgen } from '../helpers/cli.js';
import type { CliRun } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/files.js';
import type { FakeAws, FaultRule } from '../helpers/fake-aws/index.js';
import { acmeFixture, LIVE_CONFIG, withFakeAws } from '../helpers/live.js';

/*
 * A live scope that cannot be read keeps its monitoring exactly as it was, files and all, while
 * the others are written (issue 17).
 */

const STUCK = { account: '111111111111', region: 'us-east-1' } as const;
// 111111111111/eu-west-1 has a REST API stage, target groups, existing log groups and tuned alarms.
const EU = { account: '111111111111', region: 'eu-west-1' } as const;
const EU_FILE = `aws:${EU.account}/${EU.region}`;
const NEW_FUNCTION = 'arn:aws:lambda:eu-west-1:222222222222:function:catalog-new';

/** LIVE_CONFIG with more `source` keys (each line indented by two; its request timeout may be replaced), and more top-level config. */
function project(source: string, more = ''): string {
  const dir = tempDir();
  const keys = source.includes('requestTimeoutSeconds') ? source : `  requestTimeoutSeconds: 2\n${source}`;
  writeFileSync(join(dir, 'obsgen.config.yaml'), `${LIVE_CONFIG.replace('  requestTimeoutSeconds: 2\n', keys)}${more}`);
  return dir;
}

const manifestOf = (dir: string) => JSON.parse(readTree(join(dir, 'out')).get('obsgen.manifest.json')!) as Manifest;
const filesOf = (dir: string, prefix: string) => [...readTree(join(dir, 'out'))].filter(([p]) => p.startsWith(prefix));
const inScope = <T extends { account: string; region: string }>(items: T[], scope: { account: string; region: string } = STUCK) => items.filter((x) => x.account === scope.account && x.region === scope.region);

type Fault = Omit<FaultRule, 'account' | 'region'>;

/**
 * A healthy night, then one where a function is added in a healthy scope and `fault` hits the
 * stuck scope: the stuck scope keeps exactly what it had; the new function is written.
 * `check` runs while the fake is still up.
 */
async function night(source: string, fault: Fault, check: (run: CliRun, took: number, fake: FakeAws) => Promise<void> | void, more = '', stuck: { account: string; region: string } = STUCK): Promise<void> {
  const fixture = acmeFixture();
  await withFakeAws(fixture, async (fake) => {
    const dir = project(source, more);
    const first = await runObsgen(['generate', '--out', 'out', '--quiet'], dir);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const before = manifestOf(dir);
    const stuckFiles = filesOf(dir, `cloudformation/${stuck.account}/${stuck.region}/`);
    expect(stuckFiles.length).toBeGreaterThan(0);

    fixture.accounts['222222222222']!.regions['eu-west-1']!.resources!.push({ ResourceARN: NEW_FUNCTION, Tags: [{ Key: 'app', Value: 'catalog' }, { Key: 'env', Value: 'staging' }] });
    fake.faults.push({ ...fault, ...stuck });
    const started = Date.now();
    const run = await runObsgen(['generate', '--out', 'out'], dir);
    const took = Date.now() - started;
    expect(run.code, run.stderr).toBe(1);

    const after = manifestOf(dir);
    expect(inScope(after.scopes, stuck).map((s) => s.complete)).toEqual([false]);
    expect(inScope(after.resources, stuck)).toEqual(inScope(before.resources, stuck));
    expect(inScope(after.alarms, stuck)).toEqual(inScope(before.alarms, stuck));
    expect(filesOf(dir, `cloudformation/${stuck.account}/${stuck.region}/`)).toEqual(stuckFiles);
    expect(after.scopes.filter((s) => s.complete)).toHaveLength(3);
    expect(after.resources.map((r) => r.arn)).toContain(NEW_FUNCTION);
    await check(run, took, fake);
  });
}

const tagging = { service: 'tagging', operation: 'GetResources' } as const;

describe('an incomplete scope', () => {
  it('keeps the log groups it imported (they were once dropped, and would have been created anew)', async () => {
    await night('', { ...tagging, kind: 'access-denied' }, (run) => {
      expect(run.stderr).toContain(`${EU_FILE}: warning: discovery did not complete (AccessDeniedException: `);
    }, '', EU);
  }, 60_000);
});
