/**
 * The README example's committed output (generated/terraform) applied for real into moto by
 * Terraform, its existing log groups imported through the generated import blocks; then
 * `obsgen drift` over the example's manifest finds nothing. The live path (discovery through
 * moto, hand changes, gameday, faults) is in moto-deploy.test.ts.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runObsgen } from '../helpers/cli.js';
import { tempDir } from '../helpers/files.js';
import { motoCredentialsIn, motoProviderBlock, startMotoBehindProxy } from '../helpers/moto-proxy.js';
import type { MotoProxy } from '../helpers/moto-proxy.js';
import { REPO } from '../helpers/paths.js';
import { declaredAliases, rootCalling, terraformIn } from '../helpers/real-terraform.js';
import { motoTool, need, terraformTool } from '../helpers/tools.js';
import { manifestIn } from '../helpers/manifest.js';

const skip = need('moto_server', motoTool()).skip || need('terraform', terraformTool()).skip;
const manifest = manifestIn(join(REPO, 'generated'));
const scopes = [...new Set(manifest.alarms.map((a) => `${a.account}/${a.region}`))].sort();

let proxy: MotoProxy;
let stop: (() => Promise<void>) | undefined;


/** A root like examples/terraform-root, but with providers that reach moto and no overrides of the generated values. */
function root(dir: string): void {
  cpSync(join(REPO, 'generated/terraform'), join(dir, 'module'), { recursive: true });
  const module = { name: 'monitoring', source: './module', aliases: declaredAliases(readFileSync(join(dir, 'module/versions.tf'), 'utf8')), imports: readFileSync(join(dir, 'module/root-imports/imports.tf'), 'utf8') };
  for (const [path, text] of rootCalling([module], (alias, region) => motoProviderBlock(proxy.url, alias, region))) writeFileSync(join(dir, path), text);
}

describe.skipIf(skip !== false)('the README example, applied into moto', () => {
  beforeAll(async () => {
    const started = await startMotoBehindProxy('eu-west-1');
    proxy = started.proxy;
    stop = started.stop;
    // The log groups the example says exist (Lambda made them), where the manifest puts them.
    for (const lg of manifest.logGroups.filter((l) => l.exists)) {
      const [account, region] = lg.id.split('/');
      const logs = new CloudWatchLogsClient({ endpoint: proxy.url, region: region!, credentials: await motoCredentialsIn(proxy.url, account!) });
      await logs.send(new CreateLogGroupCommand({ logGroupName: lg.name }));
    }
  }, 120_000);

  afterAll(() => stop?.());

  it('terraform imports the existing log groups and creates the rest; drift then finds nothing', async () => {
    const dir = tempDir();
    const tf = join(dir, 'root');
    mkdirSync(tf);
    root(tf);
    const init = await terraformIn(tf, ['init', '-input=false', '-no-color']);
    expect(init.code, init.output).toBe(0);
    const apply = await terraformIn(tf, ['apply', '-auto-approve', '-input=false', '-no-color', '-parallelism=30']);
    expect(apply.code, apply.output.slice(-4000)).toBe(0);
    const imported = manifest.logGroups.filter((l) => l.exists).length;
    expect(apply.output).toMatch(new RegExp(`Apply complete! Resources: ${imported} imported, \\d+ added, \\d+ changed, 0 destroyed`));

    // drift reads the example's manifest and the alarms moto now holds, through the same roles.
    cpSync(join(REPO, 'generated'), join(dir, 'out'), { recursive: true });
    const accounts = [...new Set(scopes.map((s) => s.split('/')[0]))];
    const regions = [...new Set(scopes.map((s) => s.split('/')[1]))];
    writeFileSync(
      join(dir, 'obsgen.config.yaml'),
      `source:\n  type: aws\n  regions: [${regions.join(', ')}]\n  accounts: [${accounts.map((a) => `"${a}"`).join(', ')}]\n  roleArn: "arn:{{partition}}:iam::{{account}}:role/obsgen-readonly"\n`,
    );
    const drift = await runObsgen(['drift', '--out', 'out'], dir);
    expect(drift.stdout).toContain(`${scopes.length} of `);
    expect(drift.stdout).toContain('No drift.');
    expect(drift.code).toBe(0);
    expect(proxy.composites.size).toBe(manifest.composites.length);
  }, 600_000);
});
