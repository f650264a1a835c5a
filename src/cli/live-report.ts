import type { LiveProgress } from '../aws/live-source.js';
import type { Inputs } from '../pipeline/run.js';
import type { StageProgress } from '../pipeline/stages.js';
import type { CliIo } from './io.js';

/**
 * From how many resources a run shows which stage it is in. 10,000 resources take from about
 * 10 s (docs/benchmarks.md) to 44 s on a slower machine (#19), so below this a run ends within
 * a few seconds, and a line that flickers past would only be noise.
 */
export const STAGE_PROGRESS_FROM = 1000;

/** What a command reports progress to: the live source's phases, then the run's stages. */
export interface ProgressPrinter {
  update(p: LiveProgress): void;
  stage(p: StageProgress): void;
  /** Erases the line, before anything else is printed. */
  done(): void;
}

/**
 * On a terminal, one line of progress on stderr, rewritten in place; nothing otherwise (stdout
 * stays the command's output, and a log file gets no half-lines). Live phases are always
 * shown, the stages of a run only for large inputs (`STAGE_PROGRESS_FROM`).
 */
export function progressPrinter(io: CliIo, quiet: boolean): ProgressPrinter {
  if (!io.isTty || quiet) return { update: () => {}, stage: () => {}, done: () => {} };
  let last = 0;
  let shown = false;
  const show = (line: string) => {
    shown = true;
    io.clearLine?.();
    io.stderr(line);
  };
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100 && p.scopesDone < p.scopesTotal) return;
      last = now;
      show(`${p.phase}: ${p.scopesDone}/${p.scopesTotal} account/region scopes, ${p.resources} resources, ${p.calls} calls`);
    },
    stage(p) {
      if (p.resources >= STAGE_PROGRESS_FROM) show(`${p.resources} resources: ${p.id} (step ${p.index} of ${p.total})`);
    },
    done() {
      if (shown) io.clearLine?.();
    },
  };
}

/** After a live run: the progress line cleared and, unless quiet, a summary of what the live source did. */
export async function finishLive(io: CliIo, progress: { done: () => void }, inputs: Inputs | undefined, quiet: boolean): Promise<void> {
  progress.done();
  if (!inputs?.live || quiet) return;
  // Loaded only after a live run (which has loaded it already): it brings the AWS SDK.
  const { liveSummary } = await import('../pipeline/live.js');
  io.stderr(liveSummary(inputs.live, inputs.inventory.scopes));
}
