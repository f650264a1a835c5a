import { describe, expect, it } from 'vitest';
import type { DashboardWidget } from '../../src/model/types.js';
import type { Config } from '../../src/config/types.js';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { generateFor, lambdas } from '../helpers/pipeline.js';

/** A one-alarm Lambda blueprint with this description. */
function ownerBlueprint(description: string): string {
  return `id: owned
resourceType: lambda:function
description: Functions
alarms:
  - id: errors
    title: Errors
    severity: critical
    description: "${description}"
    source: test
    metric: { name: Errors, statistic: Sum }
    period: 60
    evaluationPeriods: 1
    comparison: GreaterThanThreshold
    threshold: 0
    treatMissingData: notBreaching
`;
}

function overlaps(a: DashboardWidget, b: DashboardWidget): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('buildModel', () => {
  it('applies threshold, severity and disable overrides with provenance', () => {
    const { result, diags } = generateFor([
      {
        ResourceARN: 'arn:aws:lambda:eu-west-1:123456789012:function:pay',
        Tags: [
          { Key: 'app', Value: 'shop' },
          { Key: 'obsgen:threshold:duration', Value: '12000' },
          { Key: 'obsgen:severity:throttles', Value: 'critical' },
          { Key: 'obsgen:disable', Value: 'concurrency' },
        ],
      },
    ]);
    expect(diags.items).toEqual([]);
    const alarms = new Map(result!.model.alarms.map((a) => [a.alarmId, a]));
    expect(alarms.has('concurrency')).toBe(false);
    expect(alarms.get('duration')!.threshold).toEqual({ value: 12000, provenance: { kind: 'tag', tag: 'obsgen:threshold:duration', defaultValue: 5000 } });
    expect(alarms.get('duration')!.description).toContain('set by tag obsgen:threshold:duration; default 5000');
    expect(alarms.get('throttles')!.severity).toBe('critical');
    // Tuned from history when there is some; without, the default, saying why.
    expect(alarms.get('errors')!.threshold.provenance).toMatchObject({ kind: 'fallback', policy: 'envelope', reason: 'no metric history' });
    expect(alarms.get('timeouts')!.threshold.provenance.kind).toBe('default');
    const composite = result!.model.composites[0]!;
    expect(composite.children).toContain('obsgen/lambda:function/pay/throttles');
    expect(composite.rule).toBe(composite.children.map((n) => `ALARM("${n}")`).join(' OR '));
  });

  it('gives metric filters and their alarms to the log group, with retention by environment', () => {
    const { result } = generateFor(lambdas(1, { app: 'shop', env: 'prod' }), {
      config: (c) => {
        c.logs.retentionByEnvironment = new Map([['prod', 365]]);
      },
    });
    const model = result!.model;
    expect(model.logGroups.map((l) => [l.name, l.retentionDays])).toEqual([['/aws/lambda/fn-0000', 365]]);
    expect(model.metricFilters.map((f) => f.pattern)).toEqual(['?ERROR ?Error ?Exception', '"Task timed out"']);
    const timeouts = model.alarms.find((a) => a.alarmId === 'timeouts')!;
    expect(timeouts.metricFilterId).toBe(model.metricFilters[1]!.id);
    expect(timeouts.metric).toEqual({ kind: 'single', metric: { namespace: 'obsgen/Logs', name: 'Timeouts/fn-0000', dimensions: [], statistic: 'Sum' } });
  });

  it('splits an application composite alarm past 100 children, in name order', () => {
    const { result } = generateFor(lambdas(150));
    const composites = result!.model.composites;
    expect(composites.map((c) => c.children.length)).toEqual([100, 50]);
    expect(composites.map((c) => c.name)).toEqual(['obsgen/application/shop/critical', 'obsgen/application/shop/critical-2']);
    expect(composites[0]!.children.at(-1)! < composites[1]!.children[0]!).toBe(true);
    for (const c of composites) expect(c.rule.length).toBeLessThanOrEqual(10_240);
  });

  it('keeps the application composite that pages when the application passes 100 critical alarms, and back', () => {
    const ids = (m: { composites: { id: string; name: string }[] }) => m.composites.map((c) => [c.id, c.name]);
    const one = generateFor(lambdas(100)).result!;
    expect(ids(one.manifest)).toEqual([['123456789012/eu-west-1/app/shop/composite', 'obsgen/application/shop/critical']]);
    // One more critical alarm: a second part is added, the first is the same alarm (a shorter rule).
    const two = generateFor(lambdas(101), { previous: one.manifest }).result!;
    expect(ids(two.manifest)).toEqual([...ids(one.manifest), ['123456789012/eu-west-1/app/shop/composite-2', 'obsgen/application/shop/critical-2']]);
    expect(two.model.composites[0]!.description).toContain('(part 1 of 2)');
    expect(ids(generateFor(lambdas(100), { previous: two.manifest }).result!.manifest)).toEqual(ids(one.manifest));
  });

  it('keeps the first part numbered where a previous run named it -1 (before the first part kept its name)', () => {
    const now = generateFor(lambdas(150)).result!.manifest;
    const numbered = (id: string) => id.replace(/\/composite$/, '/composite-1');
    const legacy = { ...now, composites: now.composites.map((c) => ({ ...c, id: numbered(c.id), name: c.name.replace(/critical$/, 'critical-1') })) };
    const names = (m: { composites: { name: string }[] }) => m.composites.map((c) => c.name);
    expect(names(generateFor(lambdas(151), { previous: legacy }).result!.manifest)).toEqual(['obsgen/application/shop/critical-1', 'obsgen/application/shop/critical-2']);
    // Back under 100: the legacy name holds too (renaming it would replace the alarm).
    expect(names(generateFor(lambdas(40), { previous: legacy }).result!.manifest)).toEqual(['obsgen/application/shop/critical-1']);
  });

  it('lays dashboards out on the 24-column grid without overlaps, split before 500 widgets', () => {
    const { result } = generateFor(lambdas(200));
    const dashboards = result!.model.dashboards.filter((d) => d.app !== '');
    // 200 functions × 5 widgets (header + 4 graphs) exceed 500 widgets twice: three dashboards.
    expect(dashboards.map((d) => d.name)).toEqual(['obsgen-shop-eu-west-1', 'obsgen-shop-eu-west-1-2', 'obsgen-shop-eu-west-1-3']);
    for (const d of dashboards) {
      const widgets = d.body.widgets;
      expect(widgets.length).toBeLessThanOrEqual(500);
      for (const w of widgets) {
        expect(w.x).toBeGreaterThanOrEqual(0);
        expect(w.x + w.width).toBeLessThanOrEqual(24);
        expect(w.height).toBeGreaterThanOrEqual(1);
      }
      for (let i = 0; i < widgets.length; i++) for (let j = i + 1; j < widgets.length; j++) expect(overlaps(widgets[i]!, widgets[j]!)).toBe(false);
    }
    const first = dashboards[0]!.body.widgets;
    expect(first[0]!.type).toBe('text');
    expect(first[1]!.type).toBe('alarm');
  });

  it('gives each account and region an overview: application status and links to their dashboards', () => {
    const { result } = generateFor([...lambdas(2, { app: 'shop' }), ...lambdas(1, { app: 'Search | [x](y)' }).map((m) => ({ ...m, ResourceARN: `${m.ResourceARN}-s` }))]);
    const overview = result!.model.dashboards.find((d) => d.name === 'obsgen-overview-eu-west-1')!;
    expect(overview.body.widgets[1]!.properties['alarms']).toEqual(result!.model.composites.map((c) => `arn:aws:cloudwatch:eu-west-1:123456789012:alarm:${c.name}`).sort());
    const table = overview.body.widgets[2]!.properties['markdown'] as string;
    expect(table).toContain('| shop | 2 | 14 | 2 | [obsgen-shop-eu-west-1](#dashboards:name=obsgen-shop-eu-west-1) |');
    // An application name from a tag cannot break the table or add a link.
    expect(table).toContain('| Search \\| \\[x\\]\\(y\\) | 1 |');
  });

  it('draws alarm thresholds on the widgets that name them', () => {
    const { result } = generateFor(lambdas(1));
    const widget = result!.model.dashboards[0]!.body.widgets.find((w) => w.properties['title'] === 'Duration')!;
    expect(widget.properties['annotations']).toEqual({ horizontal: [{ label: 'Duration p90 > 5000', value: 5000, fill: 'above' }] });
    expect(widget.properties['metrics']).toEqual([
      ['AWS/Lambda', 'Duration', 'FunctionName', 'fn-0000', { stat: 'p50', label: 'p50' }],
      ['AWS/Lambda', 'Duration', 'FunctionName', 'fn-0000', { stat: 'p90', label: 'p90' }],
      ['AWS/Lambda', 'Duration', 'FunctionName', 'fn-0000', { stat: 'Maximum', label: 'max' }],
    ]);
  });

  it("holds each distinct metric option and threshold annotation once, frozen, across the dashboards' widgets", () => {
    const { result } = generateFor(lambdas(3));
    const widgets = result!.model.dashboards.flatMap((d) => d.body.widgets).filter((w) => w.properties['title'] === 'Duration');
    expect(widgets).toHaveLength(3);
    const [a, b] = widgets.map((w) => w.properties);
    const options = (p: Record<string, unknown>) => (p['metrics'] as unknown[][]).map((line) => line.at(-1));
    options(a!).forEach((o, i) => expect(o).toBe(options(b!)[i]));
    expect(a!['annotations']).toBe(b!['annotations']);
    expect(Object.isFrozen(a!['annotations'])).toBe(true);
    expect(Object.isFrozen((a!['annotations'] as { horizontal: object[] }).horizontal[0])).toBe(true);
    // Each resource's own metric line is its own.
    expect((a!['metrics'] as unknown[])[0]).not.toBe((b!['metrics'] as unknown[])[0]);
  });

  it('a naming template reading a tag the resource lacks: a finding naming the resource and tag; the alarms get the default name', () => {
    const ARN0 = 'arn:aws:lambda:eu-west-1:123456789012:function:fn-0000';
    const naming = (c: Config) => void (c.naming.alarmName = '{{prefix}}{{tags.team}}/{{resource.name}}/{{alarm.id}}');
    const { result, diags } = generateFor([...lambdas(1), { ResourceARN: `${ARN0}-t`, Tags: [{ Key: 'team', Value: 'payments' }] }], { config: naming });
    expect(result).toBeDefined();
    // One finding for the resource (not one per alarm), none for the tagged one.
    expect(diags.items.map(formatDiagnostic)).toEqual([
      `${ARN0} (tag "team"): warning: template "{{prefix}}{{tags.team}}/{{resource.name}}/{{alarm.id}}" reads tag "team", which this resource does not have; its alarms keep the name they had last run, or new ones get the default name ("{{prefix}}{{resource.type}}/{{resource.name}}/{{alarm.id}}")`,
    ]);
    const names = result!.model.alarms.map((a) => a.name);
    expect(names).toContain('obsgen/lambda:function/fn-0000/errors');
    expect(names).toContain('obsgen/payments/fn-0000-t/errors');

    // Next run, the tagged resource loses its tag: its alarms keep the names they had.
    const again = generateFor([...lambdas(1), { ResourceARN: `${ARN0}-t`, Tags: [] }], { config: naming, previous: result!.manifest });
    expect(again.diags.hasErrors).toBe(false);
    expect(again.result!.model.alarms.map((a) => a.name)).toEqual(names);
  });

  it('a description template reading a missing tag renders it empty, with a finding; --strict makes it an error', () => {
    const blueprint = { file: 'bp.yaml', builtin: false, text: ownerBlueprint('Errors (owner: {{tags.owner}}{{tags.team}})') };
    const { result, diags } = generateFor(lambdas(1), { blueprints: [blueprint] });
    expect(diags.items.map((d) => [d.severity, d.tag])).toEqual([
      ['warning', 'owner'],
      ['warning', 'team'],
    ]);
    expect(diags.items[0]!.message).toMatch(/reads tag "owner", which this resource does not have; rendered with them empty$/);
    expect(result!.model.alarms[0]!.meaning).toBe('Errors (owner: )');
    expect(result!.files.length).toBeGreaterThan(0);

    const strict = generateFor(lambdas(1), { blueprints: [blueprint], strict: true });
    expect(strict.result).toBeUndefined();
    expect(strict.diags.items.map((d) => [d.severity, d.tag, d.message])).toEqual([
      ['error', 'owner', 'template "Errors (owner: {{tags.owner}}{{tags.team}})" reads tag "owner", which this resource does not have'],
      ['error', 'team', 'template "Errors (owner: {{tags.owner}}{{tags.team}})" reads tag "team", which this resource does not have'],
    ]);
  });

  it('any other template failure is still an error at the blueprint naming the resource', () => {
    const { result, diags } = generateFor(lambdas(1, { app: 'shop', team: 'payments' }), {
      config: (c) => {
        c.naming.alarmName = '{{prefix}}{{tags.team.name}}/{{alarm.id}}';
      },
    });
    expect(result).toBeUndefined();
    expect(diags.items[0]!.severity).toBe('error');
    expect(diags.items[0]!.message).toContain('arn:aws:lambda:eu-west-1:123456789012:function:fn-0000');
    expect(diags.items[0]!.file).toMatch(/services\/[a-z0-9]+\/[a-z-]+\.yaml$/);
    expect(diags.items[0]!.line).toBeGreaterThan(1);
  });
});

describe('dashboard layout review', () => {
  it('renders the example checkout dashboard as a text grid artefact (test-artifacts/)', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { dashboardGrid } = await import('../../src/docs/dashboard-grid.js');
    const { REPO } = await import('../helpers/paths.js');
    const { readFileSync } = await import('node:fs');
    const { parse } = await import('yaml');
    const template = parse(readFileSync(join(REPO, 'generated/cloudformation/111111111111/eu-west-1/obsgen-apps-01.yaml'), 'utf8'), { version: '1.1' }) as {
      Resources: Record<string, { Type: string; Properties: { DashboardName: string; DashboardBody: string } }>;
    };
    const dashboards = Object.values(template.Resources).filter((r) => r.Type === 'AWS::CloudWatch::Dashboard');
    const checkout = dashboards.find((d) => d.Properties.DashboardName.startsWith('obsgen-checkout-'))!;
    const grid = dashboardGrid(JSON.parse(checkout.Properties.DashboardBody));
    mkdirSync(join(REPO, 'test-artifacts'), { recursive: true });
    writeFileSync(join(REPO, 'test-artifacts', `${checkout.Properties.DashboardName}.txt`), grid);
    // Header on top, then the alarm status grid, then titled sections.
    const lines = grid.split('\n');
    expect(lines[1]).toContain('text: # checkout');
    expect(grid).toContain('alarm ×');
    expect(grid).toMatch(/text: ### Lambda function · checkout-api/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(24 * 4 + 1);
  });
});
