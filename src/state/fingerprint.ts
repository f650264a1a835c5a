import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Blueprint } from '../blueprints/types.js';
import type { Config } from '../config/types.js';
import type { Inventory } from '../discover/types.js';
import { compare } from '../util/compare.js';
import { formatLabel } from './manifest.js';
import type { OutputTags } from './output-tags.js';

/**
 * A hash of what a run read: resources and the tags that shape the output (`recorded`), existing
 * log groups, blueprints and the effective config. Metric history is left out: it changes every
 * night, and it matters only through the thresholds, which the manifest records with their
 * provenance. So are tags that shape nothing (an `Owner`, a `git-sha`): a change to them is
 * not a change of the inputs. Equal fingerprints mean the same resources, blueprints and config.
 */
export function inputsFingerprint(inventory: Inventory, blueprints: readonly Blueprint[], config: Config, recorded: OutputTags): string {
  const hash = createHash('sha256');
  const add = (label: string, value: unknown) => hash.update(`${label}\n${JSON.stringify(value)}\n`);
  add('resources', inventory.resources.map((r) => [r.arn, recordedTags(r.tags, recorded)]));
  add('uncovered', inventory.uncovered.map((u) => u.arn));
  add('scopes', inventory.scopes.map((s) => [s.account, s.region, s.complete]));
  add('log-groups', inventory.existingLogGroups.map((g) => [g.account, g.region, g.name, g.retentionDays ?? null]).sort());
  add('blueprints', blueprints.map((b) => [b.id, b.sha256]));
  add('config', comparableConfig(config));
  return hash.digest('hex');
}

/**
 * The config as it shapes the output. Where the inputs came from (`source`, `inputs`: live
 * account, snapshot or files) and where the output goes are left out: the data itself is
 * hashed, so a live run and an offline run over its snapshot agree. `withSource` keeps the
 * source's settings (the incremental key, which hashes the raw files, not the data read).
 */
export function comparableConfig(config: Config, options: { withSource?: boolean } = {}): unknown {
  const { source, inputs: _inputs, ...rest } = config;
  const shaping = options.withSource ? { source, ...rest } : rest;
  // The targets as the manifest names them, where the config said `format` before it had targets.
  const { dir: _dir, targets, ...output } = config.output;
  return JSON.parse(
    JSON.stringify({ ...shaping, output: { dir: undefined, format: formatLabel(targets), ...output } }, (key, value: unknown) => {
      if (key === 'file' || key === 'locate') return undefined;
      if (value instanceof Map) return [...value].sort((a, b) => compare(String(a[0]), String(b[0])));
      if (typeof value === 'string' && value.startsWith('/')) return basename(value);
      return value;
    }),
  );
}


/** A resource's tags as the manifest records them: only those that shape the output, sorted by key. */
export function recordedTags(tags: ReadonlyMap<string, string>, recorded: OutputTags): [string, string][] {
  return [...tags].filter(([key]) => recorded(key)).sort((a, b) => compare(a[0], b[0]));
}
