/**
 * Strict CloudFormation template validator for tests.
 *
 * Checks a parsed template against the CloudFormation resource schemas shipped in
 * `@aws-cdk/aws-service-spec` (property names, required flags, value types, attributes)
 * and against the service limits CloudFormation itself does not enforce at validation
 * time (CloudWatch alarms, composite alarms, dashboards, Logs log groups and metric
 * filters). It errs on the side of flagging: a template that passes here should deploy.
 */
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import type { Property, PropertyType, Resource, SpecDatabase } from '@aws-cdk/service-spec-types';

/** One problem: a dotted path into the template (e.g. "Resources.MyAlarm.Properties.Period") and what is wrong. */
export interface TemplateProblem {
  path: string;
  message: string;
}

/** Extra facts about the template that cannot be read from the parsed object. */
export interface ValidateOptions {
  /** Serialized template size in bytes, checked against the 1 MB limit for templates uploaded to S3. */
  templateBytes?: number;
}

type Obj = Record<string, unknown>;
/** What an intrinsic function evaluates to, as far as we can tell statically. */
type Kind = 'scalar' | 'list' | 'object' | 'unknown';
type Reporter = (path: string, message: string) => void;

// ---------------------------------------------------------------------------------------------
// Spec database
// ---------------------------------------------------------------------------------------------

let specDb: SpecDatabase | undefined;
let resourceIndex: Map<string, Resource> | undefined;

/** Loads the CloudFormation resource spec database once per process (≈1 s) and caches it. */
export function loadSpec(): SpecDatabase {
  specDb ??= loadAwsServiceSpecSync();
  return specDb;
}

function resourceSpec(type: string): Resource | undefined {
  if (!resourceIndex) {
    resourceIndex = new Map();
    for (const r of loadSpec().all('resource')) resourceIndex.set(r.cloudFormationType, r);
  }
  return resourceIndex.get(type);
}

function typeDefinitionName(t: PropertyType & { type: 'ref' }): string {
  return loadSpec().get('typeDefinition', t.reference).name;
}

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

const MAX_TEMPLATE_BYTES = 1_048_576;
const MAX_RESOURCES = 500;
const MAX_OUTPUTS = 200;
const MAX_PARAMETERS = 200;
const MAX_MAPPINGS = 200;
const MAX_MAPPING_ATTRIBUTES = 200;
const MAX_DESCRIPTION_BYTES = 1024;
const MAX_PARAMETER_VALUE_BYTES = 4096;
const MAX_LOGICAL_ID = 255;
const LOGICAL_ID = /^[A-Za-z0-9]+$/;

const TOP_LEVEL_KEYS = new Set([
  'AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings',
  'Conditions', 'Transform', 'Resources', 'Outputs',
]);
const RESOURCE_KEYS = new Set([
  'Type', 'Properties', 'DependsOn', 'Condition', 'DeletionPolicy', 'UpdateReplacePolicy', 'Metadata',
  'CreationPolicy', 'UpdatePolicy',
]);
const PARAMETER_KEYS = new Set([
  'Type', 'Default', 'AllowedPattern', 'AllowedValues', 'ConstraintDescription', 'Description', 'MaxLength',
  'MaxValue', 'MinLength', 'MinValue', 'NoEcho',
]);
const OUTPUT_KEYS = new Set(['Description', 'Value', 'Export', 'Condition']);
const DELETION_POLICIES = ['Delete', 'Retain', 'Snapshot', 'RetainExceptOnCreate'];
const UPDATE_REPLACE_POLICIES = ['Delete', 'Retain', 'Snapshot'];
const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

const PSEUDO_PARAMETERS = new Map<string, Kind>([
  ['AWS::AccountId', 'scalar'],
  ['AWS::NotificationARNs', 'list'],
  ['AWS::NoValue', 'unknown'],
  ['AWS::Partition', 'scalar'],
  ['AWS::Region', 'scalar'],
  ['AWS::StackId', 'scalar'],
  ['AWS::StackName', 'scalar'],
  ['AWS::URLSuffix', 'scalar'],
]);

const AWS_PARAMETER_TYPES = [
  'AWS::EC2::AvailabilityZone::Name', 'AWS::EC2::Image::Id', 'AWS::EC2::Instance::Id', 'AWS::EC2::KeyPair::KeyName',
  'AWS::EC2::SecurityGroup::GroupName', 'AWS::EC2::SecurityGroup::Id', 'AWS::EC2::Subnet::Id', 'AWS::EC2::Volume::Id',
  'AWS::EC2::VPC::Id', 'AWS::Route53::HostedZone::Id',
];

const CLOUDWATCH_UNITS = [
  'Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes', 'Bits',
  'Kilobits', 'Megabits', 'Gigabits', 'Terabits', 'Percent', 'Count', 'Bytes/Second', 'Kilobytes/Second',
  'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second', 'Kilobits/Second', 'Megabits/Second',
  'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None',
];
const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];
const COMPARISON_OPERATORS = [
  'GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold',
  'LessThanLowerOrGreaterThanUpperThreshold', 'LessThanLowerThreshold', 'GreaterThanUpperThreshold',
];
const ANOMALY_OPERATORS = new Set([
  'LessThanLowerOrGreaterThanUpperThreshold', 'LessThanLowerThreshold', 'GreaterThanUpperThreshold',
]);
const TREAT_MISSING_DATA = ['breaching', 'notBreaching', 'ignore', 'missing'];
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];
const SINGLE_METRIC_KEYS = ['MetricName', 'Namespace', 'Statistic', 'ExtendedStatistic', 'Dimensions', 'Period', 'Unit'];
const ALARM_ACTION_KEYS = ['AlarmActions', 'OKActions', 'InsufficientDataActions'];
const MAX_ALARM_ACTIONS = 5;

// p0..p100 with up to 10 decimals, shared by the p/tm/tc/ts/wm shorthand forms.
const PCT = '(?:\\d{1,2}(?:\\.\\d{0,10})?|100(?:\\.0{0,10})?)';
const NUM = '\\d+(?:\\.\\d+)?';
const BOUND = `(?:${PCT}%|${NUM})`;
const EXTENDED_STATISTIC = new RegExp(
  `^(?:p${PCT}|(?:tm|tc|ts|wm)${PCT}|(?:TM|TC|TS|WM)\\((?:${BOUND})?:(?:${BOUND})?\\)|PR\\((?:${NUM})?:(?:${NUM})?\\)|IQM)$`,
);
const METRIC_ID = /^[a-z][A-Za-z0-9_]*$/;
const NUMERIC_STRING = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER_STRING = /^[+-]?\d+$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
// ASCII control characters are rejected in alarm names by PutMetricAlarm.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/;
const DASHBOARD_NAME = /^[A-Za-z0-9_-]+$/;
const ALARM_ARN = /^arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:\d{12}:alarm:.+/;
const CUSTOM_TYPE = /^Custom::[A-Za-z0-9_@-]{1,60}$/;
const CUSTOM_RESOURCE = 'AWS::CloudFormation::CustomResource';

// Stand-ins for values only known at deploy time (Fn::Sub / Fn::Join pieces); a private-use
// character so it cannot collide with real content and is valid inside JSON strings.
const PLACEHOLDER_MARK = '\uE000';
const ABSENT = Symbol('AWS::NoValue');

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (key === '') return path;
  return path === '' ? key : `${path}.${key}`;
}

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function chars(s: string): number {
  return [...s].length;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

function describeType(t: PropertyType): string {
  switch (t.type) {
    case 'array':
      return `list of ${describeType(t.element)}`;
    case 'map':
      return `map of ${describeType(t.element)}`;
    case 'ref':
      return `object (${typeDefinitionName(t)})`;
    case 'tag':
      return 'tag {Key, Value}';
    case 'union':
      return t.types.map(describeType).join(' | ');
    default:
      return t.type;
  }
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

function suggest(name: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = c.toLowerCase() === name.toLowerCase() ? 0 : levenshtein(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? `; did you mean '${best}'?` : '';
}

function listAllowed(values: readonly (string | number)[]): string {
  const shown = values.slice(0, 30).join(', ');
  return values.length > 30 ? `${shown}, …` : shown;
}

/** Name of the intrinsic function if `v` is one: an object with exactly one `Ref` / `Fn::*` key. */
function intrinsicOf(v: unknown, allowCondition = false): string | undefined {
  if (!isObj(v)) return undefined;
  const keys = Object.keys(v);
  if (keys.length !== 1) return undefined;
  const k = keys[0]!;
  if (k === 'Ref' || k.startsWith('Fn::') || (allowCondition && k === 'Condition')) return k;
  return undefined;
}

function isNoValue(v: unknown): boolean {
  return isObj(v) && intrinsicOf(v) === 'Ref' && v.Ref === 'AWS::NoValue';
}

/** True if the value can resolve to "property absent" (AWS::NoValue, directly or in an Fn::If branch). */
function mayBeAbsent(v: unknown): boolean {
  if (isNoValue(v)) return true;
  if (intrinsicOf(v) === 'Fn::If') {
    const args = (v as Obj)['Fn::If'];
    return Array.isArray(args) && args.length === 3 && (mayBeAbsent(args[1]) || mayBeAbsent(args[2]));
  }
  return false;
}

function kindOfType(t: PropertyType): Kind {
  switch (t.type) {
    case 'array':
      return 'list';
    case 'json':
      return 'unknown';
    case 'ref':
    case 'map':
    case 'tag':
      return 'object';
    case 'union': {
      const kinds = new Set(t.types.map(kindOfType));
      return kinds.size === 1 ? [...kinds][0]! : 'unknown';
    }
    default:
      return 'scalar';
  }
}

function acceptsKind(t: PropertyType, kind: Kind): boolean {
  if (kind === 'unknown') return true;
  switch (t.type) {
    case 'json':
      return true;
    case 'array':
      return kind === 'list';
    case 'map':
    case 'ref':
    case 'tag':
      return kind === 'object';
    case 'union':
      return t.types.some((x) => acceptsKind(x, kind));
    default:
      return kind === 'scalar';
  }
}

function kindWord(kind: Kind): string {
  return kind === 'list' ? 'a list' : kind === 'object' ? 'an object' : 'a single value';
}

function combineKinds(kinds: Kind[]): Kind {
  const set = new Set(kinds);
  return set.size === 1 ? kinds[0]! : 'unknown';
}

function parameterKind(type: unknown): Kind {
  if (typeof type !== 'string') return 'unknown';
  return /^List<|^CommaDelimitedList$|^AWS::SSM::Parameter::Value<(?:List<.*>|CommaDelimitedList)>$/.test(type)
    ? 'list'
    : 'scalar';
}

function isValidParameterType(type: string): boolean {
  const base = (t: string): boolean => ['String', 'Number', 'List<Number>', 'CommaDelimitedList'].includes(t);
  const aws = (t: string): boolean => AWS_PARAMETER_TYPES.includes(t) || AWS_PARAMETER_TYPES.some((a) => t === `List<${a}>`);
  if (base(type) || aws(type) || type === 'AWS::SSM::Parameter::Name') return true;
  const ssm = /^AWS::SSM::Parameter::Value<(.+)>$/.exec(type);
  return ssm !== null && (['String', 'List<String>', 'CommaDelimitedList'].includes(ssm[1]!) || aws(ssm[1]!));
}

function isCustomType(type: string): boolean {
  return type === CUSTOM_RESOURCE || type.startsWith('Custom::');
}

// ---------------------------------------------------------------------------------------------
// Validation context
// ---------------------------------------------------------------------------------------------

interface Ctx {
  problems: TemplateProblem[];
  parameters: Map<string, Obj>;
  resources: Map<string, Obj>;
  conditions: Obj;
  mappings: Obj;
  transforms: Set<string>;
  /** resource logical ID -> resources it references (Ref, GetAtt, Sub, DependsOn) */
  deps: Map<string, Set<string>>;
}

interface Scope {
  /** Logical ID of the resource whose definition is being walked, for dependency tracking. */
  resourceId?: string;
  /** Set where resources may not be referenced (Conditions, Fn::ImportValue); names the place. */
  forbidResources?: string;
  /** True inside the Conditions section, where condition functions are allowed. */
  inConditions?: boolean;
}

function report(ctx: Ctx, path: string, message: string): void {
  ctx.problems.push({ path, message });
}

function addDep(ctx: Ctx, scope: Scope, target: string): void {
  if (scope.resourceId === undefined) return;
  let set = ctx.deps.get(scope.resourceId);
  if (!set) ctx.deps.set(scope.resourceId, (set = new Set()));
  set.add(target);
}

function section(template: Obj, key: string, ctx: Ctx): Obj {
  const v = template[key];
  if (v === undefined) return {};
  if (!isObj(v)) {
    report(ctx, key, `${key} must be an object, got ${describeValue(v)}`);
    return {};
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/** Validates a parsed CloudFormation template against the resource schemas and AWS limits; returns every problem found. */
export function validateCloudFormationTemplate(template: unknown, options: ValidateOptions = {}): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  if (options.templateBytes !== undefined && options.templateBytes > MAX_TEMPLATE_BYTES) {
    problems.push({
      path: '(template)',
      message: `template is ${options.templateBytes} bytes; the maximum is ${MAX_TEMPLATE_BYTES} bytes (1 MB, S3 upload)`,
    });
  }
  if (!isObj(template)) {
    problems.push({ path: '(template)', message: `template must be an object, got ${describeValue(template)}` });
    return problems;
  }
  const ctx: Ctx = {
    problems,
    parameters: new Map(),
    resources: new Map(),
    conditions: {},
    mappings: {},
    transforms: new Set(),
    deps: new Map(),
  };
  for (const [k, v] of Object.entries(section(template, 'Parameters', ctx))) ctx.parameters.set(k, isObj(v) ? v : {});
  for (const [k, v] of Object.entries(section(template, 'Resources', ctx))) ctx.resources.set(k, isObj(v) ? v : {});
  ctx.conditions = section(template, 'Conditions', ctx);
  ctx.mappings = section(template, 'Mappings', ctx);

  checkTopLevel(template, ctx);
  checkParameters(ctx);
  checkMappings(ctx);
  checkConditions(ctx);
  checkRules(template, ctx);
  checkResources(template, ctx);
  checkOutputs(template, ctx);
  checkDependencyCycles(ctx);
  checkCrossResourceLimits(ctx);

  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Top level, parameters, mappings, conditions, rules, outputs
// ---------------------------------------------------------------------------------------------

function checkTopLevel(template: Obj, ctx: Ctx): void {
  for (const key of Object.keys(template)) {
    if (!TOP_LEVEL_KEYS.has(key)) report(ctx, key, `unknown top-level section '${key}'${suggest(key, TOP_LEVEL_KEYS)}`);
  }
  const version = template.AWSTemplateFormatVersion;
  if (version !== undefined && version !== '2010-09-09') {
    report(ctx, 'AWSTemplateFormatVersion', `AWSTemplateFormatVersion must be "2010-09-09", got ${describeValue(version)}`);
  }
  const description = template.Description;
  if (description !== undefined) {
    if (typeof description !== 'string') report(ctx, 'Description', 'Description must be a string');
    else if (bytes(description) > MAX_DESCRIPTION_BYTES) {
      report(ctx, 'Description', `Description is ${bytes(description)} bytes; the maximum is ${MAX_DESCRIPTION_BYTES}`);
    }
  }
  if (template.Metadata !== undefined && !isObj(template.Metadata)) report(ctx, 'Metadata', 'Metadata must be an object');

  const transform = template.Transform;
  if (transform !== undefined) {
    const entries = Array.isArray(transform) ? transform : [transform];
    entries.forEach((t, i) => {
      const p = Array.isArray(transform) ? join('Transform', i) : 'Transform';
      if (typeof t === 'string') ctx.transforms.add(t);
      else if (isObj(t) && typeof t.Name === 'string') ctx.transforms.add(t.Name);
      else report(ctx, p, 'Transform must be a macro name or {Name, Parameters}');
    });
  }
  if (template.Resources === undefined) report(ctx, 'Resources', 'the Resources section is required');
}

function checkLogicalId(id: string, path: string, what: string, ctx: Ctx): void {
  if (!LOGICAL_ID.test(id)) report(ctx, path, `${what} logical ID '${id}' must be alphanumeric (A-Za-z0-9)`);
  if (id.length > MAX_LOGICAL_ID) report(ctx, path, `${what} logical ID is ${id.length} characters; the maximum is ${MAX_LOGICAL_ID}`);
}

function checkParameters(ctx: Ctx): void {
  if (ctx.parameters.size > MAX_PARAMETERS) {
    report(ctx, 'Parameters', `${ctx.parameters.size} parameters; the maximum is ${MAX_PARAMETERS}`);
  }
  for (const [id, def] of ctx.parameters) {
    const path = join('Parameters', id);
    checkLogicalId(id, path, 'parameter', ctx);
    if (ctx.resources.has(id)) report(ctx, path, `'${id}' is both a parameter and a resource; logical IDs must be unique`);
    checkParameter(def, path, ctx);
  }
}

function checkParameter(def: Obj, path: string, ctx: Ctx): void {
  for (const key of Object.keys(def)) {
    if (!PARAMETER_KEYS.has(key)) report(ctx, join(path, key), `unknown parameter property '${key}'${suggest(key, PARAMETER_KEYS)}`);
  }
  const type = def.Type;
  if (type === undefined) {
    report(ctx, path, 'parameter Type is required');
    return;
  }
  if (typeof type !== 'string' || !isValidParameterType(type)) {
    report(ctx, join(path, 'Type'), `unknown parameter type ${describeValue(type)}`);
    return;
  }
  if (typeof def.Description === 'string' && chars(def.Description) > 4000) {
    report(ctx, join(path, 'Description'), 'parameter Description must be at most 4000 characters');
  }
  const allowedValues = def.AllowedValues;
  if (allowedValues !== undefined && (!Array.isArray(allowedValues) || allowedValues.length === 0)) {
    report(ctx, join(path, 'AllowedValues'), 'AllowedValues must be a non-empty list');
  }
  let pattern: RegExp | undefined;
  if (def.AllowedPattern !== undefined) {
    if (typeof def.AllowedPattern !== 'string') report(ctx, join(path, 'AllowedPattern'), 'AllowedPattern must be a string');
    else {
      try {
        // CloudFormation matches the pattern against the whole value.
        pattern = new RegExp(`^(?:${def.AllowedPattern})$`, 'u');
      } catch (e) {
        report(ctx, join(path, 'AllowedPattern'), `AllowedPattern is not a valid regular expression: ${(e as Error).message}`);
      }
    }
  }
  const numberProp = (k: string): number | undefined => {
    const v = def[k];
    if (v === undefined) return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && NUMERIC_STRING.test(v) ? Number(v) : undefined;
    if (n === undefined) report(ctx, join(path, k), `${k} must be a number, got ${describeValue(v)}`);
    return n;
  };
  const minLength = numberProp('MinLength');
  const maxLength = numberProp('MaxLength');
  const minValue = numberProp('MinValue');
  const maxValue = numberProp('MaxValue');
  if (def.NoEcho !== undefined && typeof def.NoEcho !== 'boolean' && def.NoEcho !== 'true' && def.NoEcho !== 'false') {
    report(ctx, join(path, 'NoEcho'), 'NoEcho must be a boolean');
  }

  if (def.Default === undefined) return;
  const dp = join(path, 'Default');
  if (typeof def.Default !== 'string' && typeof def.Default !== 'number') {
    report(ctx, dp, `Default must be a string or number, got ${describeValue(def.Default)}`);
    return;
  }
  const value = String(def.Default);
  if (bytes(value) > MAX_PARAMETER_VALUE_BYTES) {
    report(ctx, dp, `Default is ${bytes(value)} bytes; parameter values are limited to ${MAX_PARAMETER_VALUE_BYTES} bytes`);
  }
  // List parameters apply AllowedValues / AllowedPattern to each element.
  const isList = parameterKind(type) === 'list';
  const elements = isList ? value.split(',').map((s) => s.trim()) : [value];
  for (const el of elements) {
    if (Array.isArray(allowedValues) && allowedValues.length > 0 && !allowedValues.map(String).includes(el)) {
      report(ctx, dp, `Default '${el}' is not in AllowedValues (${listAllowed(allowedValues.map(String))})`);
    }
    if (pattern && !pattern.test(el)) report(ctx, dp, `Default '${el}' does not match AllowedPattern ${String(def.AllowedPattern)}`);
    if ((type === 'Number' || type === 'List<Number>') && !NUMERIC_STRING.test(el)) {
      report(ctx, dp, `Default '${el}' is not a number (parameter type ${type})`);
    }
  }
  if (type === 'String') {
    if (minLength !== undefined && chars(value) < minLength) report(ctx, dp, `Default is shorter than MinLength ${minLength}`);
    if (maxLength !== undefined && chars(value) > maxLength) report(ctx, dp, `Default is longer than MaxLength ${maxLength}`);
  }
  if (type === 'Number' && NUMERIC_STRING.test(value)) {
    const n = Number(value);
    if (minValue !== undefined && n < minValue) report(ctx, dp, `Default ${n} is below MinValue ${minValue}`);
    if (maxValue !== undefined && n > maxValue) report(ctx, dp, `Default ${n} is above MaxValue ${maxValue}`);
  }
}

function checkMappings(ctx: Ctx): void {
  const names = Object.keys(ctx.mappings);
  if (names.length > MAX_MAPPINGS) report(ctx, 'Mappings', `${names.length} mappings; the maximum is ${MAX_MAPPINGS}`);
  for (const name of names) {
    const path = join('Mappings', name);
    if (!LOGICAL_ID.test(name)) report(ctx, path, `mapping name '${name}' must be alphanumeric (A-Za-z0-9)`);
    const mapping = ctx.mappings[name];
    if (!isObj(mapping) || Object.keys(mapping).length === 0) {
      report(ctx, path, 'a mapping must be a non-empty object of top-level keys');
      continue;
    }
    if (Object.keys(mapping).length > MAX_MAPPING_ATTRIBUTES) {
      report(ctx, path, `mapping has ${Object.keys(mapping).length} keys; the maximum is ${MAX_MAPPING_ATTRIBUTES}`);
    }
    for (const [top, level2] of Object.entries(mapping)) {
      const tp = join(path, top);
      if (!isObj(level2) || Object.keys(level2).length === 0) {
        report(ctx, tp, 'each top-level mapping key must map to a non-empty object of second-level keys');
        continue;
      }
      for (const [second, value] of Object.entries(level2)) {
        const vp = join(tp, second);
        const ok =
          ['string', 'number', 'boolean'].includes(typeof value) ||
          (Array.isArray(value) && value.every((x) => ['string', 'number', 'boolean'].includes(typeof x)));
        if (!ok) report(ctx, vp, 'mapping values must be literal strings, numbers or lists of them (no intrinsic functions)');
      }
    }
  }
}

function checkConditions(ctx: Ctx): void {
  for (const [name, def] of Object.entries(ctx.conditions)) {
    const path = join('Conditions', name);
    checkLogicalId(name, path, 'condition', ctx);
    checkConditionExpression(def, path, ctx);
  }
  // Condition cycles make the template invalid.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, stack: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(name)), name];
      report(ctx, join('Conditions', name), `circular condition reference: ${cycle.join(' -> ')}`);
      return;
    }
    state.set(name, 'visiting');
    for (const ref of conditionRefs(ctx.conditions[name])) if (hasOwn(ctx.conditions, ref)) visit(ref, [...stack, name]);
    state.set(name, 'done');
  };
  for (const name of Object.keys(ctx.conditions)) visit(name, []);
}

function conditionRefs(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(conditionRefs);
  if (!isObj(v)) return [];
  if (intrinsicOf(v, true) === 'Condition' && typeof v.Condition === 'string') return [v.Condition];
  return Object.values(v).flatMap(conditionRefs);
}

function checkConditionExpression(v: unknown, path: string, ctx: Ctx): void {
  const fn = intrinsicOf(v, true);
  const scope: Scope = { forbidResources: 'Conditions', inConditions: true };
  const args = fn ? (v as Obj)[fn] : undefined;
  const at = fn ? join(path, fn) : path;
  switch (fn) {
    case 'Condition':
      if (typeof args !== 'string') report(ctx, at, 'Condition takes a condition name');
      else if (!hasOwn(ctx.conditions, args)) report(ctx, at, `reference to unknown condition '${args}'`);
      return;
    case 'Fn::Equals':
      if (!Array.isArray(args) || args.length !== 2) report(ctx, at, 'Fn::Equals takes exactly two values');
      else args.forEach((a, i) => {
        if (validateAny(a, join(at, i), ctx, scope) === 'object') report(ctx, join(at, i), 'Fn::Equals compares strings, got an object');
      });
      return;
    case 'Fn::And':
    case 'Fn::Or':
      if (!Array.isArray(args) || args.length < 2 || args.length > 10) report(ctx, at, `${fn} takes 2 to 10 conditions`);
      else args.forEach((a, i) => checkConditionExpression(a, join(at, i), ctx));
      return;
    case 'Fn::Not':
      if (!Array.isArray(args) || args.length !== 1) report(ctx, at, 'Fn::Not takes a list with exactly one condition');
      else checkConditionExpression(args[0], join(at, 0), ctx);
      return;
    default:
      report(ctx, path, 'a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or {"Condition": name}');
  }
}

function checkRules(template: Obj, ctx: Ctx): void {
  // Rules use their own function set (Fn::Contains, Fn::EachMemberIn, ...); only the shape is checked.
  for (const [name, rule] of Object.entries(section(template, 'Rules', ctx))) {
    const path = join('Rules', name);
    if (!isObj(rule) || !Array.isArray(rule.Assertions) || rule.Assertions.length === 0) {
      report(ctx, path, 'a rule needs a non-empty Assertions list');
      continue;
    }
    for (const key of Object.keys(rule)) {
      if (key !== 'RuleCondition' && key !== 'Assertions') report(ctx, join(path, key), `unknown rule property '${key}'`);
    }
    rule.Assertions.forEach((a, i) => {
      if (!isObj(a) || a.Assert === undefined) report(ctx, join(join(path, 'Assertions'), i), 'each assertion needs Assert');
    });
  }
}

function checkOutputs(template: Obj, ctx: Ctx): void {
  const outputs = section(template, 'Outputs', ctx);
  const ids = Object.keys(outputs);
  if (ids.length > MAX_OUTPUTS) report(ctx, 'Outputs', `${ids.length} outputs; the maximum is ${MAX_OUTPUTS}`);
  const exportNames = new Map<string, string>();
  for (const [id, def] of Object.entries(outputs)) {
    const path = join('Outputs', id);
    checkLogicalId(id, path, 'output', ctx);
    if (!isObj(def)) {
      report(ctx, path, 'an output must be an object');
      continue;
    }
    for (const key of Object.keys(def)) {
      if (!OUTPUT_KEYS.has(key)) report(ctx, join(path, key), `unknown output property '${key}'${suggest(key, OUTPUT_KEYS)}`);
    }
    const scope: Scope = {};
    if (def.Value === undefined) report(ctx, path, 'output Value is required');
    else {
      const kind = validateAny(def.Value, join(path, 'Value'), ctx, scope);
      if (kind === 'list' || kind === 'object') {
        report(ctx, join(path, 'Value'), `output Value must be a string, got ${kindWord(kind)}`);
      }
    }
    if (def.Description !== undefined) {
      if (typeof def.Description !== 'string') report(ctx, join(path, 'Description'), 'output Description must be a literal string');
      else if (bytes(def.Description) > MAX_DESCRIPTION_BYTES) {
        report(ctx, join(path, 'Description'), `output Description is ${bytes(def.Description)} bytes; the maximum is ${MAX_DESCRIPTION_BYTES}`);
      }
    }
    checkConditionName(def.Condition, join(path, 'Condition'), ctx);
    if (def.Export !== undefined) {
      const ep = join(path, 'Export');
      if (!isObj(def.Export) || def.Export.Name === undefined) report(ctx, ep, 'Export needs a Name');
      else {
        for (const key of Object.keys(def.Export)) if (key !== 'Name') report(ctx, join(ep, key), `unknown Export property '${key}'`);
        const kind = validateAny(def.Export.Name, join(ep, 'Name'), ctx, scope);
        if (kind === 'list' || kind === 'object') report(ctx, join(ep, 'Name'), 'Export Name must be a string');
        if (typeof def.Export.Name === 'string') {
          const other = exportNames.get(def.Export.Name);
          if (other) report(ctx, join(ep, 'Name'), `export name '${def.Export.Name}' is also exported by output '${other}'`);
          exportNames.set(def.Export.Name, id);
        }
      }
    }
  }
}

function checkConditionName(name: unknown, path: string, ctx: Ctx): void {
  if (name === undefined) return;
  if (typeof name !== 'string') report(ctx, path, 'Condition must be a condition name');
  else if (!hasOwn(ctx.conditions, name)) report(ctx, path, `unknown condition '${name}'${suggest(name, Object.keys(ctx.conditions))}`);
}

// ---------------------------------------------------------------------------------------------
// Intrinsic functions
// ---------------------------------------------------------------------------------------------

/** Walks any value, validating every intrinsic inside it; returns what the value evaluates to. */
function validateAny(v: unknown, path: string, ctx: Ctx, scope: Scope): Kind {
  const fn = intrinsicOf(v);
  if (fn) return validateIntrinsic(fn, v as Obj, path, ctx, scope);
  if (Array.isArray(v)) {
    v.forEach((x, i) => validateAny(x, join(path, i), ctx, scope));
    return 'list';
  }
  if (isObj(v)) {
    for (const [k, x] of Object.entries(v)) validateAny(x, join(path, k), ctx, scope);
    return 'object';
  }
  return 'scalar';
}

/** Validates Fn::If's shape and condition, then hands each non-NoValue branch to `branch`. */
function checkIf(v: Obj, path: string, ctx: Ctx, branch: (value: unknown, path: string) => void): void {
  const args = v['Fn::If'];
  const at = join(path, 'Fn::If');
  if (!Array.isArray(args) || args.length !== 3) {
    report(ctx, at, 'Fn::If takes [conditionName, valueIfTrue, valueIfFalse]');
    return;
  }
  const cond = args[0];
  if (typeof cond !== 'string') report(ctx, join(at, 0), 'Fn::If condition must be a condition name string');
  else if (!hasOwn(ctx.conditions, cond)) {
    report(ctx, join(at, 0), `Fn::If references unknown condition '${cond}'${suggest(cond, Object.keys(ctx.conditions))}`);
  }
  for (const i of [1, 2]) if (!isNoValue(args[i])) branch(args[i], join(at, i));
}

function refKind(name: string, path: string, ctx: Ctx, scope: Scope, via: string): Kind {
  const pseudo = PSEUDO_PARAMETERS.get(name);
  if (pseudo) return pseudo;
  const param = ctx.parameters.get(name);
  if (param) return parameterKind(param.Type);
  if (ctx.resources.has(name)) {
    if (scope.forbidResources) {
      report(ctx, path, `${scope.forbidResources} cannot reference resource '${name}'`);
      return 'unknown';
    }
    addDep(ctx, scope, name);
    return 'scalar';
  }
  const known = [...ctx.parameters.keys(), ...ctx.resources.keys(), ...PSEUDO_PARAMETERS.keys()];
  report(ctx, path, `${via} to unknown parameter, resource or pseudo parameter '${name}'${suggest(name, known)}`);
  return 'unknown';
}

function attributeKind(target: string, attr: string, path: string, ctx: Ctx, via: string): Kind {
  const type = ctx.resources.get(target)?.Type;
  if (typeof type !== 'string' || isCustomType(type)) return 'unknown';
  if (type === 'AWS::CloudFormation::Stack' && attr.startsWith('Outputs.')) return 'scalar';
  const spec = resourceSpec(type);
  if (!spec) return 'unknown'; // the unknown type itself is reported on the resource
  if (!hasOwn(spec.attributes, attr)) {
    const names = Object.keys(spec.attributes);
    const valid = names.length > 0 ? `; valid attributes: ${names.join(', ')}` : `; ${type} has no attributes`;
    report(ctx, path, `${via}: ${type} '${target}' has no attribute '${attr}'${valid}`);
    return 'unknown';
  }
  return kindOfType(spec.attributes[attr]!.type);
}

/** Validates an argument that must be a single string (literal or intrinsic). */
function scalarArg(v: unknown, path: string, ctx: Ctx, scope: Scope, what: string): void {
  if (typeof v === 'string') return;
  const fn = intrinsicOf(v);
  if (!fn) {
    report(ctx, path, `${what} must be a string, got ${describeValue(v)}`);
    return;
  }
  const kind = validateIntrinsic(fn, v as Obj, path, ctx, scope);
  if (kind === 'list' || kind === 'object') report(ctx, path, `${what} must be a string, but ${fn} returns ${kindWord(kind)}`);
}

/** Validates an argument that must be a list (literal list or list-returning intrinsic). */
function listArg(v: unknown, path: string, ctx: Ctx, scope: Scope, what: string, scalarElements: boolean): void {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      const kind = validateAny(x, join(path, i), ctx, scope);
      if (scalarElements && (kind === 'list' || kind === 'object')) {
        report(ctx, join(path, i), `${what} list elements must be strings, got ${kindWord(kind)}`);
      }
    });
    return;
  }
  const fn = intrinsicOf(v);
  if (!fn) {
    report(ctx, path, `${what} needs a list, got ${describeValue(v)}`);
    return;
  }
  const kind = validateIntrinsic(fn, v as Obj, path, ctx, scope);
  if (kind === 'scalar' || kind === 'object') report(ctx, path, `${what} needs a list, but ${fn} returns ${kindWord(kind)}`);
}

function subVariableNames(template: string): string[] {
  const names: string[] = [];
  for (const m of template.matchAll(/\$\{([^}]*)\}/g)) {
    if (!m[1]!.startsWith('!')) names.push(m[1]!); // ${!Literal} is an escaped literal
  }
  return names;
}

function validateSub(arg: unknown, at: string, ctx: Ctx, scope: Scope): void {
  let text: unknown;
  let vars: Obj = {};
  let textPath = at;
  if (typeof arg === 'string') text = arg;
  else if (Array.isArray(arg) && arg.length === 2 && isObj(arg[1])) {
    text = arg[0];
    vars = arg[1];
    textPath = join(at, 0);
    for (const [k, val] of Object.entries(vars)) scalarArg(val, join(join(at, 1), k), ctx, scope, `Fn::Sub variable '${k}'`);
  } else {
    report(ctx, at, 'Fn::Sub takes a string or [string, {variables}]');
    return;
  }
  if (typeof text !== 'string') {
    report(ctx, textPath, 'the Fn::Sub template must be a literal string');
    return;
  }
  for (const name of subVariableNames(text)) {
    if (hasOwn(vars, name)) continue;
    if (name === 'AWS::NoValue' || name === 'AWS::NotificationARNs') {
      report(ctx, textPath, `Fn::Sub cannot substitute \${${name}}`);
      continue;
    }
    if (PSEUDO_PARAMETERS.has(name)) continue;
    const param = ctx.parameters.get(name);
    if (param) {
      if (parameterKind(param.Type) === 'list') report(ctx, textPath, `Fn::Sub cannot substitute list parameter '\${${name}}'`);
      continue;
    }
    if (ctx.resources.has(name)) {
      refKind(name, textPath, ctx, scope, 'Fn::Sub');
      continue;
    }
    const dot = name.indexOf('.');
    if (dot > 0 && ctx.resources.has(name.slice(0, dot))) {
      const target = name.slice(0, dot);
      if (scope.forbidResources) report(ctx, textPath, `${scope.forbidResources} cannot reference resource '${target}'`);
      else {
        addDep(ctx, scope, target);
        if (attributeKind(target, name.slice(dot + 1), textPath, ctx, 'Fn::Sub') === 'list') {
          report(ctx, textPath, `Fn::Sub cannot substitute list attribute '\${${name}}'`);
        }
      }
      continue;
    }
    const known = [...Object.keys(vars), ...ctx.parameters.keys(), ...ctx.resources.keys(), ...PSEUDO_PARAMETERS.keys()];
    report(ctx, textPath, `Fn::Sub references unknown name '\${${name}}'${suggest(name, known)}`);
  }
}

function validateFindInMap(args: unknown, at: string, ctx: Ctx, scope: Scope): Kind {
  if (!Array.isArray(args) || args.length < 3 || args.length > 4) {
    report(ctx, at, 'Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]');
    return 'unknown';
  }
  if (args.length === 4 && !(isObj(args[3]) && hasOwn(args[3], 'DefaultValue') && ctx.transforms.has(LANGUAGE_EXTENSIONS))) {
    report(ctx, join(at, 3), `a fourth Fn::FindInMap argument must be {"DefaultValue": ...} and needs the ${LANGUAGE_EXTENSIONS} transform`);
  }
  args.slice(0, 3).forEach((a, i) => scalarArg(a, join(at, i), ctx, scope, 'Fn::FindInMap key'));
  const [map, top, second] = args;
  if (typeof map !== 'string') return 'unknown';
  if (!hasOwn(ctx.mappings, map)) {
    report(ctx, join(at, 0), `Fn::FindInMap references unknown mapping '${map}'${suggest(map, Object.keys(ctx.mappings))}`);
    return 'unknown';
  }
  const hasDefault = args.length === 4;
  const level1 = ctx.mappings[map];
  if (typeof top !== 'string' || !isObj(level1)) return 'unknown';
  if (!hasOwn(level1, top)) {
    if (!hasDefault) report(ctx, join(at, 1), `mapping '${map}' has no key '${top}'`);
    return 'unknown';
  }
  const level2 = level1[top];
  if (typeof second !== 'string' || !isObj(level2)) return 'unknown';
  if (!hasOwn(level2, second)) {
    if (!hasDefault) report(ctx, join(at, 2), `mapping '${map}.${top}' has no key '${second}'`);
    return 'unknown';
  }
  return Array.isArray(level2[second]) ? 'list' : 'scalar';
}

/** Validates one intrinsic function call (shape, references, argument kinds); returns what it evaluates to. */
function validateIntrinsic(fn: string, v: Obj, path: string, ctx: Ctx, scope: Scope): Kind {
  const arg = v[fn];
  const at = join(path, fn);
  switch (fn) {
    case 'Ref':
      if (typeof arg !== 'string') {
        report(ctx, at, 'Ref takes a logical ID or pseudo parameter name');
        return 'unknown';
      }
      return refKind(arg, at, ctx, scope, 'Ref');

    case 'Fn::GetAtt': {
      let target: unknown;
      let attr: unknown;
      if (typeof arg === 'string' && arg.indexOf('.') > 0) {
        target = arg.slice(0, arg.indexOf('.'));
        attr = arg.slice(arg.indexOf('.') + 1);
      } else if (Array.isArray(arg) && arg.length === 2) {
        [target, attr] = arg;
      } else {
        report(ctx, at, 'Fn::GetAtt takes [logicalId, attributeName]');
        return 'unknown';
      }
      if (typeof target !== 'string') {
        report(ctx, at, 'the Fn::GetAtt resource must be a literal logical ID');
        return 'unknown';
      }
      if (!ctx.resources.has(target)) {
        report(ctx, at, `Fn::GetAtt references unknown resource '${target}'${suggest(target, ctx.resources.keys())}`);
        return 'unknown';
      }
      if (scope.forbidResources) {
        report(ctx, at, `${scope.forbidResources} cannot use Fn::GetAtt on resource '${target}'`);
        return 'unknown';
      }
      addDep(ctx, scope, target);
      if (typeof attr === 'string') return attributeKind(target, attr, at, ctx, 'Fn::GetAtt');
      if (intrinsicOf(attr) === 'Ref') {
        validateAny(attr, join(at, 1), ctx, scope);
        return 'unknown';
      }
      report(ctx, join(at, 1), 'the Fn::GetAtt attribute name must be a string or a Ref');
      return 'unknown';
    }

    case 'Fn::Sub':
      validateSub(arg, at, ctx, scope);
      return 'scalar';

    case 'Fn::Join':
      if (!Array.isArray(arg) || arg.length !== 2) {
        report(ctx, at, 'Fn::Join takes [delimiter, [values]]');
        return 'scalar';
      }
      if (typeof arg[0] !== 'string') report(ctx, join(at, 0), 'the Fn::Join delimiter must be a literal string');
      listArg(arg[1], join(at, 1), ctx, scope, 'Fn::Join', true);
      return 'scalar';

    case 'Fn::Select': {
      if (!Array.isArray(arg) || arg.length !== 2) {
        report(ctx, at, 'Fn::Select takes [index, list]');
        return 'unknown';
      }
      const [index, list] = arg;
      if (intrinsicOf(index)) scalarArg(index, join(at, 0), ctx, scope, 'the Fn::Select index');
      else if (!(Number.isInteger(index) && (index as number) >= 0) && !(typeof index === 'string' && /^\d+$/.test(index))) {
        report(ctx, join(at, 0), `the Fn::Select index must be a non-negative integer, got ${describeValue(index)}`);
      }
      listArg(list, join(at, 1), ctx, scope, 'Fn::Select', false);
      if (Array.isArray(list) && !intrinsicOf(index) && Number(index) >= list.length) {
        report(ctx, join(at, 0), `Fn::Select index ${String(index)} is out of range for a list of ${list.length}`);
      }
      return 'unknown';
    }

    case 'Fn::Split':
      if (!Array.isArray(arg) || arg.length !== 2) {
        report(ctx, at, 'Fn::Split takes [delimiter, string]');
        return 'list';
      }
      if (typeof arg[0] !== 'string') report(ctx, join(at, 0), 'the Fn::Split delimiter must be a literal string');
      scalarArg(arg[1], join(at, 1), ctx, scope, 'the Fn::Split source');
      return 'list';

    case 'Fn::GetAZs':
      scalarArg(arg, at, ctx, scope, 'the Fn::GetAZs region');
      return 'list';

    case 'Fn::ImportValue':
      scalarArg(arg, at, ctx, { ...scope, forbidResources: 'Fn::ImportValue' }, 'the Fn::ImportValue name');
      return 'scalar';

    case 'Fn::FindInMap':
      return validateFindInMap(arg, at, ctx, scope);

    case 'Fn::Base64':
      scalarArg(arg, at, ctx, scope, 'the Fn::Base64 input');
      return 'scalar';

    case 'Fn::Cidr':
      if (!Array.isArray(arg) || arg.length !== 3) report(ctx, at, 'Fn::Cidr takes [ipBlock, count, cidrBits]');
      else arg.forEach((a, i) => {
        if (typeof a !== 'number') scalarArg(a, join(at, i), ctx, scope, 'the Fn::Cidr argument');
      });
      return 'list';

    case 'Fn::If': {
      const kinds: Kind[] = [];
      checkIf(v, path, ctx, (b, bp) => kinds.push(validateAny(b, bp, ctx, scope)));
      return combineKinds(kinds);
    }

    case 'Fn::Equals':
    case 'Fn::And':
    case 'Fn::Or':
    case 'Fn::Not':
      if (scope.inConditions) checkConditionExpression(v, path, ctx);
      else report(ctx, at, `${fn} can only be used in the Conditions section (use Fn::If with a named condition)`);
      return 'scalar';

    case 'Fn::Length':
    case 'Fn::ToJsonString':
      if (!ctx.transforms.has(LANGUAGE_EXTENSIONS)) report(ctx, at, `${fn} needs the ${LANGUAGE_EXTENSIONS} transform`);
      else validateAny(arg, at, ctx, scope);
      return 'scalar';

    case 'Fn::Transform':
      if (!isObj(arg) || typeof arg.Name !== 'string') report(ctx, at, 'Fn::Transform takes {Name, Parameters}');
      return 'unknown';

    default:
      report(ctx, at, `unknown intrinsic function '${fn}'`);
      return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------
// Schema type checking
// ---------------------------------------------------------------------------------------------

function checkValue(v: unknown, t: PropertyType, path: string, ctx: Ctx, scope: Scope): void {
  const fn = intrinsicOf(v);
  if (fn === 'Fn::If') {
    checkIf(v as Obj, path, ctx, (b, bp) => checkValue(b, t, bp, ctx, scope));
    return;
  }
  if (isNoValue(v)) return;
  if (fn) {
    const kind = validateIntrinsic(fn, v as Obj, path, ctx, scope);
    if (!acceptsKind(t, kind)) report(ctx, path, `expected ${describeType(t)}, but ${fn} returns ${kindWord(kind)}`);
    return;
  }
  const mismatch = (): void => report(ctx, path, `expected ${describeType(t)}, got ${describeValue(v)}`);
  switch (t.type) {
    case 'string':
      if (typeof v !== 'string') mismatch();
      else if (t.allowedValues && !t.allowedValues.includes(v)) {
        report(ctx, path, `'${v}' is not one of the allowed values: ${listAllowed(t.allowedValues)}`);
      }
      return;
    case 'number':
      if (!((typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && NUMERIC_STRING.test(v)))) mismatch();
      return;
    case 'integer':
      if (!(Number.isInteger(v) || (typeof v === 'string' && INTEGER_STRING.test(v)))) mismatch();
      else if (t.allowedValues && !t.allowedValues.includes(Number(v))) {
        report(ctx, path, `${String(v)} is not one of the allowed values: ${listAllowed(t.allowedValues)}`);
      }
      return;
    case 'boolean':
      if (typeof v !== 'boolean' && v !== 'true' && v !== 'false') mismatch();
      return;
    case 'json':
      if (!(typeof v === 'string' || (typeof v === 'object' && v !== null))) mismatch();
      else validateAny(v, path, ctx, scope);
      return;
    case 'date-time':
      if (typeof v !== 'string') mismatch();
      else if (!ISO_DATE_TIME.test(v)) report(ctx, path, `'${v}' is not an ISO 8601 date-time`);
      return;
    case 'null':
      if (v !== null) mismatch();
      return;
    case 'tag':
      checkObject(
        v,
        { Key: { type: { type: 'string' }, required: true }, Value: { type: { type: 'string' }, required: true } },
        path,
        'Tag',
        ctx,
        scope,
      );
      return;
    case 'array':
      if (!Array.isArray(v)) mismatch();
      else v.forEach((x, i) => checkValue(x, t.element, join(path, i), ctx, scope));
      return;
    case 'map':
      if (!isObj(v)) mismatch();
      else for (const [k, x] of Object.entries(v)) checkValue(x, t.element, join(path, k), ctx, scope);
      return;
    case 'ref': {
      const def = loadSpec().get('typeDefinition', t.reference);
      checkObject(v, def.properties, path, def.name, ctx, scope);
      return;
    }
    case 'union': {
      const saved = ctx.problems;
      let best: TemplateProblem[] | undefined;
      for (const alt of t.types) {
        ctx.problems = [];
        checkValue(v, alt, path, ctx, scope);
        const found = ctx.problems;
        if (found.length === 0) {
          ctx.problems = saved;
          return;
        }
        if (!best || found.length < best.length) best = found;
      }
      ctx.problems = saved;
      // If every alternative fails on the value itself, one summary beats N contradictory messages.
      if (best!.every((p) => p.path === path)) mismatch();
      else saved.push(...best!);
      return;
    }
  }
}

function checkObject(v: unknown, props: Record<string, Property>, path: string, owner: string, ctx: Ctx, scope: Scope): void {
  if (!isObj(v)) {
    report(ctx, path, `expected an object (${owner}), got ${describeValue(v)}`);
    return;
  }
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) continue;
    if (!hasOwn(props, k)) {
      report(ctx, join(path, k), `unknown property '${k}' for ${owner}${suggest(k, Object.keys(props))}`);
      continue;
    }
    checkValue(x, props[k]!.type, join(path, k), ctx, scope);
  }
  for (const [k, p] of Object.entries(props)) {
    if (!p.required) continue;
    if (v[k] === undefined) report(ctx, path, `missing required property '${k}' (${owner})`);
    else if (mayBeAbsent(v[k])) report(ctx, join(path, k), `required property '${k}' (${owner}) may be removed by AWS::NoValue`);
  }
}

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

function checkResources(template: Obj, ctx: Ctx): void {
  if (template.Resources === undefined || !isObj(template.Resources)) return;
  const count = ctx.resources.size;
  if (count === 0) report(ctx, 'Resources', 'a template needs at least one resource');
  if (count > MAX_RESOURCES) report(ctx, 'Resources', `${count} resources; the maximum is ${MAX_RESOURCES}`);
  for (const [id, def] of Object.entries(template.Resources)) checkResource(id, def, join('Resources', id), ctx);
}

function checkResource(id: string, def: unknown, path: string, ctx: Ctx): void {
  // Fn::ForEach blocks are expanded by the LanguageExtensions transform before validation.
  if (id.startsWith('Fn::ForEach::') && ctx.transforms.has(LANGUAGE_EXTENSIONS)) return;
  checkLogicalId(id, path, 'resource', ctx);
  if (!isObj(def)) {
    report(ctx, path, `a resource must be an object, got ${describeValue(def)}`);
    return;
  }
  const scope: Scope = { resourceId: id };
  for (const key of Object.keys(def)) {
    if (!RESOURCE_KEYS.has(key)) report(ctx, join(path, key), `unknown resource attribute '${key}'${suggest(key, RESOURCE_KEYS)}`);
  }
  checkDependsOn(id, def.DependsOn, join(path, 'DependsOn'), ctx);
  checkConditionName(def.Condition, join(path, 'Condition'), ctx);
  checkPolicy(def.DeletionPolicy, DELETION_POLICIES, join(path, 'DeletionPolicy'), ctx, scope);
  checkPolicy(def.UpdateReplacePolicy, UPDATE_REPLACE_POLICIES, join(path, 'UpdateReplacePolicy'), ctx, scope);
  for (const key of ['Metadata', 'CreationPolicy', 'UpdatePolicy']) {
    if (def[key] === undefined) continue;
    if (!isObj(def[key])) report(ctx, join(path, key), `${key} must be an object`);
    else validateAny(def[key], join(path, key), ctx, scope);
  }

  const type = def.Type;
  const propsPath = join(path, 'Properties');
  const props = def.Properties ?? {};
  if (typeof type !== 'string') {
    report(ctx, join(path, 'Type'), type === undefined ? 'resource Type is required' : 'resource Type must be a string');
    return;
  }
  if (!isObj(props)) {
    report(ctx, propsPath, `Properties must be an object, got ${describeValue(props)}`);
    return;
  }
  if (isCustomType(type)) {
    if (type !== CUSTOM_RESOURCE && !CUSTOM_TYPE.test(type)) {
      report(ctx, join(path, 'Type'), `custom resource type '${type}' must match Custom::[A-Za-z0-9_@-]{1,60}`);
    }
    if (props.ServiceToken === undefined) report(ctx, propsPath, "missing required property 'ServiceToken' (custom resource)");
    validateAny(props, propsPath, ctx, scope);
    return;
  }
  const spec = resourceSpec(type);
  if (!spec) {
    const known = [...(resourceIndex?.keys() ?? [])];
    report(ctx, join(path, 'Type'), `unknown resource type '${type}'${suggest(type, known)}`);
    validateAny(props, propsPath, ctx, scope);
    return;
  }
  if (spec.cloudFormationTransform && !ctx.transforms.has(spec.cloudFormationTransform)) {
    report(ctx, join(path, 'Type'), `${type} needs the ${spec.cloudFormationTransform} transform`);
  }
  checkObject(props, spec.properties, propsPath, type, ctx, scope);
  const limits = LIMIT_CHECKS[type];
  if (limits) runLimitChecks(limits, props, def.Condition, propsPath, ctx);
}

function checkDependsOn(id: string, dependsOn: unknown, path: string, ctx: Ctx): void {
  if (dependsOn === undefined) return;
  const list = typeof dependsOn === 'string' ? [dependsOn] : dependsOn;
  if (!Array.isArray(list)) {
    report(ctx, path, 'DependsOn must be a logical ID or a list of logical IDs');
    return;
  }
  list.forEach((target, i) => {
    const p = typeof dependsOn === 'string' ? path : join(path, i);
    if (typeof target !== 'string') report(ctx, p, 'DependsOn entries must be literal logical IDs');
    else if (target === id) report(ctx, p, 'a resource cannot depend on itself');
    else if (!ctx.resources.has(target)) report(ctx, p, `DependsOn references unknown resource '${target}'${suggest(target, ctx.resources.keys())}`);
    else addDep(ctx, { resourceId: id }, target);
  });
}

function checkPolicy(v: unknown, allowed: string[], path: string, ctx: Ctx, scope: Scope): void {
  if (v === undefined) return;
  const name = path.slice(path.lastIndexOf('.') + 1);
  // Intrinsics in policies are a LanguageExtensions feature.
  if (intrinsicOf(v) && ctx.transforms.has(LANGUAGE_EXTENSIONS)) {
    validateAny(v, path, ctx, scope);
    return;
  }
  if (typeof v !== 'string' || !allowed.includes(v)) {
    report(ctx, path, `${name} must be one of ${allowed.join(', ')}, got ${describeValue(v)}`);
  }
}

function checkDependencyCycles(ctx: Ctx): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, stack: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(id)), id];
      report(ctx, join('Resources', id), `circular dependency between resources: ${cycle.join(' -> ')}`);
      return;
    }
    state.set(id, 'visiting');
    for (const dep of ctx.deps.get(id) ?? []) visit(dep, [...stack, id]);
    state.set(id, 'done');
  };
  for (const id of ctx.resources.keys()) visit(id, []);
}

// ---------------------------------------------------------------------------------------------
// Condition views: resolve Fn::If per condition assignment so limits see concrete values
// ---------------------------------------------------------------------------------------------

interface View {
  assignment: Map<string, boolean>;
  evaluate: (condition: string) => boolean;
}

const MAX_ENUMERATED_CONDITIONS = 8;

function collectIfConditions(v: unknown, into: Set<string>): void {
  if (Array.isArray(v)) v.forEach((x) => collectIfConditions(x, into));
  else if (isObj(v)) {
    const args = v['Fn::If'];
    if (intrinsicOf(v) === 'Fn::If' && Array.isArray(args) && typeof args[0] === 'string') into.add(args[0]);
    for (const x of Object.values(v)) collectIfConditions(x, into);
  }
}

/** Condition names a condition is derived from, if it is pure boolean logic over other conditions. */
function derivedFrom(def: unknown): string[] | undefined {
  const fn = intrinsicOf(def, true);
  const args = fn ? (def as Obj)[fn] : undefined;
  if (fn === 'Condition' && typeof args === 'string') return [args];
  if ((fn === 'Fn::And' || fn === 'Fn::Or' || fn === 'Fn::Not') && Array.isArray(args)) {
    const parts = args.map(derivedFrom);
    return parts.every((p) => p !== undefined) ? (parts as string[][]).flat() : undefined;
  }
  if (fn === 'Fn::Equals' && Array.isArray(args) && args.every((a) => ['string', 'number', 'boolean'].includes(typeof a))) return [];
  return undefined;
}

function evalCondition(def: unknown, lookup: (name: string) => boolean): boolean {
  const fn = intrinsicOf(def, true);
  const args = fn ? (def as Obj)[fn] : undefined;
  const list = Array.isArray(args) ? args : [];
  switch (fn) {
    case 'Condition':
      return lookup(String(args));
    case 'Fn::And':
      return list.every((a) => evalCondition(a, lookup));
    case 'Fn::Or':
      return list.some((a) => evalCondition(a, lookup));
    case 'Fn::Not':
      return !evalCondition(list[0], lookup);
    case 'Fn::Equals':
      return String(list[0]) === String(list[1]);
    default:
      return true;
  }
}

/**
 * Enumerates assignments of the independent conditions used by a resource. Conditions defined
 * purely in terms of others (Fn::Not of IsProd, ...) are derived, so contradictory combinations
 * are not produced; independent Fn::Equals conditions are treated as free (a safe over-approximation).
 */
function conditionViews(props: Obj, resourceCondition: unknown, ctx: Ctx): View[] {
  const used = new Set<string>();
  collectIfConditions(props, used);
  if (typeof resourceCondition === 'string') used.add(resourceCondition);
  const leaves: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const parents = hasOwn(ctx.conditions, name) ? derivedFrom(ctx.conditions[name]) : undefined;
    if (parents === undefined) leaves.push(name);
    else parents.forEach(visit);
  };
  used.forEach(visit);
  const free = leaves.slice(0, MAX_ENUMERATED_CONDITIONS);
  const views: View[] = [];
  for (let mask = 0; mask < 1 << free.length; mask++) {
    const assignment = new Map(free.map((name, i) => [name, (mask & (1 << i)) !== 0]));
    const memo = new Map<string, boolean>();
    const evaluate = (name: string, depth = 0): boolean => {
      if (assignment.has(name)) return assignment.get(name)!;
      if (memo.has(name)) return memo.get(name)!;
      const def = ctx.conditions[name];
      const value = depth > 50 || derivedFrom(def) === undefined ? true : evalCondition(def, (n) => evaluate(n, depth + 1));
      memo.set(name, value);
      return value;
    };
    if (typeof resourceCondition === 'string' && !evaluate(resourceCondition)) continue;
    views.push({ assignment, evaluate: (n) => evaluate(n) });
  }
  return views;
}

/** Resolves Fn::If under a view; AWS::NoValue removes object keys and becomes ABSENT in lists (indices stay stable). */
function resolveView(v: unknown, evaluate: (c: string) => boolean): unknown {
  const fn = intrinsicOf(v);
  if (fn === 'Fn::If') {
    const args = (v as Obj)['Fn::If'];
    if (Array.isArray(args) && args.length === 3 && typeof args[0] === 'string') {
      return resolveView(evaluate(args[0]) ? args[1] : args[2], evaluate);
    }
    return v;
  }
  if (isNoValue(v)) return ABSENT;
  if (fn) return v;
  if (Array.isArray(v)) return v.map((x) => resolveView(x, evaluate));
  if (isObj(v)) {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) {
      const r = resolveView(x, evaluate);
      if (r !== ABSENT && r !== undefined) out[k] = r;
    }
    return out;
  }
  return v;
}

type LimitCheck = (props: Obj, path: string, report: Reporter) => void;

function runLimitChecks(check: LimitCheck, props: Obj, resourceCondition: unknown, path: string, ctx: Ctx): void {
  const views = conditionViews(props, resourceCondition, ctx);
  const hits = new Map<string, { path: string; message: string; views: number[] }>();
  views.forEach((view, i) => {
    const resolved = resolveView(props, view.evaluate) as Obj;
    check(resolved, path, (p, message) => {
      const key = `${p}\u0000${message}`;
      const hit = hits.get(key) ?? { path: p, message, views: [] };
      if (!hit.views.includes(i)) hit.views.push(i);
      hits.set(key, hit);
    });
  });
  for (const hit of hits.values()) {
    report(ctx, hit.path, `${hit.message}${conditionLabel(hit.views.map((i) => views[i]!), views.length)}`);
  }
}

/** " (when A=true)" naming the conditions that are fixed across the failing views; empty if it always fails. */
function conditionLabel(failing: View[], total: number): string {
  if (failing.length === total) return '';
  const first = failing[0]!.assignment;
  const fixed = [...first].filter(([name, value]) => failing.every((v) => v.assignment.get(name) === value));
  const shown = fixed.length > 0 ? fixed : [...first];
  return ` (when ${shown.map(([n, v]) => `${n}=${String(v)}`).join(', ')})`;
}

// ---------------------------------------------------------------------------------------------
// Literal accessors for limit checks (intrinsics are skipped: their value is unknown)
// ---------------------------------------------------------------------------------------------

function isSet(o: Obj, k: string): boolean {
  return o[k] !== undefined;
}

function litString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function litNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && NUMERIC_STRING.test(v.trim())) return Number(v);
  return undefined;
}

function litBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return undefined;
}

/** Entries of a literal list that survived AWS::NoValue, with their original indices. */
function present(v: unknown): Array<[number, unknown]> | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.flatMap((x, i): Array<[number, unknown]> => (x === ABSENT ? [] : [[i, x]]));
}

function checkLength(v: unknown, min: number, max: number, path: string, what: string, report: Reporter): void {
  const s = litString(v);
  if (s === undefined) return;
  const n = chars(s);
  if (n < min || n > max) report(path, `${what} must be ${min === max ? max : `${min}–${max}`} characters, got ${n}`);
}

function checkEnum(v: unknown, allowed: readonly string[], path: string, what: string, report: Reporter): void {
  const s = litString(v);
  if (s !== undefined && !allowed.includes(s)) report(path, `${what} '${s}' is not one of: ${allowed.join(', ')}`);
}

/** Splits an Fn::Sub / Fn::Join string into literal text and `null` for deploy-time pieces. */
function templateParts(v: unknown): Array<string | null> | undefined {
  if (typeof v === 'string') return [v];
  const fn = intrinsicOf(v);
  const arg = fn ? (v as Obj)[fn] : undefined;
  if (fn === 'Fn::Sub') {
    const text = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
    if (text === undefined) return undefined;
    const parts: Array<string | null> = [];
    let last = 0;
    for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
      parts.push(text.slice(last, m.index));
      parts.push(m[1]!.startsWith('!') ? `\${${m[1]!.slice(1)}}` : null);
      last = m.index + m[0].length;
    }
    parts.push(text.slice(last));
    return parts;
  }
  if (fn === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
    const parts: Array<string | null> = [];
    arg[1].forEach((el, i) => {
      if (i > 0) parts.push(arg[0] as string);
      if (typeof el === 'string') parts.push(el);
      else parts.push(...(templateParts(el) ?? [null]));
    });
    return parts;
  }
  return undefined;
}

function placeholder(n: number): string {
  return `${PLACEHOLDER_MARK}${n}${PLACEHOLDER_MARK}`;
}

function isPlaceholder(v: unknown): boolean {
  return typeof v === 'string' && v.includes(PLACEHOLDER_MARK);
}

/** Renders parts as JSON text: deploy-time pieces become placeholders, quoted when outside a JSON string. */
function renderJsonSkeleton(parts: Array<string | null>): string {
  let out = '';
  let inString = false;
  let escaped = false;
  let n = 0;
  for (const part of parts) {
    if (part === null) {
      out += inString ? placeholder(n++) : `"${placeholder(n++)}"`;
      continue;
    }
    for (const c of part) {
      if (escaped) escaped = false;
      else if (inString && c === '\\') escaped = true;
      else if (c === '"') inString = !inString;
    }
    out += part;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// AWS limits: CloudWatch alarms
// ---------------------------------------------------------------------------------------------

function isValidPeriod(n: number): boolean {
  return n === 10 || n === 20 || n === 30 || (Number.isInteger(n) && n > 0 && n % 60 === 0);
}

function isValidExtendedStatistic(s: string): boolean {
  if (!EXTENDED_STATISTIC.test(s)) return false;
  if (/\(:\)$/.test(s)) return false; // a trimmed statistic needs at least one bound
  // Percentage bounds above 100 slip through the shared number syntax.
  return [...s.matchAll(/(\d+(?:\.\d+)?)%/g)].every((m) => Number(m[1]) <= 100);
}

function checkPeriod(v: unknown, path: string, what: string, report: Reporter): void {
  const n = litNumber(v);
  if (n !== undefined && !isValidPeriod(n)) report(path, `${what} ${n} is invalid; use 10, 20, 30 or a positive multiple of 60`);
}

function checkEvaluationRange(period: unknown, evaluationPeriods: number | undefined, path: string, report: Reporter): void {
  const p = litNumber(period);
  if (p === undefined || evaluationPeriods === undefined || !isValidPeriod(p)) return;
  // PutMetricAlarm: up to 1 day for periods under an hour, 7 days otherwise.
  const max = p < 3600 ? 86_400 : 604_800;
  if (p * evaluationPeriods > max) {
    report(path, `Period ${p} × EvaluationPeriods ${evaluationPeriods} = ${p * evaluationPeriods}s exceeds ${max}s`);
  }
}

function checkAlarmName(v: unknown, path: string, report: Reporter): void {
  checkLength(v, 1, 255, path, 'AlarmName', report);
  const s = litString(v);
  if (s !== undefined && CONTROL_CHARS.test(s)) report(path, 'AlarmName must not contain ASCII control characters');
}

function checkActions(p: Obj, path: string, report: Reporter): void {
  for (const key of ALARM_ACTION_KEYS) {
    const entries = present(p[key]);
    if (entries && entries.length > MAX_ALARM_ACTIONS) {
      report(join(path, key), `${key} has ${entries.length} entries; the maximum is ${MAX_ALARM_ACTIONS}`);
    }
  }
}

function checkDimensions(v: unknown, max: number, keyName: string, path: string, report: Reporter): void {
  const entries = present(v);
  if (!entries) return;
  if (entries.length > max) report(path, `${entries.length} dimensions; the maximum is ${max}`);
  for (const [i, d] of entries) {
    if (!isObj(d)) continue;
    checkLength(d[keyName], 1, 255, join(join(path, i), keyName), `dimension ${keyName}`, report);
    checkLength(d.Value, 1, 255, join(join(path, i), 'Value'), 'dimension Value', report);
  }
}

function checkStatistic(v: unknown, path: string, what: string, report: Reporter): void {
  const s = litString(v);
  if (s !== undefined && !STATISTICS.includes(s) && !isValidExtendedStatistic(s)) {
    report(path, `${what} '${s}' is not a CloudWatch statistic (${STATISTICS.join(', ')}, or a percentile such as p99, tm90, TM(10%:90%), PR(:300), IQM)`);
  }
}

function checkAlarm(p: Obj, path: string, report: Reporter): void {
  const at = (k: string): string => join(path, k);
  checkAlarmName(p.AlarmName, at('AlarmName'), report);
  checkLength(p.AlarmDescription, 0, 1024, at('AlarmDescription'), 'AlarmDescription', report);
  checkActions(p, path, report);
  // PromQL alarms (EvaluationCriteria) have no metric, threshold or comparison operator.
  const promql = isSet(p, 'EvaluationCriteria');

  const op = litString(p.ComparisonOperator);
  if (!isSet(p, 'ComparisonOperator') && !promql) report(path, "missing 'ComparisonOperator' (required by PutMetricAlarm)");
  checkEnum(p.ComparisonOperator, COMPARISON_OPERATORS, at('ComparisonOperator'), 'ComparisonOperator', report);
  checkEnum(p.TreatMissingData, TREAT_MISSING_DATA, at('TreatMissingData'), 'TreatMissingData', report);
  checkEnum(p.EvaluateLowSampleCountPercentile, ['evaluate', 'ignore'], at('EvaluateLowSampleCountPercentile'), 'EvaluateLowSampleCountPercentile', report);

  const evaluationPeriods = litNumber(p.EvaluationPeriods);
  if (!isSet(p, 'EvaluationPeriods') && !promql) report(path, "missing 'EvaluationPeriods' (required by PutMetricAlarm)");
  else if (evaluationPeriods !== undefined && evaluationPeriods < 1) report(at('EvaluationPeriods'), `EvaluationPeriods must be at least 1, got ${evaluationPeriods}`);
  const datapoints = litNumber(p.DatapointsToAlarm);
  if (datapoints !== undefined && (datapoints < 1 || (evaluationPeriods !== undefined && datapoints > evaluationPeriods))) {
    report(at('DatapointsToAlarm'), `DatapointsToAlarm ${datapoints} must be between 1 and EvaluationPeriods (${evaluationPeriods ?? '?'})`);
  }

  const single = SINGLE_METRIC_KEYS.filter((k) => isSet(p, k));
  const math = isSet(p, 'Metrics');
  if (!promql) {
    if (math && single.length > 0) {
      report(path, `a metric-math alarm (Metrics) cannot also set ${single.join(', ')}`);
    } else if (!math && single.length === 0) {
      report(path, 'an alarm needs either MetricName + Namespace (single metric) or Metrics (metric math)');
    } else if (!math) {
      for (const k of ['MetricName', 'Namespace', 'Period']) if (!isSet(p, k)) report(path, `missing '${k}' (required for a single-metric alarm)`);
      const stat = isSet(p, 'Statistic');
      const ext = isSet(p, 'ExtendedStatistic');
      if (stat && ext) report(path, 'specify either Statistic or ExtendedStatistic, not both');
      if (!stat && !ext) report(path, 'a single-metric alarm needs Statistic or ExtendedStatistic');
    }
  }
  checkEnum(p.Statistic, STATISTICS, at('Statistic'), 'Statistic', report);
  const ext = litString(p.ExtendedStatistic);
  if (ext !== undefined && !isValidExtendedStatistic(ext)) {
    report(at('ExtendedStatistic'), `ExtendedStatistic '${ext}' is not a valid percentile statistic (e.g. p99, p99.9, tm90, TM(10%:90%), PR(:300), IQM)`);
  }
  checkEnum(p.Unit, CLOUDWATCH_UNITS, at('Unit'), 'Unit', report);
  checkLength(p.MetricName, 1, 255, at('MetricName'), 'MetricName', report);
  checkLength(p.Namespace, 1, 255, at('Namespace'), 'Namespace', report);
  checkDimensions(p.Dimensions, 30, 'Name', at('Dimensions'), report);
  checkPeriod(p.Period, at('Period'), 'Period', report);
  checkEvaluationRange(p.Period, evaluationPeriods, at('Period'), report);

  const thresholdMetricId = litString(p.ThresholdMetricId);
  if (!promql && !isSet(p, 'Threshold') && !isSet(p, 'ThresholdMetricId')) {
    report(path, "missing 'Threshold' (required unless ThresholdMetricId is set)");
  }
  if (isSet(p, 'Threshold') && isSet(p, 'ThresholdMetricId')) {
    report(at('Threshold'), 'Threshold cannot be combined with ThresholdMetricId (anomaly detection alarm)');
  }
  if (op !== undefined && ANOMALY_OPERATORS.has(op) && !isSet(p, 'ThresholdMetricId')) {
    report(at('ComparisonOperator'), `${op} is only valid for anomaly detection alarms (ThresholdMetricId)`);
  }
  if (op !== undefined && !ANOMALY_OPERATORS.has(op) && isSet(p, 'ThresholdMetricId')) {
    report(at('ComparisonOperator'), `an anomaly detection alarm (ThresholdMetricId) needs ${[...ANOMALY_OPERATORS].join(', ')}`);
  }

  const metrics = present(p.Metrics);
  if (!metrics) return;
  const mp = at('Metrics');
  if (metrics.length === 0) report(mp, 'Metrics must not be empty');
  if (metrics.length > 20) report(mp, `Metrics has ${metrics.length} entries; the maximum is 20`);
  const ids = new Set<string>();
  // An anomaly detection band (ThresholdMetricId) is returned alongside the alarmed series.
  let returning = 0;
  let returnDataKnown = true;
  let statCount = 0;
  for (const [i, m] of metrics) {
    if (!isObj(m)) continue;
    const ep = join(mp, i);
    const id = litString(m.Id);
    if (id !== undefined) {
      if (!METRIC_ID.test(id)) report(join(ep, 'Id'), `metric Id '${id}' must start with a lowercase letter and contain only letters, digits and _`);
      if (ids.has(id)) report(join(ep, 'Id'), `duplicate metric Id '${id}'`);
      ids.add(id);
    }
    const hasExpression = isSet(m, 'Expression');
    const hasStat = isSet(m, 'MetricStat');
    if (hasExpression === hasStat) {
      report(ep, `each Metrics entry needs exactly one of Expression or MetricStat, found ${hasExpression ? 'both' : 'neither'}`);
    }
    checkLength(m.Expression, 1, 1024, join(ep, 'Expression'), 'Expression', report);
    const isBand = thresholdMetricId !== undefined && id === thresholdMetricId;
    if (m.ReturnData === undefined) returning += isBand ? 0 : 1; // ReturnData defaults to true
    else {
      const rd = litBoolean(m.ReturnData);
      if (rd === undefined) returnDataKnown = false;
      else if (rd && !isBand) returning++;
    }
    checkPeriod(m.Period, join(ep, 'Period'), 'Period', report);
    checkEvaluationRange(m.Period, evaluationPeriods, join(ep, 'Period'), report);
    if (isObj(m.MetricStat)) {
      statCount++;
      const sp = join(ep, 'MetricStat');
      const stat = m.MetricStat;
      checkPeriod(stat.Period, join(sp, 'Period'), 'MetricStat Period', report);
      checkEvaluationRange(stat.Period, evaluationPeriods, join(sp, 'Period'), report);
      checkStatistic(stat.Stat, join(sp, 'Stat'), 'Stat', report);
      checkEnum(stat.Unit, CLOUDWATCH_UNITS, join(sp, 'Unit'), 'Unit', report);
      if (isObj(stat.Metric)) {
        const metric = stat.Metric;
        if (!isSet(metric, 'MetricName')) report(join(sp, 'Metric'), "missing 'MetricName' (required by PutMetricAlarm)");
        checkLength(metric.MetricName, 1, 255, join(join(sp, 'Metric'), 'MetricName'), 'MetricName', report);
        checkLength(metric.Namespace, 1, 255, join(join(sp, 'Metric'), 'Namespace'), 'Namespace', report);
        checkDimensions(metric.Dimensions, 30, 'Name', join(join(sp, 'Metric'), 'Dimensions'), report);
      }
    }
  }
  if (returnDataKnown && metrics.length > 0 && returning !== 1) {
    report(mp, `exactly one Metrics entry (besides a ThresholdMetricId band) must have ReturnData true (omitted counts as true); found ${returning}`);
  }
  if (statCount > 10) report(mp, `${statCount} MetricStat entries; a metric-math alarm can use at most 10 metrics`);
  if (thresholdMetricId !== undefined && !ids.has(thresholdMetricId)) {
    report(at('ThresholdMetricId'), `ThresholdMetricId '${thresholdMetricId}' does not match any Metrics Id`);
  }
}

// ---------------------------------------------------------------------------------------------
// AWS limits: composite alarms (AlarmRule parser)
// ---------------------------------------------------------------------------------------------

const ALARM_STATES = new Set(['ALARM', 'OK', 'INSUFFICIENT_DATA']);

interface RuleToken {
  kind: '(' | ')' | ',' | 'word' | 'quoted';
  text: string;
}

class RuleError extends Error {}

function tokenizeRule(rule: string): RuleToken[] {
  const tokens: RuleToken[] = [];
  let i = 0;
  while (i < rule.length) {
    const c = rule[i]!;
    if (/\s/.test(c)) i++;
    else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, text: c });
      i++;
    } else if (c === '"') {
      const end = rule.indexOf('"', i + 1);
      if (end < 0) throw new RuleError('unterminated double-quoted alarm reference');
      tokens.push({ kind: 'quoted', text: rule.slice(i + 1, end) });
      i = end + 1;
    } else {
      let j = i;
      while (j < rule.length && !/[\s(),"]/.test(rule[j]!)) j++;
      tokens.push({ kind: 'word', text: rule.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

/** Parses an AlarmRule; returns the distinct alarms it references. Throws RuleError on bad syntax. */
function parseAlarmRule(rule: string): Set<string> {
  const tokens = tokenizeRule(rule);
  const alarms = new Set<string>();
  let pos = 0;
  const peek = (): RuleToken | undefined => tokens[pos];
  const describe = (t: RuleToken | undefined): string => (t ? `'${t.text}'` : 'end of rule');
  const expect = (kind: RuleToken['kind']): RuleToken => {
    const t = tokens[pos];
    if (!t || t.kind !== kind) throw new RuleError(`expected '${kind}' but found ${describe(t)}`);
    pos++;
    return t;
  };
  const alarmRef = (): void => {
    const t = tokens[pos];
    if (!t || (t.kind !== 'quoted' && t.kind !== 'word') || t.text === '') {
      throw new RuleError(`expected an alarm name or ARN but found ${describe(t)}`);
    }
    pos++;
    alarms.add(t.text);
  };
  const expr = (): void => {
    unary();
    while (peek()?.kind === 'word' && (peek()!.text === 'AND' || peek()!.text === 'OR')) {
      pos++;
      unary();
    }
  };
  const unary = (): void => {
    const t = peek();
    if (t?.kind === 'word' && t.text === 'NOT') {
      pos++;
      unary();
    } else primary();
  };
  const primary = (): void => {
    const t = tokens[pos];
    if (!t) throw new RuleError('unexpected end of rule');
    pos++;
    if (t.kind === '(') {
      expr();
      expect(')');
    } else if (t.kind === 'word' && (t.text === 'TRUE' || t.text === 'FALSE' || isPlaceholder(t.text))) {
      // A bare substituted piece may stand for a whole sub-expression.
    } else if (t.kind === 'word' && ALARM_STATES.has(t.text)) {
      expect('(');
      alarmRef();
      expect(')');
    } else if (t.kind === 'word' && t.text === 'AT_LEAST') {
      expect('(');
      const threshold = expect('word').text;
      if (!/^\d+%?$/.test(threshold) && !isPlaceholder(threshold)) throw new RuleError(`AT_LEAST threshold '${threshold}' must be a count or percentage`);
      expect(',');
      if (peek()?.text === 'NOT') pos++;
      const state = expect('word').text;
      if (!ALARM_STATES.has(state)) throw new RuleError(`AT_LEAST state '${state}' must be ALARM, OK or INSUFFICIENT_DATA`);
      expect(',');
      expect('(');
      alarmRef();
      while (peek()?.kind === ',') {
        pos++;
        alarmRef();
      }
      expect(')');
      expect(')');
    } else {
      throw new RuleError(`unexpected ${describe(t)}; expected ALARM(...), OK(...), INSUFFICIENT_DATA(...), AT_LEAST(...), TRUE, FALSE, NOT or '('`);
    }
  };
  expr();
  if (pos < tokens.length) throw new RuleError(`unexpected ${describe(tokens[pos])} after a complete expression`);
  return alarms;
}

function checkAlarmRule(v: unknown, path: string, report: Reporter): void {
  const parts = templateParts(v);
  if (!parts) return;
  const dynamic = parts.includes(null);
  let n = 0;
  const rule = parts.map((p) => p ?? placeholder(n++)).join('');
  const literalLength = chars(parts.filter((p): p is string => p !== null).join(''));
  if ((!dynamic && literalLength < 1) || literalLength > 10_240) {
    report(path, `AlarmRule must be 1–10240 characters, got ${literalLength}`);
  }
  // Parentheses are checked separately so the message is specific.
  let depth = 0;
  let inQuote = false;
  for (const c of rule) {
    if (c === '"') inQuote = !inQuote;
    else if (!inQuote && c === '(') depth++;
    else if (!inQuote && c === ')' && --depth < 0) break;
  }
  if (!inQuote && depth !== 0) {
    report(path, 'AlarmRule has unbalanced parentheses');
    return;
  }
  try {
    const alarms = parseAlarmRule(rule);
    if (alarms.size > 100) report(path, `AlarmRule references ${alarms.size} alarms; the maximum is 100`);
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    report(path, `AlarmRule is not a valid rule expression: ${e.message}`);
  }
}

function checkCompositeAlarm(p: Obj, path: string, report: Reporter): void {
  checkAlarmName(p.AlarmName, join(path, 'AlarmName'), report);
  checkLength(p.AlarmDescription, 0, 1024, join(path, 'AlarmDescription'), 'AlarmDescription', report);
  checkActions(p, path, report);
  checkAlarmRule(p.AlarmRule, join(path, 'AlarmRule'), report);
}

// ---------------------------------------------------------------------------------------------
// AWS limits: Logs
// ---------------------------------------------------------------------------------------------

function checkLogGroupName(v: unknown, path: string, report: Reporter): void {
  checkLength(v, 1, 512, path, 'LogGroupName', report);
  const s = litString(v);
  if (s !== undefined && s !== '' && !LOG_GROUP_NAME.test(s)) {
    report(path, `LogGroupName '${s}' may only contain letters, digits and . - _ / #`);
  }
}

function checkLogGroup(p: Obj, path: string, report: Reporter): void {
  checkLogGroupName(p.LogGroupName, join(path, 'LogGroupName'), report);
  const days = litNumber(p.RetentionInDays);
  if (days !== undefined && !RETENTION_DAYS.includes(days)) {
    report(join(path, 'RetentionInDays'), `${days} is not one of the allowed values: ${listAllowed(RETENTION_DAYS)}`);
  }
}

function checkMetricFilter(p: Obj, path: string, report: Reporter): void {
  checkLogGroupName(p.LogGroupName, join(path, 'LogGroupName'), report);
  checkLength(p.FilterPattern, 0, 1024, join(path, 'FilterPattern'), 'FilterPattern', report);
  const filterName = litString(p.FilterName);
  checkLength(p.FilterName, 1, 512, join(path, 'FilterName'), 'FilterName', report);
  if (filterName !== undefined && /[:*]/.test(filterName)) report(join(path, 'FilterName'), "FilterName must not contain ':' or '*'");
  const tp = join(path, 'MetricTransformations');
  const transformations = present(p.MetricTransformations);
  if (!transformations) return;
  if (transformations.length !== 1) report(tp, `a metric filter needs exactly 1 MetricTransformations entry, got ${transformations.length}`);
  for (const [i, t] of transformations) {
    if (!isObj(t)) continue;
    const ep = join(tp, i);
    for (const k of ['MetricName', 'MetricNamespace']) {
      checkLength(t[k], 1, 255, join(ep, k), k, report);
      const s = litString(t[k]);
      if (s !== undefined && /[:*$]/.test(s)) report(join(ep, k), `${k} must not contain ':', '*' or '$'`);
    }
    checkLength(t.MetricValue, 1, 100, join(ep, 'MetricValue'), 'MetricValue', report);
    const dims = present(t.Dimensions);
    checkDimensions(t.Dimensions, 3, 'Key', join(ep, 'Dimensions'), report);
    if (isSet(t, 'DefaultValue') && dims && dims.length > 0) {
      report(join(ep, 'DefaultValue'), 'DefaultValue cannot be combined with Dimensions');
    }
  }
}

// ---------------------------------------------------------------------------------------------
// AWS limits: dashboards
// ---------------------------------------------------------------------------------------------

const WIDGET_TYPES = ['metric', 'text', 'log', 'alarm', 'explorer'];
const WIDGET_KEYS = new Set(['type', 'x', 'y', 'width', 'height', 'properties']);
const DASHBOARD_KEYS = new Set(['widgets', 'start', 'end', 'periodOverride', 'variables']);
const METRIC_OPTION_KEYS = new Set(['accountId', 'color', 'expression', 'id', 'label', 'period', 'region', 'stat', 'visible', 'yAxis']);
const DEFAULT_WIDGET_SIZE = 6;

function checkDashboard(p: Obj, path: string, report: Reporter): void {
  const name = litString(p.DashboardName);
  checkLength(p.DashboardName, 1, 255, join(path, 'DashboardName'), 'DashboardName', report);
  if (name !== undefined && name !== '' && !DASHBOARD_NAME.test(name)) {
    report(join(path, 'DashboardName'), `DashboardName '${name}' may only contain letters, digits, - and _`);
  }
  const bodyPath = join(path, 'DashboardBody');
  const parts = templateParts(p.DashboardBody);
  if (!parts) return;
  let body: unknown;
  try {
    body = JSON.parse(renderJsonSkeleton(parts));
  } catch (e) {
    report(bodyPath, `DashboardBody is not valid JSON: ${(e as Error).message}`);
    return;
  }
  for (const problem of checkDashboardBody(body)) report(join(bodyPath, problem.path), problem.message);
}

/** Validates a CloudWatch dashboard body (JSON string or parsed object); paths are relative to the body. */
export function validateDashboardBody(body: unknown): TemplateProblem[] {
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch (e) {
      return [{ path: '', message: `dashboard body is not valid JSON: ${(e as Error).message}` }];
    }
  }
  return checkDashboardBody(body);
}

function checkDashboardBody(body: unknown): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const report: Reporter = (path, message) => problems.push({ path, message });
  if (!isObj(body)) {
    report('', `dashboard body must be a JSON object, got ${describeValue(body)}`);
    return problems;
  }
  for (const key of Object.keys(body)) {
    if (!DASHBOARD_KEYS.has(key)) report(key, `unknown dashboard body key '${key}'${suggest(key, DASHBOARD_KEYS)}`);
  }
  if (isPlaceholder(body.widgets)) return problems; // injected at deploy time
  if (!Array.isArray(body.widgets)) {
    report('widgets', 'dashboard body needs a widgets array');
    return problems;
  }
  if (body.widgets.length > 500) report('widgets', `${body.widgets.length} widgets; the maximum is 500`);
  let totalMetrics = 0;
  const placed: Array<{ i: number; x: number; y: number; w: number; h: number }> = [];
  body.widgets.forEach((w, i) => {
    const wp = join('widgets', i);
    if (isPlaceholder(w)) return;
    if (!isObj(w)) {
      report(wp, 'each widget must be an object');
      return;
    }
    for (const key of Object.keys(w)) if (!WIDGET_KEYS.has(key)) report(join(wp, key), `unknown widget key '${key}'`);
    const type = w.type;
    if (typeof type !== 'string' || !WIDGET_TYPES.includes(type)) {
      report(join(wp, 'type'), `widget type must be one of ${WIDGET_TYPES.join(', ')}, got ${describeValue(type)}`);
    }
    const geometry = (key: string, min: number, max: number, fallback: number | undefined): number | undefined => {
      const v = w[key];
      if (v === undefined) return fallback;
      if (isPlaceholder(v)) return undefined;
      if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) {
        report(join(wp, key), `widget ${key} must be an integer ${min}–${max}, got ${describeValue(v)}`);
        return undefined;
      }
      return v as number;
    };
    const x = geometry('x', 0, 23, undefined);
    const y = geometry('y', 0, Number.MAX_SAFE_INTEGER, undefined);
    const width = geometry('width', 1, 24, DEFAULT_WIDGET_SIZE);
    const height = geometry('height', 1, 1000, DEFAULT_WIDGET_SIZE);
    if (x !== undefined && width !== undefined && x + width > 24) {
      report(wp, `widget x (${x}) + width (${width}) exceeds the 24-column grid`);
    }
    // Widgets without x/y are auto-placed by CloudWatch, so only explicit positions can overlap.
    if (x !== undefined && y !== undefined && width !== undefined && height !== undefined) {
      const clash = placed.find((o) => x < o.x + o.w && o.x < x + width && y < o.y + o.h && o.y < y + height);
      if (clash) report(wp, `widget overlaps widgets[${clash.i}]`);
      placed.push({ i, x, y, w: width, h: height });
    }
    const props = w.properties;
    const pp = join(wp, 'properties');
    if (isPlaceholder(props)) return;
    if (props === undefined) {
      report(wp, 'widget needs properties');
      return;
    }
    if (!isObj(props)) {
      report(pp, 'widget properties must be an object');
      return;
    }
    if (props.region !== undefined && typeof props.region !== 'string') report(join(pp, 'region'), 'region must be a string');
    if (props.title !== undefined && typeof props.title !== 'string') report(join(pp, 'title'), 'title must be a string');
    switch (type) {
      case 'metric':
        totalMetrics += checkMetricWidget(props, pp, report);
        break;
      case 'alarm': {
        const alarms = props.alarms;
        if (isPlaceholder(alarms)) break;
        if (!Array.isArray(alarms) || alarms.length === 0) report(join(pp, 'alarms'), 'an alarm widget needs a non-empty alarms list');
        else checkAlarmArns(alarms, 100, join(pp, 'alarms'), report);
        break;
      }
      case 'text':
        if (typeof props.markdown !== 'string') report(join(pp, 'markdown'), 'a text widget needs a markdown string');
        break;
      case 'log':
        if (typeof props.query !== 'string') report(join(pp, 'query'), 'a log widget needs a query string');
        break;
    }
  });
  if (totalMetrics > 2500) report('widgets', `${totalMetrics} metrics on the dashboard; the maximum is 2500`);
  return problems;
}

function checkAlarmArns(arns: unknown[], max: number, path: string, report: Reporter): void {
  if (arns.length > max) report(path, `${arns.length} alarms; the maximum is ${max}`);
  arns.forEach((arn, i) => {
    if (typeof arn !== 'string') report(join(path, i), `alarm ARN must be a string, got ${describeValue(arn)}`);
    // Substituted values are checked only for the parts that are known.
    else if (!isPlaceholder(arn) && !ALARM_ARN.test(arn)) report(join(path, i), `'${arn}' is not a CloudWatch alarm ARN`);
  });
}

/** Returns the number of metric rows in the widget. */
function checkMetricWidget(props: Obj, path: string, report: Reporter): number {
  const annotations = props.annotations;
  if (annotations !== undefined) {
    const ap = join(path, 'annotations');
    if (!isObj(annotations)) report(ap, 'annotations must be an object');
    else {
      if (annotations.horizontal !== undefined) {
        if (!Array.isArray(annotations.horizontal)) report(join(ap, 'horizontal'), 'horizontal annotations must be a list');
        else annotations.horizontal.forEach((a, i) => {
          // A band is a pair of annotation objects.
          const entries = Array.isArray(a) && a.length === 2 ? a : [a];
          entries.forEach((e) => {
            if (!isObj(e) || (typeof e.value !== 'number' && !isPlaceholder(e.value))) {
              report(join(join(ap, 'horizontal'), i), 'a horizontal annotation needs a numeric value');
            }
          });
        });
      }
      if (annotations.alarms !== undefined) {
        if (!Array.isArray(annotations.alarms)) report(join(ap, 'alarms'), 'annotations.alarms must be a list of alarm ARNs');
        else checkAlarmArns(annotations.alarms, 1, join(ap, 'alarms'), report);
      }
    }
  }
  const metrics = props.metrics;
  const mp = join(path, 'metrics');
  if (isPlaceholder(metrics)) return 0;
  if (metrics === undefined) {
    if (!isObj(annotations) || annotations.alarms === undefined) report(mp, 'a metric widget needs a metrics list (or an alarm annotation)');
    return 0;
  }
  if (!Array.isArray(metrics)) {
    report(mp, 'metrics must be a list of metric arrays');
    return 0;
  }
  if (metrics.length > 500) report(mp, `${metrics.length} metrics in one widget; the maximum is 500`);
  let previous: unknown[] | undefined;
  metrics.forEach((row, i) => {
    previous = checkMetricRow(row, previous, join(mp, i), report);
  });
  return metrics.length;
}

/** Checks one metric row; returns it with '.'/'...' shorthand expanded so the next row can refer to it. */
function checkMetricRow(row: unknown, previous: unknown[] | undefined, path: string, report: Reporter): unknown[] | undefined {
  if (isPlaceholder(row)) return undefined;
  if (!Array.isArray(row) || row.length === 0) {
    report(path, 'each metric must be a non-empty array');
    return undefined;
  }
  const last = row[row.length - 1];
  const options = isObj(last) ? last : undefined;
  const strings = options ? row.slice(0, -1) : row;
  if (options) {
    const op = join(path, row.length - 1);
    for (const key of Object.keys(options)) {
      if (!METRIC_OPTION_KEYS.has(key)) report(join(op, key), `unknown metric option '${key}'${suggest(key, METRIC_OPTION_KEYS)}`);
    }
    if (options.id !== undefined && !(typeof options.id === 'string' && METRIC_ID.test(options.id))) {
      report(join(op, 'id'), 'metric id must start with a lowercase letter and contain only letters, digits and _');
    }
    if (options.expression !== undefined && typeof options.expression !== 'string') {
      report(join(op, 'expression'), 'expression must be a string');
    }
    if (options.stat !== undefined && typeof options.stat === 'string' && !isPlaceholder(options.stat)) {
      checkStatistic(options.stat, join(op, 'stat'), 'stat', report);
    }
    if (options.yAxis !== undefined && options.yAxis !== 'left' && options.yAxis !== 'right') {
      report(join(op, 'yAxis'), "yAxis must be 'left' or 'right'");
    }
  }
  if (strings.length === 0) {
    if (!options || options.expression === undefined) report(path, 'a metric row without metric names must be an expression object');
    return undefined;
  }
  if (options?.expression !== undefined) {
    report(path, 'an expression row must contain only the expression object');
    return undefined;
  }
  const bad = strings.findIndex((s) => typeof s !== 'string');
  if (bad >= 0) {
    report(join(path, bad), 'metric rows are [Namespace, MetricName, DimensionName, DimensionValue, ..., {options}]');
    return undefined;
  }
  let expanded = strings as string[];
  if (expanded[0] === '...') {
    if (!previous) {
      report(path, "'...' repeats the previous metric, but there is none");
      return undefined;
    }
    const rest = expanded.slice(1);
    if (rest.length > previous.length) {
      report(path, "'...' row has more values than the metric it repeats");
      return undefined;
    }
    expanded = [...(previous.slice(0, previous.length - rest.length) as string[]), ...rest];
  }
  expanded = expanded.map((s, i) => {
    if (s !== '.') return s;
    const prior = previous?.[i];
    if (typeof prior !== 'string') report(join(path, i), `'.' at position ${i} has no value in the previous metric to repeat`);
    return typeof prior === 'string' ? prior : s;
  });
  if (expanded.length < 2 || (expanded.length - 2) % 2 !== 0) {
    report(path, `a metric needs Namespace, MetricName and dimension name/value pairs; got ${expanded.length} strings`);
  } else if ((expanded.length - 2) / 2 > 30) {
    report(path, `${(expanded.length - 2) / 2} dimensions; the maximum is 30`);
  }
  return expanded;
}

const LIMIT_CHECKS: Record<string, LimitCheck> = {
  'AWS::CloudWatch::Alarm': checkAlarm,
  'AWS::CloudWatch::CompositeAlarm': checkCompositeAlarm,
  'AWS::CloudWatch::Dashboard': checkDashboard,
  'AWS::Logs::LogGroup': checkLogGroup,
  'AWS::Logs::MetricFilter': checkMetricFilter,
};

// ---------------------------------------------------------------------------------------------
// Limits spanning several resources
// ---------------------------------------------------------------------------------------------

const MAX_METRIC_FILTERS_PER_LOG_GROUP = 100;

function checkCrossResourceLimits(ctx: Ctx): void {
  const literal = (id: string, prop: string): string | undefined => {
    const props = ctx.resources.get(id)?.Properties;
    return isObj(props) ? litString(props[prop]) : undefined;
  };
  // Same physical name twice fails on deploy, unless the resources exist under different conditions.
  const names = new Map<string, string>();
  const unique: Array<[string[], string]> = [
    [['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'], 'AlarmName'],
    [['AWS::Logs::LogGroup'], 'LogGroupName'],
    [['AWS::CloudWatch::Dashboard'], 'DashboardName'],
  ];
  const filtersPerGroup = new Map<string, number>();
  for (const [id, def] of ctx.resources) {
    const type = def.Type;
    for (const [types, prop] of unique) {
      const name = literal(id, prop);
      if (typeof type !== 'string' || !types.includes(type) || name === undefined) continue;
      const key = `${prop}\u0000${String(def.Condition ?? '')}\u0000${name}`;
      const other = names.get(key);
      if (other) report(ctx, join(join(join('Resources', id), 'Properties'), prop), `${prop} '${name}' is also used by '${other}'`);
      else names.set(key, id);
    }
    if (type === 'AWS::Logs::MetricFilter' && isObj(def.Properties)) {
      const group = def.Properties.LogGroupName;
      let key = litString(group);
      if (key === undefined && intrinsicOf(group) === 'Ref' && isObj(group) && typeof group.Ref === 'string') {
        key = literal(group.Ref, 'LogGroupName') ?? `Ref:${group.Ref}`;
      }
      if (key === undefined) continue;
      const count = (filtersPerGroup.get(key) ?? 0) + 1;
      filtersPerGroup.set(key, count);
      if (count === MAX_METRIC_FILTERS_PER_LOG_GROUP + 1) {
        report(
          ctx,
          join(join(join('Resources', id), 'Properties'), 'LogGroupName'),
          `log group '${key}' has more than ${MAX_METRIC_FILTERS_PER_LOG_GROUP} metric filters in this template; the maximum is ${MAX_METRIC_FILTERS_PER_LOG_GROUP}`,
        );
      }
    }
  }
}
