import type { TagFilter } from '@aws-sdk/client-resource-groups-tagging-api';
import type { Blueprint } from '../blueprints/types.js';
import type { Config } from '../config/types.js';
import { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Diagnostics as DiagnosticsType } from '../diagnostics/diagnostic.js';
import { roleArnFor } from '../discover/aws/credentials.js';
import { discoverLogGroups, discoverResources, LiveSession } from '../discover/aws/live-source.js';
import type { LiveProgress } from '../discover/aws/live-source.js';
import type { LogGroupListing } from '../discover/aws/log-groups.js';
import type { Listing } from '../discover/aws/tagging.js';
import { fetchHistories } from '../discover/aws/history-fetch.js';
import type { HistoryRequest } from '../discover/aws/history-fetch.js';
import { historyKey } from '../tune/history.js';
import type { HistorySeries } from '../tune/history.js';
import { tunableAlarms } from '../tune/thresholds.js';
import { buildInventory } from '../discover/build-inventory.js';
import { mappingsOfListing } from '../discover/inventory-file.js';
import { existingLogGroups } from '../discover/log-groups-file.js';
import { resourceType } from '../services/registry.js';
import type { Inventory } from '../discover/types.js';
import { logGroupPrefixes, plannedLogGroupNames } from '../model/log-group-names.js';
import { planFor } from '../pipeline.js';
import type { CliIo } from './io.js';

/** What the live source saw, kept for `snapshot`. */
export interface LiveInputs {
  inventory: Inventory;
  listings: { account: string; region: string; listing: Listing }[];
  logGroups: { account: string; region: string; listing: LogGroupListing }[];
  /** History of the tuned alarms' metrics, per scope (for `snapshot`) and all together. */
  historyByScope: Map<string, HistorySeries[]>;
  history: HistorySeries[];
  /** Scopes (`account/region`) whose history could not be read. */
  historyUnavailable: string[];
  session: LiveSession;
}

export interface LiveCliOptions {
  quiet?: boolean;
  allResourceTypes?: boolean;
}

/** A read-only session for the configured accounts (through their roles) and regions. */
export function sessionFor(config: Config, onProgress?: (p: LiveProgress) => void): LiveSession {
  const src = config.source;
  return new LiveSession(
    {
      regions: src.regions,
      ...(src.profile ? { profile: src.profile } : {}),
      accounts: src.accounts.map((id) => ({
        id,
        ...(src.roleArn ? { roleArn: roleArnFor(src.roleArn, id) } : {}),
        ...(src.externalId ? { externalId: src.externalId } : {}),
      })),
      concurrency: src.concurrency,
      maxAttempts: src.maxAttempts,
      requestTimeoutMs: src.requestTimeoutSeconds * 1000,
    },
    onProgress,
  );
}

/**
 * Reads the account(s) live: resources per account and region (limited to the types the
 * blueprints cover), enriched; then the existing log groups under the names the blueprints
 * would create. Scopes that could not be read completely are reported as warnings and
 * recorded as incomplete in the inventory.
 */
export async function readLive(config: Config, blueprints: readonly Blueprint[], io: CliIo, options: LiveCliOptions, diags: DiagnosticsType): Promise<LiveInputs> {
  const src = config.source;
  const progress = progressPrinter(io, options.quiet ?? false);
  const session = sessionFor(config, progress.update);

  const discovered = await discoverResources(session, {
    ...(options.allResourceTypes || src.allResourceTypes ? {} : { resourceTypeFilters: typeFilters(blueprints) }),
    ...tagFilters(config),
    enrich: src.enrich,
  });
  const mappings = discovered.listings.flatMap((l) => mappingsOfListing(`aws:${l.account}/${l.region}`, l.listing));
  const inventory = buildInventory(mappings, diags, discovered.scopes);

  let logGroups: LiveInputs['logGroups'] = [];
  if (src.existingLogGroups) {
    const names = plannedLogGroupNames(planFor(inventory, blueprints, config, new Diagnostics()), config);
    const prefixes = new Map([...names].map(([scope, list]) => [scope, logGroupPrefixes(list)]));
    const found = await discoverLogGroups(session, prefixes);
    logGroups = found.listings;
    inventory.existingLogGroups = found.listings.flatMap((l) => existingLogGroups(l.listing));
    for (const f of found.failed) {
      const scope = inventory.scopes.find((s) => s.account === f.account && s.region === f.region);
      if (scope) Object.assign(scope, { complete: false, error: `existing log groups: ${f.error}` });
    }
  }
  const { history, unavailable } = await readHistoryLive(session, inventory, blueprints, config, diags);
  progress.done();

  for (const s of inventory.scopes.filter((x) => !x.complete)) {
    diags.warning(`discovery did not complete (${s.error ?? 'unknown error'}); its monitoring is not changed by this run`, { file: `aws:${s.account}/${s.region}` });
  }
  if (!options.quiet) io.stderr(summaryLine(session, inventory));
  return { inventory, listings: discovered.listings, logGroups, historyByScope: history, history: [...history.values()].flat(), historyUnavailable: unavailable, session };
}

/**
 * Fetches the history of the alarms a tuning policy decides (GetMetricData). A scope whose
 * history cannot be read keeps its alarms' thresholds from the previous run, with a warning.
 */
async function readHistoryLive(
  session: LiveSession,
  inventory: Inventory,
  blueprints: readonly Blueprint[],
  config: Config,
  diags: DiagnosticsType,
): Promise<{ history: Map<string, HistorySeries[]>; unavailable: string[] }> {
  const out = new Map<string, HistorySeries[]>();
  if (!config.tuning.enabled || !config.tuning.fetchHistory) return { history: out, unavailable: [] };
  const requests = new Map<string, HistoryRequest[]>();
  const seen = new Set<string>();
  for (const t of tunableAlarms(planFor(inventory, blueprints, config, new Diagnostics()), config)) {
    if (!t.metric || t.tuning.policy === 'relative-to-tag') continue;
    const r = t.resource.resource;
    const scope = `${r.account}/${r.region}`;
    const key = historyKey(t.metric, t.period);
    if (seen.has(`${scope}|${key}`)) continue;
    seen.add(`${scope}|${key}`);
    requests.set(scope, [...(requests.get(scope) ?? []), { key, metric: t.metric, period: t.period }]);
  }
  if (requests.size === 0) return { history: out, unavailable: [] };
  const { series, failed } = await fetchHistories(session, requests, config.tuning.lookbackDays, new Date());
  const scopeOfKey = new Map<string, string>();
  for (const [scope, list] of requests) for (const r of list) scopeOfKey.set(r.key, scope);
  for (const s of series) {
    const scope = scopeOfKey.get(s.key)!;
    out.set(scope, [...(out.get(scope) ?? []), s]);
  }
  for (const f of failed) diags.warning(`metric history could not be read (${f.error}); tuned thresholds keep their previous values`, { file: `aws:${f.account}/${f.region}` });
  return { history: out, unavailable: failed.map((f) => `${f.account}/${f.region}`) };
}

/** `ResourceTypeFilters` for the types the blueprints cover (Tagging API: ≤ 100). */
function typeFilters(blueprints: readonly Blueprint[]): string[] {
  return [...new Set(blueprints.map((b) => resourceType(b.resourceType)?.taggingFilter).filter((f): f is string => f !== undefined))].sort();
}

/**
 * The Tagging API ANDs its tag filters; the config's include rules are alternatives, so only a
 * single include rule can be pushed to the API. Everything else is filtered after listing.
 */
function tagFilters(config: Config): { tagFilters?: TagFilter[] } {
  const include = config.filters.include;
  if (include.length !== 1) return {};
  const rule = include[0]!;
  return { tagFilters: [{ Key: rule.tag, ...(rule.values ? { Values: rule.values } : {}) }] };
}

function summaryLine(session: LiveSession, inventory: Inventory): string {
  const s = session.stats.summary();
  const complete = inventory.scopes.filter((x) => x.complete).length;
  const calls = Object.entries(s.calls).map(([api, n]) => `${api} ${n}`).join(', ');
  const failures = Object.values(s.failures).reduce((a, b) => a + b, 0);
  return (
    `aws: ${inventory.scopes.length} scopes (${complete} complete), ${inventory.resources.length + inventory.uncovered.length} resources, ` +
    `${session.stats.totalCalls} calls (${calls || 'none'}), ${s.retries} retries, ${failures} failed calls, ${(s.durationMs / 1000).toFixed(1)} s\n`
  );
}

/** On a terminal, one line of progress on stderr, rewritten in place; nothing otherwise. */
function progressPrinter(io: CliIo, quiet: boolean): { update: (p: LiveProgress) => void; done: () => void } {
  if (!io.isTty || quiet) return { update: () => {}, done: () => {} };
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100 && p.scopesDone < p.scopesTotal) return;
      last = now;
      shown = true;
      io.stderr(`\r\x1b[K${p.phase}: ${p.scopesDone}/${p.scopesTotal} account/region scopes, ${p.resources} resources, ${p.calls} calls`);
    },
    done() {
      if (shown) io.stderr('\r\x1b[K');
    },
  };
}
