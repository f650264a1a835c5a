import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildModel } from '../../src/model/build.js';
import type * as ModelBuild from '../../src/model/build.js';
import type * as PackageRoot from '../../src/package-root.js';
import { runObsgen } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/files.js';
import { REPO } from '../helpers/paths.js';

// The model stage, counted: an unchanged run must not build it (not a timing, a fact).
vi.mock('../../src/model/build.js', async (original) => {
  const m = await original<typeof ModelBuild>();
  return { ...m, buildModel: vi.fn(m.buildModel) };
});
// The tool version, changeable: a new version must not reuse an old version's output.
const tool = vi.hoisted(() => ({ version: undefined as string | undefined }));
vi.mock('../../src/package-root.js', async (original) => {
  const m = await original<typeof PackageRoot>();
  return {
    PACKAGE_ROOT: m.PACKAGE_ROOT,
    get PACKAGE_VERSION() {
      return tool.version ?? m.PACKAGE_VERSION;
    },
  };
});

const built = vi.mocked(buildModel);

/** Runs the CLI in `cwd` with the fast path on (a source checkout has it off unless asked), or off. */
async function obsgen(cwd: string, args: string[], incremental = true) {
  vi.stubEnv('OBSGEN_INCREMENTAL', incremental ? '1' : '0');
  built.mockClear();
  const run = await runObsgen(args, cwd);
  return { ...run, builtModel: built.mock.calls.length > 0 };
}

let root: string;
const out = () => join(root, 'out');
const generate = ['generate', '--config', 'acme/obsgen.config.yaml', '--out', 'out'];
const plan = ['plan', '--config', 'acme/obsgen.config.yaml', '--out', 'out'];

// The example and its first full run, made once: each test starts from a copy (a full run of
// the example costs seconds, and the tests make enough of them already).
let template: string;
beforeAll(async () => {
  template = tempDir();
  cpSync(join(REPO, 'examples/acme'), join(template, 'acme'), { recursive: true });
  trimExample(join(template, 'acme'));
  const first = await obsgen(template, generate);
  expect(first.code).toBe(0);
  expect(first.builtModel).toBe(true);
  vi.unstubAllEnvs();
});

afterAll(() => rmSync(template, { recursive: true, force: true }));

/**
 * The example cut to a few resources per inventory and their metric history: every kind of
 * input is still there (three inventories, log groups, history that tuning reads), and a full
 * run, which most tests make more than once, costs a fraction of the whole example's.
 */
function trimExample(dir: string): void {
  const names = new Set<string>();
  for (const file of ['prod-eu-west-1', 'prod-us-east-1', 'staging-eu-west-1'].map((f) => join(dir, 'inventory', `${f}.json`))) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Listing;
    doc.ResourceTagMappingList = doc.ResourceTagMappingList.slice(0, 4);
    for (const r of doc.ResourceTagMappingList) names.add(r.ResourceARN.split(/[:/]/).pop()!);
    writeFileSync(file, JSON.stringify(doc, null, 2));
  }
  for (const file of ['111111111111-eu-west-1', '111111111111-us-east-1', '222222222222-eu-west-1'].map((f) => join(dir, 'metrics', `${f}.json.gz`))) {
    const doc = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { series: { dimensions?: Record<string, string> }[] };
    doc.series = doc.series.filter((s) => Object.values(s.dimensions ?? {}).some((v) => names.has(v.split('/').pop()!)));
    writeFileSync(file, gzipSync(JSON.stringify(doc)));
  }
}

beforeEach(() => {
  root = tempDir();
  cpSync(template, root, { recursive: true });
  tool.version = undefined;
});

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
});

/** The same command with the fast path off, over a copy of the folder as it is now: what a full run gives. */
async function fullRunOfCopy(args: string[]) {
  const copy = tempDir();
  cpSync(root, copy, { recursive: true });
  const run = await obsgen(copy, args, false);
  const tree = readTree(join(copy, 'out'));
  rmSync(copy, { recursive: true, force: true });
  return { ...run, tree };
}

describe('an unchanged run', () => {
  it('generate answers from the manifest, writes nothing, builds no model, and says what a full run says', async () => {
    const before = readTree(out());
    const full = await fullRunOfCopy(generate);
    const run = await obsgen(root, generate);
    expect(run.builtModel).toBe(false);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0 written, 0 removed');
    expect(run.stdout).toBe(full.stdout);
    expect(run.stderr).toBe(full.stderr);
    expect(readTree(out())).toEqual(before);
    const json = await obsgen(root, [...generate, '--json']);
    expect(json.builtModel).toBe(false);
    expect(json.stdout).toBe((await fullRunOfCopy([...generate, '--json'])).stdout);
  });

  it('generate --check and plan answer without building, as a full run does', async () => {
    for (const args of [[...generate, '--check'], plan, [...plan, '--json'], [...plan, '--markdown']]) {
      const full = await fullRunOfCopy(args);
      const run = await obsgen(root, args);
      expect(run.builtModel, args.join(' ')).toBe(false);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(full.stdout);
      expect(run.stderr).toBe(full.stderr);
    }
  });

  it('runs in full when the fast path is off (a source checkout, OBSGEN_INCREMENTAL=0)', async () => {
    expect((await obsgen(root, generate, false)).builtModel).toBe(true);
  });
});

const acme = (path: string) => join(root, 'acme', path);

interface Listing {
  ResourceTagMappingList: { ResourceARN: string; Tags: { Key: string; Value: string }[] }[];
}

function editJson(file: string, change: (doc: Listing) => void): void {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Listing;
  change(doc);
  writeFileSync(file, JSON.stringify(doc, null, 2));
}

/** Each change that must send the run back to a full one, and the command that then runs. */
/** One of the example's shards of the manifest (src/state/shards.ts). */
const SHARD = 'manifest/111111111111/eu-west-1.json';

const CHANGES: { name: string; change: () => void; args?: string[]; shapesNothing?: boolean; refused?: boolean }[] = [
  {
    name: 'a resource added to an inventory',
    change: () =>
      editJson(acme('inventory/prod-eu-west-1.json'), (d) =>
        d.ResourceTagMappingList.push({ ResourceARN: 'arn:aws:sqs:eu-west-1:111111111111:added-queue', Tags: [{ Key: 'app', Value: 'checkout' }, { Key: 'env', Value: 'prod' }] }),
      ),
  },
  {
    name: 'a tag changed',
    change: () => editJson(acme('inventory/prod-eu-west-1.json'), (d) => (d.ResourceTagMappingList[0]!.Tags.find((t) => t.Key === 'app')!.Value = 'catalog')),
  },
  {
    name: 'a tag that shapes nothing changed (the raw bytes are the key)',
    change: () => editJson(acme('inventory/prod-eu-west-1.json'), (d) => d.ResourceTagMappingList[0]!.Tags.push({ Key: 'git-sha', Value: 'abc123' })),
    shapesNothing: true,
  },
  {
    name: 'metric history changed',
    change: () => {
      const file = acme('metrics/111111111111-eu-west-1.json.gz');
      const doc = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { series: { values: (number | null)[] }[] };
      for (const s of doc.series) s.values = s.values.map((v) => (v === null ? v : v * 3 + 1));
      writeFileSync(file, gzipSync(JSON.stringify(doc)));
    },
  },
  { name: 'existing log groups changed', change: () => writeFileSync(acme('log-groups/staging-eu-west-1.json'), '{"logGroups": []}\n') },
  { name: 'the config changed', change: () => writeFileSync(acme('obsgen.config.yaml'), readFileSync(acme('obsgen.config.yaml'), 'utf8').replace('hysteresis: 0.1', 'hysteresis: 0.3')) },
  {
    name: 'output.browseUrl set (only descriptions change)',
    change: () => writeFileSync(acme('obsgen.config.yaml'), readFileSync(acme('obsgen.config.yaml'), 'utf8').replace(/^output:\n/m, 'output:\n  browseUrl: https://github.com/acme/infra/blob/main/generated/\n')),
  },
  {
    name: 'a blueprint added',
    change: () => {
      cpSync(join(REPO, 'src/services/sqs/sqs-queue.yaml'), acme('blueprints/sqs-queue.yaml'));
      writeFileSync(acme('obsgen.config.yaml'), `${readFileSync(acme('obsgen.config.yaml'), 'utf8')}\nblueprints:\n  paths: [blueprints]\n`);
    },
  },
  { name: 'the tool version changed', change: () => (tool.version = '99.0.0') },
  { name: 'another --format', change: () => undefined, args: [...generate, '--format', 'terraform'] },
  { name: 'another --syntax', change: () => undefined, args: [...generate, '--syntax', 'json'] },
  { name: 'a generated file edited by hand', change: () => writeFileSync(join(out(), 'MONITORING.md'), `${readFileSync(join(out(), 'MONITORING.md'), 'utf8')}\nedited\n`) },
  { name: 'a generated file deleted', change: () => rmSync(join(out(), 'terraform/outputs.tf')) },
  { name: 'the manifest edited by hand', change: () => writeFileSync(join(out(), 'obsgen.manifest.json'), readFileSync(join(out(), 'obsgen.manifest.json'), 'utf8').replace('"format": "both"', '"format": "both" ')) },
  { name: 'the manifest deleted', change: () => rmSync(join(out(), 'obsgen.manifest.json')) },
  // A shard the root does not vouch for: refused by a full run before any model (exit 2, nothing written).
  { name: 'a shard of the manifest edited by hand', change: () => writeFileSync(join(out(), SHARD), readFileSync(join(out(), SHARD), 'utf8').replace('"threshold":', '"threshold": ')), refused: true },
  { name: 'a shard of the manifest deleted', change: () => rmSync(join(out(), SHARD)), refused: true },
];

describe('what sends a run back to a full one', () => {
  for (const { name, change, args = generate, shapesNothing = false, refused = false } of CHANGES) {
    it(`${name}: ${refused ? 'refused as a full run refuses it' : "the model is built, and the output is a full run's"}`, async () => {
      const before = readTree(out());
      change();
      const full = await fullRunOfCopy(args);
      const run = await obsgen(root, args);
      expect(run.builtModel).toBe(!refused);
      if (refused) expect([run.code, readTree(out())]).toEqual([2, full.tree]);
      expect(run.code).toBe(full.code);
      expect(run.stdout).toBe(full.stdout);
      expect(run.stderr).toBe(full.stderr);
      expect(readTree(out())).toEqual(full.tree);
      if (shapesNothing) {
        // The output stays byte-identical, its manifest too: the previous key is kept, so the
        // run after it is a full one again (it cannot know these inputs give this output).
        expect(readTree(out())).toEqual(before);
        expect((await obsgen(root, args)).builtModel).toBe(true);
      } else if (run.code === 0) {
        // The run after it, on its own output, is unchanged again.
        expect((await obsgen(root, args)).builtModel).toBe(false);
      }
    });
  }

  it('--check exits 1 when a generated file was edited by hand', async () => {
    writeFileSync(join(out(), 'THRESHOLDS.md'), 'edited by hand\n');
    const run = await obsgen(root, [...generate, '--check']);
    expect(run.builtModel).toBe(true);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('would write  THRESHOLDS.md');
  });

  it('plan shows a changed input as a full run does', async () => {
    CHANGES[0]!.change();
    const full = await fullRunOfCopy(plan);
    const run = await obsgen(root, plan);
    expect(run.builtModel).toBe(true);
    expect(run.stdout).toBe(full.stdout);
    expect(run.stdout).toContain('added-queue');
  });
});
