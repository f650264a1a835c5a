import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runObsgen } from '../helpers/cli.js';
import type { CliRun } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/files.js';
import type { FakeAws, FaultRule } from '../helpers/fake-aws/index.js';
import { acmeFixture, LIVE_CONFIG, withFakeAws } from '../helpers/live.js';
import { manifestIn } from '../helpers/manifest.js';

/*
 * Bounded live runs (issue 17): a listing that never ends, repeats a token or goes past the
 * page cap, a deadline passing, and an answer that is not what the API promises each make that
 * one scope incomplete (its monitoring kept exactly as it was, a warning naming the scope and
 * the bound) while the others are written. The fake answers what no real endpoint sends (moto
 * pages honestly and answers at once); moto-pagination.test.ts has real paging, and
 * moto-live.test.ts a scope denied to the caller.
 */

const STUCK = { account: '111111111111', region: 'us-east-1' } as const;
const STUCK_FILE = `aws:${STUCK.account}/${STUCK.region}`;
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

const manifestOf = (dir: string) => manifestIn(join(dir, 'out'));
const filesOf = (dir: string, prefix: string) => [...readTree(join(dir, 'out'))].filter(([p]) => p.startsWith(prefix));
const inScope = <T extends { account: string; region: string }>(items: T[], scope: { account: string; region: string } = STUCK) => items.filter((x) => x.account === scope.account && x.region === scope.region);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
    // Its records in the manifest: its shard (state/shards.ts), kept byte for byte too.
    const stuckShard = filesOf(dir, `manifest/${stuck.account}/${stuck.region}.json`);
    expect(stuckShard).toHaveLength(1);

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
    expect(filesOf(dir, `manifest/${stuck.account}/${stuck.region}.json`)).toEqual(stuckShard);
    expect(after.scopes.filter((s) => s.complete)).toHaveLength(3);
    expect(after.resources.map((r) => r.arn)).toContain(NEW_FUNCTION);
    await check(run, took, fake);
  });
}

const tagging = { service: 'tagging', operation: 'GetResources' } as const;
const answered = (fake: FakeAws) => fake.calls.filter((c) => c.fault === 'answer').length;
const discovery = (bound: string, file = STUCK_FILE) => `${file}: warning: discovery did not complete (${bound}); its monitoring is not changed by this run`;

describe('bounded live runs', () => {
  it('a pagination that never ends stops at the scope deadline, within it; the others are written', async () => {
    const endless = { ...tagging, kind: 'answer', answer: (n: number) => ({ PaginationToken: `page-${n + 1}`, ResourceTagMappingList: [] }) } as const;
    await night('  scopeTimeoutSeconds: 1.5\n  maxPages: 1000000\n', endless, async (run, took, fake) => {
      expect(run.stderr).toContain(discovery('ScopeDeadline: reading this scope took longer than 1.5 s (source.scopeTimeoutSeconds)'));
      expect(took).toBeLessThan(15_000);
      const calls = answered(fake);
      expect(calls).toBeGreaterThan(10);
      // Nothing goes on after the deadline.
      await sleep(500);
      expect(answered(fake)).toBe(calls);
    });
  }, 60_000);

  it('a token that comes back is caught at once', async () => {
    // Page 1 gives A, page 2 gives B, page 3 gives A again: the listing would loop.
    const cycle = { ...tagging, kind: 'answer', answer: (n: number) => ({ PaginationToken: n % 2 === 1 ? 'A' : 'B', ResourceTagMappingList: [] }) } as const;
    await night('', cycle, (run, _took, fake) => {
      expect(run.stderr).toContain(discovery('RepeatedToken: tag.GetResources page 3 gave the pagination token page 1 gave; the listing would never end'));
      expect(answered(fake)).toBe(3);
    });
  }, 60_000);

  it('a listing stops at the page cap', async () => {
    const endless = { ...tagging, kind: 'answer', answer: (n: number) => ({ PaginationToken: `page-${n + 1}`, ResourceTagMappingList: [] }) } as const;
    await night('  maxPages: 3\n', endless, (run, _took, fake) => {
      expect(run.stderr).toContain(discovery('PageLimit: tag.GetResources went on for more than 3 pages (source.maxPages)'));
      expect(answered(fake)).toBe(3);
    });
  }, 60_000);

  it("the run's deadline cuts a call in flight; the scopes read by then are written", async () => {
    // The only live phase here is the listing, so that the run's deadline can only cut it; and
    // the request's own timeout is longer than the run's.
    const hung = { ...tagging, kind: 'slow', delayMs: 120_000 } as const;
    const source = '  requestTimeoutSeconds: 60\n  runTimeoutSeconds: 3\n  existingLogGroups: false\n';
    await night(
      source,
      hung,
      async (run, took, fake) => {
        expect(run.stderr).toContain(discovery('RunDeadline: the live run took longer than 3 s (source.runTimeoutSeconds)'));
        expect(took).toBeLessThan(15_000);
        // The fake saw the client hang up: the request itself was aborted, not merely abandoned.
        await sleep(200);
        expect(fake.calls.filter((c) => c.fault === 'slow').map((c) => c.error)).toEqual(['ClientDisconnected']);
      },
      'tuning: { fetchHistory: false }\n',
    );
  }, 60_000);
});

describe('a malformed or empty live answer is an incomplete scope, never an empty one', () => {
  const cases: [string, unknown, string][] = [
    ['{}', {}, 'MalformedAnswer: tag.GetResources answered without ResourceTagMappingList'],
    ['a list that is not one', { ResourceTagMappingList: 'none' }, 'MalformedAnswer: tag.GetResources answered with a non-list ResourceTagMappingList'],
    ['an entry without an ARN', { ResourceTagMappingList: [{ Tags: [] }] }, 'MalformedAnswer: tag.GetResources answered with entry 1 of page 1 without ResourceARN'],
  ];
  for (const [what, answer, bound] of cases) {
    it(`GetResources answering ${what}`, async () => {
      await night('', { ...tagging, kind: 'answer', answer: () => answer }, (run) => {
        expect(run.stderr).toContain(discovery(bound));
      });
    }, 60_000);
  }
});

describe('what else the live source reads is checked the same way', () => {
  it('enrichment: GetRestApis answering {} (the stages would lose their API names, and their alarms)', async () => {
    await night('', { service: 'apigateway', operation: 'GetRestApis', kind: 'answer', answer: () => ({}) }, (run) => {
      expect(run.stderr).toContain(discovery('MalformedAnswer: apigateway.GetRestApis answered without items', EU_FILE));
    }, '', EU);
  }, 60_000);

  it('enrichment: a target group without its ARN', async () => {
    await night('', { service: 'elbv2', operation: 'DescribeTargetGroups', kind: 'answer', answer: () => ({ TargetGroups: [{ TargetGroupName: 'x' }] }) }, (run) => {
      expect(run.stderr).toContain(discovery('MalformedAnswer: elasticloadbalancing.DescribeTargetGroups answered with target group 1 of page 1 without TargetGroupArn', EU_FILE));
    }, '', EU);
  }, 60_000);

  it('existing log groups: DescribeLogGroups answering {} (they would be created again)', async () => {
    await night('', { service: 'logs', operation: 'DescribeLogGroups', kind: 'answer', answer: () => ({}) }, (run) => {
      expect(run.stderr).toContain(discovery('existing log groups: MalformedAnswer: logs.DescribeLogGroups answered without logGroups', EU_FILE));
    }, '', EU);
  }, 60_000);

  it('metric history: GetMetricData answering {} keeps the tuned thresholds, with a warning', async () => {
    await withFakeAws(acmeFixture(), async (fake) => {
      const dir = project('');
      expect((await runObsgen(['generate', '--out', 'out', '--quiet'], dir)).code).toBe(0);
      const before = inScope(manifestOf(dir).alarms, EU);
      expect(before.some((a) => a.provenance.kind === 'tuned')).toBe(true);
      fake.faults.push({ service: 'cloudwatch', operation: 'GetMetricData', ...EU, kind: 'answer', answer: () => ({}) });
      const run = await runObsgen(['generate', '--out', 'out', '--quiet'], dir);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${EU_FILE}: warning: metric history could not be read (MalformedAnswer: cloudwatch.GetMetricData answered without MetricDataResults); tuned thresholds keep their previous values`);
      expect(inScope(manifestOf(dir).alarms, EU)).toEqual(before);
    });
  }, 60_000);

  it('drift: DescribeAlarms answering {} is a scope drift could not check, not every alarm missing', async () => {
    await withFakeAws(acmeFixture(), async (fake) => {
      const dir = project('');
      expect((await runObsgen(['generate', '--out', 'out', '--quiet'], dir)).code).toBe(0);
      fake.faults.push({ service: 'cloudwatch', operation: 'DescribeAlarms', ...EU, kind: 'answer', answer: () => ({}) });
      const run = await runObsgen(['drift', '--out', 'out'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${EU_FILE}: error: drift could not be checked: MalformedAnswer: cloudwatch.DescribeAlarms answered without MetricAlarms or CompositeAlarms`);
    });
  }, 60_000);
});
