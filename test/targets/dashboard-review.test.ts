import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Mapping } from '../helpers/pipeline.js';
import { generateFor, lambdas } from '../helpers/pipeline.js';

// #19 item 7a: a dashboard body a reviewer can diff. One line of compact JSON made a threshold
// change (which moves the dashboard's threshold annotation) a rewrite of a 12 KB line.

const both = (c: { output: { targets: string[] } }) => void (c.output.targets = ['cloudformation', 'terraform']);

/** The files that hold dashboards, by path. */
function dashboardFiles(inventory: Mapping[]): Map<string, string> {
  const { result, diags } = generateFor(inventory, { config: both });
  expect(diags.items).toEqual([]);
  return new Map(result!.files.filter((f) => /-apps-\d+\.yaml$|dashboards-[^/]*\.tf$/.test(f.path)).map((f) => [f.path, f.content]));
}

/** The lines of `after` that are not in `before` and those of `before` not in `after` (the files keep their line count here). */
function changedLines(before: string, after: string): string[] {
  const b = before.split('\n');
  const a = after.split('\n');
  expect(a.length).toBe(b.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [b[i]!, line]));
}

describe('dashboard bodies are laid out for review', () => {
  it('a threshold change is a one-line change of each dashboard, in CloudFormation and in Terraform', () => {
    const fns = lambdas(6);
    const before = dashboardFiles(fns);
    // A tag moves one alarm's threshold, and with it the line the dashboard draws at it.
    const after = dashboardFiles(fns.map((m, i) => (i === 2 ? { ...m, Tags: [...m.Tags!, { Key: 'obsgen:threshold:duration', Value: '6000' }] } : m)));
    expect([...after.keys()]).toEqual(['cloudformation/123456789012/eu-west-1/obsgen-apps-01.yaml', 'terraform/dashboards-shop.tf']);
    for (const [path, text] of after) {
      const changed = changedLines(before.get(path)!, text);
      expect(changed, path).toHaveLength(2);
      expect(changed[0], path).toContain('Duration p90 > 5000');
      expect(changed[1], path).toContain('Duration p90 > 6000');
      // Terraform: one annotation per line. CloudFormation: the one widget's line (a widget per line
      // keeps the template's size, which counts towards CloudFormation's 1 MB limit).
      if (path.endsWith('.tf')) for (const line of changed) expect(line.length, path).toBeLessThan(200);
      else for (const line of changed) expect(line.trim(), path).toMatch(/^\{"type":"metric",.*\},?$/);
    }
  });

  it('CloudFormation YAML holds the body as a block literal of the same JSON value as the model; JSON templates keep it compact', () => {
    const yaml = generateFor(lambdas(2), { config: (c) => void (c.output.targets = ['cloudformation']) }).result!;
    const template = yaml.files.find((f) => f.path.endsWith('obsgen-apps-01.yaml'))!.content;
    expect(template).toMatch(/^ {6}DashboardBody: \|-\n {8}\{\n {10}"start": "-PT6H",\n/m);
    expect(template).toMatch(/^ {12}\{"type":"text",/m);
    const resources = (parse(template) as { Resources: Record<string, { Type: string; Properties: { DashboardBody: string } }> }).Resources;
    const [dashboard] = Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Dashboard');
    expect(JSON.parse(dashboard!.Properties.DashboardBody)).toEqual(yaml.model.dashboards[0]!.body);

    const json = generateFor(lambdas(2), {
      config: (c) => {
        c.output.targets = ['cloudformation'];
        c.output.cloudformation.syntax = 'json';
      },
    }).result!;
    const jsonTemplate = JSON.parse(json.files.find((f) => f.path.endsWith('obsgen-apps-01.json'))!.content) as { Resources: Record<string, { Type: string; Properties: { DashboardBody: string } }> };
    const [jsonDashboard] = Object.values(jsonTemplate.Resources).filter((r) => r.Type === 'AWS::CloudWatch::Dashboard');
    expect(jsonDashboard!.Properties.DashboardBody).toBe(JSON.stringify(json.model.dashboards[0]!.body));
  });
});
