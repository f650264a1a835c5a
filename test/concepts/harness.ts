import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { generate } from '../../src/pipeline/generate.js';
import { configFor, readBlueprints, readBlueprintSources, readInventory, readTexts } from '../../src/pipeline/inputs.js';
import { HistoryFiles } from '../../src/pipeline/history-files.js';
import type { OutputFile } from '../../src/targets/files.js';
import { inMemory } from '../../src/targets/files.js';

/** The folder holding one sub-folder per concept. */
export const CONCEPTS_DIR = fileURLToPath(new URL('.', import.meta.url));

/** Input file names, the same in every concept folder (only the inventory is required). */
export const INPUTS = {
  config: 'obsgen.config.yaml',
  inventory: 'inventory.json',
  logGroups: 'log-groups.json',
  metrics: 'metrics.json',
} as const;

/** What a concept says about itself: which generated files it does not keep as goldens. */
export const CONCEPT_FILE = 'concept.yaml';

/** Where a concept's golden outputs live, at the paths `generate` gives them. */
export const EXPECTED_DIR = 'expected';

/**
 * Generated files no concept keeps. Each is the same scaffolding whatever the input (or, for
 * the manifest, a roll-up that hashes every other file), so it would change in every concept's
 * goldens at once and point at none of them. The estate-wide golden (test/golden.test.ts)
 * still covers them byte for byte.
 */
export const NOISE: ReadonlyMap<string, string> = new Map([
  ['obsgen.manifest.json', 'records the tool version and a hash of every other file: it changes whenever anything does'],
  ['terraform/versions.tf', 'the same provider constraints for every input'],
  ['terraform/variables.tf', 'the module inputs, the same for every input but the default action ARNs'],
  ['terraform/README.md', 'the module inputs and outputs, the same for every input'],
]);

/** The manifest's shards (src/state/shards.ts): each scope's records, read back by the next run, not output a concept shows. */
const SHARDS = /^manifest\/[^/]+(\/[^/]+)?\.json$/;

/** Whether a generated file is one no concept keeps: NOISE, or a shard of the manifest it leaves out. */
export function isNoise(path: string): boolean {
  return NOISE.has(path) || SHARDS.test(path);
}

/** The output target a generated file belongs to, by where the targets put their files. */
export function targetOf(path: string): 'cloudformation' | 'terraform' | 'docs' {
  if (path.startsWith('cloudformation/')) return 'cloudformation';
  if (path.startsWith('terraform/')) return 'terraform';
  return 'docs';
}

/** Every concept folder, sorted. */
export function conceptNames(): string[] {
  return readdirSync(CONCEPTS_DIR)
    .filter((name) => statSync(join(CONCEPTS_DIR, name)).isDirectory())
    .sort();
}

/** A concept folder as read from disk. */
export interface Concept {
  name: string;
  dir: string;
  /** Generated files this concept leaves out (besides NOISE): they show other concepts. */
  omit: string[];
}

/** Reads a concept's `concept.yaml`; a missing or malformed one is an error, not an empty list. */
export function readConcept(name: string): Concept {
  const dir = join(CONCEPTS_DIR, name);
  const file = join(dir, CONCEPT_FILE);
  if (!existsSync(file)) throw new Error(`concept ${name}: ${CONCEPT_FILE} is missing`);
  const data = parse(readFileSync(file, 'utf8')) as { omit?: unknown } | null;
  const omit = data?.omit ?? [];
  if (!Array.isArray(omit) || !omit.every((p): p is string => typeof p === 'string')) {
    throw new Error(`concept ${name}: ${CONCEPT_FILE}: omit must be a list of generated file paths`);
  }
  return { name, dir, omit };
}

/** The expected files of a concept, by path relative to `expected/` (always with `/`). */
export function expectedFiles(concept: Concept): Map<string, Buffer> {
  const root = join(concept.dir, EXPECTED_DIR);
  const out = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(root, path).split('\\').join('/'), readFileSync(path));
    }
  };
  if (existsSync(root)) walk(root);
  return out;
}

/** What a concept's run produced. */
export interface ConceptRun {
  files: OutputFile[] | undefined;
  diags: Diagnostics;
}

/**
 * Runs the real pipeline in memory over a concept's inputs, read as the CLI reads them
 * (`obsgen generate --config obsgen.config.yaml --inventory inventory.json [--log-groups
 * log-groups.json] [--metrics metrics.json] --format both --syntax yaml`, from inside the
 * folder): the config is validated against its schema and its relative paths (custom
 * blueprint folders) resolve against the folder. Both IaC targets and YAML are forced so that
 * every concept's goldens cover every target whatever its config says.
 */
export async function runConcept(concept: Concept): Promise<ConceptRun> {
  const { dir } = concept;
  const diags = new Diagnostics();
  const optional = (name: string) => (existsSync(join(dir, name)) ? [name] : []);
  const config = await configFor(
    {
      ...(existsSync(join(dir, INPUTS.config)) ? { config: INPUTS.config } : {}),
      inventory: [INPUTS.inventory],
      logGroups: optional(INPUTS.logGroups),
      metrics: optional(INPUTS.metrics),
      format: 'both',
      syntax: 'yaml',
    },
    dir,
    diags,
  );
  if (!config) return { files: undefined, diags };
  const blueprints = readBlueprints(readBlueprintSources(config, diags), diags);
  const inventory = readInventory(readTexts(config.inputs.inventory, diags), diags, readTexts(config.inputs.logGroups, diags));
  const history = new HistoryFiles(config.inputs.metrics, diags);
  if (diags.hasErrors) return { files: undefined, diags };
  // No previous manifest: each concept is a first run, so nothing is kept from before and no
  // removal guard applies.
  const result = generate(inventory, blueprints, config, undefined, diags, { sink: inMemory, tuning: { history } });
  return { files: result?.files, diags };
}

/** The generated files a concept keeps as goldens: all but NOISE and its own omissions. */
export function keptFiles(concept: Concept, files: readonly OutputFile[]): OutputFile[] {
  return files.filter((f) => !isNoise(f.path) && !concept.omit.includes(f.path));
}

/**
 * Replaces a concept's `expected/` with what was generated (kept files only), removing
 * expected files that are no longer generated. Only for a deliberate refresh.
 */
export function writeExpected(concept: Concept, kept: readonly OutputFile[]): void {
  const root = join(concept.dir, EXPECTED_DIR);
  rmSync(root, { recursive: true, force: true });
  for (const file of kept) {
    const path = join(root, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.bytes);
  }
}
