import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';

export interface Run {
  seconds: number;
  /** User + system CPU seconds of the process and the children it waited for. */
  cpuSeconds: number;
  peakMb: number;
  code: number;
}

/**
 * Runs a command under GNU time: wall seconds, CPU seconds (user + system, the process and its
 * waited-for children: on a shared, loaded machine the steadier figure) and peak resident
 * memory of the process tree's largest process. Its stdout is returned too.
 */
export function timed(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Run & { stdout: string } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', command, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [seconds, kb, user, system] = last.split(' ').map(Number);
  if (seconds === undefined || kb === undefined || user === undefined || system === undefined || Number.isNaN(seconds)) {
    throw new Error(`could not time ${command} ${args.join(' ')}: ${r.stderr.slice(-500)}`);
  }
  return { seconds, cpuSeconds: user + system, peakMb: kb / 1024, code: r.status ?? -1, stdout: r.stdout };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Repeated runs of one configuration; figures are medians. */
export class Samples {
  readonly runs: Run[] = [];
  add(run: Run): void {
    this.runs.push(run);
  }
  get cpu(): number {
    return median(this.runs.map((r) => r.cpuSeconds));
  }
  get wall(): number {
    return median(this.runs.map((r) => r.seconds));
  }
  get peak(): number {
    return median(this.runs.map((r) => r.peakMb));
  }
  /** Every run's CPU seconds, in the order they ran: the spread a median hides. */
  get cpuRuns(): string {
    return this.runs.map((r) => r.cpuSeconds.toFixed(2)).join(', ');
  }
}

/**
 * The order of the configurations in round `round`: ABAB interleaving, reversed every other
 * round (AB BA AB…), so neither a drift of the machine's load nor going first favours one.
 */
export function interleaved<T>(items: readonly T[], round: number): T[] {
  return round % 2 === 0 ? [...items] : [...items].reverse();
}

/** The 1-minute load average, and a log line's note of it. */
export function load1(): number {
  return loadavg()[0]!;
}

/** Load average at the start and end of a part of the bench. */
export interface LoadSpan {
  start: number;
  end: number;
}

/** Runs `fn`, recording the 1-minute load average before and after. */
export async function withLoad<T>(fn: () => T | Promise<T>): Promise<{ value: T; load: LoadSpan }> {
  const start = load1();
  const value = await fn();
  return { value, load: { start, end: load1() } };
}

/** Every file under a folder with its size. */
export function filesUnder(root: string): { path: string; bytes: number }[] {
  const out: { path: string; bytes: number }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else out.push({ path: relative(root, path).split('\\').join('/'), bytes: st.size });
    }
  };
  walk(root);
  return out;
}

export function readTree(root: string): [string, string][] {
  return filesUnder(root).map((f) => [f.path, readFileSync(join(root, f.path), 'utf8')]);
}

export function clean(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
