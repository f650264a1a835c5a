import { join } from 'node:path';
import { validateTemplates } from '../../test/helpers/cloudformation-output.js';
import { validateTerraformOutput } from '../../test/helpers/terraform-output.js';
import type { Cli } from './cli.js';
import { runObsgen } from './cli.js';
import { writeEstate } from './estate-files.js';
import { clean, filesUnder, interleaved, readTree, Samples } from './measure.js';
import { manifestIn } from '../../test/helpers/manifest.js';

export interface AllTypesRow {
  resources: number;
  format: string;
  samples: Samples;
  outputMb: number;
  files: number;
  largestFileMb: number;
  alarms: number;
  stacks: number;
  dashboards: number;
  maxStackResources: number;
  maxStackKb: number;
  maxDashboardWidgets: number;
}

export interface Validation {
  resources: number;
  format: string;
  cloudformation: number;
  terraform: number;
  seconds: number;
}

/**
 * First runs over the all-types estate (every supported type, 3 accounts × 3 regions), each
 * size in each format, the formats interleaved, `runs` rounds; a fresh output folder each run.
 * With `validateAt`, the full validators run once on that size's `both` output.
 */
export async function allTypes(cli: Cli, root: string, sizes: readonly number[], formats: readonly string[], runs: number, validateAt: number | undefined, log: (t: string) => void): Promise<{ rows: AllTypesRow[]; validations: Validation[] }> {
  const rows: AllTypesRow[] = [];
  const validations: Validation[] = [];
  for (const n of sizes) {
    const dir = join(root, `estate-${n}`);
    const config = writeEstate(dir, n);
    const samples = new Map(formats.map((f) => [f, new Samples()]));
    for (let round = 0; round < runs; round++) {
      for (const format of interleaved(formats, round)) {
        const out = join(dir, `out-${format}`);
        clean(out);
        const r = runObsgen(cli, ['generate', '--config', config, '--out', out, '--format', format, '--quiet'], dir);
        samples.get(format)!.add(r);
        log(`  all types, ${n} ${format} run ${round + 1}: ${r.seconds.toFixed(2)} s (${r.cpuSeconds.toFixed(2)} s CPU), ${r.peakMb.toFixed(0)} MB`);
        if (round === 0) {
          const files = filesUnder(out);
          const manifest = manifestIn(out);
          rows.push({
            resources: n,
            format,
            samples: samples.get(format)!,
            outputMb: files.reduce((s, f) => s + f.bytes, 0) / 2 ** 20,
            files: files.length,
            largestFileMb: Math.max(...files.map((f) => f.bytes)) / 2 ** 20,
            alarms: manifest.alarms.length,
            stacks: manifest.stacks.length,
            dashboards: manifest.dashboards.length,
            maxStackResources: Math.max(0, ...manifest.stacks.map((s) => s.resources)),
            maxStackKb: Math.max(0, ...manifest.stacks.map((s) => s.bytes)) / 1024,
            maxDashboardWidgets: Math.max(0, ...manifest.dashboards.map((d) => d.widgets)),
          });
          if (n === validateAt && format === 'both') {
            const started = performance.now();
            const tree = readTree(out);
            const cfn = validateTemplates(tree).length;
            const tf = (await validateTerraformOutput(tree)).length;
            validations.push({ resources: n, format, cloudformation: cfn, terraform: tf, seconds: (performance.now() - started) / 1000 });
            log(`  validators on ${n} ${format}: ${cfn} CloudFormation problems, ${tf} Terraform problems`);
          }
        }
        clean(out);
      }
    }
    clean(dir);
  }
  rows.sort((a, b) => a.resources - b.resources || formats.indexOf(a.format) - formats.indexOf(b.format));
  return { rows, validations };
}
