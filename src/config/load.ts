import { basename, dirname, resolve } from 'node:path';
import type { Loader } from 'cosmiconfig';
import { checkTemplate } from '../blueprints/template.js';
import { ACTION_TEMPLATE_VARIABLES, ALARM_TEMPLATE_VARIABLES, unknownVariable } from '../blueprints/template-variables.js';
import type { VariableShape } from '../blueprints/template-variables.js';
import type { Diagnostics, Location } from '../diagnostics/diagnostic.js';
import { reportSchemaErrors } from '../diagnostics/schema-errors.js';
import { readSourceFile } from '../diagnostics/source-file.js';
import { checkEncodableText, formatPath, parseJsonSource, parseYamlSource } from '../diagnostics/source-document.js';
import type { SourceDocument } from '../diagnostics/source-document.js';
import { declaredIn } from '../services/declared-types-file.js';
import type { TypeDeclaration } from '../services/declared-type.js';
import { isHttpsUrl } from '../util/markdown.js';
import { schemaValidator } from '../util/schema-validator.js';
import { defaultConfig } from './defaults.js';
import { CONFIG_SEARCH_PLACES, isDataFile, MODULE, searchedDataFile } from './search.js';
import type { TuningSpec } from '../blueprints/types.js';
import { ACTION_TARGETS } from './types.js';
import type { ActionTarget, Config, LogRemovalPolicy, OutputFormat } from './types.js';

/**
 * Finds (or reads the given) config file and validates it. Without a file, the defaults
 * apply. Returns undefined when the config is invalid (diagnostics say why).
 */
export async function loadConfig(explicit: string | undefined, cwd: string, diags: Diagnostics): Promise<Config | undefined> {
  // A named YAML or JSON file is read by obsgen's position-aware parsers alone. cosmiconfig is
  // loaded only to search the working directory, or for package.json or a JavaScript config: it
  // parsed a named file with js-yaml before it was parsed again here for positions, and loading
  // it is ~15 ms CPU of every run (an unchanged nightly run is ~450 ms).
  if (explicit !== undefined) {
    const file = resolve(cwd, explicit);
    if (isDataFile(file) && basename(file) !== 'package.json') {
      const doc = readDocument(file, diags);
      return doc && configFrom(doc, [], cwd, diags);
    }
  }
  if (explicit === undefined) {
    const found = searchedDataFile(cwd);
    if (found === 'none') return resolveConfig({}, undefined, cwd);
    if (found !== undefined) {
      const doc = readDocument(found, diags);
      return doc && configFrom(doc, [], cwd, diags);
    }
  }
  const { cosmiconfig, defaultLoaders } = await import('cosmiconfig');
  // Remember which file cosmiconfig was reading, so a syntax error in a file it found by
  // searching is reported at that file's line and column too.
  let reading: string | undefined;
  const tracked = (loader: Loader): Loader => (filepath, content) => {
    reading = filepath;
    return loader(filepath, content);
  };
  const loaders = Object.fromEntries(Object.entries(defaultLoaders).map(([ext, loader]) => [ext, tracked(loader)]));
  const explorer = cosmiconfig(MODULE, { searchPlaces: CONFIG_SEARCH_PLACES, searchStrategy: 'none', loaders });
  let found: { filepath: string; config: unknown } | null;
  try {
    found = explicit ? await explorer.load(resolve(cwd, explicit)) : await explorer.search(cwd);
  } catch (e) {
    const file = reading ?? (explicit ? resolve(cwd, explicit) : undefined);
    if (file && isDataFile(file)) {
      // Re-read with the position-aware parsers for a precise diagnostic.
      const before = diags.items.length;
      readDocument(file, diags, basename(file) === 'package.json' || file.endsWith('.json'));
      if (diags.items.length > before) return undefined;
    }
    diags.error(`cannot load config: ${(e as Error).message.split('\n').filter(Boolean).join(' ')}`, file ? { file } : {});
    return undefined;
  }
  if (!found) return resolveConfig({}, undefined, cwd);

  const file = found.filepath;
  let doc: SourceDocument | undefined;
  let prefix: string[] = [];
  if (basename(file) === 'package.json') {
    doc = readDocument(file, diags, true);
    prefix = [MODULE];
  } else if (isDataFile(file)) {
    doc = readDocument(file, diags);
  } else {
    // A JavaScript config has no source positions to point at.
    const start = () => ({ line: 1, column: 1 });
    doc = { file, data: found.config, locate: start, locateLine: start };
  }
  return doc && configFrom(doc, prefix, cwd, diags);
}

/** The config in a document (under `prefix`, in package.json), validated. */
function configFrom(doc: SourceDocument, prefix: readonly string[], cwd: string, diags: Diagnostics): Config | undefined {
  const file = doc.file;
  const data = prefix.length > 0 ? (doc.data as Record<string, unknown>)[MODULE] : doc.data;
  const view: SourceDocument = {
    file: doc.file,
    data,
    locate: (path, options) => doc.locate([...prefix, ...path], options),
    locateLine: (path, line) => doc.locateLine([...prefix, ...path], line),
  };
  if (!checkEncodableText(view, diags)) return undefined;
  const validate = schemaValidator('config.schema.json');
  if (!validate(data ?? {})) {
    reportSchemaErrors(validate.errors ?? [], view, diags);
    return undefined;
  }
  const raw = (data ?? {}) as RawConfig;
  const config = resolveConfig(raw, file, cwd);
  config.locate = (path) => view.locate(path);
  if (raw.output?.format !== undefined && raw.output.targets !== undefined) {
    diags.error('give output.targets or its shorthand output.format, not both', configLocation(config, ['output', 'format']));
  }
  const { scopeTimeoutSeconds: scope, runTimeoutSeconds: run } = raw.source ?? {};
  if (scope !== undefined && run !== undefined && scope > run) {
    // Either one is a typo: the scope's deadline could never be reached.
    diags.error(`a scope's deadline (${scope} s) is longer than the run's (source.runTimeoutSeconds: ${run} s)`, configLocation(config, ['source', 'scopeTimeoutSeconds']));
  }
  config.slos.forEach((rule, i) => {
    // The schema's minProperties cannot say which: a rule of only applications sets nothing.
    if (rule.availability === undefined && rule.latency === undefined) diags.error('an slos rule sets availability, latency or both', configLocation(config, ['slos', i]));
  });
  checkConfigTemplates(config, diags);
  checkBrowseUrl(config, diags);
  config.resourceTypes = config.resourceTypes.declare(declaredIn(view, ['resourceTypes'], diags), diags);
  return diags.hasErrors ? undefined : config;
}

/** `output.browseUrl`: an https URL the pages' paths can be appended to (no query or fragment). */
function checkBrowseUrl(config: Config, diags: Diagnostics): void {
  const url = config.output.browseUrl;
  if (url === undefined) return;
  const at = configLocation(config, ['output', 'browseUrl']);
  if (!isHttpsUrl(url)) diags.error(`${JSON.stringify(url)} is not an https URL (the output folder as a browser shows it, e.g. https://github.com/acme/infra/blob/main/generated/)`, at);
  else if (/[?#]/.test(url)) diags.error(`${JSON.stringify(url)} has a query or fragment: the pages' paths are appended to it`, at);
}

/** Where a config key is, for diagnostics: `file:line:col` when the config came from a file. */
export function configLocation(config: Config, path: readonly (string | number)[]): Location {
  if (!config.file) return { path: formatPath(path) };
  return { file: config.file, ...(config.locate?.(path) ?? {}), path: formatPath(path) };
}

/** Syntax of the templates in the config (action ARNs, alarm name). */
export function checkConfigTemplates(config: Config, diags: Diagnostics): void {
  const fields: [(string | number)[], string, VariableShape][] = [
    ...ACTION_TARGETS.flatMap((t) => config.actions[t].map((source, i): [(string | number)[], string, VariableShape] => [actionPath(config, t, i), source, ACTION_TEMPLATE_VARIABLES])),
    [['naming', 'alarmName'], config.naming.alarmName, ALARM_TEMPLATE_VARIABLES],
  ];
  for (const [path, source, variables] of fields) {
    const problem = checkTemplate(source);
    if (problem) {
      diags.error(`template: ${problem.message}`, configLocation(config, path));
      continue;
    }
    // Reported once, here, rather than once per alarm (or per scope) when the template is rendered.
    const unknown = unknownVariable(source, variables);
    if (unknown) diags.error(`template: ${unknown.message}, at line ${unknown.line}, column ${unknown.column} of the template`, configLocation(config, path));
  }
}

/** Where the config gives a target's `index`th action: the entry of a list, or the one string. */
export function actionPath(config: Config, target: ActionTarget, index: number): (string | number)[] {
  return config.actions[target].length > 1 ? ['actions', target, index] : ['actions', target];
}

function readDocument(file: string, diags: Diagnostics, json = file.endsWith('.json')): SourceDocument | undefined {
  const text = readSourceFile(file, diags, 'config');
  if (text === undefined) return undefined;
  // `.obsgenrc` may be JSON or YAML; YAML 1.2 reads both.
  return json ? parseJsonSource(file, text, diags) : parseYamlSource(file, text, diags);
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };
type RawConfig = DeepPartial<Omit<Config, 'logs' | 'tuning' | 'output' | 'tags' | 'actions' | 'resourceTypes'>> & {
  /** Declared resource types: compiled by loadConfig, which knows where they are in the file. */
  resourceTypes?: TypeDeclaration[];
  tags?: { application?: string | string[]; environment?: string | string[]; defaultApplication?: string };
  actions?: Partial<Record<ActionTarget, string | string[]>> & { notifyOnOk?: boolean };
  output?: DeepPartial<Config['output']> & { format?: OutputFormat };
  tuning?: Partial<Omit<Config['tuning'], 'policies'>> & { policies?: Record<string, TuningSpec> };
  logs?: { retentionDays?: number; retentionByEnvironment?: Record<string, number>; removalPolicy?: LogRemovalPolicy };
};

/** Applies defaults and makes paths absolute (relative to the config file, else to `cwd`). */
export function resolveConfig(raw: RawConfig, file?: string, cwd: string = process.cwd()): Config {
  const d = defaultConfig();
  const base = file ? dirname(file) : cwd;
  const abs = (paths: string[] | undefined) => (paths ?? []).map((p) => resolve(base, p));
  return {
    ...(file ? { file } : {}),
    source: { ...d.source, ...raw.source },
    inputs: { inventory: abs(raw.inputs?.inventory), logGroups: abs(raw.inputs?.logGroups), metrics: abs(raw.inputs?.metrics) },
    guards: { ...d.guards, ...raw.guards },
    tuning: {
      enabled: raw.tuning?.enabled ?? d.tuning.enabled,
      hysteresis: raw.tuning?.hysteresis ?? d.tuning.hysteresis,
      lookbackDays: raw.tuning?.lookbackDays ?? d.tuning.lookbackDays,
      fetchHistory: raw.tuning?.fetchHistory ?? d.tuning.fetchHistory,
      policies: new Map(Object.entries(raw.tuning?.policies ?? {})),
    },
    blueprints: { builtin: raw.blueprints?.builtin ?? d.blueprints.builtin, paths: abs(raw.blueprints?.paths) },
    resourceTypes: d.resourceTypes,
    tags: {
      application: keyList(raw.tags?.application) ?? d.tags.application,
      environment: keyList(raw.tags?.environment) ?? d.tags.environment,
      defaultApplication: raw.tags?.defaultApplication ?? d.tags.defaultApplication,
    },
    filters: { include: raw.filters?.include ?? [], exclude: raw.filters?.exclude ?? [] },
    enable: raw.enable ?? [],
    slos: raw.slos ?? [],
    actions: {
      critical: actionList(raw.actions?.critical),
      warning: actionList(raw.actions?.warning),
      info: actionList(raw.actions?.info),
      application: actionList(raw.actions?.application),
      notifyOnOk: raw.actions?.notifyOnOk ?? d.actions.notifyOnOk,
      declared: ACTION_TARGETS.some((t) => raw.actions?.[t] !== undefined),
    },
    naming: { ...d.naming, ...raw.naming },
    logs: {
      retentionDays: raw.logs?.retentionDays ?? d.logs.retentionDays,
      retentionByEnvironment: new Map(Object.entries(raw.logs?.retentionByEnvironment ?? {})),
      removalPolicy: raw.logs?.removalPolicy ?? d.logs.removalPolicy,
    },
    output: {
      dir: resolve(base, raw.output?.dir ?? d.output.dir),
      // A folder: the pages' paths are resolved against it, which drops a last segment without `/`.
      ...(raw.output?.browseUrl ? { browseUrl: raw.output.browseUrl.endsWith('/') ? raw.output.browseUrl : `${raw.output.browseUrl}/` } : {}),
      targets: raw.output?.targets ?? (raw.output?.format ? targetsOfFormat(raw.output.format) : d.output.targets),
      cloudformation: { ...d.output.cloudformation, ...raw.output?.cloudformation },
      terraform: { ...d.output.terraform, ...raw.output?.terraform },
    },
  };
}

/** A tag key, or its spellings in order of preference, as a list. */
function keyList(keys: string | string[] | undefined): string[] | undefined {
  return typeof keys === 'string' ? [keys] : keys;
}

/** An action (`""`: none) or a list of them, as a list. */
function actionList(actions: string | string[] | undefined): string[] {
  if (actions === undefined) return [];
  return typeof actions === 'string' ? (actions === '' ? [] : [actions]) : [...actions];
}

/** The targets a `format` shorthand stands for. */
export function targetsOfFormat(format: OutputFormat): string[] {
  return format === 'both' ? ['cloudformation', 'terraform'] : [format];
}
