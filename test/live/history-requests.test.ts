import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runObsgen } from '../helpers/cli.js';
import { tempDir } from '../helpers/files.js';
import { withFakeAws } from '../helpers/live.js';
import { manifestIn } from '../helpers/manifest.js';

/*
 * What a live run reads metric history for. A Lambda function's duration alarm is relative to
 * its timeout tag (obsgen:timeout-ms); on a function without the tag it tunes from the
 * history instead (withoutTag), so the live run must fetch that history: it fetched none for
 * any relative-to-tag alarm, and the function kept the 5 s default, 35 times its p90.
 */
describe('live metric history for the Lambda duration alarm', () => {
  it('is read and tuned from on a function without the timeout tag; the tag wins where it is', async () => {
    const arn = (name: string) => `arn:aws:lambda:eu-west-1:111111111111:function:${name}`;
    // p90 ~140 ms, the same shape every day (one value per minute, deterministic).
    const duration = (t: Date) => 140 * (1 + 0.1 * Math.sin((2 * Math.PI * (t.getTime() / 60_000)) / 1440)) * (1 + 0.04 * Math.sin(t.getTime() / 60_000));
    const fixture = {
      baseAccount: '111111111111',
      accounts: {
        '111111111111': {
          regions: {
            'eu-west-1': {
              resources: [
                { ResourceARN: arn('untagged'), Tags: [{ Key: 'app', Value: 'shop' }] },
                { ResourceARN: arn('tagged'), Tags: [{ Key: 'app', Value: 'shop' }, { Key: 'obsgen:timeout-ms', Value: '6000' }] },
              ],
              metricValue: (q: { namespace: string; name: string; stat: string }, t: Date) => (q.namespace === 'AWS/Lambda' && q.name === 'Duration' && q.stat === 'p90' ? duration(t) : undefined),
            },
          },
        },
      },
    };
    await withFakeAws(fixture, async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'obsgen.config.yaml'), 'source:\n  type: aws\n  regions: [eu-west-1]\nactions:\n  critical: ""\n');
      const run = await runObsgen(['generate', '--out', 'out', '--quiet'], dir);
      expect(run.code, run.stderr).toBe(0);
      const alarms = manifestIn(join(dir, 'out')).alarms.filter((a) => a.id.endsWith('/duration'));
      const untagged = alarms.find((a) => a.id.includes('function/untagged/'))!;
      const tagged = alarms.find((a) => a.id.includes('function/tagged/'))!;
      expect(untagged.provenance).toMatchObject({ kind: 'tuned', policy: 'envelope', reason: expect.stringMatching(/^no obsgen:timeout-ms tag, so from the history: normal peak/) as unknown });
      expect(untagged.threshold).toBeGreaterThan(150);
      expect(untagged.threshold).toBeLessThan(300);
      expect(tagged).toMatchObject({ threshold: 4800, provenance: { kind: 'tuned', reason: '0.8 × obsgen:timeout-ms (6000), floor 100' } });
    });
  }, 60_000);
});
