import { closeSync, fsyncSync, lstatSync, openSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

/*
 * The names obsgen gives its own working files inside the output folder. They all start with
 * `.obsgen-` or end in `.obsgen-old-<pid>` / `.obsgen-tmp-<pid>`, so that they are never
 * mistaken for generated files (a generated path never has them) nor for the user's.
 */

// Generated paths are made of account ids, regions and sanitised names; anything else
// (including a tampered manifest or journal pointing outside the folder) is refused.
const SAFE_PATH = /^(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** Whether a relative path is one obsgen could have generated, inside the output folder. */
export function isSafeOutputPath(path: unknown): path is string {
  // Not only a type check: a journal or manifest read from disk may hold anything.
  return typeof path === 'string' && SAFE_PATH.test(path) && !path.split('/').some((part) => part.startsWith('.obsgen-') || /\.obsgen-(old|tmp)-/.test(part));
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

/**
 * Why `dir` cannot be an output folder, or undefined when it can (a folder, or a path where one
 * can be made): a file or a device where the folder should be, a file where one of its parent
 * folders should be, a link to nothing. Said before anything is read or written, so that such a
 * path ends in this message rather than in whatever system call meets it first.
 */
export function unusableOutputFolder(dir: string): string | undefined {
  const stat = statOrUndefined(dir);
  if (stat?.isDirectory()) return undefined;
  if (stat) return `is ${stat.isFile() ? 'a file' : 'not a folder (a device, socket or pipe)'}, not a folder: the output folder (--out, or output.dir in the config) must be a folder, or a path where one can be made`;
  if (lstatOrUndefined(dir)?.isSymbolicLink()) return 'is a link to something that does not exist: the output folder must be a folder, or a path where one can be made';
  // Not there: the nearest parent that is there must be a folder to make it in.
  for (let parent = dirname(resolve(dir)); ; parent = dirname(parent)) {
    const above = statOrUndefined(parent);
    if (above?.isDirectory()) return undefined;
    if (above) return `cannot be made: ${parent} is ${above.isFile() ? 'a file' : 'not a folder'}, not a folder`;
    if (dirname(parent) === parent) return undefined;
  }
}

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function lstatOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
