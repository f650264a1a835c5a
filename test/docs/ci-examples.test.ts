import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runObsgen } from '../helpers/cli.js';
import { REPO } from '../helpers/paths.js';

type Workflow = { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: { run?: string; if?: string; name?: string }[] }> };

function workflow(name: string): Workflow {
  return parse(readFileSync(join(REPO, 'examples/ci', name), 'utf8')) as Workflow;
}

/** Every `obsgen …` command line in a workflow's steps, as arguments. */
function obsgenCommands(w: Workflow): string[][] {
  // Messages (`echo`) name commands without running them.
  return runLines(w).filter((line) => !/^\s*echo /.test(line)).flatMap((line) => [...line.matchAll(/(?:^|[\s!(])obsgen ([^|>;&)]*)/g)].map((m) => m[1]!.trim().split(/\s+/)));
}

/** Every line the workflow's steps run, in order. */
function runLines(w: Workflow): string[] {
  return Object.values(w.jobs).flatMap((job) => job.steps.flatMap((s) => (s.run ?? '').split('\n')));
}

describe('CI examples', () => {
  it('every obsgen command they run exists with the options they pass', async () => {
    const commands = [...obsgenCommands(workflow('nightly.yml')), ...obsgenCommands(workflow('check.yml'))];
    expect(commands.map((c) => c[0])).toEqual(['generate', 'generate']);
    for (const [command, ...args] of commands) {
      const help = await runObsgen([command!, '--help'], REPO);
      expect(help.code, `obsgen ${command}`).toBe(0);
      for (const flag of args.filter((a) => a.startsWith('--'))) expect(help.stdout, `obsgen ${command} ${flag}`).toContain(`${flag} `);
    }
  });

  it('they install obsgen from the repository\'s lock file before running it, never with npx, which goes to the npm registry (obsgen is not on it)', () => {
    for (const name of ['nightly.yml', 'check.yml']) {
      const lines = runLines(workflow(name));
      expect(lines.filter((l) => /\bnpx\b/.test(l)), name).toEqual([]);
      const install = lines.indexOf('npm ci');
      expect(install, name).toBeGreaterThanOrEqual(0);
      expect(lines[install + 1], name).toBe('echo "$PWD/node_modules/.bin" >> "$GITHUB_PATH"');
      expect(lines.findIndex((l) => /(?:^|[\s!(])obsgen /.test(l)), name).toBeGreaterThan(install);
    }
  });

  it('the nightly job reads with an OIDC role, runs obsgen once, and proposes only when its plan says something changed', () => {
    const w = workflow('nightly.yml');
    expect(Object.keys(w.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(w.permissions['id-token']).toBe('write');
    // One run reads the accounts and builds everything: the plan comes from the run that writes.
    expect(obsgenCommands(w)).toEqual([['generate', '--quiet', '--plan-markdown', '"$RUNNER_TEMP/plan.md"', '--plan-json', '"$RUNNER_TEMP/plan.json"']]);
    const steps = w.jobs['regenerate']!.steps;
    const generate = steps.find((s) => s.name === 'Generate') as { id?: string; run?: string };
    expect(generate.id).toBe('generate');
    expect(generate.run).toContain('echo "changed=$(jq -r .changed "$RUNNER_TEMP/plan.json")" >> "$GITHUB_OUTPUT"');
    const propose = steps.find((s) => s.name === 'Open or update the pull request')!;
    expect(propose.if).toBe("steps.generate.outputs.changed == 'true'");
    expect(propose.run).toContain('--body-file "$RUNNER_TEMP/plan.md"');
  });

  it('the pull-request check runs generate --check', () => {
    const w = workflow('check.yml');
    expect(Object.keys(w.on)).toEqual(['pull_request']);
    expect(obsgenCommands(w)).toEqual([['generate', '--check', '--plan-markdown', '"$RUNNER_TEMP/plan.md"']]);
    expect(runLines(w).map((l) => l.trim())).toContain('cat "$RUNNER_TEMP/plan.md" >> "$GITHUB_STEP_SUMMARY"');
  });
});
