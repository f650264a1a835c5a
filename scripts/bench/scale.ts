import { join } from 'node:path';
import type { Cli } from './cli.js';
import { runObsgen } from './cli.js';
import { MIX_ONE_REGION, writeEstate } from './estate-files.js';
import { clean, interleaved, Samples } from './measure.js';

/** One estate size in one account and region, per CLI. */
export interface ScaleRow {
  resources: number;
  byCli: Map<string, Samples>;
}

/**
 * How cost grows when the whole estate sits in one account and region (the #21 mix, both
 * formats, a fresh output folder each run): every size written first, then the sizes and the
 * CLIs interleaved, `runs` rounds.
 */
export function scaleInOneRegion(clis: readonly Cli[], root: string, sizes: readonly number[], runs: number, log: (t: string) => void): ScaleRow[] {
  const configs = sizes.map((n) => writeEstate(join(root, `one-region-${n}`), n, 1, MIX_ONE_REGION));
  const rows: ScaleRow[] = sizes.map((n) => ({ resources: n, byCli: new Map(clis.map((c) => [c.label, new Samples()])) }));
  const configurations = sizes.flatMap((_, i) => clis.map((cli) => ({ i, cli })));
  for (let round = 0; round < runs; round++) {
    for (const { i, cli } of interleaved(configurations, round)) {
      const dir = join(root, `one-region-${sizes[i]}`);
      const out = join(dir, 'out');
      clean(out);
      const r = runObsgen(cli, ['generate', '--config', configs[i]!, '--out', out, '--format', 'both', '--quiet'], dir);
      rows[i]!.byCli.get(cli.label)!.add(r);
      clean(out);
      log(`  ${sizes[i]} in one region, ${cli.label}: ${r.cpuSeconds.toFixed(1)} s CPU, ${r.seconds.toFixed(1)} s wall, ${r.peakMb.toFixed(0)} MB`);
    }
  }
  for (const n of sizes) clean(join(root, `one-region-${n}`));
  return rows;
}
