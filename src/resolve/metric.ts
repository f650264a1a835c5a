import type { MetricSpec, SpecRef } from '../blueprints/types.js';
import type { DocPath } from '../diagnostics/source-document.js';
import type { Dimension, Resource } from '../discover/types.js';
import type { Renderer } from './render.js';
import type { MetricStat } from './types.js';

/**
 * Resolves a blueprint metric against a resource: the resource's namespace and dimensions
 * unless the blueprint names others. Undefined when a template fails (already reported).
 */
export function resolveMetric(
  spec: MetricSpec,
  resource: Resource,
  context: object,
  renderer: Renderer,
  at: SpecRef,
  field: DocPath,
): MetricStat | undefined {
  const name = renderer.render(spec.name, context, at, [...field, 'name'], resource.arn);
  if (name === undefined) return undefined;
  const dimensions: Dimension[] = resource.dimensions.map((d) => ({ ...d }));
  for (const [dimName, template] of Object.entries(spec.dimensions ?? {})) {
    const value = renderer.render(template, context, at, [...field, 'dimensions', dimName], resource.arn);
    if (value === undefined) return undefined;
    const existing = dimensions.find((d) => d.name === dimName);
    if (existing) existing.value = value;
    else dimensions.push({ name: dimName, value });
  }
  return {
    namespace: spec.namespace ?? resource.namespace,
    name,
    dimensions,
    statistic: spec.statistic,
    ...(spec.unit ? { unit: spec.unit } : {}),
    ...(spec.label ? { label: spec.label } : {}),
  };
}
