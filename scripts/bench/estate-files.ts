import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticEstate } from '../lib/synthetic-estate.js';

export const BENCH_REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2'] as const;

/**
 * Writes a synthetic estate of `n` resources (3 accounts × 3 regions, one application per
 * ~250 resources) and a config that uses it into `dir`; returns the config path.
 */
export function writeEstate(dir: string, n: number, seed = 1): string {
  mkdirSync(dir, { recursive: true });
  const files = syntheticEstate({ resources: n, seed, accounts: 3, regions: BENCH_REGIONS, applications: Math.max(8, Math.round(n / 250)) });
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
