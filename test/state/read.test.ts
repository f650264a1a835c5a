import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE, MANIFEST_VERSION } from '../../src/state/manifest.js';
import { parseManifest } from '../../src/state/read.js';
import { manifestFiles } from '../../src/state/write.js';
import { inMemory } from '../../src/targets/files.js';
import { runObsgen } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/files.js';
import { REPO } from '../helpers/paths.js';
import { manifestFromFiles, parseManifestFiles } from '../helpers/manifest.js';

/* Reading the manifests earlier versions wrote (test/fixtures/manifests/README.md). */

const v2Text = gunzipSync(readFileSync(join(REPO, 'test/fixtures/manifests/acme-v2.manifest.json.gz'))).toString('utf8');

/**
 * The example's run over its own output (generated/) with `files` as the previous run's manifest,
 * and no other manifest file: the folder as the version that wrote them left it. The run, and the
 * folder after it.
 */
async function exampleOver(files: [string, string][], output: '--quiet' | '--json') {
  const out = tempDir();
  cpSync(join(REPO, 'generated'), out, { recursive: true });
  rmSync(join(out, 'manifest'), { recursive: true });
  for (const [path, text] of files) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), text);
  }
  const run = await runObsgen(['generate', '--config', 'examples/acme/obsgen.config.yaml', '--out', out, output], REPO);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return { run, tree: readTree(out) };
}

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
    const files = new Map(manifestFiles(v2, inMemory, v2.incremental).map((f) => [f.path, f.content]));
    expect(files.get(MANIFEST_FILE)).toContain(`"manifestVersion": ${MANIFEST_VERSION},`);
    expect([...files.values()].join('').length).toBeLessThan(v2Text.length * 0.9);
    // All but the incremental record, which vouches for one text only, and the files, which now
    // list the shards.
    const { manifest } = parseManifestFiles(files);
    expect({ ...manifest, incremental: undefined, files: manifest!.files.filter((f) => !f.path.startsWith('manifest/')) }).toEqual({ ...v2, incremental: undefined });
  });

  it('as the previous run, gives the same output as the same manifest in the current version', async () => {
    // Thresholds kept by hysteresis, stack layout and names all come from the previous manifest.
    const v2 = parseManifest(v2Text).manifest!;
    const asV2 = await exampleOver([[MANIFEST_FILE, v2Text]], '--quiet');
    const asCurrent = await exampleOver(manifestFiles(v2, inMemory, v2.incremental).map((f) => [f.path, f.content]), '--quiet');
    expect(asV2.tree).toEqual(asCurrent.tree);
  });
});

const v5Text = gunzipSync(readFileSync(join(REPO, 'test/fixtures/manifests/acme-v5.manifest.json.gz'))).toString('utf8');
/** The same example's manifest files as version 6 first wrote them, by path (test/fixtures/manifests/README.md). */
const v6Files = Object.entries(JSON.parse(gunzipSync(readFileSync(join(REPO, 'test/fixtures/manifests/acme-v6.manifest-files.json.gz'))).toString('utf8')) as Record<string, string>);

describe('a version 5 manifest (one file)', () => {
  it("is read as the same manifest as the example's shards, all but the files that are the shards", () => {
    const v5 = parseManifest(v5Text);
    expect(v5.problem).toBeUndefined();
    // The example's manifest as version 6 first wrote it (generated/ at 93929b8, the same records
    // as v5's): generated/ itself moves on when the example's decisions change.
    const v6 = manifestFromFiles(v6Files);
    const shards = v6.files.filter((f) => f.path.startsWith('manifest/'));
    expect(shards.map((f) => f.path)).toEqual(['manifest/111111111111/eu-west-1.json', 'manifest/111111111111/us-east-1.json', 'manifest/222222222222/eu-west-1.json']);
    expect({ ...v5.manifest, incremental: undefined }).toEqual({ ...v6, incremental: undefined, files: v6.files.filter((f) => !shards.includes(f)) });
  });

  it('as the previous run, is upgraded: the run writes the shards and the root, and every other file as from the same records in version 6', async () => {
    // Over the example's output, with the example's records as the previous run: as version 5
    // wrote them (one file), and as version 6 did (shards). The output is compared between the
    // two, not with generated/: a decision whose rules changed since is made again from these
    // records, where generated/'s was made from the records of the run before it.
    const runOver = async (files: [string, string][]) => {
      const { run, tree } = await exampleOver(files, '--json');
      return { written: (JSON.parse(run.stdout) as { summary: { written: string[] } }).summary.written, tree };
    };
    const upgraded = await runOver([[MANIFEST_FILE, v5Text]]);
    const current = await runOver(v6Files);
    expect(upgraded.tree).toEqual(current.tree);
    const manifestPaths = ['manifest/111111111111/eu-west-1.json', 'manifest/111111111111/us-east-1.json', 'manifest/222222222222/eu-west-1.json', MANIFEST_FILE];
    expect(upgraded.written.filter((p) => !manifestPaths.includes(p))).toEqual(current.written.filter((p) => !manifestPaths.includes(p)));
    expect(upgraded.written.filter((p) => manifestPaths.includes(p))).toEqual(manifestPaths);
  });
});
