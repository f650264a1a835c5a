import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { binOf } from '../lib/bin-path.js';
import { timed } from './measure.js';
import type { Run } from './measure.js';

/** A built obsgen the bench runs: this checkout's, or a baseline to compare with. */
export interface Cli {
  /** As the report names it: `this build`, or `baseline`. */
  label: string;
  /** Its program as the package installs it (package.json's `bin`). */
  main: string;
  /** The commit it was built from (with `+` when its work tree had changes), if known. */
  commit: string;
}

/** The built CLI of an obsgen checkout (`npm run build` must have run there). */
export function cliOf(root: string, label: string): Cli {
  const main = binOf(root);
  if (!existsSync(main)) throw new Error(`${main} does not exist: run \`npm run build\` in ${root} first`);
  return { label, main, commit: commitOf(root) };
}

function commitOf(root: string): string {
  try {
    const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8' }).trim();
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? '+' : ''}`;
  } catch {
    return 'unknown';
  }
}

/** Runs the CLI as a user does (a whole `node` process) under GNU time; throws on an exit code not in `ok`. */
export function runObsgen(cli: Cli, args: string[], cwd: string, ok: readonly number[] = [0]): Run & { stdout: string } {
  const r = timed(process.execPath, [cli.main, ...args], cwd);
  if (!ok.includes(r.code)) throw new Error(`${cli.label}: obsgen ${args.join(' ')} exited ${r.code} (expected ${ok.join(' or ')})\n${r.stdout.slice(-2000)}`);
  return r;
}
