import { sameBand } from '../tune/band.js';
import type { Manifest, ManifestAlarm, ManifestComposite } from '../state/manifest.js';
import { describeProvenance } from '../model/describe.js';
import { compare } from '../util/compare.js';

export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

/** Items added to and removed from a list-valued setting (a composite alarm's rule), shown one per line. */
export interface ListChange {
  field: string;
  added: string[];
  removed: string[];
}

export interface Changed {
  id: string;
  name: string;
  changes: FieldChange[];
  lists?: ListChange[];
}

/** A tag added (no `from`), removed (no `to`) or given another value. */
export interface TagChange {
  key: string;
  from?: string;
  to?: string;
}

/** A resource whose recorded tags (those that shape the output) changed. */
export interface Retagged {
  arn: string;
  tags: TagChange[];
}

/** The semantic difference between two runs: what a reviewer needs to see, and nothing else. */
export interface PlanDiff {
  resources: { added: string[]; removed: string[]; retagged: Retagged[] };
  alarms: { added: string[]; removed: string[]; changed: Changed[] };
  composites: { added: string[]; removed: string[]; changed: Changed[] };
  dashboards: { added: string[]; removed: string[]; changed: string[] };
  /** `deletesLogs`: the removed log groups deleted with their logs (not retained), a subset of `removed`. */
  logGroups: { added: string[]; removed: string[]; deletesLogs: string[]; changed: Changed[] };
  metricFilters: { added: string[]; removed: string[]; changed: Changed[] };
  unmonitored: { added: string[]; removed: string[] };
  /** Scopes discovery did not complete, whose monitoring was kept. */
  incompleteScopes: string[];
  /** Files that change although nothing above does (documentation, layout, tool version). */
  otherFiles: string[];
  /** Whether anything at all changed. */
  changed: boolean;
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((i) => [i.id, i]));
}

function sets<T extends { id: string }>(before: readonly T[], after: readonly T[]) {
  const b = byId(before);
  const a = byId(after);
  return {
    added: [...a.keys()].filter((k) => !b.has(k)).sort(compare),
    removed: [...b.keys()].filter((k) => !a.has(k)).sort(compare),
    both: [...a.keys()].filter((k) => b.has(k)).sort(compare).map((k) => [b.get(k)!, a.get(k)!] as const),
  };
}

function fieldChanges<T>(from: T, to: T, fields: (keyof T & string)[], show: (v: T[keyof T], field: string, item: T) => string = (v) => (Array.isArray(v) ? v.join(', ') || 'none' : String(v))): FieldChange[] {
  // A field the previous manifest did not record (an older version) is not a change.
  return fields.filter((f) => from[f] !== undefined && JSON.stringify(from[f]) !== JSON.stringify(to[f])).map((f) => ({ field: f, from: show(from[f], f, from), to: show(to[f], f, to) }));
}

const ALARM_FIELDS: (keyof ManifestAlarm & string)[] = ['name', 'threshold', 'comparison', 'period', 'evaluationPeriods', 'datapointsToAlarm', 'treatMissingData', 'severity', 'actions', 'metric'];

/** A band chosen, dropped or resized (a change of the deployed alarm that no other field shows). */
function bandChange(b: ManifestAlarm, a: ManifestAlarm): FieldChange[] {
  if (sameBand(b.band, a.band)) return [];
  const show = (x: ManifestAlarm) => (x.band ? `anomaly band of ${x.band.width} (${x.band.side}${x.band.fill === undefined ? '' : `, no data as ${x.band.fill}`}): ${x.band.reason}` : 'none (static threshold)');
  return [{ field: 'band', from: show(b), to: show(a) }];
}

/** How the recorded tags of a resource changed, by key. */
function tagChanges(before: readonly [string, string][], after: readonly [string, string][]): TagChange[] {
  const b = new Map(before);
  const a = new Map(after);
  return [...new Set([...b.keys(), ...a.keys()])]
    .filter((key) => b.get(key) !== a.get(key))
    .sort(compare)
    .map((key) => ({ key, ...(b.has(key) ? { from: b.get(key)! } : {}), ...(a.has(key) ? { to: a.get(key)! } : {}) }));
}

/**
 * A composite alarm's rule change: the alarms added to and removed from it when both runs
 * recorded them, else (a manifest from before they were) the two hashes.
 */
function ruleChange(b: ManifestComposite, a: ManifestComposite): Pick<Changed, 'changes' | 'lists'> {
  if (b.rule === a.rule) return { changes: [] };
  if (b.childAlarms && a.childAlarms) {
    const before = new Set(b.childAlarms);
    const after = new Set(a.childAlarms);
    const list = { field: 'rule', added: a.childAlarms.filter((n) => !before.has(n)), removed: b.childAlarms.filter((n) => !after.has(n)) };
    // The same alarms in another rule (a change of how rules are written): only the hashes tell.
    if (list.added.length + list.removed.length > 0) return { changes: [], lists: [list] };
  }
  return { changes: fieldChanges(b, a, ['rule']) };
}

/** Compares the manifest on disk with the one this run would write. */
export function diffManifests(before: Manifest | undefined, after: Manifest): PlanDiff {
  const prev: Manifest = before ?? { ...after, scopes: [], resources: [], stacks: [], alarms: [], composites: [], logGroups: [], metricFilters: [], dashboards: [], unmonitored: [], files: [], existingLogGroups: [] };
  // An upgraded manifest did not record resources: compare none rather than report all as new.
  const resources = sets(
    prev.resources.map((r) => ({ ...r, id: r.arn })),
    prev.upgradedFrom ? [] : after.resources.map((r) => ({ ...r, id: r.arn })),
  );
  const alarms = sets(prev.alarms, after.alarms);
  const composites = sets(prev.composites, after.composites);
  const dashboards = sets(prev.dashboards, after.dashboards);
  const logGroups = sets(prev.logGroups, after.logGroups);
  const removedLogGroups = new Set(logGroups.removed);
  const filters = sets(prev.metricFilters, after.metricFilters);
  const unmonitored = sets(
    prev.unmonitored.map((u) => ({ ...u, id: u.arn })),
    after.unmonitored.map((u) => ({ ...u, id: u.arn })),
  );
  const diff: PlanDiff = {
    resources: {
      added: resources.added,
      removed: resources.removed,
      retagged: resources.both.map(([b, a]) => ({ arn: a.arn, tags: tagChanges(b.tags, a.tags) })).filter((r) => r.tags.length > 0),
    },
    alarms: {
      added: alarms.added,
      removed: alarms.removed,
      changed: alarms.both
        .map(([b, a]) => ({
          id: a.id,
          name: a.name,
          changes: [
            // With a band on both sides, the static threshold is not deployed: not a change to show.
            ...fieldChanges(b, a, b.band && a.band ? ALARM_FIELDS.filter((f) => f !== 'threshold') : ALARM_FIELDS, (v, f, item) => (f === 'threshold' ? `${String(v)} (${describeProvenance(item.provenance)})` : Array.isArray(v) ? v.join(', ') || 'none' : String(v))),
            ...bandChange(b, a),
          ],
        }))
        .filter((c) => c.changes.length > 0),
    },
    composites: {
      added: composites.added,
      removed: composites.removed,
      changed: composites.both
        .map(([b, a]) => {
          const rule = ruleChange(b, a);
          return { id: a.id, name: a.name, changes: [...fieldChanges(b, a, ['name', 'children']), ...rule.changes, ...fieldChanges(b, a, ['actions'])], ...(rule.lists ? { lists: rule.lists } : {}) };
        })
        .filter((c) => c.changes.length > 0 || c.lists !== undefined),
    },
    dashboards: { added: dashboards.added, removed: dashboards.removed, changed: dashboards.both.filter(([b, a]) => (b.sha256 !== undefined && b.sha256 !== a.sha256) || b.name !== a.name).map(([, a]) => a.id) },
    logGroups: {
      added: logGroups.added,
      removed: logGroups.removed,
      // Before `retain` was recorded, only imported log groups were kept.
      deletesLogs: prev.logGroups.filter((l) => removedLogGroups.has(l.id) && !(l.retain ?? l.exists)).map((l) => l.id),
      changed: logGroups.both.map(([b, a]) => ({ id: a.id, name: a.name, changes: fieldChanges(b, a, ['name', 'retentionDays', 'exists', 'retain']) })).filter((c) => c.changes.length > 0),
    },
    metricFilters: {
      added: filters.added,
      removed: filters.removed,
      changed: filters.both.map(([b, a]) => ({ id: a.id, name: a.filterName, changes: fieldChanges(b, a, ['filterName', 'pattern', 'metric']) })).filter((c) => c.changes.length > 0),
    },
    unmonitored: { added: unmonitored.added, removed: unmonitored.removed },
    incompleteScopes: after.scopes.filter((s) => !s.complete).map((s) => `${s.account}/${s.region}`),
    otherFiles: [],
    changed: false,
  };
  // An incomplete scope changes nothing by itself (its monitoring is kept): it is reported, and
  // the run's warning says so, but it is not a reason to propose a change.
  const semantic = Object.values(diff).some((v) => v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).some((x) => Array.isArray(x) && x.length > 0));
  const beforeFiles = new Map(prev.files.map((f) => [f.path, f.sha256]));
  const afterPaths = new Set(after.files.map((f) => f.path));
  const fileChanges = [...after.files.filter((f) => beforeFiles.get(f.path) !== f.sha256).map((f) => f.path), ...prev.files.filter((f) => !afterPaths.has(f.path)).map((f) => f.path)].sort(compare);
  diff.otherFiles = semantic ? [] : fileChanges;
  diff.changed = semantic || fileChanges.length > 0 || before?.version !== after.version;
  return diff;
}
