import { describe, expect, it } from 'vitest';
import type { BlueprintSource } from '../../src/blueprints/load.js';
import { Diagnostics, formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { parseBlueprint } from '../../src/blueprints/load.js';
import { generateFor } from '../helpers/pipeline.js';

const blueprint = (runbook: string): BlueprintSource => ({
  file: 'blueprints/sqs.yaml',
  builtin: false,
  text: `id: sqs-queue
resourceType: sqs:queue
description: Queues.
alarms:
  - id: age
    title: Age
    severity: critical
    description: Old messages in {{resource.name}}.
    runbook: ${JSON.stringify(runbook)}
    source: test
    metric: { name: ApproximateAgeOfOldestMessage, statistic: Maximum }
    period: 60
    evaluationPeriods: 1
    comparison: GreaterThanThreshold
    threshold: 600
    treatMissingData: notBreaching
`,
});

const queue = (tags: Record<string, string>) => [{ ResourceARN: 'arn:aws:sqs:eu-west-1:123456789012:orders', Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }];

function docsOf(files: { path: string; content: string }[]): string {
  return files.filter((f) => f.path.startsWith('monitoring/')).map((f) => f.content).join('\n');
}

describe('runbook links from templates', () => {
  it('keeps an https runbook a tag fills in, and links it', () => {
    const { result, diags } = generateFor(queue({ app: 'shop', wiki: 'orders (eu)' }), { blueprints: [blueprint('https://wiki.example.com/runbooks/{{tags.wiki}}')] });
    expect(diags.items).toEqual([]);
    const alarm = result!.model.alarms[0]!;
    expect(alarm.runbook).toBe('https://wiki.example.com/runbooks/orders (eu)');
    expect(alarm.description).toContain('Runbook: https://wiki.example.com/runbooks/orders (eu)');
    expect(docsOf(result!.files)).toContain('[runbook](https://wiki.example.com/runbooks/orders%20%28eu%29)');
  });

  for (const value of ['javascript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'http://wiki.example.com/x', '//evil.example/x', 'see the wiki']) {
    it(`drops a runbook a tag makes ${JSON.stringify(value)}, with a finding on the resource`, () => {
      const { result, diags } = generateFor(queue({ app: 'shop', runbook: value }), { blueprints: [blueprint('{{tags.runbook}}')] });
      expect(diags.items.map((d) => ({ severity: d.severity, arn: d.arn }))).toEqual([{ severity: 'warning', arn: 'arn:aws:sqs:eu-west-1:123456789012:orders' }]);
      expect(diags.items[0]!.message).toBe(`runbook ${JSON.stringify(value)} (the template "{{tags.runbook}}" of blueprint sqs-queue, alarm age, filled in from this resource's tags) is not an https URL; the alarm gets no runbook`);
      const alarm = result!.model.alarms[0]!;
      expect(alarm.runbook).toBeUndefined();
      expect(alarm.description).not.toContain('Runbook:');
      expect(docsOf(result!.files)).not.toContain('](' + value);
      expect(docsOf(result!.files)).toMatch(/\| – \|$/m);
    });
  }

  it('reports a fixed runbook that is not https once, at its place in the blueprint', () => {
    const diags = new Diagnostics();
    expect(parseBlueprint(blueprint('http://intranet/runbooks/age'), diags)).toBeDefined();
    expect(diags.items.map(formatDiagnostic)).toEqual(['blueprints/sqs.yaml:9:14: warning: runbook "http://intranet/runbooks/age" is not an https URL: the documentation shows no runbook link for this alarm']);
    const { result, diags: runDiags } = generateFor(queue({ app: 'shop' }), { blueprints: [blueprint('http://intranet/runbooks/age')] });
    expect(runDiags.items.filter((d) => d.arn !== undefined)).toEqual([]);
    expect(result!.model.alarms[0]!.runbook).toBeUndefined();
  });
});

describe('composite alarms in text', () => {
  it('describe the application in plain text, as CloudWatch shows it', () => {
    const { result } = generateFor(queue({ app: 'pay "ments" \\ x' }), { blueprints: [blueprint('https://wiki.example.com/a')] });
    const [composite] = result!.model.composites;
    expect(composite!.description).toBe('In ALARM when any critical alarm of application "pay "ments" \\ x" in eu-west-1 is. Managed by obsgen.');
  });

  it('show their names exactly in a code span, not Markdown-escaped', () => {
    const { result } = generateFor(queue({ app: 'pay_ments*`x`' }), { blueprints: [blueprint('https://wiki.example.com/a')] });
    const [composite] = result!.model.composites;
    expect(composite!.name).toBe('obsgen/application/pay_ments*`x`/critical');
    expect(docsOf(result!.files)).toContain('Composite alarms (any critical alarm in ALARM): ``obsgen/application/pay_ments*`x`/critical``');
  });
});

describe('links to the application page (output.browseUrl)', () => {
  const BROWSE = 'https://github.com/acme/infra/blob/main/generated/';
  const PAGE = `${BROWSE}monitoring/shop.md`;
  const run = (browseUrl: string | undefined, meaning = 'Old messages in {{resource.name}}.') =>
    generateFor(queue({ app: 'shop' }), {
      blueprints: [{ ...blueprint('https://wiki.example.com/runbooks/age'), text: blueprint('https://wiki.example.com/runbooks/age').text.replace('Old messages in {{resource.name}}.', meaning) }],
      config: (c) => {
        if (browseUrl !== undefined) c.output.browseUrl = browseUrl;
      },
    });

  it('ends the alarm description with the link, and the composite alarm has it too', () => {
    const { result, diags } = run(BROWSE);
    expect(diags.items).toEqual([]);
    expect(result!.model.alarms[0]!.description.split('\n').at(-1)).toBe(`Managed by obsgen; first check and details: ${PAGE}`);
    const composite = result!.model.composites.find((c) => !c.slo)!;
    expect(composite.description).toBe(`In ALARM when any critical alarm of application "shop" in eu-west-1 is. Managed by obsgen; details: ${PAGE}`);
  });

  it('names the page by its path without it', () => {
    const { result } = run(undefined);
    expect(result!.model.alarms[0]!.description.split('\n').at(-1)).toBe('Managed by obsgen; first check and details: monitoring/shop.md in its output.');
    expect(result!.model.composites[0]!.description).toBe('In ALARM when any critical alarm of application "shop" in eu-west-1 is. Managed by obsgen.');
  });

  it('gives a link that would not fit whole in 1,024 characters way to the path, never a cut link', () => {
    // A meaning long enough that the description fits with the page's path, but not with the link.
    const rest = run(undefined, 'x').result!.model.alarms[0]!.description.length - 1;
    const { result } = run(BROWSE, 'x'.repeat(1024 - rest - 10));
    const description = result!.model.alarms[0]!.description;
    expect(description.length).toBe(1014);
    expect(description).not.toContain(BROWSE);
    expect(description.endsWith('first check and details: monitoring/shop.md in its output.')).toBe(true);
    expect(description.replace('monitoring/shop.md in its output.', PAGE).length).toBeGreaterThan(1024);
  });
});
