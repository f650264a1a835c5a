import type { Scope } from '../discover/types.js';

/**
 * Stable id of a resource: account, region, type and name. Two resources may share it (REST
 * APIs are measured, and so named, by their name, which need not be unique): `resolve` then
 * tells them apart.
 */
export function resourceKey(scope: Scope, type: string, name: string): string {
  return `${scope.account}/${scope.region}/${type}/${name}`;
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

/** The namespace of metric filter names: one per log group. */
export function metricFilterNamespace(scope: { account: string; region: string }, logGroupName: string): string {
  return `${scope.account}/${scope.region}/${logGroupName}`;
}
