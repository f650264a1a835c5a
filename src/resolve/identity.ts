import type { Scope } from '../discover/types.js';

/**
 * Stable id of a resource: account, region, type and name. Two resources may share it (REST
 * APIs are measured, and so named, by their name, which need not be unique): `resolve` then
 * tells them apart.
 */
export function resourceKey(scope: Scope, type: string, name: string): string {
  return `${scope.account}/${scope.region}/${type}/${name}`;
}

/** The scope a stable id (`account/region/…`) begins with: its first two parts (empty where it has none). */
export function idScope(id: string): { account: string; region: string } {
  const first = id.indexOf('/');
  if (first < 0) return { account: id, region: '' };
  const second = id.indexOf('/', first + 1);
  return { account: id.slice(0, first), region: id.slice(first + 1, second < 0 ? undefined : second) };
}

/** What a unit id (`resourceKey`) names after its scope: `type/name` (with the hash of one told apart from another of its name). */
export function unitTypeAndName(unit: string): string {
  return unit.split('/').slice(2).join('/');
}

/** Stable id of a resource's alarm: the resource's and the blueprint's alarm id. */
export function alarmKey(resourceUnit: string, alarmId: string): string {
  return `${resourceUnit}/${alarmId}`;
}

/**
 * What an alarm is across runs, for telling alarm names apart: its resource's ARN and the
 * blueprint's alarm id (the ARN, unlike a name, never collides).
 */
export function alarmIdentity(arn: string, alarmId: string): string {
  return `${arn}\n${alarmId}`;
}

/** The namespace of alarm (and composite alarm) names: CloudWatch's, one per account and region. */
export function alarmNamespace(scope: { account: string; region: string }): string {
  return `${scope.account}/${scope.region}`;
}

/** Stable id of a resource's log group: the resource's unit and the blueprint's log group id. */
export function logGroupIdOf(resourceUnit: string, logGroupId: string): string {
  return `${resourceUnit}/logs/${logGroupId}`;
}

/** The unit a log group's stable id begins with (a blueprint's ids have no `/`); the id itself when it is not one. */
export function unitOfLogGroupId(id: string): string {
  const at = id.lastIndexOf('/logs/');
  return at < 0 ? id : id.slice(0, at);
}

/** What AWS knows a log group by (its account, region and name), whichever resource names it. */
export function logGroupKey(scope: { account: string; region: string }, name: string): string {
  return `${scope.account}/${scope.region}/${name}`;
}

/** The namespace of metric filter names: one per log group. */
export function metricFilterNamespace(scope: { account: string; region: string }, logGroupName: string): string {
  return logGroupKey(scope, logGroupName);
}
