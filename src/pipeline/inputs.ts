import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BlueprintSource } from '../blueprints/load.js';
import { configLocation, loadConfig, targetsOfFormat } from '../config/load.js';
import { checkAlarmReferences } from '../config/references.js';
import type { Config, OutputFormat } from '../config/types.js';
import { Diagnostics, formatDiagnostic } from '../diagnostics/diagnostic.js';
import { readSourceFile } from '../diagnostics/source-file.js';
import { parseJsonSource } from '../diagnostics/source-document.js';
import { MANIFEST_FILE } from '../state/manifest.js';
import { manifestOf } from '../state/read.js';
import type { ShardSource } from '../state/read.js';
import type { Manifest } from '../state/manifest.js';
import { ResourceTypes } from '../services/catalog.js';
import { parseTypesFile, TYPES_FILE } from '../services/declared-types-file.js';
import { builtinBlueprintFiles } from '../services/registry.js';
import { IAC_TARGETS } from '../targets/registry.js';
import { compare } from '../util/compare.js';
import { xxh64 } from '../util/xxh64.js';
import { hasJournal, JOURNAL_FILE } from '../write/journal.js';
import { loadBlueprints } from '../blueprints/load.js';
import type { Blueprint } from '../blueprints/types.js';
import { buildInventory } from '../discover/build-inventory.js';
import { parseInventoryText } from '../discover/inventory-file.js';
import { parseLogGroupsText } from '../discover/log-groups-file.js';
import type { Inventory } from '../discover/types.js';

/** A text input as read from disk. */
export interface TextInput {
  file: string;
  text: string;
}

/** Parses inventory files, and optionally existing log groups, into one inventory of resources of `types`. */
export function readInventory(inputs: readonly TextInput[], diags: Diagnostics, logGroups: readonly TextInput[] = [], types: ResourceTypes = ResourceTypes.BUILTIN): Inventory {
  const inventory = buildInventory(
    inputs.flatMap((i) => parseInventoryText(i.file, i.text, diags)),
    diags,
    [],
    types,
  );
  inventory.existingLogGroups = logGroups.flatMap((i) => parseLogGroupsText(i.file, i.text, diags));
  return inventory;
}

/** Loads and checks blueprints, each for one of `types`. */
export function readBlueprints(sources: readonly BlueprintSource[], diags: Diagnostics, types: ResourceTypes = ResourceTypes.BUILTIN): Blueprint[] {
  return loadBlueprints(sources, diags, types);
}

/** The config's blueprints (built-in and its folders), with the config's references to their alarms checked. */
export function readBlueprintsFor(config: Config, diags: Diagnostics): Blueprint[] {
  const blueprints = readBlueprints(readBlueprintSources(config, diags), diags, config.resourceTypes);
  if (!diags.hasErrors) checkAlarmReferences(config, blueprints, diags);
  return blueprints;
}

/** Options shared by the commands that read inputs. */
export interface InputOptions {
  config?: string;
  source?: 'files' | 'aws';
  region?: string[];
  profile?: string;
  snapshot?: string;
  inventory?: string[];
  logGroups?: string[];
  metrics?: string[];
  out?: string;
  format?: OutputFormat;
  syntax?: 'yaml' | 'json';
}

/** Loads the config and applies command-line overrides (paths relative to the working directory). */
export async function configFor(options: InputOptions, cwd: string, diags: Diagnostics): Promise<Config | undefined> {
  const config = await loadConfig(options.config, cwd, diags);
  if (!config) return undefined;
  if (options.inventory && options.inventory.length > 0) {
    config.inputs.inventory = options.inventory.map((f) => resolve(cwd, f));
    config.source.type = 'files';
  }
  if (options.source) config.source.type = options.source;
  if (options.region && options.region.length > 0) config.source.regions = options.region;
  if (options.profile) config.source.profile = options.profile;
  if (options.logGroups && options.logGroups.length > 0) config.inputs.logGroups = options.logGroups.map((f) => resolve(cwd, f));
  if (options.metrics && options.metrics.length > 0) config.inputs.metrics = options.metrics.map((f) => resolve(cwd, f));
  if (options.out) config.output.dir = resolve(cwd, options.out);
  if (options.format) config.output.targets = targetsOfFormat(options.format);
  if (options.syntax) config.output.cloudformation.syntax = options.syntax;
  const unknown = config.output.targets.filter((t) => !IAC_TARGETS.includes(t));
  if (unknown.length > 0) {
    diags.error(`unknown output target ${unknown.map((t) => JSON.stringify(t)).join(', ')} (known: ${IAC_TARGETS.join(', ')})`, configLocation(config, ['output', 'targets']));
    return undefined;
  }
  // The blueprint folders are final now: the resource types they declare join the config's.
  const before = diags.items.length;
  config.resourceTypes = config.resourceTypes.declare(
    typesFiles(config, diags).flatMap((t) => parseTypesFile(t.file, t.text, diags)),
    diags,
  );
  return diags.items.slice(before).some((d) => d.severity === 'error') ? undefined : config;
}

/** The `*.types.yaml` files of the blueprint folders (a missing folder is reported with the blueprints). */
function typesFiles(config: Config, diags: Diagnostics): TextInput[] {
  const files = config.blueprints.paths.flatMap((dir) => (existsSync(dir) && statSync(dir).isDirectory() ? yamlFiles(dir).filter((f) => TYPES_FILE.test(f)) : []));
  return readTexts(files, diags);
}

/** A folder's `*.yaml` / `*.yml` files, sorted by name. */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort(compare)
    .map((f) => join(dir, f));
}

/** Reads text files (gunzipping `.gz` ones), reporting unreadable ones and any that are not UTF-8. */
export function readTexts(files: readonly string[], diags: Diagnostics): TextInput[] {
  const out: TextInput[] = [];
  for (const file of files) {
    const text = readSourceFile(file, diags);
    if (text !== undefined) out.push({ file, text });
  }
  return out;
}

/** The built-in blueprints (each service's) plus every `*.yaml`/`*.yml` in the configured folders but `*.types.yaml` (resource types). */
export function readBlueprintSources(config: Config, diags: Diagnostics): BlueprintSource[] {
  const out: BlueprintSource[] = config.blueprints.builtin ? readTexts(builtinBlueprintFiles(), diags).map((t) => ({ ...t, builtin: true })) : [];
  for (const dir of config.blueprints.paths) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      diags.error('blueprint folder not found', { file: dir });
      continue;
    }
    const files = yamlFiles(dir).filter((f) => !TYPES_FILE.test(f));
    out.push(...readTexts(files, diags).map((t) => ({ ...t, builtin: false })));
  }
  return out;
}

/**
 * The manifest of the previous run in the output folder, if any: its root and the shards it
 * lists (state/shards.ts), each checked against the hashes the root records for it. A corrupt
 * one is an error.
 */
export function readPreviousManifest(outDir: string, diags: Diagnostics): Manifest | undefined {
  const file = join(outDir, MANIFEST_FILE);
  if (!existsSync(file)) return undefined;
  const refusal = 'obsgen will not touch this folder until it is fixed or removed';
  const read = new Diagnostics();
  const text = readSourceFile(file, read);
  const doc = text === undefined ? undefined : parseJsonSource(file, text, read);
  for (const d of read.items) diags.add({ ...d, message: `${d.message}; ${refusal}` });
  if (!doc) return undefined;
  const { manifest, problem } = manifestOf(doc.data, shardsIn(outDir, doc.data));
  if (problem) diags.error(`${problem}; ${refusal}`, { file });
  return manifest;
}

/** Reads a root's shards from the output folder: only as the root lists them, with the hashes it records. */
function shardsIn(outDir: string, root: unknown): ShardSource {
  const listed = new Map<string, { xxh64?: unknown }>();
  const files = (root as { files?: unknown } | null)?.files;
  if (Array.isArray(files)) for (const f of files as { path?: unknown; xxh64?: unknown }[]) if (typeof f?.path === 'string') listed.set(f.path, f);
  return (path) => {
    const recorded = listed.get(path);
    if (typeof recorded?.xxh64 !== 'string') return { problem: `its shard ${path} is not among its files with a hash` };
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(outDir, path));
    } catch {
      return { problem: `its shard ${path} is missing` };
    }
    // The root's rename is the commit point: a shard it does not vouch for was edited by hand,
    // or belongs to a run committing right now (a reader without the folder's lock). One whose
    // only change is line endings (Git's core.autocrlf on checkout) is what was written: the run
    // reads it, and reports the files Git converted with the fix (write/output-dir.ts).
    if (xxh64(bytes) !== recorded.xxh64 && !(bytes.includes('\r\n') && xxh64(Buffer.from(bytes.toString('latin1').replaceAll('\r\n', '\n'), 'latin1')) === recorded.xxh64)) {
      const why = hasJournal(outDir) ? `a commit to this folder is under way or was interrupted (${JOURNAL_FILE}; the next \`obsgen generate\` finishes or undoes it)` : 'edited by hand?';
      return { problem: `its shard ${path} is not the one it was written with: ${why}` };
    }
    const parsed = new Diagnostics();
    const doc = parseJsonSource(join(outDir, path), bytes.toString('utf8'), parsed);
    return doc ? { data: doc.data } : { problem: parsed.items.map((d) => formatDiagnostic({ ...d, severity: 'error' })).join('; ') };
  };
}
