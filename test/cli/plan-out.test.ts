import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runObsgen } from '../helpers/cli.js';
import { tempDir } from '../helpers/files.js';

// No alarm actions, on purpose: the warning about that is not what this test is about.
const NO_ACTIONS = 'actions: { critical: "" }\n';
const INVENTORY = JSON.stringify({ ResourceTagMappingList: [{ ResourceARN: 'arn:aws:lambda:eu-west-1:123456789012:function:f', Tags: [{ Key: 'app', Value: 'shop' }] }] });

describe('plan --out', () => {
  it('a folder that does not exist is an error saying so (a mistyped --out), not a plan of a first run', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'inv.json'), INVENTORY);
    const run = await runObsgen(['plan', '--inventory', 'inv.json', '--out', 'genrated'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('genrated: error: no such output folder, so no previous run to compare with (check --out; to plan a first run, create the folder)\n');
    expect(run.stdout).toBe('');
  });

  it('an existing folder without a manifest plans a first run', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'inv.json'), INVENTORY);
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'obsgen.config.yaml'), NO_ACTIONS);
    const run = await runObsgen(['plan', '--config', 'obsgen.config.yaml', '--inventory', 'inv.json', '--out', 'out', '--json'], dir);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { changed: boolean }).changed).toBe(true);
  });
});
