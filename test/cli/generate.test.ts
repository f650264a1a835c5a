import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runObsgen } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/files.js';
import { BIN, REPO } from '../helpers/paths.js';
import type { Manifest } from '../../src/state/manifest.js';
import { manifestIn } from '../helpers/manifest.js';

const EXAMPLE = join(REPO, 'examples/acme');

/** A copy of the example in a temp folder, to break on purpose. */
function exampleCopy(): string {
  const dir = tempDir();
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

function inventory(mappings: { ResourceARN: string; Tags?: { Key: string; Value: string }[] }[]): string {
  return JSON.stringify({ ResourceTagMappingList: mappings }, null, 2);
}

describe('obsgen generate on the example', () => {
  it('writes CloudFormation and a manifest, and a second run changes nothing', async () => {
    const out = tempDir();
    const first = await runObsgen(['generate', '--config', 'examples/acme/obsgen.config.yaml', '--out', out], REPO);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const tree = readTree(out);
    expect(tree.has('obsgen.manifest.json')).toBe(true);
    expect([...tree.keys()].filter((p) => p.startsWith('cloudformation/')).length).toBeGreaterThanOrEqual(3);
    const second = await runObsgen(['generate', '--config', 'examples/acme/obsgen.config.yaml', '--out', out], REPO);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('0 written, 0 removed');
    expect(readTree(out)).toEqual(tree);
  });

  it('writes the targets the config lists, and names an unknown one at its place in the config (exit 2, nothing written)', async () => {
    const dir = exampleCopy();
    const config = join(dir, 'obsgen.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('  format: both\n', '  targets: [terraform]\n'));
    const out = join(dir, 'out');
    const run = await runObsgen(['generate', '--config', config, '--out', out], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Terraform: one module for 3 account/region scopes');
    expect(run.stdout).not.toContain('CloudFormation:');
    const paths = [...readTree(out).keys()];
    expect(paths.some((p) => p.startsWith('terraform/'))).toBe(true);
    expect(paths.some((p) => p.startsWith('cloudformation/'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'obsgen.manifest.json'), 'utf8')).format).toBe('terraform');

    writeFileSync(config, readFileSync(config, 'utf8').replace('targets: [terraform]', 'targets: [terraform, pulumi]'));
    const bad = await runObsgen(['generate', '--config', config, '--out', join(dir, 'out2')], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/obsgen\.config\.yaml:\d+:\d+: error: output\.targets: unknown output target "pulumi" \(known: cloudformation, terraform\)/);
    expect(existsSync(join(dir, 'out2'))).toBe(false);
  });

  it('--check exits 1 on drift and writes nothing', async () => {
    const out = tempDir();
    await runObsgen(['generate', '--config', 'examples/acme/obsgen.config.yaml', '--out', out], REPO);
    const stack = [...readTree(out).keys()].find((p) => p.endsWith('.yaml'))!;
    writeFileSync(join(out, stack), 'edited by hand\n');
    const before = readTree(out);
    const check = await runObsgen(['generate', '--config', 'examples/acme/obsgen.config.yaml', '--out', out, '--check'], REPO);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`would write  ${stack}`);
    expect(readTree(out)).toEqual(before);
    rmSync(join(out, stack));
    expect((await runObsgen(['generate', '--config', 'examples/acme/obsgen.config.yaml', '--out', out, '--check'], REPO)).code).toBe(1);
  });

  it('files whose line endings Git converted to CRLF are named, with the fix, which Git then honours', async () => {
    // Git for Windows converts line endings on checkout by default (core.autocrlf=true): every
    // generated file then differs, every run rewrites it, and --check never passes.
    const repo = tempDir();
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    git('config', 'core.autocrlf', 'true');
    const out = join(repo, 'generated');
    const config = ['--config', join(EXAMPLE, 'obsgen.config.yaml'), '--out', 'generated'];
    expect((await runObsgen(['generate', ...config], repo)).code).toBe(0);
    git('add', '-A');
    git('commit', '-q', '-m', 'generated');
    const files = [...readTree(out).keys()];
    rmSync(out, { recursive: true });
    git('checkout', '--', '.');
    expect(readFileSync(join(out, 'MONITORING.md'), 'utf8')).toContain('\r\n');

    const check = await runObsgen(['generate', ...config, '--check'], repo);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`${files.length} of the files that differ had CRLF line endings where obsgen writes LF (`);
    expect(check.stdout).toContain(`is Git converting them (core.autocrlf)? A .gitattributes in generated/ with the line "* -text" keeps them as generated.`);
    const json = JSON.parse((await runObsgen(['generate', ...config, '--check', '--json'], repo)).stdout) as { summary: { lineEndings: string[] } };
    expect(json.summary.lineEndings).toEqual([...files].sort());

    // The fix it names, checked out again by Git: the files are as generated.
    writeFileSync(join(out, '.gitattributes'), '* -text\n');
    git('add', 'generated/.gitattributes');
    git('commit', '-q', '-m', 'keep generated files as they are');
    rmSync(out, { recursive: true });
    git('checkout', '--', '.');
    const fixed = await runObsgen(['generate', ...config, '--check'], repo);
    expect(fixed.stdout).toContain('is up to date.');
    expect(fixed.stdout).not.toContain('CRLF');
    expect(fixed.code).toBe(0);
    // (A file whose text changed is not blamed on line endings: test/write/output-dir.test.ts.)
  });

  it('writes JSON templates with --syntax json', async () => {
    const out = tempDir();
    const run = await runObsgen(['generate', '--config', 'examples/acme/obsgen.config.yaml', '--out', out, '--syntax', 'json'], REPO);
    expect(run.code).toBe(0);
    const templates = [...readTree(out)].filter(([p]) => p.startsWith('cloudformation/') && !p.endsWith('.resources-to-import.json'));
    expect(templates.length).toBeGreaterThan(0);
    for (const [path, text] of templates) {
      expect(path.endsWith('.json')).toBe(true);
      expect((JSON.parse(text) as { AWSTemplateFormatVersion: string }).AWSTemplateFormatVersion).toBe('2010-09-09');
    }
  });

  it('works with no config file at all, and warns that no alarm notifies anyone', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.json'), inventory([{ ResourceARN: 'arn:aws:lambda:eu-west-1:123456789012:function:solo', Tags: [] }]));
    const run = await runObsgen(['generate', '--inventory', 'x.json'], dir);
    expect(run.stderr).toBe(`warning: ${NO_ACTIONS(7)}\n`);
    expect(run.code).toBe(1);
    const tree = readTree(join(dir, 'generated'));
    const template = [...tree.entries()].find(([p]) => p.includes('obsgen-alarms-01'))![1];
    expect(template).toContain('AlarmName: obsgen/lambda:function/solo/errors');
  });

  it('does not warn about actions once the config sets one, even to "" (none, on purpose)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.json'), inventory([{ ResourceARN: 'arn:aws:lambda:eu-west-1:123456789012:function:solo', Tags: [] }]));
    writeFileSync(join(dir, 'obsgen.config.yaml'), 'tags: { application: app }\n');
    const unset = await runObsgen(['generate', '--inventory', 'x.json', '--out', 'a'], dir);
    expect(unset).toMatchObject({ code: 1, stderr: `obsgen.config.yaml:1:1: warning: ${NO_ACTIONS(7)}\n` });
    for (const actions of ['critical: "arn:aws:sns:eu-west-1:123456789012:pager"', 'critical: ""', 'application: ""']) {
      writeFileSync(join(dir, 'obsgen.config.yaml'), `actions:\n  ${actions}\n`);
      const run = await runObsgen(['generate', '--inventory', 'x.json', '--out', 'b', '--quiet'], dir);
      expect(run, actions).toMatchObject({ code: 0, stderr: '' });
    }
  });
});

/** The warning a run whose config sets no action gives (#19 item 2). */
const NO_ACTIONS = (alarms: number) =>
  `no alarm actions are configured, so none of the ${alarms} alarms notifies anyone. Fix: actions: { critical: "arn:{{partition}}:sns:{{region}}:{{account}}:<topic>" } in the config (critical: "" says none, on purpose).`;

describe('bad input: exit 2, a precise message, nothing written', () => {
  async function expectRejected(dir: string, args: string[], message: RegExp): Promise<void> {
    const out = join(dir, 'out');
    const run = await runObsgen(['generate', ...args, '--out', out], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('nothing was written');
    expect(() => readTree(out)).toThrow();
  }

  it('malformed YAML in the config', async () => {
    const dir = exampleCopy();
    writeFileSync(join(dir, 'obsgen.config.yaml'), 'inputs:\n  inventory: [a.json\nnaming: {}\n');
    await expectRejected(dir, ['--config', 'obsgen.config.yaml'], /^obsgen\.config\.yaml:\d+:\d+: error: /m);
  });

  it('an unknown key in the config', async () => {
    const dir = exampleCopy();
    const text = readFileSync(join(dir, 'obsgen.config.yaml'), 'utf8').replace('tags:\n', 'tags:\n  aplication: app\n');
    writeFileSync(join(dir, 'obsgen.config.yaml'), text);
    await expectRejected(dir, ['--config', 'obsgen.config.yaml'], /obsgen\.config\.yaml:\d+:3: error: tags: unknown key "aplication"/);
  });

  it('a schema violation in a user blueprint', async () => {
    const dir = exampleCopy();
    mkdirSync(join(dir, 'bp'));
    writeFileSync(
      join(dir, 'bp', 'custom.yaml'),
      'id: custom\nresourceType: lambda:function\ndescription: x\nalarms:\n  - id: slow\n    title: Slow\n    description: d\n    source: s\n    severity: critical\n    metric: { name: Duration, statistic: p99 }\n    period: 45\n    evaluationPeriods: 1\n    comparison: GreaterThanThreshold\n    threshold: 1\n    treatMissingData: ignore\n',
    );
    writeFileSync(join(dir, 'obsgen.config.yaml'), `${readFileSync(join(dir, 'obsgen.config.yaml'), 'utf8')}\nblueprints:\n  paths: [bp]\n`);
    await expectRejected(dir, ['--config', 'obsgen.config.yaml'], /bp\/custom\.yaml:11:13: error: alarms\[0\]\.period: /);
  });

  it('an inventory that is not the AWS CLI format', async () => {
    const dir = exampleCopy();
    writeFileSync(join(dir, 'inventory/prod-us-east-1.json'), '{\n  "logGroups": []\n}\n');
    await expectRejected(dir, ['--config', 'obsgen.config.yaml'], /inventory\/prod-us-east-1\.json:1:1: error: not an inventory/);
  });

  it('invalid JSON in an inventory', async () => {
    const dir = exampleCopy();
    writeFileSync(join(dir, 'inventory/prod-us-east-1.json'), '{\n  "ResourceTagMappingList": [\n    {"ResourceARN": "arn:aws:sqs:us-east-1:111111111111:q",}\n  ]\n}\n');
    await expectRejected(dir, ['--config', 'obsgen.config.yaml'], /inventory\/prod-us-east-1\.json:3:\d+: error: invalid JSON/);
  });

  it('a missing inventory file', async () => {
    const dir = exampleCopy();
    await expectRejected(dir, ['--config', 'obsgen.config.yaml', '--inventory', 'nope.json'], /nope\.json: error: cannot read: ENOENT/);
  });

  it('an existing file obsgen did not generate is never overwritten', async () => {
    const dir = exampleCopy();
    const out = join(dir, 'out');
    mkdirSync(join(out, 'cloudformation/111111111111/us-east-1'), { recursive: true });
    writeFileSync(join(out, 'cloudformation/111111111111/us-east-1/obsgen-alarms-01.yaml'), 'mine\n');
    const run = await runObsgen(['generate', '--config', 'obsgen.config.yaml', '--out', out], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('was not generated by obsgen');
    expect([...readTree(out).keys()]).toEqual(['cloudformation/111111111111/us-east-1/obsgen-alarms-01.yaml']);
  });

  it('a run the removal guard stops leaves the previous output exactly as it was', async () => {
    const dir = exampleCopy();
    const out = join(dir, 'out');
    expect((await runObsgen(['generate', '--config', 'obsgen.config.yaml', '--out', out, '--quiet'], dir)).code).toBe(0);
    const before = readTree(out);
    // Everything but one Lambda function disappears from one scope's inventory: far more than the guard allows.
    writeFileSync(join(dir, 'inventory/prod-eu-west-1.json'), inventory([{ ResourceARN: 'arn:aws:lambda:eu-west-1:111111111111:function:solo', Tags: [] }]));
    const run = await runObsgen(['generate', '--config', 'obsgen.config.yaml', '--out', out], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nothing was written');
    // No file changed, none added (no staging folder left behind either).
    expect(readTree(out)).toEqual(before);
  });
});

describe('override tags: a bad tag is a finding about one resource', () => {
  const F = 'arn:aws:lambda:eu-west-1:123456789012:function:f';
  const Q = 'arn:aws:sqs:eu-west-1:123456789012:q';
  const FINE = 'arn:aws:lambda:eu-west-1:123456789012:function:fine';
  const listing = (fThreshold: string) =>
    inventory([
      { ResourceARN: F, Tags: [{ Key: 'obsgen:threshold:errors', Value: fThreshold }] },
      { ResourceARN: Q, Tags: [{ Key: 'obsgen:severity:messages-visible', Value: 'urgent' }] },
      { ResourceARN: FINE, Tags: [{ Key: 'obsgen:threshold:errors', Value: '3' }] },
    ]);
  const alarm = (manifest: Manifest, arn: string, id: string) => manifest.alarms.find((a) => a.resource === arn && a.id.endsWith(`/${id}`))!;

  it('names the ARN and tag, says what the resource keeps, writes everything, exit 1; the previous value holds', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'inv.json'), listing('5'));
    expect((await runObsgen(['generate', '--inventory', 'inv.json', '--out', 'out', '--quiet'], dir)).code).toBe(1);

    // The team's threshold tag gets a typo (and an escape character): the alarm keeps 5.
    writeFileSync(join(dir, 'inv.json'), listing('5ms\u001b[31m'));
    const run = await runObsgen(['generate', '--inventory', 'inv.json', '--out', 'out'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${F} (tag "obsgen:threshold:errors"): warning: expected a number, got "5ms\\u001b[31m"; the alarm keeps 5, the threshold this tag gave it last run\n`);
    expect(run.stderr).toContain(`${Q} (tag "obsgen:severity:messages-visible"): warning: expected one of critical, warning, info, got "urgent"; the alarm keeps its severity of last run, warning\n`);
    // The escape character from the tag value never reaches the terminal.
    expect(run.stderr).not.toContain('\u001b');
    expect(run.stderr).not.toContain('nothing was written');
    const manifest = manifestIn(join(dir, 'out'));
    expect(manifest.resources.map((r) => r.arn).sort()).toEqual([F, FINE, Q]);
    expect(alarm(manifest, F, 'errors')).toMatchObject({ threshold: 5, provenance: { kind: 'tag', tag: 'obsgen:threshold:errors' } });
    expect(alarm(manifest, FINE, 'errors').threshold).toBe(3);
    expect(alarm(manifest, Q, 'messages-visible').severity).toBe('warning');

    // Without a previous run, the alarm keeps what it has without the tag.
    const fresh = await runObsgen(['generate', '--inventory', 'inv.json', '--out', 'fresh', '--quiet'], dir);
    expect(fresh.code).toBe(1);
    expect(fresh.stderr).toContain(`${F} (tag "obsgen:threshold:errors"): warning: expected a number, got "5ms\\u001b[31m"; the tag is ignored: the alarm keeps the threshold it has without it\n`);
    expect(alarm(manifestIn(join(dir, 'fresh')), F, 'errors').provenance.kind).not.toBe('tag');
  });

  it('with --strict, is an error: every bad tag is reported, nothing is written, exit 2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'inv.json'), listing('lots'));
    const run = await runObsgen(['generate', '--inventory', 'inv.json', '--out', 'out', '--strict'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${F} (tag "obsgen:threshold:errors"): error: expected a number, got "lots"\n`);
    expect(run.stderr).toContain(`${Q} (tag "obsgen:severity:messages-visible"): error: expected one of critical, warning, info, got "urgent"\n`);
    expect(run.stderr).toContain('nothing was written');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('config and blueprint errors still stop the run', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'inv.json'), listing('lots'));
    writeFileSync(join(dir, 'obsgen.config.yaml'), 'naming: { alarmName: "{{prefix}}{{nope}}" }\n');
    const run = await runObsgen(['generate', '--inventory', 'inv.json', '--out', 'out'], dir);
    expect(run.code).toBe(2);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('other commands', () => {
  it('validate checks config and blueprints without an inventory', async () => {
    const run = await runObsgen(['validate', '--config', 'examples/acme/obsgen.config.yaml'], REPO);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/blueprints: ok/);
  });

  it('inventory --json lists resources with blueprints and unmonitored ones with reasons', async () => {
    const run = await runObsgen(['inventory', '--config', 'examples/acme/obsgen.config.yaml', '--json'], REPO);
    expect(run.code).toBe(0);
    const data = JSON.parse(run.stdout) as { resources: { arn: string; blueprints: string[] }[]; unmonitored: { arn: string; reason: string }[] };
    expect(data.resources.length).toBeGreaterThanOrEqual(30);
    expect(data.resources.every((r) => r.blueprints.length > 0)).toBe(true);
    expect(data.unmonitored.find((u) => u.arn.includes(':function:load-test-driver'))?.reason).toContain('obsgen:monitor=false');
    expect(data.unmonitored.find((u) => u.arn.startsWith('arn:aws:kms'))?.reason).toContain('not supported');
  });

  it('--version, --help, and an unknown command', async () => {
    const version = await runObsgen(['--version'], REPO);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await runObsgen(['generate', '--help'], REPO);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--inventory');
    expect((await runObsgen(['frobnicate'], REPO)).code).toBe(2);
    expect((await runObsgen(['generate', '--format', 'xml'], REPO)).code).toBe(2);
  });

  it('the installed bin runs as a program with the right exit code', () => {
    const bin = BIN;
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const bad = spawnSync(process.execPath, [bin, 'generate', '--inventory', '/nonexistent.json', '--out', tempDir()], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });
});
