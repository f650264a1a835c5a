import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { openOutputFolder } from '../../src/write/folder.js';
import { JOURNAL_FILE } from '../../src/write/journal.js';
import { readPreviousManifest } from '../../src/pipeline/inputs.js';
import { readTree, tempDir } from '../helpers/files.js';
import { afterNightA, copyOf, generateNight, manifestMismatches, visibleTree } from '../helpers/nights.js';

// The commit of night B's output over night A's, killed (SIGKILL, from inside, at a named
// failpoint) at every point a run passes: while staging, before the journal, with it written,
// between any two renames, with every rename done, with the manifest in place, and while
// cleaning up. Whatever the kill left, the folder is night A's or night B's, never a mix, and
// night C (which changes the very files B added) then runs cleanly over it.
//
// "The folder" is its files plus the commit journal, if a kill left one: the journal is what
// makes the many renames of a commit one step, and every writer resolves it before it reads
// the folder (readers refuse until then). So the state after a kill is read as the next run
// reads it: as is when there is no journal, else after the same recovery the next run makes
// first (on a copy, so that the next night still finds the journal and recovers by itself).

// Once the manifest is renamed into place the commit has happened; before, it has not.
const AFTER_COMMIT_POINT = new Set(['commit.cleanup', 'commit.unjournal', 'commit.done']);
const SAMPLED = new Set(['stage', 'commit.cleanup']);

/** Runs `work` on every item, at most `width` at a time. */
async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: width }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

/** The folder as the next run finds it: recovered as it recovers it, when a kill left a journal. */
async function resolved(out: string): Promise<Map<string, string>> {
  if (!existsSync(join(out, JOURNAL_FILE))) return visibleTree(out);
  const copy = copyOf(out);
  const diags = new Diagnostics();
  const folder = await openOutputFolder(copy, 'write', diags);
  expect(diags.items).toEqual([]);
  folder!.close();
  return visibleTree(copy);
}

function sameTree(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([path, text]) => b.get(path) === text);
}

describe('a generate killed at any point', () => {
  let inputs: string;
  let old: string;
  let oldTree: Map<string, string>;
  let newTree: Map<string, string>;
  let points: [name: string, n: number][];

  beforeAll(async () => {
    ({ inputs, out: old } = await afterNightA());
    oldTree = readTree(old);
    // Night B once without a kill: its output, and every failpoint it passes, in order.
    const ref = copyOf(old);
    const trace = join(tempDir(), 'trace');
    expect((await generateNight(inputs, 'B', ref, { OBSGEN_FAILPOINT_TRACE: trace })).code).toBe(0);
    newTree = readTree(ref);
    const seen = new Map<string, number>();
    const passed = readFileSync(trace, 'utf8')
      .split('\n')
      .filter((name) => name !== '')
      .map((name): [string, number] => {
        seen.set(name, (seen.get(name) ?? 0) + 1);
        return [name, seen.get(name)!];
      });
    // Every point of the commit itself; of the points that repeat one step file after file
    // (staging each file before the commit, deleting each set-aside file after it), every
    // fourth and the last: each costs two runs of the CLI.
    const sampled = (name: string, n: number) => !SAMPLED.has(name) || n % 4 === 1 || n === seen.get(name);
    points = passed.filter(([name, n]) => sampled(name, n));
  });

  it('passes at least 50 distinct points, in every phase of the commit', () => {
    expect(points.length).toBeGreaterThanOrEqual(50);
    const names = new Set(points.map(([name]) => name));
    for (const phase of ['stage', 'commit.journal', 'commit.aside', 'commit.move', 'commit.manifest', 'commit.cleanup', 'commit.unjournal', 'commit.done']) expect(names).toContain(phase);
  });

  it('leaves the folder entirely old or entirely new, and the next night with changed input succeeds, leaving the user files alone', async () => {
    const failures: string[] = [];
    await pool(points, 3, async ([name, n]) => {
      const point = `${name}:${n}`;
      const out = copyOf(old);
      const killed = await generateNight(inputs, 'B', out, { OBSGEN_FAILPOINT: point });
      if (killed.signal !== 'SIGKILL') failures.push(`${point}: not killed (exit ${killed.code}) ${killed.stderr}`);
      const state = await resolved(out);
      const expected = AFTER_COMMIT_POINT.has(name) ? 'new' : 'old';
      const got = sameTree(state, oldTree) ? 'old' : sameTree(state, newTree) ? 'new' : undefined;
      if (got !== expected) {
        const fromNew = [...state.keys()].filter((p) => state.get(p) === newTree.get(p) && state.get(p) !== oldTree.get(p));
        const fromOld = [...state.keys()].filter((p) => state.get(p) === oldTree.get(p) && state.get(p) !== newTree.get(p));
        const neither = [...state.keys()].filter((p) => state.get(p) !== oldTree.get(p) && state.get(p) !== newTree.get(p));
        failures.push(`${point}: expected ${expected}, got ${got ?? `a mix (${fromOld.length} files old, ${fromNew.length} new, ${neither.length} neither: ${[...fromNew, ...neither].slice(0, 3).join(', ')})`}`);
      }
      const next = await generateNight(inputs, 'C', out);
      if (next.code !== 0) failures.push(`${point}: the next night failed (exit ${next.code}): ${next.stderr.trim()}`);
      const mismatches = manifestMismatches(out);
      if (mismatches.length > 0) failures.push(`${point}: after the next night: ${mismatches.join(', ')}`);
    });
    expect(failures).toEqual([]);
  }, 900_000);

  it('between the shards and the root of the manifest: a reader without the lock is told a commit is pending, not misled', async () => {
    const out = copyOf(old);
    const killed = await generateNight(inputs, 'B', out, { OBSGEN_FAILPOINT: 'commit.manifest:1' });
    expect(killed.signal).toBe('SIGKILL');
    // Night B's shards are in place, night A's root still is (what drift and explain read).
    const diags = new Diagnostics();
    expect(readPreviousManifest(out, diags)).toBeUndefined();
    expect(diags.items.map((d) => d.message)).toEqual([expect.stringMatching(/^its shard manifest\/\S+ is not the one it was written with: a commit to this folder is under way or was interrupted \(\.obsgen-journal\.json; the next `obsgen generate` finishes or undoes it\); obsgen will not touch/)]);
    // The next generate undoes it, and the folder is night A's again.
    expect(await resolved(out)).toEqual(oldTree);
  });

  it('recovers when the recovery itself is killed, at any point of undoing or finishing a commit', async () => {
    const failures: string[] = [];
    const cases: [first: string, second: string][] = [
      // Killed mid-commit (undone by the next run), and the next run killed while undoing it.
      ...[1, 7, 14, 22].map((n): [string, string] => ['commit.move:10', `recover.entry:${n}`]),
      ['commit.move:10', 'commit.unjournal:1'],
      // Killed past the commit point (finished by the next run), and the next run killed while finishing it.
      ['commit.cleanup:3', 'commit.cleanup:2'],
      ['commit.cleanup:3', 'commit.unjournal:1'],
    ];
    await pool(cases, 3, async ([first, second]) => {
      const out = copyOf(old);
      const killed = await generateNight(inputs, 'B', out, { OBSGEN_FAILPOINT: first });
      const killedAgain = await generateNight(inputs, 'C', out, { OBSGEN_FAILPOINT: second });
      if (killed.signal !== 'SIGKILL' || killedAgain.signal !== 'SIGKILL') failures.push(`${first} then ${second}: not killed both times`);
      const state = await resolved(out);
      const expected = first.startsWith('commit.cleanup') ? newTree : oldTree;
      if (!sameTree(state, expected)) failures.push(`${first} then ${second}: not the ${expected === newTree ? 'new' : 'old'} output`);
      const next = await generateNight(inputs, 'C', out);
      if (next.code !== 0) failures.push(`${first} then ${second}: the next night failed: ${next.stderr.trim()}`);
      const mismatches = manifestMismatches(out);
      if (mismatches.length > 0) failures.push(`${first} then ${second}: ${mismatches.join(', ')}`);
    });
    expect(failures).toEqual([]);
  }, 480_000);
});
