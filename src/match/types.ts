import type { AlarmSpec, Blueprint, LogGroupSpec, MetricFilterSpec, Severity } from '../blueprints/types.js';
import type { ExistingLogGroup, Resource, ScopeStatus } from '../discover/types.js';

/** One alarm a resource gets, with its overrides resolved. */
export interface PlannedAlarm {
  spec: AlarmSpec;
  blueprint: Blueprint;
  /** Set for a metric filter's alarm. */
  filter?: { logGroup: LogGroupSpec; filter: MetricFilterSpec };
  severity: Severity;
  /** The `obsgen:severity:<id>` tag that changed the severity, if any. */
  severityTag?: string;
  thresholdOverride?: { value: number; tag: string };
}

/** A monitored resource and everything its blueprints give it. */
export interface PlannedResource {
  resource: Resource;
  app: string;
  env: string | undefined;
  blueprints: Blueprint[];
  alarms: PlannedAlarm[];
  /** Alarm ids turned off by `obsgen:disable`. */
  disabled: string[];
  logGroups: { blueprint: Blueprint; spec: LogGroupSpec }[];
}

/** A resource obsgen does not monitor, and why. */
export interface Unmonitored {
  arn: string;
  type: string;
  reason: string;
}

export interface Plan {
  /** Sorted by ARN. */
  resources: PlannedResource[];
  /** Sorted by ARN. */
  unmonitored: Unmonitored[];
  scopes: ScopeStatus[];
  existingLogGroups: ExistingLogGroup[];
}
