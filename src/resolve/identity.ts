import type { Scope } from '../discover/types.js';

/** Stable id of a resource: account, region, type and name. */
export function resourceKey(scope: Scope, type: string, name: string): string {
  return `${scope.account}/${scope.region}/${type}/${name}`;
}

/** Stable id of a resource's alarm: the resource's and the blueprint's alarm id. */
export function alarmKey(resourceUnit: string, alarmId: string): string {
  return `${resourceUnit}/${alarmId}`;
}
