import type { LiveProgress } from '../aws/live-source.js';
import { liveSummary } from '../pipeline/live.js';
import type { Inputs } from '../pipeline/run.js';
import type { CliIo } from './io.js';

/** On a terminal, one line of progress on stderr, rewritten in place; nothing otherwise. */
export function progressPrinter(io: CliIo, quiet: boolean): { update: (p: LiveProgress) => void; done: () => void } {
  if (!io.isTty || quiet) return { update: () => {}, done: () => {} };
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100 && p.scopesDone < p.scopesTotal) return;
      last = now;
      shown = true;
      io.clearLine?.();
      io.stderr(`${p.phase}: ${p.scopesDone}/${p.scopesTotal} account/region scopes, ${p.resources} resources, ${p.calls} calls`);
    },
    done() {
      if (shown) io.clearLine?.();
    },
  };
}

/** After a live run: the progress line cleared and, unless quiet, a summary of what the live source did. */
export function finishLive(io: CliIo, progress: { done: () => void }, inputs: Inputs | undefined, quiet: boolean): void {
  progress.done();
  if (inputs?.live && !quiet) io.stderr(liveSummary(inputs.live, inputs.inventory.scopes));
}
