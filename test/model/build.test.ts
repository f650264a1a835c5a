import { describe, expect, it } from 'vitest';
import type { DashboardWidget } from '../../src/model/types.js';
import { generateFor, lambdas } from '../helpers/pipeline.js';

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
    expect(composites.map((c) => c.name)).toEqual(['obsgen/application/shop/critical-1', 'obsgen/application/shop/critical-2']);
    expect(composites[0]!.children.at(-1)! < composites[1]!.children[0]!).toBe(true);
    for (const c of composites) expect(c.rule.length).toBeLessThanOrEqual(10_240);
  });

  it('lays dashboards out on the 24-column grid without overlaps, split before 500 widgets', () => {
    const { result } = generateFor(lambdas(200));
    const dashboards = result!.model.dashboards.filter((d) => d.app !== '');
    // 200 functions × 4 widgets (header + 3 graphs) exceed 500 widgets: two dashboards.
    expect(dashboards.map((d) => d.name)).toEqual(['obsgen-shop-eu-west-1', 'obsgen-shop-eu-west-1-2']);
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
    expect(table).toContain('| shop | 2 | 12 | 2 | [obsgen-shop-eu-west-1](#dashboards:name=obsgen-shop-eu-west-1) |');
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

  it('reports a strict-mode template failure at the blueprint and names the resource', () => {
    const { result, diags } = generateFor(lambdas(1), {
      config: (c) => {
        c.naming.alarmName = '{{prefix}}{{tags.team}}/{{resource.name}}/{{alarm.id}}';
      },
    });
    expect(result).toBeUndefined();
    expect(diags.items[0]!.message).toContain('"team" not defined in [tags]');
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
