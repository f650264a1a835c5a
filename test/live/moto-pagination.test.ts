import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runObsgen } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/files.js';
import { MOTO_ACCOUNT, startMoto } from '../helpers/moto.js';
import type { Moto } from '../helpers/moto.js';
import { pointSdkAt } from '../helpers/sdk-env.js';
import { manifestIn } from '../helpers/manifest.js';

/*
 * Against moto_server, an independent implementation of the Tagging API: its real pagination
 * (moto puts about 49 of these queues on a page) meets the page cap, and a region with nothing
 * in it answers a well-formed empty listing, which is a complete, empty scope. (moto's first
 * Tagging API call takes several seconds: it loads every service it can list.)
 */

const QUEUES = 120;

async function withMoto<T>(fn: (moto: Moto) => Promise<T>): Promise<T> {
  const moto = await startMoto();
  const restore = pointSdkAt(moto.env('eu-west-1'));
  try {
    return await fn(moto);
  } finally {
    restore();
    await moto.stop();
  }
}

function project(source = ''): string {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'obsgen.config.yaml'),
    `source:\n  type: aws\n  regions: [eu-west-1, us-east-1]\n  maxAttempts: 2\n${source}tuning: { fetchHistory: false }\nguards: { maxRemovedAlarms: 0, maxRemovedShare: 0 }\nactions: { critical: "" }\n`,
  );
  return dir;
}

const manifestOf = (dir: string) => manifestIn(join(dir, 'out'));

describe('live pagination against moto', () => {
  it('reads every page; with a lower page cap the scope is incomplete and kept; an empty region is complete', async () => {
    await withMoto(async (moto) => {
      await Promise.all(
        Array.from({ length: QUEUES }, (_, i) =>
          moto.query('sqs', 'eu-west-1', { Action: 'CreateQueue', QueueName: `orders-${String(i).padStart(3, '0')}`, 'Tag.1.Key': 'app', 'Tag.1.Value': 'shop', 'Tag.2.Key': 'env', 'Tag.2.Value': 'prod' }),
        ),
      );
      const dir = project();
      const first = await runObsgen(['generate', '--out', 'out'], dir);
      expect(first.code, first.stderr).toBe(0);
      // Three pages in eu-west-1, one (empty) in us-east-1.
      expect(first.stderr).toMatch(/^aws: 2 scopes \(2 complete\), 120 resources, \d+ calls \(tag\.GetResources 4\)/m);
      const before = manifestOf(dir);
      expect(before.resources).toHaveLength(QUEUES);
      expect(before.scopes.map((s) => [s.region, s.complete])).toEqual([['eu-west-1', true], ['us-east-1', true]]);
      const files = readTree(join(dir, 'out'));

      // The same account with a cap of two pages: eu-west-1 is incomplete and keeps everything
      // (the guards, set to allow no removal at all, have nothing to stop).
      const capped = project('  maxPages: 2\n');
      const again = await runObsgen(['generate', '--out', join(dir, 'out')], capped);
      expect(again.code, again.stderr).toBe(1);
      expect(again.stderr).toContain(`aws:${MOTO_ACCOUNT}/eu-west-1: warning: discovery did not complete (PageLimit: tag.GetResources went on for more than 2 pages (source.maxPages)); its monitoring is not changed by this run`);
      const after = manifestOf(dir);
      expect(after.scopes.map((s) => [s.region, s.complete])).toEqual([['eu-west-1', false], ['us-east-1', true]]);
      expect(after.resources).toEqual(before.resources);
      expect(after.alarms).toEqual(before.alarms);
      const written = readTree(join(dir, 'out'));
      expect([...written.keys()]).toEqual([...files.keys()]);
      for (const [path, content] of files) if (path !== 'obsgen.manifest.json') expect(written.get(path), path).toBe(content);
    });
  }, 120_000);
});
