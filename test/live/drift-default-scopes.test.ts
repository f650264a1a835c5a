import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runObsgen } from '../helpers/cli.js';
import { tempDir } from '../helpers/files.js';
import { MOTO_ACCOUNT, startMoto } from '../helpers/moto.js';
import { pointSdkAt } from '../helpers/sdk-env.js';

/*
 * `drift` with no regions in the config and no --region checks the scopes the manifest was
 * generated for (against moto_server: the credentials' own account is moto's).
 */
describe('drift without configured regions', () => {
  it("checks the previous manifest's accounts and regions", async () => {
    const dir = tempDir();
    const fn = (region: string) => ({ ResourceARN: `arn:aws:lambda:${region}:${MOTO_ACCOUNT}:function:f`, Tags: [{ Key: 'app', Value: 'shop' }] });
    writeFileSync(join(dir, 'inv.json'), JSON.stringify({ ResourceTagMappingList: [fn('eu-west-1'), fn('us-east-1')] }));
    // No alarm actions, on purpose: the warning about that is not what this test is about.
    writeFileSync(join(dir, 'obsgen.config.yaml'), 'actions: { critical: "" }\n');
    const generated = await runObsgen(['generate', '--config', 'obsgen.config.yaml', '--inventory', 'inv.json', '--out', 'out', '--quiet'], dir);
    expect(generated.code, generated.stderr).toBe(0);

    const moto = await startMoto();
    const restore = pointSdkAt(moto.env('eu-west-1'));
    try {
      const run = await runObsgen(['drift', '--out', 'out'], dir);
      // Nothing was deployed: every generated alarm is missing, in both scopes, which is drift.
      expect(run.stdout).toContain('2 of 2 account/region scopes checked');
      expect(run.stdout).not.toContain('Nothing was checked');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
    } finally {
      restore();
      await moto.stop();
    }
  }, 60_000);
});
