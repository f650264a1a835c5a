import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeAlarmName, safeDashboardName } from '../../src/model/names.js';
import { monitoringPages } from '../../src/model/pages.js';
import { mdText } from '../../src/util/markdown.js';
import { parseTemplate, validateTemplates } from '../helpers/cloudformation-output.js';
import { asParsedLiteral, parseHcl } from '../helpers/hcl.js';
import { isOwnSection, markdownFindings, TABLE } from '../helpers/markdown-check.js';
import type { MarkdownShape } from '../helpers/markdown-check.js';
import { generateFor } from '../helpers/pipeline.js';
import { validateTerraformOutput } from '../helpers/terraform-output.js';

// Tag values are untrusted: anyone who can tag a resource writes them.
const HOSTILE = [
  '"', "'", '\\', '\\"', '${file("/etc/passwd")}', '%{ if true }x%{ endif }', '$${x}', '{{constructor}}', '{{> evil}}',
  'line\nbreak', 'cr\rlf', 'tab\there', '\u0000', '\u001b[31mred', '\u0085', '\u2028', '\u202eevil', 'é', '😀', 'yes', 'null', '0777',
  '- x', 'a: b', '#c', '!Ref AWS::AccountId', '[link](javascript:alert(1))', '<script>', '| table |', 'x'.repeat(256), ' ', '',
];
const hostile = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 256, unit: 'binary' }),
  fc.string({ maxLength: 64, unit: 'grapheme' }),
  fc.array(fc.constantFrom(...HOSTILE), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('').slice(0, 256)),
);

interface Case {
  app: string;
  note: string;
}

function inventory(cases: Case[]) {
  return cases.map((c, i) => ({
    ResourceARN: `arn:aws:lambda:eu-west-1:123456789012:function:fn-${i}`,
    Tags: [
      { Key: 'app', Value: c.app },
      { Key: 'note', Value: c.note },
    ],
  }));
}

describe('hostile tag values through every emitter', () => {
  it('never break or inject into CloudFormation or Terraform, and arrive as the intended text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ app: hostile, note: hostile }), { minLength: 1, maxLength: 8 }), async (cases) => {
        const { result, diags } = generateFor(inventory(cases), {
          config: (c) => {
            c.output.targets = ['cloudformation', 'terraform'];
            // Tag values in alarm names too, the worst case for quoting and limits.
            c.naming.alarmName = '{{prefix}}{{tags.note}}/{{resource.name}}/{{alarm.id}}';
          },
        });
        expect(diags.items.filter((d) => d.severity === 'error')).toEqual([]);
        const files = result!.files.map((f) => [f.path, f.content] as [string, string]);

        // Both outputs pass their validators (schemas, limits, HCL parse and fmt).
        expect(validateTemplates(files)).toEqual([]);
        expect(await validateTerraformOutput(files)).toEqual([]);

        // The texts arrive exactly as intended, in CloudFormation...
        const cfn = files.filter(([p]) => p.startsWith('cloudformation/')).map(([p, t]) => parseTemplate(p, t) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> });
        const resources = cfn.flatMap((t) => Object.values(t.Resources));
        // The intended text is the tag's in Unicode NFC: Terraform normalises every string so.
        cases.map((c) => ({ app: c.app.normalize('NFC'), note: c.note.normalize('NFC') })).forEach((c, i) => {
          const name = safeAlarmName(`obsgen/${c.note}/fn-${i}/errors`);
          const alarm = resources.find((r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties['AlarmName'] === name);
          expect(alarm, `alarm ${JSON.stringify(name)}`).toBeDefined();
          const model = result!.model.alarms.find((a) => a.name === name)!;
          expect(alarm!.Properties['AlarmDescription']).toBe(model.description.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
          // The description points to the application's page, a safe file name whatever the tag.
          const page = monitoringPages(result!.model.alarms.map((a) => a.resource.app)).get(model.resource.app)!;
          expect(model.resource.app).toBe(c.app || 'unassigned');
          expect(model.description).toContain(`first check and details: ${page} in its output.`);
          expect(files.find(([p]) => p === page)?.[1]).toContain(`# ${mdText(model.resource.app)}\n`);
          const dashboard = resources.find((r) => r.Type === 'AWS::CloudWatch::Dashboard' && r.Properties['DashboardName'] === safeDashboardName(`obsgen-${c.app || 'unassigned'}-eu-west-1`));
          expect(dashboard).toBeDefined();
          const body = JSON.parse(dashboard!.Properties['DashboardBody'] as string) as { widgets: { properties: { markdown?: string } }[] };
          expect(body.widgets[0]!.properties.markdown).toContain(mdText(c.app || 'unassigned'));
        });

        // ...and in Terraform (hcl2json keeps template sequences escaped, nothing else).
        const alarmFiles = files.filter(([p]) => /^terraform\/alarms[^/]*\.tf$/.test(p));
        expect(alarmFiles.length).toBeGreaterThan(0);
        const byName = new Map<string, { alarm_name: string; alarm_description: string }>();
        for (const [path, text] of alarmFiles) {
          const parsed = (await parseHcl(path, text)) as { resource: { aws_cloudwatch_metric_alarm: Record<string, { alarm_name: string; alarm_description: string }[]> } };
          for (const [a] of Object.values(parsed.resource.aws_cloudwatch_metric_alarm)) byName.set(a!.alarm_name, a!);
        }
        for (const a of result!.model.alarms) {
          const tf = byName.get(asParsedLiteral(a.name.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')));
          expect(tf, `terraform alarm ${JSON.stringify(a.name)}`).toBeDefined();
          expect(tf!.alarm_description).toBe(asParsedLiteral(a.description.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')));
        }

        // ...and in the Markdown documents: every table row keeps its cells, no tag starts a
        // heading, and, rendered by CommonMark/GFM implementations (test/helpers/markdown-check.ts),
        // no tag makes HTML, a link or an invisible character.
        // Cells per table row: every row has its table's header's count (a tag never splits a cell).
        const pages = files.filter(([p]) => p.startsWith('monitoring/')).map(([p]) => p);
        expect(pages.length).toBe(new Set(result!.model.alarms.map((a) => a.resource.app)).size);
        const generated = new Set(files.map(([p]) => p));
        // THRESHOLDS.md has a row (one bold threshold) per alarm thresholds.json lists; the alarms
        // left untried for want of history are counted, not listed.
        const thresholds = JSON.parse(files.find(([p]) => p === 'thresholds.json')![1]) as { alarms: unknown[]; notListed: { count: number } };
        expect(thresholds.alarms.length + thresholds.notListed.count).toBe(result!.model.alarms.filter((a) => ['tuned', 'fallback', 'kept'].includes(a.threshold.provenance.kind)).length);
        const shapes: Record<string, MarkdownShape> = {
          'MONITORING.md': { elements: new Set(['h1', 'p', 'a', 'code', ...TABLE]), ownLink: (href) => generated.has(href) },
          'THRESHOLDS.md': { elements: new Set(['h1', 'p', 'code', 'strong', ...TABLE]), strong: thresholds.alarms.length },
        };
        for (const doc of ['MONITORING.md', 'THRESHOLDS.md', ...pages]) {
          const text = files.find(([p]) => p === doc)![1];
          let cells: number | undefined;
          for (const line of text.split('\n')) {
            if (!line.startsWith('|')) {
              cells = undefined;
              continue;
            }
            const count = line.replace(/\\./g, '').split('|').length;
            // A table's first line is its header, written by obsgen alone.
            cells ??= count;
            expect(count, `${doc}: ${line}`).toBe(cells);
          }
          // A page links to other generated pages, and to its own sections.
          const shape = shapes[doc] ?? { elements: new Set(['h1', 'h2', 'p', 'a', 'code', ...TABLE]), ownLink: (href: string) => generated.has(href.replace(/^\.\.\//, '')) || isOwnSection(text, href) };
          expect(markdownFindings(doc, text, shape)).toEqual([]);
          const headings = text.split('\n').filter((l) => l.startsWith('#'));
          expect(headings.length, doc).toBeLessThanOrEqual(1 + 2 * (cases.length + 1) + cases.length * 3);
        }
        // Every application page is linked from the index, and links back.
        const index = files.find(([p]) => p === 'MONITORING.md')![1];
        for (const page of pages) {
          expect(index).toContain(`](${page})`);
          expect(files.find(([p]) => p === page)![1]).toContain('](../MONITORING.md)');
        }
      }),
      { numRuns: 12 },
    );
  });
});
