import { describe, expect, it } from 'vitest';
import { ACTION_TEMPLATE_VARIABLES, ALARM_TEMPLATE_VARIABLES, unknownVariable } from '../../src/blueprints/template-variables.js';
import type { VariableShape } from '../../src/blueprints/template-variables.js';
import { compileTemplate } from '../../src/blueprints/template.js';
import { resourceContext, withAlarm } from '../../src/resolve/render.js';
import type { Resource } from '../../src/discover/types.js';

const QUEUE: Resource = {
  arn: 'arn:aws:sqs:eu-west-1:123456789012:orders',
  partition: 'aws',
  account: '123456789012',
  region: 'eu-west-1',
  service: 'sqs',
  type: 'sqs:queue',
  name: 'orders',
  namespace: 'AWS/SQS',
  dimensions: [{ name: 'QueueName', value: 'orders' }],
  attributes: {},
  tags: new Map([['app', 'shop']]),
  origin: { file: 'inv.json', index: 0 },
};

/** The names of a context object, as a shape (what is below data is not listed). */
function shapeOf(value: unknown, data: ReadonlySet<string>, path = ''): VariableShape | null {
  if (typeof value !== 'object' || value === null) return null;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, data.has(`${path}${k}`) ? null : shapeOf(v, data, `${path}${k}.`)]));
}

describe('unknownVariable', () => {
  it('knows exactly the variables resourceContext and withAlarm give an alarm', () => {
    const context = withAlarm(resourceContext(QUEUE, 'shop', 'prod', 'obsgen/'), { id: 'age', title: 'Age', severity: 'warning', threshold: 1 });
    expect(shapeOf(context, new Set(['tags', 'resource.dimensions', 'resource.attributes']))).toEqual(ALARM_TEMPLATE_VARIABLES);
  });

  it.each([
    ['{{aap}}', 'unknown variable "aap" (the template can use resource, tags, app, env, prefix, alarm)', 1, 3],
    ['{{resource.nmae}}', 'unknown variable "resource.nmae" (resource has name, arn, partition, account, region, service, type, typeLabel, namespace, dimensions, attributes)', 1, 3],
    ['x\n{{#if aap}}y{{/if}}', 'unknown variable "aap" (the template can use resource, tags, app, env, prefix, alarm)', 2, 7],
    ['{{#unless env}}{{ap}}{{/unless}}', 'unknown variable "ap" (the template can use resource, tags, app, env, prefix, alarm)', 1, 18],
    ['{{lookup tagz "team"}}', 'unknown variable "tagz" (the template can use resource, tags, app, env, prefix, alarm)', 1, 10],
    ['{{#each tags}}{{this}}{{else}}{{nope}}{{/each}}', 'unknown variable "nope" (the template can use resource, tags, app, env, prefix, alarm)', 1, 33],
    ['{{#aap}}x{{/aap}}', 'unknown variable "aap" (the template can use resource, tags, app, env, prefix, alarm)', 1, 4],
  ])('%j: %s', (source, message, line, column) => {
    expect(unknownVariable(source, ALARM_TEMPLATE_VARIABLES)).toEqual({ message, line, column });
  });

  it.each([
    '{{prefix}}{{resource.type}}/{{resource.name}}/{{alarm.id}}',
    '{{tags.team}}{{tags.[cost center]}}{{resource.dimensions.QueueName}}{{resource.attributes.x}}',
    '{{#each tags}}{{@key}}={{this}}{{foo}}{{../app}}{{/each}}',
    '{{#with resource}}{{name}}{{/with}}',
    '{{#if env}}{{env}}-{{/if}}{{alarm.threshold}}',
    '{{! a comment }}plain text',
  ])('accepts %j', (source) => {
    expect(unknownVariable(source, ALARM_TEMPLATE_VARIABLES)).toBeUndefined();
  });

  it('an action template: partition, account and region', () => {
    expect(unknownVariable('arn:{{partition}}:sns:{{region}}:{{account}}:page', ACTION_TEMPLATE_VARIABLES)).toBeUndefined();
    expect(unknownVariable('arn:aws:sns:{{region}}:{{app}}:page', ACTION_TEMPLATE_VARIABLES)?.message).toBe('unknown variable "app" (the template can use partition, account, region)');
  });

  it('flags only what strict rendering would fail on, for the templates above', () => {
    const context = withAlarm(resourceContext(QUEUE, 'shop', '', 'obsgen/'), { id: 'age', title: 'Age', severity: 'warning', threshold: 1 });
    expect(() => compileTemplate('{{aap}}').render(context)).toThrow(/"aap" not defined/);
    expect(compileTemplate('{{#if env}}{{env}}-{{/if}}{{alarm.threshold}}').render(context)).toBe('1');
  });
});
