import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { describe, expect, it } from 'vitest';
import { ARN_MAKERS } from '../../scripts/lib/arn-makers.js';
import { loadBlueprints } from '../../src/blueprints/load.js';
import type { Blueprint, MetricSpec } from '../../src/blueprints/types.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { parseArn } from '../../src/services/arn.js';
import { recogniseArn } from '../../src/services/registry.js';
import { builtinBlueprintSources } from '../helpers/pipeline.js';
import { REPO } from '../helpers/paths.js';

// One JSON file per namespace: key → why the metric is right, with the AWS page that lists it.
const EXCEPTIONS_DIR = join(REPO, 'test/fixtures/metric-catalogue-exceptions');
const CATALOGUE_EXCEPTIONS: Record<string, string> = Object.assign(
  {},
  ...readdirSync(EXCEPTIONS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(EXCEPTIONS_DIR, f), 'utf8')) as Record<string, string>),
);

interface Use {
  namespace: string;
  name: string;
  /** Dimension name → value (undefined when it is a template). */
  dimensions: Map<string, string | undefined>;
  where: string;
}

// The catalogue: namespace + metric name → its dimension sets (name → fixed value, if any).
function catalogue(): Map<string, Map<string, string | undefined>[]> {
  const db = loadAwsServiceSpecSync();
  const out = new Map<string, Map<string, string | undefined>[]>();
  for (const m of db.all('metric')) {
    const key = `${m.namespace} ${m.name}`;
    const sets = out.get(key) ?? [];
    for (const rel of db.follow('usesDimensionSet', m)) {
      // A value equal to the dimension's own name is a placeholder, not a fixed value.
      sets.push(new Map(rel.entity.dimensions.map((d) => [d.name, d.value && d.value !== d.name ? d.value : undefined])));
    }
    out.set(key, sets);
  }
  return out;
}

/** Every AWS metric a blueprint uses, resolved against a sample resource of its type. */
function usesOf(blueprint: Blueprint): Use[] {
  const made = ARN_MAKERS[blueprint.resourceType]!('123456789012', 'eu-west-1', 'sample-name');
  const found = recogniseArn(parseArn(made.arn)!, new Map(Object.entries(made.tags ?? {})));
  if (found?.recognition.kind !== 'resource') throw new Error(`no sample resource for ${blueprint.resourceType}`);
  const base = new Map(found.recognition.dimensions.map((d) => [d.name, d.value as string | undefined]));
  const namespace = found.recognition.namespace ?? found.type.namespace;
  const use = (m: MetricSpec, where: string): Use => {
    const dimensions = new Map(base);
    for (const [k, v] of Object.entries(m.dimensions ?? {})) dimensions.set(k, v.includes('{{') ? undefined : v);
    return { namespace: m.namespace ?? namespace, name: m.name, dimensions, where: `${blueprint.id}: ${where}` };
  };
  const out: Use[] = [];
  for (const a of blueprint.alarms) {
    if (a.metric) out.push(use(a.metric, `alarm ${a.id}`));
    for (const [id, m] of Object.entries(a.math?.metrics ?? {})) out.push(use(m, `alarm ${a.id} (${id})`));
  }
  for (const w of blueprint.widgets) {
    for (const m of w.metrics ?? []) out.push(use(m, `widget ${JSON.stringify(w.title)}`));
    for (const [id, m] of Object.entries(w.math?.metrics ?? {})) out.push(use(m, `widget ${JSON.stringify(w.title)} (${id})`));
  }
  // Metric filters publish custom metrics; only AWS's own namespaces are in the catalogue.
  return out.filter((u) => u.namespace.startsWith('AWS/'));
}

function keyOf(u: Use): string {
  return `${u.namespace} ${u.name} [${[...u.dimensions.keys()].sort().join('+')}]`;
}

/** Uses missing from the catalogue and the exceptions, and exceptions no use needed. */
function check(blueprints: Blueprint[], known: ReturnType<typeof catalogue>, exceptions: Record<string, string>): { missing: string[]; stale: string[] } {
  const missing: string[] = [];
  const usedExceptions = new Set<string>();
  for (const u of blueprints.flatMap(usesOf)) {
    const sets = known.get(`${u.namespace} ${u.name}`) ?? [];
    const ok = sets.some(
      (set) =>
        set.size === u.dimensions.size &&
        [...set].every(([name, fixed]) => u.dimensions.has(name) && (fixed === undefined || u.dimensions.get(name) === undefined || u.dimensions.get(name) === fixed)),
    );
    if (ok) continue;
    if (exceptions[keyOf(u)] !== undefined) usedExceptions.add(keyOf(u));
    else missing.push(`${keyOf(u)} (${u.where})`);
  }
  return { missing, stale: Object.keys(exceptions).filter((k) => !usedExceptions.has(k)) };
}

describe('metric catalogue', () => {
  const diags = new Diagnostics();
  const blueprints = loadBlueprints(builtinBlueprintSources(), diags);
  const known = catalogue();

  it('the built-in blueprints load', () => {
    expect(diags.items).toEqual([]);
    expect(blueprints.length).toBeGreaterThan(0);
  });

  it('every AWS metric a blueprint uses exists with that namespace and dimension set, or is a listed exception', () => {
    const { missing, stale } = check(blueprints, known, CATALOGUE_EXCEPTIONS);
    expect(missing, 'add the metric to test/fixtures/metric-catalogue-exceptions.ts with the AWS page that documents it, or fix the blueprint').toEqual([]);
    expect(stale, 'these exceptions are no longer needed').toEqual([]);
  });

  it('catches a misspelled metric, a wrong dimension set and a wrong fixed dimension value', () => {
    const yaml = (metric: string, type: string) =>
      `id: probe\nresourceType: ${type}\ndescription: x\ndashboard:\n  widgets:\n    - title: t\n      metrics:\n        - ${metric}\n`;
    const probe = (metric: string, type = 'lambda:function') => loadBlueprints([{ file: 'probe.yaml', text: yaml(metric, type), builtin: false }], new Diagnostics());
    expect(check(probe('{ name: Errors, statistic: Sum }'), known, {}).missing).toEqual([]);
    expect(check(probe('{ name: Errorz, statistic: Sum }'), known, {}).missing).toHaveLength(1);
    expect(check(probe('{ name: Errors, statistic: Sum, dimensions: { Queue: x } }'), known, {}).missing).toHaveLength(1);
    expect(check(probe('{ name: Requests, statistic: Sum }', 'cloudfront:distribution'), known, {}).missing).toEqual([]);
    expect(check(probe('{ name: Requests, statistic: Sum, dimensions: { Region: Local } }', 'cloudfront:distribution'), known, {}).missing).toHaveLength(1);
    expect(check(probe('{ name: Errors, statistic: Sum }'), known, { 'AWS/X Y [Z]': 'unused' }).stale).toEqual(['AWS/X Y [Z]']);
  });

  it('built-in alarms state their source, meaning, first check, runbook and severity', () => {
    for (const b of blueprints) {
      for (const a of [...b.alarms, ...b.logGroups.flatMap((l) => l.metricFilters.flatMap((f) => (f.alarm ? [f.alarm] : [])))]) {
        expect(a.firstCheck, `${b.id}/${a.id} firstCheck`).toBeTruthy();
        expect(a.runbook, `${b.id}/${a.id} runbook`).toMatch(/^https:\/\//);
        expect(a.source.length, `${b.id}/${a.id} source`).toBeGreaterThan(10);
      }
    }
  });
});
