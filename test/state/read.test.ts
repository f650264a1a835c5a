import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE, MANIFEST_VERSION } from '../../src/state/manifest.js';
import { parseManifest } from '../../src/state/read.js';
import { manifestFile } from '../../src/state/write.js';
import { inMemory } from '../../src/targets/files.js';
import { runObsgen } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/files.js';
import { REPO } from '../helpers/paths.js';

/* Reading the manifests earlier versions wrote (test/fixtures/manifests/README.md). */

const v2Text = gunzipSync(readFileSync(join(REPO, 'test/fixtures/manifests/acme-v2.manifest.json.gz'))).toString('utf8');

describe('a version 2 manifest', () => {
  it('is read as it is: nothing to restore, nothing missing, not marked as upgraded', () => {
    const { manifest, problem } = parseManifest(v2Text);
    expect(problem).toBeUndefined();
    expect(manifest!.manifestVersion).toBe(MANIFEST_VERSION);
    expect(manifest!.upgradedFrom).toBeUndefined();
    expect(manifest).toEqual({ ...JSON.parse(v2Text), manifestVersion: MANIFEST_VERSION });
  });

  it('written again as the current version and read back, is the same manifest', () => {
    const v2 = parseManifest(v2Text).manifest!;
    const text = manifestFile(v2, inMemory, v2.incremental).content;
    expect(text).toContain(`"manifestVersion": ${MANIFEST_VERSION},`);
    expect(text.length).toBeLessThan(v2Text.length * 0.9);
    // All but the incremental record, which vouches for one text only.
    expect({ ...parseManifest(text).manifest, incremental: undefined }).toEqual({ ...v2, incremental: undefined });
  });

  it('as the previous run, gives the same output as the same manifest in the current version', async () => {
    // Thresholds kept by hysteresis, stack layout and names all come from the previous manifest.
    const v2 = parseManifest(v2Text).manifest!;
    const outputs = [];
    for (const text of [v2Text, manifestFile(v2, inMemory, v2.incremental).content]) {
      const out = tempDir();
      cpSync(join(REPO, 'generated'), out, { recursive: true });
      writeFileSync(join(out, MANIFEST_FILE), text);
      const run = await runObsgen(['generate', '--config', 'examples/acme/obsgen.config.yaml', '--out', out, '--quiet'], REPO);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      outputs.push(readTree(out));
    }
    expect(outputs[0]).toEqual(outputs[1]);
  });
});
