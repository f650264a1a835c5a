import type { Config } from '../config/types.js';
import { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Plan } from '../match/types.js';
import { Renderer, resourceContext } from './render.js';

/**
 * The log group names the plan's blueprints would create, per `account/region`: what the live
 * source looks up to find the ones that exist already. Rendering problems are left for the
 * model build to report.
 */
export function plannedLogGroupNames(plan: Plan, config: Config): Map<string, string[]> {
  const renderer = new Renderer(new Diagnostics());
  const out = new Map<string, string[]>();
  for (const p of plan.resources) {
    const r = p.resource;
    const context = resourceContext(r, p.app, p.env, config.naming.prefix);
    for (const { spec } of p.logGroups) {
      const name = renderer.render(spec.name, context, spec.at, ['name'], r.arn);
      if (name === undefined) continue;
      const key = `${r.account}/${r.region}`;
      const list = out.get(key) ?? [];
      list.push(name);
      out.set(key, list);
    }
  }
  return out;
}

/**
 * Few prefixes that cover the names: each name's folder (`/aws/lambda/` for Lambda log groups),
 * so one paginated listing serves all functions of a region.
 */
export function logGroupPrefixes(names: readonly string[]): string[] {
  const prefixes = new Set(names.map((n) => (n.lastIndexOf('/') > 0 ? n.slice(0, n.lastIndexOf('/') + 1) : n)));
  return [...prefixes].sort();
}
