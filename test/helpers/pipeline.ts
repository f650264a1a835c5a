import { readFileSync } from 'node:fs';
import type { BlueprintSource } from '../../src/blueprints/load.js';
import { resolveConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/types.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { inMemory } from '../../src/targets/files.js';
import type { OutputFile } from '../../src/targets/files.js';
import type { Manifest } from '../../src/state/manifest.js';
import { generate } from '../../src/pipeline/generate.js';
import { builtinBlueprintFiles } from '../../src/services/registry.js';
import type { Generated } from '../../src/pipeline/generate.js';
import type { GenerateOptions } from '../../src/pipeline/generate.js';
import { readBlueprints, readInventory } from '../../src/pipeline/inputs.js';

export interface Mapping {
  ResourceARN: string;
  Tags?: { Key: string; Value: string }[];
}

/** The built-in blueprints (every service's). */
export function builtinBlueprintSources(): BlueprintSource[] {
  return builtinBlueprintFiles().map((file) => ({ file, text: readFileSync(file, 'utf8'), builtin: true }));
}

/** Runs the whole pipeline in memory over inline inputs. */
export function generateFor(
  listings: Record<string, string> | Mapping[],
  options: { config?: Partial<Config> | ((c: Config) => void); blueprints?: BlueprintSource[]; previous?: Manifest; tuning?: GenerateOptions<OutputFile>['tuning']; allowRemovals?: boolean; strict?: boolean } = {},
): { result: Generated<OutputFile> | undefined; diags: Diagnostics; config: Config } {
  const diags = new Diagnostics({ strict: options.strict ?? false });
  // No alarm actions, said on purpose (as `critical: ""` in a config would), so the warning
  // about them does not mix into these tests' diagnostics; the CLI tests cover the warning.
  const config = resolveConfig({ actions: { critical: '' } }, undefined, '/nonexistent');
  if (typeof options.config === 'function') options.config(config);
  else Object.assign(config, options.config);
  const texts = Array.isArray(listings)
    ? [{ file: 'inventory.json', text: JSON.stringify({ ResourceTagMappingList: listings }) }]
    : Object.entries(listings).map(([file, text]) => ({ file, text }));
  const inventory = readInventory(texts, diags, [], config.resourceTypes);
  const blueprints = readBlueprints(options.blueprints ?? builtinBlueprintSources(), diags, config.resourceTypes);
  const result = diags.hasErrors ? undefined : generate(inventory, blueprints, config, options.previous, diags, {
        sink: inMemory,
        ...(options.tuning ? { tuning: options.tuning } : {}),
        allowRemovals: options.allowRemovals ?? true,
      });
  return { result, diags, config };
}

/** `n` Lambda functions in one scope, tagged with one application. */
export function lambdas(n: number, tags: Record<string, string> = { app: 'shop', env: 'prod' }, region = 'eu-west-1'): Mapping[] {
  return Array.from({ length: n }, (_, i) => ({
    ResourceARN: `arn:aws:lambda:${region}:123456789012:function:fn-${String(i).padStart(4, '0')}`,
    Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
  }));
}
