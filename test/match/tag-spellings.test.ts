import { describe, expect, it } from 'vitest';
import { loadBlueprints } from '../../src/blueprints/load.js';
import { resolveConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/types.js';
import { Diagnostics, formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import type { Inventory } from '../../src/discover/types.js';
import { matchResources } from '../../src/match/match.js';
import { fnArn, inventoryOf } from '../fixtures/inputs/tagged-resources.js';

// #19 item 2: resources tagged the way AWS's tagging guidance spells it (`Application`,
// `Environment`) silently landed in `unassigned` when the config expects `app` / `env`.
const BLUEPRINT = `id: fn
resourceType: lambda:function
description: Functions
alarms:
  - id: errors
    title: Errors
    severity: critical
    description: Errors on {{resource.name}}
    source: test
    metric: { name: Errors, statistic: Sum }
    period: 60
    evaluationPeriods: 1
    comparison: GreaterThanThreshold
    threshold: 0
    treatMissingData: notBreaching
`;

function match(inventory: Inventory, config: Config = resolveConfig({})) {
  const diags = new Diagnostics();
  const blueprints = loadBlueprints([{ file: 'fn.yaml', text: BLUEPRINT, builtin: false }], diags);
  const matched = matchResources(inventory, blueprints, config, diags);
  return { matched, messages: diags.items.map(formatDiagnostic), warnings: diags.items.filter((d) => d.severity === 'warning').length };
}

describe('tag keys that look like the configured ones in another spelling', () => {
  it('warns once per spelling, at its first resource, with the config line that accepts it', () => {
    const inventory = inventoryOf({
      [fnArn('b')]: { Application: 'shop', Environment: 'prod' },
      [fnArn('a')]: { Application: 'shop', env: 'prod' },
      [fnArn('c')]: { app: 'shop', 'acme:environment': 'prod' },
      [fnArn('d')]: { app: 'shop', env: 'prod', Application: 'other', Owner: 'x' },
    });
    const { matched, messages } = match(inventory);
    expect(matched.resources.map((r) => [r.resource.name, r.app, r.env])).toEqual([
      ['a', 'unassigned', 'prod'],
      ['b', 'unassigned', undefined],
      ['c', 'shop', undefined],
      ['d', 'shop', 'prod'],
    ]);
    expect(messages).toEqual([
      `${fnArn('a')} (tag "Application"): warning: 2 resources (this is the first) have no "app" tag but are tagged "Application", so they are in application "unassigned". Fix: tags: { application: ["app", "Application"] } in the config, or tag them "app".`,
      `${fnArn('b')} (tag "Environment"): warning: this resource has no "env" tag but is tagged "Environment", so it has no environment. Fix: tags: { environment: ["env", "Environment"] } in the config, or tag it "env".`,
      `${fnArn('c')} (tag "acme:environment"): warning: this resource has no "env" tag but is tagged "acme:environment", so it has no environment. Fix: tags: { environment: ["env", "acme:environment"] } in the config, or tag it "env".`,
    ]);
  });

  it('accepts the spellings the config lists, the first present winning, and then says nothing', () => {
    const inventory = inventoryOf({
      [fnArn('a')]: { Application: 'shop', Environment: 'prod' },
      [fnArn('b')]: { app: 'billing', Application: 'ignored', env: 'dev' },
      [fnArn('c')]: { app: '', Application: 'catalog', stage: 'qa' },
    });
    const config = resolveConfig({ tags: { application: ['app', 'Application'], environment: ['env', 'Environment', 'stage'] } });
    const { matched, messages } = match(inventory, config);
    expect(matched.resources.map((r) => [r.resource.name, r.app, r.env])).toEqual([
      ['a', 'shop', 'prod'],
      ['b', 'billing', 'dev'],
      ['c', 'catalog', 'qa'],
    ]);
    expect(messages).toEqual([]);
  });

  it('leaves unrelated keys, obsgen: and aws: tags alone', () => {
    const inventory = inventoryOf({ [fnArn('a')]: { Owner: 'x', appliance: 'y', 'aws:cloudformation:stack-name': 'app', 'obsgen:disable': 'errors', environmental: 'z' } });
    expect(match(inventory).messages).toEqual([]);
  });
});
