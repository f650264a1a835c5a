import { isShardPath } from '../../src/state/shards.js';
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { clean } from './measure.js';

/*
 * What a nightly change costs its reviewer: the lines a run changed in the files it wrote, as
 * `git diff` counts them. The output folder is kept as it was before the run by hard links,
 * which cost nothing at 270 MB: obsgen writes each file beside its old one and renames it into
 * place, so the link keeps the old text. A written file that is still the linked one (written in
 * place) would make the count wrong, and stops the bench instead.
 */

/** Lines added and removed, in all written files and in the manifest alone. */
export interface LineChanges {
  added: number;
  removed: number;
  manifest: { added: number; removed: number };
}

/** A copy of `dir` by hard links, at `to` (replaced). */
export function linkCopy(dir: string, to: string): void {
  clean(to);
  const walk = (from: string, into: string) => {
    mkdirSync(into, { recursive: true });
    for (const name of readdirSync(from)) {
      const path = join(from, name);
      if (statSync(path).isDirectory()) walk(path, join(into, name));
      else linkSync(path, join(into, name));
    }
  };
  walk(dir, to);
}

/** The lines each of `written` (paths under `dir`) changed against the copy `before` (see linkCopy). */
export function lineChanges(before: string, dir: string, written: readonly string[]): LineChanges {
  const out: LineChanges = { added: 0, removed: 0, manifest: { added: 0, removed: 0 } };
  for (const path of written) {
    const [old, next] = [join(before, path), join(dir, path)];
    if (existsSync(old) && existsSync(next) && statSync(old).ino === statSync(next).ino) {
      throw new Error(`${path} was written in place: the bench cannot count its changed lines`);
    }
    const { added, removed } = diffLines(existsSync(old) ? old : '/dev/null', existsSync(next) ? next : '/dev/null');
    out.added += added;
    out.removed += removed;
    // The manifest: its root and its shards (src/state/shards.ts).
    if (path === 'obsgen.manifest.json' || isShardPath(path)) out.manifest = { added: out.manifest.added + added, removed: out.manifest.removed + removed };
  }
  return out;
}

function diffLines(a: string, b: string): { added: number; removed: number } {
  // --no-index compares two paths outside a repository; exit 1 means they differ.
  const r = spawnSync('git', ['diff', '--no-index', '--numstat', '--no-renames', '--', a, b], { cwd: dirname(b), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`git diff ${a} ${b}: ${r.stderr || r.error?.message}`);
  let added = 0;
  let removed = 0;
  for (const line of r.stdout.split('\n')) {
    const [plus, minus] = line.split('\t');
    if (plus === undefined || minus === undefined) continue;
    added += Number(plus) || 0;
    removed += Number(minus) || 0;
  }
  return { added, removed };
}
