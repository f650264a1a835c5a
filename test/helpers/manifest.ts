import { Diagnostics, formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { readPreviousManifest } from '../../src/pipeline/inputs.js';
import { MANIFEST_FILE } from '../../src/state/manifest.js';
import type { Manifest } from '../../src/state/manifest.js';
import { manifestOf } from '../../src/state/read.js';

/**
 * A manifest read as obsgen reads it, from generated files by path (its root and the shards the
 * root lists): the files' layout is not the `Manifest` callers get (see `src/state/read.ts`), so
 * tests never cast their JSON. Throws when they are not one.
 */
export function manifestFromFiles(files: ReadonlyMap<string, string> | Iterable<readonly [string, string]>): Manifest {
  const { manifest, problem } = parseManifestFiles(files);
  if (!manifest) throw new Error(`not a readable manifest: ${problem}`);
  return manifest;
}

/** The same, with the reader's problem when they are not one (as `manifestOf` gives it; hashes are not checked). */
export function parseManifestFiles(files: ReadonlyMap<string, string> | Iterable<readonly [string, string]>): { manifest?: Manifest; problem?: string } {
  const byPath = files instanceof Map ? (files as ReadonlyMap<string, string>) : new Map(files);
  const root = byPath.get(MANIFEST_FILE);
  if (root === undefined) throw new Error(`no ${MANIFEST_FILE} among the files`);
  return manifestOf(JSON.parse(root), (path) => {
    const text = byPath.get(path);
    return text === undefined ? { problem: `no shard ${path}` } : { data: JSON.parse(text) as unknown };
  });
}

/** The manifest in an output folder, read as obsgen reads it (its shards checked against the root). */
export function manifestIn(dir: string): Manifest {
  const diags = new Diagnostics();
  const manifest = readPreviousManifest(dir, diags);
  if (!manifest || diags.hasErrors) throw new Error(`no readable manifest in ${dir}: ${diags.items.map((d) => formatDiagnostic(d)).join('; ')}`);
  return manifest;
}
