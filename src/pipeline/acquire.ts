import { join } from 'node:path';
import type { LiveProgress } from '../aws/live-source.js';
import type { Blueprint } from '../blueprints/types.js';
import type { Config } from '../config/types.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { parseJsonSource } from '../diagnostics/source-document.js';
import { SNAPSHOT_FILE, snapshotIndexOf } from '../discover/snapshot.js';
import type { Inventory } from '../discover/types.js';
import type { MetricHistory } from '../tune/history.js';
import { compare } from '../util/compare.js';
import { readHistory, readInventory, readTexts } from './inputs.js';
import type { LiveSource } from './live.js';

/** A run's inputs as its source gave them. */
export interface Acquired {
  inventory: Inventory;
  history: MetricHistory;
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
  if (options.snapshot) return readSnapshot(options.snapshot, diags);
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
    inventory: readInventory(readTexts(config.inputs.inventory, diags), diags, readTexts(config.inputs.logGroups, diags)),
    history: historyFiles(config, diags),
    historyUnavailable: new Set(),
  };
}

function historyFiles(config: Config, diags: Diagnostics): MetricHistory {
  return readHistory(readTexts(config.inputs.metrics, diags), diags);
}

/** A snapshot folder: its files, and its scopes (an incomplete one stays incomplete offline). */
function readSnapshot(dir: string, diags: Diagnostics): Acquired | undefined {
  const indexFile = join(dir, SNAPSHOT_FILE);
  const [text] = readTexts([indexFile], diags);
  const doc = text && parseJsonSource(indexFile, text.text, diags);
  if (!doc) return undefined;
  const { index, problem } = snapshotIndexOf(doc.data);
  if (!index) {
    diags.error(problem!, { file: indexFile });
    return undefined;
  }
  const inventory = readInventory(readTexts(index.inventory.map((f) => join(dir, f)), diags), diags, readTexts(index.logGroups.map((f) => join(dir, f)), diags));
  inventory.scopes = index.scopes.map((s) => ({ ...s })).sort((a, b) => compare(a.account + a.region, b.account + b.region));
  for (const s of inventory.scopes) if (!s.complete) diags.warning('discovery did not complete when this snapshot was taken; its monitoring is not changed by this run', { file: `aws:${s.account}/${s.region}` });
  return { inventory, history: readHistory(readTexts((index.metrics ?? []).map((f) => join(dir, f)), diags), diags), historyUnavailable: new Set() };
}
