import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file whole: beside its place first, then renamed over it, so that whoever reads it
 * (a CI job reading a plan, `generate --snapshot` reading a snapshot) never sees half of it.
 * Its folder is made if missing. On failure the temporary file is removed and the error thrown.
 */
export function writeFileWhole(path: string, data: string | Uint8Array): void {
  const temporary = `${path}.obsgen-tmp-${process.pid}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (e) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Never made (its folder could not be): nothing to tidy.
    }
    throw e;
  }
}
