import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runObsgen } from '../helpers/cli.js';
import { validateTemplates } from '../helpers/cloudformation-output.js';
import { readTree, tempDir } from '../helpers/files.js';
import { acmeFixture, LIVE_CONFIG, withFakeAws } from '../helpers/live.js';
import { validateTerraformOutput } from '../helpers/terraform-output.js';
import { manifestFromFiles } from '../helpers/manifest.js';

function project(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'obsgen.config.yaml'), LIVE_CONFIG);
  return dir;
}

// The acme estate, on the hand-written fake: moto's tagging API cannot list its API Gateway
// stages, so neither their enrichment (API names, and the target groups' load balancers beside
// them) nor a snapshot holding it can be checked against moto.
describe('generate --source aws over the wire', () => {
  it('discovers both accounts through their roles, enriches, imports existing log groups, and writes valid output', async () => {
    await withFakeAws(acmeFixture(), async (fake) => {
      const dir = project();
      const run = await runObsgen(['generate', '--out', 'out'], dir);
      expect(run.stderr).toMatch(/^aws: 4 scopes \(4 complete\)/m);
      expect(run.code).toBe(0);
      const files = [...readTree(join(dir, 'out'))];
      expect(validateTemplates(files)).toEqual([]);
      expect(await validateTerraformOutput(files)).toEqual([]);
      const manifest = manifestFromFiles(files);
      // Enrichment: the REST stages got their API names, the target groups their load balancers.
      expect(manifest.unmonitored.map((u) => u.arn)).not.toContain('arn:aws:apigateway:eu-west-1::/restapis/z9y8x7w6v5/stages/staging');
      expect(manifest.alarms.some((a) => a.metric.includes('ApiName=checkout-public-staging'))).toBe(true);
      expect(manifest.alarms.some((a) => a.id.includes('targetgroup/checkout-web-staging-tg'))).toBe(true);
      expect(manifest.alarms.some((a) => a.id.includes('apigateway:api/k1l2m3n4o5/execution-errors'))).toBe(true);
      // Existing log groups were looked up and are imported.
      expect(manifest.logGroups.filter((l) => l.exists).map((l) => l.name)).toEqual(
        expect.arrayContaining(['/aws/lambda/checkout-api', '/aws/lambda/catalog-api-staging', '/aws/vendedlogs/states/catalog-import']),
      );
      expect(manifest.scopes).toEqual([
        { partition: 'aws', account: '111111111111', region: 'eu-west-1', complete: true },
        { partition: 'aws', account: '111111111111', region: 'us-east-1', complete: true },
        { partition: 'aws', account: '222222222222', region: 'eu-west-1', complete: true },
        { partition: 'aws', account: '222222222222', region: 'us-east-1', complete: true },
      ]);
      // Every call was made with the assumed role's credentials, in the right account.
      const accounts = new Set(fake.calls.filter((c) => c.service !== 'sts').map((c) => c.account));
      expect([...accounts].sort()).toEqual(['111111111111', '222222222222']);
      // Only the resource types the blueprints cover are listed.
      expect(fake.calls.filter((c) => c.service === 'tagging').length).toBeGreaterThanOrEqual(4);
    });
  });

  it('snapshot, then an offline generate, gives exactly the live output', async () => {
    await withFakeAws(acmeFixture(), async () => {
      const dir = project();
      expect((await runObsgen(['generate', '--out', 'live', '--quiet'], dir)).code).toBe(0);
      const snap = await runObsgen(['snapshot', '--out', 'snap', '--quiet'], dir);
      expect(snap.code).toBe(0);
      const offline = await runObsgen(['generate', '--snapshot', 'snap', '--out', 'offline', '--quiet'], dir);
      expect(offline.stderr).toBe('');
      expect(offline.code).toBe(0);
      expect(readTree(join(dir, 'offline'))).toEqual(readTree(join(dir, 'live')));
      // The snapshot is in the AWS CLI formats, one file per account and region.
      expect([...readTree(join(dir, 'snap')).keys()]).toEqual([
        'inventory/111111111111-eu-west-1.json',
        'inventory/111111111111-us-east-1.json',
        'inventory/222222222222-eu-west-1.json',
        'inventory/222222222222-us-east-1.json',
        'log-groups/111111111111-eu-west-1.json',
        'log-groups/111111111111-us-east-1.json',
        'log-groups/222222222222-eu-west-1.json',
        'metrics/111111111111-eu-west-1.json.gz',
        'metrics/111111111111-us-east-1.json.gz',
        'metrics/222222222222-eu-west-1.json.gz',
        'obsgen.snapshot.json',
      ]);
    });
  });
});

// Throttling and server errors (retried), access denied and a region not enabled (an incomplete
// scope), broken pages and the progress line are checked against moto behind its proxy
// (moto-deploy.test.ts, moto-live.test.ts). A response held past the timeout and a pagination
// token the service later rejects are what moto cannot give.
describe('resilience', () => {
  it('a slow region times out and a broken page fails its scope, after retries', async () => {
    await withFakeAws(acmeFixture(), async (fake) => {
      fake.faults.push(
        { service: 'tagging', account: '111111111111', region: 'us-east-1', kind: 'slow', delayMs: 5000 },
        { service: 'logs', account: '222222222222', region: 'eu-west-1', kind: 'truncate' },
      );
      const dir = project();
      mkdirSync(join(dir, 'out'));
      const run = await runObsgen(['generate', '--out', 'out'], dir);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('aws:111111111111/us-east-1: warning: discovery did not complete');
      expect(run.stderr).toContain('aws:222222222222/eu-west-1: warning: discovery did not complete (existing log groups:');
      expect(fake.calls.filter((c) => c.fault === 'slow').length).toBe(4);
    });
  }, 60_000);
});
