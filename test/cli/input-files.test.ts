import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runObsgen } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/files.js';
import { REPO } from '../helpers/paths.js';

/*
 * Every JSON and YAML file obsgen reads goes through one reader: bytes that are not UTF-8, a
 * key given twice and nesting 100,000 levels deep are each an error at the file's line and
 * column (exit 2, nothing written), never replaced silently, settled silently or a crash.
 */

const EXAMPLE = join(REPO, 'examples/acme');
const DEEP = 100_000;

type Breakage = 'invalid UTF-8' | 'duplicate key' | 'deep nesting' | 'number too large';

/** Breaks a JSON or YAML text in one way, keeping it otherwise as it was. */
function broken(bytes: Buffer, yaml: boolean, how: Breakage): Buffer {
  const text = bytes.toString('utf8');
  switch (how) {
    case 'invalid UTF-8': {
      // A byte that is never UTF-8, inside the first quoted string.
      const at = text.indexOf('"') + 2;
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]);
    }
    case 'duplicate key':
      return Buffer.from(yaml ? `x: 1\nx: 2\n${text}` : text.replace('{', '{"x": 1, "x": 2, '));
    case 'deep nesting':
      return Buffer.from(yaml ? `x: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n${text}` : text.replace('{', `{"x": ${'['.repeat(DEEP)}${']'.repeat(DEEP)}, `));
    case 'number too large':
      // JSON only: YAML numbers are checked by the config and blueprint schemas (`must be number`).
      return Buffer.from(text.replace('{', '{"x": 1e999, '));
  }
}

const MESSAGES: Record<Breakage, RegExp> = {
  'invalid UTF-8': /:\d+:\d+: error: invalid UTF-8 \(byte 0xFF\)/,
  'duplicate key': /:\d+:\d+: error: duplicate key "x" \(first at line \d+, column \d+\)/,
  'deep nesting': /:\d+:\d+: error: nested more than \d+ levels deep/,
  'number too large': /:\d+:\d+: error: number 1e999 is too large/,
};

/** A file of the example (or of what a run made) that a case breaks, and how the run is started. */
interface Reader {
  name: string;
  /** The file to break, relative to the folder; created by `prepare` if needed. */
  file: string;
  yaml?: boolean;
  gzip?: boolean;
  args: string[];
  prepare?: (dir: string) => Promise<void> | void;
}

const CONFIG = ['--config', 'obsgen.config.yaml'];

/** The output folder's files, or undefined when there is none. */
const outputOf = (dir: string) => (existsSync(join(dir, 'out')) ? readTree(join(dir, 'out')) : undefined);

const READERS: Reader[] = [
  { name: 'the config (YAML)', file: 'obsgen.config.yaml', yaml: true, args: CONFIG },
  {
    name: 'the config (JSON)',
    file: 'obsgen.config.json',
    args: ['--config', 'obsgen.config.json'],
    prepare: (dir) => writeFileSync(join(dir, 'obsgen.config.json'), JSON.stringify({ inputs: { inventory: ['inventory/prod-eu-west-1.json'] } }, null, 2)),
  },
  {
    name: 'a blueprint',
    file: 'bp/custom.yaml',
    yaml: true,
    args: CONFIG,
    prepare: (dir) => {
      mkdirSync(join(dir, 'bp'));
      cpSync(join(REPO, 'src/services/sqs/sqs-queue.yaml'), join(dir, 'bp/custom.yaml'));
      writeFileSync(join(dir, 'obsgen.config.yaml'), `${readFileSync(join(dir, 'obsgen.config.yaml'), 'utf8')}\nblueprints:\n  paths: [bp]\n`);
    },
  },
  { name: 'an inventory', file: 'inventory/prod-eu-west-1.json', args: CONFIG },
  { name: 'existing log groups', file: 'log-groups/prod-eu-west-1.json', args: CONFIG },
  { name: 'metric history (gzipped)', file: 'metrics/111111111111-us-east-1.json.gz', gzip: true, args: CONFIG },
  {
    name: 'the previous manifest',
    file: 'out/obsgen.manifest.json',
    args: CONFIG,
    prepare: async (dir) => {
      expect((await runObsgen(['generate', ...CONFIG, '--out', 'out', '--quiet'], dir)).code).toBe(0);
    },
  },
  {
    name: 'a snapshot index',
    file: 'snap/obsgen.snapshot.json',
    args: [...CONFIG, '--snapshot', 'snap'],
    prepare: (dir) => {
      mkdirSync(join(dir, 'snap/inventory'), { recursive: true });
      cpSync(join(dir, 'inventory/prod-us-east-1.json'), join(dir, 'snap/inventory/111111111111-us-east-1.json'));
      const index = {
        generator: 'obsgen-snapshot',
        version: 1,
        scopes: [{ account: '111111111111', region: 'us-east-1', partition: 'aws', complete: true }],
        inventory: ['inventory/111111111111-us-east-1.json'],
        logGroups: [],
      };
      writeFileSync(join(dir, 'snap/obsgen.snapshot.json'), JSON.stringify(index, null, 2));
    },
  },
];

describe('every input file is read strictly: exit 2, file:line:col, nothing written', () => {
  const cases = READERS.flatMap((reader) =>
    (['invalid UTF-8', 'duplicate key', 'deep nesting', 'number too large'] as const).filter((how) => !(reader.yaml && how === 'number too large')).map((how) => ({ ...reader, how })),
  );

  it.each(cases)('$how in $name', async ({ file, yaml, gzip, args, prepare, how }) => {
    const dir = tempDir();
    cpSync(EXAMPLE, dir, { recursive: true });
    await prepare?.(dir);
    const path = join(dir, file);
    const raw = readFileSync(path);
    const bad = broken(gzip ? gunzipSync(raw) : raw, yaml ?? false, how);
    writeFileSync(path, gzip ? gzipSync(bad) : bad);
    const before = outputOf(dir);

    const run = await runObsgen(['generate', ...args, '--out', 'out'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('internal error');
    const line = run.stderr.split('\n').find((l) => l.startsWith(file) || l.includes(`${file}:`));
    expect(line, run.stderr).toBeDefined();
    expect(line).toMatch(MESSAGES[how]);
    expect(run.stderr).toContain('nothing was written');
    expect(outputOf(dir)).toEqual(before);
  });
});

describe('the snapshot index is obsgen\'s own file', () => {
  it('a scope without its fields stops the run (exit 2, nothing written)', async () => {
    const dir = tempDir();
    cpSync(EXAMPLE, dir, { recursive: true });
    await READERS.find((r) => r.name === 'a snapshot index')!.prepare!(dir);
    const index = join(dir, 'snap/obsgen.snapshot.json');
    writeFileSync(index, readFileSync(index, 'utf8').replace('"complete": true', '"complete": "yes"'));
    const run = await runObsgen(['generate', ...CONFIG, '--snapshot', 'snap', '--out', 'out'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('snap/obsgen.snapshot.json: error: each scope of a snapshot index needs account, region, partition (text) and complete (true or false)');
    expect(outputOf(dir)).toBeUndefined();
  });
});
