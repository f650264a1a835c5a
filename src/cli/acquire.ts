import type { Blueprint } from '../blueprints/types.js';
import type { Config } from '../config/types.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Inventory } from '../discover/types.js';
import { readHistory, readInventory } from '../pipeline.js';
import { MetricHistory } from '../tune/history.js';
import { readTexts } from './inputs.js';
import type { CliIo } from './io.js';
import { join, resolve } from 'node:path';
import { parseSnapshotIndex, SNAPSHOT_FILE } from '../discover/snapshot.js';
import type { LiveCliOptions, LiveInputs } from './live.js';

/**
 * The inventory from the configured source: files in the AWS CLI formats, or the live
 * account. Undefined (with an error) when the source is not usable as configured.
 */
export async function acquireInventory(
  config: Config,
  blueprints: readonly Blueprint[],
  io: CliIo,
  options: LiveCliOptions & { snapshot?: string },
  diags: Diagnostics,
): Promise<{ inventory: Inventory; history: MetricHistory; historyUnavailable?: Set<string>; live?: LiveInputs } | undefined> {
  if (options.snapshot) return readSnapshot(resolve(io.cwd, options.snapshot), diags);
  if (config.source.type === 'aws') {
    if (config.source.regions.length === 0) {
      diags.error('no regions to discover: pass --region <region...> or set source.regions in the config');
      return undefined;
    }
    // Loaded only here: the AWS SDK costs every file-based run half a second to load.
    const { readLive } = await import('./live.js');
    const live = await readLive(config, blueprints, io, options, diags);
    return {
      inventory: live.inventory,
      history: new MetricHistory([...live.history, ...historyFiles(config, diags)]),
      historyUnavailable: new Set(live.historyUnavailable),
      live,
    };
  }
  if (config.inputs.inventory.length === 0) {
    diags.error('no inventory: pass --inventory <file...>, set inputs.inventory in the config, or use --source aws');
    return undefined;
  }
  return {
    inventory: readInventory(readTexts(config.inputs.inventory, diags), diags, readTexts(config.inputs.logGroups, diags)),
    history: new MetricHistory(historyFiles(config, diags)),
  };
}

function historyFiles(config: Config, diags: Diagnostics) {
  return readHistory(readTexts(config.inputs.metrics, diags), diags);
}

/** The tuning inputs of an acquisition. */
export function tuningOf(acquired: { history: MetricHistory; historyUnavailable?: Set<string> }) {
  return { history: acquired.history, ...(acquired.historyUnavailable ? { unavailable: acquired.historyUnavailable } : {}) };
}

/** A snapshot folder: its files, and its scopes (an incomplete one stays incomplete offline). */
function readSnapshot(dir: string, diags: Diagnostics): { inventory: Inventory; history: MetricHistory } | undefined {
  const indexFile = join(dir, SNAPSHOT_FILE);
  const [text] = readTexts([indexFile], diags);
  if (!text) return undefined;
  const { index, problem } = parseSnapshotIndex(text.text);
  if (!index) {
    diags.error(problem!, { file: indexFile });
    return undefined;
  }
  const inventory = readInventory(readTexts(index.inventory.map((f) => join(dir, f)), diags), diags, readTexts(index.logGroups.map((f) => join(dir, f)), diags));
  inventory.scopes = index.scopes.map((s) => ({ ...s })).sort((a, b) => (a.account + a.region < b.account + b.region ? -1 : 1));
  for (const s of inventory.scopes) if (!s.complete) diags.warning('discovery did not complete when this snapshot was taken; its monitoring is not changed by this run', { file: `aws:${s.account}/${s.region}` });
  return { inventory, history: readHistory(readTexts((index.metrics ?? []).map((f) => join(dir, f)), diags), diags) };
}
