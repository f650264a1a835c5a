import type { AlarmSpec, Blueprint, LogGroupSpec, MetricFilterSpec, Severity } from '../blueprints/types.js';
import type { Resource, ScopeStatus } from '../discover/types.js';

/** One alarm a resource gets, with its overrides resolved. */
export interface MatchedAlarm {
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
export interface MatchedResource {
  resource: Resource;
  app: string;
  env: string | undefined;
  blueprints: Blueprint[];
  alarms: MatchedAlarm[];
  /** Alarm ids turned off by `obsgen:disable`. */
  disabled: string[];
  /** Opt-in alarm ids on for this resource (its `obsgen:enable` tag, or the config's `enable` rules). */
  enabled: string[];
  logGroups: { blueprint: Blueprint; spec: LogGroupSpec }[];
}

/** A resource obsgen does not monitor, and why. */
export interface Unmonitored {
  arn: string;
  type: string;
  reason: string;
}

/** What matching found: the monitored resources with their blueprints, and the others with why not. */
export interface Matched {
  /** Sorted by ARN. */
  resources: MatchedResource[];
  /** Sorted by ARN. */
  unmonitored: Unmonitored[];
  scopes: ScopeStatus[];
}

/**
 * What the previous run's overrides gave one resource's alarms, so that a tag that is malformed
 * now keeps the value it gave before instead of falling back to the default (see readOverrides).
 */
export interface PreviousOverrides {
  /** The threshold the tag `tag` set on the alarm last run, if it did. */
  threshold(arn: string, alarmId: string, tag: string): number | undefined;
  /** The alarm's severity last run, if it existed. */
  severity(arn: string, alarmId: string): Severity | undefined;
}

export const NO_PREVIOUS_OVERRIDES: PreviousOverrides = { threshold: () => undefined, severity: () => undefined };
