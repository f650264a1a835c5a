import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runObsgen } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/files.js';

/*
 * `generate --plan-markdown / --plan-json`: the plan of the run that writes the output, as
 * `obsgen plan` would have printed it before that run. The nightly job (examples/ci/nightly.yml)
 * then reads the accounts and builds everything once instead of three times.
 */

const CONFIG = ['actions:', '  critical: "arn:{{partition}}:sns:{{region}}:{{account}}:pager"', '  warning: "arn:{{partition}}:sns:{{region}}:{{account}}:alerts"', ''].join('\n');

function inventory(functions: string[]): string {
  return JSON.stringify({
    ResourceTagMappingList: functions.map((name) => ({ ResourceARN: `arn:aws:lambda:eu-west-1:123456789012:function:${name}`, Tags: [{ Key: 'app', Value: name.split('-')[0]! }] })),
  });
}

const FUNCTIONS = ['shop-api', 'shop-worker', 'pay-api', 'pay-cron', 'ops-sync'];

/** A folder with the config and a first night's output in `out/`. */
async function firstNight(): Promise<string> {
  const dir = tempDir();
  writeFileSync(join(dir, 'obsgen.config.yaml'), CONFIG);
  writeFileSync(join(dir, 'inv.json'), inventory(FUNCTIONS));
  const first = await runObsgen(['generate', '-i', 'inv.json', '--out', 'out', '--format', 'both'], dir);
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  return dir;
}

/** What `obsgen plan` prints for these inputs, as Markdown and as JSON (it writes nothing). */
async function planOf(dir: string, args: string[]): Promise<{ markdown: string; json: string; code: number }> {
  const markdown = await runObsgen(['plan', ...args, '--markdown'], dir);
  const json = await runObsgen(['plan', ...args, '--json'], dir);
  expect(json.code).toBe(markdown.code);
  return { markdown: markdown.stdout, json: json.stdout, code: json.code };
}

describe('generate --plan-markdown / --plan-json', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('writes what `plan` would have printed, and the output a plain generate writes', async () => {
    const dir = await firstNight();
    cpSync(join(dir, 'out'), join(dir, 'twin'), { recursive: true });
    writeFileSync(join(dir, 'inv.json'), inventory([...FUNCTIONS, 'shop-export']));
    const expected = await planOf(dir, ['-i', 'inv.json', '--out', 'out', '--format', 'both']);
    expect(expected.markdown).toContain('1 resource added');

    const run = await runObsgen(['generate', '-i', 'inv.json', '--out', 'out', '--format', 'both', '--plan-markdown', 'plans/plan.md', '--plan-json', 'plans/plan.json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'plans/plan.md'), 'utf8')).toBe(expected.markdown);
    expect(readFileSync(join(dir, 'plans/plan.json'), 'utf8')).toBe(expected.json);
    expect(JSON.parse(expected.json)).toMatchObject({ exitCode: 0, changed: true });

    const plain = await runObsgen(['generate', '-i', 'inv.json', '--out', 'twin', '--format', 'both'], dir);
    expect(plain.code).toBe(0);
    expect(readTree(join(dir, 'out'))).toEqual(readTree(join(dir, 'twin')));
    // No file of the job's beside the plans.
    expect([...readTree(join(dir, 'plans')).keys()].sort()).toEqual(['plan.json', 'plan.md']);
  });

  it('the next night, nothing changed: the plan says so, from a full run and from the manifest alone', async () => {
    const dir = await firstNight();
    const args = ['-i', 'inv.json', '--out', 'out', '--format', 'both'];
    const expected = await planOf(dir, args);
    expect(JSON.parse(expected.json)).toMatchObject({ exitCode: 0, changed: false });
    for (const incremental of ['0', '1']) {
      // 1: answered from the manifest (pipeline/unchanged.ts), which a source checkout only does when told.
      vi.stubEnv('OBSGEN_INCREMENTAL', incremental);
      const run = await runObsgen(['generate', ...args, '--plan-markdown', 'plan.md', '--plan-json', 'plan.json'], dir);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('0 written, 0 removed');
      expect(readFileSync(join(dir, 'plan.md'), 'utf8'), `OBSGEN_INCREMENTAL=${incremental}`).toBe(expected.markdown);
      expect(readFileSync(join(dir, 'plan.json'), 'utf8'), `OBSGEN_INCREMENTAL=${incremental}`).toBe(expected.json);
    }
  });

  it('when the guards stop the run, writes nothing to the output folder and the plan shows what they refused', async () => {
    const dir = await firstNight();
    const before = readTree(join(dir, 'out'));
    writeFileSync(join(dir, 'inv.json'), inventory(['shop-api']));
    const args = ['-i', 'inv.json', '--out', 'out', '--format', 'both'];
    const expected = await planOf(dir, args);
    expect(expected.code).toBe(2);
    expect(expected.markdown).toContain('4 resources removed');

    const run = await runObsgen(['generate', ...args, '--plan-markdown', 'plan.md', '--plan-json', 'plan.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('more than the guard allows');
    expect(run.stderr).toContain('nothing was written');
    expect(readTree(join(dir, 'out'))).toEqual(before);
    expect(readFileSync(join(dir, 'plan.md'), 'utf8')).toBe(expected.markdown);
    const json = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as { exitCode: number; changed: boolean; plan: unknown; diagnostics: { message: string }[] };
    const planned = JSON.parse(expected.json) as typeof json;
    expect(json.exitCode).toBe(2);
    expect(json.changed).toBe(true);
    expect(json.plan).toEqual(planned.plan);
    expect(json.diagnostics.map((d) => d.message)).toEqual(planned.diagnostics.map((d) => d.message));
  });

  it('a run that stops before it knows its plan (bad input) writes an empty Markdown plan and the error in the JSON', async () => {
    const dir = await firstNight();
    writeFileSync(join(dir, 'inv.json'), '{"ResourceTagMappingList": [');
    writeFileSync(join(dir, 'plan.md'), 'a stale plan from another night\n');
    const run = await runObsgen(['generate', '-i', 'inv.json', '--out', 'out', '--plan-markdown', 'plan.md', '--plan-json', 'plan.json'], dir);
    expect(run.code).toBe(2);
    expect(readFileSync(join(dir, 'plan.md'), 'utf8')).toBe('');
    const json = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as { exitCode: number; changed: boolean; plan?: unknown; diagnostics: { file?: string; severity: string }[] };
    expect(json).toMatchObject({ exitCode: 2, changed: false });
    expect(json.plan).toBeUndefined();
    expect(json.diagnostics.some((d) => d.severity === 'error' && d.file === 'inv.json')).toBe(true);
  });

  it('--max-chars shortens the Markdown plan as `plan --max-chars` does', async () => {
    const dir = await firstNight();
    writeFileSync(join(dir, 'inv.json'), inventory([...FUNCTIONS, ...Array.from({ length: 30 }, (_, i) => `shop-new${i}`)]));
    const expected = await runObsgen(['plan', '-i', 'inv.json', '--out', 'out', '--markdown', '--max-chars', '2000'], dir);
    expect(expected.stdout).toContain('more not listed');
    const run = await runObsgen(['generate', '-i', 'inv.json', '--out', 'out', '--plan-markdown', 'plan.md', '--max-chars', '2000'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'plan.md'), 'utf8')).toBe(expected.stdout);
  });

  it('refuses a plan file it could not use, before writing anything', async () => {
    const dir = await firstNight();
    writeFileSync(join(dir, 'inv.json'), inventory([...FUNCTIONS, 'shop-export']));
    const before = readTree(join(dir, 'out'));
    const refused = async (args: string[], message: string) => {
      const run = await runObsgen(['generate', '-i', 'inv.json', '--out', 'out', ...args], dir);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toContain(message);
      expect(readTree(join(dir, 'out')), args.join(' ')).toEqual(before);
    };
    await refused(['--max-chars', '5000'], 'error: --max-chars limits the Markdown plan: it needs --plan-markdown <file>');
    await refused(['--plan-markdown', 'p', '--plan-json', './p'], 'error: --plan-markdown and --plan-json name the same file (p)');
    await refused(['--plan-json', 'out/plan.json'], `error: --plan-json ${join(dir, 'out/plan.json')} is inside the output folder`);
    expect(existsSync(join(dir, 'out/plan.json'))).toBe(false);
    // A plan that cannot be written (its folder is a file) stops the run before the output folder changes.
    writeFileSync(join(dir, 'blocker'), '');
    await refused(['--plan-markdown', 'blocker/plan.md'], 'could not write the plan');
    mkdirSync(join(dir, 'ok'));
    const run = await runObsgen(['generate', '-i', 'inv.json', '--out', 'out', '--plan-markdown', 'ok/plan.md'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(readTree(join(dir, 'out'))).not.toEqual(before);
  });
});
