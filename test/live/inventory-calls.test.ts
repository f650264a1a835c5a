import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runObsgen } from '../helpers/cli.js';
import { tempDir } from '../helpers/files.js';
import { startMotoBehindProxy } from '../helpers/moto-proxy.js';
import { pointSdkAt } from '../helpers/sdk-env.js';

/*
 * `obsgen inventory` lists and matches: it needs the Tagging API (and the service APIs that
 * enrich what ARNs do not carry), never metric history nor existing log groups. Counted
 * against moto_server through the proxy's call log.
 */
describe('live inventory: only the calls it needs', () => {
  it('reads resources without GetMetricData or DescribeLogGroups', async () => {
    const { moto, proxy, stop } = await startMotoBehindProxy('eu-west-1');
    const restore = pointSdkAt(proxy.env('eu-west-1'));
    try {
      for (const name of ['orders', 'payments', 'emails']) {
        await moto.query('sqs', 'eu-west-1', { Action: 'CreateQueue', QueueName: name, 'Tag.1.Key': 'app', 'Tag.1.Value': 'shop' });
      }
      const dir = tempDir();
      writeFileSync(join(dir, 'obsgen.config.yaml'), 'source:\n  type: aws\n  regions: [eu-west-1]\n');
      proxy.calls.length = 0;
      const run = await runObsgen(['inventory', '--json'], dir);
      expect(run.code, run.stderr).toBe(0);
      expect((JSON.parse(run.stdout) as { resources: unknown[] }).resources).toHaveLength(3);
      const operations = [...new Set(proxy.calls.filter((c) => c.service !== 'sts').map((c) => `${c.service}:${c.operation}`))].sort();
      expect(operations).toEqual(['tagging:GetResources']);
    } finally {
      restore();
      await stop();
    }
  }, 60_000);
});
