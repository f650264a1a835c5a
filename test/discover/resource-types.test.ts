import { describe, expect, it } from 'vitest';
import { parseArn } from '../../src/discover/arn.js';
import { describeUnknownArn, RESOURCE_TYPES, recogniseArn, resourceType } from '../../src/discover/resource-types/index.js';

const ACCOUNT = '123456789012';
const lambdaArn = (resource: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:${resource}`;
const sqsArn = (name: string) => `arn:aws:sqs:eu-west-1:${ACCOUNT}:${name}`;
const ddbArn = (resource: string) => `arn:aws:dynamodb:eu-central-1:${ACCOUNT}:${resource}`;

function recognise(text: string, tags: ReadonlyMap<string, string> = new Map()) {
  const arn = parseArn(text);
  if (!arn) throw new Error(`test ARN does not parse: ${text}`);
  return recogniseArn(arn, tags);
}

/**
 * One sample ARN per registered type id, with what it must yield. A type registered without a
 * sample here fails the suite, so adding a resource type forces adding a sample.
 */
const SAMPLES: Record<string, { arn: string; name: string; dimensions: { name: string; value: string }[] }> = {
  'lambda:function': { arn: lambdaArn('function:checkout'), name: 'checkout', dimensions: [{ name: 'FunctionName', value: 'checkout' }] },
  'sqs:queue': { arn: sqsArn('orders'), name: 'orders', dimensions: [{ name: 'QueueName', value: 'orders' }] },
  'dynamodb:table': { arn: ddbArn('table/orders'), name: 'orders', dimensions: [{ name: 'TableName', value: 'orders' }] },
};

describe('RESOURCE_TYPES registry', () => {
  it('has at least one type', () => {
    expect(RESOURCE_TYPES.length).toBeGreaterThan(0);
  });

  it('has unique ids', () => {
    const ids = RESOURCE_TYPES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(RESOURCE_TYPES.map((t) => [t.id, t] as const))('%s has an AWS/ namespace, a label and a lookup by id', (id, type) => {
    expect(type.namespace).toMatch(/^AWS\/[A-Za-z0-9]+$/);
    expect(type.label.length).toBeGreaterThan(0);
    expect(type.service).toMatch(/^[a-z0-9-]+$/);
    expect(resourceType(id)).toBe(type);
  });

  it('has a sample ARN for every registered type (add one to SAMPLES when adding a type)', () => {
    const missing = RESOURCE_TYPES.map((t) => t.id).filter((id) => !Object.hasOwn(SAMPLES, id));
    expect(missing).toEqual([]);
  });

  it('has no sample for a type that is not registered', () => {
    const registered = new Set(RESOURCE_TYPES.map((t) => t.id));
    expect(Object.keys(SAMPLES).filter((id) => !registered.has(id))).toEqual([]);
  });

  it.each(RESOURCE_TYPES.map((t) => [t.id, t] as const))('%s recognises its sample ARN', (id, type) => {
    const sample = SAMPLES[id];
    expect(sample, `no sample ARN for ${id}`).toBeDefined();
    const found = recognise(sample!.arn);
    expect(found?.type).toBe(type);
    expect(found?.recognition).toEqual({ kind: 'resource', name: sample!.name, dimensions: sample!.dimensions });
    expect(parseArn(sample!.arn)?.service).toBe(type.service);
  });

  it('does not know a type id that is not registered', () => {
    expect(resourceType('ec2:instance')).toBeUndefined();
    expect(resourceType('__proto__')).toBeUndefined();
    expect(resourceType('constructor')).toBeUndefined();
  });

  it('does not recognise services without a type module', () => {
    expect(recognise(`arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0123456789abcdef0`)).toBeUndefined();
    expect(recognise('arn:aws:s3:::my-bucket')).toBeUndefined();
    expect(recognise(`arn:aws:constructor:us-east-1:${ACCOUNT}:x`)).toBeUndefined();
    // Not a parseable ARN, but the lookup by service must not reach Object.prototype either.
    for (const service of ['__proto__', 'toString', 'hasOwnProperty']) {
      expect(recogniseArn({ partition: 'aws', service, region: 'us-east-1', account: ACCOUNT, resource: 'x' }, new Map())).toBeUndefined();
    }
  });

  it('describes unknown ARNs as service:resource-type', () => {
    expect(describeUnknownArn(parseArn(`arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0123`)!)).toBe('ec2:instance');
    expect(describeUnknownArn(parseArn(`arn:aws:lambda:us-east-1:${ACCOUNT}:layer:my-layer:3`)!)).toBe('lambda:layer');
    expect(describeUnknownArn(parseArn('arn:aws:s3:::my-bucket')!)).toBe('s3');
  });
});

describe('lambda:function', () => {
  it('recognises a function with its name and FunctionName dimension', () => {
    const found = recognise(lambdaArn('function:my-fn_2'));
    expect(found?.type.id).toBe('lambda:function');
    expect(found?.type.namespace).toBe('AWS/Lambda');
    expect(found?.recognition).toEqual({ kind: 'resource', name: 'my-fn_2', dimensions: [{ name: 'FunctionName', value: 'my-fn_2' }] });
  });

  it('recognises functions in other partitions', () => {
    expect(recognise(`arn:aws-cn:lambda:cn-north-1:${ACCOUNT}:function:f`)?.recognition).toMatchObject({ kind: 'resource', name: 'f' });
    expect(recognise(`arn:aws-us-gov:lambda:us-gov-east-1:${ACCOUNT}:function:f`)?.recognition).toMatchObject({ kind: 'resource', name: 'f' });
  });

  it.each([
    ['an alias', 'function:checkout:live'],
    ['a version', 'function:checkout:1'],
    ['$LATEST', 'function:checkout:$LATEST'],
  ])('reports %s qualifier as unsupported with a reason', (_label, resource) => {
    const found = recognise(lambdaArn(resource));
    expect(found?.type.id).toBe('lambda:function');
    expect(found?.recognition.kind).toBe('unsupported');
    if (found?.recognition.kind !== 'unsupported') return;
    expect(found.recognition.type).toBe('lambda:function-qualifier');
    expect(found.recognition.reason).toMatch(/version or alias/);
  });

  it('accepts a 64-character name', () => {
    const name = 'f'.repeat(64);
    expect(recognise(lambdaArn(`function:${name}`))?.recognition).toEqual({
      kind: 'resource',
      name,
      dimensions: [{ name: 'FunctionName', value: name }],
    });
  });

  it('does not recognise a 65-character name', () => {
    expect(recognise(lambdaArn(`function:${'f'.repeat(65)}`))).toBeUndefined();
  });

  it.each([
    ['a layer', 'layer:my-layer:3'],
    ['an event source mapping', 'event-source-mapping:a1b2c3d4-5678-90ab-cdef-11111EXAMPLE'],
    ['an empty function name', 'function:'],
    ['a name with a dot', 'function:my.fn'],
    ['a name with a slash', 'function:my/fn'],
  ])('does not recognise %s', (_label, resource) => {
    expect(recognise(lambdaArn(resource))).toBeUndefined();
  });
});

describe('sqs:queue', () => {
  it.each([
    ['a standard queue', 'orders'],
    ['a FIFO queue', 'orders.fifo'],
    ['an 80-character standard queue', 'q'.repeat(80)],
    ['an 80-character FIFO queue', `${'q'.repeat(75)}.fifo`],
    ['underscores and dashes', 'my_queue-1'],
  ])('recognises %s with QueueName', (_label, name) => {
    const found = recognise(sqsArn(name));
    expect(found?.type.id).toBe('sqs:queue');
    expect(found?.type.namespace).toBe('AWS/SQS');
    expect(found?.recognition).toEqual({ kind: 'resource', name, dimensions: [{ name: 'QueueName', value: name }] });
  });

  it.each([
    ['an 81-character name', 'q'.repeat(81)],
    ['an 81-character FIFO name', `${'q'.repeat(76)}.fifo`],
    ['a dot that is not .fifo', 'my.queue'],
    ['only .fifo', '.fifo'],
    ['a dollar sign', 'my$queue'],
    ['a slash', 'my/queue'],
    ['a colon', 'my:queue'],
    ['a non-ASCII letter', 'queué'],
  ])('does not recognise %s', (_label, name) => {
    expect(recognise(sqsArn(name))).toBeUndefined();
  });
});

describe('dynamodb:table', () => {
  it.each([
    ['a table', 'orders'],
    ['dots and underscores', 'my.table_v2'],
    ['dashes', 'my-table'],
    ['a 3-character name', 'abc'],
    ['a 255-character name', 't'.repeat(255)],
  ])('recognises %s with TableName', (_label, name) => {
    const found = recognise(ddbArn(`table/${name}`));
    expect(found?.type.id).toBe('dynamodb:table');
    expect(found?.type.namespace).toBe('AWS/DynamoDB');
    expect(found?.recognition).toEqual({ kind: 'resource', name, dimensions: [{ name: 'TableName', value: name }] });
  });

  it.each([
    ['index', 'table/orders/index/by-customer', 'dynamodb:table-index'],
    ['stream', 'table/orders/stream/2024-01-01T00:00:00.000', 'dynamodb:table-stream'],
    ['backup', 'table/orders/backup/01700000000000-abcdef12', 'dynamodb:table-backup'],
    ['export', 'table/orders/export/01700000000000-abcdef12', 'dynamodb:table-export'],
  ])('reports a table %s ARN as unsupported with a reason', (kind, resource, type) => {
    const found = recognise(ddbArn(resource));
    expect(found?.type.id).toBe('dynamodb:table');
    expect(found?.recognition).toEqual({
      kind: 'unsupported',
      type,
      reason: expect.stringContaining(`table ${kind} ARN`) as unknown as string,
    });
  });

  it.each([
    ['a 2-character name', 'table/ab'],
    ['a 256-character name', `table/${'t'.repeat(256)}`],
    ['a name with a space-free invalid character', 'table/my$table'],
    ['a table without a name', 'table/'],
    ['an unknown sub-resource', 'table/orders/replica/x'],
    ['a global table', 'global-table/orders'],
  ])('does not recognise %s', (_label, resource) => {
    expect(recognise(ddbArn(resource))).toBeUndefined();
  });
});
