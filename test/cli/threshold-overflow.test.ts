import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runObsgen } from '../helpers/cli.js';
import { tempDir } from '../helpers/files.js';
import { REPO } from '../helpers/paths.js';
import { manifestIn } from '../helpers/manifest.js';

/*
 * A tag is data anyone writes. `obsgen:timeout-ms: 1.7e308` with a blueprint whose
 * relative-to-tag fraction is above 1 made the threshold Infinity, and the run ended in
 * "internal error: Infinity cannot be written to a template".
 */
describe('a threshold that would overflow', () => {
  it('keeps the default threshold and says why; the run is not an internal error', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'bp'));
    const builtin = readFileSync(join(REPO, 'src/services/lambda/lambda-function.yaml'), 'utf8');
    expect(builtin).toContain('fraction: 0.8,');
    writeFileSync(join(dir, 'bp/lambda-function.yaml'), builtin.replace(/^# yaml-language-server.*$/m, '').replace('fraction: 0.8,', 'fraction: 10,'));
    writeFileSync(join(dir, 'obsgen.config.yaml'), 'blueprints:\n  paths: [bp]\nactions:\n  critical: "arn:aws:sns:eu-west-1:123456789012:pager"\n');
    const fn = (name: string, tags: Record<string, string>) => ({ ResourceARN: `arn:aws:lambda:eu-west-1:123456789012:function:${name}`, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) });
    writeFileSync(join(dir, 'inv.json'), JSON.stringify({ ResourceTagMappingList: [fn('a', { app: 'shop', 'obsgen:timeout-ms': '1.7e308' }), fn('b', { app: 'shop', 'obsgen:timeout-ms': '1000' })] }));

    const run = await runObsgen(['generate', '--config', 'obsgen.config.yaml', '--inventory', 'inv.json', '--out', 'out', '--format', 'both'], dir);
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(0);
    const manifest = manifestIn(join(dir, 'out'));
    const duration = (name: string) => manifest.alarms.find((a) => a.id === `123456789012/eu-west-1/lambda:function/${name}/duration`)!;
    expect(duration('a')).toMatchObject({ threshold: 5000, provenance: { reason: '10 × obsgen:timeout-ms (1.7e308), floor 100: too large to be a threshold' } });
    expect(duration('b').threshold).toBe(10000);
  });
});
