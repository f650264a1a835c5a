import { appendFileSync } from 'node:fs';

/*
 * Failpoints: named places in the write layer where a test can make the process die, stop or
 * fail, deterministically, at the n-th time it passes. Killing at a chosen point proves what a
 * crash there leaves behind, where killing after a delay would hit a different point each run
 * (the whole commit of a small output takes a millisecond).
 *
 *   OBSGEN_FAILPOINT=commit.move:3          SIGKILL before the 3rd file is moved into place
 *   OBSGEN_FAILPOINT=commit.move:3:eacces   that move fails with EACCES instead
 *   OBSGEN_FAILPOINT=lock.held:1:stop       SIGSTOP (a live process that holds the lock)
 *   OBSGEN_FAILPOINT=lock.held:1:hold       blocks for HOLD_MS there (runs started together then overlap)
 *   OBSGEN_FAILPOINT_TRACE=<file>           appends the name of every point passed, one a line
 *
 * Several points are separated by commas. Unset (always, outside tests), a point costs one
 * comparison.
 */

type Action = 'kill' | 'stop' | 'eacces' | 'hold';

/** How long `hold` blocks: longer than two processes started together take to reach the same point on a loaded machine. */
const HOLD_MS = 3_000;

interface Armed {
  at: number;
  action: Action;
}

let armed: Map<string, Armed> | undefined;
const hits = new Map<string, number>();

function parse(spec: string | undefined): Map<string, Armed> {
  const out = new Map<string, Armed>();
  for (const item of (spec ?? '').split(',').filter((s) => s !== '')) {
    const [name, at, action = 'kill'] = item.split(':');
    if (!name || !/^\d+$/.test(at ?? '') || !['kill', 'stop', 'eacces', 'hold'].includes(action)) throw new Error(`OBSGEN_FAILPOINT: cannot read ${JSON.stringify(item)} (expected name:n[:kill|stop|eacces|hold])`);
    out.set(name, { at: Number(at), action: action as Action });
  }
  return out;
}

/** Marks a failpoint: when a test armed this one for this hit, dies, stops or throws here. */
export function failpoint(name: string): void {
  armed ??= parse(process.env['OBSGEN_FAILPOINT']);
  const trace = process.env['OBSGEN_FAILPOINT_TRACE'];
  if (armed.size === 0 && !trace) return;
  const n = (hits.get(name) ?? 0) + 1;
  hits.set(name, n);
  if (trace) appendFileSync(trace, `${name}\n`);
  const point = armed.get(name);
  if (point?.at !== n) return;
  if (point.action === 'kill') process.kill(process.pid, 'SIGKILL');
  else if (point.action === 'stop') process.kill(process.pid, 'SIGSTOP');
  else if (point.action === 'hold') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, HOLD_MS);
  else throw Object.assign(new Error(`EACCES: permission denied (failpoint ${name}:${n})`), { code: 'EACCES', errno: -13, syscall: name });
}
