import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import type { BigIntStats } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Manifest } from '../state/manifest.js';
import { MANIFEST_FILE } from '../state/manifest.js';
import { failpoint } from '../util/failpoint.js';
import { isSystemError, OutputFolderError, systemProblem } from './errors.js';
import { hasJournal, JOURNAL_FILE, recoverInterruptedCommit } from './journal.js';
import { busy, FolderLock, liveHolders } from './lock.js';
import { OutputDir, removeStaleStaging } from './output-dir.js';
import { unusableOutputFolder } from './paths.js';

export { unusableOutputFolder } from './paths.js';

/*
 * How a run opens its output folder, before it reads the previous manifest there.
 *
 * - To write (`generate`, the library with `write: true`): the folder is made if need be, its
 *   lock taken for the whole run (refused while another run holds it), and a commit an
 *   interrupted run left is finished or undone (`journal.ts`). Then the run is the folder's
 *   only writer, and its manifest is the truth.
 * - To read and compare (`plan`, `generate --check`): nothing is written, not even a lock
 *   file (a check may run on a read-only checkout). Refused while a generate holds the lock
 *   or a commit is pending; and at the end, `unchanged` says whether a generate committed in
 *   the meantime (the manifest is replaced by every commit), so a comparison never mixes two.
 *
 * Commands that read only the manifest (`explain`, `drift`, the library without `write`) need
 * neither: its root is replaced by one rename and lists the hashes of its shards, so they read
 * the manifest of one commit, or are told that a commit is under way.
 */

/** An output folder opened for a run. */
export interface OpenFolder {
  readonly dir: string;
  /** The sink the run's files go to: writing (staged until `commit`), or only comparing. */
  sink(previous: Manifest | undefined): OutputDir;
  /** For a reader, at the end: whether no generate committed since the folder was opened (if one did, an error in `diags`). */
  unchanged(diags: Diagnostics): boolean;
  /** Releases the lock (and removes the folder if this run made it and left it empty). */
  close(): void;
}

/**
 * Opens the output folder to write or to read. Undefined, with an error in `diags`, when the
 * folder cannot be written, another run holds it, or an interrupted commit cannot be recovered.
 */
export async function openOutputFolder(dir: string, access: 'write' | 'read', diags: Diagnostics): Promise<OpenFolder | undefined> {
  const unusable = unusableOutputFolder(dir);
  if (unusable) {
    diags.error(unusable, { file: dir });
    return undefined;
  }
  try {
    return access === 'write' ? await openToWrite(dir) : openToRead(dir);
  } catch (e) {
    if (!reportFolderError(e, diags)) throw e;
    return undefined;
  }
}

/** Reports an `OutputFolderError` as a diagnostic; false for anything else (a bug, to be rethrown). */
export function reportFolderError(e: unknown, diags: Diagnostics): boolean {
  if (!(e instanceof OutputFolderError)) return false;
  diags.error(e.message, { file: e.file });
  return true;
}

async function openToWrite(dir: string): Promise<OpenFolder> {
  const created = !existsSync(dir);
  let lock: FolderLock | undefined;
  try {
    mkdirSync(dir, { recursive: true });
    lock = await FolderLock.acquire(dir);
    recoverInterruptedCommit(dir);
    removeStaleStaging(dir, true);
  } catch (e) {
    lock?.release();
    if (created) removeIfEmpty(dir);
    // A folder that cannot be listed or written (a lock file that cannot be made, EACCES, EROFS).
    if (isSystemError(e)) throw new OutputFolderError(`cannot write in the output folder: ${systemProblem(e)}`, dir);
    throw e;
  }
  failpoint('open');
  const held = lock;
  return {
    dir,
    sink: (previous) => new OutputDir(dir, previous, 'write'),
    unchanged: () => true,
    close: () => {
      held.release();
      if (created) removeIfEmpty(dir);
    },
  };
}

function openToRead(dir: string): OpenFolder {
  if (existsSync(dir)) {
    const writer = liveHolders(dir)[0];
    if (writer) throw busy(dir, writer);
    if (hasJournal(dir)) throw pending(dir);
  }
  const before = manifestIdentity(dir);
  failpoint('open');
  return {
    dir,
    sink: (previous) => new OutputDir(dir, previous, 'compare'),
    unchanged: (diags) => {
      if (hasJournal(dir) || manifestIdentity(dir) !== before) {
        diags.error('a generate wrote this output folder while obsgen was comparing it; run again', { file: dir });
        return false;
      }
      return true;
    },
    close: () => undefined,
  };
}

function pending(dir: string): OutputFolderError {
  return new OutputFolderError(
    `a generate was interrupted while it replaced files here (${JOURNAL_FILE} is its journal), so the folder is part old, part new; the next \`obsgen generate\` puts it back as it was before that run (or finishes it, if it had got that far), and the folder can be compared again after that`,
    dir,
  );
}

/** The manifest's identity on disk: every commit replaces it by a rename, which changes it. */
function manifestIdentity(dir: string): string {
  let stat: BigIntStats;
  try {
    stat = statSync(join(dir, MANIFEST_FILE), { bigint: true });
  } catch {
    return 'none';
  }
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}

function removeIfEmpty(dir: string): void {
  try {
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  } catch {
    // Left as it is.
  }
}
