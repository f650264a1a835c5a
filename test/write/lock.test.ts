import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runObsgen } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/files.js';
import { addUserFiles, afterNightA, copyOf, generateNight, manifestMismatches, nightsInputs, runProcess } from '../helpers/nights.js';
import type { ProcessRun } from '../helpers/nights.js';

// The output folder's lock, with real processes: one held by a live run (stopped at a
// failpoint, so that it holds the lock as long as the test needs), stale ones, and runs
// started together.

const lockFiles = (out: string) => readdirSync(out).filter((name) => name.startsWith('.obsgen-lock-'));

async function waitFor(what: string, condition: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Whether a process is stopped (SIGSTOP): its state in /proc is T. */
function stopped(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('T');
  } catch {
    return false;
  }
}

/** A run that stops itself at a failpoint (SIGSTOP); resolves once it is stopped there. */
async function stoppedAt(point: string, start: (onSpawn: (pid: number) => void) => Promise<ProcessRun>): Promise<{ pid: number; done: Promise<ProcessRun> }> {
  let pid = 0;
  let ended: ProcessRun | undefined;
  const done = start((p) => (pid = p));
  void done.then((run) => (ended = run));
  await waitFor(`the run to stop at ${point}`, () => {
    if (ended) throw new Error(`the run ended before ${point}: ${ended.stderr}`);
    return pid !== 0 && stopped(pid);
  });
  return { pid, done };
}

/** A pid that is certainly not running: a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

/** The kernel's start time of a process (as the lock records it). */
function processStart(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
}

describe('the output folder lock', () => {
  let inputs: string;
  let nightA: string;

  beforeAll(async () => {
    ({ inputs, out: nightA } = await afterNightA());
  });

  it.skipIf(!existsSync('/proc/self/stat'))('refuses a second generate while one runs, naming its pid and since when; plan and --check too', async () => {
    const out = copyOf(nightA);
    const holder = await stoppedAt('lock.held', (onSpawn) => generateNight(inputs, 'B', out, { OBSGEN_FAILPOINT: 'lock.held:1:stop' }, onSpawn));
    try {
      const lock = JSON.parse(readFileSync(join(out, lockFiles(out)[0]!), 'utf8')) as { pid: number; hostname: string; since: string };
      expect(lock).toMatchObject({ pid: holder.pid, hostname: hostname() });
      const message = `another obsgen generate is writing this output folder (pid ${holder.pid} on ${hostname()}, since ${lock.since}); try again when it has finished`;
      const second = await generateNight(inputs, 'C', out);
      expect(second.code).toBe(2);
      expect(second.stderr).toContain(`: error: ${message}`);
      expect(second.stderr).not.toContain('internal error');
      for (const args of [['plan'], ['generate', '--check']]) {
        const reader = await runObsgen([...args, '--config', 'obsgen.config.yaml', '--inventory', 'C.json', '--out', out], inputs);
        expect(reader.code).toBe(2);
        expect(reader.stderr).toContain(message);
      }
    } finally {
      process.kill(holder.pid, 'SIGCONT');
    }
    expect((await holder.done).code).toBe(0);
    expect(manifestMismatches(out)).toEqual([]);
    expect(lockFiles(out)).toEqual([]);
  });

  it('takes over a lock whose process is gone, or whose pid now belongs to another process', async () => {
    for (const lock of [
      { pid: deadPid(), hostname: hostname(), since: '2026-01-01T00:00:00.000Z' },
      // The pid is alive (this test's own), but it started at another time: a reused pid.
      { pid: process.pid, hostname: hostname(), since: '2026-01-01T00:00:00.000Z', processStart: '1' },
      // Killed between creating its lock file and writing it, long ago.
      '',
    ]) {
      const out = copyOf(nightA);
      const file = join(out, '.obsgen-lock-0123456789abcdef');
      writeFileSync(file, typeof lock === 'string' ? lock : JSON.stringify(lock));
      if (lock === '') spawnSync('touch', ['-d', '1 hour ago', file]);
      const run = await generateNight(inputs, 'B', out);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(existsSync(file)).toBe(false);
      expect(manifestMismatches(out)).toEqual([]);
    }
  });

  it.skipIf(!existsSync('/proc/self/stat'))('a live process holding the lock is not taken over', async () => {
    const out = copyOf(nightA);
    writeFileSync(join(out, '.obsgen-lock-0123456789abcdef'), JSON.stringify({ pid: process.pid, hostname: hostname(), since: '2026-01-01T00:00:00.000Z', processStart: processStart(process.pid), held: true }));
    const before = readTree(out);
    const run = await generateNight(inputs, 'B', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`(pid ${process.pid} on ${hostname()}, since 2026-01-01T00:00:00.000Z)`);
    expect(readTree(out)).toEqual(before);
  });

  it('a lock held on another machine is not taken over, and the message says how to clear it', async () => {
    const out = copyOf(nightA);
    const file = join(out, '.obsgen-lock-0123456789abcdef');
    writeFileSync(file, JSON.stringify({ pid: 1, hostname: 'elsewhere.example', since: '2026-01-01T00:00:00.000Z', held: true }));
    const run = await generateNight(inputs, 'B', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('(pid 1 on elsewhere.example, since 2026-01-01T00:00:00.000Z)');
    expect(run.stderr).toContain(`if it is not, delete ${file}`);
  });

  it('two generates started together: one is refused with the message, and the folder always matches its manifest', async () => {
    const out = copyOf(nightA);
    // Each holds the lock 3 s once it has it, so that two started together overlap on a loaded
    // machine too (a small run holds it for a fraction of its start-up time otherwise).
    const hold = { OBSGEN_FAILPOINT: 'lock.held:1:hold' };
    const outcomes: string[] = [];
    for (let round = 0; round < 4; round++) {
      const [b, c] = await Promise.all([generateNight(inputs, 'B', out, hold), generateNight(inputs, 'C', out, hold)]);
      for (const run of [b, c]) {
        if (run.code === 0) continue;
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/: error: another obsgen generate is writing this output folder \((pid \d+ on .+, since \S+|starting now)\); try again when it has finished\n/);
      }
      expect(b.code === 0 || c.code === 0).toBe(true);
      outcomes.push(`${b.code}/${c.code}`);
      expect(manifestMismatches(out)).toEqual([]);
      expect(lockFiles(out)).toEqual([]);
    }
    // Without a lock both always succeed (and the folder matches neither run).
    expect(outcomes.filter((o) => o.includes('2')).length, outcomes.join(', ')).toBeGreaterThan(0);
  }, 240_000);

  it.skipIf(!existsSync('/proc/self/stat'))('plan does not report a comparison across a commit that happened while it compared', async () => {
    const out = copyOf(nightA);
    const reader = await stoppedAt('open', (onSpawn) => runProcess(['plan', '--config', 'obsgen.config.yaml', '--inventory', 'B.json', '--out', out], inputs, { OBSGEN_FAILPOINT: 'open:1:stop' }, onSpawn));
    try {
      expect((await generateNight(inputs, 'B', out)).code).toBe(0);
    } finally {
      process.kill(reader.pid, 'SIGCONT');
    }
    const plan = await reader.done;
    expect(plan.code).toBe(2);
    expect(plan.stderr).toContain('error: a generate wrote this output folder while obsgen was comparing it; run again');
  });
});

describe('an interrupted commit, seen by plan and --check', () => {
  it('is reported (exit 2, nothing written), and the next generate resolves it', async () => {
    const inputs = nightsInputs();
    const out = tempDir();
    addUserFiles(out);
    expect((await generateNight(inputs, 'A', out)).code).toBe(0);
    expect((await generateNight(inputs, 'B', out, { OBSGEN_FAILPOINT: 'commit.move:5' })).signal).toBe('SIGKILL');
    const before = readTree(out);
    for (const args of [['plan'], ['generate', '--check']]) {
      const reader = await runObsgen([...args, '--config', 'obsgen.config.yaml', '--inventory', 'B.json', '--out', out], inputs);
      expect(reader.code).toBe(2);
      expect(reader.stderr).toContain('error: a generate was interrupted while it replaced files here (.obsgen-journal.json is its journal)');
      expect(readTree(out)).toEqual(before);
    }
    expect((await generateNight(inputs, 'B', out)).code).toBe(0);
    expect(manifestMismatches(out)).toEqual([]);
    const check = await runObsgen(['generate', '--check', '--config', 'obsgen.config.yaml', '--inventory', 'B.json', '--out', out, '--allow-removals'], inputs);
    expect(check.code).toBe(0);
  });
});
