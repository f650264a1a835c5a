import { logGroupKey, metricFilterNamespace, unitOfLogGroupId, unitTypeAndName } from '../resolve/identity.js';
import type { PreviousNames } from '../resolve/types.js';
import { namespacedKey } from '../util/name-registry.js';
import type { AlarmModel, LogGroupModel, MetricFilterModel, UnitModel } from './types.js';

/**
 * Log groups and metric filters keep the id (and so the unit, stack, logical id and Terraform
 * address) they had last run as long as they are generated, whichever resource names them now.
 *
 * Their ids begin with the unit of the resource that owns them, and a log group several
 * resources name (state machines logging to one) is owned by one of them: when that one goes,
 * another becomes the owner. With ids taken from the new owner, the nightly run replaced the
 * log group and its filters under new ids, for one that AWS knows by the same name: CloudFormation
 * creates the new resource before it deletes the old one, so the log group's creation failed
 * (it exists) and the update rolled back, and a metric filter, put again under its name and
 * then deleted by that name as the old resource went, was gone while the stack said it was
 * there (its alarm could never fire again). Terraform had the same failure, or with the
 * delete removal policy destroyed the log group's logs. AWS knows a log group by its account,
 * region and name, and a filter by its log group and name: what the previous run generated
 * under those keeps its id here, and its unit, which holds it in the stack it is in even when
 * the resource that unit was named after is gone (such a unit is added to `units`), and the
 * name its logical id is read after (`namedAfter`). A unit whose id was told apart from
 * another's by a hash (two resources of one name) gives a logical id with that hash: such a log
 * group is still re-created, as before.
 *
 * An id is taken only when nothing generated this run has it: a resource that still exists and
 * now names another log group keeps its own ids.
 */
export function keepLogIdentities(
  logGroups: readonly LogGroupModel[],
  filters: readonly MetricFilterModel[],
  alarms: readonly AlarmModel[],
  units: readonly UnitModel[],
  previous: PreviousNames,
): { logGroups: LogGroupModel[]; filters: MetricFilterModel[]; alarms: AlarmModel[]; units: UnitModel[] } {
  const groupIds = new Set(logGroups.map((l) => l.id));
  const renamedGroups = new Map<string, LogGroupModel>();
  const keptGroups = logGroups.map((l) => {
    const before = previous.logGroupIds.get(logGroupKey(l.scope, l.name));
    if (before === undefined || before === l.id || groupIds.has(before)) return l;
    const unit = unitOfLogGroupId(before);
    const kept = { ...l, id: before, unit, namedAfter: unitTypeAndName(unit) };
    renamedGroups.set(l.id, kept);
    return kept;
  });
  const filterIds = new Set(filters.map((f) => f.id));
  const renamedFilters = new Map<string, string>();
  const keptFilters = filters.map((f) => {
    const group = renamedGroups.get(f.logGroupId);
    const moved = group ? { ...f, logGroupId: group.id, unit: group.unit } : f;
    const before = previous.metricFilters.get(namespacedKey(metricFilterNamespace(f.scope, f.logGroupName), f.filterName));
    if (before === undefined || before === f.id || filterIds.has(before)) return moved;
    renamedFilters.set(f.id, before);
    return { ...moved, id: before };
  });
  const keptAlarms = alarms.map((a) => {
    const into = a.metricFilterId === undefined ? undefined : renamedFilters.get(a.metricFilterId);
    return into === undefined ? a : { ...a, metricFilterId: into };
  });
  const known = new Set(units.map((u) => u.id));
  const more: UnitModel[] = [];
  for (const l of renamedGroups.values()) {
    if (known.has(l.unit)) continue;
    known.add(l.unit);
    more.push({ id: l.unit, kind: 'resource', scope: l.scope, label: l.resource.arn });
  }
  return { logGroups: keptGroups, filters: keptFilters, alarms: keptAlarms, units: [...units, ...more] };
}
