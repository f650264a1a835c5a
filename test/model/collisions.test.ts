import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BlueprintSource } from '../../src/blueprints/load.js';
import type { Config } from '../../src/config/types.js';
import type { Manifest } from '../../src/state/manifest.js';
import type { OutputFile } from '../../src/targets/files.js';
import { fileSlug } from '../../src/util/file-slug.js';
import { isSafeOutputPath } from '../../src/write/output-dir.js';
import { parseTemplate, validateTemplates } from '../helpers/cloudformation-output.js';
import { byRegion, cfnLint } from '../helpers/cfn-lint.js';
import { declaredAliases, rootCalling, terraformValidate, writeTree } from '../helpers/real-terraform.js';
import { cfnLintTool, need, terraformTool } from '../helpers/tools.js';
import { generateFor } from '../helpers/pipeline.js';
import type { Mapping } from '../helpers/pipeline.js';
import { validateTerraformOutput } from '../helpers/terraform-output.js';
import { parseHcl } from '../helpers/hcl.js';
import { REPO } from '../helpers/paths.js';
import { manifestFromFiles } from '../helpers/manifest.js';

const ACCOUNT = '123456789012';
const tags = (o: Record<string, string>) => Object.entries(o).map(([Key, Value]) => ({ Key, Value }));
const restStage = (id: string, app: string): Mapping => ({
  ResourceARN: `arn:aws:apigateway:eu-west-1::/restapis/${id}/stages/prod`,
  Tags: tags({ app, 'obsgen:api-name': 'orders' }),
});
const queue = (name: string, app: string): Mapping => ({ ResourceARN: `arn:aws:sqs:eu-west-1:${ACCOUNT}:${name}`, Tags: tags({ app }) });
const stateMachine = (name: string, logGroup: string): Mapping => ({
  ResourceARN: `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:${name}`,
  Tags: tags({ app: 'flows', 'obsgen:log-group': logGroup }),
});
const SHARED = '/aws/vendedlogs/states/shared';
/** The application whose name is the slug `Foo` gets from fileSlug. */
const FOO_SLUG = fileSlug('Foo');

/** An estate with every kind of collision issue 17 found. */
const ESTATE: Mapping[] = [
  // Gives the file's account to the API Gateway ARNs, which have none.
  { ResourceARN: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:anchor`, Tags: tags({ app: 'orders' }) },
  // Two REST APIs of one name: their stages have the same name and metrics.
  restStage('bbbbbbbbbb', 'orders'),
  restStage('aaaaaaaaaa', 'billing'),
  // Applications whose names clean to one composite alarm name.
  queue('pay-quote', 'pay"ments'),
  queue('pay-underscore', 'pay_ments'),
  // An application that is the slug of another.
  queue('foo-upper', 'Foo'),
  queue('foo-slug', FOO_SLUG),
  // Windows device names as applications.
  queue('con-queue', 'con'),
  queue('aux-queue', 'AUX'),
  // An application called like the overview dashboard.
  queue('overview-queue', 'overview'),
  // Two state machines logging to one log group, and one on its own.
  stateMachine('flow-a', SHARED),
  stateMachine('flow-b', SHARED),
  stateMachine('flow-c', '/aws/vendedlogs/states/own'),
];

function run(mappings: Mapping[], options: { config?: (c: Config) => void; previous?: Manifest; blueprints?: BlueprintSource[] } = {}) {
  const { result, diags } = generateFor(mappings, {
    ...(options.blueprints ? { blueprints: options.blueprints } : {}),
    config: (c) => {
      c.output.targets = ['cloudformation', 'terraform'];
      options.config?.(c);
    },
    ...(options.previous ? { previous: options.previous } : {}),
  });
  expect(diags.items.filter((d) => d.severity === 'error')).toEqual([]);
  const files = result!.files;
  const manifest = manifestFromFiles(files.map((f) => [f.path, f.content] as const));
  return { files, manifest };
}

const templates = (files: readonly OutputFile[]) =>
  files.filter((f) => f.path.startsWith('cloudformation/') && f.path.endsWith('.yaml') && !f.path.endsWith('.import.yaml'));

/** Every logical id, per template, and every alarm name (metric and composite), per scope. */
function cloudFormationNames(files: readonly OutputFile[]) {
  const logicalIds: string[][] = [];
  const alarmNames = new Map<string, string[]>();
  for (const f of templates(files)) {
    const template = parseTemplate(f.path, f.content) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    logicalIds.push(Object.keys(template.Resources));
    const scope = f.path.split('/').slice(1, 3).join('/');
    for (const r of Object.values(template.Resources)) {
      if (r.Type === 'AWS::CloudWatch::Alarm' || r.Type === 'AWS::CloudWatch::CompositeAlarm') alarmNames.set(scope, [...(alarmNames.get(scope) ?? []), r.Properties['AlarmName'] as string]);
    }
  }
  return { logicalIds, alarmNames };
}

const duplicates = (list: readonly string[]) => list.filter((x, i) => list.indexOf(x) !== i);

const cfn = need('cfn-lint', cfnLintTool());
const tf = need('terraform', terraformTool());

/** Runs the real cfn-lint over the templates (each against its region); its findings, one per line (empty: none). */
function lintFindings(files: readonly OutputFile[]): string {
  if (!cfn.tool) return '';
  const dir = writeTree(templates(files).map((f) => [f.path, f.content]), 'obsgen-cfn-lint-');
  const paths = templates(files).map((f) => join(dir, f.path));
  return [...byRegion(paths)]
    .flatMap(([region, list]) => cfnLint(cfn.tool!, list, [region]))
    .map((m) => `${m.rule} ${m.file}:${m.line} ${m.message}`)
    .join('\n');
}

describe('names that would collide are told apart', () => {
  it('the collision estate generates (no error), with every name unique and both targets valid', async () => {
    const { files, manifest } = run(ESTATE);
    const { logicalIds, alarmNames } = cloudFormationNames(files);
    for (const ids of logicalIds) expect(duplicates(ids)).toEqual([]);
    for (const names of alarmNames.values()) expect(duplicates(names)).toEqual([]);
    // Both REST stages are monitored, each with its own alarms, ids and names.
    const stages = manifest.alarms.filter((a) => a.resource.includes('/restapis/') && a.id.endsWith('/server-errors'));
    expect(stages.map((a) => a.resource).sort()).toEqual([restStage('aaaaaaaaaa', '').ResourceARN, restStage('bbbbbbbbbb', '').ResourceARN]);
    expect(new Set(stages.map((a) => a.id)).size).toBe(2);
    expect(new Set(stages.map((a) => a.name)).size).toBe(2);
    // The first by ARN keeps the name it would have alone; the other's says which one it is.
    const first = stages.find((a) => a.resource.includes('aaaaaaaaaa'))!;
    expect(first.name).toBe('obsgen/apigateway:rest-stage/orders/prod/server-errors');
    expect(first.id).toBe(`${ACCOUNT}/eu-west-1/apigateway:rest-stage/orders/prod/server-errors`);
    expect(stages.find((a) => a.resource.includes('bbbbbbbbbb'))!.name).toMatch(/^obsgen\/apigateway:rest-stage\/orders\/prod\/server-errors-[0-9a-f]{8}$/);
    // Ids (and so outputs and threshold overrides) are unique too.
    expect(duplicates(manifest.alarms.map((a) => a.id))).toEqual([]);

    // Terraform: HCL, the provider schema, `terraform fmt`, and no address declared twice.
    expect(await validateTerraformOutput(files.filter((f) => f.path.startsWith('terraform/')).map((f) => [f.path, f.content]))).toEqual([]);
    // CloudFormation: the repository's validator, then AWS's own linter (E3019: unique AlarmName).
    expect(validateTemplates(files.map((f) => [f.path, f.content]))).toEqual([]);
    expect(lintFindings(files)).toBe('');
  });

  it.skipIf(tf.skip)('real Terraform validates the collision estate, imports included', () => {
    const { files } = run(ESTATE);
    const module = files.filter((f) => /^terraform\/[^/]+\.tf$/.test(f.path)).map((f) => [`module/${f.path.slice('terraform/'.length)}`, f.content] as [string, string]);
    const imports = files.find((f) => f.path === 'terraform/root-imports/imports.tf')?.content;
    const versions = files.find((f) => f.path === 'terraform/versions.tf')!.content;
    const root = rootCalling([{ name: 'obsgen', source: './module', aliases: declaredAliases(versions), ...(imports ? { imports } : {}) }]);
    expect(terraformValidate(tf.tool!, writeTree([...root, ...module]))).toEqual([]);
  }, 180_000);

  it.skipIf(cfn.skip)('cfn-lint is run for real and reports two alarms of one name (the check can fail)', () => {
    const { files } = run([queue('a', 'shop'), queue('b', 'shop')]);
    const alarms = templates(files).find((f) => f.path.endsWith('obsgen-alarms-01.yaml'))!;
    const names = [...alarms.content.matchAll(/AlarmName: (.+)/g)].map((m) => m[1]!);
    const broken = { ...alarms, content: alarms.content.replace(`AlarmName: ${names[1]!}`, `AlarmName: ${names[0]!}`) } as OutputFile;
    expect(lintFindings([broken])).toContain('E3019');
  });

  it('with an alarm name template that uses {{app}}, logical ids and addresses stay unique', async () => {
    const { files, manifest } = run(ESTATE, { config: (c) => void (c.naming.alarmName = '{{prefix}}{{app}}/{{resource.name}}/{{alarm.id}}') });
    for (const ids of cloudFormationNames(files).logicalIds) expect(duplicates(ids)).toEqual([]);
    const tf = files.filter((f) => f.path.startsWith('terraform/'));
    const addresses: string[] = [];
    for (const f of tf.filter((x) => x.path.endsWith('.tf'))) {
      const body = (await parseHcl(f.path, f.content)) as { resource?: Record<string, Record<string, unknown>> };
      for (const [type, named] of Object.entries(body.resource ?? {})) addresses.push(...Object.keys(named).map((n) => `${type}.${n}`));
    }
    expect(addresses.length).toBeGreaterThan(manifest.alarms.length);
    expect(duplicates(addresses)).toEqual([]);
    expect(await validateTerraformOutput(tf.map((f) => [f.path, f.content]))).toEqual([]);
    expect(lintFindings(files)).toBe('');
  });

  it('told-apart alarm names stay within CloudWatch\'s 255 characters', () => {
    const long = 'n'.repeat(250);
    const stage = (id: string): Mapping => ({ ResourceARN: `arn:aws:apigateway:eu-west-1::/restapis/${id}/stages/prod`, Tags: tags({ app: 'orders', 'obsgen:api-name': long }) });
    const { manifest } = run([ESTATE[0]!, stage('aaaaaaaaaa'), stage('bbbbbbbbbb')]);
    const names = manifest.alarms.filter((a) => a.resource.includes('/restapis/')).map((a) => a.name);
    expect(names.length).toBe(10);
    expect(duplicates(names)).toEqual([]);
    for (const n of names) expect([...n].length).toBeLessThanOrEqual(255);
  });

  it('applications whose names clean to one composite alarm name get distinct composites', () => {
    const { manifest } = run(ESTATE);
    const composites = manifest.composites.map((c) => c.name);
    expect(duplicates(composites)).toEqual([]);
    // The name that needed no cleaning keeps it.
    expect(composites).toContain('obsgen/application/pay_ments/critical');
    expect(composites.filter((n) => n.startsWith('obsgen/application/pay_ments/critical-'))).toHaveLength(1);
    // Composite names never clash with metric alarm names (one CloudWatch namespace).
    const alarms = new Set(manifest.alarms.map((a) => `${a.account}/${a.region}/${a.name}`));
    for (const c of manifest.composites) expect(alarms.has(`${c.account}/${c.region}/${c.name}`)).toBe(false);
  });

  it('a metric alarm named like a composite leaves the composite another name', () => {
    const { manifest } = run([queue('q', 'shop')], { config: (c) => void (c.naming.alarmName = '{{prefix}}application/{{app}}/critical') });
    // Both SQS alarms and the composite would be obsgen/application/shop/critical.
    const names = [...manifest.alarms.map((a) => a.name), ...manifest.composites.map((c) => c.name)];
    expect(names.length).toBeGreaterThan(2);
    expect(duplicates(names)).toEqual([]);
    expect(manifest.alarms.map((a) => a.name)).toContain('obsgen/application/shop/critical');
  });

  it('file names are distinct even where case is ignored, and none is a Windows device name', () => {
    const { files } = run(ESTATE);
    const paths = files.map((f) => f.path);
    expect(duplicates(paths.map((p) => p.toLowerCase()))).toEqual([]);
    for (const p of paths) {
      expect(isSafeOutputPath(p), p).toBe(true);
      for (const part of p.split('/')) expect(part.split('.')[0]!.toUpperCase(), p).not.toMatch(/^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])$/);
    }
    // `Foo` and the application named like its slug: one page each, the latter keeps its name.
    expect(paths).toContain(`monitoring/${FOO_SLUG}.md`);
    expect(paths.filter((p) => p.startsWith(`monitoring/${FOO_SLUG}`))).toHaveLength(2);
    expect(paths.filter((p) => p.startsWith(`terraform/alarms-${FOO_SLUG}`))).toHaveLength(2);
    // Device names are avoided only where they are one: `alarms-con.tf` is an ordinary name.
    expect(paths).not.toContain('monitoring/con.md');
    expect(paths.filter((p) => /^monitoring\/con-[0-9a-f]{8}\.md$/.test(p))).toHaveLength(1);
    expect(paths).toContain('terraform/alarms-con.tf');
    const index = files.find((f) => f.path === 'MONITORING.md')!.content;
    for (const p of paths.filter((x) => x.startsWith('monitoring/'))) expect(index).toContain(`](${p})`);
  });

  it('an application called overview does not take the overview dashboard\'s name', () => {
    const { manifest } = run(ESTATE);
    const names = manifest.dashboards.map((d) => d.name);
    expect(duplicates(names)).toEqual([]);
    expect(manifest.dashboards.find((d) => d.id.endsWith('/overview'))!.name).toBe('obsgen-overview-eu-west-1');
    expect(manifest.dashboards.find((d) => d.id.includes('/app/overview/'))!.name).toMatch(/^obsgen-overview-eu-west-1-[0-9a-f]{8}$/);
  });

  it('state machines that share a log group: one log group, each one\'s filter on it, and the docs say who shares it', () => {
    const { files, manifest } = run(ESTATE);
    expect(manifest.logGroups.filter((l) => l.name === SHARED)).toHaveLength(1);
    expect(manifest.logGroups.filter((l) => l.name === '/aws/vendedlogs/states/own')).toHaveLength(1);
    const filters = manifest.metricFilters.filter((f) => f.logGroup === SHARED);
    expect(filters.map((f) => f.metric).sort()).toEqual(['obsgen/Logs TaskFailures/flow-a', 'obsgen/Logs TaskFailures/flow-b']);
    // Filter names are unique per log group: the owner's keeps the plain one.
    expect(filters.map((f) => f.filterName).sort()).toEqual(['obsgen/task-failures', expect.stringMatching(/^obsgen\/task-failures-[0-9a-f]{8}$/)]);
    // Both alarms on the filters' metrics are there.
    expect(manifest.alarms.filter((a) => a.id.endsWith('/log-task-failures'))).toHaveLength(3);
    // In CloudFormation the log group is created once, and both filters refer to it in its stack.
    const stacks = templates(files).map((f) => parseTemplate(f.path, f.content) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> });
    const groups = stacks.flatMap((t) => Object.entries(t.Resources).filter(([, r]) => r.Type === 'AWS::Logs::LogGroup' && r.Properties['LogGroupName'] === SHARED));
    expect(groups).toHaveLength(1);
    const holder = stacks.find((t) => groups[0]![0] in t.Resources)!;
    const refs = Object.values(holder.Resources).filter((r) => r.Type === 'AWS::Logs::MetricFilter' && (r.Properties['LogGroupName'] as { Ref: string }).Ref === groups[0]![0]);
    expect(refs).toHaveLength(2);
    // The application page says which resources share it, under each of them.
    const page = files.find((f) => f.path === 'monitoring/flows.md')!.content;
    const lines = page.split('\n').filter((l) => l.startsWith('Log group `') && l.includes('is shared by'));
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toContain(SHARED.replace(/_/g, '\\_'));
    for (const l of lines) for (const name of ['flow-a', 'flow-b']) expect(l).toContain(`stateMachine:${name}`);
    expect(page).not.toMatch(/own.*is shared by/);
  });

  it('identical filters of resources that share a log group are generated once (each event counted once)', () => {
    // A blueprint whose filter's metric does not name the resource: two state machines on one
    // log group would otherwise get the same filter twice, and every failure would count twice.
    const text = readFileSync(join(REPO, 'src/services/states/step-functions-logs.yaml'), 'utf8').replace('name: "TaskFailures/{{resource.name}}"', 'name: "TaskFailures"');
    expect(text).toContain('name: "TaskFailures"');
    const { manifest } = run([stateMachine('flow-a', SHARED), stateMachine('flow-b', SHARED)], { blueprints: [{ file: '/blueprints/logs.yaml', text, builtin: false }] });
    expect(manifest.logGroups).toHaveLength(1);
    expect(manifest.metricFilters.map((f) => [f.logGroup, f.filterName, f.metric])).toEqual([[SHARED, 'obsgen/task-failures', 'obsgen/Logs TaskFailures']]);
    // Each state machine still has its alarm (on the one metric).
    expect(manifest.alarms.map((a) => a.resource).sort()).toEqual([stateMachine('flow-a', '').ResourceARN, stateMachine('flow-b', '').ResourceARN]);
  });

  it('names stay put from night to night: a newcomer that sorts first does not take a name or a log group', () => {
    const before = run(ESTATE);
    // A third REST API of the same name, with an id that sorts before the others, and a state
    // machine that sorts first and names the shared log group.
    const more = [...ESTATE, restStage('0000000000', 'orders'), stateMachine('a-first', SHARED)];
    const after = run(more, { previous: before.manifest });
    const byId = (m: Manifest) => new Map(m.alarms.map((a) => [a.id, a.name]));
    for (const [id, name] of byId(before.manifest)) expect(byId(after.manifest).get(id), id).toBe(name);
    expect(after.manifest.logGroups.filter((l) => l.name === SHARED).map((l) => l.id)).toEqual(before.manifest.logGroups.filter((l) => l.name === SHARED).map((l) => l.id));
    for (const f of before.manifest.metricFilters) expect(after.manifest.metricFilters.find((g) => g.id === f.id)?.filterName, f.id).toBe(f.filterName);
    // Without the previous run, the newcomer (first by ARN) would have taken them.
    const fresh = run(more);
    expect(fresh.manifest.logGroups.find((l) => l.name === SHARED)!.id).toContain('a-first');
  });

  it('a resource without alarms keeps its id when a newcomer of the same name sorts first', () => {
    // Every alarm of the stage turned off: it still has its log group and its dashboard section,
    // and its id is in their ids (and their Terraform addresses and CloudFormation logical ids).
    const stage = restStage('bbbbbbbbbb', 'orders');
    const quiet: Mapping = { ...stage, Tags: [...(stage.Tags ?? []), ...tags({ 'obsgen:disable': 'client-errors,server-errors,latency,no-traffic,configuration-errors', 'obsgen:slo:availability': 'none', 'obsgen:slo:latency': 'none' })] };
    const estate = [ESTATE[0]!, quiet];
    const before = run(estate);
    const arn = quiet.ResourceARN;
    expect(before.manifest.alarms.filter((a) => a.resource === arn)).toEqual([]);
    const idOf = (m: Manifest) => m.resources.find((r) => r.arn === arn)!.id;
    const logGroupsOf = (m: Manifest) => m.logGroups.filter((l) => l.id.startsWith(`${idOf(m)}/`)).map((l) => l.id);
    expect(logGroupsOf(before.manifest)).not.toEqual([]);
    const after = run([...estate, restStage('0000000000', 'billing')], { previous: before.manifest });
    expect(idOf(after.manifest)).toBe(idOf(before.manifest));
    expect(logGroupsOf(after.manifest)).toEqual(logGroupsOf(before.manifest));
    // Without the previous run, the newcomer (first by ARN) would have taken the id.
    expect(idOf(run([...estate, restStage('0000000000', 'billing')]).manifest)).not.toBe(idOf(before.manifest));
  });
});

describe('a shared log group whose owner goes', () => {
  type Template = { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
  /** Where each log group and metric filter is, as CloudFormation and Terraform know it: stack and logical id, address. */
  async function placed(files: readonly OutputFile[]) {
    const out = new Map<string, string>();
    for (const f of templates(files)) {
      for (const [id, r] of Object.entries((parseTemplate(f.path, f.content) as Template).Resources)) {
        if (r.Type === 'AWS::Logs::LogGroup') out.set(`cfn ${r.Properties['LogGroupName'] as string}`, `${f.path} ${id}`);
        if (r.Type === 'AWS::Logs::MetricFilter') out.set(`cfn ${r.Properties['FilterName'] as string}`, `${f.path} ${id}`);
      }
    }
    for (const f of files.filter((x) => x.path.endsWith('.tf'))) {
      const body = (await parseHcl(f.path, f.content)) as { resource?: Record<string, Record<string, [Record<string, unknown>]>> };
      for (const [type, named] of Object.entries(body.resource ?? {})) {
        for (const [name, [r]] of Object.entries(named)) {
          if (type === 'aws_cloudwatch_log_group') out.set(`tf ${r['name'] as string}`, `${type}.${name}`);
          if (type === 'aws_cloudwatch_log_metric_filter') out.set(`tf ${r['name'] as string}`, `${type}.${name}`);
        }
      }
    }
    return out;
  }

  it('keeps its id, stack, logical ids and addresses, and its filters theirs (CloudFormation would re-create and then delete them)', async () => {
    const before = run([stateMachine('flow-a', SHARED), stateMachine('flow-b', SHARED)]);
    // flow-a, first by ARN, owns it; it goes.
    expect(before.manifest.logGroups.map((l) => l.id)).toEqual([`${ACCOUNT}/eu-west-1/states:stateMachine/flow-a/logs/execution-logs`]);
    const after = run([stateMachine('flow-b', SHARED)], { previous: before.manifest });
    expect(after.manifest.logGroups.map((l) => l.id)).toEqual(before.manifest.logGroups.map((l) => l.id));
    // flow-b's filter is the one AWS knows by the plain name (flow-a's went with flow-a).
    const kept = before.manifest.metricFilters.find((f) => f.filterName === 'obsgen/task-failures')!;
    const now = after.manifest.metricFilters.find((f) => f.filterName === 'obsgen/task-failures')!;
    expect(now.id).toBe(kept.id);
    const [wasPlaced, isPlaced] = [await placed(before.files), await placed(after.files)];
    for (const what of [`cfn ${SHARED}`, `tf ${SHARED}`, 'cfn obsgen/task-failures', 'tf obsgen/task-failures']) {
      expect(wasPlaced.get(what), what).toBeDefined();
      expect(isPlaced.get(what), what).toBe(wasPlaced.get(what));
    }
    // flow-b's alarm watches the filter under its kept id, and the output stays valid.
    expect([...new Set(after.manifest.alarms.map((a) => a.resource))]).toEqual([stateMachine('flow-b', '').ResourceARN]);
    expect(validateTemplates(after.files.map((f) => [f.path, f.content]))).toEqual([]);
    expect(await validateTerraformOutput(after.files.filter((f) => f.path.startsWith('terraform/')).map((f) => [f.path, f.content]))).toEqual([]);
    expect(lintFindings(after.files)).toBe('');
    // And night after night the same.
    const again = run([stateMachine('flow-b', SHARED)], { previous: after.manifest });
    expect(again.files.map((f) => [f.path, f.content])).toEqual(after.files.map((f) => [f.path, f.content]));
  });

  it('a state machine renamed keeps the log group it names; a resource that now names another keeps its own ids', () => {
    const before = run([stateMachine('flow-a', SHARED)]);
    const renamed = run([stateMachine('flow-a2', SHARED)], { previous: before.manifest });
    expect(renamed.manifest.logGroups.map((l) => l.id)).toEqual(before.manifest.logGroups.map((l) => l.id));
    // flow-a still there, now on another log group: that one has flow-a's id; the old name, now
    // named by a newcomer, cannot have it too.
    const moved = run([stateMachine('flow-a', '/aws/vendedlogs/states/other'), stateMachine('flow-c', SHARED)], { previous: before.manifest });
    const ids = new Map(moved.manifest.logGroups.map((l) => [l.name, l.id]));
    expect(ids.get('/aws/vendedlogs/states/other')).toBe(before.manifest.logGroups[0]!.id);
    expect(ids.get(SHARED)).toContain('/flow-c/');
  });
});
