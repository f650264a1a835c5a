/**
 * How to make a realistic ARN (and the hint tags it needs) for every supported resource type,
 * from an account, a region and a unique name. Used by the synthetic estate generator and by
 * tests that need one resource of every type.
 */
export interface Made {
  arn: string;
  tags?: Record<string, string>;
}

const hex = (name: string, length: number) => {
  let h = 0x811c9dc5;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return (h.toString(16).padStart(8, '0').repeat(Math.ceil(length / 8)) + '0'.repeat(length)).slice(0, length);
};
// Names end with a unique serial; cutting one to a service's length limit keeps that tail so
// that cut names stay unique.
const fit = (name: string, max: number) => (name.length <= max ? name : `${name.slice(0, max - 6)}${name.slice(-6)}`);
const lower = (name: string, max: number) => fit(name.toLowerCase().replace(/[^a-z0-9-]/g, '-'), max).replace(/-+$/, '').replace(/--+/g, '-') || 'x';

export const ARN_MAKERS: Record<string, (account: string, region: string, name: string) => Made> = {
  'lambda:function': (a, r, n) => ({ arn: `arn:aws:lambda:${r}:${a}:function:${fit(n, 64)}` }),
  'sqs:queue': (a, r, n) => ({ arn: `arn:aws:sqs:${r}:${a}:${fit(n, 80)}` }),
  'dynamodb:table': (a, r, n) => ({ arn: `arn:aws:dynamodb:${r}:${a}:table/${n}` }),
  'dynamodb:index': (a, r, n) => ({ arn: `arn:aws:dynamodb:${r}:${a}:table/${n}/index/by-customer` }),
  'apigateway:rest-stage': (_a, r, n) => ({ arn: `arn:aws:apigateway:${r}::/restapis/${hex(n, 10)}/stages/prod`, tags: { 'obsgen:api-name': n } }),
  'apigateway:api': (_a, r, n) => ({ arn: `arn:aws:apigateway:${r}::/apis/${hex(n, 10)}` }),
  'elasticloadbalancing:alb': (a, r, n) => ({ arn: `arn:aws:elasticloadbalancing:${r}:${a}:loadbalancer/app/${lower(n, 32)}/${hex(n, 16)}` }),
  'elasticloadbalancing:nlb': (a, r, n) => ({ arn: `arn:aws:elasticloadbalancing:${r}:${a}:loadbalancer/net/${lower(n, 32)}/${hex(n, 16)}` }),
  'elasticloadbalancing:targetgroup': (a, r, n) => ({
    arn: `arn:aws:elasticloadbalancing:${r}:${a}:targetgroup/${lower(n, 32)}/${hex(n, 16)}`,
    tags: { 'obsgen:load-balancer': `arn:aws:elasticloadbalancing:${r}:${a}:loadbalancer/app/${lower(`lb-${n}`, 32)}/${hex(`lb-${n}`, 16)}` },
  }),
  'rds:db': (a, r, n) => ({ arn: `arn:aws:rds:${r}:${a}:db:${lower(n, 63)}` }),
  'rds:cluster': (a, r, n) => ({ arn: `arn:aws:rds:${r}:${a}:cluster:${lower(n, 63)}` }),
  'ecs:service': (a, r, n) => ({ arn: `arn:aws:ecs:${r}:${a}:service/main/${n}` }),
  'ec2:instance': (a, r, n) => ({ arn: `arn:aws:ec2:${r}:${a}:instance/i-${hex(n, 17)}` }),
  'sns:topic': (a, r, n) => ({ arn: `arn:aws:sns:${r}:${a}:${n}` }),
  'states:stateMachine': (a, r, n) => ({ arn: `arn:aws:states:${r}:${a}:stateMachine:${fit(n, 80)}` }),
  'kinesis:stream': (a, r, n) => ({ arn: `arn:aws:kinesis:${r}:${a}:stream/${n}` }),
  'elasticache:cluster': (a, r, n) => ({ arn: `arn:aws:elasticache:${r}:${a}:cluster:${lower(n, 40)}` }),
  'cloudfront:distribution': (a, _r, n) => ({ arn: `arn:aws:cloudfront::${a}:distribution/E${hex(n, 13).toUpperCase()}` }),
  'events:rule': (a, r, n) => ({ arn: `arn:aws:events:${r}:${a}:rule/${fit(n, 64)}` }),
  's3:bucket': (_a, _r, n) => ({ arn: `arn:aws:s3:::${lower(n, 55)}-${hex(n, 6)}` }),
  'es:domain': (a, r, n) => ({ arn: `arn:aws:es:${r}:${a}:domain/${lower(`d${n}`, 28).replace(/^-+/, '')}` }),
};
