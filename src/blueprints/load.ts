import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { reportSchemaErrors } from '../diagnostics/schema-errors.js';
import { checkEncodableText, parseYamlSource } from '../diagnostics/source-document.js';
import type { DocPath, SourceDocument } from '../diagnostics/source-document.js';
import { ResourceTypes } from '../services/catalog.js';
import { compare } from '../util/compare.js';
import { sha256 } from '../util/hash.js';
import { isHttpsUrl } from '../util/markdown.js';
import { schemaValidator } from '../util/schema-validator.js';
import { checkTemplate } from './template.js';
import { fromPrecompiled, precompiledBuiltins } from './precompiled.js';
import type { Precompiled } from './precompiled.js';
import { reachable } from './range.js';
import type { Alarm, Math as RawMath, Metric, ObsgenBlueprint } from './raw.generated.js';
import { MATH_RESULT_ID } from './types.js';
import type { AlarmSpec, Blueprint, LogGroupSpec, MetricFilterSpec, MetricSpec, SloSpec, TuningSpec, WidgetSpec } from './types.js';

/** A blueprint file's text, read by the caller. */
export interface BlueprintSource {
  file: string;
  text: string;
  builtin: boolean;
}

/**
 * Parses and checks blueprint files. A user blueprint with the same id as a built-in one
 * replaces it; two user blueprints (or two built-ins) with one id are an error. A blueprint
 * names one of `types` (built in, or declared in the config or a blueprint folder). An
 * unchanged built-in file is taken as the build checked it (`precompiledSet`, see
 * precompiled.ts), with the same result and diagnostics; every other file is parsed here.
 */
export function loadBlueprints(
  sources: readonly BlueprintSource[],
  diags: Diagnostics,
  types: ResourceTypes = ResourceTypes.BUILTIN,
  precompiledSet: () => Precompiled | undefined = precompiledBuiltins,
): Blueprint[] {
  const byId = new Map<string, Blueprint>();
  const sorted = [...sources].sort((a, b) => Number(b.builtin) - Number(a.builtin) || compare(a.file, b.file));
  // Built-in files as checked by the build, when they are unchanged (src/blueprints/precompiled.ts).
  const precompiled = sorted.some((s) => s.builtin) ? precompiledSet() : undefined;
  for (const source of sorted) {
    const blueprint = (precompiled && source.builtin && fromPrecompiled(precompiled, source, sha256(source.text), diags)) || parseBlueprint(source, diags, types);
    if (!blueprint) continue;
    const existing = byId.get(blueprint.id);
    if (existing && existing.builtin === blueprint.builtin) {
      diags.error(`blueprint id ${JSON.stringify(blueprint.id)} is also defined in ${existing.file}`, {
        file: source.file,
        line: 1,
        column: 1,
      });
      continue;
    }
    byId.set(blueprint.id, blueprint);
  }
  return [...byId.values()].sort((a, b) => compare(a.id, b.id));
}

// The YAML shape, generated from the JSON Schema (its one source): what a file holds once validated.
type RawBlueprint = ObsgenBlueprint;
type RawAlarm = Alarm;
type RawMetric = Metric;

/** Parses one blueprint file; undefined (with diagnostics) when it is invalid. */
export function parseBlueprint(source: BlueprintSource, diags: Diagnostics, types: ResourceTypes = ResourceTypes.BUILTIN): Blueprint | undefined {
  const doc = parseYamlSource(source.file, source.text, diags);
  if (!doc || !checkEncodableText(doc, diags)) return undefined;
  const validate = schemaValidator('blueprint.schema.json');
  if (!validate(doc.data)) {
    reportSchemaErrors(validate.errors ?? [], doc, diags);
    return undefined;
  }
  const raw = doc.data as RawBlueprint;
  const checker = new BlueprintChecker(doc, diags);
  const before = diags.items.length;

  if (!types.get(raw.resourceType)) {
    checker.fail(['resourceType'], `unknown resource type ${JSON.stringify(raw.resourceType)} (declare it in a *.types.yaml file of a blueprint folder, or under resourceTypes in the config)`);
  }
  const namePattern = checker.regex(raw.match?.namePattern, ['match', 'namePattern']);
  const excludeNamePattern = checker.regex(raw.match?.excludeNamePattern, ['match', 'excludeNamePattern']);

  const alarms = (raw.alarms ?? []).map((a, i) => checker.alarm(a, ['alarms', i], false));
  const logGroups: LogGroupSpec[] = (raw.logGroups ?? []).map((lg, i) => {
    const path = ['logGroups', i];
    checker.template(lg.name, [...path, 'name']);
    checker.unique('log group', lg.id, [...path, 'id']);
    const filterIds = new Set<string>();
    const metricFilters: MetricFilterSpec[] = (lg.metricFilters ?? []).map((f, j) => {
      const fpath = [...path, 'metricFilters', j];
      if (filterIds.has(f.id)) checker.fail([...fpath, 'id'], `duplicate metric filter id ${JSON.stringify(f.id)}`);
      filterIds.add(f.id);
      checker.template(f.metric.namespace, [...fpath, 'metric', 'namespace']);
      checker.template(f.metric.name, [...fpath, 'metric', 'name']);
      return {
        id: f.id,
        pattern: f.pattern,
        metric: { ...f.metric, value: f.metric.value ?? '1' },
        ...(f.alarm ? { alarm: checker.alarm(f.alarm, [...fpath, 'alarm'], true) } : {}),
        at: { doc, path: fpath },
      };
    });
    return { id: lg.id, name: lg.name, ...(lg.retentionDays ? { retentionDays: lg.retentionDays } : {}), metricFilters, at: { doc, path } };
  });

  const widgets: WidgetSpec[] = (raw.dashboard?.widgets ?? []).map((w, i) => {
    const path = ['dashboard', 'widgets', i];
    if ((w.metrics === undefined) === (w.math === undefined)) checker.fail(path, 'a widget needs exactly one of metrics or math');
    w.metrics?.forEach((m, j) => checker.metric(m, [...path, 'metrics', j]));
    if (w.math) checker.math(w.math, [...path, 'math']);
    for (const [j, id] of (w.alarms ?? []).entries()) {
      if (!checker.alarmIds.has(id)) checker.fail([...path, 'alarms', j], `no alarm ${JSON.stringify(id)} in this blueprint`);
    }
    return {
      ...w,
      alarms: w.alarms ?? [],
      view: w.view ?? 'timeSeries',
      width: w.width ?? 8,
      height: w.height ?? 6,
      at: { doc, path },
    };
  });

  const slo = raw.slo && sloOf(raw.slo, checker, doc);

  if (diags.items.slice(before).some((d) => d.severity === 'error')) return undefined;
  return {
    id: raw.id,
    file: source.file,
    resourceType: raw.resourceType,
    description: raw.description,
    match: {
      tags: raw.match?.tags ?? [],
      ...(namePattern ? { namePattern } : {}),
      ...(excludeNamePattern ? { excludeNamePattern } : {}),
      ...(raw.match?.attributes ? { attributes: raw.match.attributes } : {}),
    },
    alarms,
    logGroups,
    widgets,
    ...(slo ? { slo } : {}),
    builtin: source.builtin,
    sha256: sha256(source.text),
  };
}

/** A blueprint's service level indicators, their metric templates checked. */
function sloOf(raw: NonNullable<RawBlueprint['slo']>, checker: BlueprintChecker, doc: SourceDocument): SloSpec {
  const metrics = (list: RawMetric[], path: DocPath) => list.map((m, i) => checker.metric(m, [...path, i]));
  const out: SloSpec = { at: { doc, path: ['slo'] } };
  if (raw.availability) out.availability = { errors: metrics(raw.availability.errors, ['slo', 'availability', 'errors']), requests: metrics(raw.availability.requests, ['slo', 'availability', 'requests']) };
  if (raw.latency) {
    checker.metric({ ...raw.latency.metric, statistic: 'Sum' }, ['slo', 'latency', 'metric']);
    out.latency = { metric: raw.latency.metric, requests: metrics(raw.latency.requests, ['slo', 'latency', 'requests']), unit: raw.latency.unit };
  }
  return out;
}

/** The semantic checks a JSON Schema cannot express, reported at their position. */
class BlueprintChecker {
  readonly alarmIds = new Set<string>();
  private readonly ids = new Map<string, Set<string>>();

  constructor(
    private readonly doc: SourceDocument,
    private readonly diags: Diagnostics,
  ) {}

  fail(path: DocPath, message: string, templateLine?: number): void {
    const pos = templateLine === undefined ? this.doc.locate(path) : this.doc.locateLine(path, templateLine);
    this.diags.error(message, { file: this.doc.file, ...pos });
  }

  unique(kind: string, id: string, path: DocPath): void {
    const seen = this.ids.get(kind) ?? new Set<string>();
    if (seen.has(id)) this.fail(path, `duplicate ${kind} id ${JSON.stringify(id)}`);
    seen.add(id);
    this.ids.set(kind, seen);
  }

  regex(source: string | undefined, path: DocPath): RegExp | undefined {
    if (source === undefined) return undefined;
    try {
      return new RegExp(source, 'i');
    } catch (e) {
      this.fail(path, `invalid regular expression: ${(e as Error).message}`);
      return undefined;
    }
  }

  tuning(t: TuningSpec, path: DocPath): void {
    const needs: Partial<Record<TuningSpec['policy'], (keyof TuningSpec)[]>> = {
      percentile: ['percentile'],
      robust: ['k'],
      'noise-budget': ['maxEpisodes'],
      'relative-to-tag': ['tag', 'fraction'],
    };
    for (const key of needs[t.policy] ?? []) {
      if (t[key] === undefined) this.fail(path, `tuning policy ${t.policy} needs ${key}`);
    }
    if (t.floor !== undefined && t.ceiling !== undefined && t.floor > t.ceiling) this.fail([...path, 'floor'], 'floor is above ceiling');
    if (t.withoutTag !== undefined && t.policy !== 'relative-to-tag') this.fail([...path, 'withoutTag'], 'withoutTag is for the relative-to-tag policy: the policy a resource without its tag falls back to');
    if (t.withoutTag !== undefined) for (const key of needs[t.withoutTag] ?? []) if (t[key] === undefined) this.fail([...path, 'withoutTag'], `withoutTag ${t.withoutTag} needs ${key}`);
  }

  template(source: string | undefined, path: DocPath): void {
    if (source === undefined) return;
    const problem = checkTemplate(source);
    if (problem) this.fail(path, `template: ${problem.message}`, problem.line);
  }

  alarm(raw: RawAlarm, path: DocPath, forFilter: boolean): AlarmSpec {
    this.unique('alarm', raw.id, [...path, 'id']);
    this.alarmIds.add(raw.id);
    if (forFilter) {
      if (raw.metric || raw.math) this.fail(path, "a metric filter's alarm watches the filter's metric; remove metric/math");
    } else {
      if ((raw.metric === undefined) === (raw.math === undefined)) this.fail(path, 'an alarm needs exactly one of metric or math');
      if (raw.statistic !== undefined) this.fail([...path, 'statistic'], 'statistic belongs inside metric');
    }
    if (raw.tuning) this.tuning(raw.tuning, [...path, 'tuning']);
    for (const [i, e] of (raw.tuning?.evaluations ?? []).entries()) {
      const at = [...path, 'tuning', 'evaluations', i];
      if (e.datapointsToAlarm > e.evaluationPeriods) this.fail([...at, 'datapointsToAlarm'], `datapointsToAlarm (${e.datapointsToAlarm}) exceeds evaluationPeriods (${e.evaluationPeriods})`);
      if (e.evaluationPeriods <= raw.evaluationPeriods) this.fail([...at, 'evaluationPeriods'], `an alternative evaluation must be longer than the alarm's own ${raw.evaluationPeriods} periods`);
      if (raw.period * e.evaluationPeriods > 86_400) this.fail([...at, 'evaluationPeriods'], `period × evaluationPeriods is ${raw.period * e.evaluationPeriods} s; CloudWatch allows at most 86400 s`);
    }
    // obsgen draws bands on one metric only: its backtest models the metric, not an expression.
    if (raw.tuning?.band && raw.math) this.fail([...path, 'tuning', 'band'], 'an anomaly detection band needs the alarm to watch one metric, not math');
    if (raw.tuning?.bandFill !== undefined && !raw.tuning.band) this.fail([...path, 'tuning', 'bandFill'], 'bandFill fills the gaps of an anomaly detection band; set band too');
    if (raw.metric) this.metric(raw.metric, [...path, 'metric']);
    if (raw.math) this.math(raw.math, [...path, 'math']);
    if (raw.datapointsToAlarm !== undefined && raw.datapointsToAlarm > raw.evaluationPeriods) {
      this.fail([...path, 'datapointsToAlarm'], `datapointsToAlarm (${raw.datapointsToAlarm}) exceeds evaluationPeriods (${raw.evaluationPeriods})`);
    }
    if (raw.period * raw.evaluationPeriods > 86_400) {
      this.fail([...path, 'evaluationPeriods'], `period × evaluationPeriods is ${raw.period * raw.evaluationPeriods} s; CloudWatch allows at most 86400 s`);
    }
    if (raw.range) {
      const { min, max, softMax } = raw.range;
      if (max !== undefined && softMax !== undefined) this.fail([...path, 'range', 'softMax'], 'set max or softMax, not both: a metric that never passes max has no soft maximum below it');
      const upper = max ?? softMax;
      if (min !== undefined && upper !== undefined && min >= upper) this.fail([...path, 'range'], `range min (${min}) must be below ${max !== undefined ? 'max' : 'softMax'} (${upper})`);
      // The default holds on every resource, those capped at a soft maximum too.
      const unreachable = reachable(raw.threshold, raw.comparison, { min, max: upper });
      if (unreachable) this.fail([...path, 'threshold'], `the default threshold ${raw.threshold} is ${unreachable}: the alarm could never fire`);
    }
    for (const key of ['description', 'firstCheck', 'runbook'] as const) this.template(raw[key], [...path, key]);
    // A runbook is a link in the docs, and only https links are written. One that tags fill
    // in is checked per resource (model/build.ts); a fixed one here, once.
    if (raw.runbook !== undefined && !raw.runbook.includes('{{') && raw.runbook.trim() !== '' && !isHttpsUrl(raw.runbook.trim())) {
      this.diags.warning(`runbook ${JSON.stringify(raw.runbook)} is not an https URL: the documentation shows no runbook link for this alarm`, { file: this.doc.file, ...this.doc.locate([...path, 'runbook']) });
    }
    return { ...raw, at: { doc: this.doc, path } };
  }

  metric(m: RawMetric, path: DocPath): MetricSpec {
    this.template(m.name, [...path, 'name']);
    for (const [k, v] of Object.entries(m.dimensions ?? {})) this.template(v, [...path, 'dimensions', k]);
    return m;
  }

  math(m: RawMath, path: DocPath): void {
    if (Object.hasOwn(m.metrics, MATH_RESULT_ID)) this.fail([...path, 'metrics', MATH_RESULT_ID], `metric id ${JSON.stringify(MATH_RESULT_ID)} is reserved for the expression`);
    for (const [id, metric] of Object.entries(m.metrics)) this.metric(metric, [...path, 'metrics', id]);
    // Query ids start lower-case and CloudWatch functions are upper-case, so any lower-case
    // identifier outside quotes must be one of this expression's metrics.
    const unquoted = m.expression.replace(/"[^"]*"|'[^']*'/g, '');
    for (const [token] of unquoted.matchAll(/\b[a-z][A-Za-z0-9_]*\b/g)) {
      if (!Object.hasOwn(m.metrics, token)) this.fail([...path, 'expression'], `expression refers to ${JSON.stringify(token)}, which is not in metrics`);
    }
  }
}
