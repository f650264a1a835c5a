import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cli } from './cli.js';
import { runObsgen } from './cli.js';
import { clean, interleaved, Samples } from './measure.js';

/** One command over a one-resource inventory, per CLI. */
export interface StartupRow {
  command: string;
  byCli: Map<string, Samples>;
}

/** The commands timed over one resource: what a run costs before it has any work to do. */
const COMMANDS: { name: string; args: string[]; clean?: boolean }[] = [
  { name: 'obsgen --version', args: ['--version'] },
  { name: 'obsgen validate', args: ['validate'] },
  { name: 'obsgen inventory', args: ['inventory'] },
  { name: 'obsgen generate (both formats)', args: ['generate', '--format', 'both', '--out', 'out', '--quiet'], clean: true },
];

/**
 * Whole-process cost of each command over an inventory of one Lambda function (a fresh output
 * folder for every generate), every command and CLI interleaved, `runs` rounds.
 */
export function startup(clis: readonly Cli[], root: string, runs: number, log: (t: string) => void): StartupRow[] {
  const dir = join(root, 'startup');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'inventory.json'),
    `${JSON.stringify({ ResourceTagMappingList: [{ ResourceARN: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-api-prod', Tags: [{ Key: 'app', Value: 'orders' }, { Key: 'env', Value: 'prod' }] }] }, null, 2)}\n`,
  );
  writeFileSync(
    join(dir, 'obsgen.config.yaml'),
    ['inputs:', '  inventory: [inventory.json]', 'actions:', '  critical: "arn:{{partition}}:sns:{{region}}:{{account}}:pager"', '  warning: "arn:{{partition}}:sns:{{region}}:{{account}}:alerts"', ''].join('\n'),
  );
  const rows: StartupRow[] = COMMANDS.map((c) => ({ command: c.name, byCli: new Map(clis.map((cli) => [cli.label, new Samples()])) }));
  for (let round = 0; round < runs; round++) {
    for (const [i, command] of COMMANDS.entries()) {
      for (const cli of interleaved(clis, round)) {
        if (command.clean) clean(join(dir, 'out'));
        const r = runObsgen(cli, command.args, dir);
        rows[i]!.byCli.get(cli.label)!.add(r);
      }
    }
    log(`  start-up round ${round + 1}: ${rows.map((r) => `${r.command.replace('obsgen ', '')} ${[...r.byCli.values()].map((s) => s.runs.at(-1)!.cpuSeconds.toFixed(2)).join('/')}`).join(', ')} s CPU`);
  }
  clean(dir);
  return rows;
}
