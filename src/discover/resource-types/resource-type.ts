import type { Arn } from '../arn.js';
import type { Dimension } from '../types.js';

/** What a resource type module makes of an ARN it recognises. */
export type Recognition =
  | {
      kind: 'resource';
      name: string;
      dimensions: Dimension[];
      /** Extra values for templates, e.g. a REST API's id and stage for its log group name. */
      attributes?: Record<string, string>;
      /** Where its metrics and alarms live, when not the ARN's region (CloudFront: us-east-1). */
      region?: string;
      /** Its metrics' namespace, when it depends on the resource (a target group's load balancer type). */
      namespace?: string;
    }
  /** The ARN is of this service but a form obsgen does not monitor (an alias, a stream), or a dimension is unknown. */
  | { kind: 'unsupported'; type: string; reason: string };

/** A documented `obsgen:` tag that supplies what an ARN does not say. */
export interface HintTag {
  tag: string;
  description: string;
}

/**
 * One AWS resource type: how to recognise its ARN and derive its name and CloudWatch
 * dimensions. Adding a service is adding one of these (and a blueprint).
 */
export interface ResourceType {
  /** Stable id used by blueprints, e.g. `lambda:function`. */
  id: string;
  /** Human label, e.g. `Lambda function`. */
  label: string;
  /** ARN service segment. */
  service: string;
  /** `ResourceTypeFilters` value for the Resource Groups Tagging API. */
  taggingFilter: string;
  /** CloudWatch namespace of the type's metrics. */
  namespace: string;
  /** Tags that supply dimensions the ARN does not carry. */
  hintTags?: HintTag[];
  /** Returns undefined when the ARN is not of this type. Tags are untrusted. */
  recognise(arn: Arn, tags: ReadonlyMap<string, string>): Recognition | undefined;
}

/** Shorthand for a recognised resource. */
export function found(name: string, dimensions: [string, string][], extra: Omit<Extract<Recognition, { kind: 'resource' }>, 'kind' | 'name' | 'dimensions'> = {}): Recognition {
  return { kind: 'resource', name, dimensions: dimensions.map(([n, value]) => ({ name: n, value })), ...extra };
}

/** Shorthand for an ARN of the service that is not monitored (as such). */
export function unsupported(type: string, reason: string): Recognition {
  return { kind: 'unsupported', type, reason };
}
