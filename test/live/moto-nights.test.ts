/**
 * Two nights as real Terraform sees them: night A's modules applied into moto, then the plan of
 * night B's. An object AWS knows by a name (a log group, a metric filter on it, an alarm) must
 * never be deleted under one address and created under another in the same plan: Terraform
 * runs both at once, so the creation fails (the name exists) or the deletion removes by name
 * what the creation just made. Then night B applies, and a second plan finds nothing to do.
 *
 * Each scenario is its own generated module, in its own account, and one root calls both: every
 * Terraform command starts the AWS provider (1 to 2 s of CPU each, several times per command),
 * so one root halves the commands (one scenario per root took 74 s on an idle machine, 130 s in
 * a loaded CI run; both in one root take about half).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlueprintSource } from '../../src/blueprints/load.js';
import type { Manifest } from '../../src/state/manifest.js';
import { tempDir } from '../helpers/files.js';
import { manifestFromFiles } from '../helpers/manifest.js';
import { motoProviderBlock, startMotoBehindProxy } from '../helpers/moto-proxy.js';
import type { MotoProxy } from '../helpers/moto-proxy.js';
import { generateFor } from '../helpers/pipeline.js';
import type { Mapping } from '../helpers/pipeline.js';
import { declaredAliases, rootCalling, terraformIn } from '../helpers/real-terraform.js';
import { motoTool, need, terraformTool } from '../helpers/tools.js';

const skip = need('moto_server', motoTool()).skip || need('terraform', terraformTool()).skip;
/** The account of the shared log group's scenario, and of the scenario with 100 critical alarms. */
const ACCOUNT = '123456789012';
const BULK_ACCOUNT = '210987654321';
const SHARED = '/aws/vendedlogs/states/shared';
const tags = (o: Record<string, string>) => Object.entries(o).map(([Key, Value]) => ({ Key, Value }));
const stateMachine = (name: string): Mapping => ({
  ResourceARN: `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:${name}`,
  Tags: tags({ app: 'flows', 'obsgen:log-group': SHARED }),
});
const queue = (name: string, account = ACCOUNT, app = 'shop'): Mapping => ({ ResourceARN: `arn:aws:sqs:eu-west-1:${account}:${name}`, Tags: tags({ app }) });

/** A blueprint with one critical alarm per queue: an application's composite alarm has one child per queue. */
const ONE_CRITICAL = `
id: queue-backlog
resourceType: sqs:queue
description: One critical alarm per queue, for composite alarms with many children.
alarms:
  - id: backlog
    title: Messages waiting
    severity: critical
    description: "{{resource.name}} has messages waiting."
    source: "a test blueprint"
    metric: { name: ApproximateNumberOfMessagesVisible, statistic: Maximum }
    period: 60
    evaluationPeriods: 5
    datapointsToAlarm: 5
    comparison: GreaterThanThreshold
    threshold: 100
    treatMissingData: notBreaching
`;
const bulkQueues = (n: number) => Array.from({ length: n }, (_, i) => queue(`q-${String(i).padStart(3, '0')}`, BULK_ACCOUNT, 'bulk'));
const BULK_BLUEPRINTS = [{ file: '/blueprints/queue-backlog.yaml', text: ONE_CRITICAL, builtin: false }];

let proxy: MotoProxy;
let stop: (() => Promise<void>) | undefined;

/** A night's Terraform module (with the built-in blueprints, or those given). */
function night(mappings: Mapping[], previous?: Manifest, blueprints?: BlueprintSource[]): { module: [string, string][]; manifest: Manifest } {
  const { result, diags } = generateFor(mappings, {
    config: (c) => void (c.output.targets = ['terraform']),
    ...(previous ? { previous } : {}),
    ...(blueprints ? { blueprints } : {}),
  });
  expect(diags.items.filter((d) => d.severity === 'error')).toEqual([]);
  const files = result!.files;
  return {
    module: files.filter((f) => f.path.startsWith('terraform/') && f.path.endsWith('.tf')).map((f) => [f.path.slice('terraform/'.length), f.content]),
    manifest: manifestFromFiles(files.map((f) => [f.path, f.content] as const)),
  };
}

/** Each scenario's module, by the name the root calls it. */
type Modules = Record<string, [string, string][]>;

/** Writes each module under `root/<name>` (replacing the last night's) and a root calling them with providers that reach moto. */
function writeRoot(root: string, modules: Modules): void {
  for (const [name, module] of Object.entries(modules)) {
    rmSync(join(root, name), { recursive: true, force: true });
    for (const [path, text] of module) {
      mkdirSync(dirname(join(root, name, path)), { recursive: true });
      writeFileSync(join(root, name, path), text);
    }
  }
  const calls = Object.keys(modules).map((name) => ({ name, source: `./${name}`, aliases: declaredAliases(readFileSync(join(root, name, 'versions.tf'), 'utf8')) }));
  for (const [path, text] of rootCalling(calls, (alias, region) => motoProviderBlock(proxy.url, alias, region))) {
    writeFileSync(join(root, path), text);
  }
}

interface ResourceChange {
  address: string;
  type: string;
  change: { actions: string[]; before: Record<string, unknown> | null; after: Record<string, unknown> | null };
}

/** What AWS knows an object by, for the types whose names are their identity there. */
function awsName(type: string, values: Record<string, unknown>): string | undefined {
  if (type === 'aws_cloudwatch_log_group') return `log group ${values['name'] as string}`;
  if (type === 'aws_cloudwatch_log_metric_filter') return `filter ${values['log_group_name'] as string} ${values['name'] as string}`;
  if (type === 'aws_cloudwatch_metric_alarm' || type === 'aws_cloudwatch_composite_alarm') return `alarm ${values['alarm_name'] as string}`;
  return undefined;
}

/** Applies night A's modules into moto (a fresh root). */
async function applied(modules: Modules): Promise<string> {
  const root = join(tempDir('obsgen-nights-tf-'), 'root');
  mkdirSync(root, { recursive: true });
  writeRoot(root, modules);
  const init = await terraformIn(root, ['init', '-input=false', '-no-color']);
  expect(init.code, init.output).toBe(0);
  const apply = await terraformIn(root, ['apply', '-auto-approve', '-input=false', '-no-color', '-parallelism=20']);
  expect(apply.code, apply.output.slice(-4000)).toBe(0);
  return root;
}

/** The objects a plan creates and deletes, by what AWS knows them by: none may be in both. */
function createdAndDeleted(changes: readonly ResourceChange[]): { created: Set<string>; deleted: Set<string> } {
  const named = (action: 'create' | 'delete', side: 'before' | 'after') =>
    new Set(changes.filter((c) => c.change.actions.includes(action) && c.change[side]).map((c) => awsName(c.type, c.change[side]!)).filter((n) => n !== undefined));
  const created = named('create', 'after');
  const deleted = named('delete', 'before');
  expect([...created].filter((n) => deleted.has(n))).toEqual([]);
  return { created, deleted };
}

/** Applies the saved plan; then a new plan has nothing to do (moto holds what was written). */
async function applyPlanned(root: string): Promise<void> {
  const second = await terraformIn(root, ['apply', '-auto-approve', '-input=false', '-no-color', 'night.plan']);
  expect(second.code, second.output.slice(-4000)).toBe(0);
  const again = await terraformIn(root, ['plan', '-detailed-exitcode', '-input=false', '-no-color']);
  expect(again.code, again.output.split('\n').filter((l) => /will be|must be|~ |-> /.test(l)).join('\n')).toBe(0);
}

/** Night B's plan over night A's state: its resource changes. */
async function plan(root: string): Promise<ResourceChange[]> {
  const planned = await terraformIn(root, ['plan', '-input=false', '-no-color', '-out=night.plan']);
  expect(planned.code, planned.output.slice(-4000)).toBe(0);
  const shown = await terraformIn(root, ['show', '-json', 'night.plan']);
  expect(shown.code, shown.output.slice(-2000)).toBe(0);
  return (JSON.parse(shown.output) as { resource_changes?: ResourceChange[] }).resource_changes ?? [];
}

/** The changes to one module's resources. */
const inModule = (changes: readonly ResourceChange[], name: string) => changes.filter((c) => c.address.startsWith(`module.${name}.`));

describe.skipIf(skip !== false)('two nights applied by real Terraform into moto', () => {
  let root: string;
  let changes: ResourceChange[];

  // Night A of both scenarios applied; night B planned over it.
  // - logs: the state machine that owned a shared log group goes, and a queue comes.
  // - bulk: an application goes from 100 critical alarms to 101.
  beforeAll(async () => {
    const started = await startMotoBehindProxy('eu-west-1');
    proxy = started.proxy;
    stop = started.stop;
    const logsA = night([stateMachine('flow-a'), stateMachine('flow-b'), queue('orders')]);
    const bulkA = night(bulkQueues(100), undefined, BULK_BLUEPRINTS);
    root = await applied({ logs: logsA.module, bulk: bulkA.module });
    const logsB = night([stateMachine('flow-b'), queue('orders'), queue('payments')], logsA.manifest);
    const bulkB = night(bulkQueues(101), bulkA.manifest, BULK_BLUEPRINTS);
    writeRoot(root, { logs: logsB.module, bulk: bulkB.module });
    changes = await plan(root);
  }, 600_000);

  afterAll(() => stop?.());

  it('nothing AWS knows by a name is deleted under one address and created under another', () => {
    createdAndDeleted(changes);
  });

  it('the state machine that owned a shared log group goes: nothing AWS knows by name is re-created', () => {
    const mine = inModule(changes, 'logs');
    const { created, deleted } = createdAndDeleted(mine);
    // The log group itself is not touched, and something did change (the check saw a plan).
    expect(mine.filter((c) => c.type === 'aws_cloudwatch_log_group').map((c) => c.change.actions)).toEqual([['no-op']]);
    expect([...created].some((n) => n.includes('payments'))).toBe(true);
    expect([...deleted].some((n) => n.includes('flow-a'))).toBe(true);
  });

  it('an application passes 100 critical alarms: the composite alarm that pages is updated, and a second one added', () => {
    const mine = inModule(changes, 'bulk');
    const { created, deleted } = createdAndDeleted(mine);
    const composites = mine
      .filter((c) => c.type === 'aws_cloudwatch_composite_alarm')
      .map((c) => [String((c.change.after ?? c.change.before)!['alarm_name']), c.change.actions] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    expect(composites).toEqual([
      ['obsgen/application/bulk/critical', ['update']],
      ['obsgen/application/bulk/critical-2', ['create']],
    ]);
    expect(deleted).toEqual(new Set());
    expect(created).toContain('alarm obsgen/sqs:queue/q-100/backlog');
  });

  it('night B applies, and a second plan has nothing to do', async () => {
    await applyPlanned(root);
  }, 600_000);
});
