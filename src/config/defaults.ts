import { ResourceTypes } from '../services/catalog.js';
import type { Config } from './types.js';

/**
 * The alarm name is derived from the resource identity and the alarm id only (never from
 * tags), so re-tagging a resource never replaces its alarms.
 */
export const DEFAULT_ALARM_NAME = '{{prefix}}{{resource.type}}/{{resource.name}}/{{alarm.id}}';

/**
 * How far a live run goes before a scope counts as incomplete. 1,000 pages is 100,000 tagged
 * resources of the covered types in one account/region (GetResources gives 100 a page), or
 * 50,000 log groups under one prefix: beyond any estate obsgen is sized for (docs/benchmarks.md
 * measures 50,000 resources in all), while a listing that never ends stops after seconds. A
 * scope gets 10 minutes: a 10,000-resource region lists in about 100 pages (a minute or two at
 * real API latencies), and its metric history takes about 400 GetMetricData calls (measured in
 * docs/benchmarks.md), 8 at a time within 40 a second: a few minutes at most, so a healthy
 * region has several times the time it needs. The run gets 30 minutes: scopes are read 4 at a time, and a nightly job must still
 * write the healthy scopes well inside a typical CI job's time limit (GitHub Actions: 6 hours,
 * but teams set 30-60 minutes).
 */
export const LIVE_BOUNDS = { maxPages: 1000, scopeTimeoutSeconds: 600, runTimeoutSeconds: 1800 } as const;

/** Defaults for everything, so `obsgen generate --inventory x.json` needs no config. */
export function defaultConfig(): Config {
  return {
    source: {
      type: 'files',
      regions: [],
      accounts: [],
      concurrency: 4,
      enrich: true,
      existingLogGroups: true,
      allResourceTypes: false,
      maxAttempts: 8,
      requestTimeoutSeconds: 30,
      ...LIVE_BOUNDS,
    },
    inputs: { inventory: [], logGroups: [], metrics: [] },
    // A log group removed while its resource is still monitored (a dropped obsgen:log-group
    // tag) needs --allow-removals: its metric filters go, and with logs.removalPolicy: delete
    // its logs too, which no later run brings back (src/safety/guards.ts).
    guards: { maxRemovedAlarms: 50, maxRemovedShare: 0.2, maxRemovedLogGroups: 0 },
    tuning: { enabled: true, hysteresis: 0.1, lookbackDays: 14, fetchHistory: true, policies: new Map() },
    blueprints: { builtin: true, paths: [] },
    resourceTypes: ResourceTypes.BUILTIN,
    tags: { application: ['app'], environment: ['env'], defaultApplication: 'unassigned' },
    filters: { include: [], exclude: [] },
    enable: [],
    slos: [],
    actions: { critical: [], warning: [], info: [], application: [], notifyOnOk: true, declared: false },
    naming: { prefix: 'obsgen/', alarmName: DEFAULT_ALARM_NAME, stackPrefix: 'obsgen' },
    logs: { retentionDays: 30, retentionByEnvironment: new Map(), removalPolicy: 'retain' },
    output: {
      dir: 'generated',
      targets: ['cloudformation'],
      cloudformation: { syntax: 'yaml', maxResourcesPerStack: 500, maxBytesPerStack: 1_000_000 },
      terraform: { moduleName: 'obsgen', layout: 'module' },
    },
  };
}
