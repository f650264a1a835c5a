import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { everyTypeEstate, expectEveryType } from '../../helpers/every-type-estate.js';
import { readTree } from '../../helpers/files.js';
import { parseHcl } from '../../helpers/hcl.js';
import { REPO } from '../../helpers/paths.js';
import { generateFor, lambdas } from '../../helpers/pipeline.js';
import { validateTerraformOutput } from '../../helpers/terraform-output.js';
import { validateTerraformModule } from '../../helpers/terraform-validator.js';
import { manifestIn } from '../../helpers/manifest.js';

describe('generated Terraform against the HCL parser, the formatter and the provider schema', () => {
  it('the module in generated/ is valid', async () => {
    const files = [...readTree(join(REPO, 'generated'))];
    expect(files.filter(([p]) => /^terraform\/alarms-[a-z]+\.tf$/.test(p)).length).toBeGreaterThan(1);
    expect(await validateTerraformOutput(files)).toEqual([]);
  });

  it('examples/terraform-root is a valid root module that uses the generated module correctly', async () => {
    const root = new Map(['main.tf', 'imports.tf'].map((f) => [f, readFileSync(join(REPO, 'examples/terraform-root', f), 'utf8')]));
    expect(await validateTerraformModule(root, { root: true })).toEqual([]);

    // Its inputs are the module's variables; its scope and alarm keys exist in the output.
    const manifest = manifestIn(join(REPO, 'generated'));
    const main = (await parseHcl('main.tf', root.get('main.tf')!)) as { module: { monitoring: Record<string, unknown>[] } };
    const call = main.module.monitoring[0]!;
    const variables = (await parseHcl('variables.tf', readFileSync(join(REPO, 'generated/terraform/variables.tf'), 'utf8'))) as { variable: Record<string, unknown> };
    for (const arg of Object.keys(call).filter((k) => !['source', 'providers'].includes(k))) expect(Object.keys(variables.variable)).toContain(arg);
    const scopes = manifest.scopes.map((s) => `${s.account}/${s.region}`);
    for (const key of Object.keys(call['alarm_actions'] as object)) expect(scopes).toContain(key);
    const alarmIds = manifest.alarms.map((a) => a.id);
    for (const key of Object.keys(call['threshold_overrides'] as object)) expect(alarmIds).toContain(key);
    // Every account and region's provider alias is passed in (the default layout).
    const aliases = Object.keys(call['providers'] as object);
    expect(aliases.sort()).toEqual([...new Set(manifest.scopes.map((s) => `aws.account_${s.account}_${s.region.replace(/-/g, '_')}`))].sort());
  });

  it('an estate of every resource type gives a valid module', async () => {
    const { result } = generateFor(everyTypeEstate(), {
      config: (c) => {
        c.output.targets = ['terraform'];
      },
    });
    expectEveryType(result!.manifest);
    const files = result!.files.map((f) => [f.path, f.content] as [string, string]);
    expect(files.some(([p]) => p.startsWith('cloudformation/'))).toBe(false);
    expect(await validateTerraformOutput(files)).toEqual([]);
  }, 180_000);

  it.each(['module-region-argument', 'module-per-scope'] as const)('the %s layout of an estate of every resource type gives valid modules', async (layout) => {
    const { result } = generateFor(everyTypeEstate(), {
      config: (c) => {
        c.output.targets = ['terraform'];
        c.output.terraform.layout = layout;
      },
    });
    const files = result!.files.map((f) => [f.path, f.content] as [string, string]);
    const modules = files.filter(([p]) => p.endsWith('/versions.tf')).map(([p]) => p);
    expect(modules.length).toBe(layout === 'module-per-scope' ? 4 : 1);
    expect(await validateTerraformOutput(files)).toEqual([]);
  }, 180_000);

  it('the validator catches a broken generated module (the check can fail)', async () => {
    const files = [...readTree(join(REPO, 'generated'))].filter(([p]) => p.startsWith('terraform/'));
    const broken = files.map(([p, t]) => [p, p === 'terraform/alarms-checkout.tf' ? t.replace('evaluation_periods  =', 'evaluation_period   =') : t] as [string, string]);
    expect((await validateTerraformOutput(broken)).length).toBeGreaterThan(0);
  });
});

describe('Terraform addresses', () => {
  it('adding a resource adds only its own blocks and outputs, renaming nothing', () => {
    const tf = (n: number) => {
      const { result } = generateFor(lambdas(n), { config: (c) => (c.output.targets = ['terraform']) });
      return new Map(result!.files.map((f) => [f.path, f.content]));
    };
    const before = tf(5);
    const after = tf(6);
    // lambdas() are all in application "shop".
    for (const file of ['terraform/alarms-shop.tf', 'terraform/logs-shop.tf']) {
      const blocks = (text: string) => text.split(/\n(?=resource |locals )/).map((b) => b.trim()).filter((b) => b.startsWith('resource '));
      const old = new Set(blocks(before.get(file)!));
      const added = blocks(after.get(file)!).filter((b) => !old.has(b));
      // Every block that was there is still there, unchanged...
      for (const b of old) expect(after.get(file)!).toContain(b);
      // ...and every new block belongs to the new function.
      expect(added.length).toBeGreaterThan(0);
      for (const b of added) expect(b).toContain('fn-0005');
    }
    // Outputs: the alarms file's locals (which outputs.tf merges) gain only the new function's entries.
    const lines = (text: string) => new Set(text.split('\n'));
    const locals = (text: string) => text.slice(text.indexOf('\nlocals {'));
    const oldLocals = lines(locals(before.get('terraform/alarms-shop.tf')!));
    const newLocals = [...lines(locals(after.get('terraform/alarms-shop.tf')!))].filter((l) => !oldLocals.has(l));
    expect(newLocals.length).toBeGreaterThan(0);
    for (const l of newLocals) expect(l).toContain('fn-0005');
    const oldOutputs = lines(before.get('terraform/outputs.tf')!);
    for (const l of lines(after.get('terraform/outputs.tf')!)) if (!oldOutputs.has(l)) expect(l).toContain('fn-0005');
  });
});
