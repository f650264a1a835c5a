import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyJson } from '../../src/tune/history.js';
import type { Manifest } from '../../src/state/manifest.js';
import type { PlanDiff } from '../../src/plan/diff.js';
import { runObsgen } from './cli.js';
import type { CliRun } from './cli.js';
import { readTree, tempDir } from './files.js';
import { manifestFromFiles } from './manifest.js';

export const ACCOUNT = '123456789012';
export const REGIONS = ['eu-west-1', 'us-east-1'] as const;
/** The day the simulated history starts (midnight UTC, epoch seconds). */
const DAY0 = Date.UTC(2026, 9, 1) / 1000;
const DAY = 86_400;
const LOOKBACK_POINTS = 14 * 1440;

export interface EstateResource {
  arn: string;
  tags: Record<string, string>;
}

const CONFIG = `
tags: { application: app, environment: env }
actions:
  critical: "arn:{{partition}}:sns:{{region}}:{{account}}:pager"
  warning: "arn:{{partition}}:sns:{{region}}:{{account}}:alerts"
tuning: { hysteresis: 0.1, lookbackDays: 14 }
output: { format: cloudformation }
`;

/** A Lambda function's ARN in a region of the test account. */
export function fn(name: string, region: string = REGIONS[0]): string {
  return `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`;
}

/**
 * A small account that changes from night to night, run through the real CLI the way a
 * nightly job runs it: each night is a snapshot folder (as `obsgen snapshot` writes it) with
 * the inventory of each region and 14 days of Errors history per function, then
 * `obsgen plan` and `obsgen generate` against the committed output folder.
 */
export class Estate {
  readonly dir = tempDir('obsgen-estate-');
  readonly resources = new Map<string, Record<string, string>>();
  /** Height of the error bursts (every 4 hours, 6 minutes long) per function name; 0: none. */
  readonly errorBursts = new Map<string, number>();
  /** Regions whose discovery fails tonight. */
  failing = new Set<string>();
  /** Resources a scripted fault hides from discovery, to bring back later. */
  hidden?: Map<string, Record<string, string>>;
  day = 0;

  constructor(resources: EstateResource[]) {
    writeFileSync(join(this.dir, 'obsgen.config.yaml'), CONFIG);
    for (const r of resources) this.resources.set(r.arn, r.tags);
  }

  /** Writes tonight's snapshot folder. */
  snapshot(): string {
    const snap = join(this.dir, 'snapshot');
    rmSync(snap, { recursive: true, force: true });
    mkdirSync(join(snap, 'inventory'), { recursive: true });
    mkdirSync(join(snap, 'metrics'), { recursive: true });
    const inventory: string[] = [];
    const metrics: string[] = [];
    for (const region of REGIONS) {
      // A failed scope's partial listing is dropped, exactly as the live source does.
      if (this.failing.has(region)) continue;
      const mine = [...this.resources].filter(([arn]) => arn.split(':')[3] === region);
      const file = `inventory/${ACCOUNT}-${region}.json`;
      writeFileSync(join(snap, file), JSON.stringify({ ResourceTagMappingList: mine.map(([arn, tags]) => ({ ResourceARN: arn, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) })) }));
      inventory.push(file);
      const series = mine
        .filter(([arn]) => arn.includes(':function:'))
        .map(([arn]) => {
          const name = arn.split(':function:')[1]!;
          const height = this.errorBursts.get(name) ?? 0;
          // Deterministic per night: bursts every 4 hours, shifted by the night so the window moves.
          const values = Float64Array.from({ length: LOOKBACK_POINTS }, (_, i) => ((i + this.day * 1440) % 240 < 6 ? height : 0));
          return { metric: { kind: 'single' as const, metric: { namespace: 'AWS/Lambda', name: 'Errors', dimensions: [{ name: 'FunctionName', value: name }], statistic: 'Sum' } }, period: 60, start: DAY0 + this.day * DAY, values };
        });
      const mfile = `metrics/${ACCOUNT}-${region}.json`;
      writeFileSync(join(snap, mfile), historyJson(series));
      metrics.push(mfile);
    }
    const index = {
      generator: 'obsgen-snapshot',
      version: 1,
      scopes: REGIONS.map((region) => ({ account: ACCOUNT, region, partition: 'aws', complete: !this.failing.has(region) })),
      inventory,
      logGroups: [],
      metrics,
    };
    writeFileSync(join(snap, 'obsgen.snapshot.json'), JSON.stringify(index));
    return snap;
  }

  run(command: string, ...args: string[]): Promise<CliRun> {
    return runObsgen([command, '--snapshot', this.snapshot(), '--out', 'out', ...args], this.dir);
  }

  /** `obsgen plan --json`. */
  async plan(...args: string[]): Promise<{ code: number; changed: boolean; plan: PlanDiff; summary: string; diagnostics: { severity: string; message: string; file?: string }[] }> {
    const r = await this.run('plan', '--json', ...args);
    return { code: r.code, ...(JSON.parse(r.stdout) as { changed: boolean; plan: PlanDiff; summary: string; diagnostics: { severity: string; message: string; file?: string }[] }) };
  }

  output(): Map<string, string> {
    return readTree(join(this.dir, 'out'));
  }

  manifest(): Manifest {
    return manifestFromFiles(this.output());
  }
}
