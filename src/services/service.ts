import type { Arn } from './arn.js';
import type { PageBounds } from '../util/paginate.js';

/*
 * What one AWS service folder (`src/services/<service>/`) provides: its resource types (how to
 * recognise an ARN and derive the resource's name and CloudWatch dimensions), a sample of each
 * type, its built-in blueprints, and, when the ARN does not carry everything its metrics need,
 * an enrich hook that asks the service's API. The registry lists the folders; the README's
 * resource-type table, the IAM policy and the blueprint catalogue are generated from it.
 */

/**
 * A CloudWatch metric dimension. Order matters for display only; CloudWatch matches sets.
 * Read-only: a resource's dimensions are shared by all its metrics (resolve/metric.ts).
 */
export interface Dimension {
  readonly name: string;
  readonly value: string;
}

/** What a resource type module makes of an ARN it recognises. */
export type Recognition =
  | {
      kind: 'resource';
      name: string;
      dimensions: Dimension[];
      /** Extra values for templates, e.g. a REST API's id and stage for its log group name. */
      attributes?: Record<string, string>;
      /** Where its metrics and alarms live, when not the ARN's region (CloudFront: one region of its partition). */
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

/** One AWS resource type: how to recognise its ARN and derive its name and CloudWatch dimensions. */
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
  /**
   * For the README's table of supported types (Markdown): the ARN's resource part, the
   * namespace when it needs a note, and the dimensions with notes.
   */
  docs: { arn: string; namespace?: string; dimensions: string };
  /** Returns undefined when the ARN is not of this type. Tags are untrusted. */
  recognise(arn: Arn, tags: ReadonlyMap<string, string>): Recognition | undefined;
}

/**
 * A sample ARN of a type and exactly what recognising it must give: the type's test (a
 * registered type without one fails the suite) and a worked example for readers.
 */
export interface Sample {
  arn: string;
  /** Tags the type needs to recognise the ARN (hint tags). */
  tags?: Record<string, string>;
  name: string;
  dimensions: [name: string, value: string][];
  /** Exactly the optional parts the module sets on its recognition. */
  extra?: { attributes?: Record<string, string>; region?: string; namespace?: string };
}

/** A resource of a type as a synthetic estate (benchmarks, tests) makes it: an ARN and the hint tags it needs. */
export interface MadeResource {
  arn: string;
  tags?: Record<string, string>;
}

/** Per type: its sample, and how to make a realistic resource of it from an account, region and unique name. */
export interface TypeExamples {
  sample: Sample;
  make(account: string, region: string, name: string): MadeResource;
}

/** One statement's worth of IAM permission a service's enrichment needs. */
export interface Permission {
  /** Statement id when the actions need their own resources; without, they join the read-only statement. */
  sid?: string;
  actions: string[];
  /** Resources (ARN patterns); `*` when absent. */
  resources?: string[];
}

/** An entry of a Tagging API listing, as `get-resources` prints it; enrichers add hint tags to it. */
export interface TagMapping {
  ResourceARN: string;
  Tags: { Key: string; Value: string }[];
}

/** A client constructor of the AWS SDK v3 (`new XClient(config)`). */
export type ClientClass<C> = new (config: never) => C;

/** What an enricher may use: SDK clients for the scope, made with the run's credentials, endpoint, retries and call counting. */
export interface EnrichContext {
  /** A client of the scope, made once per class; `iamService` names its calls in the run's statistics. */
  client<C>(make: ClientClass<C>, iamService: string): C;
  /**
   * The bounds every listing keeps (`paginate` in util/paginate.ts): pages, repeated tokens, and
   * the deadline's signal, which each call passes to the SDK (`send(command, { abortSignal })`).
   */
  bounds: PageBounds;
}

/** The code an enricher runs: fills in hint tags from the service's API. Values from AWS replace tags set by hand. */
export interface EnrichModule {
  enrich(context: EnrichContext, mappings: TagMapping[]): Promise<void>;
}

/**
 * Asks a service's API what ARNs do not carry (a REST API's name, a target group's load
 * balancer) and records it as hint tags, on live runs only.
 */
export interface Enricher {
  /** The type ids (as recognised, or as reported unsupported for lack of a hint tag) whose entries it enriches. */
  types: readonly string[];
  /** The IAM permissions its calls need; the README's read-only policy is generated from these. */
  permissions: readonly Permission[];
  /** Loads the code that calls AWS: only live runs pay for loading the SDK. */
  load(): Promise<EnrichModule>;
}

/** An AWS service folder: everything obsgen knows about one service. */
export interface Service {
  /** The folder's name. */
  id: string;
  types: readonly ResourceType[];
  /** Per type id: its sample and how to make one. */
  examples: Readonly<Record<string, TypeExamples>>;
  /** Its built-in blueprints: YAML files in its folder. */
  blueprints: readonly string[];
  enrich?: Enricher;
}

/** Shorthand for a recognised resource. */
export function found(name: string, dimensions: [string, string][], extra: Omit<Extract<Recognition, { kind: 'resource' }>, 'kind' | 'name' | 'dimensions'> = {}): Recognition {
  return { kind: 'resource', name, dimensions: dimensions.map(([n, value]) => ({ name: n, value })), ...extra };
}

/** Shorthand for an ARN of the service that is not monitored (as such). */
export function unsupported(type: string, reason: string): Recognition {
  return { kind: 'unsupported', type, reason };
}
