import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { STAGE_PROGRESS_FROM } from '../../src/cli/live-report.js';
import { tempDir } from '../helpers/files.js';
import { lambdas } from '../helpers/pipeline.js';

/** Runs the CLI in-process as on a terminal (or not), recording stderr and its line erasures. */
async function run(args: string[], cwd: string, isTty: boolean) {
  let stdout = '';
  let stderr = '';
  let cleared = 0;
  const code = await runCli(args, {
    cwd,
    isTty,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    clearLine: () => void ((cleared += 1), (stderr += '<clear>')),
  });
  return { code, stdout, stderr, cleared };
}

function project(resources: number): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'inv.json'), JSON.stringify({ ResourceTagMappingList: lambdas(resources) }));
  // No alarm actions, on purpose: the warning about that is not what this test is about.
  writeFileSync(join(dir, 'obsgen.config.yaml'), 'actions: { critical: "" }\n');
  return dir;
}

describe('progress of a file-based run', () => {
  it(`on a terminal, from ${STAGE_PROGRESS_FROM} resources: each stage on one stderr line, erased before the summary; stdout clean`, async () => {
    const dir = project(STAGE_PROGRESS_FROM);
    const r = await run(['generate', '--config', 'obsgen.config.yaml', '--inventory', 'inv.json', '--out', 'out'], dir, true);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`<clear>${STAGE_PROGRESS_FROM} resources: match (step 2 of 11)`);
    expect(r.stderr).toContain(`<clear>${STAGE_PROGRESS_FROM} resources: emit (step 8 of 11)`);
    // The line is erased last: nothing is left on it.
    expect(r.stderr.endsWith('<clear>')).toBe(true);
    expect(r.stdout).toMatch(/^obsgen: 1000 resources monitored/);
    expect(r.stdout).not.toContain('step');

    // Not on a terminal (a CI log), or with --quiet: nothing.
    const logged = await run(['generate', '--config', 'obsgen.config.yaml', '--inventory', 'inv.json', '--out', 'out2'], dir, false);
    expect(logged.stderr).toBe('');
    expect(logged.cleared).toBe(0);
    const quiet = await run(['generate', '--config', 'obsgen.config.yaml', '--inventory', 'inv.json', '--out', 'out3', '--quiet'], dir, true);
    expect(quiet.stderr).toBe('');
  }, 120_000);

  it('small inputs: nothing, even on a terminal', async () => {
    const r = await run(['generate', '--config', 'obsgen.config.yaml', '--inventory', 'inv.json', '--out', 'out'], project(STAGE_PROGRESS_FROM - 1), true);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.cleared).toBe(0);
  }, 120_000);
});
