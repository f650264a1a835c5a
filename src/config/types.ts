import type { Severity, TuningSpec } from '../blueprints/types.js';
import type { ResourceTypes } from '../services/catalog.js';

export interface TagFilter {
  tag: string;
  /** Absent: any value matches (the tag is present). */
  values?: string[];
}

/** Who gets notified: alarms of a severity, or applications' composite alarms. */
export type ActionTarget = Severity | 'application';

/** Every action target, in the order the config, the outputs and the pages list them. */
export const ACTION_TARGETS: readonly ActionTarget[] = ['critical', 'warning', 'info', 'application'];

/**
 * How the Terraform output meets providers and state: one module with a provider alias per
 * account and region (provider 5 or 6), one module whose resources set their region (provider
 * 6), or one module per account and region (each with a state of its own).
 */
export type TerraformLayout = 'module' | 'module-region-argument' | 'module-per-scope';

/** The shorthand for `output.targets` that `output.format` and `--format` take. */
export type OutputFormat = 'cloudformation' | 'terraform' | 'both';

/** The live source's settings (`source.type: aws`). */
export interface SourceConfig {
  type: 'files' | 'aws';
  regions: string[];
  profile?: string;
  accounts: string[];
  roleArn?: string;
  externalId?: string;
  concurrency: number;
  enrich: boolean;
  existingLogGroups: boolean;
  allResourceTypes: boolean;
  maxAttempts: number;
  requestTimeoutSeconds: number;
  /** Most pages one paginated listing may take in a scope; more makes the scope incomplete. */
  maxPages: number;
  /** Most time spent reading one account/region (all its phases); then it is incomplete. */
  scopeTimeoutSeconds: number;
  /** Most time the whole live run may take; scopes not read by then are incomplete. */
  runTimeoutSeconds: number;
}

/**
 * A rule turning on opt-in alarms (`enable`): for the resources of these applications and
 * environments (absent: any), the alarms named by id (`traffic-drop`, in any blueprint) or by
 * `<blueprint-id>/<alarm-id>`.
 */
export interface EnableRule {
  alarms: string[];
  applications?: string[];
  environments?: string[];
}

/**
 * Service level objectives (`slos`) for the resources of these applications and environments
 * (absent: any) whose blueprints declare service level indicators: the share of requests, in
 * percent over 30 days, that must succeed, or take `thresholdMs` or less.
 */
export interface SloRule {
  applications?: string[];
  environments?: string[];
  availability?: number;
  latency?: { objective: number; thresholdMs: number };
}

/** The configuration with every default applied and every path absolute. */
export type LogRemovalPolicy = 'retain' | 'delete';

export interface Config {
  /** The file it came from, if any. */
  file?: string;
  /** Position of a key in that file, for diagnostics found after loading. */
  locate?: (path: readonly (string | number)[]) => { line: number; column: number };
  source: SourceConfig;
  inputs: { inventory: string[]; logGroups: string[]; metrics: string[] };
  guards: { maxRemovedAlarms: number; maxRemovedShare: number; maxRemovedLogGroups: number };
  tuning: { enabled: boolean; hysteresis: number; lookbackDays: number; fetchHistory: boolean; policies: ReadonlyMap<string, TuningSpec> };
  blueprints: { builtin: boolean; paths: string[] };
  /**
   * The built-in resource types and those declared in the config (`resourceTypes`) and in the
   * blueprint folders (`*.types.yaml`), checked: what blueprints may name and discovery recognises.
   */
  resourceTypes: ResourceTypes;
  /**
   * The tag keys naming a resource's application and environment, each as its spellings in
   * order of preference (`[app, Application]`): a resource's first one present counts.
   */
  tags: { application: string[]; environment: string[]; defaultApplication: string };
  filters: { include: TagFilter[]; exclude: TagFilter[] };
  enable: EnableRule[];
  slos: SloRule[];
  /**
   * Per target, its action ARNs as Handlebars templates over partition/account/region (at most 5,
   * CloudWatch's limit per alarm state); none means no action. `declared`: the config sets at
   * least one target, even to empty (no action, on purpose); a run whose alarms have no action
   * at all warns unless it is.
   */
  actions: Record<ActionTarget, string[]> & { notifyOnOk: boolean; declared: boolean };
  naming: { prefix: string; alarmName: string; stackPrefix: string };
  /** Retention by environment tag value: a Map, because tag values such as `__proto__` are untrusted. */
  /**
   * `removalPolicy`: what happens to a log group obsgen created when it leaves the output (its
   * resource removed or opted out). `retain` (the default, as in the AWS CDK) keeps it and its
   * logs in AWS (CloudFormation DeletionPolicy/UpdateReplacePolicy Retain, Terraform
   * skip_destroy); `delete` deletes it with its logs. Imported log groups are always retained.
   */
  logs: { retentionDays: number; retentionByEnvironment: ReadonlyMap<string, number>; removalPolicy: LogRemovalPolicy };
  output: {
    dir: string;
    /**
     * The output folder as people read it in a browser (`output.browseUrl`), ending in `/`:
     * descriptions link to the application pages there. Absent: they name the page's path.
     */
    browseUrl?: string;
    /** The IaC targets to write, by id (see the targets registry), in registry order; documentation is always written. */
    targets: string[];
    cloudformation: { syntax: 'yaml' | 'json'; maxResourcesPerStack: number; maxBytesPerStack: number };
    terraform: { moduleName: string; layout: TerraformLayout };
  };
}
