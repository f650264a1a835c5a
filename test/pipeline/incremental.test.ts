import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { historyJson } from '../../src/tune/history.js';
import { OutputDir } from '../../src/write/output-dir.js';
import { PAGE_LIMITS } from '../../src/targets/docs/monitoring.js';
import type { Manifest } from '../../src/state/manifest.js';
import { runObsgen } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/files.js';

/*
 * Rendering only what a change touches (src/targets/render-key.ts), against the full run: from a
 * small random estate, a random sequence of changes (resources added and removed, tags that
 * shape the output, metric history of a tuned alarm, options, generated files edited or deleted
 * by hand), each step run twice over the same folder: once keeping files whose render key is the
 * recorded one, once rendering everything (OBSGEN_INCREMENTAL=0). The folders must be the same
 * byte for byte, and the first must have rendered only files the second rendered, never one whose
 * key is the recorded one with the folder's file intact.
 *
 * "The full run" is over the same folder and previous manifest, not from scratch: the previous
 * manifest shapes the output by design (stacks keep their units, thresholds their hysteresis,
 * names their holders), so a run from an empty folder may lay out other stacks.
 */

const ACCOUNT = '123456789012';
const REGIONS = ['eu-west-1', 'us-east-1'] as const;
const APPS = ['shop', 'pay', 'ops'] as const;
const ENVS = ['prod', 'dev'] as const;
const DAY0 = Date.UTC(2026, 9, 1) / 1000;
const POINTS = 14 * 1440;

interface Res {
  kind: 'fn' | 'queue';
  name: string;
  region: (typeof REGIONS)[number];
  tags: Record<string, string>;
}

interface Estate {
  resources: Res[];
  /** Height of each function's error bursts (its Errors history, which the errors alarm tunes from). */
  bursts: Record<string, number>;
  options: { notifyOnOk: boolean; layout: 'module' | 'module-per-scope'; retentionDays: number; maxResourcesPerStack: number; syntax: 'yaml' | 'json' };
}

const arnOf = (r: Res) => (r.kind === 'fn' ? `arn:aws:lambda:${r.region}:${ACCOUNT}:function:${r.name}` : `arn:aws:sqs:${r.region}:${ACCOUNT}:${r.name}`);

/** Writes the estate's inputs: config, an inventory and a metric history file per region, existing log groups. */
function writeEstate(dir: string, e: Estate): void {
  mkdirSync(join(dir, 'in'), { recursive: true });
  const inventory: string[] = [];
  const metrics: string[] = [];
  for (const region of REGIONS) {
    const mine = e.resources.filter((r) => r.region === region);
    const inv = `in/inventory-${region}.json`;
    writeFileSync(join(dir, inv), JSON.stringify({ ResourceTagMappingList: mine.map((r) => ({ ResourceARN: arnOf(r), Tags: Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value })) })) }));
    inventory.push(inv);
    const series = mine
      .filter((r) => r.kind === 'fn' && e.bursts[r.name] !== undefined)
      .map((r) => {
        const height = e.bursts[r.name]!;
        const values = Float64Array.from({ length: POINTS }, (_, i) => (i % 240 < 6 ? height : 0));
        return { metric: { kind: 'single' as const, metric: { namespace: 'AWS/Lambda', name: 'Errors', dimensions: [{ name: 'FunctionName', value: r.name }], statistic: 'Sum' } }, period: 60, start: DAY0, values };
      });
    const met = `in/metrics-${region}.json`;
    writeFileSync(join(dir, met), historyJson(series));
    metrics.push(met);
  }
  // fn-0's log group exists already in eu-west-1: imported (CloudFormation import files, root-imports/imports.tf).
  writeFileSync(
    join(dir, 'in/log-groups.json'),
    JSON.stringify({ logGroups: [{ logGroupName: '/aws/lambda/fn-0', arn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/lambda/fn-0:*`, retentionInDays: 7 }] }),
  );
  const o = e.options;
  writeFileSync(
    join(dir, 'obsgen.config.yaml'),
    [
      'inputs:',
      `  inventory: [${inventory.join(', ')}]`,
      `  metrics: [${metrics.join(', ')}]`,
      '  logGroups: [in/log-groups.json]',
      'tags: { application: app, environment: env }',
      'actions:',
      '  critical: "arn:{{partition}}:sns:{{region}}:{{account}}:pager"',
      '  warning: "arn:{{partition}}:sns:{{region}}:{{account}}:alerts"',
      `  notifyOnOk: ${o.notifyOnOk}`,
      'tuning: { hysteresis: 0.1, lookbackDays: 14 }',
      `logs: { retentionDays: ${o.retentionDays} }`,
      'output:',
      '  format: both',
      `  cloudformation: { maxResourcesPerStack: ${o.maxResourcesPerStack}, syntax: ${o.syntax} }`,
      `  terraform: { layout: ${o.layout} }`,
      '',
    ].join('\n'),
  );
}

type Change =
  | { kind: 'add'; res: Res }
  | { kind: 'remove'; at: number }
  | { kind: 'tag'; at: number; key: string; value: string | undefined }
  | { kind: 'history'; at: number; height: number | undefined }
  | { kind: 'option'; option: Partial<Estate['options']> }
  | { kind: 'edit'; at: number }
  | { kind: 'delete'; at: number };

const name = (kind: Res['kind']) => fc.integer({ min: 0, max: 9 }).map((i) => `${kind}-${i}`);
const res = fc.oneof(fc.constant('fn' as const), fc.constant('queue' as const)).chain((kind) =>
  fc.record({
    kind: fc.constant(kind),
    name: name(kind),
    region: fc.constantFrom(...REGIONS),
    tags: fc.record({ app: fc.constantFrom(...APPS), env: fc.constantFrom(...ENVS) }),
  }),
);
const index = fc.nat({ max: 1000 });
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), res }),
  fc.record({ kind: fc.constant('remove' as const), at: index }),
  fc
    .tuple(
      index,
      fc.oneof(
        fc.record({ key: fc.constant('app'), value: fc.constantFrom<string | undefined>(...APPS) }),
        fc.record({ key: fc.constant('env'), value: fc.constantFrom<string | undefined>(...ENVS) }),
        // A threshold override (also on a queue, where no alarm has that id: it shapes nothing).
        fc.record({ key: fc.constant('obsgen:threshold:errors'), value: fc.option(fc.constantFrom('2', '5', '10'), { nil: undefined }) }),
        fc.record({ key: fc.constant('obsgen:threshold:oldest-message-age'), value: fc.option(fc.constantFrom('60', '600'), { nil: undefined }) }),
      ),
    )
    .map(([at, kv]): Change => ({ kind: 'tag', at, ...kv })),
  fc.record({ kind: fc.constant('history' as const), at: index, height: fc.option(fc.constantFrom(1, 3, 8, 8.5, 40), { nil: undefined }) }),
  fc.record({
    kind: fc.constant('option' as const),
    option: fc.oneof(
      fc.boolean().map((notifyOnOk) => ({ notifyOnOk })),
      fc.constantFrom('module' as const, 'module-per-scope' as const).map((layout) => ({ layout })),
      fc.constantFrom(14, 30).map((retentionDays) => ({ retentionDays })),
      fc.constantFrom(20, 40).map((maxResourcesPerStack) => ({ maxResourcesPerStack })),
      fc.constantFrom('yaml' as const, 'json' as const).map((syntax) => ({ syntax })),
    ),
  }),
  fc.record({ kind: fc.constant('edit' as const), at: index }),
  fc.record({ kind: fc.constant('delete' as const), at: index }),
);

const estate: fc.Arbitrary<Estate> = fc.record({
  resources: fc.uniqueArray(res, { minLength: 2, maxLength: 6, selector: (r) => `${r.kind}/${r.region}/${r.name}` }),
  bursts: fc.dictionary(name('fn'), fc.constantFrom(1, 3, 8, 40), { maxKeys: 4 }),
  options: fc.record({ notifyOnOk: fc.boolean(), layout: fc.constantFrom('module' as const, 'module-per-scope' as const), retentionDays: fc.constantFrom(14, 30), maxResourcesPerStack: fc.constantFrom(20, 40), syntax: fc.constantFrom('yaml' as const, 'json' as const) }),
});

/** Applies a change to the estate (inputs) or to the output folder (hand edits). */
function apply(e: Estate, c: Change, out: string): void {
  const files = existsSync(out) ? [...readTree(out).keys()].filter((p) => p !== 'obsgen.manifest.json').sort() : [];
  const pick = <T>(list: readonly T[], at: number) => (list.length === 0 ? undefined : list[at % list.length]);
  switch (c.kind) {
    case 'add':
      if (!e.resources.some((r) => arnOf(r) === arnOf(c.res))) e.resources.push(structuredClone(c.res));
      break;
    case 'remove':
      // At least one resource stays: an estate with none is a guard's business, not this test's.
      if (e.resources.length > 1) e.resources.splice(c.at % e.resources.length, 1);
      break;
    case 'tag': {
      const r = pick(e.resources, c.at);
      if (!r) break;
      if (c.value === undefined) delete r.tags[c.key];
      else r.tags[c.key] = c.value;
      break;
    }
    case 'history': {
      const r = pick(e.resources.filter((x) => x.kind === 'fn'), c.at);
      if (!r) break;
      if (c.height === undefined) delete e.bursts[r.name];
      else e.bursts[r.name] = c.height;
      break;
    }
    case 'option':
      Object.assign(e.options, c.option);
      break;
    case 'edit': {
      const f = pick(files, c.at);
      if (f) writeFileSync(join(out, f), `${readFileSync(join(out, f), 'utf8')}\nedited by hand\n`);
      break;
    }
    case 'delete': {
      const f = pick(files, c.at);
      if (f) rmSync(join(out, f));
      break;
    }
  }
}

const put = vi.spyOn(OutputDir.prototype, 'put');

/** `generate` in `dir`, with files kept by key (incremental) or all rendered; the paths it rendered. */
async function generate(dir: string, incremental: boolean): Promise<{ code: number; rendered: Set<string>; output: string }> {
  vi.stubEnv('OBSGEN_INCREMENTAL', incremental ? '1' : '0');
  put.mockClear();
  const run = await runObsgen(['generate', '--config', 'obsgen.config.yaml', '--out', 'out', '--allow-removals'], dir);
  vi.unstubAllEnvs();
  return { code: run.code, rendered: new Set(put.mock.calls.map((c) => c[0])), output: run.stdout + run.stderr };
}

/** The files a run must render: those without a recorded key equal to this run's, or not intact in the folder. */
function mustRender(before: Map<string, string>, previous: Manifest | undefined, after: Manifest): Set<string> {
  const recorded = new Map((previous?.files ?? []).map((f) => [f.path, f]));
  const sha = (text: string) => createHashHex(text);
  return new Set(
    after.files
      .filter((f) => {
        const r = recorded.get(f.path);
        const intact = before.has(f.path) && r !== undefined && sha(before.get(f.path)!) === r.sha256;
        return !(f.render !== undefined && r?.render === f.render && intact);
      })
      .map((f) => f.path),
  );
}

function createHashHex(text: string): string {
  return createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('an incremental run', () => {
  // Pages small enough that an application of two resources or more continues on parts (a page
  // and its parts are kept or rendered together: render-key.ts, `files`).
  const bytes = PAGE_LIMITS.bytes;
  beforeAll(() => void (PAGE_LIMITS.bytes = 6_000));
  afterAll(() => void (PAGE_LIMITS.bytes = bytes));

  it('writes what a full run writes, and renders only what its keys say changed', async () => {
    let steps = 0;
    let saved = 0;
    let parted = 0;
    await fc.assert(
      fc.asyncProperty(estate, fc.array(change, { minLength: 1, maxLength: 5 }), async (start, changes) => {
        const dir = tempDir('obsgen-incr-');
        dirs.push(dir);
        const e = structuredClone(start);
        writeEstate(dir, e);
        expect((await generate(dir, false)).code).toBe(0);
        for (const c of changes) {
          const out = join(dir, 'out');
          apply(e, c, out);
          writeEstate(dir, e);
          const before = readTree(out);
          const previous = before.has('obsgen.manifest.json') ? (JSON.parse(before.get('obsgen.manifest.json')!) as Manifest) : undefined;
          // The full run, over a copy of the folder as it is now.
          const copy = tempDir('obsgen-incr-full-');
          dirs.push(copy);
          cpSync(dir, copy, { recursive: true });
          const full = await generate(copy, false);
          const incr = await generate(dir, true);
          expect(incr.code, `${JSON.stringify(c)}\n${incr.output}`).toBe(full.code);
          expect(readTree(out), JSON.stringify(c)).toEqual(readTree(join(copy, 'out')));
          if (incr.code !== 0) continue;
          steps++;
          const after = JSON.parse(readTree(out).get('obsgen.manifest.json')!) as Manifest;
          // Rendered only files the full run rendered, and exactly those the keys call for
          // (plus the files that have no key, and the manifest), unless the unchanged-run
          // fast path answered (then nothing was rendered at all).
          for (const p of incr.rendered) expect(full.rendered.has(p), p).toBe(true);
          if (incr.rendered.size > 0) {
            const expected = mustRender(before, previous, after);
            expect([...incr.rendered].filter((p) => p !== 'obsgen.manifest.json').sort(), JSON.stringify(c)).toEqual([...expected].sort());
          }
          saved += full.rendered.size - incr.rendered.size;
          if (after.files.some((f) => f.path.startsWith('monitoring/parts/'))) parted++;
        }
      }),
      { numRuns: 12 },
    );
    // The property is not vacuous: steps ran to the end, files were kept, and pages had parts.
    expect(steps).toBeGreaterThan(10);
    expect(saved).toBeGreaterThan(0);
    expect(parted).toBeGreaterThan(0);
  }, 120_000);

  it('with one function added, renders its stack, its files and its page, not the others', async () => {
    const dir = tempDir('obsgen-incr-');
    dirs.push(dir);
    const e: Estate = {
      resources: [
        ...Array.from({ length: 6 }, (_, i): Res => ({ kind: 'fn', name: `fn-${i}`, region: 'eu-west-1', tags: { app: APPS[i % 3]!, env: 'prod' } })),
        { kind: 'queue', name: 'queue-0', region: 'us-east-1', tags: { app: 'pay', env: 'prod' } },
      ],
      bursts: { 'fn-1': 3 },
      options: { notifyOnOk: true, layout: 'module', retentionDays: 30, maxResourcesPerStack: 40, syntax: 'yaml' },
    };
    writeEstate(dir, e);
    const first = await generate(dir, false);
    expect(first.code).toBe(0);
    e.resources.push({ kind: 'fn', name: 'fn-9', region: 'eu-west-1', tags: { app: 'ops', env: 'prod' } });
    writeEstate(dir, e);
    const run = await generate(dir, true);
    expect(run.code).toBe(0);
    const rendered = [...run.rendered].sort();
    // Not rendered: the other applications' pages and alarms files, the other region's stacks.
    for (const p of ['monitoring/shop.md', 'monitoring/pay.md', 'terraform/alarms-shop.tf', 'terraform/alarms-pay.tf']) expect(rendered).not.toContain(p);
    expect(rendered.filter((p) => p.startsWith(`cloudformation/${ACCOUNT}/us-east-1/`))).toEqual([]);
    // Rendered: what holds the new function.
    expect(rendered).toContain('monitoring/ops.md');
    expect(rendered).toContain('terraform/alarms-ops.tf');
    expect(rendered.length).toBeLessThan(first.rendered.size);
  }, 60_000);
});
