import type { Arn } from '../arn.js';
import type { Dimension } from '../types.js';

/** What a resource type module makes of an ARN it recognises. */
export type Recognition =
  | { kind: 'resource'; name: string; dimensions: Dimension[] }
  /** The ARN is of this service but a form obsgen does not monitor (an alias, a stream). */
  | { kind: 'unsupported'; type: string; reason: string };

/**
 * One AWS resource type: how to recognise its ARN and derive its name and CloudWatch
 * dimensions. Adding a service is adding one of these.
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
  /** Returns undefined when the ARN is not of this type. */
  recognise(arn: Arn): Recognition | undefined;
}
