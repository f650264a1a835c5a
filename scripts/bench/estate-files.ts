import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticEstate } from '../lib/synthetic-estate.js';

export const BENCH_REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2'] as const;

/** The mix of issue #21: 40% Lambda functions, 30% SQS queues, 30% DynamoDB tables. */
export const ISSUE_21_MIX: readonly string[] = [
  ...Array<string>(4).fill('lambda:function'),
  ...Array<string>(3).fill('sqs:queue'),
  ...Array<string>(3).fill('dynamodb:table'),
];

/** A synthetic estate the bench measures: which types, over how many accounts and regions. */
export interface EstateShape {
  /** Short name, as the report shows it. */
  name: string;
  /** Supported types cycled through (see `syntheticEstate`); every supported type when absent. */
  types?: readonly string[];
  accounts: number;
  regions: readonly string[];
}

export const ALL_TYPES: EstateShape = { name: 'all types', accounts: 3, regions: BENCH_REGIONS };
export const MIX: EstateShape = { name: '#21 mix', types: ISSUE_21_MIX, accounts: 3, regions: BENCH_REGIONS };
/** The mix in one account and one region: how cost grows when everything lands in one scope. */
export const MIX_ONE_REGION: EstateShape = { name: '#21 mix, one region', types: ISSUE_21_MIX, accounts: 1, regions: ['eu-west-1'] };

/**
 * Writes a synthetic estate of `n` resources (by default every type over 3 accounts × 3
 * regions; one application per ~250 resources) and a config that uses it into `dir`; returns
 * the config path.
 */
export function writeEstate(dir: string, n: number, seed = 1, shape: EstateShape = ALL_TYPES): string {
  mkdirSync(dir, { recursive: true });
  const files = syntheticEstate({
    resources: n,
    seed,
    accounts: shape.accounts,
    regions: shape.regions,
    applications: Math.max(8, Math.round(n / 250)),
    ...(shape.types ? { types: shape.types } : {}),
  });
  for (const [file, text] of files) writeFileSync(join(dir, file), text);
  const config = join(dir, 'obsgen.config.yaml');
  writeFileSync(
    config,
    [
      'inputs:',
      `  inventory: [${[...files.keys()].join(', ')}]`,
      'actions:',
      '  critical: "arn:{{partition}}:sns:{{region}}:{{account}}:pager"',
      '  warning: "arn:{{partition}}:sns:{{region}}:{{account}}:alerts"',
      '',
    ].join('\n'),
  );
  return config;
}
