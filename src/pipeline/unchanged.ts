import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Blueprint } from '../blueprints/types.js';
import type { Config } from '../config/types.js';
import { PACKAGE_ROOT, PACKAGE_VERSION } from '../package-root.js';
import { comparableConfig } from '../state/fingerprint.js';
import { MANIFEST_FILE } from '../state/manifest.js';
import { manifestOutline } from '../state/outline.js';
import type { ManifestOutline } from '../state/outline.js';
import { fileSha256 } from '../util/hash.js';
import { fileXxh64, xxh64 } from '../util/xxh64.js';
import { isSafeOutputPath } from '../write/paths.js';

/*
 * The fast path of a nightly run with nothing to do. A run over files (inventories, existing log
 * groups, metric history) that reported nothing records in its manifest a
 * key: a hash of the raw bytes it read, the tool version and the options. The next `generate`,
 * `generate --check` or `plan` computes the key again before it parses any input; when it is the
 * same, and every file the manifest lists is in the output folder with its recorded XXH64, the
 * output is what a full run would write, and the run answers from the manifest alone.
 *
 * The key holds (see `incrementalKey`):
 * - the tool version. Only a packed obsgen has one that names its code: run from a source
 *   checkout, the code changes without the version, so the fast path is off there unless
 *   OBSGEN_INCREMENTAL=1 says the build has not changed (the benchmark does);
 * - the effective config with the command line's overrides (targets, CloudFormation syntax,
 *   the source's settings; input paths are replaced by their contents, the output folder by
 *   its files), and each blueprint by id and the SHA-256 of its text (built-in and the user's);
 * - the raw bytes of every input file in the order read, by role: inventories, existing log
 *   groups and metric history (the fingerprint leaves history out; a run that reuses output
 *   must not).
 * A live run has no key (its inventory and history exist only once read), so it always runs in
 * full, and the run after it too; so does a run over a snapshot, which must write exactly what
 * the live run it replays wrote. The previous manifest is an input as well: the record carries
 * the hash of the manifest's text, so one edited by hand is not trusted. What is not in the key
 * shapes nothing in a run that reported nothing: `--strict` turns findings into errors, and
 * there were none; `--allow-removals` matters only when something is removed.
 *
 * Reusing the output assumes a run is a fixed point: run again on its own output with the same
 * inputs, it writes the same files (`npm run demo` twice writes nothing; the tests check it).
 *
 * Files are compared by hash, not by size and modification time: the manifest is committed
 * and deterministic, so it cannot hold times, and in a fresh CI checkout every file's time is
 * the checkout's anyway. Measured at 10,000 resources (a 2-CPU machine with SHA extensions):
 * with 406 files of 337 MB, hashing every file took 0.25 s CPU and statting them 0.004 s; with
 * the leaner output (282 MB), reading them and checking their SHA-256 was 0.22 s of a 0.51 s
 * run (CPU profile). Checking their XXH64 instead (util/xxh64.ts) took the run to 0.40–0.45 s
 * CPU (`/usr/bin/time`, 5 runs); most of what is left is start-up and reading the bytes.
 */

/** Whether this obsgen may answer from the manifest (see above: off in a source checkout unless asked). */
export function incrementalEnabled(): boolean {
  const asked = process.env['OBSGEN_INCREMENTAL'];
  if (asked === '0') return false;
  return asked === '1' || !existsSync(join(PACKAGE_ROOT, 'src'));
}

/**
 * The key of a run over files: undefined for a live run, or when an input cannot be read (the
 * full run reports it). A run over a snapshot asks for none: it replays a live run and must write
 * exactly what the live run wrote (test/live/moto-deploy.test.ts), and a live run records no
 * key. `tool` is the tool version (a parameter for tests).
 */
export function incrementalKey(config: Config, blueprints: readonly Blueprint[], tool = PACKAGE_VERSION): string | undefined {
  if (config.source.type === 'aws') return undefined;
  const inputs = { inventory: config.inputs.inventory, logGroups: config.inputs.logGroups, metrics: config.inputs.metrics };
  const hash = createHash('sha256');
  const add = (label: string, value: unknown) => hash.update(`${label}\n${JSON.stringify(value)}\n`);
  add('tool', tool);
  add('source', 'files');
  add('config', comparableConfig(config, { withSource: true }));
  add('blueprints', blueprints.map((b) => [b.id, b.sha256]));
  for (const [role, files] of Object.entries(inputs)) {
    const hashes = files.map((f) => fileSha256(f));
    if (hashes.includes(undefined)) return undefined;
    add(role, hashes);
  }
  return hash.digest('hex');
}

/** What an unchanged run answers with: the manifest's outline (the folder holds exactly what it lists). */
export type Unchanged = ManifestOutline;

/**
 * The output folder's manifest, when it records `key` and every file it lists is there with
 * its XXH64: the output a full run would write. Undefined otherwise (then the run is a full one).
 */
export function unchangedOutput(dir: string, key: string): Unchanged | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dir, MANIFEST_FILE));
  } catch {
    return undefined;
  }
  const checked = new Set<string>();
  const outline = manifestOutline(bytes, key, (path, recorded) => {
    if (!isSafeOutputPath(path)) return undefined;
    try {
      const shard = readFileSync(join(dir, path));
      if (xxh64(shard) !== recorded) return undefined;
      checked.add(path);
      return shard;
    } catch {
      return undefined;
    }
  });
  if (!outline) return undefined;
  const buffer = Buffer.allocUnsafeSlow(1 << 20);
  for (const f of outline.files) {
    if (checked.has(f.path)) continue;
    if (!isSafeOutputPath(f.path) || f.path === MANIFEST_FILE || f.xxh64 === undefined || fileXxh64(join(dir, f.path), buffer) !== f.xxh64) return undefined;
  }
  return outline;
}
