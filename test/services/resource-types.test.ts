import { describe, expect, it } from 'vitest';
import { parseArn } from '../../src/services/arn.js';
import { describeUnknownArn, hintTags, RESOURCE_TYPES, recogniseArn, resourceType } from '../../src/services/registry.js';
import type { Recognition } from '../../src/services/registry.js';
import { dims, SAMPLES } from '../fixtures/inputs/resource-samples.js';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const arnOf = (service: string, resource: string, region = REGION, account = ACCOUNT) => `arn:aws:${service}:${region}:${account}:${resource}`;
const lambdaArn = (resource: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:${resource}`;
const sqsArn = (name: string) => `arn:aws:sqs:eu-west-1:${ACCOUNT}:${name}`;
const ddbArn = (resource: string) => `arn:aws:dynamodb:eu-central-1:${ACCOUNT}:${resource}`;
const apigwArn = (resource: string) => `arn:aws:apigateway:${REGION}::${resource}`;
const elbArn = (resource: string) => arnOf('elasticloadbalancing', resource);

const LB_ID = '0123456789abcdef';
const TG = elbArn('targetgroup/web-tg/fedcba9876543210');
const API_NAME_TAG = 'obsgen:api-name';
const LB_TAG = 'obsgen:load-balancer';
const S3_FILTER_TAG = 'obsgen:s3-request-metrics-filter';

/** Tag values meant to break out of templates, names and dimension values. */
const HOSTILE = ['"quoted"', "it's", '${var.x}', '${aws:username}', 'a\nb', 'line\r\n', '{{evil}}', '%{x}', '\\', ' ', '`cmd`', 'x"}]\n- y'];

const tagMap = (tags: Record<string, string> = {}) => new Map(Object.entries(tags));

function recognise(text: string, tags: Record<string, string> = {}) {
  const arn = parseArn(text);
  if (!arn) throw new Error(`test ARN does not parse: ${text}`);
  return recogniseArn(arn, tagMap(tags));
}

/** The recognition, which must be a resource of type `id`. */
function resourceOf(id: string, text: string, tags: Record<string, string> = {}): Extract<Recognition, { kind: 'resource' }> {
  const found = recognise(text, tags);
  expect(found?.type.id, text).toBe(id);
  const r = found!.recognition;
  if (r.kind !== 'resource') throw new Error(`expected a resource, got ${JSON.stringify(r)}`);
  return r;
}

/** The recognition, which must be `unsupported`. */
function unsupportedOf(text: string, tags: Record<string, string> = {}): { type: string; reason: string } {
  const r = recognise(text, tags)?.recognition;
  if (r?.kind !== 'unsupported') throw new Error(`expected unsupported for ${text}, got ${JSON.stringify(r)}`);
  return { type: r.type, reason: r.reason };
}

describe('RESOURCE_TYPES registry', () => {
  it('has unique ids', () => {
    const ids = RESOURCE_TYPES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(RESOURCE_TYPES.map((t) => [t.id, t] as const))('%s has an AWS/ namespace, a label, a tagging filter of its service and a lookup by id', (id, type) => {
    expect(type.namespace).toMatch(/^AWS\/[A-Za-z0-9]+$/);
    expect(type.label.length).toBeGreaterThan(0);
    expect(type.service).toMatch(/^[a-z0-9-]+$/);
    expect(type.taggingFilter === type.service || type.taggingFilter.startsWith(`${type.service}:`)).toBe(true);
    expect(resourceType(id)).toBe(type);
    for (const h of type.hintTags ?? []) {
      expect(h.tag).toMatch(/^obsgen:[a-z0-9-]+$/);
      expect(h.description.length).toBeGreaterThan(0);
    }
  });

  it('has a sample ARN for every registered type (each service folder gives one per type)', () => {
    const missing = RESOURCE_TYPES.map((t) => t.id).filter((id) => !Object.hasOwn(SAMPLES, id));
    expect(missing).toEqual([]);
  });

  it('has no sample for a type that is not registered', () => {
    const registered = new Set(RESOURCE_TYPES.map((t) => t.id));
    expect(Object.keys(SAMPLES).filter((id) => !registered.has(id))).toEqual([]);
  });

  it.each(RESOURCE_TYPES.map((t) => [t.id, t] as const))('%s recognises its sample ARN exactly', (id, type) => {
    const sample = SAMPLES[id];
    expect(sample, `no sample ARN for ${id}`).toBeDefined();
    const found = recognise(sample!.arn, sample!.tags);
    expect(found?.type).toBe(type);
    expect(found?.recognition).toEqual({ kind: 'resource', name: sample!.name, dimensions: sample!.dimensions, ...sample!.extra });
    expect(type.namespace).toBe(sample!.namespace);
    expect(parseArn(sample!.arn)?.service).toBe(type.service);
  });

  it.each(RESOURCE_TYPES.map((t) => [t.id, t] as const))('%s sample is recognised by no other type of its service (registry order does not matter)', (id, type) => {
    const sample = SAMPLES[id]!;
    const arn = parseArn(sample.arn)!;
    for (const other of RESOURCE_TYPES.filter((t) => t.service === type.service && t !== type)) {
      expect(other.recognise(arn, tagMap(sample.tags)), `${other.id} on ${sample.arn}`).toBeUndefined();
    }
  });

  it.each(RESOURCE_TYPES.map((t) => [t.id] as const))('%s sample: hint tags of other types, with hostile values, change nothing', (id) => {
    const sample = SAMPLES[id]!;
    const own = new Set((resourceType(id)!.hintTags ?? []).map((h) => h.tag));
    for (const value of HOSTILE) {
      const tags = { ...sample.tags };
      for (const h of hintTags()) if (!own.has(h.tag)) tags[h.tag] = value;
      expect(recognise(sample.arn, tags)?.recognition).toEqual({ kind: 'resource', name: sample.name, dimensions: sample.dimensions, ...sample.extra });
    }
  });

  it('does not know a type id that is not registered', () => {
    expect(resourceType('ec2:volume')).toBeUndefined();
    expect(resourceType('lambda:layer')).toBeUndefined();
    expect(resourceType('__proto__')).toBeUndefined();
    expect(resourceType('constructor')).toBeUndefined();
  });

  it('does not recognise services without a type module', () => {
    expect(recognise(`arn:aws:iam::${ACCOUNT}:role/deployer`)).toBeUndefined();
    expect(recognise(`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/checkout`)).toBeUndefined();
    expect(recognise(`arn:aws:ecr:us-east-1:${ACCOUNT}:repository/web`)).toBeUndefined();
    expect(recognise(`arn:aws:constructor:us-east-1:${ACCOUNT}:x`)).toBeUndefined();
    // Not a parseable ARN, but the lookup by service must not reach Object.prototype either.
    for (const service of ['__proto__', 'toString', 'hasOwnProperty']) {
      expect(recogniseArn({ partition: 'aws', service, region: 'us-east-1', account: ACCOUNT, resource: 'x' }, new Map())).toBeUndefined();
    }
  });

  it('does not recognise other resource types of supported services', () => {
    expect(recognise(arnOf('ec2', 'volume/vol-0123456789abcdef0'))).toBeUndefined();
    expect(recognise(arnOf('ec2', 'security-group/sg-0123456789abcdef0'))).toBeUndefined();
    expect(recognise(lambdaArn('layer:my-layer:3'))).toBeUndefined();
    expect(recognise(arnOf('rds', 'snapshot:nightly'))).toBeUndefined();
    expect(recognise(arnOf('ecs', 'cluster/prod'))).toBeUndefined();
    expect(recognise(arnOf('ecs', 'task-definition/web:3'))).toBeUndefined();
    expect(recognise(arnOf('events', 'event-bus/orders'))).toBeUndefined();
    expect(recognise(apigwArn('/domainnames/api.example.com'))).toBeUndefined();
    expect(recognise(arnOf('s3', 'accesspoint/uploads'))).toBeUndefined();
  });

  it('describes unknown ARNs as service:resource-type', () => {
    expect(describeUnknownArn(parseArn(`arn:aws:ec2:us-east-1:${ACCOUNT}:volume/vol-0123`)!)).toBe('ec2:volume');
    expect(describeUnknownArn(parseArn(`arn:aws:lambda:us-east-1:${ACCOUNT}:layer:my-layer:3`)!)).toBe('lambda:layer');
    expect(describeUnknownArn(parseArn(`arn:aws:iam::${ACCOUNT}:role/deployer`)!)).toBe('iam:role');
    expect(describeUnknownArn(parseArn('arn:aws:s3:::my-bucket')!)).toBe('s3');
    expect(describeUnknownArn(parseArn(apigwArn('/domainnames/x'))!)).toBe('apigateway');
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

  // Index ARNs are no longer unsupported: they are dynamodb:index (below).
  it.each([
    ['stream', 'table/orders/stream/2024-01-01T00:00:00.000', 'dynamodb:table-stream'],
    ['backup', 'table/orders/backup/01700000000000-abcdef12', 'dynamodb:table-backup'],
    ['export', 'table/orders/export/01700000000000-abcdef12', 'dynamodb:table-export'],
    ['import', 'table/orders/import/01700000000000-abcdef12', 'dynamodb:table-import'],
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

describe('dynamodb:index', () => {
  it.each([
    ['a GSI', 'orders', 'by-customer'],
    ['dots and underscores', 'my.table_v2', 'gsi.1_a'],
    ['255-character names', 't'.repeat(255), 'i'.repeat(255)],
  ])('recognises %s with TableName and GlobalSecondaryIndexName', (_label, table, index) => {
    const r = resourceOf('dynamodb:index', ddbArn(`table/${table}/index/${index}`));
    expect(r).toEqual({
      kind: 'resource',
      name: `${table}/${index}`,
      dimensions: dims(['TableName', table], ['GlobalSecondaryIndexName', index]),
      attributes: { table, index },
    });
  });

  it.each([
    ['a 2-character index name', 'table/orders/index/ab'],
    ['a 256-character index name', `table/orders/index/${'i'.repeat(256)}`],
    ['an index name with a slash', 'table/orders/index/a/b'],
    ['an empty index name', 'table/orders/index/'],
  ])('does not recognise %s', (_label, resource) => {
    expect(recognise(ddbArn(resource))).toBeUndefined();
  });
});

describe('apigateway:rest-stage', () => {
  const STAGE = apigwArn('/restapis/a1b2c3d4e5/stages/prod');

  it('recognises a stage tagged with the API name: ApiName and Stage, with id and stage as attributes', () => {
    expect(resourceOf('apigateway:rest-stage', STAGE, { [API_NAME_TAG]: 'Orders API' })).toEqual({
      kind: 'resource',
      name: 'Orders API/prod',
      dimensions: dims(['ApiName', 'Orders API'], ['Stage', 'prod']),
      attributes: { apiId: 'a1b2c3d4e5', stage: 'prod', apiName: 'Orders API' },
    });
  });

  it('recognises stage names of 128 characters with underscores and dashes', () => {
    const stage = `v_1-${'s'.repeat(124)}`;
    const r = resourceOf('apigateway:rest-stage', apigwArn(`/restapis/a1b2c3d4e5/stages/${stage}`), { [API_NAME_TAG]: 'api' });
    expect(r.dimensions).toEqual(dims(['ApiName', 'api'], ['Stage', stage]));
  });

  it.each([
    ['no tag', {}],
    ['an empty tag', { [API_NAME_TAG]: '' }],
  ])('reports a stage with %s as unsupported, naming the tag', (_label, tags) => {
    const u = unsupportedOf(STAGE, tags);
    expect(u.type).toBe('apigateway:rest-stage');
    expect(u.reason).toContain(API_NAME_TAG);
  });

  it.each([
    ['the REST API itself', '/restapis/a1b2c3d4e5'],
    ['a resource of it', '/restapis/a1b2c3d4e5/resources/abc123'],
    ['a deployment', '/restapis/a1b2c3d4e5/deployments/xyz789'],
    ['a stage with an invalid name', '/restapis/a1b2c3d4e5/stages/pr.od'],
    ['a stage of an invalid API id', '/restapis/ABC/stages/prod'],
  ])('reports %s as unsupported apigateway:restapis', (_label, resource) => {
    const u = unsupportedOf(apigwArn(resource), { [API_NAME_TAG]: 'api' });
    expect(u.type).toBe('apigateway:restapis');
    expect(u.reason).toMatch(/stage/);
  });

  it('keeps the ARN-derived Stage and id whatever the API name tag holds', () => {
    for (const value of HOSTILE) {
      const r = recognise(STAGE, { [API_NAME_TAG]: value })?.recognition;
      if (r?.kind !== 'resource') continue;
      expect(r.dimensions.map((d) => d.name)).toEqual(['ApiName', 'Stage']);
      expect(r.dimensions[1]).toEqual({ name: 'Stage', value: 'prod' });
      expect(r.attributes).toMatchObject({ apiId: 'a1b2c3d4e5', stage: 'prod' });
    }
  });
});

describe('apigateway:api', () => {
  it('recognises an HTTP or WebSocket API by ApiId', () => {
    expect(resourceOf('apigateway:api', apigwArn('/apis/a1b2c3d4e5'))).toEqual({
      kind: 'resource',
      name: 'a1b2c3d4e5',
      dimensions: dims(['ApiId', 'a1b2c3d4e5']),
      attributes: { apiId: 'a1b2c3d4e5' },
    });
  });

  it.each([
    ['a stage', '/apis/a1b2c3d4e5/stages/$default'],
    ['a named stage', '/apis/a1b2c3d4e5/stages/prod'],
    ['a route', '/apis/a1b2c3d4e5/routes/r1s2t3'],
    ['an integration', '/apis/a1b2c3d4e5/integrations/i1j2k3'],
    ['an invalid id', '/apis/A1B2'],
  ])('reports %s of an HTTP API as unsupported apigateway:apis', (_label, resource) => {
    const u = unsupportedOf(apigwArn(resource));
    expect(u.type).toBe('apigateway:apis');
    expect(u.reason).toMatch(/API itself/);
  });
});

describe('elasticloadbalancing: load balancers', () => {
  it('recognises an ALB: LoadBalancer = app/<name>/<id>, namespace AWS/ApplicationELB', () => {
    const found = recognise(elbArn(`loadbalancer/app/my-alb-1/${LB_ID}`));
    expect(found?.type.id).toBe('elasticloadbalancing:alb');
    expect(found?.type.namespace).toBe('AWS/ApplicationELB');
    expect(found?.recognition).toEqual({ kind: 'resource', name: 'my-alb-1', dimensions: dims(['LoadBalancer', `app/my-alb-1/${LB_ID}`]) });
  });

  it('recognises an NLB: LoadBalancer = net/<name>/<id>, namespace AWS/NetworkELB', () => {
    const found = recognise(elbArn(`loadbalancer/net/my-nlb/${LB_ID}`));
    expect(found?.type.id).toBe('elasticloadbalancing:nlb');
    expect(found?.type.namespace).toBe('AWS/NetworkELB');
    expect(found?.recognition).toEqual({ kind: 'resource', name: 'my-nlb', dimensions: dims(['LoadBalancer', `net/my-nlb/${LB_ID}`]) });
  });

  it('accepts a 32-character name', () => {
    const name = 'n'.repeat(32);
    expect(resourceOf('elasticloadbalancing:alb', elbArn(`loadbalancer/app/${name}/${LB_ID}`)).name).toBe(name);
  });

  it('reports a Gateway Load Balancer as unsupported', () => {
    expect(unsupportedOf(elbArn(`loadbalancer/gwy/my-gwlb/${LB_ID}`))).toEqual({
      type: 'elasticloadbalancing:gateway',
      reason: expect.stringMatching(/Gateway Load Balancer/) as unknown as string,
    });
  });

  it.each([
    ['a Classic Load Balancer', 'loadbalancer/my-classic'],
    ['a 33-character name', `loadbalancer/app/${'n'.repeat(33)}/${LB_ID}`],
    ['an id of 15 hex digits', 'loadbalancer/app/web/0123456789abcde'],
    ['an upper-case id', 'loadbalancer/app/web/0123456789ABCDEF'],
    ['an unknown kind', `loadbalancer/xyz/web/${LB_ID}`],
    ['a listener', `listener/app/web/${LB_ID}/fedcba9876543210`],
  ])('does not recognise %s', (_label, resource) => {
    expect(recognise(elbArn(resource))).toBeUndefined();
  });
});

describe('elasticloadbalancing:targetgroup', () => {
  const TG_DIM = { name: 'TargetGroup', value: 'targetgroup/web-tg/fedcba9876543210' };

  it.each([
    ['an ALB ARN', elbArn(`loadbalancer/app/web/${LB_ID}`), `app/web/${LB_ID}`, 'AWS/ApplicationELB', 'application'],
    ['an NLB ARN', elbArn(`loadbalancer/net/edge/${LB_ID}`), `net/edge/${LB_ID}`, 'AWS/NetworkELB', 'network'],
    ['app/<name>/<id>', `app/web/${LB_ID}`, `app/web/${LB_ID}`, 'AWS/ApplicationELB', 'application'],
    ['net/<name>/<id>', `net/edge/${LB_ID}`, `net/edge/${LB_ID}`, 'AWS/NetworkELB', 'network'],
  ])('takes its load balancer from the tag given as %s; the namespace follows its type', (_label, tag, lb, namespace, kind) => {
    expect(resourceOf('elasticloadbalancing:targetgroup', TG, { [LB_TAG]: tag })).toEqual({
      kind: 'resource',
      name: 'web-tg',
      dimensions: [TG_DIM, { name: 'LoadBalancer', value: lb }],
      namespace,
      attributes: { loadBalancerType: kind },
    });
  });

  it.each([
    ['no tag', {}],
    ['an empty tag', { [LB_TAG]: '' }],
    ['a Gateway Load Balancer', { [LB_TAG]: elbArn(`loadbalancer/gwy/gw/${LB_ID}`) }],
    ['a target group ARN', { [LB_TAG]: TG }],
    ['a load balancer name only', { [LB_TAG]: 'web' }],
    ['an upper-case id', { [LB_TAG]: 'app/web/0123456789ABCDEF' }],
  ])('reports a target group with %s as unsupported, naming the tag', (_label, tags) => {
    const u = unsupportedOf(TG, tags);
    expect(u.type).toBe('elasticloadbalancing:targetgroup');
    expect(u.reason).toContain(LB_TAG);
  });

  it.each(HOSTILE.map((v) => [JSON.stringify(v), v]))('reports the hostile tag value %s as unsupported, not a dimension', (_label, value) => {
    expect(unsupportedOf(TG, { [LB_TAG]: value }).type).toBe('elasticloadbalancing:targetgroup');
  });

  it.each([
    ['a trailing newline', `app/web/${LB_ID}\n`],
    ['a trailing quote', `app/web/${LB_ID}"`],
    ['a leading space', ` app/web/${LB_ID}`],
    ['an interpolation around it', `\${app/web/${LB_ID}}`],
    ['a suffix after it', `app/web/${LB_ID}/x`],
  ])('reports a load balancer tag with %s as unsupported, not a dimension', (_label, value) => {
    const u = unsupportedOf(TG, { [LB_TAG]: value });
    expect(u.type).toBe('elasticloadbalancing:targetgroup');
    expect(u.reason).toContain(LB_TAG);
  });

  it('reports a tag that only ends like a load balancer ARN as unsupported (the whole value must be the ARN)', () => {
    const bogus = [
      `evil"\n\${x}:loadbalancer/app/web/${LB_ID}`,
      `not-an-arn:loadbalancer/app/web/${LB_ID}`,
      arnOf('ec2', `loadbalancer/app/web/${LB_ID}`),
    ];
    const accepted = bogus.filter((value) => recognise(TG, { [LB_TAG]: value })?.recognition.kind !== 'unsupported');
    expect(accepted).toEqual([]);
  });

  it.each([
    ['a 33-character name', `targetgroup/${'t'.repeat(33)}/fedcba9876543210`],
    ['a missing id', 'targetgroup/web-tg'],
  ])('does not recognise %s', (_label, resource) => {
    expect(recognise(elbArn(resource), { [LB_TAG]: `app/web/${LB_ID}` })).toBeUndefined();
  });
});

describe('rds:db and rds:cluster', () => {
  it('recognises a DB instance by DBInstanceIdentifier', () => {
    expect(resourceOf('rds:db', arnOf('rds', 'db:orders-1'))).toEqual({ kind: 'resource', name: 'orders-1', dimensions: dims(['DBInstanceIdentifier', 'orders-1']) });
  });

  it('recognises an Aurora cluster by DBClusterIdentifier', () => {
    expect(resourceOf('rds:cluster', arnOf('rds', 'cluster:orders'))).toEqual({ kind: 'resource', name: 'orders', dimensions: dims(['DBClusterIdentifier', 'orders']) });
  });

  it('accepts 63-character identifiers', () => {
    const id = `a${'1'.repeat(62)}`;
    expect(resourceOf('rds:db', arnOf('rds', `db:${id}`)).name).toBe(id);
    expect(resourceOf('rds:cluster', arnOf('rds', `cluster:${id}`)).name).toBe(id);
  });

  it.each([
    ['a 64-character identifier', `db:a${'1'.repeat(63)}`],
    ['an identifier starting with a digit', 'db:1orders'],
    ['an underscore', 'db:orders_1'],
    ['a snapshot', 'snapshot:rds:orders-2024-01-01'],
    ['a cluster snapshot', 'cluster-snapshot:nightly'],
    ['a parameter group', 'pg:custom-mysql'],
    ['a proxy', 'db-proxy:prx-0123456789abcdef0'],
  ])('does not recognise %s', (_label, resource) => {
    expect(recognise(arnOf('rds', resource))).toBeUndefined();
  });
});

describe('ecs:service', () => {
  it('recognises a long-format service ARN by ClusterName and ServiceName', () => {
    expect(resourceOf('ecs:service', arnOf('ecs', 'service/prod/web-api_2'))).toEqual({
      kind: 'resource',
      name: 'prod/web-api_2',
      dimensions: dims(['ClusterName', 'prod'], ['ServiceName', 'web-api_2']),
      attributes: { cluster: 'prod', service: 'web-api_2' },
    });
  });

  it('reports an old-format service ARN (no cluster) as unsupported with a reason', () => {
    const u = unsupportedOf(arnOf('ecs', 'service/web-api'));
    expect(u.type).toBe('ecs:service');
    expect(u.reason).toMatch(/old format/);
    expect(u.reason).toMatch(/cluster/);
  });

  it.each([
    ['a task', 'task/prod/0123456789abcdef0123456789abcdef'],
    ['a cluster', 'cluster/prod'],
    ['a service with a dot', 'service/prod/web.api'],
    ['three segments', 'service/prod/web/x'],
  ])('does not recognise %s', (_label, resource) => {
    expect(recognise(arnOf('ecs', resource))).toBeUndefined();
  });
});

describe('ec2:instance', () => {
  it.each([
    ['a 17-hex id', 'i-0123456789abcdef0'],
    ['an 8-hex id', 'i-0123abcd'],
  ])('recognises an instance with %s by InstanceId', (_label, id) => {
    expect(resourceOf('ec2:instance', arnOf('ec2', `instance/${id}`))).toEqual({ kind: 'resource', name: id, dimensions: dims(['InstanceId', id]) });
  });

  it.each([
    ['9 hex digits', 'instance/i-0123abcde'],
    ['16 hex digits', 'instance/i-0123456789abcdef'],
    ['18 hex digits', 'instance/i-0123456789abcdef01'],
    ['upper-case hex', 'instance/i-0123ABCD'],
    ['no i- prefix', 'instance/0123abcd'],
    ['a volume', 'volume/vol-0123456789abcdef0'],
  ])('does not recognise %s', (_label, resource) => {
    expect(recognise(arnOf('ec2', resource))).toBeUndefined();
  });
});

describe('sns:topic', () => {
  it.each([
    ['a standard topic', 'alerts'],
    ['a FIFO topic', 'orders.fifo'],
    ['a 256-character topic', 't'.repeat(256)],
    ['a 256-character FIFO topic', `${'t'.repeat(251)}.fifo`],
  ])('recognises %s by TopicName', (_label, name) => {
    expect(resourceOf('sns:topic', arnOf('sns', name))).toEqual({ kind: 'resource', name, dimensions: dims(['TopicName', name]) });
  });

  it.each([
    ['a subscription', 'alerts:0b2d3c4e-1111-2222-3333-444455556666'],
    ['a FIFO topic subscription', 'orders.fifo:0b2d3c4e-1111-2222-3333-444455556666'],
  ])('reports %s as unsupported', (_label, resource) => {
    expect(unsupportedOf(arnOf('sns', resource))).toEqual({ type: 'sns:subscription', reason: expect.stringMatching(/subscription/) as unknown as string });
  });

  it.each([
    ['a 257-character name', 't'.repeat(257)],
    ['a dot that is not .fifo', 'my.topic'],
  ])('does not recognise %s', (_label, name) => {
    expect(recognise(arnOf('sns', name))).toBeUndefined();
  });
});

describe('states:stateMachine', () => {
  it('recognises a state machine; its StateMachineArn dimension is the full ARN', () => {
    const arn = arnOf('states', 'stateMachine:order_flow-2');
    expect(resourceOf('states:stateMachine', arn)).toEqual({ kind: 'resource', name: 'order_flow-2', dimensions: dims(['StateMachineArn', arn]) });
  });

  it('keeps the partition in the StateMachineArn dimension', () => {
    const arn = `arn:aws-cn:states:cn-north-1:${ACCOUNT}:stateMachine:flow`;
    expect(resourceOf('states:stateMachine', arn).dimensions).toEqual(dims(['StateMachineArn', arn]));
  });

  it.each([
    ['a version', 'stateMachine:flow:1'],
    ['an alias', 'stateMachine:flow:prod'],
    ['an execution', 'execution:flow:0b2d3c4e-1111-2222-3333-444455556666'],
    ['an express execution', 'express:flow:exec-1:0b2d3c4e'],
    ['an activity', 'activity:approve'],
  ])('reports %s as unsupported', (_label, resource) => {
    const u = unsupportedOf(arnOf('states', resource));
    expect(u.type).toBe('states:other');
    expect(u.reason).toMatch(/state machine/);
  });

  it('does not recognise a map run', () => {
    expect(recognise(arnOf('states', 'mapRun:flow/run:1'))).toBeUndefined();
  });
});

describe('kinesis:stream', () => {
  it.each([
    ['a stream', 'clicks'],
    ['dots, dashes and underscores', 'a.b_c-d'],
    ['a 128-character name', 's'.repeat(128)],
  ])('recognises %s by StreamName', (_label, name) => {
    expect(resourceOf('kinesis:stream', arnOf('kinesis', `stream/${name}`))).toEqual({ kind: 'resource', name, dimensions: dims(['StreamName', name]) });
  });

  it.each([
    ['a 129-character name', `stream/${'s'.repeat(129)}`],
    ['an empty name', 'stream/'],
    ['a consumer', 'stream/clicks/consumer/app:1700000000'],
  ])('does not recognise %s', (_label, resource) => {
    expect(recognise(arnOf('kinesis', resource))).toBeUndefined();
  });
});

describe('elasticache:cluster', () => {
  it.each([
    ['a Memcached cluster', 'sessions'],
    ['a replication group member', 'sessions-rg-001'],
    ['a 50-character id', `c${'0'.repeat(49)}`],
  ])('recognises %s by CacheClusterId', (_label, id) => {
    expect(resourceOf('elasticache:cluster', arnOf('elasticache', `cluster:${id}`))).toEqual({ kind: 'resource', name: id, dimensions: dims(['CacheClusterId', id]) });
  });

  it('reports a replication group as unsupported: its member clusters are monitored', () => {
    const u = unsupportedOf(arnOf('elasticache', 'replicationgroup:sessions-rg'));
    expect(u.type).toBe('elasticache:replicationgroup');
    expect(u.reason).toMatch(/member cluster/);
  });

  it.each([
    ['a 51-character id', `cluster:c${'0'.repeat(50)}`],
    ['an id starting with a digit', 'cluster:1cache'],
    ['a snapshot', 'snapshot:nightly'],
    ['a serverless cache', 'serverlesscache:sessions'],
  ])('does not recognise %s', (_label, resource) => {
    expect(recognise(arnOf('elasticache', resource))).toBeUndefined();
  });
});

describe('cloudfront:distribution', () => {
  it('recognises a distribution: metrics in us-east-1 under Region=Global', () => {
    const found = recognise(`arn:aws:cloudfront::${ACCOUNT}:distribution/EDFDVBD6EXAMPLE`);
    expect(found?.type.namespace).toBe('AWS/CloudFront');
    expect(found?.recognition).toEqual({
      kind: 'resource',
      name: 'EDFDVBD6EXAMPLE',
      dimensions: dims(['DistributionId', 'EDFDVBD6EXAMPLE'], ['Region', 'Global']),
      region: 'us-east-1',
    });
  });

  it.each([
    ['a lower-case id', 'distribution/edfdvbd6example'],
    ['a 9-character id', 'distribution/E12345678'],
    ['a streaming distribution', 'streaming-distribution/EDFDVBD6EXAMPLE'],
    ['a function', 'function/rewrite'],
  ])('does not recognise %s', (_label, resource) => {
    expect(recognise(`arn:aws:cloudfront::${ACCOUNT}:${resource}`)).toBeUndefined();
  });
});

describe('events:rule', () => {
  it('recognises a rule on the default bus by RuleName', () => {
    expect(resourceOf('events:rule', arnOf('events', 'rule/nightly.report_1'))).toEqual({ kind: 'resource', name: 'nightly.report_1', dimensions: dims(['RuleName', 'nightly.report_1']) });
  });

  it('treats a rule on the bus named default like one on the default bus', () => {
    expect(resourceOf('events:rule', arnOf('events', 'rule/default/nightly'))).toEqual({ kind: 'resource', name: 'nightly', dimensions: dims(['RuleName', 'nightly']) });
  });

  it('recognises a rule on a custom bus by EventBusName and RuleName', () => {
    expect(resourceOf('events:rule', arnOf('events', 'rule/orders-bus/order-placed'))).toEqual({
      kind: 'resource',
      name: 'orders-bus/order-placed',
      dimensions: dims(['EventBusName', 'orders-bus'], ['RuleName', 'order-placed']),
    });
  });

  it('recognises a rule on a partner bus, whose name has slashes', () => {
    const bus = 'aws.partner/example.com/123/events';
    expect(resourceOf('events:rule', arnOf('events', `rule/${bus}/sync`)).dimensions).toEqual(dims(['EventBusName', bus], ['RuleName', 'sync']));
  });

  it.each([
    ['a 65-character rule name', `rule/${'r'.repeat(65)}`],
    ['an empty rule name', 'rule/'],
    ['an event bus', 'event-bus/orders-bus'],
    ['an archive', 'archive/orders'],
  ])('does not recognise %s', (_label, resource) => {
    expect(recognise(arnOf('events', resource))).toBeUndefined();
  });
});

describe('s3:bucket', () => {
  it.each([
    ['a bucket', 'my-bucket'],
    ['dots', 'assets.example.com'],
    ['a 3-character name', 'abc'],
    ['a 63-character name', `b${'0'.repeat(61)}b`],
  ])('recognises %s by BucketName, with the EntireBucket request metrics filter by default', (_label, name) => {
    expect(resourceOf('s3:bucket', `arn:aws:s3:::${name}`)).toEqual({
      kind: 'resource',
      name,
      dimensions: dims(['BucketName', name]),
      attributes: { requestMetricsFilter: 'EntireBucket' },
    });
  });

  it('takes the request metrics filter from its tag', () => {
    expect(resourceOf('s3:bucket', 'arn:aws:s3:::my-bucket', { [S3_FILTER_TAG]: 'all-requests_v2.1' }).attributes).toEqual({ requestMetricsFilter: 'all-requests_v2.1' });
  });

  it('uses EntireBucket when the filter tag is empty', () => {
    expect(resourceOf('s3:bucket', 'arn:aws:s3:::my-bucket', { [S3_FILTER_TAG]: '' }).attributes).toEqual({ requestMetricsFilter: 'EntireBucket' });
  });

  it('never passes a hostile filter tag on as a filter id, nor lets it touch BucketName', () => {
    // A metrics configuration id is at most 64 of letters, digits, `.`, `-` and `_`.
    const passedOn: string[] = [];
    for (const value of [...HOSTILE, 'f'.repeat(65)]) {
      const r = recognise('arn:aws:s3:::my-bucket', { [S3_FILTER_TAG]: value })?.recognition;
      if (r?.kind !== 'resource') continue;
      expect(r.dimensions).toEqual(dims(['BucketName', 'my-bucket']));
      const filter = r.attributes?.['requestMetricsFilter'] ?? '';
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(filter)) passedOn.push(filter);
    }
    expect(passedOn).toEqual([]);
  });

  it.each([
    ['a 2-character name', 'ab'],
    ['a 64-character name', 'b'.repeat(64)],
    ['upper case', 'My-Bucket'],
    ['an object', 'my-bucket/key.txt'],
    ['a leading dash', '-bucket'],
  ])('does not recognise %s', (_label, resource) => {
    expect(recognise(`arn:aws:s3:::${resource}`)).toBeUndefined();
  });
});

describe('es:domain', () => {
  it('recognises an OpenSearch domain by DomainName and ClientId, the account id', () => {
    const other = '210987654321';
    expect(resourceOf('es:domain', arnOf('es', 'domain/search-logs', REGION, other))).toEqual({
      kind: 'resource',
      name: 'search-logs',
      dimensions: dims(['DomainName', 'search-logs'], ['ClientId', other]),
    });
  });

  it('accepts 3- and 28-character names', () => {
    expect(resourceOf('es:domain', arnOf('es', 'domain/abc')).name).toBe('abc');
    expect(resourceOf('es:domain', arnOf('es', `domain/d${'0'.repeat(27)}`)).name).toBe(`d${'0'.repeat(27)}`);
  });

  it.each([
    ['a 2-character name', 'domain/ab'],
    ['a 29-character name', `domain/d${'0'.repeat(28)}`],
    ['upper case', 'domain/Search'],
    ['a name starting with a digit', 'domain/1search'],
    ['a sub-resource', 'domain/search-logs/index'],
  ])('does not recognise %s', (_label, resource) => {
    expect(recognise(arnOf('es', resource))).toBeUndefined();
  });
});
