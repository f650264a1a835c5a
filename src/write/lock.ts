import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { failpoint } from '../util/failpoint.js';
import { OutputFolderError } from './errors.js';

/*
 * The output folder's lock: one writer at a time, held for the whole run.
 *
 * Each contender creates its own lock file (`.obsgen-lock-<random>`, holding its pid, host,
 * start time and the kernel's start time of its process) and only then lists the others. If
 * two start together, at least one sees the other, so two never both hold it. Seeing none, it
 * holds the lock and says so in its file (`held`). Seeing a holder, it is refused; seeing only
 * other contenders, it steps back and tries again after a random pause. A lock file whose process is
 * gone (same host, and no process with that pid, or one started at another time: the pid was
 * reused) is stale and removed by whoever finds it: each file belongs to one process, so
 * removing a dead one can never remove a live holder's (the race a single shared lock file has
 * when two runs take over the same stale lock at once).
 *
 * Not proper-lockfile (or lockfile): they decide staleness by age, refreshed on a timer, and a
 * run holds the event loop for tens of seconds at a time at scale (emitting, formatting HCL),
 * long enough to have its lock taken; and a killed run's lock would block the next one until
 * it aged. A process's liveness is exact, and needs no timer.
 *
 * A live holder is refused at once, with its pid, host and start: a nightly run must not
 * queue behind a stuck one unseen. Only runs that contend at the same moment wait (at most
 * `CONTEND_MS`) for one of them to win.
 */

const LOCK_PREFIX = '.obsgen-lock-';
/** How long runs that try to take the lock at the same moment keep sorting out which one goes. */
const CONTEND_MS = 2_000;
/** A lock file that cannot be read is one being written; this old, it is the remains of a run killed while writing it. */
const UNREADABLE_STALE_MS = 10_000;

/** Who holds (or held) a lock, as its lock file says. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** When it took the lock (ISO 8601). */
  since: string;
  /** The kernel's start time of the process (Linux), to tell a reused pid. */
  processStart?: string;
  /** It holds the lock (otherwise it is still trying to take it). */
  held: boolean;
  /** The lock file. */
  file: string;
}

/** The output folder's lock, held by this process. */
export class FolderLock {
  private constructor(private readonly file: string) {}

  /** Takes the folder's lock, or throws an `OutputFolderError` naming the run that holds it. */
  static async acquire(dir: string): Promise<FolderLock> {
    const deadline = Date.now() + CONTEND_MS;
    for (;;) {
      const file = join(dir, `${LOCK_PREFIX}${randomBytes(8).toString('hex')}`);
      const me = { pid: process.pid, hostname: hostname(), since: new Date().toISOString(), processStart: processStart(process.pid), held: false };
      writeFileSync(file, `${JSON.stringify(me)}\n`, { flag: 'wx' });
      const others = lockHolders(dir, { except: file, removeStale: true });
      if (others.length === 0) {
        // Rewritten in place: one that reads it meanwhile sees a contender, and steps back.
        writeFileSync(file, `${JSON.stringify({ ...me, held: true })}\n`);
        failpoint('lock.held');
        return new FolderLock(file);
      }
      rmSync(file, { force: true });
      const holder = others.find((h) => h.held);
      if (holder || Date.now() > deadline) throw busy(dir, holder ?? others[0]!);
      await sleep(10 + Math.floor(Math.random() * 90));
    }
  }

  /** Gives the lock up (its file goes). */
  release(): void {
    rmSync(this.file, { force: true });
  }
}

/** The live holders of a folder's lock (stale lock files are left for a writer to remove). */
export function liveHolders(dir: string): LockHolder[] {
  return lockHolders(dir, { removeStale: false });
}

/** The error for a folder another run holds. */
export function busy(dir: string, holder: LockHolder): OutputFolderError {
  const elsewhere = holder.hostname !== hostname();
  const who = Number.isFinite(holder.pid) ? `pid ${holder.pid} on ${holder.hostname}, since ${holder.since}` : `starting now`;
  return new OutputFolderError(
    `another obsgen generate is writing this output folder (${who}); try again when it has finished` +
      (elsewhere ? ` (it runs on another machine, so obsgen cannot tell whether it is still running: if it is not, delete ${holder.file})` : ''),
    dir,
  );
}

function lockHolders(dir: string, options: { except?: string; removeStale: boolean }): LockHolder[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const live: LockHolder[] = [];
  for (const name of names) {
    if (!name.startsWith(LOCK_PREFIX)) continue;
    const file = join(dir, name);
    if (file === options.except) continue;
    const holder = readHolder(file);
    if (holder === 'gone') continue;
    if (holder === 'stale' || !isAlive(holder)) {
      if (options.removeStale) rmSync(file, { force: true });
      continue;
    }
    live.push(holder);
  }
  return live;
}

function readHolder(file: string): LockHolder | 'stale' | 'gone' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return 'gone';
  }
  try {
    const data = JSON.parse(text) as Partial<LockHolder>;
    if (Number.isInteger(data.pid) && typeof data.hostname === 'string' && typeof data.since === 'string') {
      return { pid: data.pid!, hostname: data.hostname, since: data.since, ...(typeof data.processStart === 'string' ? { processStart: data.processStart } : {}), held: data.held === true, file };
    }
  } catch {
    // Below.
  }
  // Created but not yet written (the write follows the create at once), or the remains of a
  // run killed in between: told apart by age.
  try {
    const age = Date.now() - statSync(file).mtimeMs;
    if (age > UNREADABLE_STALE_MS) return 'stale';
    return { pid: Number.NaN, hostname: hostname(), since: new Date(Date.now() - age).toISOString(), held: false, file };
  } catch {
    return 'gone';
  }
}

/** Whether a lock's process still runs. On another host obsgen cannot tell, and assumes it does. */
function isAlive(holder: LockHolder): boolean {
  if (holder.hostname !== hostname() || !Number.isFinite(holder.pid)) return true;
  // This process holds no other lock: a file with its pid is a dead run's whose pid it reuses
  // (a container's processes get the same few pids every time).
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    // EPERM: a process with that pid exists, but belongs to someone else.
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = processStart(holder.pid);
  return holder.processStart === undefined || now === undefined || now === holder.processStart;
}

/** The start time of a process in clock ticks since boot (Linux `/proc/<pid>/stat`, field 22); undefined elsewhere. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (in parentheses, which may itself hold spaces and parentheses).
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
