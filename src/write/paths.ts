import { closeSync, fsyncSync, openSync, readdirSync, rmdirSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';

/*
 * The names obsgen gives its own working files inside the output folder. They all start with
 * `.obsgen-` or end in `.obsgen-old-<pid>` / `.obsgen-tmp-<pid>`, so that they are never
 * mistaken for generated files (a generated path never has them) nor for the user's.
 */

// Generated paths are made of account ids, regions and sanitised names; anything else
// (including a tampered manifest or journal pointing outside the folder) is refused.
const SAFE_PATH = /^(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** Whether a relative path is one obsgen could have generated, inside the output folder. */
export function isSafeOutputPath(path: string): boolean {
  return SAFE_PATH.test(path) && !path.split('/').some((part) => part.startsWith('.obsgen-') || /\.obsgen-(old|tmp)-/.test(part));
}

/** Staged files live here until the run commits; one left by a killed run is removed by the next. */
export const STAGING_PREFIX = '.obsgen-staging-';

/** Where a file the commit replaces or removes is set aside until the commit is done (same folder: one rename, never across filesystems). */
export function asidePath(dir: string, path: string, pid: number): string {
  const target = join(dir, path);
  return join(dirname(target), `.${basename(target)}.obsgen-old-${pid}`);
}

/** Where a staged file is copied when its target is on another filesystem, to be renamed into place from beside it. */
export function besidePath(dir: string, path: string, pid: number): string {
  return `${join(dir, path)}.obsgen-tmp-${pid}`;
}

/** Makes a folder's entries (renames, new and removed files) durable. */
export function syncFolder(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some filesystems cannot sync a folder (EINVAL): their renames are as durable as they get.
  } finally {
    closeSync(fd);
  }
}

/** Removes `dir` and its parents while they are empty, up to (not including) `root`. */
export function removeEmptyParents(root: string, dir: string): void {
  const stop = root.endsWith(sep) ? root.slice(0, -1) : root;
  let current = dir;
  while (current.startsWith(stop + sep)) {
    try {
      if (readdirSync(current).length > 0) return;
      rmdirSync(current);
    } catch {
      return;
    }
    current = dirname(current);
  }
}

