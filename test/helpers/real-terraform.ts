import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from './files.js';
import { terraformTool } from './tools.js';
import type { TerraformTool } from './tools.js';

/** A diagnostic from real Terraform (`validate -json`, or the text of a failed `init`). */
export interface TerraformDiagnostic {
  severity: string;
  summary: string;
  detail?: string;
  file?: string;
}

/** Writes files (relative path → text) into a fresh temporary folder and returns it. */
export function writeTree(files: Iterable<[string, string]>, prefix = 'obsgen-tf-'): string {
  const root = tempDir(prefix);
  for (const [path, text] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function run(tf: TerraformTool, dir: string, args: string[], timeoutMs: number) {
  return spawnSync(tf.command, args, {
    cwd: dir,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
    env: {
      ...process.env,
      TF_CLI_CONFIG_FILE: tf.cliConfig,
      TF_IN_AUTOMATION: '1',
      CHECKPOINT_DISABLE: '1',
      // validate reads no credentials, but a provider block with assume_role must still configure.
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    },
  });
}

/**
 * Runs terraform in `dir` without blocking the event loop: for tests whose endpoint (the moto
 * proxy) answers from this same process. Exit code and the combined output.
 */
export function terraformIn(dir: string, args: string[], timeoutMs = 600_000): Promise<{ code: number; output: string }> {
  const tf = terraformTool();
  if (typeof tf === 'string') return Promise.reject(new Error(tf));
  const env = { ...process.env, TF_CLI_CONFIG_FILE: tf.cliConfig, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', AWS_EC2_METADATA_DISABLED: 'true' };
  return new Promise((resolve) => {
    execFile(tf.command, args, { cwd: dir, env, timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

/**
 * `terraform init` (offline, no backend) and `terraform validate` in `dir`: every error and
 * warning real Terraform reports. A failed init is reported as one error with its output.
 */
export function terraformValidate(tf: TerraformTool, dir: string, timeoutMs = 300_000): TerraformDiagnostic[] {
  const init = run(tf, dir, ['init', '-backend=false', '-input=false', '-no-color'], timeoutMs);
  if (init.status !== 0) return [{ severity: 'error', summary: 'terraform init failed', detail: `${init.stdout}\n${init.stderr}`.trim() }];
  const validate = run(tf, dir, ['validate', '-json', '-no-color'], timeoutMs);
  if (validate.error) throw validate.error;
  const result = JSON.parse(validate.stdout) as { diagnostics: { severity: string; summary: string; detail?: string; range?: { filename: string } }[] };
  return result.diagnostics.map((d) => ({ severity: d.severity, summary: d.summary, ...(d.detail ? { detail: d.detail } : {}), ...(d.range ? { file: d.range.filename } : {}) }));
}

/** A generated module as a root calls it. */
export interface ModuleCall {
  /** The name the root gives it (what its import blocks say after `module.`). */
  name: string;
  /** Its folder, relative to the root. */
  source: string;
  /** The provider aliases it declares; none: it uses the default provider, in `region`. */
  aliases: string[];
  region?: string;
  /** Its generated import blocks, placed in the root. */
  imports?: string;
}

/** A provider configuration for validate, which never reaches AWS. */
function offlineProvider(alias: string, region: string): string {
  return ['provider "aws" {', `  alias  = "${alias}"`, `  region = "${region}"`, '', '  skip_credentials_validation = true', '  skip_requesting_account_id  = true', '}', ''].join('\n');
}

/**
 * A root module that calls generated modules the way a user's would: one provider
 * configuration per alias a module declares (or per module that uses the default provider),
 * each module call named as its import blocks expect, and the import blocks beside them.
 * `provider` writes each provider configuration (default: one for `validate`, offline).
 */
export function rootCalling(modules: ModuleCall[], provider: (alias: string, region: string) => string = offlineProvider): [string, string][] {
  // account_<id>_<region> carries its region; account_<id> (the region-argument layout) does not.
  const regionOf = (alias: string) => /^account_\d{12}_(.+)$/.exec(alias)?.[1]?.replace(/_/g, '-') ?? 'eu-west-1';
  const aliases = [...new Set(modules.flatMap((m) => m.aliases))].sort();
  const lines = ['terraform {', '  required_providers {', '    aws = {', '      source = "hashicorp/aws"', '    }', '  }', '}', '', ...aliases.map((a) => provider(a, regionOf(a)))];
  modules.forEach((m, i) => {
    const own = `default_${i}`;
    if (m.aliases.length === 0) lines.push(provider(own, m.region ?? 'eu-west-1'));
    const passed = m.aliases.length === 0 ? [`    aws = aws.${own}`] : m.aliases.map((a) => `    aws.${a} = aws.${a}`);
    lines.push(`module "${m.name}" {`, `  source = "${m.source}"`, '', '  providers = {', ...passed, '  }', '}', '');
  });
  return [['main.tf', lines.join('\n')], ...modules.flatMap((m, i) => (m.imports ? [[`imports-${i}.tf`, m.imports] as [string, string]] : []))];
}

/** The provider aliases a generated module's versions.tf declares (`configuration_aliases`). */
export function declaredAliases(versionsTf: string): string[] {
  const list = /configuration_aliases\s*=\s*\[([^\]]*)\]/.exec(versionsTf)?.[1] ?? '';
  return [...list.matchAll(/aws\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
}
