import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Manifest } from '../state/manifest.js';

/** When a run may remove monitoring without being told to. */
export interface RemovalGuard {
  /** More removed alarms than this stops the run (unless allowed). */
  maxRemovedAlarms: number;
  /** A larger share of the previous alarms removed stops the run (unless allowed). */
  maxRemovedShare: number;
  allowRemovals: boolean;
}

/**
 * Stops a run that would remove much of the monitoring: an empty inventory where there was
 * monitoring, or more alarms removed than the guard allows. A discovery that silently came
 * back short (wrong credentials, a missing region) looks exactly like this, and a nightly
 * job must not turn it into a pull request that deletes alarms. `--allow-removals` proceeds.
 */
export function checkRemovals(previous: Manifest | undefined, next: Manifest, guard: RemovalGuard, diags: Diagnostics): void {
  if (!previous || guard.allowRemovals || previous.alarms.length === 0) return;
  const kept = new Set(next.alarms.map((a) => a.id));
  const removed = previous.alarms.filter((a) => !kept.has(a.id)).length;
  const share = removed / previous.alarms.length;
  const hint = 'if this is intended, run again with --allow-removals';
  if (next.resources.length === 0) {
    diags.error(`the inventory has no monitored resources, where the previous run had ${previous.resources.length}; nothing was changed (${hint})`);
  } else if (removed > guard.maxRemovedAlarms || share > guard.maxRemovedShare) {
    diags.error(
      `this run would remove ${removed} of ${previous.alarms.length} alarms (${Math.round(share * 100)}%), more than the guard allows ` +
        `(${guard.maxRemovedAlarms} alarms or ${Math.round(guard.maxRemovedShare * 100)}%); nothing was changed (${hint})`,
    );
  }
}
