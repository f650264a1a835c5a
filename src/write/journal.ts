import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MANIFEST_FILE } from '../state/manifest.js';
import { failpoint } from '../util/failpoint.js';
import { fileSha256 } from '../util/hash.js';
import { OutputFolderError, systemProblem } from './errors.js';
import { asidePath, besidePath, isSafeOutputPath, removeEmptyParents, STAGING_PREFIX, syncFolder } from './paths.js';

/*
 * The commit journal: how a run's new output becomes visible all at once or not at all, in a
 * folder that also holds the user's files (often a git checkout), so that it cannot be swapped
 * for a new folder.
 *
 * Every new or changed file is first staged (and synced) in the staging folder. The journal,
 * written atomically and synced, then lists every change. Each file it replaces or removes is
 * set aside beside itself (`.<name>.obsgen-old-<pid>`), each staged file renamed into place,
 * and the manifest renamed over the old one last: that rename is the commit point. Only then
 * are the set-aside files deleted, and the journal last.
 *
 * A run that stops in between (killed, or an I/O error) leaves the journal, and the next run
 * (which holds the folder's lock) reads it before anything else:
 *   - the staged manifest is still staged: the commit did not happen, and every change is
 *     undone (set-aside files renamed back, files it created deleted when they are still
 *     exactly what it wrote), which leaves the folder as it was before that run;
 *   - the staged manifest is in place: the commit happened, and only the clean-up is finished.
 * Both are idempotent, so a kill during recovery is recovered by the next run the same way.
 * The manifest on disk is thus always the truth: a reader that reads only the manifest needs
 * no lock (its root lists the hashes of its shards, renamed into place before it, so a reader
 * between the two is refused, not misled: pipeline/inputs.ts), and one that compares files
 * (`plan`, `--check`) refuses while the journal exists.
 */

/** The journal's file, in the output folder. */
export const JOURNAL_FILE = '.obsgen-journal.json';
const JOURNAL_TEMP = `${JOURNAL_FILE}.tmp`;

/** One file the commit changes. */
export interface JournalEntry {
  path: string;
  /** New content goes here (from the staging folder); otherwise the file is removed. */
  write: boolean;
  /** A file was there before (and is set aside while the commit runs). */
  existed: boolean;
  /** The new content's hash: a created file is deleted on roll-back only while it still has it. */
  sha256?: string;
}

export interface Journal {
  journal: 'obsgen-commit';
  version: 1;
  /** The committing process, whose id names its staging folder and set-aside files. */
  pid: number;
  /** The changes, in the order they are made; the manifest is never among them. */
  entries: JournalEntry[];
}

/** The staging folder of a journal's run. */
export function stagingOf(dir: string, pid: number): string {
  return join(dir, `${STAGING_PREFIX}${pid}`);
}

/** Writes the journal atomically and durably: after this, a kill is recovered from it. */
export function writeJournal(dir: string, journal: Journal): void {
  const temp = join(dir, JOURNAL_TEMP);
  const fd = openSync(temp, 'w');
  try {
    const bytes = Buffer.from(`${JSON.stringify(journal, null, 1)}\n`);
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, join(dir, JOURNAL_FILE));
  syncFolder(dir);
}

/** The journal an interrupted commit left, if any. A journal obsgen cannot read is an error (it never writes one half). */
export function readJournal(dir: string): Journal | undefined {
  const file = join(dir, JOURNAL_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new OutputFolderError(`cannot read the commit journal of an interrupted run: ${systemProblem(e)}`, file);
  }
  let data: Partial<Journal> | undefined;
  try {
    data = JSON.parse(text) as Partial<Journal>;
  } catch {
    data = undefined;
  }
  const valid =
    data?.journal === 'obsgen-commit' &&
    data.version === 1 &&
    Number.isInteger(data.pid) &&
    Array.isArray(data.entries) &&
    data.entries.every((e) => isSafeOutputPath(e?.path) && e.path !== MANIFEST_FILE && typeof e.write === 'boolean' && typeof e.existed === 'boolean');
  if (!valid) throw new OutputFolderError('this is not a commit journal obsgen wrote; obsgen will not touch this folder until it is removed', file);
  return data as Journal;
}

/** Whether the folder has an interrupted commit. */
export function hasJournal(dir: string): boolean {
  return existsSync(join(dir, JOURNAL_FILE));
}

/**
 * Makes the journal's changes, up to and including the commit point (the manifest renamed into
 * place). Throws on the first failure, leaving the journal to `rollBack`.
 */
export function applyJournal(dir: string, journal: Journal): void {
  const staging = stagingOf(dir, journal.pid);
  const touched = new Set<string>();
  for (const entry of journal.entries) {
    const target = join(dir, entry.path);
    try {
      if (entry.existed) {
        failpoint('commit.aside');
        try {
          renameSync(target, asidePath(dir, entry.path, journal.pid));
        } catch (e) {
          // Gone since it was compared (removed by hand): nothing to set aside, nor to put back.
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        }
      }
      if (entry.write) {
        failpoint('commit.move');
        mkdirSync(dirname(target), { recursive: true });
        moveInto(join(staging, entry.path), target, besidePath(dir, entry.path, journal.pid));
      }
    } catch (e) {
      throw new CommitStepError(entry.path, e);
    }
    touched.add(dirname(target));
  }
  for (const folder of touched) syncFolder(folder);
  failpoint('commit.manifest');
  try {
    renameSync(join(staging, MANIFEST_FILE), join(dir, MANIFEST_FILE));
  } catch (e) {
    throw new CommitStepError(MANIFEST_FILE, e);
  }
  syncFolder(dir);
}

/** A change of the journal that failed: which file, and why. */
export class CommitStepError extends Error {
  constructor(
    readonly path: string,
    override readonly cause: unknown,
  ) {
    super(`${path}: ${systemProblem(cause)}`);
  }
}

/** After the commit point: deletes the set-aside files, then the journal and the staging folder. */
export function finishJournal(dir: string, journal: Journal): void {
  for (const entry of journal.entries) {
    rmSync(besidePath(dir, entry.path, journal.pid), { force: true });
    if (!entry.existed) continue;
    failpoint('commit.cleanup');
    rmSync(asidePath(dir, entry.path, journal.pid), { force: true });
    if (!entry.write) removeEmptyParents(dir, dirname(join(dir, entry.path)));
  }
  endJournal(dir, journal);
}

/**
 * Before the commit point: undoes whatever part of the journal's changes was made, last first,
 * which leaves the folder exactly as it was before that run.
 */
export function rollBack(dir: string, journal: Journal): void {
  for (const entry of [...journal.entries].reverse()) {
    failpoint('recover.entry');
    const target = join(dir, entry.path);
    rmSync(besidePath(dir, entry.path, journal.pid), { force: true });
    const aside = asidePath(dir, entry.path, journal.pid);
    if (existsSync(aside)) renameSync(aside, target);
    else if (entry.write && !entry.existed && entry.sha256 !== undefined && hashOf(target) === entry.sha256) {
      // A file this commit created. Only deleted while it is exactly what the commit wrote:
      // anything else at that path is not obsgen's to remove.
      unlinkSync(target);
      removeEmptyParents(dir, dirname(target));
    }
  }
  endJournal(dir, journal);
}

/** Whether the journal's commit point was passed (its staged manifest was renamed into place). */
export function committed(dir: string, journal: Journal): boolean {
  return !existsSync(join(stagingOf(dir, journal.pid), MANIFEST_FILE));
}

/**
 * Finishes or undoes the commit an interrupted run left, if any. Called by every writer once it
 * holds the lock, before it reads the manifest.
 */
export function recoverInterruptedCommit(dir: string): 'none' | 'completed' | 'rolled back' {
  // A journal still being written: nothing was changed yet.
  rmSync(join(dir, JOURNAL_TEMP), { force: true });
  const journal = readJournal(dir);
  if (!journal) return 'none';
  try {
    if (committed(dir, journal)) {
      finishJournal(dir, journal);
      return 'completed';
    }
    rollBack(dir, journal);
    return 'rolled back';
  } catch (e) {
    if (e instanceof OutputFolderError) throw e;
    throw new OutputFolderError(`cannot finish the commit an interrupted run left (${systemProblem(e)}); the journal stays, and the next run tries again`, join(dir, JOURNAL_FILE));
  }
}

/** The journal, then the staging folder: a staging folder without a journal is only clutter, removed by the next run. */
function endJournal(dir: string, journal: Journal): void {
  failpoint('commit.unjournal');
  rmSync(join(dir, JOURNAL_FILE), { force: true });
  syncFolder(dir);
  rmSync(stagingOf(dir, journal.pid), { recursive: true, force: true });
}

/**
 * Renames a staged file into place. When the target is on another filesystem (a subfolder of
 * the output folder that is a mount point, or a link to one), the file is copied beside the
 * target first, so that the target is still replaced in one rename.
 */
function moveInto(staged: string, target: string, beside: string): void {
  try {
    renameSync(staged, target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    copyDurably(staged, beside);
    renameSync(beside, target);
    unlinkSync(staged);
  }
}

/** Copies a file and syncs the copy. */
export function copyDurably(from: string, to: string): void {
  const input = openSync(from, 'r');
  try {
    const output = openSync(to, 'w');
    try {
      const buffer = Buffer.allocUnsafe(1 << 16);
      for (let n = readSync(input, buffer); n > 0; n = readSync(input, buffer)) {
        for (let done = 0; done < n; ) done += writeSync(output, buffer, done, n - done);
      }
      fsyncSync(output);
    } finally {
      closeSync(output);
    }
  } finally {
    closeSync(input);
  }
}

/** The SHA-256 of a file, or undefined when it is not a plain file (a symbolic link is not). */
function hashOf(file: string): string | undefined {
  try {
    if (!lstatSync(file).isFile()) return undefined;
  } catch {
    return undefined;
  }
  return fileSha256(file);
}
