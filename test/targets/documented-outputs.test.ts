/**
 * The outputs the README documents are what a user's root module and scripts reference: each
 * must still be there, with the documented keys and values. Terraform: real `terraform plan`
 * (offline, nothing exists yet) of a root that re-exports every documented module output, whose
 * keys must be known at plan time (so that a caller can `for_each` over them). CloudFormation:
 * every alarms stack has an output per alarm name.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../helpers/cloudformation-output.js';
import { REPO } from '../helpers/paths.js';
import { generateFor, lambdas } from '../helpers/pipeline.js';
import type { Mapping } from '../helpers/pipeline.js';
import { declaredAliases, rootCalling, writeTree } from '../helpers/real-terraform.js';
import { need, terraformTool } from '../helpers/tools.js';

const README = readFileSync(join(REPO, 'README.md'), 'utf8');

/** The module outputs the README's `outputs.tf` bullet names. */
function documentedModuleOutputs(): string[] {
  const bullet = /^- `outputs\.tf`: (.*?)each a map keyed by stable id/ms.exec(README);
  expect(bullet, 'the README documents outputs.tf').not.toBeNull();
  return [...bullet![1]!.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!);
}

/** Two applications in two regions: several alarms files, composites, dashboards and log groups. */
const ESTATE: Mapping[] = [...lambdas(3, { app: 'shop', env: 'prod' }), ...lambdas(2, { app: 'pay', env: 'prod' }, 'us-east-1')].map((m, i) => ({
  ...m,
  ResourceARN: m.ResourceARN.replace(/fn-\d+$/, `fn-${i}`),
}));

function generated(targets: string[]) {
  const { result, diags } = generateFor(ESTATE, { config: (c) => void (c.output.targets = targets) });
  expect(diags.items.filter((d) => d.severity === 'error')).toEqual([]);
  return result!;
}

const { tool: tf, skip } = need('terraform', terraformTool());

/** A provider for `plan` that never reaches AWS (nothing exists, nothing is read). */
function planProvider(alias: string, region: string): string {
  return [
    'provider "aws" {',
    `  alias      = "${alias}"`,
    `  region     = "${region}"`,
    '  access_key = "test"',
    '  secret_key = "test"',
    '',
    '  skip_credentials_validation = true',
    '  skip_requesting_account_id  = true',
    '  skip_metadata_api_check     = true',
    '}',
    '',
  ].join('\n');
}

interface PlannedOutput {
  after?: Record<string, unknown> | null;
  after_unknown?: boolean | Record<string, boolean>;
}

describe('documented outputs', () => {
  it('the README documents the module outputs this test checks', () => {
    expect(documentedModuleOutputs()).toEqual(['alarm_arns', 'alarm_names', 'composite_alarm_arns', 'dashboard_names', 'log_group_names']);
  });

  it.skipIf(skip)('every documented Terraform output is planned, keyed by stable id, its keys known at plan time', () => {
    const result = generated(['terraform']);
    const { model } = result;
    const files = result.files.filter((f) => f.path.startsWith('terraform/') && !f.path.slice('terraform/'.length).includes('/'));
    expect(files.filter((f) => f.path.startsWith('terraform/alarms-')).length).toBeGreaterThan(1);
    const versions = files.find((f) => f.path === 'terraform/versions.tf')!.content;
    const outputs = documentedModuleOutputs();
    const root = [
      ...rootCalling([{ name: 'obsgen', source: './module', aliases: declaredAliases(versions) }], planProvider),
      ['outputs.tf', outputs.map((o) => `output "${o}" {\n  value = module.obsgen.${o}\n}\n`).join('\n')] as [string, string],
      ...files.map((f) => [`module/${f.path.slice('terraform/'.length)}`, f.content] as [string, string]),
    ];
    const dir = writeTree(root);
    const env = { ...process.env, TF_CLI_CONFIG_FILE: tf!.cliConfig, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', AWS_EC2_METADATA_DISABLED: 'true' };
    const terraform = (...args: string[]) => execFileSync(tf!.command, args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 300_000 });
    terraform('init', '-input=false', '-no-color');
    terraform('plan', '-input=false', '-no-color', '-refresh=false', '-lock=false', '-out=plan.bin');
    const plan = JSON.parse(terraform('show', '-json', 'plan.bin')) as { output_changes: Record<string, { after?: unknown; after_unknown?: unknown }> };

    const expected: Record<string, Map<string, string | undefined>> = {
      alarm_arns: new Map(model.alarms.map((a) => [a.id, undefined])),
      alarm_names: new Map(model.alarms.map((a) => [a.id, a.name])),
      composite_alarm_arns: new Map(model.composites.map((c) => [c.id, undefined])),
      dashboard_names: new Map(model.dashboards.map((d) => [d.id, d.name])),
      log_group_names: new Map(model.logGroups.map((l) => [l.id, l.name])),
    };
    for (const name of outputs) {
      const change = plan.output_changes[name] as PlannedOutput | undefined;
      expect(change, `output ${name}`).toBeDefined();
      // A whole map unknown at plan time would be no use to `for_each`.
      expect(change!.after_unknown === true, `output ${name} is unknown until apply`).toBe(false);
      const known = change!.after ?? {};
      const unknown = typeof change!.after_unknown === 'object' ? change!.after_unknown : {};
      const want = expected[name]!;
      expect(want.size, name).toBeGreaterThan(0);
      expect([...new Set([...Object.keys(known), ...Object.keys(unknown)])].sort(), name).toEqual([...want.keys()].sort());
      for (const [id, value] of want) {
        if (value === undefined) expect(unknown[id], `${name}["${id}"] (an ARN, known after apply)`).toBe(true);
        else expect(known[id], `${name}["${id}"]`).toBe(value);
      }
    }
  }, 300_000);

  it('every CloudFormation alarms stack has an output per alarm name (and per composite alarm and dashboard)', () => {
    expect(README).toMatch(/with an output per alarm name/);
    const result = generated(['cloudformation']);
    let alarms = 0;
    for (const f of result.files.filter((x) => x.path.startsWith('cloudformation/'))) {
      const t = parseTemplate(f.path, f.content) as { Resources: Record<string, { Type: string }>; Outputs?: Record<string, { Value: unknown }> };
      for (const [id, r] of Object.entries(t.Resources)) {
        if (!['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm', 'AWS::CloudWatch::Dashboard'].includes(r.Type)) continue;
        if (r.Type === 'AWS::CloudWatch::Alarm') alarms++;
        expect(t.Outputs?.[`${id}Name`]?.Value, `${f.path}: output ${id}Name`).toEqual({ Ref: id });
      }
    }
    expect(alarms).toBe(result.model.alarms.length);
  });
});
