import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { everyTypeEstate, expectEveryType } from '../../helpers/every-type-estate.js';
import type { TerraformLayout } from '../../../src/config/types.js';
import { generate } from '../../../src/index.js';
import { readConcept, runConcept } from '../../concepts/harness.js';
import { readTree, tempDir } from '../../helpers/files.js';
import { REPO } from '../../helpers/paths.js';
import { generateFor } from '../../helpers/pipeline.js';
import { declaredAliases, rootCalling, terraformValidate, writeTree } from '../../helpers/real-terraform.js';
import type { ModuleCall, TerraformDiagnostic } from '../../helpers/real-terraform.js';
import { need, terraformTool } from '../../helpers/tools.js';

// Real Terraform (1.11) and the AWS provider from the offline mirror (5.100.0 here): the checks
// our own validator makes, made again by the implementation users run.
const { tool: tf, skip } = need('terraform', terraformTool());

/** The example's Terraform output with another layout, in memory. */
async function exampleWith(layout: TerraformLayout): Promise<Map<string, string>> {
  const acme = join(REPO, 'examples/acme');
  const text = readFileSync(join(acme, 'obsgen.config.yaml'), 'utf8')
    .replace(/^(\s+- )(inventory|log-groups|metrics)\//gm, `$1${acme}/$2/`)
    .replace(/^(\s+)moduleName: monitoring$/m, `$1moduleName: monitoring\n$1layout: ${layout}`);
  const dir = tempDir();
  writeFileSync(join(dir, 'obsgen.config.yaml'), text);
  const run = await generate({ config: join(dir, 'obsgen.config.yaml'), format: 'terraform' });
  expect(run.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return new Map(run.files.map((f) => [f.path, f.content]));
}

/** The files of the module in `dir` (e.g. `terraform`), relative to it. */
function moduleIn(files: Map<string, string>, dir: string): [string, string][] {
  return [...files].filter(([p]) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/')).map(([p, t]) => [p.slice(dir.length + 1), t]);
}

/**
 * Validates every generated module through one root that calls them all as a user's would
 * (providers, module names, the generated import blocks beside them): real Terraform's errors
 * and warnings. One init and one validate, however many modules.
 */
function validateModules(files: Map<string, string>, moduleName: string): TerraformDiagnostic[] {
  const dirs = [...files.keys()].filter((p) => p.endsWith('/versions.tf')).map((p) => p.slice(0, -'/versions.tf'.length));
  expect(dirs.length).toBeGreaterThan(0);
  const calls: ModuleCall[] = dirs.map((dir, i) => {
    // Several modules in one root need several names; their import blocks follow.
    const name = dirs.length === 1 ? moduleName : `${moduleName}_${i}`;
    const imports = files.get(`${dir}/root-imports/imports.tf`)?.replaceAll(`module.${moduleName}.`, `module.${name}.`);
    const region = /-(\w+-\w+-\d)$/.exec(dir)?.[1];
    return { name, source: `./module-${i}`, aliases: declaredAliases(files.get(`${dir}/versions.tf`)!), ...(region ? { region } : {}), ...(imports ? { imports } : {}) };
  });
  const folder = writeTree([...rootCalling(calls), ...dirs.flatMap((dir, i) => moduleIn(files, dir).map(([p, t]) => [`module-${i}/${p}`, t] as [string, string]))]);
  return terraformValidate(tf!, folder);
}

describe.skipIf(skip)('real Terraform: init and validate', () => {
  // The module in generated/ is checked here, through the example root that uses it.
  it('examples/terraform-root with the generated module and its import blocks', () => {
    // The root as committed, beside generated/ as in the repository (imports.tf is a link there).
    const generated = readTree(join(REPO, 'generated/terraform'));
    const folder = writeTree([
      ['examples/terraform-root/main.tf', readFileSync(join(REPO, 'examples/terraform-root/main.tf'), 'utf8')],
      ['examples/terraform-root/imports.tf', readFileSync(join(REPO, 'examples/terraform-root/imports.tf'), 'utf8')],
      ...[...generated].map(([p, t]) => [`generated/terraform/${p}`, t] as [string, string]),
    ]);
    expect(generated.get('root-imports/imports.tf')).toContain('import {');
    expect(terraformValidate(tf!, join(folder, 'examples/terraform-root'))).toEqual([]);
  });

  it('the one-module-per-scope layout: every scope module validates on its own', async () => {
    const files = await exampleWith('module-per-scope');
    expect([...files.keys()].filter((p) => p.endsWith('/versions.tf')).sort()).toEqual([
      'terraform/111111111111-eu-west-1/versions.tf',
      'terraform/111111111111-us-east-1/versions.tf',
      'terraform/222222222222-eu-west-1/versions.tf',
    ]);
    expect(validateModules(files, 'monitoring')).toEqual([]);
  });

  // Every supported resource type (the example has a few), in the default layout.
  it('an estate of every resource type, many times over', () => {
    const { result } = generateFor(everyTypeEstate(), {
      config: (c) => {
        c.output.targets = ['terraform'];
      },
    });
    expectEveryType(result!.manifest);
    const files = new Map(result!.files.map((f) => [f.path, f.content]));
    expect(validateModules(files, 'obsgen')).toEqual([]);
  }, 300_000);

  // Anomaly detection alarms: no threshold, two metric queries, threshold_metric_id.
  it('anomaly detection band alarms (the anomaly-band concept, whole module)', async () => {
    const run = await runConcept(readConcept('anomaly-band'));
    expect(run.diags.items).toEqual([]);
    const files = new Map(run.files!.filter((f) => typeof f.content === 'string').map((f) => [f.path, f.content as string]));
    expect([...files.values()].join('\n')).toContain('threshold_metric_id = "ad1"');
    expect(validateModules(files, 'obsgen')).toEqual([]);
  });

  // A platform team's own resource type (NAT gateways), declared in a blueprint folder.
  it('examples/custom-types (a declared resource type and its blueprint)', async () => {
    const run = await generate({ config: join(REPO, 'examples/custom-types/obsgen.config.yaml'), format: 'terraform' });
    expect(run.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const files = new Map(run.files.map((f) => [f.path, f.content]));
    expect([...files.values()].join('\n')).toContain('AWS/NATGateway');
    expect(validateModules(files, 'obsgen')).toEqual([]);
  });

  it('the check can fail: an import block naming a provider is rejected, as Terraform rejects it', () => {
    // The defect our own validator once accepted: `provider` on an import into a module's resource.
    const files = new Map([...readTree(join(REPO, 'generated'))].filter(([p]) => p.startsWith('terraform/')));
    const imports = files.get('terraform/root-imports/imports.tf')!;
    files.set('terraform/root-imports/imports.tf', imports.replace(/import \{\n/g, 'import {\n  provider = aws.account_111111111111_eu_west_1\n'));
    const problems = validateModules(files, 'monitoring');
    expect(problems.map((p) => `${p.summary} ${p.detail ?? ''}`).join('\n')).toMatch(/Invalid import provider argument/);
  });

  it('the region-argument layout asks for provider 6, which a provider 5 mirror cannot satisfy', async () => {
    if (!/^5\./.test(tf!.awsProvider)) return;
    const files = await exampleWith('module-region-argument');
    expect(files.get('terraform/versions.tf')).toContain('">= 6.0.0, < 7.0.0"');
    const problems = validateModules(files, 'monitoring');
    expect(problems.map((p) => p.summary)).toEqual(['terraform init failed']);
    expect(problems[0]!.detail).toContain('no available releases match the given constraints >= 6.0.0, < 7.0.0');
  });
});
