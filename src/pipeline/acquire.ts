import { join } from 'node:path';
import type { LiveProgress } from '../aws/live-source.js';
import type { Blueprint } from '../blueprints/types.js';
import type { Config } from '../config/types.js';
import { Diagnostics } from '../diagnostics/diagnostic.js';
import { parseJsonSource } from '../diagnostics/source-document.js';
import { buildInventory } from '../discover/build-inventory.js';
import { parseInventoryText } from '../discover/inventory-file.js';
import { parseLogGroupsText } from '../discover/log-groups-file.js';
import { scopeOfSnapshotFile, SNAPSHOT_FILE, snapshotIndexOf } from '../discover/snapshot.js';
import type { Inventory } from '../discover/types.js';
import type { HistorySeries } from '../tune/history.js';
import { HistoryFiles } from './history-files.js';
import { compare } from '../util/compare.js';
import { readInventory, readTexts } from './inputs.js';
import type { TextInput } from './inputs.js';
import type { LiveSource } from './live.js';

/** A run's inputs as its source gave them. */
export interface Acquired {
  inventory: Inventory;
  history: Iterable<HistorySeries>;
  /** Scopes (`account/region`) whose history could not be read. */
  historyUnavailable: Set<string>;
  /** When the source is the live account: the session, for the look-ups that follow resolving. */
  live?: LiveSource;
}

/** How a run acquires its inventory besides the config. */
export interface AcquireOptions {
  /** A folder written by `obsgen snapshot`, read instead of the configured source. */
  snapshot?: string;
  /** List every resource type live, not only those with blueprints. */
  allResourceTypes?: boolean;
  /** Progress of the live source. */
  onProgress?: (p: LiveProgress) => void;
}

/**
 * The inventory (and metric history) from the configured source: files in the AWS CLI formats,
 * a snapshot folder, or the live account. Undefined (with an error) when the source is not
 * usable as configured.
 */
export async function acquire(config: Config, blueprints: readonly Blueprint[], options: AcquireOptions, diags: Diagnostics): Promise<Acquired | undefined> {
  if (options.snapshot) return readSnapshot(options.snapshot, config, diags);
  if (config.source.type === 'aws') {
    if (config.source.regions.length === 0) {
      diags.error('no regions to discover: pass --region <region...> or set source.regions in the config');
      return undefined;
    }
    // Loaded only here: the AWS SDK costs every file-based run half a second to load.
    const { discoverLive } = await import('./live.js');
    const { inventory, live } = await discoverLive(config, blueprints, options, diags);
    return { inventory, history: historyFiles(config, diags), historyUnavailable: new Set(), live };
  }
  if (config.inputs.inventory.length === 0) {
    diags.error('no inventory: pass --inventory <file...>, set inputs.inventory in the config, or use --source aws');
    return undefined;
  }
  return {
    inventory: readInventory(readTexts(config.inputs.inventory, diags), diags, readTexts(config.inputs.logGroups, diags), config.resourceTypes),
    history: historyFiles(config, diags),
    historyUnavailable: new Set(),
  };
}

function historyFiles(config: Config, diags: Diagnostics): HistoryFiles {
  return new HistoryFiles(config.inputs.metrics, diags);
}

/**
 * A snapshot folder: its files, and its scopes (an incomplete one stays incomplete offline).
 * The index is obsgen's own and must be sound. The files it lists are data, as a live answer
 * is: one that cannot be used (unreadable, not UTF-8, malformed) makes its scope incomplete,
 * so that scope keeps the monitoring it had and the others are generated (never an empty
 * scope, never a stopped run).
 */
function readSnapshot(dir: string, config: Config, diags: Diagnostics): Acquired | undefined {
  const indexFile = join(dir, SNAPSHOT_FILE);
  const [text] = readTexts([indexFile], diags);
  const doc = text && parseJsonSource(indexFile, text.text, diags);
  if (!doc) return undefined;
  const { index, problem } = snapshotIndexOf(doc.data);
  if (!index) {
    diags.error(problem!, { file: indexFile });
    return undefined;
  }
  const scopeKey = (s: { account: string; region: string }) => `${s.account}/${s.region}`;
  const known = new Set(index.scopes.map(scopeKey));
  const unusable = new Set<string>();
  const historyUnavailable = new Set<string>();
  /** A data file's contents; when it cannot be used, nothing, and its scope is marked. */
  const dataFile = <T>(path: string, parse: (t: TextInput, d: Diagnostics) => T[], unusableScopes: Set<string>): T[] => {
    const local = new Diagnostics();
    const [input] = readTexts([join(dir, path)], local);
    const items = input ? parse(input, local) : [];
    const scope = scopeOfSnapshotFile(path);
    if (!local.hasErrors || !scope || !known.has(scopeKey(scope))) {
      // Sound, or not attributable to one scope: reported as it is.
      diags.add(...local.items);
      return local.hasErrors ? [] : items;
    }
    diags.add(...local.items.map((d) => ({ ...d, severity: 'warning' as const })));
    unusableScopes.add(scopeKey(scope));
    return [];
  };
  const mappings = index.inventory.flatMap((f) => dataFile(f, (t, d) => parseInventoryText(t.file, t.text, d), unusable));
  const existingLogGroups = index.logGroups.flatMap((f) => dataFile(f, (t, d) => parseLogGroupsText(t.file, t.text, d), unusable));
  // Read when tuning reads it; a file that cannot be used makes its scope's history unavailable, as above.
  // Each file is one scope's (its name says): its series are that scope's alarms' history only.
  const scopeOfFile = new Map((index.metrics ?? []).map((f) => {
    const scope = scopeOfSnapshotFile(f);
    return [join(dir, f), scope && scopeKey(scope)] as const;
  }));
  const history = new HistoryFiles([...scopeOfFile.keys()], diags, (file, local) => {
    const scope = scopeOfFile.get(file);
    if (!scope || !known.has(scope)) {
      diags.add(...local.items);
      return;
    }
    diags.add(...local.items.map((d) => ({ ...d, severity: 'warning' as const })));
    if (historyUnavailable.has(scope)) return;
    historyUnavailable.add(scope);
    diags.warning('the metric history in the snapshot cannot be used (see above); tuned thresholds keep their previous values', { file: `aws:${scope}` });
  }, (file) => scopeOfFile.get(file));
  const inventory = buildInventory(mappings, diags, [], config.resourceTypes);
  inventory.existingLogGroups = existingLogGroups;
  inventory.scopes = index.scopes
    .map((s) => ({ ...s, complete: s.complete && !unusable.has(scopeKey(s)) }))
    .sort((a, b) => compare(a.account + a.region, b.account + b.region));
  for (const s of index.scopes) {
    const where = { file: `aws:${s.account}/${s.region}` };
    if (!s.complete) diags.warning('discovery did not complete when this snapshot was taken; its monitoring is not changed by this run', where);
    else if (unusable.has(scopeKey(s))) diags.warning('a file of this scope in the snapshot cannot be used (see above); its monitoring is not changed by this run', where);
  }
  return { inventory, history, historyUnavailable };
}
