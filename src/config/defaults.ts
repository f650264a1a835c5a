import type { Config } from './types.js';

/**
 * The alarm name is derived from the resource identity and the alarm id only (never from
 * tags), so re-tagging a resource never replaces its alarms.
 */
export const DEFAULT_ALARM_NAME = '{{prefix}}{{resource.type}}/{{resource.name}}/{{alarm.id}}';

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
    },
    inputs: { inventory: [], logGroups: [], metrics: [] },
    guards: { maxRemovedAlarms: 50, maxRemovedShare: 0.2 },
    tuning: { enabled: true, hysteresis: 0.1, lookbackDays: 14, fetchHistory: true, policies: new Map() },
    blueprints: { builtin: true, paths: [] },
    tags: { application: 'app', environment: 'env', defaultApplication: 'unassigned' },
    filters: { include: [], exclude: [] },
    actions: { critical: '', warning: '', info: '', application: '', notifyOnOk: true },
    naming: { prefix: 'obsgen/', alarmName: DEFAULT_ALARM_NAME, stackPrefix: 'obsgen' },
    logs: { retentionDays: 30, retentionByEnvironment: new Map() },
    output: {
      dir: 'generated',
      targets: ['cloudformation'],
      cloudformation: { syntax: 'yaml', maxResourcesPerStack: 500, maxBytesPerStack: 1_000_000 },
      terraform: { moduleName: 'obsgen', layout: 'module' },
    },
  };
}
