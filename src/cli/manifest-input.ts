import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { MANIFEST_FILE } from '../state/manifest.js';
import type { Manifest } from '../state/manifest.js';
import { readPreviousManifest } from '../pipeline/inputs.js';
import { unusableOutputFolder } from '../write/folder.js';

/**
 * The manifest of the last `generate` in the output folder, for the commands that work from
 * what was generated (drift, gameday). Undefined, with an error, when there is none usable.
 */
export function requireManifest(dir: string, diags: Diagnostics): Manifest | undefined {
  const unusable = unusableOutputFolder(dir);
  if (unusable) {
    diags.error(unusable, { file: dir });
    return undefined;
  }
  const manifest = readPreviousManifest(dir, diags);
  if (diags.hasErrors) return undefined;
  if (!manifest) {
    diags.error(`no ${MANIFEST_FILE}: run \`obsgen generate\` first (or point --out at the folder it wrote)`, { file: dir });
    return undefined;
  }
  if (manifest.upgradedFrom !== undefined) {
    diags.error(`was written by an older obsgen and does not record where each alarm lives; run \`obsgen generate\` once with this version first`, { file: `${dir}/${MANIFEST_FILE}` });
    return undefined;
  }
  return manifest;
}
