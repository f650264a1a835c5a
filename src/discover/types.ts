import type { Dimension } from '../services/service.js';

export type { Dimension } from '../services/service.js';

/** Where an inventory entry came from, so diagnostics can point at it. */
export interface Origin {
  file: string;
  /** Index in the file's `ResourceTagMappingList`. */
  index: number;
}

/** An account and region: the unit of discovery, deployment and safety guards. */
export interface Scope {
  partition: string;
  account: string;
  region: string;
}

/** A discovered resource of a supported type. Tags are untrusted input. */
export interface Resource {
  arn: string;
  partition: string;
  account: string;
  region: string;
  service: string;
  /** Supported type id, e.g. `lambda:function` (see `discover/resource-types`). */
  type: string;
  name: string;
  namespace: string;
  dimensions: Dimension[];
  /** Type-specific values for templates (a REST API's id, a bucket's request metrics filter). */
  attributes: Readonly<Record<string, string>>;
  tags: ReadonlyMap<string, string>;
  origin: Origin;
}

/** A resource obsgen does not monitor, and why. Never silently dropped. */
export interface UncoveredResource {
  arn: string;
  /** Type id when the ARN was recognised, otherwise `service[:resource-type]` as far as known. */
  type: string;
  reason: string;
  tags: ReadonlyMap<string, string>;
  origin: Origin;
}

/** Discovery result of one scope; `complete` is false when discovery failed part-way. */
export interface ScopeStatus extends Scope {
  complete: boolean;
  error?: string;
}

/** A log group that already exists in an account and region. */
export interface ExistingLogGroup {
  account: string;
  region: string;
  name: string;
  retentionDays?: number;
}

export interface Inventory {
  /** Sorted by ARN. */
  resources: Resource[];
  /** Sorted by ARN. */
  uncovered: UncoveredResource[];
  /** Sorted by account, region. */
  scopes: ScopeStatus[];
  /** Log groups known to exist already, to import rather than create. */
  existingLogGroups: ExistingLogGroup[];
}
