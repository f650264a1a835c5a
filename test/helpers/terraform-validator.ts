/**
 * Strict validator for generated Terraform, for tests.
 *
 * Parses every file once with HashiCorp's HCL parser (`@cdktn/hcl2json`), checks that each is a
 * fixed point of `terraform fmt` (`@cdktn/hcl-tools`), then checks the module as a whole:
 * resources against the AWS provider schema fixture (`test/fixtures/terraform/`), references
 * (`var.*`, `local.*`, `module.*`, `aws_TYPE.NAME[.ATTR]`, provider aliases), variables,
 * outputs, the `terraform` block, `import` and `module` blocks, and the CloudWatch / CloudWatch
 * Logs limits the provider or the service enforce at plan or apply time, on literal values.
 * When a file does not parse, only the per-file problems are reported.
 *
 * What hcl2json gives (and so what this works on): blocks are arrays of bodies, block labels are
 * nested object keys (`resource.TYPE.NAME[]`); literal strings are decoded, except that template
 * escapes stay escaped (`$${`, `%%{`); any other expression (a reference, a function call, a
 * template with interpolations) is a string holding `${…}` around the expression's source text.
 * An argument written as a list of objects (`x = [{…}]`) looks exactly like a block `x {…}`.
 */
import { readFileSync } from 'node:fs';
import { parseHcl, terraformFormat } from './hcl.js';

export interface TfProblem {
  file: string;
  path: string;
  message: string;
}

export interface ValidateTerraformOptions {
  /** The files form a root module: `import` blocks are allowed (Terraform allows them nowhere else). */
  root?: boolean;
}

/** `file` of a problem that belongs to no single file (e.g. a missing `terraform` block). */
export const MODULE_FILE = '(module)';

// ---------------------------------------------------------------------------------------------
// Provider schema fixture
// ---------------------------------------------------------------------------------------------

export interface AttributeSchema {
  type: string;
  required: boolean;
}

export interface BodySchema {
  attributes: Record<string, AttributeSchema>;
  blocks: Record<string, BlockSchema>;
}

export interface BlockSchema extends BodySchema {
  nesting: 'single' | 'list' | 'set';
  required: boolean;
}

export interface ProviderSchema {
  note: string;
  provider: string;
  version: string;
  resources: Record<string, BodySchema>;
}

const SCHEMA_FILE = new URL('../fixtures/terraform/terraform-aws-provider-schema.json', import.meta.url);
let providerSchemaCache: ProviderSchema | undefined;

/** The provider schema fixture (read once per process). */
export function providerSchema(): ProviderSchema {
  providerSchemaCache ??= JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as ProviderSchema;
  return providerSchemaCache;
}

/**
 * Computed-only attributes, which the fixture leaves out, by resource type (from the provider
 * source). Most resources have `id`, `arn` and `tags_all`; a dashboard has `dashboard_arn` and no
 * `arn`; a metric filter and a subscription filter have only `id`.
 */
const COMPUTED_ATTRIBUTES: Record<string, readonly string[]> = {
  aws_cloudwatch_dashboard: ['id', 'dashboard_arn'],
  aws_cloudwatch_log_metric_filter: ['id'],
  aws_cloudwatch_log_subscription_filter: ['id'],
  aws_sns_topic: ['id', 'arn', 'tags_all', 'owner', 'beginning_archive_time'],
  aws_sns_topic_subscription: ['id', 'arn', 'owner_id', 'pending_confirmation', 'confirmation_was_authenticated'],
};
const DEFAULT_COMPUTED = ['id', 'arn', 'tags_all'];

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const META_ARGUMENTS = new Set(['provider', 'depends_on', 'count', 'for_each', 'lifecycle']);
const LIFECYCLE_KEYS = new Set(['create_before_destroy', 'prevent_destroy', 'ignore_changes', 'replace_triggered_by', 'precondition', 'postcondition']);
const TERRAFORM_KEYS = new Set(['required_version', 'required_providers', 'backend', 'cloud', 'experiments', 'provider_meta']);
const REQUIRED_PROVIDER_KEYS = new Set(['source', 'version', 'configuration_aliases']);
const VARIABLE_KEYS = new Set(['type', 'description', 'default', 'sensitive', 'nullable', 'validation', 'ephemeral']);
const RESERVED_VARIABLE_NAMES = new Set(['source', 'version', 'providers', 'count', 'for_each', 'lifecycle', 'depends_on', 'locals']);
const OUTPUT_KEYS = new Set(['value', 'description', 'sensitive', 'depends_on', 'precondition', 'ephemeral']);
const IMPORT_KEYS = new Set(['to', 'id', 'provider', 'for_each', 'identity']);
const DYNAMIC_KEYS = new Set(['for_each', 'iterator', 'labels', 'content']);
/** Roots of references that need no declaration (or that this validator does not follow). */
const IGNORED_ROOTS = new Set(['count', 'each', 'self', 'path', 'terraform']);
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if', 'else', 'endif', 'endfor']);

const COMPARISON_OPERATORS = [
  'GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold',
  'LessThanLowerOrGreaterThanUpperThreshold', 'LessThanLowerThreshold', 'GreaterThanUpperThreshold',
];
const TREAT_MISSING_DATA = ['breaching', 'notBreaching', 'ignore', 'missing'];
const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];
/** The provider's pattern for `extended_statistic` and percentile `stat`s. */
const EXTENDED_STATISTIC =
  /^((p|(tm)|(wm)|(tc)|(ts))((\d{1,2}(\.\d{1,2})?)|(100))|(IQM)|(((TM)|(WM)|(PR)|(TC)|(TS)))\((\d+(\.\d+)?%?)?:(\d+(\.\d+)?%?)?\))$/;
const METRIC_QUERY_ID = /^[a-z][A-Za-z0-9_]*$/;
const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/;
const DASHBOARD_NAME = /^[A-Za-z0-9_-]+$/;
const RETENTION_DAYS = new Set([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]);
const ALARM_ACTION_LISTS = ['alarm_actions', 'ok_actions', 'insufficient_data_actions'];
const MAX_ACTIONS = 5;
const MAX_METRIC_QUERIES = 20;
const MAX_METRICS = 10;
const MAX_ALARM_DIMENSIONS = 30;
const MAX_FILTER_DIMENSIONS = 3;
const MAX_COMPOSITE_RULE = 10_240;
const MAX_COMPOSITE_CHILDREN = 100;

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** hcl2json's shape of one or more blocks: a non-empty array of bodies. */
function isBlockList(v: unknown): v is Obj[] {
  return Array.isArray(v) && v.length > 0 && v.every(isObj);
}

function blocksOf(body: Obj, key: string): Obj[] {
  const v = body[key];
  return isBlockList(v) ? v : [];
}

function present(body: Obj, key: string): boolean {
  return body[key] !== undefined && body[key] !== null;
}

/** `a.b`, or `a["b/c"]` when the key is not an identifier. */
function join(path: string, key: string): string {
  return NAME.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function chars(s: string): number {
  return [...s].length;
}

/** ASCII control characters (U+0000–U+001F, U+007F). */
function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `the ${typeof v} ${String(v)}`;
  if (isBlockList(v)) return 'a block (or a list of objects)';
  if (Array.isArray(v)) return 'a list';
  return 'an object';
}

// ---------------------------------------------------------------------------------------------
// Expressions: templates, interpolations and references
// ---------------------------------------------------------------------------------------------

/** A traversal found in an expression: `var.x` is { root: 'var', steps: ['x'] }; `[…]` and `*` steps are '[]' and '*'. */
export interface Reference {
  root: string;
  steps: string[];
}

export interface TemplateInfo {
  /** No interpolation or directive: a literal string (see `text`). */
  literal: boolean;
  /** The whole string is one `${…}`: an expression of any type. */
  expression: boolean;
  /** For a literal, its value with `$${` / `%%{` unescaped. */
  text: string;
  references: Reference[];
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_CHAR = /[A-Za-z0-9_-]/;

function readIdent(s: string, i: number): string {
  let j = i + 1;
  while (j < s.length && IDENT_CHAR.test(s[j]!)) j++;
  return s.slice(i, j);
}

/**
 * Scans a template from `i`: hcl2json's decoded string value (`quoted` false, runs to the end)
 * or a quoted template inside expression source (`quoted` true, backslash escapes, ends after `"`).
 */
function scanTemplate(s: string, i: number, quoted: boolean, refs: Reference[]) {
  const start = i;
  let interpolations = 0;
  let directives = 0;
  let expression = false;
  let text = '';
  while (i < s.length) {
    const c = s[i]!;
    if (quoted && c === '\\') {
      i += 2;
      continue;
    }
    if (quoted && c === '"') return { end: i + 1, interpolations, directives, expression, text };
    if ((c === '$' || c === '%') && s[i + 1] === c && s[i + 2] === '{') {
      text += `${c}{`;
      i += 3;
      continue;
    }
    if ((c === '$' || c === '%') && s[i + 1] === '{') {
      const close = scanExpression(s, i + 2, '}', refs);
      if (c === '$') interpolations++;
      else directives++;
      if (c === '$' && i === start && close === s.length - 1 && !quoted) expression = true;
      i = close + 1;
      continue;
    }
    text += c;
    i++;
  }
  return { end: i, interpolations, directives, expression, text };
}

/** Scans expression source from `i` up to the unmatched `closer` (its index is returned), collecting references. */
function scanExpression(s: string, i: number, closer: '}' | ']' | undefined, refs: Reference[]): number {
  let depth = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '"') {
      i = scanTemplate(s, i + 1, true, refs).end;
    } else if (c === '#' || (c === '/' && s[i + 1] === '/')) {
      const nl = s.indexOf('\n', i);
      i = nl < 0 ? s.length : nl;
    } else if (c === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      i = end < 0 ? s.length : end + 2;
    } else if (c === '<' && s[i + 1] === '<' && /^<<-?[A-Za-z_][A-Za-z0-9_-]*\r?\n/.test(s.slice(i, i + 200))) {
      i = scanHeredoc(s, i, refs);
    } else if (c === '{' || c === '(' || c === '[') {
      depth++;
      i++;
    } else if (c === '}' || c === ')' || c === ']') {
      if (depth === 0 && c === closer) return i;
      depth--;
      i++;
    } else if (IDENT_START.test(c) && !IDENT_CHAR.test(s[i - 1] ?? ' ') && s[i - 1] !== '.') {
      i = scanTraversal(s, i, refs);
    } else {
      i++;
    }
  }
  return i;
}

function scanHeredoc(s: string, i: number, refs: Reference[]): number {
  const m = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(s.slice(i))!;
  const bodyStart = i + m[0].length;
  const endMarker = new RegExp(`(^|\\n)[ \\t]*${m[1]!}[ \\t]*(?=\\r?\\n|$)`, 'g');
  endMarker.lastIndex = bodyStart - 1;
  const end = endMarker.exec(s);
  const bodyEnd = end ? end.index : s.length;
  scanTemplate(s.slice(bodyStart, bodyEnd), 0, false, refs);
  return end ? end.index + end[0].length : s.length;
}

function scanTraversal(s: string, i: number, refs: Reference[]): number {
  const root = readIdent(s, i);
  let j = i + root.length;
  const steps: string[] = [];
  for (;;) {
    if (s[j] === '.' && IDENT_START.test(s[j + 1] ?? '')) {
      const name = readIdent(s, j + 1);
      steps.push(name);
      j += 1 + name.length;
    } else if (s[j] === '.' && s[j + 1] === '*') {
      steps.push('*');
      j += 2;
    } else if (s[j] === '.' && /[0-9]/.test(s[j + 1] ?? '')) {
      const digits = /^[0-9]+/.exec(s.slice(j + 1))![0];
      steps.push('[]');
      j += 1 + digits.length;
    } else if (s[j] === '[') {
      j = scanExpression(s, j + 1, ']', refs) + 1;
      steps.push('[]');
    } else {
      break;
    }
  }
  let k = j;
  while (s[k] === ' ' || s[k] === '\t') k++;
  const isCall = steps.length === 0 && (s[k] === '(' || (s[k] === ':' && s[k + 1] === ':'));
  if (!isCall && !KEYWORDS.has(root) && steps.length > 0) refs.push({ root, steps });
  return j;
}

/** What a string from hcl2json is: a literal, a whole `${…}` expression or a template; and the references in it. */
export function analyseString(s: string): TemplateInfo {
  const references: Reference[] = [];
  const r = scanTemplate(s, 0, false, references);
  return {
    literal: r.interpolations === 0 && r.directives === 0,
    expression: r.expression && r.interpolations === 1 && r.directives === 0,
    text: r.text,
    references,
  };
}

/** A literal string's value (escapes undone), or undefined for anything else. */
function literal(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = analyseString(v);
  return t.literal ? t.text : undefined;
}

function isExpression(v: unknown): boolean {
  return typeof v === 'string' && analyseString(v).expression;
}

function hasInterpolation(v: unknown): boolean {
  if (typeof v === 'string') return !analyseString(v).literal;
  if (Array.isArray(v)) return v.some(hasInterpolation);
  if (isObj(v)) return Object.entries(v).some(([k, x]) => hasInterpolation(k) || hasInterpolation(x));
  return false;
}

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** Problems with a literal value against a schema type (`string`, `number`, `bool`, `list(T)`, `set(T)`, `map(T)`). */
function typeProblems(type: string, value: unknown, path: string): { path: string; message: string }[] {
  if (value === null || isExpression(value)) return [];
  const collection = /^(list|set|map)\((.+)\)$/.exec(type);
  const fail = (expected: string) => [{ path, message: `expected ${expected}, got ${describe(value)}` }];
  if (type === 'string') return typeof value === 'string' ? [] : fail('a string');
  if (type === 'number') return typeof value === 'number' ? [] : fail('a number');
  if (type === 'bool') return typeof value === 'boolean' ? [] : fail('a bool');
  if (collection?.[1] === 'list' || collection?.[1] === 'set') {
    // A list of objects is also what a block looks like: its elements are then checked against T.
    if (!Array.isArray(value)) return fail(`a ${type}`);
    return value.flatMap((v, i) => typeProblems(collection[2]!, v, `${path}[${i}]`));
  }
  if (collection?.[1] === 'map') {
    if (!isObj(value)) return fail(`a ${type} (an object)`);
    return Object.entries(value).flatMap(([k, v]) => typeProblems(collection[2]!, v, join(path, k)));
  }
  return []; // object(...), any, ...: not checked
}

// ---------------------------------------------------------------------------------------------
// Validation context
// ---------------------------------------------------------------------------------------------

interface Declared {
  file: string;
  body: Obj;
}

class Context {
  readonly problems: TfProblem[] = [];
  readonly variables = new Map<string, Declared>();
  readonly locals = new Map<string, string>();
  readonly modules = new Map<string, Declared>();
  readonly outputs = new Map<string, Declared>();
  /** type → name → declaration */
  readonly resources = new Map<string, Map<string, Declared>>();
  /** `aws` and `aws.ALIAS` for every alias declared in configuration_aliases or provider blocks. */
  readonly providers = new Set<string>(['aws']);

  constructor(readonly root: boolean) {}

  report(file: string, path: string, message: string): void {
    this.problems.push({ file, path, message });
  }

  /** Checks every reference in a value (strings, and keys and values of lists and objects). */
  references(file: string, path: string, value: unknown): void {
    if (typeof value === 'string') {
      for (const ref of analyseString(value).references) this.reference(file, path, ref);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => this.references(file, `${path}[${i}]`, v));
    } else if (isObj(value)) {
      for (const [k, v] of Object.entries(value)) {
        this.references(file, path, k);
        this.references(file, join(path, k), v);
      }
    }
  }

  private reference(file: string, path: string, ref: Reference): void {
    const [first, second, third] = ref.steps;
    const named = (step: string | undefined): step is string => step !== undefined && step !== '[]' && step !== '*';
    if (!named(first) || IGNORED_ROOTS.has(ref.root)) return;
    switch (ref.root) {
      case 'var':
        if (!this.variables.has(first)) this.report(file, path, `reference to undeclared variable var.${first}`);
        return;
      case 'local':
        if (!this.locals.has(first)) this.report(file, path, `reference to undeclared local value local.${first}`);
        return;
      case 'module':
        if (!this.modules.has(first)) this.report(file, path, `reference to undeclared module module.${first}`);
        return;
      case 'data':
        this.report(file, path, `reference to undeclared data source data.${first}${named(second) ? `.${second}` : ''}`);
        return;
      case 'aws':
        this.report(file, path, `aws.${first} is a provider configuration: it can only be used in provider or providers`);
        return;
    }
    if (!ref.root.startsWith('aws_')) return; // for-expression and dynamic-block iterators, etc.
    const address = `${ref.root}.${first}`;
    if (!this.resources.get(ref.root)?.has(first)) {
      this.report(file, path, `reference to undeclared resource ${address}`);
      return;
    }
    const attribute = second === '[]' || second === '*' ? third : second;
    const schema = providerSchema().resources[ref.root];
    if (!named(attribute) || !schema) return;
    const computed = COMPUTED_ATTRIBUTES[ref.root] ?? DEFAULT_COMPUTED;
    if (!(attribute in schema.attributes) && !(attribute in schema.blocks) && !computed.includes(attribute)) {
      this.report(file, path, `reference to unknown attribute ${address}.${attribute} (${ref.root} has no attribute "${attribute}")`);
    }
  }

  /** `provider = aws` or `provider = aws.ALIAS`, with ALIAS declared. */
  providerReference(file: string, path: string, value: unknown): void {
    const m = typeof value === 'string' ? /^\$\{(aws(?:\.[A-Za-z_][A-Za-z0-9_-]*)?)\}$/.exec(value) : null;
    if (!m) {
      this.report(file, path, `must be a provider reference (aws or aws.ALIAS, unquoted), got ${describe(value)}`);
    } else if (!this.providers.has(m[1]!)) {
      this.report(file, path, `unknown provider alias ${m[1]!} (declared: ${[...this.providers].join(', ')})`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

interface ParsedFile {
  file: string;
  json: Obj;
}

type FileResult = { file: string; text: string; json: Obj; formatted: string } | { file: string; error: string };

/**
 * Parse and format results by file name and text: tests validate many variants of one module,
 * and the wasm parser is the slow part. hcl2json's output is only read, never modified.
 */
const fileCache = new Map<string, Promise<FileResult>>();
const FILE_CACHE_SIZE = 64;

function parseAndFormat(file: string, text: string): Promise<FileResult> {
  const key = `${file}\0${text}`;
  let result = fileCache.get(key);
  if (!result) {
    result = (async (): Promise<FileResult> => {
      try {
        const json = await parseHcl(file, text);
        return { file, text, json, formatted: await terraformFormat(text) };
      } catch (error) {
        return { file, error: error instanceof Error ? error.message : String(error) };
      }
    })();
    if (fileCache.size >= FILE_CACHE_SIZE) fileCache.delete(fileCache.keys().next().value!);
    fileCache.set(key, result);
  }
  return result;
}

/** Validates a set of .tf files forming one module (file name → text). */
export async function validateTerraformModule(files: Map<string, string>, options: ValidateTerraformOptions = {}): Promise<TfProblem[]> {
  const ctx = new Context(options.root ?? false);
  const results = await Promise.all([...files].map(([file, text]) => parseAndFormat(file, text)));
  const parsed: ParsedFile[] = [];
  for (const r of results) {
    if ('error' in r) {
      const line = /:(\d+),\d+/.exec(r.error)?.[1];
      ctx.report(r.file, line ? `line ${line}` : '', r.error);
      continue;
    }
    if (r.formatted !== r.text) ctx.report(r.file, ...formatDifference(r.text, r.formatted));
    parsed.push({ file: r.file, json: r.json });
  }
  // A file that does not parse hides its declarations: checking the rest would report every
  // reference to them. Report the parse errors (and formatting) alone.
  if (parsed.length < results.length) return ctx.problems;
  declare(ctx, parsed);
  for (const { file, json } of parsed) checkFile(ctx, file, json);
  checkTerraformBlocks(ctx, parsed);
  return ctx.problems;
}

function formatDifference(text: string, formatted: string): [string, string] {
  const a = text.split('\n');
  const b = formatted.split('\n');
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return [
    `line ${i + 1}`,
    `not formatted as terraform fmt would (first difference at line ${i + 1}): ${JSON.stringify(a[i] ?? '')} should be ${JSON.stringify(b[i] ?? '')}`,
  ];
}

// ---------------------------------------------------------------------------------------------
// Declarations (collected from every file before anything is checked)
// ---------------------------------------------------------------------------------------------

function labelled(json: Obj, key: string): [string, Obj[]][] {
  const v = json[key];
  if (!isObj(v)) return [];
  return Object.entries(v).map(([name, bodies]) => [name, isBlockList(bodies) ? bodies : []]);
}

function declareNamed(ctx: Context, map: Map<string, Declared>, kind: string, file: string, name: string, bodies: Obj[]): void {
  for (const body of bodies) {
    const first = map.get(name);
    if (first) ctx.report(file, `${kind}.${name}`, `duplicate ${kind} "${name}" (first declared in ${first.file})`);
    else map.set(name, { file, body });
  }
}

function declare(ctx: Context, parsed: ParsedFile[]): void {
  for (const { file, json } of parsed) {
    for (const [name, bodies] of labelled(json, 'variable')) declareNamed(ctx, ctx.variables, 'variable', file, name, bodies);
    for (const [name, bodies] of labelled(json, 'output')) declareNamed(ctx, ctx.outputs, 'output', file, name, bodies);
    for (const [name, bodies] of labelled(json, 'module')) declareNamed(ctx, ctx.modules, 'module', file, name, bodies);
    for (const [type, byName] of Object.entries(isObj(json.resource) ? json.resource : {})) {
      for (const [name, bodies] of Object.entries(isObj(byName) ? byName : {})) {
        const path = `resource.${type}.${name}`;
        if (!NAME.test(name)) ctx.report(file, path, `invalid resource name "${name}": must match ${NAME.source}`);
        const declared = ctx.resources.get(type) ?? new Map<string, Declared>();
        ctx.resources.set(type, declared);
        for (const body of isBlockList(bodies) ? bodies : []) {
          const first = declared.get(name);
          if (first) ctx.report(file, path, `duplicate resource ${type}.${name} (first declared in ${first.file})`);
          else declared.set(name, { file, body });
        }
      }
    }
    for (const body of blocksOf(json, 'locals')) {
      for (const name of Object.keys(body)) {
        const first = ctx.locals.get(name);
        if (first) ctx.report(file, `locals.${name}`, `duplicate local value "${name}" (first declared in ${first})`);
        else ctx.locals.set(name, file);
      }
    }
    for (const tf of blocksOf(json, 'terraform')) {
      for (const rp of blocksOf(tf, 'required_providers')) {
        const aws = rp.aws;
        const aliases = isObj(aws) ? aws.configuration_aliases : undefined;
        for (const alias of Array.isArray(aliases) ? aliases : []) {
          const m = typeof alias === 'string' ? /^\$\{(aws\.[A-Za-z_][A-Za-z0-9_-]*)\}$/.exec(alias) : null;
          if (m) ctx.providers.add(m[1]!);
          else ctx.report(file, 'terraform.required_providers.aws.configuration_aliases', `configuration alias must be aws.NAME (unquoted), got ${describe(alias)}`);
        }
      }
    }
    for (const [name, bodies] of labelled(json, 'provider')) {
      for (const body of bodies) {
        const alias = literal(body.alias);
        ctx.providers.add(alias === undefined ? name : `${name}.${alias}`);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Top level
// ---------------------------------------------------------------------------------------------

function checkFile(ctx: Context, file: string, json: Obj): void {
  for (const [key, value] of Object.entries(json)) {
    switch (key) {
      case 'terraform':
        break; // checked across files
      case 'variable':
        for (const [name, bodies] of labelled(json, key)) bodies.forEach((b) => checkVariable(ctx, file, name, b));
        break;
      case 'output':
        for (const [name, bodies] of labelled(json, key)) bodies.forEach((b) => checkOutput(ctx, file, name, b));
        break;
      case 'locals':
        for (const body of blocksOf(json, key)) ctx.references(file, 'locals', body);
        break;
      case 'resource':
        for (const [type, byName] of Object.entries(isObj(value) ? value : {})) {
          for (const [name, bodies] of Object.entries(isObj(byName) ? byName : {})) {
            for (const body of isBlockList(bodies) ? bodies : []) checkResource(ctx, file, type, name, body);
          }
        }
        break;
      case 'module':
        for (const [name, bodies] of labelled(json, key)) bodies.forEach((b) => checkModule(ctx, file, name, b));
        break;
      case 'provider':
        for (const [name, bodies] of labelled(json, key)) {
          for (const body of bodies) {
            if (!ctx.root) ctx.report(file, `provider.${name}`, 'provider configurations belong in the root module: a shared module receives them through configuration_aliases');
            ctx.references(file, `provider.${name}`, body);
          }
        }
        break;
      case 'import':
        blocksOf(json, key).forEach((b, i) => checkImport(ctx, file, `import[${i}]`, b));
        break;
      default:
        ctx.report(file, key, `unsupported top-level ${isBlockList(value) || isObj(value) ? 'block' : 'argument'} "${key}"`);
    }
  }
}

function checkTerraformBlocks(ctx: Context, parsed: ParsedFile[]): void {
  const blocks = parsed.flatMap(({ file, json }) => blocksOf(json, 'terraform').map((body) => ({ file, body })));
  if (blocks.length === 0) {
    ctx.report(MODULE_FILE, 'terraform', 'no terraform block: required_version and required_providers.aws are required');
    return;
  }
  const awsEntries: { file: string; value: unknown }[] = [];
  for (const { file, body } of blocks) {
    for (const key of Object.keys(body)) {
      if (!TERRAFORM_KEYS.has(key)) ctx.report(file, `terraform.${key}`, `unknown argument or block "${key}" in terraform`);
    }
    if (present(body, 'required_version')) {
      const v = literal(body.required_version);
      if (!v?.trim()) ctx.report(file, 'terraform.required_version', `required_version must be a non-empty version constraint string, got ${describe(body.required_version)}`);
    }
    if (body.required_providers !== undefined && !isBlockList(body.required_providers)) {
      ctx.report(file, 'terraform.required_providers', 'required_providers must be a block');
    }
    for (const rp of blocksOf(body, 'required_providers')) {
      if (rp.aws !== undefined) awsEntries.push({ file, value: rp.aws });
    }
  }
  const first = blocks[0]!.file;
  if (!blocks.some(({ body }) => present(body, 'required_version'))) {
    ctx.report(first, 'terraform.required_version', 'missing required_version (a Terraform version constraint)');
  }
  if (awsEntries.length === 0) {
    ctx.report(first, 'terraform.required_providers.aws', 'missing required_providers entry for aws (source "hashicorp/aws" and a version constraint)');
    return;
  }
  for (const dup of awsEntries.slice(1)) ctx.report(dup.file, 'terraform.required_providers.aws', 'duplicate required_providers entry for aws');
  const { file, value } = awsEntries[0]!;
  const path = 'terraform.required_providers.aws';
  if (!isObj(value)) {
    ctx.report(file, path, `must be an object { source = "hashicorp/aws", version = "…" }, got ${describe(value)}`);
    return;
  }
  for (const key of Object.keys(value)) {
    if (!REQUIRED_PROVIDER_KEYS.has(key)) ctx.report(file, `${path}.${key}`, `unknown argument "${key}" in a required_providers entry`);
  }
  if (literal(value.source) !== 'hashicorp/aws') ctx.report(file, `${path}.source`, `source must be "hashicorp/aws", got ${describe(value.source)}`);
  if (!literal(value.version)?.trim()) ctx.report(file, `${path}.version`, `missing version constraint, got ${describe(value.version)}`);
}

function checkVariable(ctx: Context, file: string, name: string, body: Obj): void {
  const path = `variable.${name}`;
  if (!NAME.test(name) || RESERVED_VARIABLE_NAMES.has(name)) ctx.report(file, path, `invalid variable name "${name}"`);
  for (const key of Object.keys(body)) {
    if (!VARIABLE_KEYS.has(key)) ctx.report(file, `${path}.${key}`, `unknown argument or block "${key}" in variable`);
  }
  if (body.type === undefined) ctx.report(file, `${path}.type`, 'missing type');
  else if (!isExpression(body.type)) ctx.report(file, `${path}.type`, `type must be a type expression (e.g. map(string)), not ${describe(body.type)}`);
  checkDescription(ctx, file, path, body.description);
  if ('default' in body) {
    if (hasInterpolation(body.default)) ctx.report(file, `${path}.default`, 'default must be a literal value: no references, function calls or interpolations');
    else if (typeof body.type === 'string' && isExpression(body.type)) {
      const type = body.type.slice(2, -1).replace(/\s+/g, '');
      for (const p of typeProblems(type, body.default, `${path}.default`)) ctx.report(file, p.path, p.message);
    }
  }
  for (const [i, validation] of blocksOf(body, 'validation').entries()) ctx.references(file, `${path}.validation[${i}]`, validation);
}

function checkDescription(ctx: Context, file: string, path: string, description: unknown): void {
  if (description === undefined || description === null) ctx.report(file, `${path}.description`, 'missing description');
  else if (!literal(description)?.trim()) ctx.report(file, `${path}.description`, `description must be a non-empty literal string, got ${describe(description)}`);
}

function checkOutput(ctx: Context, file: string, name: string, body: Obj): void {
  const path = `output.${name}`;
  if (!NAME.test(name)) ctx.report(file, path, `invalid output name "${name}"`);
  for (const key of Object.keys(body)) {
    if (!OUTPUT_KEYS.has(key)) ctx.report(file, `${path}.${key}`, `unknown argument or block "${key}" in output`);
  }
  if (!('value' in body)) ctx.report(file, `${path}.value`, 'missing value');
  checkDescription(ctx, file, path, body.description);
  ctx.references(file, `${path}.value`, body.value);
  ctx.references(file, `${path}.depends_on`, body.depends_on);
}

function checkModule(ctx: Context, file: string, name: string, body: Obj): void {
  const path = `module.${name}`;
  if (!NAME.test(name)) ctx.report(file, path, `invalid module name "${name}"`);
  if (!present(body, 'source')) ctx.report(file, `${path}.source`, 'missing source');
  else if (!literal(body.source)) ctx.report(file, `${path}.source`, `source must be a literal string, got ${describe(body.source)}`);
  for (const [key, value] of Object.entries(body)) {
    if (key === 'source') continue;
    if (key === 'providers' && isObj(value)) {
      for (const [child, parent] of Object.entries(value)) {
        if (child === 'aws' || child.startsWith('aws.')) ctx.providerReference(file, join(`${path}.providers`, child), parent);
      }
      continue;
    }
    ctx.references(file, `${path}.${key}`, value);
  }
}

function checkImport(ctx: Context, file: string, path: string, body: Obj): void {
  if (!ctx.root) {
    ctx.report(file, path, 'import blocks are only allowed in a root module');
    return;
  }
  for (const key of Object.keys(body)) {
    if (!IMPORT_KEYS.has(key)) ctx.report(file, `${path}.${key}`, `unknown argument "${key}" in import`);
  }
  if (!present(body, 'to')) ctx.report(file, `${path}.to`, 'missing to (the resource address to import into)');
  else if (!isExpression(body.to) || !/^\$\{(module\.[A-Za-z_][A-Za-z0-9_-]*\.)*aws_[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*(\[[^\]]+\])?\}$/.test(body.to as string)) {
    ctx.report(file, `${path}.to`, `to must be a resource address (unquoted), got ${describe(body.to)}`);
  } else {
    ctx.references(file, `${path}.to`, body.to);
  }
  if (!present(body, 'id') && !present(body, 'identity')) ctx.report(file, `${path}.id`, 'missing id (the import ID)');
  else if (present(body, 'id') && typeof body.id !== 'string') ctx.report(file, `${path}.id`, `id must be a string, got ${describe(body.id)}`);
  if (present(body, 'provider')) {
    // Terraform takes the provider of the resource the block imports into. It allows `provider`
    // only on an import that generates configuration (a resource not declared), which this
    // checker does not support: an undeclared `to` is reported above.
    ctx.report(file, `${path}.provider`, 'provider may only be given on an import that generates configuration; the resource imported into is declared, and its provider is used');
  }
  ctx.references(file, `${path}.for_each`, body.for_each);
}

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

function checkResource(ctx: Context, file: string, type: string, name: string, body: Obj): void {
  const path = `resource.${type}.${name}`;
  const schema = providerSchema().resources[type];
  if (!schema) {
    ctx.report(file, path, `unknown resource type "${type}" (not in the provider schema fixture)`);
    ctx.references(file, path, body);
    return;
  }
  checkMetaArguments(ctx, file, path, body);
  checkBody(ctx, file, path, body, schema, true);
  LIMITS[type]?.(ctx, file, path, body);
}

function checkMetaArguments(ctx: Context, file: string, path: string, body: Obj): void {
  if ('provider' in body) ctx.providerReference(file, `${path}.provider`, body.provider);
  if ('count' in body && 'for_each' in body) ctx.report(file, path, 'count and for_each are mutually exclusive');
  if ('count' in body && typeof body.count !== 'number' && !isExpression(body.count)) {
    ctx.report(file, `${path}.count`, `count must be a whole number or an expression, got ${describe(body.count)}`);
  }
  if ('depends_on' in body) {
    const deps = body.depends_on;
    if (!Array.isArray(deps)) ctx.report(file, `${path}.depends_on`, `depends_on must be a list of references, got ${describe(deps)}`);
    else {
      deps.forEach((d, i) => {
        if (!isExpression(d)) ctx.report(file, `${path}.depends_on[${i}]`, `depends_on entries must be references (unquoted), got ${describe(d)}`);
      });
    }
  }
  for (const key of ['count', 'for_each', 'depends_on']) ctx.references(file, `${path}.${key}`, body[key]);
  if ('lifecycle' in body) {
    const lifecycle = body.lifecycle;
    if (!isBlockList(lifecycle) || lifecycle.length > 1) ctx.report(file, `${path}.lifecycle`, 'lifecycle must be a single block');
    for (const lc of isBlockList(lifecycle) ? lifecycle : []) {
      for (const [key, value] of Object.entries(lc)) {
        if (!LIFECYCLE_KEYS.has(key)) ctx.report(file, `${path}.lifecycle.${key}`, `unknown argument or block "${key}" in lifecycle`);
        else if (key !== 'ignore_changes') ctx.references(file, `${path}.lifecycle.${key}`, value);
      }
    }
  }
}

/** Arguments and nested blocks of a resource (`resource` true: meta-arguments allowed) or of a nested block. */
function checkBody(ctx: Context, file: string, path: string, body: Obj, schema: BodySchema, resource: boolean): void {
  const dynamic = new Set<string>();
  for (const [key, value] of Object.entries(body)) {
    const at = join(path, key);
    if (resource && META_ARGUMENTS.has(key)) continue; // checkMetaArguments
    if (key === 'dynamic' && isObj(value)) {
      for (const name of checkDynamic(ctx, file, at, value, schema)) dynamic.add(name);
      continue;
    }
    const attribute = schema.attributes[key];
    if (attribute) {
      for (const p of typeProblems(attribute.type, value, at)) ctx.report(file, p.path, p.message);
      ctx.references(file, at, value);
      continue;
    }
    const block = schema.blocks[key];
    if (block) {
      if (!isBlockList(value)) {
        ctx.report(file, at, `${key} must be written as a block (${key} { … }), not as an argument`);
        continue;
      }
      if (block.nesting === 'single' && value.length > 1) ctx.report(file, at, `block "${key}" may appear at most once, found ${value.length}`);
      value.forEach((b, i) => checkBody(ctx, file, `${at}[${i}]`, b, block, false));
      continue;
    }
    ctx.report(file, at, isBlockList(value) ? `unknown block type "${key}"` : `unknown argument "${key}"`);
    ctx.references(file, at, value);
  }
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    if (attribute.required && !present(body, name)) ctx.report(file, join(path, name), `missing required argument "${name}"`);
  }
  for (const [name, block] of Object.entries(schema.blocks)) {
    if (block.required && body[name] === undefined && !dynamic.has(name)) ctx.report(file, join(path, name), `missing required block "${name}"`);
  }
}

/** `dynamic "NAME" { for_each = …, content { … } }`: returns the block names it generates. */
function checkDynamic(ctx: Context, file: string, path: string, value: Obj, schema: BodySchema): string[] {
  const names: string[] = [];
  for (const [name, bodies] of Object.entries(value)) {
    const at = join(path, name);
    const block = schema.blocks[name];
    if (!block) {
      ctx.report(file, at, `unknown block type "${name}" in dynamic block`);
      continue;
    }
    names.push(name);
    for (const [i, d] of (isBlockList(bodies) ? bodies : []).entries()) {
      for (const key of Object.keys(d)) {
        if (!DYNAMIC_KEYS.has(key)) ctx.report(file, `${at}[${i}].${key}`, `unknown argument or block "${key}" in dynamic block`);
      }
      if (!present(d, 'for_each')) ctx.report(file, `${at}[${i}].for_each`, 'missing for_each in dynamic block');
      ctx.references(file, `${at}[${i}].for_each`, d.for_each);
      const content = d.content;
      if (!isBlockList(content) || content.length !== 1) ctx.report(file, `${at}[${i}].content`, 'a dynamic block needs exactly one content block');
      else checkBody(ctx, file, `${at}[${i}].content[0]`, content[0]!, block, false);
    }
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// CloudWatch and CloudWatch Logs limits (on literal values only)
// ---------------------------------------------------------------------------------------------

type LimitCheck = (ctx: Context, file: string, path: string, body: Obj) => void;

function checkLength(ctx: Context, file: string, path: string, value: unknown, min: number, max: number, what: string): void {
  const s = literal(value);
  if (s === undefined) return;
  const n = chars(s);
  if (n < min || n > max) ctx.report(file, path, `${what} must be ${min === 0 ? `at most ${max}` : `${min}–${max}`} characters, got ${n}`);
}

function checkEnum(ctx: Context, file: string, path: string, value: unknown, allowed: readonly string[], what: string): void {
  const s = literal(value);
  if (s !== undefined && !allowed.includes(s)) ctx.report(file, path, `${what} must be one of ${allowed.join(', ')}; got ${JSON.stringify(s)}`);
}

function checkAlarmPeriod(ctx: Context, file: string, path: string, value: unknown): void {
  if (typeof value !== 'number') return;
  if (!(value === 10 || value === 20 || value === 30 || (Number.isInteger(value) && value > 0 && value % 60 === 0))) {
    ctx.report(file, path, `period must be 10, 20, 30 or a multiple of 60 seconds, got ${value}`);
  }
}

function checkPositiveInteger(ctx: Context, file: string, path: string, value: unknown, what: string): void {
  if (typeof value === 'number' && !(Number.isInteger(value) && value >= 1)) ctx.report(file, path, `${what} must be a whole number ≥ 1, got ${value}`);
}

function checkMapSize(ctx: Context, file: string, path: string, value: unknown, max: number, what: string): void {
  if (isObj(value) && Object.keys(value).length > max) ctx.report(file, path, `at most ${max} ${what}, got ${Object.keys(value).length}`);
}

function checkStatistic(ctx: Context, file: string, path: string, value: unknown): void {
  const s = literal(value);
  if (s !== undefined && !STATISTICS.includes(s) && !EXTENDED_STATISTIC.test(s)) {
    ctx.report(file, path, `stat must be one of ${STATISTICS.join(', ')} or a percentile/extended statistic such as p99; got ${JSON.stringify(s)}`);
  }
}

function checkAlarmNameAndActions(ctx: Context, file: string, path: string, body: Obj): void {
  checkLength(ctx, file, `${path}.alarm_name`, body.alarm_name, 1, 255, 'alarm_name');
  const name = literal(body.alarm_name);
  if (name !== undefined && hasControlCharacter(name)) ctx.report(file, `${path}.alarm_name`, 'alarm_name must not contain control characters');
  checkLength(ctx, file, `${path}.alarm_description`, body.alarm_description, 0, 1024, 'alarm_description');
  for (const key of ALARM_ACTION_LISTS) {
    const list = body[key];
    if (Array.isArray(list) && list.length > MAX_ACTIONS) ctx.report(file, `${path}.${key}`, `at most ${MAX_ACTIONS} actions per state, got ${list.length}`);
  }
}

const checkMetricAlarm: LimitCheck = (ctx, file, path, body) => {
  checkAlarmNameAndActions(ctx, file, path, body);
  checkEnum(ctx, file, `${path}.comparison_operator`, body.comparison_operator, COMPARISON_OPERATORS, 'comparison_operator');
  checkEnum(ctx, file, `${path}.treat_missing_data`, body.treat_missing_data, TREAT_MISSING_DATA, 'treat_missing_data');
  checkEnum(ctx, file, `${path}.statistic`, body.statistic, STATISTICS, 'statistic');
  const extended = literal(body.extended_statistic);
  if (extended !== undefined && !EXTENDED_STATISTIC.test(extended)) {
    ctx.report(file, `${path}.extended_statistic`, `extended_statistic must be a percentile or extended statistic such as p99, got ${JSON.stringify(extended)}`);
  }
  checkAlarmPeriod(ctx, file, `${path}.period`, body.period);
  checkPositiveInteger(ctx, file, `${path}.evaluation_periods`, body.evaluation_periods, 'evaluation_periods');
  checkPositiveInteger(ctx, file, `${path}.datapoints_to_alarm`, body.datapoints_to_alarm, 'datapoints_to_alarm');
  if (typeof body.datapoints_to_alarm === 'number' && typeof body.evaluation_periods === 'number' && body.datapoints_to_alarm > body.evaluation_periods) {
    ctx.report(file, `${path}.datapoints_to_alarm`, `datapoints_to_alarm (${body.datapoints_to_alarm}) must not exceed evaluation_periods (${body.evaluation_periods})`);
  }
  checkMapSize(ctx, file, `${path}.dimensions`, body.dimensions, MAX_ALARM_DIMENSIONS, 'dimensions');
  if (present(body, 'threshold') === present(body, 'threshold_metric_id')) {
    ctx.report(file, `${path}.threshold`, 'exactly one of threshold and threshold_metric_id is required');
  }

  const queries = blocksOf(body, 'metric_query');
  const dynamicQueries = isObj(body.dynamic) && 'metric_query' in body.dynamic;
  if (queries.length > 0 || dynamicQueries) {
    for (const key of ['metric_name', 'namespace', 'statistic', 'extended_statistic', 'dimensions', 'period']) {
      if (present(body, key)) ctx.report(file, `${path}.${key}`, `${key} cannot be combined with metric_query blocks (use one or the other)`);
    }
    checkMetricQueries(ctx, file, `${path}.metric_query`, queries, dynamicQueries, literal(body.threshold_metric_id));
  } else if (present(body, 'metric_name')) {
    if (!present(body, 'namespace')) ctx.report(file, `${path}.namespace`, 'an alarm on metric_name needs namespace');
    if (!present(body, 'period')) ctx.report(file, `${path}.period`, 'an alarm on metric_name needs period');
    if (present(body, 'statistic') === present(body, 'extended_statistic')) {
      ctx.report(file, `${path}.statistic`, 'an alarm on metric_name needs exactly one of statistic and extended_statistic');
    }
  } else {
    ctx.report(file, path, 'an alarm needs either metric_name (with namespace, period and statistic or extended_statistic) or metric_query blocks');
  }
};

/**
 * A metric-math alarm returns exactly one query (PutMetricAlarm: "specify True for the one
 * expression result to use as the alarm"); an anomaly detection alarm (`threshold_metric_id`)
 * returns two, the ANOMALY_DETECTION_BAND query it names and the series compared with it (as
 * in AWS's PutMetricAlarm example for anomaly detection).
 */
function checkMetricQueries(ctx: Context, file: string, path: string, queries: Obj[], dynamicQueries: boolean, thresholdMetricId: string | undefined): void {
  const ids = new Map<string, number>();
  let returnData = 0;
  let returnDataKnown = true;
  let metrics = 0;
  queries.forEach((q, i) => {
    const at = `${path}[${i}]`;
    const id = literal(q.id);
    if (id !== undefined) {
      if (!METRIC_QUERY_ID.test(id)) ctx.report(file, `${at}.id`, `metric_query id ${JSON.stringify(id)} must match ${METRIC_QUERY_ID.source}`);
      const seen = ids.get(id);
      if (seen !== undefined) ctx.report(file, `${at}.id`, `duplicate metric_query id ${JSON.stringify(id)} (also metric_query[${seen}])`);
      else ids.set(id, i);
    }
    if (q.return_data === true) returnData++;
    else if (q.return_data !== undefined && q.return_data !== null && q.return_data !== false) returnDataKnown = false;
    const metric = blocksOf(q, 'metric');
    const dynamicMetric = isObj(q.dynamic) && 'metric' in q.dynamic;
    if (metric.length > 0 || dynamicMetric) metrics++;
    if (present(q, 'expression') && (metric.length > 0 || dynamicMetric)) ctx.report(file, at, 'a metric_query has either expression or a metric block, not both');
    if (!present(q, 'expression') && metric.length === 0 && !dynamicMetric) ctx.report(file, at, 'a metric_query needs expression or a metric block');
    checkLength(ctx, file, `${at}.expression`, q.expression, 1, 1024, 'expression');
    checkAlarmPeriod(ctx, file, `${at}.period`, q.period);
    metric.forEach((m, j) => {
      checkAlarmPeriod(ctx, file, `${at}.metric[${j}].period`, m.period);
      checkStatistic(ctx, file, `${at}.metric[${j}].stat`, m.stat);
      checkMapSize(ctx, file, `${at}.metric[${j}].dimensions`, m.dimensions, MAX_ALARM_DIMENSIONS, 'dimensions');
    });
  });
  if (dynamicQueries) return; // how many blocks there are is unknown until plan
  if (queries.length > MAX_METRIC_QUERIES) ctx.report(file, path, `at most ${MAX_METRIC_QUERIES} metric_query blocks, got ${queries.length}`);
  if (metrics > MAX_METRICS) ctx.report(file, path, `at most ${MAX_METRICS} metric_query blocks with a metric block (metrics in a metric math alarm), got ${metrics}`);
  if (thresholdMetricId !== undefined) {
    const band = queries.find((q) => literal(q.id) === thresholdMetricId);
    if (!band) ctx.report(file, path, `threshold_metric_id ${JSON.stringify(thresholdMetricId)} names no metric_query`);
    else {
      const expression = literal(band.expression);
      if (expression !== undefined && !/^ANOMALY_DETECTION_BAND\(/.test(expression)) ctx.report(file, path, `the metric_query threshold_metric_id names must be an ANOMALY_DETECTION_BAND expression, got ${JSON.stringify(expression)}`);
      if (band.return_data !== true) ctx.report(file, path, 'the metric_query threshold_metric_id names must have return_data = true');
    }
    if (returnDataKnown && returnData !== 2) ctx.report(file, path, `an anomaly detection alarm returns exactly two metric_query (the band and the series compared with it), got ${returnData}`);
  } else if (returnDataKnown && returnData !== 1) ctx.report(file, path, `exactly one metric_query must have return_data = true, got ${returnData}`);
}

const checkCompositeAlarm: LimitCheck = (ctx, file, path, body) => {
  checkAlarmNameAndActions(ctx, file, path, body);
  checkLength(ctx, file, `${path}.alarm_rule`, body.alarm_rule, 1, MAX_COMPOSITE_RULE, 'alarm_rule');
  if (typeof body.alarm_rule === 'string') {
    const children = body.alarm_rule.match(/\b(?:ALARM|OK|INSUFFICIENT_DATA)\s*\(/g)?.length ?? 0;
    if (children > MAX_COMPOSITE_CHILDREN) ctx.report(file, `${path}.alarm_rule`, `alarm_rule may reference at most ${MAX_COMPOSITE_CHILDREN} alarms, got ${children}`);
  }
};

function checkLogGroupName(ctx: Context, file: string, path: string, value: unknown, what: string): void {
  checkLength(ctx, file, path, value, 1, 512, what);
  const s = literal(value);
  if (s && !LOG_GROUP_NAME.test(s)) ctx.report(file, path, `${what} may only contain A-Z a-z 0-9 . - _ / #; got ${JSON.stringify(s)}`);
}

const checkLogGroup: LimitCheck = (ctx, file, path, body) => {
  checkLogGroupName(ctx, file, `${path}.name`, body.name, 'log group name');
  const days = body.retention_in_days;
  if (typeof days === 'number' && !RETENTION_DAYS.has(days)) {
    ctx.report(file, `${path}.retention_in_days`, `retention_in_days must be one of ${[...RETENTION_DAYS].join(', ')}; got ${days}`);
  }
};

const checkMetricFilter: LimitCheck = (ctx, file, path, body) => {
  checkLength(ctx, file, `${path}.pattern`, body.pattern, 0, 1024, 'pattern');
  checkLength(ctx, file, `${path}.name`, body.name, 1, 512, 'metric filter name');
  const name = literal(body.name);
  if (name !== undefined && /[:*]/.test(name)) ctx.report(file, `${path}.name`, `metric filter name must not contain ':' or '*'; got ${JSON.stringify(name)}`);
  checkLogGroupName(ctx, file, `${path}.log_group_name`, body.log_group_name, 'log_group_name');
  blocksOf(body, 'metric_transformation').forEach((t, i) => {
    const at = `${path}.metric_transformation[${i}]`;
    checkMapSize(ctx, file, `${at}.dimensions`, t.dimensions, MAX_FILTER_DIMENSIONS, 'dimensions in a metric filter');
    const hasDimensions = present(t, 'dimensions') && !(isObj(t.dimensions) && Object.keys(t.dimensions).length === 0);
    if (hasDimensions && present(t, 'default_value')) ctx.report(file, `${at}.default_value`, 'default_value cannot be combined with dimensions');
  });
};

const checkDashboard: LimitCheck = (ctx, file, path, body) => {
  checkLength(ctx, file, `${path}.dashboard_name`, body.dashboard_name, 1, 255, 'dashboard_name');
  const name = literal(body.dashboard_name);
  if (name && !DASHBOARD_NAME.test(name)) ctx.report(file, `${path}.dashboard_name`, `dashboard_name may only contain A-Z a-z 0-9 - _; got ${JSON.stringify(name)}`);
  // `jsonencode({...})` is an expression: left to the dashboard body tests. A literal body must be JSON.
  const text = literal(body.dashboard_body);
  if (text !== undefined) {
    try {
      JSON.parse(text);
    } catch {
      ctx.report(file, `${path}.dashboard_body`, 'dashboard_body is not valid JSON');
    }
  }
};

const LIMITS: Record<string, LimitCheck> = {
  aws_cloudwatch_metric_alarm: checkMetricAlarm,
  aws_cloudwatch_composite_alarm: checkCompositeAlarm,
  aws_cloudwatch_log_group: checkLogGroup,
  aws_cloudwatch_log_metric_filter: checkMetricFilter,
  aws_cloudwatch_dashboard: checkDashboard,
};
