import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { terraformTool } from '../../test/helpers/tools.js';
import { writeEstate } from './estate-files.js';
import { clean, timed } from './measure.js';
import type { Run } from './measure.js';

/** Real Terraform on the largest module of a large estate (layout module-per-scope). */
export interface TerraformFigure {
  resources: number;
  modules: number;
  /** The largest module: its folder and how many Terraform resources it declares. */
  largest: { module: string; terraformResources: number };
  terraform: string;
  provider: string;
  init: Run;
  validate: Run;
  /** `terraform plan` with the provider pointed at moto_server (absent without it). */
  plan?: Run;
}

/**
 * Generates the `n`-resource bench estate as one Terraform module per account and region, then
 * runs `terraform init` (offline mirror), `terraform validate` and, given a local AWS endpoint,
 * `terraform plan` on the largest module, each under GNU time. A string says why it could not run.
 */
export function terraformAtScale(cli: string, root: string, n: number, endpoint?: string): TerraformFigure | string {
  const tf = terraformTool();
  if (typeof tf === 'string') return tf;
  const dir = join(root, `terraform-${n}`);
  const config = writeEstate(dir, n);
  appendFileSync(config, 'output:\n  terraform:\n    layout: module-per-scope\n');
  const out = join(dir, 'out');
  const gen = timed(process.execPath, [cli, 'generate', '--config', config, '--out', out, '--format', 'terraform', '--quiet'], dir);
  if (gen.code !== 0) throw new Error(`generate exited ${gen.code} for ${n} resources (module-per-scope)`);
  const modules = readdirSync(join(out, 'terraform')).filter((m) => readdirSync(join(out, 'terraform', m)).includes('versions.tf'));
  const count = (m: string) =>
    readdirSync(join(out, 'terraform', m))
      .filter((f) => f.endsWith('.tf'))
      .reduce((s, f) => s + (readFileSync(join(out, 'terraform', m, f), 'utf8').match(/^resource "/gm)?.length ?? 0), 0);
  const sized = modules.map((m) => ({ module: m, terraformResources: count(m) })).sort((a, b) => b.terraformResources - a.terraformResources);
  const largest = sized[0]!;
  const region = /-([a-z]{2}-[a-z]+-\d)$/.exec(largest.module)![1]!;

  // A root with the module and a provider that reaches only the local endpoint (if any).
  const work = join(dir, 'root');
  mkdirSync(work, { recursive: true });
  cpSync(join(out, 'terraform', largest.module), join(work, 'module'), { recursive: true });
  const endpoints = endpoint ? ['', '  endpoints {', ...['cloudwatch', 'logs', 'sts'].map((s) => `    ${s} = "${endpoint}"`), '  }'] : [];
  writeFileSync(
    join(work, 'main.tf'),
    [
      'provider "aws" {',
      `  region                      = "${region}"`,
      '  access_key                  = "test"',
      '  secret_key                  = "test"',
      '  skip_credentials_validation = true',
      '  skip_requesting_account_id  = true',
      '  skip_metadata_api_check     = true',
      ...endpoints,
      '}',
      '',
      'module "obsgen" {',
      '  source = "./module"',
      '}',
      '',
    ].join('\n'),
  );
  const env = { ...process.env, TF_CLI_CONFIG_FILE: tf.cliConfig, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
  const step = (args: string[]) => {
    const r = timed(tf.command, args, work, env);
    if (r.code !== 0) throw new Error(`terraform ${args[0]} exited ${r.code} on ${largest.module}`);
    return r;
  };
  const init = step(['init', '-backend=false', '-input=false', '-no-color']);
  const validate = step(['validate', '-no-color']);
  // -refresh=false: the state is empty, there is nothing to read back; the plan computes every create.
  const plan = endpoint ? step(['plan', '-input=false', '-lock=false', '-refresh=false', '-no-color', '-out=plan.bin']) : undefined;
  clean(dir);
  return { resources: n, modules: modules.length, largest, terraform: tf.version, provider: tf.awsProvider, init, validate, ...(plan ? { plan } : {}) };
}
