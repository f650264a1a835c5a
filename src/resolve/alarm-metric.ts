import type { AlarmSpec, MathSpec, MetricFilterSpec } from '../blueprints/types.js';
import type { Resource } from '../discover/types.js';
import { resolveMetric } from './metric.js';
import type { Renderer } from './render.js';
import type { AlarmMetric } from './types.js';
import { exact } from '../util/exact.js';

/**
 * What an alarm evaluates, resolved against its resource: a metric (a metric filter's
 * custom metric, for its alarm) or a math expression over metrics. Used by the model and by
 * tuning, which looks the same identity up in the metric history.
 */
export function alarmMetric(
  spec: AlarmSpec,
  filter: MetricFilterSpec | undefined,
  r: Resource,
  context: object,
  renderer: Renderer,
): AlarmMetric | undefined {
  if (filter) {
    // The filter's metric has no dimensions: filters can only take them from log fields.
    const namespace = renderer.render(filter.metric.namespace, context, filter.at, ['metric', 'namespace'], r.arn);
    const name = renderer.render(filter.metric.name, context, filter.at, ['metric', 'name'], r.arn);
    if (namespace === undefined || name === undefined) return undefined;
    return { kind: 'single', metric: { namespace, name, dimensions: [], statistic: spec.statistic ?? 'Sum' } };
  }
  if (spec.metric) {
    const m = resolveMetric(spec.metric, r, context, renderer, spec.at, ['metric']);
    return m && { kind: 'single', metric: m };
  }
  return spec.math ? resolveMath(spec.math, r, context, renderer, spec) : undefined;
}

function resolveMath(math: MathSpec, r: Resource, context: object, renderer: Renderer, spec: AlarmSpec): AlarmMetric | undefined {
  const queries: Extract<AlarmMetric, { kind: 'math' }>['queries'] = [];
  for (const [id, m] of Object.entries(math.metrics)) {
    const metric = resolveMetric(m, r, context, renderer, spec.at, ['math', 'metrics', id]);
    if (!metric) return undefined;
    queries.push({ id, metric });
  }
  return { kind: 'math', expression: math.expression, label: math.label, queries: exact(queries) };
}
