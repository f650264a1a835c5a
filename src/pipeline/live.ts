import type { TagFilter } from '@aws-sdk/client-resource-groups-tagging-api';
import { roleArnFor } from '../aws/credentials.js';
import { fetchHistories } from '../aws/history-fetch.js';
import type { HistoryRequest } from '../aws/history-fetch.js';
import { discoverLogGroups, discoverResources, LiveSession } from '../aws/live-source.js';
import type { LiveProgress } from '../aws/live-source.js';
import { logGroupPrefixes } from '../aws/log-groups.js';
import type { LogGroupListing } from '../aws/log-groups.js';
import type { Listing } from '../aws/tagging.js';
import type { Blueprint } from '../blueprints/types.js';
import type { Config } from '../config/types.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { buildInventory } from '../discover/build-inventory.js';
import { mappingsOfListing } from '../discover/inventory-file.js';
import { existingLogGroups } from '../discover/log-groups-file.js';
import type { Inventory, ScopeStatus } from '../discover/types.js';
import type { Resolved } from '../resolve/types.js';
import type { ResourceTypes } from '../services/catalog.js';
import { historyKey } from '../tune/history.js';
import type { HistorySeries } from '../tune/history.js';
import { readsHistory, tunableAlarms } from '../tune/thresholds.js';

/** The live account as a source: the session, and what it saw (kept for `snapshot`). */
export interface LiveSource {
  session: LiveSession;
  listings: { account: string; region: string; listing: Listing }[];
  logGroups: { account: string; region: string; listing: LogGroupListing }[];
  /** Resources listed, monitorable or not. */
  seen: number;
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
      maxPages: src.maxPages,
      scopeTimeoutMs: src.scopeTimeoutSeconds * 1000,
      runTimeoutMs: src.runTimeoutSeconds * 1000,
    },
    onProgress,
  );
}

/**
 * Lists the account(s) live: resources per account and region (limited to the types the
 * blueprints cover), enriched. A scope that could not be listed completely is reported and
 * recorded as incomplete. What depends on resolved names is looked up later (`lookUpLive`).
 */
export async function discoverLive(
  config: Config,
  blueprints: readonly Blueprint[],
  options: { allResourceTypes?: boolean; onProgress?: (p: LiveProgress) => void },
  diags: Diagnostics,
): Promise<{ inventory: Inventory; live: LiveSource }> {
  const session = sessionFor(config, options.onProgress);
  const discovered = await discoverResources(session, {
    ...(options.allResourceTypes || config.source.allResourceTypes ? {} : { resourceTypeFilters: typeFilters(blueprints, config.resourceTypes) }),
    ...tagFilters(config),
    enrich: config.source.enrich,
  });
  const mappings = discovered.listings.flatMap((l) => mappingsOfListing(`aws:${l.account}/${l.region}`, l.listing));
  const inventory = buildInventory(mappings, diags, discovered.scopes, config.resourceTypes);
  warnIncomplete(inventory.scopes, diags);
  return { inventory, live: { session, listings: discovered.listings, logGroups: [], seen: inventory.resources.length + inventory.uncovered.length } };
}

/**
 * The look-ups that need resolved names, in the scopes that were listed completely: the log
 * groups that exist already (a failure makes the scope incomplete; `incomplete` says so), and
 * the history of the tuned alarms' metrics (a scope whose history cannot be read keeps its
 * tuned thresholds, with a warning).
 */
export async function lookUpLive(
  live: LiveSource,
  state: { config: Config; inventory: Inventory; historyUnavailable: Set<string>; diags: Diagnostics },
  resolved: Resolved,
  onSeries: (scope: string, series: HistorySeries) => void,
): Promise<{ incomplete: boolean }> {
  const { config, inventory, diags } = state;
  const complete = new Set(inventory.scopes.filter((s) => s.complete).map((s) => `${s.account}/${s.region}`));
  const scopeOf = (r: { scope: { account: string; region: string } }) => `${r.scope.account}/${r.scope.region}`;
  let incomplete = false;

  if (config.source.existingLogGroups) {
    const names = new Map<string, string[]>();
    for (const r of resolved.resources) {
      if (!complete.has(scopeOf(r))) continue;
      for (const lg of r.logGroups) names.set(scopeOf(r), [...(names.get(scopeOf(r)) ?? []), lg.name]);
    }
    const found = await discoverLogGroups(live.session, new Map([...names].map(([scope, list]) => [scope, logGroupPrefixes(list)])));
    live.logGroups = found.listings;
    // Only the scopes looked up are replaced: an incomplete scope keeps the log groups the
    // previous run knew (restored before), or its imported log groups would be created anew.
    inventory.existingLogGroups = [...inventory.existingLogGroups.filter((g) => !complete.has(scopeOf({ scope: g }))), ...found.listings.flatMap((l) => existingLogGroups(l.listing))];
    const failed: ScopeStatus[] = [];
    for (const f of found.failed) {
      const scope = inventory.scopes.find((s) => s.account === f.account && s.region === f.region);
      if (scope) {
        Object.assign(scope, { complete: false, error: `existing log groups: ${f.error}` });
        failed.push(scope);
        complete.delete(`${f.account}/${f.region}`);
      }
    }
    warnIncomplete(failed, diags);
    incomplete = failed.length > 0;
  }

  if (config.tuning.enabled && config.tuning.fetchHistory) {
    const requests = new Map<string, HistoryRequest[]>();
    const seen = new Set<string>();
    for (const t of tunableAlarms(resolved, config)) {
      const scope = scopeOf(t.resource);
      if (!readsHistory(t) || !complete.has(scope)) continue;
      const key = historyKey(t.metric, t.period);
      if (seen.has(`${scope}|${key}`)) continue;
      seen.add(`${scope}|${key}`);
      const list = requests.get(scope);
      if (list) list.push({ key, metric: t.metric, period: t.period });
      else requests.set(scope, [{ key, metric: t.metric, period: t.period }]);
    }
    if (requests.size > 0) {
      // Each series goes on as it comes (to tuning, or to a snapshot's file): the history of a
      // large estate does not fit in memory at once.
      const { failed } = await fetchHistories(live.session, requests, config.tuning.lookbackDays, new Date(), onSeries);
      for (const f of failed) {
        diags.warning(`metric history could not be read (${f.error}); tuned thresholds keep their previous values`, { file: `aws:${f.account}/${f.region}` });
        // What was handed on of it is not used (see the tune stage; a snapshot drops its file).
        state.historyUnavailable.add(`${f.account}/${f.region}`);
      }
    }
  }
  return { incomplete };
}

function warnIncomplete(scopes: readonly ScopeStatus[], diags: Diagnostics): void {
  for (const s of scopes.filter((x) => !x.complete)) {
    diags.warning(`discovery did not complete (${s.error ?? 'unknown error'}); its monitoring is not changed by this run`, { file: `aws:${s.account}/${s.region}` });
  }
}

/** `ResourceTypeFilters` for the types the blueprints cover (Tagging API: ≤ 100). */
function typeFilters(blueprints: readonly Blueprint[], types: ResourceTypes): string[] {
  return [...new Set(blueprints.map((b) => types.get(b.resourceType)?.taggingFilter).filter((f): f is string => f !== undefined))].sort();
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

/** One line on what the live source did (scopes, resources, calls, retries, failures, time). */
export function liveSummary(live: LiveSource, scopes: readonly ScopeStatus[]): string {
  const s = live.session.stats.summary();
  const complete = scopes.filter((x) => x.complete).length;
  const calls = Object.entries(s.calls).map(([api, n]) => `${api} ${n}`).join(', ');
  const failures = Object.values(s.failures).reduce((a, b) => a + b, 0);
  return (
    `aws: ${scopes.length} scopes (${complete} complete), ${live.seen} resources, ` +
    `${live.session.stats.totalCalls} calls (${calls || 'none'}), ${s.retries} retries, ${failures} failed calls, ${(s.durationMs / 1000).toFixed(1)} s\n`
  );
}
