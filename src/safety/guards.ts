import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { unitOfLogGroupId } from '../resolve/identity.js';
import type { Manifest } from '../state/manifest.js';

/** When a run may remove monitoring without being told to. */
export interface RemovalGuard {
  /** More removed alarms (composite alarms, dashboards, metric filters, applications) than this stops the run (unless allowed). */
  maxRemovedAlarms: number;
  /** A larger share of the previous objects of one kind removed stops the run (unless allowed). */
  maxRemovedShare: number;
  /**
   * More log groups removed while their resource is still monitored than this stops the run
   * (unless allowed). Stricter than the others (0 by default): such a removal comes from a hint
   * tag that changed or came back empty (a state machine's `obsgen:log-group`), never from the
   * resource going away: the resource runs on while its log group leaves obsgen's hands with its
   * metric filters (and, with `logs.removalPolicy: delete`, its logs, which no later run can
   * bring back). A log group that goes with its resource
   * (a decommissioned function) counts like an alarm.
   */
  maxRemovedLogGroups: number;
  allowRemovals: boolean;
}

/** One kind of object the manifest records, as the guard counts it: its ids, or undefined when an older manifest did not record it. */
interface Kind {
  /** Plural, as the message says it. */
  name: string;
  ids: (m: Manifest) => readonly string[] | undefined;
  max: (g: RemovalGuard) => number;
  /** Why this kind's removals matter, when the count alone does not say it. */
  note?: string;
}

/** The ids of a manifest list that may be missing from older manifests (the guard then counts what it can). */
function idsOf(list: readonly { id: string }[] | undefined): string[] | undefined {
  return Array.isArray(list) ? list.map((x) => x.id) : undefined;
}

/**
 * The applications monitored, by name: read from the resources and, for manifests that did not
 * record them, from the alarms (each names its application). When tags come back empty or the
 * application tag key is renamed, every application is replaced by the default one.
 */
function applications(m: Manifest): string[] {
  const apps = new Set<string>();
  for (const x of [...(Array.isArray(m.resources) ? m.resources : []), ...m.alarms]) if (x.app) apps.add(x.app);
  return [...apps];
}

/**
 * The removed log groups whose resource still has monitoring in `next` (an alarm under its key):
 * their logs would be deleted while the resource runs on. When in doubt (a name that is the
 * start of another's), a log group counts here, the stricter side.
 */
function logGroupsLeavingTheirResource(previous: Manifest, next: Manifest): readonly string[] | undefined {
  if (!Array.isArray(previous.logGroups)) return undefined;
  const kept = new Set((next.logGroups ?? []).map((l) => l.id));
  const removed = previous.logGroups.filter((l) => !kept.has(l.id));
  const alarms = next.alarms.map((a) => a.id);
  return removed.filter((l) => {
    const unit = `${unitOfLogGroupId(l.id)}/`;
    return alarms.some((id) => id.startsWith(unit) && !id.startsWith(`${l.id}/`));
  }).map((l) => l.id);
}

const KINDS: readonly Kind[] = [
  { name: 'alarms', ids: (m) => m.alarms.map((a) => a.id), max: (g) => g.maxRemovedAlarms },
  { name: 'composite alarms', ids: (m) => idsOf(m.composites), max: (g) => g.maxRemovedAlarms },
  { name: 'dashboards', ids: (m) => idsOf(m.dashboards), max: (g) => g.maxRemovedAlarms },
  { name: 'applications', ids: applications, max: (g) => g.maxRemovedAlarms },
  { name: 'log groups', ids: (m) => idsOf(m.logGroups), max: (g) => g.maxRemovedAlarms, note: 'its metric filters go with it, and its logs too with logs.removalPolicy: delete' },
  { name: 'metric filters', ids: (m) => idsOf(m.metricFilters), max: (g) => g.maxRemovedAlarms },
];

const percent = (share: number): string => `${Math.round(share * 100)}%`;

/**
 * Stops a run that would remove much of the monitoring: an empty inventory where there was
 * monitoring, or more objects of any kind removed (alarms, composite alarms, dashboards,
 * applications, log groups, metric filters) than the guard allows. A discovery that silently
 * came back short (wrong credentials, a missing region, tags that came back empty, a renamed
 * application tag key) looks exactly like this, and a nightly job must not turn it into a pull
 * request that deletes monitoring, or logs. `--allow-removals` proceeds.
 */
export function checkRemovals(previous: Manifest | undefined, next: Manifest, guard: RemovalGuard, diags: Diagnostics): void {
  if (!previous || guard.allowRemovals) return;
  const stopped = diags.items.length;
  guardKinds(previous, next, guard, diags);
  if (diags.items.length > stopped) otherEstate(previous, next, diags);
}

function guardKinds(previous: Manifest, next: Manifest, guard: RemovalGuard, diags: Diagnostics): void {
  const hint = 'if this is intended, run again with --allow-removals';
  if (next.resources.length === 0 && previous.alarms.length > 0) {
    diags.error(`the inventory has no monitored resources, where the previous run had ${previous.resources.length}; nothing was changed (${hint})`);
    return;
  }
  for (const kind of KINDS) {
    const before = kind.ids(previous);
    if (!before || before.length === 0) continue;
    const kept = new Set(kind.ids(next) ?? []);
    const removed = before.filter((id) => !kept.has(id)).length;
    const share = removed / before.length;
    const max = kind.max(guard);
    if (removed > max || share > guard.maxRemovedShare) {
      diags.error(
        `this run would remove ${removed} of ${before.length} ${kind.name} (${percent(share)}), more than the guard allows ` +
          `(${max} ${kind.name} or ${percent(guard.maxRemovedShare)})${kind.note ? `; ${kind.note}` : ''}; nothing was changed (${hint})`,
      );
    }
  }
  const leaving = logGroupsLeavingTheirResource(previous, next);
  if (leaving && leaving.length > guard.maxRemovedLogGroups) {
    const shown = leaving.slice(0, 3).join(', ') + (leaving.length > 3 ? `, and ${leaving.length - 3} more` : '');
    diags.error(
      `this run would remove ${leaving.length} log ${leaving.length === 1 ? 'group' : 'groups'} whose resource is still monitored (${shown}), more than the guard allows ` +
        `(guards.maxRemovedLogGroups: ${guard.maxRemovedLogGroups}); its metric filters go with it, and its logs too with logs.removalPolicy: delete (was a tag like obsgen:log-group dropped?); nothing was changed (${hint})`,
    );
  }
}

/**
 * When not one account/region of the previous run is among this run's, the folder most likely
 * holds another estate's output (obsgen's demo in its clone's generated/, say) rather than
 * this estate's monitoring going missing: --allow-removals would be the wrong advice.
 */
function otherEstate(previous: Manifest, next: Manifest, diags: Diagnostics): void {
  const scopes = (m: Manifest) => [...new Set((m.scopes ?? []).map((x) => `${x.account}/${x.region}`))].sort();
  const before = scopes(previous);
  const now = new Set(scopes(next));
  if (before.length === 0 || now.size === 0 || before.some((x) => now.has(x))) return;
  const shown = (list: string[]) => list.slice(0, 3).join(', ') + (list.length > 3 ? `, and ${list.length - 3} more` : '');
  diags.error(`the output folder holds the monitoring of other accounts and regions (${shown(before)}) than this run read (${shown([...now])}): another estate's output, such as obsgen's demo? Give this one a folder of its own with --out`);
}
