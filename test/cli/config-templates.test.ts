import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runObsgen } from '../helpers/cli.js';
import { tempDir } from '../helpers/files.js';

/*
 * A typo in naming.alarmName (`{{aap}}`) used to pass `validate`, and `generate` then reported
 * it once per alarm, at the built-in blueprint files. It is the config's error: once, at the
 * template in the config file, exit 2, nothing written.
 */

const CONFIG = 'naming:\n  alarmName: "{{aap}}-{{alarm.id}}"\n';

function folder(): string {
  const dir = tempDir();
  const arns = ['orders', 'billing'].map((q) => `arn:aws:sqs:eu-west-1:123456789012:${q}`);
  writeFileSync(join(dir, 'inv.json'), JSON.stringify({ ResourceTagMappingList: arns.map((ResourceARN) => ({ ResourceARN, Tags: [{ Key: 'app', Value: 'shop' }] })) }));
  writeFileSync(join(dir, 'obsgen.config.yaml'), CONFIG);
  return dir;
}

const EXPECTED = 'obsgen.config.yaml:2:14: error: naming.alarmName: template: unknown variable "aap" (the template can use resource, tags, app, env, prefix, alarm), at line 1, column 3 of the template';

describe('an unknown variable in naming.alarmName', () => {
  it('validate reports it once, at the config file, exit 2', async () => {
    const run = await runObsgen(['validate', '--config', 'obsgen.config.yaml'], folder());
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n').filter((l) => l.includes('error'))).toEqual([EXPECTED]);
  });

  it('generate reports it once, at the config file, exit 2, nothing written', async () => {
    const dir = folder();
    const run = await runObsgen(['generate', '--config', 'obsgen.config.yaml', '--inventory', 'inv.json', '--out', 'out'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').filter((l) => l.includes('error'))).toEqual([EXPECTED]);
    expect(run.stderr).not.toContain('blueprint');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
