import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBlueprints } from '../../src/blueprints/load.js';
import { tagsReadBy } from '../../src/blueprints/template-tags.js';
import { resolveConfig } from '../../src/config/load.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { builtinBlueprintFiles, hintTags } from '../../src/services/registry.js';
import { outputTags } from '../../src/state/output-tags.js';

const builtin = () => {
  const diags = new Diagnostics();
  const blueprints = loadBlueprints(builtinBlueprintFiles().map((file) => ({ file, text: readFileSync(file, 'utf8'), builtin: true })), diags);
  expect(diags.items).toEqual([]);
  return blueprints;
};

const custom = (templates: string) =>
  loadBlueprints(
    [
      {
        file: 'custom.yaml',
        builtin: false,
        text: `id: custom
resourceType: sqs:queue
description: test
match: { tags: [{ tag: tier, values: [gold] }] }
alarms:
  - id: depth
    title: Depth
    severity: warning
    description: "${templates}"
    source: test
    metric: { name: ApproximateNumberOfMessagesVisible, statistic: Maximum }
    period: 60
    evaluationPeriods: 1
    comparison: GreaterThanThreshold
    threshold: 10
    treatMissingData: notBreaching
    tuning: { policy: relative-to-tag, tag: max-depth, fraction: 0.5 }
`,
      },
    ],
    new Diagnostics(),
  );

describe('tagsReadBy', () => {
  it('names the keys a template reads, and says when it reads all tags', () => {
    expect(tagsReadBy('plain text')).toEqual({ keys: [], all: false });
    expect(tagsReadBy('{{tags.team}} {{#if tags.[obsgen:log-group]}}x{{/if}} {{resource.name}}')).toEqual({ keys: ['team', 'obsgen:log-group'], all: false });
    expect(tagsReadBy('{{#each tags}}{{@key}}{{/each}}').all).toBe(true);
    expect(tagsReadBy('{{lookup tags "team"}}').all).toBe(true);
    expect(tagsReadBy('{{#with tags}}{{team}}{{/with}}').all).toBe(true);
    expect(tagsReadBy('{{lookup this "tags"}}').all).toBe(true);
    expect(tagsReadBy('{{#with resource}}{{../tags.owner}}{{/with}}').keys).toEqual(['owner']);
  });
});

describe('outputTags: the tags that can change the output', () => {
  it('by default: the application and environment keys and obsgen: tags (overrides, hints), not the rest', () => {
    const recorded = outputTags(resolveConfig({}), builtin());
    for (const key of ['app', 'env', 'obsgen:threshold:errors', 'obsgen:monitor', 'obsgen:log-group']) expect(recorded(key), key).toBe(true);
    for (const key of ['Owner', 'git-sha', 'team', 'Name', 'cost-center']) expect(recorded(key), key).toBe(false);
  });

  it('every hint tag a service reads is an obsgen: tag, so it is recorded whatever the config', () => {
    const recorded = outputTags(resolveConfig({}), []);
    for (const h of hintTags()) expect(recorded(h.tag), h.tag).toBe(true);
  });

  it('the config\'s keys, filters and tuning policies, and a blueprint\'s match, tuning and templates', () => {
    const config = resolveConfig({
      tags: { application: 'service', environment: 'stage' },
      filters: { include: [{ tag: 'monitored' }], exclude: [{ tag: 'lifecycle', values: ['sandbox'] }] },
      tuning: { policies: { 'fn/duration': { policy: 'relative-to-tag', tag: 'timeout', fraction: 0.8 } } },
      naming: { alarmName: '{{prefix}}{{tags.costcode}}/{{resource.name}}/{{alarm.id}}' },
    });
    const recorded = outputTags(config, custom('{{tags.team}} owns {{resource.name}}'));
    for (const key of ['service', 'stage', 'monitored', 'lifecycle', 'timeout', 'costcode', 'tier', 'max-depth', 'team']) expect(recorded(key), key).toBe(true);
    for (const key of ['app', 'env', 'Owner']) expect(recorded(key), key).toBe(false);
  });

  it('every tag, when a template reads the tags as a whole', () => {
    expect(outputTags(resolveConfig({}), custom('{{#each tags}}{{@key}}={{this}} {{/each}}'))('Owner')).toBe(true);
  });
});
