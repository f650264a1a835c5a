import { describe, expect, it } from 'vitest';
import { loadBlueprints } from '../../src/blueprints/load.js';
import type { Blueprint } from '../../src/blueprints/types.js';
import { resolveConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/types.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import type { Inventory } from '../../src/discover/types.js';
import { matchResources } from '../../src/match/match.js';
import { positionOf } from '../fixtures/inputs/text-position.js';
import { fnArn, inventoryOf, queueArn, tableArn } from '../fixtures/inputs/tagged-resources.js';

function alarm(id: string, metric: string, severity = 'warning', threshold = 0): string {
  return `  - id: ${id}
    title: ${id}
    severity: ${severity}
    description: ${id} on {{resource.name}}
    source: test
    metric: { name: ${metric}, statistic: Sum }
    period: 60
    evaluationPeriods: 1
    comparison: GreaterThanThreshold
    threshold: ${threshold}
    treatMissingData: notBreaching
`;
}

const FN_BLUEPRINT = `id: fn
resourceType: lambda:function
description: Functions
alarms:
${alarm('errors', 'Errors', 'critical', 0)}${alarm('throttles', 'Throttles', 'warning', 1)}logGroups:
  - id: function
    name: /aws/lambda/{{resource.name}}
    metricFilters:
      - id: error-lines
        pattern: ERROR
        metric: { namespace: Custom/Logs, name: "ErrorLines/{{resource.name}}" }
        alarm:
          id: log-errors
          title: Error lines
          severity: info
          description: Error lines
          source: test
          period: 60
          evaluationPeriods: 1
          comparison: GreaterThanThreshold
          threshold: 0
          treatMissingData: notBreaching
`;

const TABLE_BLUEPRINT = `id: table
resourceType: dynamodb:table
description: Tables
alarms:
${alarm('read-throttles', 'ReadThrottleEvents')}`;

function blueprints(...files: [string, string][]): Blueprint[] {
  const diags = new Diagnostics();
  const out = loadBlueprints(
    files.map(([file, text]) => ({ file, text, builtin: false })),
    diags,
  );
  if (diags.items.length > 0) throw new Error(`test fixture: ${JSON.stringify(diags.items)}`);
  return out;
}

const DEFAULT_BLUEPRINTS = blueprints(['fn.yaml', FN_BLUEPRINT], ['table.yaml', TABLE_BLUEPRINT]);

function plan(inventory: Inventory, config: Config = resolveConfig({}), bps: Blueprint[] = DEFAULT_BLUEPRINTS) {
  const diags = new Diagnostics();
  const result = matchResources(inventory, bps, config, diags);
  return { diags, plan: result };
}

const alarmIds = (p: ReturnType<typeof plan>['plan'], index = 0) => p.resources[index]!.alarms.map((a) => a.spec.id);

describe('matchResources: basics', () => {
  it('gives each resource the alarms of its blueprints, sorted by ARN, with app, env and log groups', () => {
    const inventory = inventoryOf({
      [fnArn('zeta')]: { app: 'shop', env: 'prod' },
      [fnArn('alpha')]: {},
      [tableArn('orders')]: { app: 'shop' },
    });
    const { diags, plan: p } = plan(inventory);
    expect(diags.items).toEqual([]);
    expect(p.resources.map((r) => r.resource.arn)).toEqual([tableArn('orders'), fnArn('alpha'), fnArn('zeta')]);
    expect(p.resources.map((r) => r.resource.arn)).toEqual([...p.resources.map((r) => r.resource.arn)].sort());
    const zeta = p.resources[2]!;
    expect(zeta.app).toBe('shop');
    expect(zeta.env).toBe('prod');
    expect(zeta.blueprints.map((b) => b.id)).toEqual(['fn']);
    expect(zeta.alarms.map((a) => [a.spec.id, a.severity, a.blueprint.id])).toEqual([
      ['errors', 'critical', 'fn'],
      ['throttles', 'warning', 'fn'],
      ['log-errors', 'info', 'fn'],
    ]);
    expect(zeta.alarms[2]!.filter?.filter.id).toBe('error-lines');
    expect(zeta.alarms[0]!.filter).toBeUndefined();
    expect(zeta.alarms.every((a) => a.thresholdOverride === undefined && a.severityTag === undefined)).toBe(true);
    expect(zeta.logGroups.map((l) => l.spec.id)).toEqual(['function']);
    expect(zeta.disabled).toEqual([]);
    expect(p.resources[0]!.alarms.map((a) => a.spec.id)).toEqual(['read-throttles']);
    expect(p.unmonitored).toEqual([]);
    expect(p.scopes).toEqual(inventory.scopes);
  });

  it('takes the application from the app tag, else defaultApplication; env is undefined without the tag', () => {
    const inventory = inventoryOf({ [fnArn('a')]: { app: 'shop' }, [fnArn('b')]: {}, [fnArn('c')]: { app: '' } });
    const { plan: p } = plan(inventory);
    expect(p.resources.map((r) => [r.resource.name, r.app, r.env])).toEqual([
      ['a', 'shop', undefined],
      ['b', 'unassigned', undefined],
      ['c', 'unassigned', undefined],
    ]);
  });

  it('uses the configured tag keys and default application', () => {
    const inventory = inventoryOf({ [fnArn('a')]: { service: 'billing', stage: 'dev', app: 'ignored' }, [fnArn('b')]: {} });
    const config = resolveConfig({ tags: { application: 'service', environment: 'stage', defaultApplication: 'platform' } });
    const { plan: p } = plan(inventory, config);
    expect(p.resources.map((r) => [r.app, r.env])).toEqual([
      ['billing', 'dev'],
      ['platform', undefined],
    ]);
  });

  it('lists a resource type without a blueprint as unmonitored', () => {
    const inventory = inventoryOf({ [queueArn('orders')]: {}, [fnArn('a')]: {} });
    const { diags, plan: p } = plan(inventory);
    expect(diags.items).toEqual([]);
    expect(p.resources.map((r) => r.resource.arn)).toEqual([fnArn('a')]);
    expect(p.unmonitored).toEqual([{ arn: queueArn('orders'), type: 'sqs:queue', reason: 'no blueprint for resource type sqs:queue' }]);
  });

  it('carries uncovered inventory entries into unmonitored, sorted with the rest', () => {
    const ec2 = 'arn:aws:ec2:eu-west-1:123456789012:volume/vol-0123';
    const inventory = inventoryOf({ [queueArn('orders')]: {}, [ec2]: {}, [fnArn('a')]: {} });
    const { plan: p } = plan(inventory);
    expect(p.unmonitored).toEqual([
      { arn: ec2, type: 'ec2:volume', reason: 'resource type ec2:volume is not supported' },
      { arn: queueArn('orders'), type: 'sqs:queue', reason: 'no blueprint for resource type sqs:queue' },
    ]);
  });
});

describe('matchResources: override tags', () => {
  it.each(['false', 'FALSE', ' false '])('leaves out a resource tagged obsgen:monitor=%j, with the reason', (value) => {
    const inventory = inventoryOf({ [fnArn('a')]: { 'obsgen:monitor': value }, [fnArn('b')]: {} });
    const { diags, plan: p } = plan(inventory);
    expect(diags.items).toEqual([]);
    expect(p.resources.map((r) => r.resource.name)).toEqual(['b']);
    expect(p.unmonitored).toEqual([{ arn: fnArn('a'), type: 'lambda:function', reason: 'opted out with obsgen:monitor=false' }]);
  });

  it('reports obsgen:monitor=maybe as a finding naming the ARN and the tag; the resource stays monitored', () => {
    const inventory = inventoryOf({ [fnArn('a')]: { 'obsgen:monitor': 'maybe' } });
    const { diags, plan: p } = plan(inventory);
    expect(diags.items).toHaveLength(1);
    expect(diags.items[0]).toMatchObject({ severity: 'warning', arn: fnArn('a'), tag: 'obsgen:monitor' });
    expect(diags.hasErrors).toBe(false);
    expect(p.resources).toHaveLength(1);
    expect(alarmIds(p)).toEqual(['errors', 'throttles', 'log-errors']);
  });

  it('removes the alarms listed in obsgen:disable and records them, sorted', () => {
    const inventory = inventoryOf({ [fnArn('a')]: { 'obsgen:disable': 'throttles, errors' } });
    const { diags, plan: p } = plan(inventory);
    expect(diags.items).toEqual([]);
    expect(alarmIds(p)).toEqual(['log-errors']);
    expect(p.resources[0]!.disabled).toEqual(['errors', 'throttles']);
    // The log group stays: only the alarm was turned off.
    expect(p.resources[0]!.logGroups).toHaveLength(1);
  });

  it('reports unknown alarm ids in disable, threshold and severity tags, each, and ignores them', () => {
    const inventory = inventoryOf({
      [fnArn('a')]: {
        'obsgen:disable': 'nope',
        'obsgen:threshold:read-throttles': '5',
        'obsgen:severity:missing': 'info',
      },
    });
    const { diags, plan: p } = plan(inventory);
    expect(diags.items.map((d) => [d.severity, d.arn, d.tag])).toEqual([
      ['warning', fnArn('a'), 'obsgen:disable'],
      ['warning', fnArn('a'), 'obsgen:threshold:read-throttles'],
      ['warning', fnArn('a'), 'obsgen:severity:missing'],
    ]);
    expect(alarmIds(p)).toEqual(['errors', 'throttles', 'log-errors']);
    expect(p.resources[0]!.alarms.every((a) => a.thresholdOverride === undefined)).toBe(true);
  });

  it.each([
    ['5', 5],
    ['0.5', 0.5],
    ['-1', -1],
    ['1e3', 1000],
  ])('applies obsgen:threshold:errors=%s', (value, expected) => {
    const inventory = inventoryOf({ [fnArn('a')]: { 'obsgen:threshold:errors': value } });
    const { diags, plan: p } = plan(inventory);
    expect(diags.items).toEqual([]);
    const errors = p.resources[0]!.alarms.find((a) => a.spec.id === 'errors')!;
    expect(errors.thresholdOverride).toEqual({ value: expected, tag: 'obsgen:threshold:errors' });
    // The blueprint's own default is untouched.
    expect(errors.spec.threshold).toBe(0);
    expect(p.resources[0]!.alarms.find((a) => a.spec.id === 'throttles')!.thresholdOverride).toBeUndefined();
  });

  it.each(['abc', '', 'NaN', 'Infinity', '0x10', '1,5'])('ignores obsgen:threshold:throttles=%j with a finding', (value) => {
    const inventory = inventoryOf({ [fnArn('a')]: { 'obsgen:threshold:throttles': value } });
    const { diags, plan: p } = plan(inventory);
    expect(diags.items).toHaveLength(1);
    expect(diags.items[0]).toMatchObject({ severity: 'warning', arn: fnArn('a'), tag: 'obsgen:threshold:throttles' });
    const throttles = p.resources[0]!.alarms.find((a) => a.spec.id === 'throttles')!;
    expect(throttles.thresholdOverride).toBeUndefined();
    expect(throttles.spec.threshold).toBe(1);
  });

  it.each(['critical', 'warning', 'info'] as const)('applies obsgen:severity:throttles=%s and records the tag', (value) => {
    const inventory = inventoryOf({ [fnArn('a')]: { 'obsgen:severity:throttles': value } });
    const { diags, plan: p } = plan(inventory);
    expect(diags.items).toEqual([]);
    const throttles = p.resources[0]!.alarms.find((a) => a.spec.id === 'throttles')!;
    expect(throttles.severity).toBe(value);
    expect(throttles.severityTag).toBe('obsgen:severity:throttles');
    expect(throttles.spec.severity).toBe('warning');
  });

  it('ignores obsgen:severity:errors=urgent with a finding', () => {
    const inventory = inventoryOf({ [fnArn('a')]: { 'obsgen:severity:errors': 'urgent' } });
    const { diags, plan: p } = plan(inventory);
    expect(diags.items).toHaveLength(1);
    expect(diags.items[0]).toMatchObject({ severity: 'warning', arn: fnArn('a'), tag: 'obsgen:severity:errors' });
    const errors = p.resources[0]!.alarms.find((a) => a.spec.id === 'errors')!;
    expect(errors.severity).toBe('critical');
    expect(errors.severityTag).toBeUndefined();
  });

  it('ignores an unknown obsgen:foo tag with a finding', () => {
    const inventory = inventoryOf({ [fnArn('a')]: { 'obsgen:foo': 'bar' } });
    const { diags, plan: p } = plan(inventory);
    expect(diags.items).toHaveLength(1);
    expect(diags.items[0]).toMatchObject({ severity: 'warning', arn: fnArn('a'), tag: 'obsgen:foo' });
    expect(p.resources).toHaveLength(1);
  });

  it('applies overrides to one resource only', () => {
    const inventory = inventoryOf({ [fnArn('a')]: { 'obsgen:disable': 'errors' }, [fnArn('b')]: {} });
    const { plan: p } = plan(inventory);
    expect(alarmIds(p, 0)).toEqual(['throttles', 'log-errors']);
    expect(alarmIds(p, 1)).toEqual(['errors', 'throttles', 'log-errors']);
  });
});

describe('matchResources: config filters', () => {
  const inventory = inventoryOf({
    [fnArn('prod')]: { env: 'prod' },
    [fnArn('staging')]: { env: 'staging' },
    [fnArn('untagged')]: {},
    [fnArn('temp')]: { env: 'prod', temporary: 'yes' },
    [fnArn('temp-no')]: { env: 'prod', temporary: 'no' },
  });
  const reasons = (p: ReturnType<typeof plan>['plan']) => Object.fromEntries(p.unmonitored.map((u) => [u.arn.split(':').pop(), u.reason]));
  const monitored = (p: ReturnType<typeof plan>['plan']) => p.resources.map((r) => r.resource.name);

  it('include with values keeps only matching resources', () => {
    const { diags, plan: p } = plan(inventory, resolveConfig({ filters: { include: [{ tag: 'env', values: ['prod'] }] } }));
    expect(diags.items).toEqual([]);
    expect(monitored(p)).toEqual(['prod', 'temp', 'temp-no']);
    expect(reasons(p)).toEqual({ staging: 'not selected by the include filters', untagged: 'not selected by the include filters' });
  });

  it('include without values keeps resources that carry the tag', () => {
    const { plan: p } = plan(inventory, resolveConfig({ filters: { include: [{ tag: 'env' }] } }));
    expect(monitored(p)).toEqual(['prod', 'staging', 'temp', 'temp-no']);
    expect(reasons(p)).toEqual({ untagged: 'not selected by the include filters' });
  });

  it('several include rules: any one is enough', () => {
    const { plan: p } = plan(
      inventory,
      resolveConfig({ filters: { include: [{ tag: 'env', values: ['staging'] }, { tag: 'temporary', values: ['yes'] }] } }),
    );
    expect(monitored(p)).toEqual(['staging', 'temp']);
  });

  it('exclude with values drops matching resources with the tag in the reason', () => {
    const { plan: p } = plan(inventory, resolveConfig({ filters: { exclude: [{ tag: 'temporary', values: ['yes'] }] } }));
    expect(monitored(p)).toEqual(['prod', 'staging', 'temp-no', 'untagged']);
    expect(reasons(p)).toEqual({ temp: 'excluded by the filter on tag "temporary"' });
  });

  it('exclude without values drops every resource carrying the tag', () => {
    const { plan: p } = plan(inventory, resolveConfig({ filters: { exclude: [{ tag: 'temporary' }] } }));
    expect(monitored(p)).toEqual(['prod', 'staging', 'untagged']);
    expect(reasons(p)).toEqual({ temp: 'excluded by the filter on tag "temporary"', 'temp-no': 'excluded by the filter on tag "temporary"' });
  });

  it('exclude wins over include', () => {
    const { plan: p } = plan(
      inventory,
      resolveConfig({ filters: { include: [{ tag: 'env', values: ['prod'] }], exclude: [{ tag: 'temporary', values: ['yes'] }] } }),
    );
    expect(monitored(p)).toEqual(['prod', 'temp-no']);
    expect(reasons(p)['temp']).toBe('excluded by the filter on tag "temporary"');
  });

  it('a filter on a tag named __proto__ matches only resources that carry it', () => {
    const inv = inventoryOf({ [fnArn('a')]: [['__proto__', 'x']], [fnArn('b')]: {} });
    const { plan: p } = plan(inv, resolveConfig({ filters: { include: [{ tag: '__proto__' }] } }));
    expect(monitored(p)).toEqual(['a']);
  });
});

describe('matchResources: blueprint match.tags', () => {
  const tiered = (id: string, match: string, alarmId: string) => `id: ${id}
resourceType: lambda:function
description: ${id}
match:
  tags:
${match}alarms:
${alarm(alarmId, 'Errors')}`;

  const BPS = blueprints(
    ['critical.yaml', tiered('critical-fns', '    - { tag: tier, values: [critical, gold] }\n', 'strict-errors')],
    ['other.yaml', tiered('other-fns', '    - { tag: tier, values: [critical, gold], absent: true }\n', 'loose-errors')],
    ['legacy.yaml', tiered('non-legacy', '    - { tag: legacy, absent: true }\n    - { tag: team }\n', 'team-errors')],
  );

  it('applies predicates with values, absent, and all of several', () => {
    const inventory = inventoryOf({
      [fnArn('gold')]: { tier: 'gold' },
      [fnArn('low')]: { tier: 'low', team: 'a' },
      [fnArn('none')]: {},
      [fnArn('legacy')]: { legacy: 'true', team: 'a' },
    });
    const { diags, plan: p } = plan(inventory, resolveConfig({}), BPS);
    expect(diags.items).toEqual([]);
    const byName = Object.fromEntries(p.resources.map((r) => [r.resource.name, r.blueprints.map((b) => b.id).sort()]));
    expect(byName).toEqual({
      gold: ['critical-fns'],
      low: ['non-legacy', 'other-fns'],
      none: ['other-fns'],
      legacy: ['other-fns'],
    });
    expect(p.resources.find((r) => r.resource.name === 'low')!.alarms.map((a) => a.spec.id).sort()).toEqual(['loose-errors', 'team-errors']);
  });

  it('reports a resource whose type has blueprints but none matches its tags', () => {
    const only = blueprints(['critical.yaml', tiered('critical-fns', '    - { tag: tier, values: [critical] }\n', 'strict-errors')]);
    const { plan: p } = plan(inventoryOf({ [fnArn('low')]: { tier: 'low' } }), resolveConfig({}), only);
    expect(p.resources).toEqual([]);
    expect(p.unmonitored).toEqual([{ arn: fnArn('low'), type: 'lambda:function', reason: 'no blueprint for lambda:function matches its tags' }]);
  });

  it('reports an error when two matching blueprints define the same alarm id for one resource', () => {
    const second = tiered('also-fn', '    - { tag: team }\n', 'errors');
    const bps = blueprints(['fn.yaml', FN_BLUEPRINT], ['also.yaml', second]);
    const { diags } = plan(inventoryOf({ [fnArn('a')]: { team: 'x' }, [fnArn('b')]: {} }), resolveConfig({}), bps);
    const errors = diags.items.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    // Reported at the alarm id of whichever blueprint comes second (blueprints are ordered by id),
    // naming the first.
    const [file, text, other] = errors[0]!.file === 'fn.yaml' ? ['fn.yaml', FN_BLUEPRINT, 'also-fn'] : ['also.yaml', second, 'fn'];
    expect(errors[0]).toMatchObject({ file, ...positionOf(text, 'errors\n') });
    expect(errors[0]!.message).toContain(`blueprint ${other}`);
    expect(errors[0]!.message).toContain('"errors"');
    expect(errors[0]!.message).toContain(fnArn('a'));
  });

  it('reports the clash when the second definition is a metric filter alarm', () => {
    const clash = tiered('clash', '    - { tag: team }\n', 'log-errors');
    const { diags } = plan(inventoryOf({ [fnArn('a')]: { team: 'x' } }), resolveConfig({}), blueprints(['fn.yaml', FN_BLUEPRINT], ['clash.yaml', clash]));
    expect(diags.items.filter((d) => d.severity === 'error')).toHaveLength(1);
  });
});

describe('matchResources: hostile tag values', () => {
  const start = `"'\`\${file("/etc/passwd")}%{ if true }\n{{x}}<script>`;
  const hostile = start + 'x'.repeat(256 - start.length);

  it('fixture is 256 characters', () => {
    expect(hostile).toHaveLength(256);
  });

  it('flow through untouched into the plan', () => {
    const inventory = inventoryOf({ [fnArn('a')]: { app: hostile, env: hostile, note: hostile } });
    const { diags, plan: p } = plan(inventory);
    expect(diags.items).toEqual([]);
    const r = p.resources[0]!;
    expect(r.app).toBe(hostile);
    expect(r.env).toBe(hostile);
    expect(r.resource.tags.get('note')).toBe(hostile);
    expect(alarmIds(p)).toEqual(['errors', 'throttles', 'log-errors']);
  });

  it('in override tags are findings naming the ARN and tag, and apply nothing', () => {
    const inventory = inventoryOf({ [fnArn('a')]: { 'obsgen:disable': hostile, 'obsgen:threshold:errors': hostile } });
    const { diags, plan: p } = plan(inventory);
    expect(diags.hasErrors).toBe(false);
    expect(diags.items.length).toBeGreaterThan(0);
    expect(diags.items.every((d) => d.severity === 'warning' && d.arn === fnArn('a'))).toBe(true);
    expect(alarmIds(p)).toEqual(['errors', 'throttles', 'log-errors']);
    expect(p.resources[0]!.alarms[0]!.thresholdOverride).toBeUndefined();
  });
});
