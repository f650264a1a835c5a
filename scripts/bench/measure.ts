import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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
 * memory of the process tree's largest process.
 */
export function timed(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Run {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', command, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [seconds, kb, user, system] = last.split(' ').map(Number);
  if (seconds === undefined || kb === undefined || user === undefined || system === undefined || Number.isNaN(seconds)) {
    throw new Error(`could not time ${command} ${args.join(' ')}: ${r.stderr.slice(-500)}`);
  }
  return { seconds, cpuSeconds: user + system, peakMb: kb / 1024, code: r.status ?? -1 };
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
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
